"""The bases of every domain admin: history shown, hard deletion for the superuser only.

Plan data, progress, evidence, answers and observations are never deleted by hand:
the usual way out is annulment, through the services. So every domain ModelAdmin (and
its inlines) takes `SoloSuperusuarioBorra`: the delete view answers 403 and the
«delete selected» action disappears for everyone but the superuser, whose deletion
still leaves its history row (django-simple-history, type «-», with the user).

`AdminConHistorial` adds simple-history's «Historial» button and page to a ModelAdmin,
read-only: reverting from a past version would write around the services' rules and
the optimistic concurrency of the forms, so the history form never saves.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

MENSAJE_HISTORIAL_SOLO_LECTURA = (
    "El historial es de solo lectura: para corregir un dato, edítelo en su formulario."
)


class SoloSuperusuarioBorra:
    """Only a superuser deletes (a subclass may refuse even them, e.g. progress reports)."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not getattr(request.user, "is_superuser", False):
            return False
        return bool(super().has_delete_permission(request, obj))  # type: ignore[misc]


class AdminConHistorial(SoloSuperusuarioBorra, SimpleHistoryAdmin):
    """A domain ModelAdmin: its history page (who, when, what), no hard deletion."""

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        acciones: dict[str, Any] = super().get_actions(request)
        if not getattr(request.user, "is_superuser", False):
            acciones.pop("delete_selected", None)
        return acciones

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            raise PermissionDenied(MENSAJE_HISTORIAL_SOLO_LECTURA)
        return super().history_form_view(request, object_id, version_id, extra_context)


class TabularSinBorrado(SoloSuperusuarioBorra, admin.TabularInline):
    """An inline whose «delete» checkbox only the superuser sees."""
