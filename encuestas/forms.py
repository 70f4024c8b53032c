"""Forms of encuestas: they render the questions and check types; the rules live in
encuestas.reglas (what a valid answer is) and encuestas.services (everything else).
"""

from datetime import timedelta

from django import forms
from django.utils import timezone

from dialogos.models import EspacioDialogo
from nucleo.fechas import CampoFecha
from nucleo.formularios import CAMPO_TRAMPA, campo_trampa, revisar_trampa

from . import fechas, reglas
from .models import (
    MAXIMO_POR_HORA,
    TOPE_POR_HORA,
    Cuestionario,
    Encuesta,
    PreguntaEncuesta,
)

FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FECHA_HORA = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FECHA_HORA_OBLIGATORIA = forms.DateTimeInput(
    attrs={"type": "datetime-local", "required": True}, format="%Y-%m-%dT%H:%M"
)
FORMATOS_FECHA_HORA = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def _campo(pregunta: PreguntaEncuesta, *, papel: bool) -> forms.Field:
    """The form field of one question (never `required`: reglas.interpretar decides)."""
    comun = {"label": pregunta.texto, "required": False, "help_text": pregunta.ayuda}
    Tipo = PreguntaEncuesta.Tipo
    # A text's length is reglas.interpretar's rule and message; the browser gets a hint.
    maximo = reglas.maximo_texto(pregunta.tipo) if not pregunta.con_opciones else None
    if pregunta.tipo == Tipo.TEXTO_CORTO:
        return forms.CharField(
            widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": maximo}), **comun
        )
    if pregunta.tipo == Tipo.TEXTO_LARGO:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": maximo}), **comun
        )
    opciones = list(pregunta.opciones.all())
    if pregunta.tipo == Tipo.ESCALA:
        eleccion = [(str(o.valor), o.etiqueta) for o in opciones]
        if papel:
            comun["help_text"] = " · ".join(o.etiqueta for o in opciones)
            # Typing the digit read on the paper is the fastest: 1–5, then Tab.
            widget = forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "pattern": "[1-5]",
                    "maxlength": "1",
                    "size": "2",
                    "autocomplete": "off",
                    "class": "escala-papel",
                }
            )
        else:
            widget = forms.RadioSelect
        return forms.ChoiceField(
            choices=eleccion,
            widget=widget,
            error_messages={"invalid_choice": reglas.MENSAJE_ESCALA},
            **comun,
        )
    eleccion = [(str(o.pk), o.texto) for o in opciones]
    if pregunta.tipo == Tipo.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=eleccion,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": reglas.MENSAJE_OPCION},
            **comun,
        )
    return forms.ChoiceField(
        choices=eleccion,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": reglas.MENSAJE_OPCION},
        **comun,
    )


class RespuestaForm(forms.Form):
    """The public answer form of a survey: one field per question and the honeypot (the
    one-time token travels beside it, see services.nuevo_testigo). No personal data is asked."""

    papel = False

    def __init__(self, *args, preguntas: list[PreguntaEncuesta], **kwargs):
        super().__init__(*args, **kwargs)
        self.preguntas = preguntas
        for pregunta in preguntas:
            self.fields[pregunta.campo] = _campo(pregunta, papel=self.papel)
        if not self.papel:
            self.fields[CAMPO_TRAMPA] = campo_trampa()

    def clean(self):
        datos = super().clean()
        revisar_trampa(datos)
        # Every question's error at once: the rules (required…) of the questions whose
        # field passed its type check; the service checks them all again.
        sin_error = [p for p in self.preguntas if p.campo not in self.errors]
        try:
            reglas.interpretar(sin_error, {p.campo: datos.get(p.campo) for p in sin_error})
        except forms.ValidationError as error:
            for campo, mensajes in error.message_dict.items():
                self.add_error(campo, mensajes)
        return datos

    @property
    def preguntas_con_campo(self):
        """(question, bound field, drawn as a group of options) in order, for the template."""
        return [
            (pregunta, self[pregunta.campo], self._en_grupo(pregunta))
            for pregunta in self.preguntas
        ]

    def _en_grupo(self, pregunta: PreguntaEncuesta) -> bool:
        """Radio buttons and check boxes go in a fieldset; a paper scale is a text box."""
        return pregunta.con_opciones and not (self.papel and pregunta.es_escala)

    @property
    def trampa(self):
        return self[CAMPO_TRAMPA] if CAMPO_TRAMPA in self.fields else None

    def respuestas(self) -> dict[str, object]:
        """The answers keyed by question field, for services.responder / registrar_papel."""
        return {p.campo: self.cleaned_data.get(p.campo) for p in self.preguntas}


class PapelForm(RespuestaForm):
    """A paper form typed in by staff: the same questions, plus the day it was filled."""

    fecha = CampoFecha(
        label="Fecha en que se diligenció el formato",
        widget=FECHA,
        # Checked here too, so that it shows beside the questions' errors: reglas' message.
        error_messages={"required": reglas.MENSAJE_SIN_FECHA},
    )

    papel = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["fecha"])


# --- Staff: surveys -------------------------------------------------------------------


class EspacioChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{timezone.localtime(obj.inicio):%d/%m/%Y} · {obj.titulo}"


class EncuestaForm(forms.Form):
    espacio = EspacioChoiceField(
        label="Espacio de diálogo",
        queryset=EspacioDialogo.objects.none(),
        required=False,
        empty_label="Ninguno (encuesta general)",
    )
    titulo = forms.CharField(
        label="Título",
        max_length=200,
        required=False,
        help_text="Obligatorio en una encuesta general; si no, se usa el título del espacio.",
    )
    # Required, but the message is the service's (nucleo.formularios.aplicar_errores).
    cuestionario = forms.ModelChoiceField(
        label="Cuestionario",
        queryset=Cuestionario.objects.none(),
        required=False,
        empty_label=None,
    )
    abre_en = forms.DateTimeField(
        label="Abre el",
        widget=FECHA_HORA_OBLIGATORIA,
        input_formats=FORMATOS_FECHA_HORA,
        validators=[fechas.validar_momento],
        required=False,  # the service says «Indique cuándo abre la encuesta.»
    )
    cierra_en = forms.DateTimeField(
        label="Cierra el",
        widget=FECHA_HORA_OBLIGATORIA,
        input_formats=FORMATOS_FECHA_HORA,
        validators=[fechas.validar_momento],
        required=False,  # the service says «Indique cuándo cierra la encuesta.»
    )
    maximo_por_hora = forms.IntegerField(
        label="Respuestas por conexión y hora",
        required=False,  # empty: the default on a new survey, unchanged on an edit
        # The bounds are the service's rule and message; the browser gets them as hints.
        widget=forms.NumberInput(attrs={"min": 1, "max": TOPE_POR_HORA}),
        initial=MAXIMO_POR_HORA,
        help_text=(
            f"Cuántas respuestas web se aceptan por hora desde una misma conexión "
            f"(por defecto {MAXIMO_POR_HORA}). Súbalo para un evento presencial en el que "
            f"muchas personas comparten el wifi del lugar (máximo {TOPE_POR_HORA})."
        ),
        error_messages={"invalid": "Escriba un número entero."},
    )

    def __init__(self, *args, espacios, con_espacio: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cuestionario"].queryset = Cuestionario.objects.order_by(
            "-predeterminado", "nombre"
        )
        if con_espacio:
            self.fields["espacio"].queryset = espacios.order_by("-inicio")
        else:
            del self.fields["espacio"]

    @staticmethod
    def inicial(espacio: EspacioDialogo | None, cuestionario: Cuestionario | None) -> dict:
        """Open from the space's start to a week after it ends (or a month from now)."""
        if espacio is not None:
            abre, cierra = fechas.periodo_del_espacio(espacio)
        else:
            abre = timezone.localtime().replace(second=0, microsecond=0)
            # A survey at the end of the range must not propose a closing past it.
            cierra = min(abre + timedelta(days=30), fechas.momento_maximo() - timedelta(minutes=1))
        return {
            "espacio": espacio.pk if espacio else None,
            "cuestionario": cuestionario.pk if cuestionario else None,
            "abre_en": timezone.localtime(abre),
            "cierra_en": timezone.localtime(cierra),
            "maximo_por_hora": MAXIMO_POR_HORA,
        }

    @classmethod
    def desde_encuesta(cls, encuesta: Encuesta, **kwargs) -> "EncuestaForm":
        return cls(
            initial={
                "titulo": encuesta.titulo,
                "cuestionario": encuesta.cuestionario_id,
                "abre_en": timezone.localtime(encuesta.abre_en),
                "cierra_en": timezone.localtime(encuesta.cierra_en),
                "maximo_por_hora": encuesta.maximo_por_hora,
            },
            con_espacio=False,
            **kwargs,
        )


class PeriodoForm(forms.Form):
    """The period of the results (GET); both dates optional."""

    desde = CampoFecha(label="Desde", required=False, widget=FECHA)
    hasta = CampoFecha(label="Hasta", required=False, widget=FECHA)

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and hasta < desde:
            self.add_error("hasta", "La fecha final no puede ser anterior a la inicial.")
        return datos

    def periodo(self) -> dict:
        if not self.is_valid():
            return {"desde": None, "hasta": None}
        return {"desde": self.cleaned_data["desde"], "hasta": self.cleaned_data["hasta"]}


# --- Staff: questionnaires ------------------------------------------------------------


class CuestionarioForm(forms.Form):
    nombre = forms.CharField(
        label="Nombre", max_length=150, error_messages={"required": "Escriba el nombre."}
    )
    presentacion = forms.CharField(
        label="Presentación",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Se muestra a la ciudadanía antes de las preguntas.",
    )


class DuplicarForm(forms.Form):
    nombre = forms.CharField(
        label="Nombre de la copia",
        max_length=150,
        error_messages={"required": "Escriba el nombre de la copia."},
    )


class PreguntaCuestionarioForm(forms.Form):
    tipo = forms.ChoiceField(label="Tipo de pregunta", choices=PreguntaEncuesta.Tipo.choices)
    # Required and at most 300 characters: the service's rule and messages.
    texto = forms.CharField(
        label="Pregunta",
        required=False,
        widget=forms.TextInput(attrs={"required": True, "maxlength": 300}),
    )
    ayuda = forms.CharField(
        label="Texto de ayuda (opcional)",
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    obligatoria = forms.BooleanField(label="Obligatoria", required=False, initial=True)
    opciones = forms.CharField(
        label="Opciones, una por línea",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Selección única o múltiple: al menos dos. Escala: las 5 etiquetas de 1 a 5 "
            "(vacío para «Totalmente en desacuerdo» … «Totalmente de acuerdo»). "
            "Sí o no y texto: déjelo vacío."
        ),
    )

    @classmethod
    def desde_pregunta(cls, pregunta: PreguntaEncuesta) -> "PreguntaCuestionarioForm":
        lineas = [] if pregunta.tipo == PreguntaEncuesta.Tipo.SI_NO else pregunta.opciones.all()
        return cls(
            initial={
                "tipo": pregunta.tipo,
                "texto": pregunta.texto,
                "ayuda": pregunta.ayuda,
                "obligatoria": pregunta.obligatoria,
                "opciones": "\n".join(o.texto for o in lineas),
            }
        )

    def datos_servicio(self) -> dict:
        datos = dict(self.cleaned_data)
        datos["opciones"] = datos["opciones"].splitlines()
        return datos
