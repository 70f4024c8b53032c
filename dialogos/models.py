"""Dialogue with citizens: spaces and hearings, their closing record, and citizens' questions.

- Territorio: the municipality's comunas and corregimientos, data of each site
  (`manage.py cargar_territorios`), not of a migration.
- EspacioDialogo: a thematic session, territorial space or hearing; it is
  «programado» until it is closed as «realizado» (with its record: attendees,
  organisations, minutes, commitments, attachments) or «cancelado» (with a reason).
- Pregunta: a citizen's question, from the public form or typed in from a
  paper form; OPGI assigns it to an office, the office answers it within the
  legal deadline (dialogos.reglas) and OPGI publishes it without personal data.
- InformeRespuestas: a published report of the answers (counts for meta 3.4).

Each stateful model declares its transitions once (`TRANSICIONES`, nucleo.estados)
with the one message that refuses them; dialogos/services check and apply them and
templates read the named properties (`espacio.admite_cambios`…), never a status string.
The constraints below make the database refuse what the services would refuse.
"""

import uuid
from collections.abc import Callable
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nucleo.estados import ConEstados, Transicion
from nucleo.fechas import (
    FECHA_MAXIMA,
    FECHA_MINIMA,
    MENSAJE_RANGO,
    restriccion_fecha,
    restriccion_momento,
    validar_fecha,
    validar_momento,
)
from nucleo.models import ArchivoGuardado, ruta_unica
from plan.models import Actividad, Responsable

from . import reglas
from .reglas import nuevo_numero_publico

# Longest question a citizen may send (a paper form holds far less).
MAXIMO_PREGUNTA = 2000

# «Espacio o periodo, no ambos»: the one rule of a report's scope, said once.
# The validator and registrar_realizacion say the same: one message.
MENSAJE_SIN_ASISTENTES = "Debe haber al menos un asistente."
MENSAJE_ALCANCE_AMBOS = "Elija un espacio o un periodo, no ambos."
MENSAJE_ALCANCE_FALTA = "Elija un espacio o un periodo (desde y hasta)."
MENSAJE_PERIODO_AL_REVES = "La fecha final no puede ser anterior a la inicial."
# The management report of a hearing: a document or a link, with its publication date.
MENSAJE_INFORME_AMBOS = "Adjunte el documento del informe de gestión o escriba su enlace, no ambos."
MENSAJE_INFORME_FECHA = (
    "Indique el informe de gestión (documento o enlace) y su fecha de publicación."
)
MENSAJE_UNA_PRORROGA = "El plazo de una pregunta se prorroga una sola vez."
# A question waiting for the citizen, forwarded or abandoned is neither assigned nor answered.
MENSAJE_EN_ESPERA = (
    "La pregunta espera que el ciudadano la complete: registre primero que la completó."
)
MENSAJE_TRASLADADA = "La pregunta fue trasladada a otra entidad: se cerró aquí."
MENSAJE_DESISTIDA = "La pregunta se cerró por desistimiento."


class EstadosDialogo(ConEstados):
    """nucleo.estados, plus the two things dialogos' messages need.

    A refusal may name the state the object is in (`{estado}`, its label in lower
    case), and a transition may be refused with its own message from one state
    (`MENSAJES_DESDE[(transicion, estado)]`), e.g. answering an answered question.
    """

    MENSAJES_DESDE: ClassVar[dict[tuple[str, str], str]] = {}
    get_estado_display: Callable[[], str]  # given by Django for the `estado` field

    def exigir(self, transicion: str) -> None:
        if self.admite(transicion):
            return
        mensaje = self.MENSAJES_DESDE.get(
            (transicion, self.estado), self.TRANSICIONES[transicion].mensaje
        )
        raise ValidationError(
            mensaje.format(estado=self.get_estado_display().lower()), code="estado"
        )


class Territorio(models.Model):
    class Tipo(models.TextChoices):
        COMUNA = "comuna", "Comuna"
        CORREGIMIENTO = "corregimiento", "Corregimiento"

    nombre = models.CharField("nombre", max_length=80, unique=True)
    tipo = models.CharField("tipo", max_length=15, choices=Tipo.choices)
    orden = models.PositiveSmallIntegerField("orden", unique=True)
    slug = models.SlugField("identificador en la URL", max_length=40, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "comuna o corregimiento"
        verbose_name_plural = "comunas y corregimientos"
        ordering = ["orden"]

    def __str__(self) -> str:
        return self.nombre


MENSAJE_ENLACE_INFORME = (
    "Escriba una dirección que empiece por https:// o una ruta del portal que empiece por /, "
    "por ejemplo /informes/plan/2022.pdf."
)


def validar_enlace_informe(valor: str) -> None:
    """The report's link: a web address, or a path of this portal (/informes/plan/2022.pdf)."""
    if not valor:
        return
    if valor.startswith("/") and not valor.startswith("//") and " " not in valor:
        return
    try:
        URLValidator(schemes=["http", "https"])(valor)
    except ValidationError:
        raise ValidationError(MENSAJE_ENLACE_INFORME, code="enlace_informe") from None


class CanalConvocatoria(models.TextChoices):
    """How a hearing was announced (the MURC's «convocatoria»)."""

    PAGINA_WEB = "pagina_web", "Página web"
    REDES_SOCIALES = "redes_sociales", "Redes sociales"
    RADIO = "radio", "Emisora / radio"
    PRENSA = "prensa", "Prensa"
    CARTELERAS = "carteleras", "Carteleras"
    CORREO = "correo", "Correo"
    PERIFONEO = "perifoneo", "Perifoneo"
    OTRO = "otro", "Otro"


def ruta_adjunto(instance: "AdjuntoEspacio", filename: str) -> str:
    """A path that never collides: one fresh UUID folder per uploaded file."""
    espacio = instance.espacio
    anio = timezone.localtime(espacio.inicio).year
    return ruta_unica(f"dialogos/{anio}/{espacio.uid.hex}", filename)


class EspacioDialogo(EstadosDialogo, models.Model):
    class Tipo(models.TextChoices):
        JORNADA_TEMATICA = "jornada_tematica", "Jornada temática de diálogo"
        ESPACIO_TERRITORIAL = "espacio_territorial", "Espacio territorial de diálogo"
        AUDIENCIA_PUBLICA = "audiencia_publica", "Audiencia pública de rendición de cuentas"
        AUDIENCIA_SECTORIAL = "audiencia_sectorial", "Audiencia sectorial de rendición de cuentas"

    class Estado(models.TextChoices):
        PROGRAMADO = "programado", "Programado"
        REALIZADO = "realizado", "Realizado"
        CANCELADO = "cancelado", "Cancelado"

    uid = models.UUIDField(
        "identificador de calendario",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Identifica el evento en los calendarios suscritos; nunca cambia.",
    )
    tipo = models.CharField("tipo de espacio", max_length=25, choices=Tipo.choices)
    titulo = models.CharField("título", max_length=200)
    tema = models.TextField("tema", blank=True)
    oficinas = models.ManyToManyField(
        Responsable,
        related_name="espacios_dialogo",
        verbose_name="dependencias organizadoras",
    )
    actividad = models.ForeignKey(
        Actividad,
        on_delete=models.PROTECT,
        related_name="espacios_dialogo",
        verbose_name="actividad del plan",
        null=True,
        blank=True,
        help_text="La actividad del plan a cuya meta suma este espacio cuando se realiza.",
    )
    inicio = models.DateTimeField("inicio", validators=[validar_momento])
    fin = models.DateTimeField("fin", validators=[validar_momento])
    territorio = models.ForeignKey(
        Territorio,
        on_delete=models.PROTECT,
        related_name="espacios",
        verbose_name="comuna o corregimiento",
        null=True,
        blank=True,
    )
    lugar = models.CharField("lugar o dirección", max_length=250, blank=True)
    enlace = models.URLField(
        "enlace de la transmisión o reunión virtual", max_length=500, blank=True
    )
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.PROGRAMADO
    )
    motivo_cancelacion = models.TextField("motivo de la cancelación", blank=True)
    # Closing record (acta), filled when the space is closed as «realizado».
    asistentes = models.PositiveIntegerField(
        "número de asistentes",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, MENSAJE_SIN_ASISTENTES)],
    )
    organizaciones = models.TextField("organizaciones presentes", blank=True)
    acta = models.TextField("resumen / acta", blank=True)
    cerrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="espacios_cerrados",
        verbose_name="cerrado por",
        null=True,
        blank=True,
    )
    cerrado_en = models.DateTimeField("cerrado en", null=True, blank=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="espacios_creados",
        verbose_name="programado por",
        null=True,
        blank=True,
    )
    creado_en = models.DateTimeField("programado en", auto_now_add=True)
    actualizado_en = models.DateTimeField("actualizado en", auto_now=True)
    secuencia = models.PositiveIntegerField(
        "versión en el calendario",
        default=0,
        editable=False,
        help_text="Sube cada vez que cambia la fecha, el lugar o el estado (SEQUENCE de iCal).",
    )
    # The MURC cycle of a hearing (dialogos.murc): its management report, published at
    # least 30 days before, either a document uploaded here or a link, and its convocatoria.
    informe_adjunto = models.OneToOneField(
        "AdjuntoEspacio",
        on_delete=models.PROTECT,
        related_name="informe_de",
        verbose_name="documento del informe de gestión",
        null=True,
        blank=True,
    )
    informe_enlace = models.CharField(
        "enlace del informe de gestión",
        max_length=500,
        blank=True,
        validators=[validar_enlace_informe],
        help_text="Una dirección https:// o una ruta del portal, p. ej. /informes/plan/2022.pdf.",
    )
    informe_publicado_el = models.DateField(
        "informe de gestión publicado el", null=True, blank=True, validators=[validar_fecha]
    )
    convocada_el = models.DateField(
        "convocada el", null=True, blank=True, validators=[validar_fecha]
    )
    convocatoria_canales = models.JSONField(
        "canales de la convocatoria",
        default=list,
        blank=True,
        help_text="Valores de CanalConvocatoria: página web, redes sociales, radio…",
    )
    convocatoria_nota = models.TextField("nota de la convocatoria", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "espacio de diálogo"
        verbose_name_plural = "espacios de diálogo"
        ordering = ["inicio", "pk"]
        indexes = [
            models.Index(fields=["inicio"], name="espacio_inicio"),
            models.Index(fields=["actividad", "estado"], name="espacio_actividad_estado"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gt=F("inicio")),
                name="espacio_fin_despues_de_inicio",
                violation_error_message="La hora de fin debe ser posterior a la de inicio.",
            ),
            models.CheckConstraint(
                condition=~Q(lugar="") | ~Q(enlace=""),
                name="espacio_con_lugar_o_enlace",
                violation_error_message="Indique el lugar (dirección) o el enlace de la reunión virtual.",
            ),
            models.CheckConstraint(
                condition=~Q(tipo="espacio_territorial") | Q(territorio__isnull=False),
                name="espacio_territorial_con_territorio",
                violation_error_message="Un espacio territorial debe indicar su comuna o corregimiento.",
            ),
            models.CheckConstraint(
                condition=~Q(estado="cancelado") | ~Q(motivo_cancelacion=""),
                name="espacio_cancelado_con_motivo",
                violation_error_message="Un espacio cancelado debe tener el motivo de la cancelación.",
            ),
            models.CheckConstraint(
                condition=~Q(estado="realizado")
                | (Q(asistentes__isnull=False) & Q(asistentes__gte=1) & ~Q(acta="")),
                name="espacio_realizado_con_acta",
                violation_error_message="Un espacio realizado debe tener el número de asistentes y el acta.",
            ),
            restriccion_momento("inicio", "espacio_inicio_en_rango"),
            restriccion_momento("fin", "espacio_fin_en_rango"),
            models.CheckConstraint(
                condition=Q(informe_adjunto__isnull=True) | Q(informe_enlace=""),
                name="espacio_informe_documento_o_enlace",
                violation_error_message=MENSAJE_INFORME_AMBOS,
            ),
            models.CheckConstraint(
                condition=(
                    Q(informe_adjunto__isnull=True)
                    & Q(informe_enlace="")
                    & Q(informe_publicado_el__isnull=True)
                )
                | (
                    (Q(informe_adjunto__isnull=False) | ~Q(informe_enlace=""))
                    & Q(informe_publicado_el__isnull=False)
                ),
                name="espacio_informe_con_fecha",
                violation_error_message=MENSAJE_INFORME_FECHA,
            ),
            restriccion_fecha("informe_publicado_el", "espacio_informe_publicado_en_rango"),
            restriccion_fecha("convocada_el", "espacio_convocada_en_rango"),
        ]

    def __str__(self) -> str:
        return f"{self.titulo} ({timezone.localtime(self.inicio):%d/%m/%Y})"

    TRANSICIONES = {
        "editar": Transicion(
            desde={Estado.PROGRAMADO},
            hacia=Estado.PROGRAMADO,
            mensaje="El espacio ya está {estado}: no se puede modificar.",
        ),
        "cancelar": Transicion(
            desde={Estado.PROGRAMADO},
            hacia=Estado.CANCELADO,
            mensaje="Solo se cancela un espacio programado; este ya está {estado}.",
        ),
        "realizar": Transicion(
            desde={Estado.PROGRAMADO},
            hacia=Estado.REALIZADO,
            mensaje="Solo se cierra un espacio programado; este ya está {estado}.",
        ),
        # Not a change of state: what the space admits while it stays where it is.
        "comprometer": Transicion(
            desde={Estado.REALIZADO},
            hacia=Estado.REALIZADO,
            mensaje="Los compromisos se registran en un espacio ya realizado.",
        ),
    }
    MENSAJE_CANCELADO_SIN_ADJUNTOS = "Un espacio cancelado no recibe adjuntos."
    MENSAJE_CANCELADO_SIN_PREGUNTAS = (
        "Este espacio fue cancelado. Puede enviar su pregunta en el formulario general."
    )

    @property
    def esta_programado(self) -> bool:
        return self.estado == self.Estado.PROGRAMADO

    @property
    def esta_realizado(self) -> bool:
        return self.estado == self.Estado.REALIZADO

    @property
    def esta_cancelado(self) -> bool:
        return self.estado == self.Estado.CANCELADO

    @property
    def admite_cambios(self) -> bool:
        """Editing and cancelling: only while programmed (a realised or cancelled space is final)."""
        return self.admite("editar")

    @property
    def puede_cerrarse(self) -> bool:
        return self.admite("realizar")

    @property
    def admite_compromisos(self) -> bool:
        return self.admite("comprometer")

    @property
    def admite_adjuntos(self) -> bool:
        return not self.esta_cancelado

    @property
    def admite_preguntas(self) -> bool:
        return not self.esta_cancelado

    def exigir_adjuntos(self) -> None:
        if not self.admite_adjuntos:
            raise ValidationError(self.MENSAJE_CANCELADO_SIN_ADJUNTOS, code="estado")

    def exigir_preguntas(self) -> None:
        if not self.admite_preguntas:
            raise ValidationError(self.MENSAJE_CANCELADO_SIN_PREGUNTAS, code="estado")

    @property
    def es_virtual(self) -> bool:
        return bool(self.enlace) and not self.lugar

    @property
    def fecha(self) -> date:
        return timezone.localtime(self.inicio).date()

    # --- The MURC cycle of a hearing (dialogos.murc) ---

    MENSAJE_CICLO_SOLO_AUDIENCIAS = (
        "El informe de gestión y la convocatoria se registran solo en las audiencias públicas "
        "y sectoriales."
    )

    @property
    def es_audiencia(self) -> bool:
        return self.tipo in (self.Tipo.AUDIENCIA_PUBLICA, self.Tipo.AUDIENCIA_SECTORIAL)

    @property
    def tiene_informe_gestion(self) -> bool:
        return self.informe_adjunto_id is not None or bool(self.informe_enlace)

    @property
    def admite_ciclo(self) -> bool:
        """A hearing not cancelled records its report and convocatoria (also once held)."""
        return self.es_audiencia and not self.esta_cancelado

    def exigir_ciclo(self) -> None:
        if not self.es_audiencia:
            raise ValidationError(self.MENSAJE_CICLO_SOLO_AUDIENCIAS, code="tipo")
        if self.esta_cancelado:
            raise ValidationError(
                "La audiencia fue cancelada: no registra informe ni convocatoria.", code="estado"
            )

    @property
    def canales_de_convocatoria(self) -> list[str]:
        """The labels of the channels, in the order of CanalConvocatoria."""
        elegidos = set(self.convocatoria_canales or [])
        return [etiqueta for valor, etiqueta in CanalConvocatoria.choices if valor in elegidos]


class Compromiso(models.Model):
    """A commitment taken at a space (the MURC's «responsabilidad» element)."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Pendiente"
        EN_CURSO = "en_curso", "En ejecución"
        CUMPLIDO = "cumplido", "Cumplido"

    espacio = models.ForeignKey(
        EspacioDialogo, on_delete=models.CASCADE, related_name="compromisos"
    )
    descripcion = models.TextField("compromiso")
    responsable = models.ForeignKey(
        Responsable,
        on_delete=models.PROTECT,
        related_name="compromisos_dialogo",
        verbose_name="dependencia responsable",
    )
    fecha_limite = models.DateField("fecha límite", validators=[validar_fecha])
    estado = models.CharField(
        "estado del seguimiento", max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    seguimiento = models.TextField("nota de seguimiento", blank=True)
    creado_en = models.DateTimeField("registrado en", auto_now_add=True)
    actualizado_en = models.DateTimeField("actualizado en", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "compromiso"
        verbose_name_plural = "compromisos"
        ordering = ["espacio", "fecha_limite", "pk"]
        constraints = [restriccion_fecha("fecha_limite", "compromiso_fecha_limite_en_rango")]

    def __str__(self) -> str:
        return f"{self.descripcion[:60]} – {self.responsable.nombre_corto}"

    @property
    def opciones_de_estado(self) -> list[tuple[str, str, bool]]:
        """(value, label, is it the current one) of each follow-up state, for its select."""
        return [(valor, etiqueta, valor == self.estado) for valor, etiqueta in self.Estado.choices]


class AdjuntoEspacio(ArchivoGuardado):
    """Attendance list, photos, minutes…: stored like plan evidence (never overwritten)."""

    class Tipo(models.TextChoices):
        ASISTENCIA = "asistencia", "Lista de asistencia"
        FOTO = "foto", "Fotografía"
        ACTA = "acta", "Acta firmada"
        # The management report of a hearing: public once linked (EspacioDialogo.informe_adjunto).
        INFORME = "informe", "Informe de gestión"
        OTRO = "otro", "Otro"

    espacio = models.ForeignKey(EspacioDialogo, on_delete=models.PROTECT, related_name="adjuntos")
    tipo = models.CharField("tipo", max_length=12, choices=Tipo.choices)
    descripcion = models.CharField("descripción", max_length=300, blank=True)
    archivo = models.FileField("archivo", upload_to=ruta_adjunto, max_length=300)
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="adjuntos_dialogo",
        verbose_name="subido por",
        null=True,
        blank=True,
    )
    subido_en = models.DateTimeField("subido en", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "adjunto del espacio"
        verbose_name_plural = "adjuntos de los espacios"
        ordering = ["espacio", "subido_en", "pk"]
        constraints = [
            # Unlike evidence (a file or a link), an attachment is always a checked file.
            models.CheckConstraint(
                condition=~Q(sha256="")
                & ~Q(nombre_original="")
                & ~Q(tipo_contenido="")
                & Q(tamano__isnull=False),
                name="adjunto_archivo_revisado",
                violation_error_message=(
                    "Un adjunto debe tener su archivo revisado: nombre, tipo, tamaño y huella SHA-256."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} – {self.nombre_original}"


class TipoPeticion(models.Model):
    """A kind of petition and its legal term (Ley 1755 de 2015, art. 14), as data.

    Loaded by a data migration (petición general, documentos e información, consulta);
    the entity may configure others in the admin (superusers edit; OPGI reads).
    """

    GENERAL = "general"

    clave = models.SlugField(
        "clave", max_length=40, unique=True, help_text="Identificador interno; no cambia."
    )
    nombre = models.CharField("nombre", max_length=120, unique=True)
    opcion = models.CharField(
        "opción para la ciudadanía",
        max_length=120,
        help_text="Cómo se ofrece en el formulario, p. ej. «Quiero hacer una pregunta».",
    )
    descripcion = models.TextField(
        "descripción para la ciudadanía", help_text="En palabras sencillas, de usted."
    )
    dias_habiles = models.PositiveSmallIntegerField(
        "días hábiles del término",
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    articulo = models.CharField("artículo legal", max_length=120)
    orden = models.PositiveSmallIntegerField("orden", default=0)
    activo = models.BooleanField(
        "activo", default=True, help_text="Solo los activos se ofrecen en los formularios."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tipo de petición"
        verbose_name_plural = "tipos de petición"
        ordering = ["orden", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dias_habiles__gte=1, dias_habiles__lte=90),
                name="tipo_peticion_dias_en_rango",
                violation_error_message="El término debe ser de 1 a 90 días hábiles.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.dias_habiles} días hábiles)"

    @classmethod
    def general(cls) -> "TipoPeticion":
        return cls.objects.get(clave=cls.GENERAL)


class Pregunta(EstadosDialogo, models.Model):
    class Canal(models.TextChoices):
        WEB = "web", "Formulario web"
        FORMATO = "formato", "Formato físico en el espacio"

    class Estado(models.TextChoices):
        RECIBIDA = "recibida", "Recibida"
        ASIGNADA = "asignada", "Asignada a una dependencia"
        RESPONDIDA = "respondida", "Respondida"
        PUBLICADA = "publicada", "Respondida y publicada"
        # Ley 1755 de 2015: the term is suspended while the citizen completes it (art. 17);
        # a petition for another authority is forwarded (art. 21); an incomplete one not
        # completed within a month is closed as abandoned (art. 17).
        EN_ESPERA = "en_espera", "En espera de que se complete la petición"
        TRASLADADA = "trasladada", "Trasladada a otra entidad"
        DESISTIDA = "desistida", "Cerrada por desistimiento"

    # The radicado is the citizen's secret (whoever has it may look the question
    # up): it is never published. Public pages, open data and reports name a
    # question by `numero_publico`, a separate random code that reveals nothing.
    radicado = models.CharField("número de radicado", max_length=24, unique=True, editable=False)
    numero_publico = models.CharField(
        "número público",
        max_length=12,
        unique=True,
        editable=False,
        default=nuevo_numero_publico,
        help_text="Identifica la pregunta publicada en las páginas y los datos abiertos.",
    )
    espacio = models.ForeignKey(
        EspacioDialogo,
        on_delete=models.PROTECT,
        related_name="preguntas",
        verbose_name="espacio de diálogo",
        null=True,
        blank=True,
    )
    canal = models.CharField("canal", max_length=10, choices=Canal.choices)
    # Personal data (Ley 1581 de 2012): never shown on a public page nor published.
    nombre = models.CharField("nombre", max_length=150, blank=True)
    correo = models.EmailField("correo electrónico", max_length=254, blank=True)
    telefono = models.CharField("teléfono", max_length=30, blank=True)
    quiere_respuesta = models.BooleanField("desea recibir la respuesta", default=False)
    acepta_datos = models.BooleanField("aceptó el aviso de tratamiento de datos", default=False)
    territorio = models.ForeignKey(
        Territorio,
        on_delete=models.PROTECT,
        related_name="preguntas",
        verbose_name="comuna o corregimiento",
        null=True,
        blank=True,
    )
    tipo = models.ForeignKey(
        TipoPeticion,
        on_delete=models.PROTECT,
        related_name="preguntas",
        verbose_name="tipo de petición",
    )
    texto = models.TextField("pregunta", validators=[MaxLengthValidator(MAXIMO_PREGUNTA)])
    recibida_el = models.DateField("recibida el", validators=[validar_fecha])
    vence_el = models.DateField(
        "vence el",
        help_text=(
            "Los días hábiles del tipo de petición contados desde el día siguiente al recibo, "
            "con sus prórrogas y suspensiones (se recalcula con cada una)."
        ),
    )
    registrada_en = models.DateTimeField("registrada en", auto_now_add=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="preguntas_registradas",
        verbose_name="digitada por",
        null=True,
        blank=True,
    )
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.RECIBIDA
    )
    oficina = models.ForeignKey(
        Responsable,
        on_delete=models.PROTECT,
        related_name="preguntas_asignadas",
        verbose_name="dependencia que responde",
        null=True,
        blank=True,
    )
    asignada_en = models.DateTimeField("asignada en", null=True, blank=True)
    respuesta = models.TextField("respuesta", blank=True)
    respondida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="preguntas_respondidas",
        verbose_name="respondida por",
        null=True,
        blank=True,
    )
    respondida_en = models.DateTimeField("respondida en", null=True, blank=True)
    # What citizens see once OPGI publishes: reviewed texts, free of personal data.
    texto_publico = models.TextField("pregunta publicada", blank=True)
    respuesta_publica = models.TextField("respuesta publicada", blank=True)
    publicada_en = models.DateTimeField("publicada en", null=True, blank=True)
    publicada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="preguntas_publicadas",
        verbose_name="publicada por",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pregunta ciudadana"
        verbose_name_plural = "preguntas ciudadanas"
        ordering = ["vence_el", "pk"]
        indexes = [
            models.Index(fields=["estado", "vence_el"], name="pregunta_estado_vence"),
            models.Index(fields=["recibida_el"], name="pregunta_recibida"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(vence_el__gt=F("recibida_el")),
                name="pregunta_vence_despues_de_recibida",
                violation_error_message="El vencimiento debe ser posterior a la fecha de recibo.",
            ),
            models.CheckConstraint(
                condition=Q(acepta_datos=True),
                name="pregunta_con_aceptacion_de_datos",
                violation_error_message="Debe aceptar el aviso de tratamiento de datos personales.",
            ),
            models.CheckConstraint(
                condition=Q(quiere_respuesta=False)
                | (~Q(nombre="") & (~Q(correo="") | ~Q(telefono=""))),
                name="pregunta_respuesta_con_nombre_y_contacto",
                violation_error_message="Para recibir la respuesta indique su nombre y un correo o teléfono.",
            ),
            models.CheckConstraint(
                condition=Q(estado__in=["recibida", "en_espera", "trasladada", "desistida"])
                | Q(oficina__isnull=False),
                name="pregunta_asignada_con_oficina",
                violation_error_message="Una pregunta asignada debe tener la dependencia que responde.",
            ),
            models.CheckConstraint(
                condition=~Q(estado__in=["respondida", "publicada"])
                | (~Q(respuesta="") & Q(respondida_en__isnull=False)),
                name="pregunta_respondida_con_respuesta",
                violation_error_message="Una pregunta respondida debe tener su respuesta.",
            ),
            models.CheckConstraint(
                condition=~Q(estado="publicada")
                | (~Q(texto_publico="") & ~Q(respuesta_publica="") & Q(publicada_en__isnull=False)),
                name="pregunta_publicada_con_textos",
                violation_error_message="Una pregunta publicada debe tener sus textos publicados.",
            ),
            restriccion_fecha("recibida_el", "pregunta_recibida_en_rango"),
        ]

    def __str__(self) -> str:
        return self.radicado

    TRANSICIONES = {
        # OPGI may reassign until the question is answered.
        "asignar": Transicion(
            desde={Estado.RECIBIDA, Estado.ASIGNADA},
            hacia=Estado.ASIGNADA,
            mensaje="La pregunta ya fue respondida: no se puede reasignar.",
        ),
        "responder": Transicion(
            desde={Estado.ASIGNADA},
            hacia=Estado.RESPONDIDA,
            mensaje="La pregunta debe estar asignada a una dependencia para responderla.",
        ),
        "publicar": Transicion(
            desde={Estado.RESPONDIDA},
            hacia=Estado.PUBLICADA,
            mensaje="Solo se publica una pregunta respondida y aún no publicada.",
        ),
        # Checked with `exigir` only (the state does not change): the type and the
        # deadline change while the question is unanswered.
        "reclasificar": Transicion(
            desde={Estado.RECIBIDA, Estado.ASIGNADA, Estado.EN_ESPERA},
            hacia=Estado.RECIBIDA,
            mensaje="Solo se reclasifica una pregunta sin responder; esta está {estado}.",
        ),
        "prorrogar": Transicion(
            desde={Estado.RECIBIDA, Estado.ASIGNADA},
            hacia=Estado.ASIGNADA,
            mensaje="Solo se prorroga el plazo de una pregunta en trámite; esta está {estado}.",
        ),
        "solicitar_completar": Transicion(
            desde={Estado.RECIBIDA, Estado.ASIGNADA},
            hacia=Estado.EN_ESPERA,
            mensaje="Solo se pide completar una pregunta en trámite; esta está {estado}.",
        ),
        # Back to where it was: assigned if it has its office, received if not.
        "completar": Transicion(
            desde={Estado.EN_ESPERA},
            hacia=Estado.ASIGNADA,
            mensaje="La pregunta no está en espera de que se complete.",
        ),
        "completar_sin_asignar": Transicion(
            desde={Estado.EN_ESPERA},
            hacia=Estado.RECIBIDA,
            mensaje="La pregunta no está en espera de que se complete.",
        ),
        "trasladar": Transicion(
            desde={Estado.RECIBIDA, Estado.ASIGNADA, Estado.EN_ESPERA},
            hacia=Estado.TRASLADADA,
            mensaje="Solo se traslada una pregunta sin responder; esta está {estado}.",
        ),
        "desistir": Transicion(
            desde={Estado.EN_ESPERA},
            hacia=Estado.DESISTIDA,
            mensaje="Solo se cierra por desistimiento una pregunta en espera de que se complete.",
        ),
    }
    MENSAJES_DESDE = {
        ("asignar", Estado.EN_ESPERA): MENSAJE_EN_ESPERA,
        ("asignar", Estado.TRASLADADA): MENSAJE_TRASLADADA,
        ("asignar", Estado.DESISTIDA): MENSAJE_DESISTIDA,
        ("responder", Estado.EN_ESPERA): MENSAJE_EN_ESPERA,
        ("responder", Estado.TRASLADADA): MENSAJE_TRASLADADA,
        ("responder", Estado.DESISTIDA): MENSAJE_DESISTIDA,
        ("responder", Estado.RESPONDIDA): "La pregunta ya fue respondida.",
        ("responder", Estado.PUBLICADA): "La pregunta ya fue respondida.",
    }

    @property
    def respondida(self) -> bool:
        return self.estado in (self.Estado.RESPONDIDA, self.Estado.PUBLICADA)

    @property
    def admite_respuesta(self) -> bool:
        return self.admite("responder")

    @property
    def admite_publicacion(self) -> bool:
        return self.admite("publicar")

    @property
    def esta_publicada(self) -> bool:
        return self.estado == self.Estado.PUBLICADA

    @property
    def en_espera(self) -> bool:
        return self.estado == self.Estado.EN_ESPERA

    @property
    def esta_trasladada(self) -> bool:
        return self.estado == self.Estado.TRASLADADA

    @property
    def cerrada_sin_respuesta(self) -> bool:
        """Forwarded or abandoned: final, with no term running here."""
        return self.estado in (self.Estado.TRASLADADA, self.Estado.DESISTIDA)

    @property
    def admite_asignacion(self) -> bool:
        return self.admite("asignar")

    @property
    def admite_reclasificacion(self) -> bool:
        return self.admite("reclasificar")

    @property
    def admite_prorroga(self) -> bool:
        return self.admite("prorrogar")

    @property
    def admite_solicitud_completar(self) -> bool:
        return self.admite("solicitar_completar")

    @property
    def admite_traslado(self) -> bool:
        return self.admite("trasladar")

    @property
    def transicion_al_completar(self) -> str:
        return "completar" if self.oficina_id else "completar_sin_asignar"


class EventoPlazo(models.Model):
    """Something that changes a question's clock (Ley 1755 de 2015), kept forever.

    prórroga (art. 14, parágrafo), traslado to another authority (art. 21), request to
    complete the petition and its completion (art. 17, the term is suspended between
    them), and the closing by desistimiento (art. 17, a month without completing).
    """

    class Tipo(models.TextChoices):
        PRORROGA = reglas.PRORROGA, "Prórroga del plazo"
        TRASLADO = "traslado", "Traslado a otra entidad"
        SOLICITUD_COMPLETAR = reglas.SOLICITUD_COMPLETAR, "Solicitud de completar la petición"
        COMPLETADA = reglas.COMPLETADA, "Petición completada"
        DESISTIDA = "desistida", "Cierre por desistimiento"
        # Not a clock event in law, but it changes the term: kept here with its reason.
        RECLASIFICACION = "reclasificacion", "Reclasificación del tipo de petición"

    pregunta = models.ForeignKey(Pregunta, on_delete=models.PROTECT, related_name="eventos")
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    fecha = models.DateField("fecha", validators=[validar_fecha])
    # Written by staff to the citizen (it is in the e-mail) but never published.
    motivo = models.TextField("motivo", blank=True)
    nueva_fecha = models.DateField(
        "nueva fecha de vencimiento", null=True, blank=True, validators=[validar_fecha]
    )
    entidad_destino = models.CharField("entidad a la que se traslada", max_length=200, blank=True)
    fuera_de_termino = models.BooleanField(
        "fuera de término",
        default=False,
        help_text="Traslado hecho después de los 5 días hábiles del art. 21.",
    )
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="eventos_de_plazo",
        verbose_name="registrado por",
        null=True,
        blank=True,
    )
    registrado_en = models.DateTimeField("registrado en", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evento del plazo"
        verbose_name_plural = "eventos del plazo"
        ordering = ["pregunta", "fecha", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tipo="prorroga") | (Q(nueva_fecha__isnull=False) & ~Q(motivo="")),
                name="evento_prorroga_con_fecha_y_motivo",
                violation_error_message="Una prórroga debe tener su motivo y la nueva fecha.",
            ),
            models.CheckConstraint(
                condition=~Q(tipo="traslado") | ~Q(entidad_destino=""),
                name="evento_traslado_con_entidad",
                violation_error_message="Un traslado debe indicar la entidad de destino.",
            ),
            models.CheckConstraint(
                condition=Q(tipo="traslado") | Q(fuera_de_termino=False),
                name="evento_fuera_de_termino_solo_traslado",
                violation_error_message="Solo un traslado puede estar fuera de término.",
            ),
            models.CheckConstraint(
                condition=~Q(tipo__in=["reclasificacion", "solicitud_completar"]) | ~Q(motivo=""),
                name="evento_reclasificacion_y_solicitud_con_motivo",
                violation_error_message="Una reclasificación o una solicitud debe tener su motivo.",
            ),
            models.UniqueConstraint(
                fields=["pregunta"],
                condition=Q(tipo="prorroga"),
                name="evento_una_prorroga_por_pregunta",
                violation_error_message=MENSAJE_UNA_PRORROGA,
            ),
            restriccion_fecha("fecha", "evento_fecha_en_rango"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} ({self.fecha:%d/%m/%Y})"

    def para_calculo(self) -> reglas.EventoDelPlazo:
        return reglas.EventoDelPlazo(tipo=self.tipo, fecha=self.fecha, nueva_fecha=self.nueva_fecha)


class InformeRespuestas(models.Model):
    """A published report of the Administration's answers (meta 3.4), for a period or a space."""

    titulo = models.CharField("título", max_length=200)
    espacio = models.ForeignKey(
        EspacioDialogo,
        on_delete=models.PROTECT,
        related_name="informes",
        verbose_name="espacio de diálogo",
        null=True,
        blank=True,
    )
    desde = models.DateField("desde", null=True, blank=True, validators=[validar_fecha])
    hasta = models.DateField("hasta", null=True, blank=True, validators=[validar_fecha])
    vigencia = models.PositiveSmallIntegerField(
        "vigencia",
        help_text="Año del plan al que suma el informe.",
        validators=[
            MinValueValidator(FECHA_MINIMA.year, MENSAJE_RANGO),
            MaxValueValidator(FECHA_MAXIMA.year, MENSAJE_RANGO),
        ],
    )
    publicado_el = models.DateField("publicado el", validators=[validar_fecha])
    publicado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="informes_respuestas",
        verbose_name="publicado por",
        null=True,
        blank=True,
    )
    creado_en = models.DateTimeField("registrado en", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "informe de respuestas"
        verbose_name_plural = "informes de respuestas"
        ordering = ["-publicado_el", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(espacio__isnull=False) & Q(desde__isnull=True) & Q(hasta__isnull=True))
                | (
                    Q(espacio__isnull=True)
                    & Q(desde__isnull=False)
                    & Q(hasta__isnull=False)
                    & Q(hasta__gte=F("desde"))
                ),
                name="informe_periodo_o_espacio",
                violation_error_message="Elija un espacio o un periodo (desde ≤ hasta), no ambos.",
            ),
            restriccion_fecha("desde", "informe_desde_en_rango"),
            restriccion_fecha("hasta", "informe_hasta_en_rango"),
            restriccion_fecha("publicado_el", "informe_publicado_en_rango"),
            models.CheckConstraint(
                condition=Q(vigencia__gte=FECHA_MINIMA.year, vigencia__lte=FECHA_MAXIMA.year),
                name="informe_vigencia_en_rango",
                violation_error_message=MENSAJE_RANGO,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titulo} ({self.publicado_el:%d/%m/%Y})"

    @staticmethod
    def validar_alcance(
        espacio: "EspacioDialogo | None", desde: date | None, hasta: date | None
    ) -> None:
        """A report covers a space or a period (desde ≤ hasta), not both: the one rule,
        for the report recorded (dialogos.services.informes) and the one downloaded
        (AlcanceInformeForm)."""
        if espacio is not None and (desde or hasta):
            raise ValidationError({NON_FIELD_ERRORS: MENSAJE_ALCANCE_AMBOS}, code="alcance")
        if espacio is None and not (desde and hasta):
            raise ValidationError({NON_FIELD_ERRORS: MENSAJE_ALCANCE_FALTA}, code="alcance")
        if desde and hasta and hasta < desde:
            raise ValidationError({"hasta": MENSAJE_PERIODO_AL_REVES}, code="alcance")

    @property
    def descripcion_alcance(self) -> str:
        if self.espacio_id:
            return f"Espacio: {self.espacio}"
        return f"Del {self.desde:%d/%m/%Y} al {self.hasta:%d/%m/%Y}"
