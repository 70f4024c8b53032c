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
from django.utils.text import get_valid_filename, slugify
from simple_history.models import HistoricalRecords

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


class EntidadManager(models.Manager["Entidad"]):
    def del_sitio(self) -> "Entidad":
        """The principal entity; created from the ENTIDAD_* settings the first time it is
        needed (an installation that has not configured one yet still has an entity)."""
        entidad = self.filter(principal=True).first()
        if entidad is None:
            entidad = self.de_nombre(settings.ENTIDAD_NOMBRE)
            if not self.filter(principal=True).exists():
                self.filter(pk=entidad.pk).update(principal=True)
                entidad.principal = True
        return entidad

    def de_nombre(self, nombre: str) -> "Entidad":
        """The entity called `nombre` (case and accents as written), created if new with
        a free slug."""
        entidad = self.filter(nombre=nombre).first()
        if entidad is not None:
            return entidad
        base = slugify(nombre)[:55].strip("-") or "entidad"
        slug, numero = base, 1
        while self.filter(slug=slug).exists():
            numero += 1
            slug = f"{base}-{numero}"
        return self.create(nombre=nombre, slug=slug)


class Entidad(models.Model):
    """A public entity whose plans the site holds (issue 16: nothing hard-coded).

    One row is the `principal`: the entity the site speaks for (GOV.CO header, footer,
    notices, reports, feeds, posters; nucleo.entidad). Other rows are entities whose
    plans the site also holds (a second municipality, a decentralised institute). With
    no row yet, the site reads the ENTIDAD_* settings.
    """

    nombre = models.CharField("nombre", max_length=200, unique=True)
    sigla = models.CharField("sigla", max_length=30, blank=True)
    slug = models.SlugField(
        "identificador en la URL",
        max_length=60,
        unique=True,
        help_text="Forma parte de la dirección de sus planes, por ejemplo «alcaldia-municipal».",
    )
    nit = models.CharField("NIT", max_length=20, blank=True)
    municipio = models.CharField("municipio", max_length=100, blank=True)
    departamento = models.CharField("departamento", max_length=100, blank=True)
    logo = models.CharField(
        "logo",
        max_length=300,
        blank=True,
        help_text="Una ruta de archivo estático (img/escudo.svg) o una dirección completa.",
    )
    direccion = models.CharField("dirección", max_length=300, blank=True)
    horario = models.CharField("horario de atención", max_length=300, blank=True)
    telefono = models.CharField("teléfono", max_length=60, blank=True)
    correo_contacto = models.EmailField("correo de contacto", blank=True)
    correo_notificaciones = models.EmailField("correo de notificaciones judiciales", blank=True)
    responsable_datos = models.CharField(
        "responsable del tratamiento de datos personales",
        max_length=200,
        blank=True,
        help_text="Quien atiende las consultas y reclamos de la Ley 1581 de 2012.",
    )
    correo_datos = models.EmailField("correo para datos personales", blank=True)
    sitio = models.URLField("sitio web", blank=True)
    principal = models.BooleanField(
        "es la entidad del sitio",
        default=False,
        help_text="La entidad que aparece en el encabezado, el pie, los avisos y los informes.",
    )

    history = HistoricalRecords()

    objects = EntidadManager()

    class Meta:
        verbose_name = "entidad"
        verbose_name_plural = "entidades"
        ordering = ["-principal", "nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["principal"],
                condition=Q(principal=True),
                name="entidad_una_sola_principal",
                violation_error_message="Ya hay otra entidad marcada como la entidad del sitio.",
            ),
        ]

    def __str__(self) -> str:
        return self.nombre
