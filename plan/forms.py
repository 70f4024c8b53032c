from django import forms

from plan import reglas
from plan.models import Avance, Responsable, Subcomponente


class FiltroTableroForm(forms.Form):
    corte = forms.ChoiceField(label="Corte (cuatrimestre)", required=False)
    oficina = forms.ModelChoiceField(
        label="Oficina", queryset=Responsable.objects.none(), required=False, to_field_name="slug"
    )
    subcomponente = forms.ModelChoiceField(
        label="Subcomponente", queryset=Subcomponente.objects.none(), required=False
    )

    def __init__(self, *args, plan, con_oficina=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corte"].choices = [("", "Hoy")] + [
            (corte.clave, corte.nombre) for corte in reglas.cortes_de(plan.vigencia)
        ]
        self.fields["subcomponente"].queryset = Subcomponente.objects.filter(
            componente__plan=plan
        ).order_by("numero")
        if con_oficina:
            self.fields["oficina"].queryset = Responsable.objects.order_by("nombre")
        else:
            del self.fields["oficina"]

    @property
    def corte_elegido(self) -> reglas.Corte | None:
        clave = self.cleaned_data.get("corte") if self.is_valid() else None
        return reglas.corte_desde_clave(clave) if clave else None

    def valor(self, campo):
        return self.cleaned_data.get(campo) if self.is_valid() else None


class AvanceForm(forms.ModelForm):
    class Meta:
        model = Avance
        fields = ["fecha", "cantidad", "narrativa"]
        widgets = {
            "fecha": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "narrativa": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "cantidad": "Lo logrado en total hasta la fecha (no solo lo nuevo).",
        }


class EvidenciaForm(forms.Form):
    descripcion = forms.CharField(label="Descripción", max_length=500)
    archivo = forms.FileField(label="Archivo", required=False)
    enlace = forms.URLField(label="o enlace", required=False, assume_scheme="https")

    def clean(self):
        datos = super().clean()
        if bool(datos.get("archivo")) == bool(datos.get("enlace")):
            raise forms.ValidationError(
                "Adjunte un archivo o un enlace (uno de los dos, no ambos)."
            )
        return datos


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
