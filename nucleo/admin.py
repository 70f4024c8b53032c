"""The core's rows in the admin, read-only: the outgoing e-mails (to see what failed and
why) and the reports built in the background."""

from django.contrib import admin
from django.http import HttpRequest

from nucleo.models import Correo, DocumentoGenerado


class SoloLectura(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Correo)
class CorreoAdmin(SoloLectura):
    list_display = ("creado_en", "para", "asunto", "estado", "intentos", "enviado_en")
    list_filter = ("estado",)
    search_fields = ("para", "asunto")
    date_hierarchy = "creado_en"


@admin.register(DocumentoGenerado)
class DocumentoGeneradoAdmin(SoloLectura):
    list_display = ("creado_en", "titulo", "pedido_por", "estado", "terminado_en")
    list_filter = ("estado",)
    list_select_related = ("pedido_por",)
    search_fields = ("titulo",)
