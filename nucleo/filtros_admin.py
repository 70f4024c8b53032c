"""Admin changelists ignore, with a message, filter values that would break them.

Django's admin turns some query-string values into a 500 instead of «no results»: a
NUL byte (PostgreSQL refuses it in any text: ValueError), a number wider than a
64-bit integer in a foreign-key or id filter (SQLite cannot bind it: OverflowError),
and a date-hierarchy part that is not a small number (`date(10**30, 1, 1)`). One
middleware covers every changelist — ours, Django's UserAdmin, django-axes' — so no
ModelAdmin has to remember a mixin.
"""

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

_NUMERO = re.compile(r"-?[0-9]+")
_PARTES_DE_FECHA = ("__year", "__month", "__day")
AVISO = "Se ignoró un filtro con un valor no válido."


def valor_que_rompe(clave: str, valor: str) -> bool:
    """True for a filter value the admin would answer with a 500."""
    if "\x00" in valor or "\x00" in clave:
        return True
    texto = valor.strip()
    if _NUMERO.fullmatch(texto) and len(texto.lstrip("-")) > 18:
        return True
    return clave.endswith(_PARTES_DE_FECHA) and not (
        texto.isascii() and texto.isdigit() and len(texto) <= 4
    )


class FiltrosDelAdminMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        ruta = request.resolver_match
        if (
            ruta is None
            or "admin" not in ruta.namespaces
            or not (ruta.url_name or "").endswith("_changelist")
        ):
            return None
        pares = [(clave, valor) for clave, lista in request.GET.lists() for valor in lista]
        limpios = [(clave, valor) for clave, valor in pares if not valor_que_rompe(clave, valor)]
        if len(limpios) == len(pares):
            return None
        messages.warning(request, AVISO)
        return HttpResponseRedirect(f"{request.path}?{urlencode(limpios)}")
