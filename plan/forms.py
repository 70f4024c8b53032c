from django import forms
from django.forms.models import ModelChoiceIterator

from plan import cortes, fuentes, reglas
from plan.models import (
    ETIQUETA_CUMPLIMIENTO,
    Avance,
    OrigenObservacion,
    Responsable,
    Subcomponente,
)


class _SubcomponentesPorComponente(ModelChoiceIterator):
    """«Subcomponente 1. …» names the componente too when the plan has several (a whole
    PAAC numbers its subcomponentes again in each): decided over the rows it reads, so
    the choice list is still one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        subcomponentes = list(self.queryset)
        varios = len({s.componente_id for s in subcomponentes}) > 1
        for subcomponente in subcomponentes:
            valor, etiqueta = self.choice(subcomponente)
            yield (valor, f"{subcomponente.componente.nombre} › {etiqueta}" if varios else etiqueta)


class SubcomponenteField(forms.ModelChoiceField):
    iterator = _SubcomponentesPorComponente


def subcomponentes_del_plan(plan):
    return (
        Subcomponente.objects.filter(componente__plan=plan)
        .select_related("componente")
        .order_by("componente__orden", "componente_id", "numero")
    )


class FiltroTableroForm(forms.Form):
    corte = forms.ChoiceField(label="Corte", required=False)
    oficina = forms.ModelChoiceField(
        label="Oficina", queryset=Responsable.objects.none(), required=False, to_field_name="slug"
    )
    subcomponente = SubcomponenteField(
        label="Subcomponente", queryset=Subcomponente.objects.none(), required=False
    )

    def __init__(self, *args, plan, con_oficina=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.cortes = plan.cortes_del_seguimiento
        self.fields["corte"].choices = [("", "Hoy")] + [
            (corte.clave, corte.nombre) for corte in self.cortes
        ]
        self.fields["subcomponente"].queryset = subcomponentes_del_plan(plan)
        if con_oficina:
            # The plan's entity's offices: another entity's namesakes are not in its plan.
            self.fields["oficina"].queryset = Responsable.objects.filter(
                entidad_id=plan.entidad_id
            ).order_by("nombre")
        else:
            del self.fields["oficina"]

    @property
    def corte_elegido(self) -> cortes.Corte | None:
        clave = self.valor("corte")
        return cortes.corte_desde_clave(clave, self.cortes) if clave else None

    def valor(self, campo):
        """The field's value if it is valid: a bad value in one filter (shown as
        an error) does not drop the others the user chose."""
        if not self.is_bound:
            return None
        self.is_valid()  # cleaned_data keeps only the fields that validated
        return self.cleaned_data.get(campo)


class AvanceForm(forms.ModelForm):
    # Asked only when the service finds the report doubtful (a lower cumulative value,
    # a date outside the windows): the page then shows both fields.
    confirmado = forms.BooleanField(label="Confirmo que el dato es correcto", required=False)

    class Meta:
        model = Avance
        fields = ["fecha", "cantidad", "narrativa", "motivo"]
        widgets = {
            "fecha": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "narrativa": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "cantidad": "Lo logrado en total hasta la fecha (no solo lo nuevo).",
        }

    def __init__(self, *args, actividad=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actividad is not None and actividad.es_cualitativa:
            # No quantity to count: the office says how far along the activity is (the
            # service refuses more than 100, with its message).
            self.fields["cantidad"].label = ETIQUETA_CUMPLIMIENTO
            self.fields[
                "cantidad"
            ].help_text = "Qué tanto de la meta se ha cumplido hasta la fecha, en porcentaje."
        # A blank narrative is refused by services.registrar_avance, with its message.
        self.fields["narrativa"].required = False
        self.fields["motivo"].label = "Motivo de la confirmación"
        self.fields["motivo"].widget = forms.Textarea(attrs={"rows": 2})

    @property
    def pide_confirmacion(self) -> bool:
        return bool(self.errors.get("confirmado") or self.errors.get("motivo"))

    def campos_visibles(self):
        """The report's fields; the confirmation's only once the service asked for it."""
        ocultos = set() if self.pide_confirmacion else {"confirmado", "motivo"}
        return [campo for campo in self if campo.name not in ocultos]


class CorreccionAvanceForm(AvanceForm):
    """A new report that corrects an approved one: its reason is always asked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motivo"].label = "Motivo de la corrección"
        self.fields["motivo"].help_text = "Queda en el historial, junto al avance que corrige."

    def campos_visibles(self):
        ocultos = set() if self.pide_confirmacion else {"confirmado"}
        return [campo for campo in self if campo.name not in ocultos]


class RevisionAvanceForm(forms.Form):
    ACCIONES = [("aprobar", "Aprobar"), ("devolver", "Devolver"), ("anular", "Anular")]
    accion = forms.ChoiceField(choices=ACCIONES)
    comentario = forms.CharField(required=False, max_length=1000)


class EvidenciaForm(forms.Form):
    descripcion = forms.CharField(label="Descripción", max_length=500)
    # An empty file reaches archivos.revisar_archivo, whose message names the file.
    archivo = forms.FileField(label="Archivo", required=False, allow_empty_file=True)
    enlace = forms.URLField(label="o enlace", required=False, assume_scheme="https")

    # «A file or a link, not both» is the service's rule (services.subir_evidencia);
    # the view shows its message with aplicar_errores.


class FuenteAvanceForm(forms.Form):
    fuente = forms.ChoiceField(label="Fuente del avance", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fuente"].choices = fuentes.opciones()


class RevisionForm(forms.Form):
    ACCIONES = [
        ("aprobar", "Aprobar"),
        ("devolver", "Devolver"),
        ("publicar", "Publicar"),
        ("despublicar", "Retirar de la página pública"),
    ]
    accion = forms.ChoiceField(choices=ACCIONES)
    comentario = forms.CharField(
        label="Comentario", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FiltroPortalForm(forms.Form):
    """The citizens' filters on the public plan page (all optional)."""

    q = forms.CharField(label="Buscar", required=False, max_length=100)
    oficina = forms.ModelChoiceField(
        label="Oficina responsable",
        queryset=Responsable.objects.order_by("nombre"),
        required=False,
        to_field_name="slug",
        empty_label="Todas",
    )
    estado = forms.ChoiceField(
        label="Estado", required=False, choices=[("", "Todos"), *reglas.Estado.choices]
    )
    subcomponente = SubcomponenteField(
        label="Subcomponente",
        queryset=Subcomponente.objects.none(),
        required=False,
        empty_label="Todos",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subcomponente"].queryset = subcomponentes_del_plan(plan)
        self.fields["oficina"].queryset = (
            Responsable.objects.filter(entidad_id=plan.entidad_id, actividades__plan=plan)
            .distinct()
            .order_by("nombre")
        )

    def filtros(self) -> dict:
        """Keyword arguments for selectors.portal; invalid values are ignored."""
        if not self.is_valid():
            return {}
        datos = self.cleaned_data
        return {
            "oficina": datos["oficina"],
            "estado": datos["estado"],
            "subcomponente": datos["subcomponente"],
            "busqueda": datos["q"],
        }


class ObservacionesForm(forms.Form):
    """One textarea per activity of the follow-up: the user's own observations of a corte
    (Control Interno's or OPGI's, `origen`), each with the version it was read at."""

    def __init__(self, *args, filas, max_length: int, origen: str, versiones, **kwargs):
        super().__init__(*args, **kwargs)
        self.filas = filas
        self.origen = origen
        for fila in filas:
            propia = fila.observacion_de(origen)
            self.fields[self._nombre(fila)] = forms.CharField(
                label=f"{OrigenObservacion(origen).label} sobre la actividad {fila.actividad.codigo}",
                required=False,
                max_length=max_length,
                initial=propia.texto if propia else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[self._version(fila)] = forms.IntegerField(
                required=False, min_value=0, initial=versiones(propia), widget=forms.HiddenInput
            )

    @property
    def etiqueta_propia(self) -> str:
        return OrigenObservacion(self.origen).label

    @staticmethod
    def _nombre(fila) -> str:
        return f"observacion-{fila.actividad.pk}"

    @staticmethod
    def _version(fila) -> str:
        return f"version-{fila.actividad.pk}"

    def filas_con_campo(self):
        """(row, own text field, version field, the other origin's observations)."""
        return [
            (
                fila,
                self[self._nombre(fila)],
                self[self._version(fila)],
                [nota for nota in fila.notas if nota.origen != self.origen and nota.texto],
            )
            for fila in self.filas
        ]

    def cambiadas(self):
        """(row, new text, version seen) for each activity whose own text changed."""
        cambiadas = []
        for fila in self.filas:
            texto = self.cleaned_data[self._nombre(fila)]
            propia = fila.observacion_de(self.origen)
            if texto.strip() != (propia.texto if propia else ""):
                visto = self.cleaned_data[self._version(fila)]
                cambiadas.append((fila, texto, 0 if visto is None else visto))
        return cambiadas

    def conflicto(self, fila, mensaje: str) -> None:
        self.add_error(self._nombre(fila), mensaje)
