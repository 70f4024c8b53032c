"""The one abstract model of the core: a stored file that was checked by content.

Evidence (plan) and a space's attachments (dialogos) inherit it; they add their own
`archivo` FileField, whose `upload_to` builds its path with `ruta_unica`, and save
an upload with `guardar_archivo` (nucleo.archivos: type by content, size, SHA-256,
a short safe name, and no file left behind if the row cannot be written).
"""

import uuid
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.text import get_valid_filename

from nucleo import archivos


def ruta_unica(carpeta: str, filename: str) -> str:
    """`carpeta/<fresh UUID>/<safe name>`: an upload never collides with nor replaces another."""
    nombre = get_valid_filename(PurePath(filename).name) or "archivo"
    return f"{carpeta}/{uuid.uuid4().hex}/{nombre}"


class ArchivoGuardado(models.Model):
    """What is known of a stored file besides the file itself."""

    nombre_original = models.CharField("nombre original del archivo", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    tamano = models.PositiveBigIntegerField("tamaño (bytes)", null=True, blank=True)
    tipo_contenido = models.CharField("tipo de contenido", max_length=120, blank=True)

    class Meta:
        abstract = True

    def guardar_archivo(self, archivo: UploadedFile) -> None:
        """Check `archivo`, then save this row with it (see nucleo.archivos)."""
        archivos.guardar_con_archivo(self, archivo)
