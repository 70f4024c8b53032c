"""The S3 storage of ALMACENAMIENTO=s3 (pasto_rdc/almacenamiento.py): django-storages'
S3Storage, except that it never hands out a URL to the bucket.

Django renders `archivo.url` by itself in places the app does not control (the admin's
read-only file fields link to it). On the disk that URL is MEDIA_URL/<name>, which no
server serves; S3Storage would give a working signed URL to the bucket, around the
permission views. So here, as on the disk, `url()` is only MEDIA_URL/<name>: every file
reaches a user through a view that checks who is asking (plan.views.respuesta_archivo).
"""

from typing import Any

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage  # type: ignore[import-untyped]


class S3Privado(S3Storage):
    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        return f"/{settings.MEDIA_URL.strip('/')}/{filepath_to_uri(name)}"
