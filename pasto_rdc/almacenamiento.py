"""Where uploaded files live, chosen by the environment (README, «Almacenamiento de archivos»).

`ALMACENAMIENTO=local` (the default) keeps them under MEDIA_ROOT; `ALMACENAMIENTO=s3`
puts them in an S3 (or S3-compatible: MinIO, Ceph…) bucket through django-storages, so
every server of a deployment sees the same files. Either way the files are private: the
app never links to the storage, it streams each download through the view that checks
the user's permission (plan.views.respuesta_archivo). The S3 objects are written with a
private ACL, and the storage's `url()` never points at the bucket
(pasto_rdc/almacenamiento_s3.py); a signed URL, if a later feature asks boto3 for one,
is short-lived.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from pasto_rdc.env import env_int, env_str

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def almacenamiento_por_defecto() -> dict[str, Any]:
    """The STORAGES["default"] entry the environment asks for."""
    tipo = env_str("ALMACENAMIENTO", "local").strip().lower() or "local"
    if tipo == "local":
        return dict(LOCAL)
    if tipo != "s3":
        raise ImproperlyConfigured(f"ALMACENAMIENTO={tipo!r} no es válido: use «local» o «s3».")
    bucket = env_str("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        raise ImproperlyConfigured(
            "ALMACENAMIENTO=s3 necesita AWS_STORAGE_BUCKET_NAME (el nombre del bucket)."
        )
    opciones: dict[str, Any] = {
        "bucket_name": bucket,
        # Objects readable only with the keys: no grant to AllUsers.
        "default_acl": "private",
        # Should anything sign a URL with these options, it expires soon; the app
        # serves the files itself, so none reaches a page.
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 60),
        # A second upload under the same name gets its own key, as on the disk.
        "file_overwrite": False,
        # A file read from the bucket (a download, a backup) goes to a temporary file
        # above 2 MB instead of staying whole in memory (django-storages' default).
        "max_memory_size": 2 * 1024 * 1024,
    }
    # Without keys, boto3 looks for them itself (instance role, ~/.aws, AWS_* variables).
    # Each read by name, so tests/test_despliegue_ejemplos.py finds it in deploy/.
    for opcion, valor in (
        ("endpoint_url", env_str("AWS_S3_ENDPOINT_URL", "")),
        ("region_name", env_str("AWS_S3_REGION_NAME", "")),
        ("access_key", env_str("AWS_ACCESS_KEY_ID", "")),
        ("secret_key", env_str("AWS_SECRET_ACCESS_KEY", "")),
        ("location", env_str("AWS_LOCATION", "")),
    ):
        if valor.strip():
            opciones[opcion] = valor.strip()
    return {"BACKEND": "pasto_rdc.almacenamiento_s3.S3Privado", "OPTIONS": opciones}
