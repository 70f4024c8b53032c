"""The core's models: a stored file checked by content, and an outgoing e-mail.

`ArchivoGuardado` (abstract): evidence (plan) and a space's attachments (dialogos)
inherit it; they add their own `archivo` FileField, whose `upload_to` builds its path
with `ruta_unica`, and save an upload with `guardar_archivo` (nucleo.archivos: type by
content, size, SHA-256, a short safe name, and no file left behind if the row cannot
be written).

`Correo`: every e-mail the system sends is first a row (nucleo.correo), so a message
that fails is kept and retried, and one with a `clave` is never sent twice.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Q
from django.utils.text import get_valid_filename

from nucleo import archivos


def ruta_unica(carpeta: str, filename: str) -> str:
    """`carpeta/<fresh UUID>/<safe name>`: an upload never collides with nor replaces another."""
    nombre = get_valid_filename(PurePath(filename).name) or "archivo"
    return f"{carpeta}/{uuid.uuid4().hex}/{nombre}"


def ruta_documento(_instancia: object, filename: str) -> str:
    return ruta_unica("documentos", filename)


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


class Correo(models.Model):
    """One outgoing e-mail, from the moment an action asks for it until it is sent."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Pendiente de envío"
        ENVIADO = "enviado", "Enviado"
        FALLIDO = "fallido", "No se pudo enviar"

    para = models.EmailField("destinatario")
    asunto = models.CharField("asunto", max_length=200)
    texto = models.TextField("texto")
    html = models.TextField("HTML", blank=True)
    # «resumen-opgi:2026-12-03:7»: a message with a key is stored (and sent) once.
    clave = models.CharField("clave", max_length=200, null=True, blank=True, unique=True)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    intentos = models.PositiveSmallIntegerField("intentos", default=0)
    error = models.TextField("último error", blank=True)
    creado_en = models.DateTimeField("creado en", auto_now_add=True)
    enviado_en = models.DateTimeField("enviado en", null=True, blank=True)

    class Meta:
        verbose_name = "correo"
        verbose_name_plural = "correos"
        ordering = ["-creado_en", "-pk"]
        indexes = [models.Index(fields=["estado", "intentos"], name="correo_por_enviar")]
        constraints = [
            models.CheckConstraint(
                condition=Q(estado="enviado", enviado_en__isnull=False) | ~Q(estado="enviado"),
                name="correo_enviado_con_fecha",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asunto} → {self.para} ({self.get_estado_display()})"


class DocumentoGenerado(ArchivoGuardado):
    """A report too large to build inside a request: built by a task, then downloaded
    by whoever asked for it (nucleo/generados.py)."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Generándose"
        LISTO = "listo", "Listo para descargar"
        FALLIDO = "fallido", "No se pudo generar"

    pedido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="documentos_generados",
        verbose_name="pedido por",
    )
    titulo = models.CharField("título", max_length=250)
    nombre = models.CharField("nombre del archivo (sin extensión)", max_length=200)
    formato = models.CharField("formato", max_length=4)
    # The dotted path of the function that builds its bytes, and its keyword arguments.
    generador = models.CharField("generador", max_length=200)
    parametros = models.JSONField("parámetros", default=dict)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    archivo = models.FileField("archivo", upload_to=ruta_documento, blank=True)
    error = models.TextField("error", blank=True)
    creado_en = models.DateTimeField("pedido en", auto_now_add=True)
    terminado_en = models.DateTimeField("terminado en", null=True, blank=True)

    class Meta:
        verbose_name = "documento generado"
        verbose_name_plural = "documentos generados"
        ordering = ["-creado_en", "-pk"]

    def __str__(self) -> str:
        return f"{self.titulo} ({self.get_estado_display()})"

    @property
    def listo(self) -> bool:
        return self.estado == self.Estado.LISTO

    @property
    def fallido(self) -> bool:
        return self.estado == self.Estado.FALLIDO
