"""Administration of encuestas: every model, with Spanish names.

The day-to-day work (questionnaires, surveys, paper entry, publishing
results) happens in the staff pages under /encuestas/gestion/, whose
services enforce the rules; the admin is for looking things up and for
corrections by OPGI. Responses are evidence of meta 3.1: they are read-only
here (never edited, never added by hand).
"""

from django.contrib import admin
from django.db.models import Count

from .models import Cuestionario, Encuesta, Opcion, PreguntaEncuesta, Respuesta, ValorRespuesta


class PreguntaInline(admin.TabularInline):
    model = PreguntaEncuesta
    extra = 0
    fields = ["orden", "tipo", "texto", "obligatoria"]
    show_change_link = True


@admin.register(Cuestionario)
class CuestionarioAdmin(admin.ModelAdmin):
    list_display = ["nombre", "predeterminado", "num_preguntas", "creado_en"]
    list_filter = ["predeterminado"]
    search_fields = ["nombre"]
    readonly_fields = ["creado_por", "creado_en"]
    inlines = [PreguntaInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_num_preguntas=Count("preguntas"))

    @admin.display(description="preguntas", ordering="_num_preguntas")
    def num_preguntas(self, obj):
        return obj._num_preguntas


class OpcionInline(admin.TabularInline):
    model = Opcion
    extra = 0
    fields = ["orden", "texto", "valor"]


@admin.register(PreguntaEncuesta)
class PreguntaEncuestaAdmin(admin.ModelAdmin):
    list_display = ["texto", "cuestionario", "orden", "tipo", "obligatoria"]
    list_filter = ["cuestionario", "tipo"]
    search_fields = ["texto"]
    list_select_related = ["cuestionario"]
    inlines = [OpcionInline]


@admin.register(Encuesta)
class EncuestaAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "espacio",
        "cuestionario",
        "abre_en",
        "cierra_en",
        "num_respuestas",
        "resultados_publicados",
    ]
    list_filter = ["resultados_publicados", "cuestionario"]
    search_fields = ["titulo", "espacio__titulo", "codigo"]
    list_select_related = ["espacio", "cuestionario"]
    readonly_fields = ["codigo", "creada_por", "creada_en", "publicados_en"]
    raw_id_fields = ["espacio"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_num_respuestas=Count("respuestas"))

    @admin.display(description="respuestas", ordering="_num_respuestas")
    def num_respuestas(self, obj):
        return obj._num_respuestas


class ValorInline(admin.TabularInline):
    model = ValorRespuesta
    extra = 0
    can_delete = False
    fields = ["pregunta", "opcion", "texto"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Respuesta)
class RespuestaAdmin(admin.ModelAdmin):
    list_display = ["pk", "encuesta", "canal", "fecha", "registrada_en", "registrada_por"]
    list_filter = ["canal", "fecha", "encuesta"]
    list_select_related = ["encuesta__espacio", "registrada_por"]
    date_hierarchy = "fecha"
    fields = ["encuesta", "canal", "fecha", "registrada_en", "registrada_por"]
    readonly_fields = fields
    inlines = [ValorInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
