"""The core's rows in the admin: the entities (edited by OPGI and the superuser, with
their history), and, read-only, the outgoing e-mails (to see what failed and why) and
the reports built in the background."""

from django.contrib import admin
from django.http import HttpRequest

from nucleo.admin_base import AdminConHistorial
from nucleo.models import Correo, DocumentoGenerado, Entidad


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


@admin.register(Entidad)
class EntidadAdmin(AdminConHistorial):
    """The principal entity is what every page, notice, report and feed names
    (nucleo.entidad): its row here wins over the ENTIDAD_* settings."""

    list_display = ("nombre", "sigla", "municipio", "departamento", "principal")
    list_filter = ("principal",)
    search_fields = ("nombre", "sigla", "nit", "municipio")
    prepopulated_fields = {"slug": ("nombre",)}
    fieldsets = (
        (None, {"fields": ("nombre", "sigla", "slug", "nit", "principal")}),
        ("Ubicación", {"fields": ("municipio", "departamento", "direccion")}),
        (
            "Atención y contacto (pie de página)",
            {
                "fields": (
                    "logo",
                    "horario",
                    "telefono",
                    "correo_contacto",
                    "correo_notificaciones",
                    "sitio",
                )
            },
        ),
        (
            "Datos personales (Ley 1581 de 2012)",
            {
                "fields": ("responsable_datos", "correo_datos"),
                "description": "Los nombra el aviso de tratamiento de datos del formulario "
                "de preguntas.",
            },
        ),
    )
