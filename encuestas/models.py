"""Satisfaction surveys of the dialogue spaces (meta 3.1 of the plan).

- Cuestionario: an ordered list of questions (PreguntaEncuesta) of six kinds:
  scale 1–5 with a label per point, single choice, multiple choice, yes/no,
  short text, long text. Every choice-like kind (scale, single, multiple,
  yes/no) keeps its answers as Opcion rows, so results are counted per
  option in one GROUP BY whatever the kind. A data migration ships the
  default questionnaire (the usual accountability evaluation).
- Encuesta: a questionnaire applied at one dialogue space (at most one per
  space) or a general one, open to citizens between two instants; OPGI
  chooses when its results are published.
- Respuesta: one filled-in survey, anonymous: from the public web form
  (carrying the one-time token of the form it came from, so a refresh or a
  double click cannot count it twice) or typed in from a paper form by staff.
  Its `fecha` is the day it counts for meta 3.1. A web response keeps, instead
  of the IP address (personal data), only `origen`: an HMAC of the address
  keyed with SECRET_KEY and the survey's code (so the same address gives
  different values in different surveys), for the per-survey hourly cap and
  the «bursts» OPGI reviews before counting meta 3.1.
- ValorRespuesta: one answer to one question: a chosen option (several rows
  for a multiple choice) or a text.

A questionnaire that has responses is not changed any more (duplicate it
instead): encuestas/services.py refuses, and PROTECT keeps the answered
questions and options in the database.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dialogos.models import EspacioDialogo
from nucleo.estados import ConEstados, Transicion

from . import fechas

MAXIMO_TEXTO_CORTO = 200
MAXIMO_TEXTO_LARGO = 2000
# Web responses accepted per hour from one connection (IP) by default: a household or an
# office behind one address. An in-person event raises it (everyone on the venue's Wi-Fi),
# never past TOPE_POR_HORA, so that the cap cannot be switched off by accident.
MAXIMO_POR_HORA = 10
TOPE_POR_HORA = 2000
# The one wording of the cap's bounds: the model's validators (admin) and the services.
MENSAJE_MINIMO_POR_HORA = "Permita al menos una respuesta por conexión y hora."
MENSAJE_TOPE_POR_HORA = f"Como máximo {TOPE_POR_HORA} respuestas por conexión y hora."


class Cuestionario(models.Model):
    nombre = models.CharField("nombre", max_length=150, unique=True)
    presentacion = models.TextField(
        "presentación",
        blank=True,
        help_text="Se muestra a la ciudadanía antes de las preguntas.",
    )
    predeterminado = models.BooleanField(
        "predeterminado",
        default=False,
        help_text="El cuestionario que se propone al crear una encuesta.",
    )
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cuestionarios_creados",
        verbose_name="creado por",
        null=True,
        blank=True,
    )
    creado_en = models.DateTimeField("creado en", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "cuestionario"
        verbose_name_plural = "cuestionarios"
        ordering = ["-predeterminado", "nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["predeterminado"],
                condition=Q(predeterminado=True),
                name="un_solo_cuestionario_predeterminado",
                violation_error_message="Solo un cuestionario puede ser el predeterminado.",
            ),
        ]

    def __str__(self) -> str:
        return self.nombre


class PreguntaEncuesta(models.Model):
    class Tipo(models.TextChoices):
        ESCALA = "escala", "Escala de 1 a 5"
        UNICA = "unica", "Selección única"
        MULTIPLE = "multiple", "Selección múltiple"
        SI_NO = "si_no", "Sí o no"
        TEXTO_CORTO = "texto_corto", "Texto corto"
        TEXTO_LARGO = "texto_largo", "Texto largo"

    cuestionario = models.ForeignKey(
        Cuestionario, on_delete=models.CASCADE, related_name="preguntas"
    )
    orden = models.PositiveSmallIntegerField("orden", default=1)
    tipo = models.CharField("tipo de pregunta", max_length=12, choices=Tipo.choices)
    texto = models.CharField("pregunta", max_length=300)
    ayuda = models.CharField("texto de ayuda", max_length=300, blank=True)
    obligatoria = models.BooleanField("obligatoria", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pregunta del cuestionario"
        verbose_name_plural = "preguntas del cuestionario"
        ordering = ["cuestionario", "orden", "pk"]

    def __str__(self) -> str:
        return f"{self.orden}. {self.texto}"

    @property
    def con_opciones(self) -> bool:
        return self.tipo not in (self.Tipo.TEXTO_CORTO, self.Tipo.TEXTO_LARGO)

    @property
    def es_escala(self) -> bool:
        return self.tipo == self.Tipo.ESCALA

    @property
    def es_multiple(self) -> bool:
        return self.tipo == self.Tipo.MULTIPLE

    @property
    def campo(self) -> str:
        """The name of its field in the answer forms."""
        return f"p{self.pk}"


class Opcion(models.Model):
    """An option of a choice question; a scale's points carry their value 1–5."""

    pregunta = models.ForeignKey(
        PreguntaEncuesta, on_delete=models.CASCADE, related_name="opciones"
    )
    orden = models.PositiveSmallIntegerField("orden", default=1)
    texto = models.CharField("opción", max_length=150)
    valor = models.PositiveSmallIntegerField(
        "valor en la escala", null=True, blank=True, help_text="De 1 a 5, solo en las escalas."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "opción"
        verbose_name_plural = "opciones"
        ordering = ["pregunta", "orden", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregunta", "texto"],
                name="opcion_unica_por_pregunta",
                violation_error_message="Esa opción ya existe en la pregunta.",
            ),
            models.CheckConstraint(
                condition=Q(valor__isnull=True) | (Q(valor__gte=1) & Q(valor__lte=5)),
                name="opcion_valor_de_1_a_5",
                violation_error_message="El valor de la escala va de 1 a 5.",
            ),
        ]

    def __str__(self) -> str:
        return self.texto

    @property
    def etiqueta(self) -> str:
        """«4 – De acuerdo» for a scale point, the text otherwise."""
        return f"{self.valor} – {self.texto}" if self.valor else self.texto


class Encuesta(ConEstados, models.Model):
    codigo = models.CharField(
        "código del enlace",
        max_length=16,
        unique=True,
        editable=False,
        help_text="Forma parte del enlace público y del código QR; nunca cambia.",
    )
    cuestionario = models.ForeignKey(
        Cuestionario,
        on_delete=models.PROTECT,
        related_name="encuestas",
        verbose_name="cuestionario",
    )
    espacio = models.OneToOneField(
        EspacioDialogo,
        on_delete=models.PROTECT,
        related_name="encuesta",
        verbose_name="espacio de diálogo",
        null=True,
        blank=True,
        help_text="Vacío para una encuesta general (no ligada a un espacio).",
    )
    titulo = models.CharField(
        "título",
        max_length=200,
        blank=True,
        help_text="Obligatorio en una encuesta general; si no, se usa el título del espacio.",
    )
    abre_en = models.DateTimeField("abre el", validators=[fechas.validar_momento])
    cierra_en = models.DateTimeField("cierra el", validators=[fechas.validar_momento])
    resultados_publicados = models.BooleanField(
        "resultados publicados",
        default=False,
        help_text="Si está marcado, la ciudadanía ve los resultados agregados (nunca los textos libres).",
    )
    publicados_en = models.DateTimeField("publicados en", null=True, blank=True)
    publicados_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="encuestas_publicadas",
        verbose_name="publicados por",
        null=True,
        blank=True,
        editable=False,
    )
    maximo_por_hora = models.PositiveSmallIntegerField(
        "respuestas por conexión y hora",
        default=MAXIMO_POR_HORA,
        validators=[
            MinValueValidator(1, MENSAJE_MINIMO_POR_HORA),
            MaxValueValidator(TOPE_POR_HORA, MENSAJE_TOPE_POR_HORA),
        ],
        help_text=(
            "Cuántas respuestas web se aceptan por hora desde una misma conexión (dirección IP). "
            "Súbalo para un evento presencial en el que muchas personas comparten el wifi del "
            f"lugar (de 1 a {TOPE_POR_HORA})."
        ),
    )
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="encuestas_creadas",
        verbose_name="creada por",
        null=True,
        blank=True,
    )
    creada_en = models.DateTimeField("creada en", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "encuesta de satisfacción"
        verbose_name_plural = "encuestas de satisfacción"
        ordering = ["-abre_en", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cierra_en__gt=F("abre_en")),
                name="encuesta_cierra_despues_de_abrir",
                violation_error_message="El cierre debe ser posterior a la apertura.",
            ),
            models.CheckConstraint(
                condition=Q(espacio__isnull=False) | ~Q(titulo=""),
                name="encuesta_general_con_titulo",
                violation_error_message="Una encuesta general debe tener título.",
            ),
            models.CheckConstraint(
                condition=Q(resultados_publicados=False) | Q(publicados_en__isnull=False),
                name="encuesta_publicada_con_fecha",
                violation_error_message="Unos resultados publicados deben tener su fecha de publicación.",
            ),
            fechas.restriccion_momento("abre_en", "encuesta_abre_en_rango"),
            fechas.restriccion_momento("cierra_en", "encuesta_cierra_en_rango"),
            fechas.restriccion_momento("publicados_en", "encuesta_publicados_en_rango"),
            models.CheckConstraint(
                condition=Q(maximo_por_hora__gte=1) & Q(maximo_por_hora__lte=TOPE_POR_HORA),
                name="encuesta_maximo_por_hora_acotado",
                violation_error_message=(
                    f"Las respuestas por conexión y hora van de 1 a {TOPE_POR_HORA}."
                ),
            ),
        ]

    # Publication of the results: the one stateful part of a survey (the rest of its
    # state, «por abrir / abierta / cerrada», follows from its dates and its space).
    PUBLICADOS = "publicados"
    SIN_PUBLICAR = "sin_publicar"
    TRANSICIONES = {
        "publicar": Transicion(
            desde={SIN_PUBLICAR},
            hacia=PUBLICADOS,
            mensaje="Los resultados de esta encuesta ya están publicados.",
        ),
        "retirar": Transicion(
            desde={PUBLICADOS},
            hacia=SIN_PUBLICAR,
            mensaje="Los resultados de esta encuesta no están publicados.",
        ),
    }

    def __str__(self) -> str:
        return self.nombre

    def clean(self) -> None:
        # The admin's copy of the services' date rule (the plan's vigencia ± 1 year).
        super().clean()
        espacio = self.espacio if self.espacio_id else None
        errores = fechas.errores_periodo(
            abre_en=self.abre_en, cierra_en=self.cierra_en, vigencia=fechas.vigencia_de(espacio)
        )
        if errores:
            raise ValidationError(errores)

    @property
    def estado(self) -> str:
        """The publication state, read from (and written to) `resultados_publicados`."""
        return self.PUBLICADOS if self.resultados_publicados else self.SIN_PUBLICAR

    @estado.setter
    def estado(self, valor: str) -> None:
        self.resultados_publicados = valor == self.PUBLICADOS

    @property
    def puede_publicarse(self) -> bool:
        return self.admite("publicar")

    @property
    def puede_retirarse(self) -> bool:
        return self.admite("retirar")

    @property
    def nombre(self) -> str:
        return self.titulo or (self.espacio.titulo if self.espacio else "")

    @property
    def es_general(self) -> bool:
        return self.espacio_id is None

    # --- States that follow from the dates (and the space) -------------------------

    @property
    def cancelada(self) -> bool:
        """Its space was cancelled: it never receives answers."""
        return self.espacio is not None and self.espacio.esta_cancelado

    def abierta(self, ahora: datetime | None = None) -> bool:
        ahora = ahora or timezone.now()
        return not self.cancelada and self.abre_en <= ahora < self.cierra_en

    def por_abrir(self, ahora: datetime | None = None) -> bool:
        return not self.cancelada and (ahora or timezone.now()) < self.abre_en

    def cerrada(self, ahora: datetime | None = None) -> bool:
        """Closed: past its closing, or its space was cancelled."""
        return not self.abierta(ahora) and not self.por_abrir(ahora)

    @property
    def esta_abierta(self) -> bool:
        return self.abierta()

    @property
    def esta_por_abrir(self) -> bool:
        return self.por_abrir()

    @property
    def esta_cerrada(self) -> bool:
        return self.cerrada()

    def situacion(self, ahora: datetime | None = None) -> str:
        """«Abierta», «Por abrir» or «Cerrada» (for the lists)."""
        if self.abierta(ahora):
            return "Abierta"
        if self.por_abrir(ahora):
            return "Por abrir"
        return "Cerrada"


class Respuesta(models.Model):
    class Canal(models.TextChoices):
        WEB = "web", "Formulario web"
        PAPEL = "papel", "Formato en papel"

    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.PROTECT, related_name="respuestas", verbose_name="encuesta"
    )
    canal = models.CharField("canal", max_length=6, choices=Canal.choices)
    fecha = models.DateField(
        "fecha de la respuesta",
        validators=[fechas.validar_fecha],
        help_text="El día en que se respondió (el del formato en papel); suma a la meta desde ese día.",
    )
    registrada_en = models.DateTimeField("registrada en", auto_now_add=True)
    token = models.CharField(
        "testigo del formulario",
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Un solo uso por formulario web: un reenvío no se cuenta dos veces.",
    )
    origen = models.CharField(
        "conexión de origen (seudónimo)",
        max_length=32,
        blank=True,
        editable=False,
        help_text=(
            "Huella HMAC de la dirección IP, distinta en cada encuesta; nunca la dirección. "
            "Sirve para el tope por hora y para ver ráfagas de una misma conexión."
        ),
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="respuestas_digitadas",
        verbose_name="digitada por",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "respuesta de encuesta"
        verbose_name_plural = "respuestas de encuestas"
        ordering = ["encuesta", "fecha", "pk"]
        indexes = [
            models.Index(fields=["fecha"], name="respuesta_encuesta_fecha"),
            models.Index(
                fields=["encuesta", "origen", "registrada_en"], name="respuesta_origen_hora"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(canal="web") & Q(token__isnull=False))
                | (Q(canal="papel") & Q(token__isnull=True)),
                name="respuesta_web_con_testigo",
                violation_error_message="Una respuesta web lleva el testigo de su formulario; una en papel no.",
            ),
            fechas.restriccion_fecha("fecha", "respuesta_fecha_en_rango"),
        ]

    def __str__(self) -> str:
        return f"Respuesta {self.pk} – {self.encuesta} ({self.fecha:%d/%m/%Y})"


class ValorRespuesta(models.Model):
    """One answer to one question: an option (one row per option chosen) or a text."""

    respuesta = models.ForeignKey(Respuesta, on_delete=models.CASCADE, related_name="valores")
    pregunta = models.ForeignKey(
        PreguntaEncuesta, on_delete=models.PROTECT, related_name="valores", verbose_name="pregunta"
    )
    opcion = models.ForeignKey(
        Opcion,
        on_delete=models.PROTECT,
        related_name="valores",
        verbose_name="opción elegida",
        null=True,
        blank=True,
    )
    texto = models.TextField("texto", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "valor de una respuesta"
        verbose_name_plural = "valores de las respuestas"
        ordering = ["respuesta", "pk"]
        indexes = [models.Index(fields=["pregunta", "opcion"], name="valor_pregunta_opcion")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(opcion__isnull=False) & Q(texto=""))
                | (Q(opcion__isnull=True) & ~Q(texto="")),
                name="valor_opcion_o_texto",
                violation_error_message="Un valor es una opción elegida o un texto, no ambos.",
            ),
            models.UniqueConstraint(
                fields=["respuesta", "opcion"],
                condition=Q(opcion__isnull=False),
                name="valor_opcion_una_vez",
                violation_error_message="Esa opción ya está en la respuesta.",
            ),
            models.UniqueConstraint(
                fields=["respuesta", "pregunta"],
                condition=Q(opcion__isnull=True),
                name="valor_texto_una_vez",
                violation_error_message="Esa pregunta ya tiene su texto en la respuesta.",
            ),
        ]

    def __str__(self) -> str:
        return self.opcion.texto if self.opcion else self.texto[:60]
