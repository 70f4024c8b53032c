"""Forms of dialogos: they check types and sizes; the rules live in dialogos.services.

One rule, one message: a field the service requires is not required here (the view
shows the service's ValidationError on it with nucleo.formularios.aplicar_errores);
the page still marks it «(obligatorio)» and the browser gets the `required` hint.
"""

from datetime import datetime
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from nucleo.fechas import CampoFecha
from nucleo.formularios import CAMPO_TRAMPA, aplicar_errores, campo_trampa, revisar_trampa
from nucleo.historial import campo_version
from plan import fuentes
from plan.models import Actividad, Responsable

from . import metas, permisos, reglas
from .models import (
    MAXIMO_PREGUNTA,
    AdjuntoEspacio,
    CanalConvocatoria,
    Compromiso,
    EspacioDialogo,
    InformeRespuestas,
    Territorio,
    TipoPeticion,
)
from .services.preguntas import MENSAJE_SIN_AVISO

FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HORA = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

C = TypeVar("C", bound=forms.Field)


def obligatorio(campo: C) -> C:
    """A field the service requires, with the service's message: Django does not check it."""
    campo.required = False
    campo.widget.is_required = False
    campo.obligatorio = True  # type: ignore[attr-defined]  # read by dialogos/_campo.html
    if not isinstance(campo.widget, forms.CheckboxSelectMultiple):
        # On a multiple choice it would require every box; the label is the hint there.
        campo.widget.attrs["required"] = True
    return campo


def _territorios():
    return Territorio.objects.order_by("orden")


def _oficinas():
    # The site's entity's offices (a join, not a query of its own): dialogue spaces,
    # commitments and petitions are the site's.
    return Responsable.objects.filter(entidad__principal=True).order_by("nombre")


def _tipos_activos() -> "QuerySet[TipoPeticion]":
    return TipoPeticion.objects.filter(activo=True).order_by("orden", "pk")


def _con_tipos_activos(campo: forms.Field) -> None:
    assert isinstance(campo, forms.ModelChoiceField)
    campo.queryset = _tipos_activos()


class TipoPeticionChoiceField(forms.ModelChoiceField):
    """The petition types in the citizen's words: «Quiero hacer una pregunta»…"""

    def label_from_instance(self, obj: TipoPeticion) -> str:
        return f"{obj.opcion}: {obj.descripcion}"


def campo_tipo(etiqueta: str = "¿Qué quiere hacer?") -> TipoPeticionChoiceField:
    # Not required: without a choice the service files it as a petición general.
    return TipoPeticionChoiceField(
        label=etiqueta,
        queryset=TipoPeticion.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )


class ActividadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.vigencia} · {obj.codigo} {obj.descripcion[:90]}"


# --- Public forms -------------------------------------------------------------


class PreguntaForm(forms.Form):
    """The citizens' question form (no account). Personal data are optional."""

    tipo = campo_tipo()
    # Required and at most MAXIMO_PREGUNTA characters: the service's rule and messages.
    texto = obligatorio(
        forms.CharField(
            label="Su pregunta",
            widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAXIMO_PREGUNTA}),
            help_text=f"Hasta {MAXIMO_PREGUNTA} caracteres.",
        )
    )
    territorio = forms.ModelChoiceField(
        label="Comuna o corregimiento donde vive",
        queryset=Territorio.objects.none(),
        required=False,
        empty_label="Prefiero no decirlo",
    )
    quiere_respuesta = forms.BooleanField(
        label="Quiero recibir la respuesta",
        required=False,
        help_text="Si la marca, escriba su nombre y un correo o teléfono.",
    )
    nombre = forms.CharField(label="Nombre (opcional)", max_length=150, required=False)
    correo = forms.EmailField(
        label="Correo electrónico (opcional)",
        required=False,
        error_messages={
            "invalid": "Escriba un correo electrónico válido, por ejemplo nombre@dominio.co."
        },
    )
    telefono = forms.RegexField(
        label="Teléfono (opcional)",
        regex=r"^\+?[0-9 ()-]{7,20}$",
        required=False,
        error_messages={"invalid": "Escriba un teléfono válido: solo números, de 7 a 15 dígitos."},
    )
    acepta_datos = forms.BooleanField(
        label=(
            "Acepto el aviso de tratamiento de datos personales (Ley 1581 de 2012): la Alcaldía "
            "usará mi nombre y contacto solo para responder esta pregunta y no los publicará."
        ),
        # Checked here too, so that nothing is sent on without it: the service's message.
        error_messages={"required": MENSAJE_SIN_AVISO},
    )
    # Honeypot: hidden from people (and from screen readers); bots fill it in.
    sitio_web = campo_trampa()

    CAMPO_TRAMPA = CAMPO_TRAMPA

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territorio"].queryset = _territorios()
        _con_tipos_activos(self.fields["tipo"])
        if not self.is_bound and "tipo" not in self.initial:
            self.initial["tipo"] = _tipos_activos().filter(clave=TipoPeticion.GENERAL).first()

    def clean(self):
        datos = super().clean()
        revisar_trampa(datos)
        return datos

    def campos_visibles(self):
        return [campo for campo in self if campo.name != self.CAMPO_TRAMPA]

    def datos_servicio(self) -> dict:
        datos = dict(self.cleaned_data)
        datos.pop(self.CAMPO_TRAMPA, None)
        return datos


class EntradaSinEco(forms.TextInput):
    """A text input that never writes the typed value back into the page.

    The radicado is a secret like a password: a lookup's answer must not carry
    it in an attribute (caches, shared screens, crawlers of the page)."""

    def format_value(self, value):
        return None


class ConsultaForm(forms.Form):
    radicado = forms.CharField(
        label="Número de radicado",
        max_length=40,
        widget=EntradaSinEco(attrs={"autocomplete": "off", "spellcheck": "false"}),
        # No sample number here: a page must never show anything that looks like a radicado.
        help_text=(
            "Tiene la forma RDC-AAAA-XXXX-XXXX: el año y ocho letras o números. "
            "No distingue mayúsculas de minúsculas."
        ),
        error_messages={"required": "Escriba el número de radicado."},
    )

    def clean_radicado(self):
        radicado = reglas.normalizar_radicado(self.cleaned_data["radicado"])
        if radicado is None:
            raise forms.ValidationError(
                "Ese no es un número de radicado válido: debe tener la forma RDC-AAAA-XXXX-XXXX."
            )
        return radicado


class FiltroCronogramaForm(forms.Form):
    tipo = forms.ChoiceField(
        label="Tipo de espacio",
        required=False,
        choices=[("", "Todos"), *EspacioDialogo.Tipo.choices],
    )
    territorio = forms.ModelChoiceField(
        label="Comuna o corregimiento",
        queryset=Territorio.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Todos",
    )
    mes = CampoFecha(
        label="Mes",
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "aaaa-mm"}, format="%Y-%m"),
        help_text="Formato aaaa-mm, por ejemplo 2022-05.",
        error_messages={"invalid": "Escriba el mes con la forma aaaa-mm, por ejemplo 2022-05."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territorio"].queryset = _territorios()

    def filtros(self) -> dict:
        """Keyword arguments for the selectors; invalid values are ignored."""
        if not self.is_valid():
            return {}
        return {clave: valor for clave, valor in self.cleaned_data.items() if valor}


class FiltroEspaciosForm(FiltroCronogramaForm):
    estado = forms.ChoiceField(
        label="Estado", required=False, choices=[("", "Todos"), *EspacioDialogo.Estado.choices]
    )


# --- Staff: spaces ------------------------------------------------------------


class EspacioForm(forms.Form):
    tipo = forms.ChoiceField(label="Tipo de espacio", choices=EspacioDialogo.Tipo.choices)
    titulo = forms.CharField(label="Título", max_length=200)
    tema = forms.CharField(label="Tema", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    oficinas = obligatorio(
        forms.ModelMultipleChoiceField(
            label="Dependencias organizadoras",
            queryset=Responsable.objects.none(),
            widget=forms.CheckboxSelectMultiple,
        )
    )
    actividad = ActividadChoiceField(
        label="Actividad del plan a la que suma",
        queryset=Actividad.objects.none(),
        required=False,
        empty_label="Ninguna",
    )
    fecha = CampoFecha(label="Fecha", widget=FECHA)
    hora_inicio = forms.TimeField(label="Hora de inicio", widget=HORA)
    hora_fin = forms.TimeField(label="Hora de fin", widget=HORA)
    territorio = forms.ModelChoiceField(
        label="Comuna o corregimiento",
        queryset=Territorio.objects.none(),
        required=False,
        empty_label="Ninguno / toda la ciudad",
    )
    lugar = forms.CharField(label="Lugar o dirección", max_length=250, required=False)
    enlace = forms.URLField(
        label="Enlace de la transmisión o reunión virtual",
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args, usuario, actividad_actual: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oficinas"].queryset = _oficinas()
        self.fields["territorio"].queryset = _territorios()
        # Only the activities the user may make the space count toward (the service
        # checks it again), plus the one already chosen (by OPGI) when editing.
        permitidas = Q(pk__in=permisos.actividades_vinculables(usuario).values("pk"))
        if actividad_actual is not None:
            permitidas |= Q(pk=actividad_actual)
        self.fields["actividad"].queryset = (
            Actividad.objects.filter(permitidas)
            .select_related("plan")
            .order_by("-plan__vigencia", "orden")
        )

    @classmethod
    def desde_espacio(cls, espacio: EspacioDialogo, *, usuario) -> "EspacioForm":
        inicio, fin = timezone.localtime(espacio.inicio), timezone.localtime(espacio.fin)
        return cls(
            usuario=usuario,
            actividad_actual=espacio.actividad_id,
            initial={
                "tipo": espacio.tipo,
                "titulo": espacio.titulo,
                "tema": espacio.tema,
                "oficinas": list(espacio.oficinas.all()),
                "actividad": espacio.actividad_id,
                "fecha": inicio.date(),
                "hora_inicio": inicio.time(),
                "hora_fin": fin.time(),
                "territorio": espacio.territorio_id,
                "lugar": espacio.lugar,
                "enlace": espacio.enlace,
            },
        )

    def datos_servicio(self) -> dict:
        datos = dict(self.cleaned_data)
        fecha = datos.pop("fecha")
        datos["inicio"] = timezone.make_aware(datetime.combine(fecha, datos.pop("hora_inicio")))
        datos["fin"] = timezone.make_aware(datetime.combine(fecha, datos.pop("hora_fin")))
        return datos


class FormularioDePagina(forms.Form):
    """A form that shares its page with others: its own id prefix keeps ids unique."""

    id_prefijo = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefijo}_%s")
        super().__init__(*args, **kwargs)


class CancelarForm(FormularioDePagina):
    id_prefijo = "cancelar"
    motivo = obligatorio(
        forms.CharField(label="Motivo de la cancelación", widget=forms.Textarea(attrs={"rows": 2}))
    )


class RealizacionForm(FormularioDePagina):
    id_prefijo = "realizacion"
    # Required and at least 1: the service's rule and messages; the browser gets the hints.
    asistentes = obligatorio(
        forms.IntegerField(label="Número de asistentes", widget=forms.NumberInput(attrs={"min": 1}))
    )
    organizaciones = forms.CharField(
        label="Organizaciones presentes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    acta = obligatorio(
        forms.CharField(label="Resumen / acta", widget=forms.Textarea(attrs={"rows": 5}))
    )


class CompromisoForm(FormularioDePagina):
    id_prefijo = "compromiso"
    descripcion = obligatorio(
        forms.CharField(label="Compromiso", widget=forms.Textarea(attrs={"rows": 2}))
    )
    responsable = forms.ModelChoiceField(
        label="Dependencia responsable", queryset=Responsable.objects.none()
    )
    fecha_limite = CampoFecha(label="Fecha límite", widget=FECHA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsable"].queryset = _oficinas()


class SeguimientoCompromisoForm(forms.Form):
    estado = forms.ChoiceField(label="Estado", choices=Compromiso.Estado.choices)
    seguimiento = forms.CharField(
        label="Nota de seguimiento", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdjuntoForm(FormularioDePagina):
    id_prefijo = "adjunto"
    # The management report is uploaded with its date on the hearing's own form.
    tipo = forms.ChoiceField(
        label="Tipo de adjunto",
        choices=[c for c in AdjuntoEspacio.Tipo.choices if c[0] != AdjuntoEspacio.Tipo.INFORME],
    )
    descripcion = forms.CharField(label="Descripción (opcional)", max_length=300, required=False)
    # An empty file reaches nucleo.archivos.revisar_archivo, whose message names the file.
    archivo = obligatorio(forms.FileField(label="Archivo", allow_empty_file=True))


class InformeGestionForm(FormularioDePagina):
    """A hearing's management report: a document or a link (the service's rules), and its date."""

    id_prefijo = "informe_gestion"
    publicado_el = obligatorio(CampoFecha(label="Publicado el", widget=FECHA))
    enlace = forms.CharField(
        label="Enlace del informe",
        max_length=500,
        required=False,
        help_text=(
            "Una dirección https:// o una ruta del portal, por ejemplo /informes/plan/2022.pdf. "
            "O adjunte el documento abajo (no ambos)."
        ),
    )
    archivo = forms.FileField(label="Documento del informe", required=False, allow_empty_file=True)

    @classmethod
    def desde_espacio(cls, espacio: EspacioDialogo) -> "InformeGestionForm":
        return cls(
            initial={"publicado_el": espacio.informe_publicado_el, "enlace": espacio.informe_enlace}
        )


class ConvocatoriaForm(FormularioDePagina):
    id_prefijo = "convocatoria"
    convocada_el = obligatorio(CampoFecha(label="Convocada el", widget=FECHA))
    canales = obligatorio(
        forms.MultipleChoiceField(
            label="Canales de la convocatoria",
            choices=CanalConvocatoria.choices,
            widget=forms.CheckboxSelectMultiple,
        )
    )
    nota = forms.CharField(
        label="Nota (opcional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Por ejemplo, las emisoras o los medios en que se publicó.",
    )

    @classmethod
    def desde_espacio(cls, espacio: EspacioDialogo) -> "ConvocatoriaForm":
        return cls(
            initial={
                "convocada_el": espacio.convocada_el,
                "canales": espacio.convocatoria_canales,
                "nota": espacio.convocatoria_nota,
            }
        )


# --- Staff: questions ---------------------------------------------------------


class PreguntaFormatoForm(PreguntaForm):
    """A paper form typed in by staff: the same fields, plus its space and date of receipt."""

    espacio = forms.ModelChoiceField(
        label="Espacio donde se recibió",
        queryset=EspacioDialogo.objects.none(),
        required=False,
        empty_label="Ninguno (pregunta general)",
    )
    recibida_el = CampoFecha(label="Fecha de recibo", widget=FECHA)

    field_order = ["espacio", "recibida_el", "tipo"]

    def __init__(self, *args, espacios, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields[self.CAMPO_TRAMPA]
        self.fields["espacio"].queryset = espacios
        self.fields[
            "acepta_datos"
        ].label = "El formato físico tiene el aviso de tratamiento de datos personales aceptado"


class AsignarForm(FormularioDePagina):
    id_prefijo = "asignar"
    oficina = obligatorio(
        forms.ModelChoiceField(
            label="Dependencia que debe responder", queryset=Responsable.objects.none()
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oficina"].queryset = _oficinas()


class ReclasificarForm(FormularioDePagina):
    id_prefijo = "reclasificar"
    tipo = obligatorio(
        forms.ModelChoiceField(label="Nuevo tipo de petición", queryset=TipoPeticion.objects.none())
    )
    motivo = obligatorio(forms.CharField(label="Motivo", widget=forms.Textarea(attrs={"rows": 2})))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _con_tipos_activos(self.fields["tipo"])


class ProrrogaForm(FormularioDePagina):
    id_prefijo = "prorroga"
    nueva_fecha = obligatorio(CampoFecha(label="Nueva fecha de vencimiento", widget=FECHA))
    motivo = obligatorio(
        forms.CharField(
            label="Motivo (se le comunica al ciudadano)",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    )


class TrasladoForm(FormularioDePagina):
    id_prefijo = "traslado"
    entidad_destino = obligatorio(
        forms.CharField(label="Entidad competente a la que se traslada", max_length=200)
    )
    motivo = forms.CharField(
        label="Nota para el ciudadano (opcional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SolicitudCompletarForm(FormularioDePagina):
    id_prefijo = "completar"
    motivo = obligatorio(
        forms.CharField(
            label="Qué debe completar el ciudadano (se le comunica)",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    )


class ComplementoForm(FormularioDePagina):
    """No fields: registering that the citizen completed the petition today."""

    id_prefijo = "complemento"


class ResponderForm(FormularioDePagina):
    id_prefijo = "responder"
    # The latest history id seen: a second, concurrent answer is refused, not lost.
    version = campo_version()
    respuesta = obligatorio(
        forms.CharField(label="Respuesta", widget=forms.Textarea(attrs={"rows": 6}))
    )


class PublicarForm(FormularioDePagina):
    id_prefijo = "publicar"
    texto_publico = obligatorio(
        forms.CharField(
            label="Pregunta como se publicará",
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=(
                "Revise que no contenga nombres, correos, teléfonos ni otros datos personales."
            ),
        )
    )
    respuesta_publica = obligatorio(
        forms.CharField(
            label="Respuesta como se publicará", widget=forms.Textarea(attrs={"rows": 6})
        )
    )


class FiltroPreguntasForm(forms.Form):
    estado = forms.ChoiceField(
        label="Mostrar",
        required=False,
        choices=[
            ("abiertas", "Abiertas (sin responder)"),
            ("sin_asignar", "Sin asignar"),
            ("en_espera", "En espera de que el ciudadano complete"),
            ("cerradas", "Trasladadas o desistidas"),
            ("por_publicar", "Respondidas por publicar"),
            ("publicadas", "Publicadas"),
            ("todas", "Todas"),
        ],
    )
    oficina = forms.ModelChoiceField(
        label="Dependencia",
        queryset=Responsable.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Todas",
    )

    def __init__(self, *args, con_oficina: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if con_oficina:
            self.fields["oficina"].queryset = _oficinas()
        else:
            del self.fields["oficina"]

    def filtros(self) -> dict:
        if not self.is_valid():
            return {}
        datos = {"estado": self.cleaned_data["estado"] or "abiertas"}
        if self.cleaned_data.get("oficina"):
            datos["oficina"] = self.cleaned_data["oficina"]
        return datos


# --- Staff: reports and automatic metas ---------------------------------------


class InformeForm(forms.Form):
    titulo = forms.CharField(label="Título", max_length=200)
    espacio = forms.ModelChoiceField(
        label="Espacio de diálogo",
        queryset=EspacioDialogo.objects.none(),
        required=False,
        empty_label="Ninguno (un periodo)",
    )
    desde = CampoFecha(label="Desde", required=False, widget=FECHA)
    hasta = CampoFecha(label="Hasta", required=False, widget=FECHA)
    publicado_el = CampoFecha(label="Publicado el", widget=FECHA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["espacio"].queryset = EspacioDialogo.objects.filter(
            estado=EspacioDialogo.Estado.REALIZADO
        ).order_by("-inicio")


class AlcanceInformeForm(FormularioDePagina):
    """The period or space of a report to download (GET)."""

    id_prefijo = "alcance"

    espacio = forms.ModelChoiceField(
        label="Espacio de diálogo",
        queryset=EspacioDialogo.objects.none(),
        required=False,
        empty_label="Ninguno (un periodo)",
    )
    desde = CampoFecha(label="Desde", required=False, widget=FECHA)
    hasta = CampoFecha(label="Hasta", required=False, widget=FECHA)
    formato = forms.ChoiceField(label="Formato", choices=[("pdf", "PDF"), ("xlsx", "XLSX")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["espacio"].queryset = EspacioDialogo.objects.order_by("-inicio")

    def clean(self):
        datos = super().clean()
        try:
            InformeRespuestas.validar_alcance(
                datos.get("espacio"), datos.get("desde"), datos.get("hasta")
            )
        except ValidationError as error:
            aplicar_errores(self, error)
        return datos


class FuenteForm(forms.Form):
    fuente = forms.ChoiceField(label="Fuente del avance", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fuente"].choices = [
            (clave, etiqueta)
            for clave, etiqueta in fuentes.opciones()
            if not clave or metas.es_de_dialogos(clave)
        ]
