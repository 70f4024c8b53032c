"""The forms of «Importar un plan completo» (plan/views_importacion.py)."""

from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat

from nucleo.archivos import tamano_maximo
from nucleo.fechas import VIGENCIA_MAXIMA, VIGENCIA_MINIMA
from nucleo.models import Entidad
from plan.importacion.construccion import EDITABLES
from plan.importacion.encabezados import NOMBRES
from plan.importacion.lectura import EXTENSIONES_CSV, EXTENSIONES_XLSX
from plan.importacion.tipos import Campo
from plan.models import MENSAJE_VIGENCIA, Actividad, Instrumento
from plan.servicios_importacion import mensaje_plan_existente

MENSAJE_EXTENSION = "Suba el plan como hoja de cálculo .xlsx o como .csv."
MENSAJE_TAMANO = "El archivo pesa {tamano}: el máximo es {maximo}."
MENSAJE_SIN_ACTIVIDAD = "Marque la columna que tiene las actividades como «Actividad»."
MENSAJE_REPETIDA = "«{campo}» está en más de una columna: {columnas}. Elija una sola."
SIN_IMPORTAR = ""


class ConErroresDescritos(forms.Form):
    """Each control points at its help and its errors (aria-describedby), so a screen
    reader reads the error with the field."""

    def full_clean(self) -> None:
        super().full_clean()
        for nombre, campo in self.fields.items():
            if nombre in self.errors:
                auto_id = self[nombre].auto_id
                ids = [f"{auto_id}_helptext"] if campo.help_text else []
                campo.widget.attrs["aria-describedby"] = " ".join([*ids, f"{auto_id}_errores"])
                campo.widget.attrs["aria-invalid"] = "true"


class PlanNuevoForm(ConErroresDescritos):
    """Step 1: the file and the plan it becomes."""

    archivo = forms.FileField(
        label="Archivo del plan",
        help_text="La hoja de cálculo del plan (.xlsx) o un .csv, como la entidad lo tiene.",
        error_messages={
            "required": "Elija el archivo del plan.",
            "empty": "El archivo está vacío.",
        },
    )
    entidad = forms.CharField(
        label="Entidad",
        max_length=200,
        help_text="La entidad del plan: la del sitio, otra ya registrada o una nueva (escriba su nombre).",
        error_messages={"required": "Escriba el nombre de la entidad."},
    )
    instrumento = forms.ChoiceField(label="Instrumento", choices=Instrumento.choices)
    vigencia = forms.IntegerField(
        label="Vigencia",
        min_value=VIGENCIA_MINIMA,
        max_value=VIGENCIA_MAXIMA,
        help_text="El año del plan, por ejemplo 2026.",
        error_messages={
            "required": "Escriba la vigencia del plan.",
            "invalid": "La vigencia es un año, por ejemplo 2026.",
            "min_value": MENSAJE_VIGENCIA,
            "max_value": MENSAJE_VIGENCIA,
        },
    )
    titulo = forms.CharField(
        label="Título del plan",
        max_length=250,
        initial="Plan Anticorrupción y de Atención al Ciudadano",
        error_messages={"required": "Escriba el título del plan."},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["entidad"].initial = Entidad.objects.del_sitio().nombre
        self.fields["entidad"].widget.attrs["list"] = "entidades"
        self.entidades = list(Entidad.objects.values_list("nombre", flat=True))

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        extension = PurePath(archivo.name).suffix.lower()
        if extension not in EXTENSIONES_XLSX + EXTENSIONES_CSV:
            raise forms.ValidationError(MENSAJE_EXTENSION)
        if archivo.size > tamano_maximo():
            raise forms.ValidationError(
                MENSAJE_TAMANO.format(
                    tamano=filesizeformat(archivo.size), maximo=filesizeformat(tamano_maximo())
                )
            )
        return archivo

    def clean_entidad(self) -> str:
        return " ".join(self.cleaned_data["entidad"].split())

    def clean(self):
        datos = super().clean()
        if all(datos.get(c) for c in ("entidad", "instrumento", "vigencia")):
            mensaje = mensaje_plan_existente(
                entidad=datos["entidad"],
                instrumento=datos["instrumento"],
                vigencia=datos["vigencia"],
            )
            if mensaje:
                self.add_error("vigencia", mensaje)
        return datos


def _opciones_de_campo() -> list[tuple[str, str]]:
    return [(SIN_IMPORTAR, "— No se importa —")] + [(c.value, NOMBRES[c]) for c in Campo]


class ColumnasForm(ConErroresDescritos):
    """Step 2: the sheet, and what each header of its table holds."""

    hoja = forms.ChoiceField(label="Hoja del plan")

    def __init__(
        self,
        *args: object,
        hojas: list[str],
        encabezados: list[str],
        letras: list[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["hoja"].choices = [(h, h) for h in hojas]
        self.columnas: list[str] = []
        for indice, (encabezado, letra) in enumerate(zip(encabezados, letras, strict=True)):
            nombre = f"columna_{indice}"
            self.fields[nombre] = forms.ChoiceField(
                label=f"Columna {letra}: «{encabezado or '(sin encabezado)'}»",
                choices=_opciones_de_campo(),
                required=False,
            )
            self.columnas.append(nombre)

    @property
    def campos_de_columnas(self) -> list[forms.BoundField]:
        return [self[nombre] for nombre in self.columnas]

    def clean(self):
        datos = super().clean()
        por_campo: dict[str, list[str]] = {}
        for nombre in self.columnas:
            valor = datos.get(nombre)
            if valor:
                por_campo.setdefault(valor, []).append(self.fields[nombre].label.split(":")[0])
        if Campo.ACTIVIDAD.value not in por_campo:
            raise forms.ValidationError(MENSAJE_SIN_ACTIVIDAD)
        for valor, columnas in por_campo.items():
            if len(columnas) > 1:
                raise forms.ValidationError(
                    MENSAJE_REPETIDA.format(
                        campo=NOMBRES[Campo(valor)], columnas=", ".join(columnas)
                    )
                )
        return datos

    def mapeo(self) -> dict[str, str]:
        return {
            nombre.removeprefix("columna_"): self.cleaned_data.get(nombre) or ""
            for nombre in self.columnas
        }


TIPOS_DE_META = Actividad.TipoMeta.choices


def _espacios(texto: str) -> str:
    return " ".join(texto.split())


class FilaForm(ConErroresDescritos):
    """The correction of one row of the preview: its meta, dates and offices, as text
    re-read like the sheet's cells. One row per form, so a plan of any length never
    posts more than these few fields (DATA_UPLOAD_MAX_NUMBER_FIELDS)."""

    meta_cantidad = forms.CharField(
        label="Cantidad de la meta",
        required=False,
        max_length=40,
        help_text="Un número, por ejemplo 4 o 2,5; vacío si la meta no se cuenta.",
    )
    meta_unidad = forms.CharField(label="Unidad de la meta", required=False, max_length=150)
    meta_tipo = forms.ChoiceField(label="Tipo de meta", choices=TIPOS_DE_META, required=False)
    fechas = forms.CharField(
        label="Fechas",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text=(
            "«dd/mm/aaaa-dd/mm/aaaa», varias separadas por «;», o como en el plan: "
            "«15 de abril de 2026», «marzo a junio de 2026»."
        ),
    )
    responsables = forms.CharField(
        label="Responsables",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text="Las dependencias responsables, separadas por «;».",
    )

    def cambios(self) -> dict[str, str]:
        """Only the values the person changed: an untouched one keeps the sheet's
        reading, with its warnings."""
        return {
            campo: _espacios(self.cleaned_data.get(campo) or "")
            for campo in EDITABLES
            if _espacios(self.cleaned_data.get(campo) or "")
            != _espacios(str(self.initial.get(campo) or ""))
        }
