"""Administration of dialogos: every model, with Spanish names.

The day-to-day work (programming, closing, answering, publishing) happens in
the staff pages under /dialogos/gestion/, whose services enforce the rules;
the admin is for corrections by OPGI, and never a way around those rules:
a question's workflow fields are read-only and publishing calls the same
service as the staff page. Territories are data of the system: they are
read-only here.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

import nucleo.parametros  # noqa: F401  (registers the <id:…> converter)
from nucleo.admin_base import AdminConHistorial, TabularSinBorrado
from nucleo.formularios import aplicar_errores

from .forms import PublicarForm
from .models import (
    AdjuntoEspacio,
    CanalConvocatoria,
    Compromiso,
    EspacioDialogo,
    EventoPlazo,
    InformeRespuestas,
    Pregunta,
    Territorio,
    TipoPeticion,
)
from .services import preguntas as servicios_preguntas


@admin.register(Territorio)
class TerritorioAdmin(AdminConHistorial):
    list_display = ["orden", "nombre", "tipo"]
    list_filter = ["tipo"]
    search_fields = ["nombre"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["nombre", "tipo", "orden", "slug"]


@admin.register(TipoPeticion)
class TipoPeticionAdmin(AdminConHistorial):
    """The petition types and their terms: OPGI reads them; only a superuser changes them
    (a term is a legal rule: changing it moves the deadline of every new question)."""

    list_display = ["orden", "nombre", "dias_habiles", "articulo", "activo"]
    list_filter = ["activo"]
    search_fields = ["nombre"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


@admin.register(EventoPlazo)
class EventoPlazoAdmin(AdminConHistorial):
    """The clock events of the questions, read-only: they are written by the services."""

    list_display = [
        "pregunta",
        "tipo",
        "fecha",
        "nueva_fecha",
        "entidad_destino",
        "fuera_de_termino",
    ]
    list_filter = ["tipo", "fuera_de_termino"]
    search_fields = ["pregunta__radicado"]
    list_select_related = ["pregunta"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


class CompromisoInline(TabularSinBorrado):
    model = Compromiso
    extra = 0
    autocomplete_fields = ["responsable"]


class AdjuntoInline(TabularSinBorrado):
    model = AdjuntoEspacio
    extra = 0
    can_delete = False
    fields = ["tipo", "descripcion", "archivo", "nombre_original", "tamano", "sha256", "subido_en"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        # Uploads go through the staff page, which checks the file's content.
        return False


class EspacioDialogoAdminForm(forms.ModelForm):
    """The convocatoria's channels as checkboxes (stored as a JSON list of values)."""

    convocatoria_canales = forms.MultipleChoiceField(
        label="Canales de la convocatoria",
        choices=CanalConvocatoria.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # No Meta: the admin builds the form of EspacioDialogo from it (modelform_factory).


@admin.register(EspacioDialogo)
class EspacioDialogoAdmin(AdminConHistorial):
    form = EspacioDialogoAdminForm
    list_display = [
        "titulo",
        "tipo",
        "inicio",
        "territorio",
        "estado",
        "asistentes",
        "informe_publicado_el",
        "convocada_el",
    ]
    list_filter = ["tipo", "estado", "territorio__tipo", "oficinas"]
    search_fields = ["titulo", "tema", "lugar"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["actividad", "oficinas"]
    # The report's document is uploaded (and checked) on the staff page of the hearing.
    readonly_fields = [
        "uid",
        "secuencia",
        "cerrado_por",
        "cerrado_en",
        "creado_por",
        "creado_en",
        "informe_adjunto",
    ]
    inlines = [CompromisoInline, AdjuntoInline]
    list_select_related = ["territorio"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Compromiso)
class CompromisoAdmin(AdminConHistorial):
    list_display = ["descripcion", "espacio", "responsable", "fecha_limite", "estado"]
    list_filter = ["estado", "responsable"]
    search_fields = ["descripcion"]
    list_select_related = ["espacio", "responsable"]


@admin.register(AdjuntoEspacio)
class AdjuntoEspacioAdmin(AdminConHistorial):
    list_display = ["nombre_original", "tipo", "espacio", "tamano", "subido_por", "subido_en"]
    list_filter = ["tipo"]
    readonly_fields = [
        "espacio",
        "archivo",
        "nombre_original",
        "sha256",
        "tamano",
        "tipo_contenido",
        "subido_por",
        "subido_en",
    ]
    list_select_related = ["espacio", "subido_por"]

    def has_add_permission(self, request):
        return False


@admin.register(Pregunta)
class PreguntaAdmin(AdminConHistorial):
    """Corrections only: the workflow (assign, answer, publish) is read-only here.

    Publishing from the admin goes through servicios_preguntas.publicar_pregunta, like the
    staff page: the «Publicar» button opens a form whose errors (personal data
    in the texts, Ley 1581 de 2012) are the service's own, and the user who
    published is recorded. Questions are added only through the forms that
    give them their radicado and deadline.
    """

    list_display = [
        "radicado",
        "tipo",
        "recibida_el",
        "vence_el",
        "canal",
        "estado",
        "oficina",
        "espacio",
    ]
    list_filter = ["estado", "tipo", "canal", "oficina"]
    search_fields = ["radicado", "numero_publico", "texto"]
    date_hierarchy = "recibida_el"
    readonly_fields = [
        "radicado",
        "numero_publico",
        "tipo",
        "recibida_el",
        "vence_el",
        "registrada_en",
        "registrada_por",
        "estado",
        "oficina",
        "asignada_en",
        "respuesta",
        "respondida_por",
        "respondida_en",
        "texto_publico",
        "respuesta_publica",
        "publicada_en",
        "publicada_por",
    ]
    list_select_related = ["oficina", "espacio", "tipo"]
    change_form_template = "admin/dialogos/pregunta/change_form.html"

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        propias = [
            path(
                "<id:pk>/publicar/",
                self.admin_site.admin_view(self.publicar),
                name="dialogos_pregunta_publicar",
            ),
        ]
        return propias + super().get_urls()

    def publicar(self, request, pk):
        pregunta = self.get_object(request, str(pk))
        if pregunta is None:
            raise Http404("No existe esa pregunta.")
        if not self.has_change_permission(request, pregunta):
            raise PermissionDenied
        estado = 200
        if request.method == "POST":
            form = PublicarForm(request.POST)
            if form.is_valid():
                try:
                    servicios_preguntas.publicar_pregunta(
                        pregunta=pregunta, usuario=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    aplicar_errores(form, error)
                else:
                    self.message_user(
                        request,
                        "Pregunta y respuesta publicadas, sin datos personales.",
                        messages.SUCCESS,
                    )
                    return redirect("admin:dialogos_pregunta_change", pregunta.pk)
            estado = 400
        else:
            form = PublicarForm(
                initial={
                    "texto_publico": pregunta.texto_publico or pregunta.texto,
                    "respuesta_publica": pregunta.respuesta_publica or pregunta.respuesta,
                }
            )
        contexto = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": pregunta,
            "form": form,
            "publicable": pregunta.admite_publicacion,
            "title": f"Publicar la pregunta {pregunta.radicado}",
        }
        return TemplateResponse(
            request, "admin/dialogos/pregunta/publicar.html", contexto, status=estado
        )


@admin.register(InformeRespuestas)
class InformeRespuestasAdmin(AdminConHistorial):
    list_display = ["titulo", "publicado_el", "vigencia", "espacio", "desde", "hasta"]
    list_filter = ["vigencia"]
    readonly_fields = ["publicado_por", "creado_en"]
    list_select_related = ["espacio"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.publicado_por = request.user
        super().save_model(request, obj, form, change)
