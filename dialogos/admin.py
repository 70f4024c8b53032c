"""Administration of dialogos: every model, with Spanish names.

The day-to-day work (programming, closing, answering, publishing) happens in
the staff pages under /dialogos/gestion/, whose services enforce the rules;
the admin is for corrections by OPGI. Territories are data of the system:
they are read-only here.
"""

from django.contrib import admin
from django.db import models

from .models import (
    AdjuntoEspacio,
    Compromiso,
    EspacioDialogo,
    InformeRespuestas,
    Pregunta,
    Territorio,
)


@admin.register(Territorio)
class TerritorioAdmin(admin.ModelAdmin):
    list_display = ["orden", "nombre", "tipo"]
    list_filter = ["tipo"]
    search_fields = ["nombre"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["nombre", "tipo", "orden", "slug"]


class CompromisoInline(admin.TabularInline):
    model = Compromiso
    extra = 0
    autocomplete_fields = ["responsable"]


class AdjuntoInline(admin.TabularInline):
    model = AdjuntoEspacio
    extra = 0
    can_delete = False
    fields = ["tipo", "descripcion", "archivo", "nombre_original", "tamano", "sha256", "subido_en"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        # Uploads go through the staff page, which checks the file's content.
        return False


@admin.register(EspacioDialogo)
class EspacioDialogoAdmin(admin.ModelAdmin):
    list_display = ["titulo", "tipo", "inicio", "territorio", "estado", "asistentes"]
    list_filter = ["tipo", "estado", "territorio__tipo", "oficinas"]
    search_fields = ["titulo", "tema", "lugar"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["actividad", "oficinas"]
    readonly_fields = ["uid", "secuencia", "cerrado_por", "cerrado_en", "creado_por", "creado_en"]
    inlines = [CompromisoInline, AdjuntoInline]
    list_select_related = ["territorio"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Compromiso)
class CompromisoAdmin(admin.ModelAdmin):
    list_display = ["descripcion", "espacio", "responsable", "fecha_limite", "estado"]
    list_filter = ["estado", "responsable"]
    search_fields = ["descripcion"]
    list_select_related = ["espacio", "responsable"]


@admin.register(AdjuntoEspacio)
class AdjuntoEspacioAdmin(admin.ModelAdmin):
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
class PreguntaAdmin(admin.ModelAdmin):
    list_display = ["radicado", "recibida_el", "vence_el", "canal", "estado", "oficina", "espacio"]
    list_filter = ["estado", "canal", "oficina"]
    search_fields = ["radicado", "texto"]
    date_hierarchy = "recibida_el"
    readonly_fields = ["radicado", "vence_el", "registrada_en", "registrada_por", "respondida_por"]
    list_select_related = ["oficina", "espacio"]


@admin.register(InformeRespuestas)
class InformeRespuestasAdmin(admin.ModelAdmin):
    list_display = ["titulo", "publicado_el", "vigencia", "espacio", "desde", "hasta"]
    list_filter = ["vigencia"]
    readonly_fields = ["publicado_por", "creado_en"]
    list_select_related = ["espacio"]
