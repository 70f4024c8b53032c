"""A maximum request body per kind of endpoint, checked before the body is read.

Django reads a request's body only up to its CONTENT_LENGTH (WSGI), so refusing on
that header stops an oversize upload before a byte of it reaches a temporary file;
a request without CONTENT_LENGTH (chunked) has an empty body for Django. Under ASGI
Django buffers the body before any middleware runs: there only the proxy's limit
(nginx `client_max_body_size`) protects, so set it in every deployment.

- Every endpoint: CUERPO_MAX_KB (default 1024 KiB): forms, logins, public questions.
- Upload endpoints, for a logged-in user only: EVIDENCIA_MAX_MB plus an allowance
  for the multipart envelope and the form's other fields. They are the URL names in
  CUERPO_RUTAS_CON_ARCHIVOS and the admin's add, change and import (import-export)
  pages. An anonymous visitor never gets the large limit.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django_ratelimit.core import is_ratelimited

# Room for the multipart boundaries, headers and the other fields of an upload form.
MARGEN_MULTIPART = 1024 * 1024
_SUFIJOS_ADMIN_CON_ARCHIVOS = ("_add", "_change", "_import")


def limite_general() -> int:
    return getattr(settings, "CUERPO_MAX_KB", 1024) * 1024


def limite_de_subida() -> int:
    return getattr(settings, "EVIDENCIA_MAX_MB", 20) * 1024 * 1024 + MARGEN_MULTIPART


def _acepta_archivos(request: HttpRequest) -> bool:
    try:
        ruta = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    if ruta.view_name in getattr(settings, "CUERPO_RUTAS_CON_ARCHIVOS", ()):
        return True
    return "admin" in ruta.namespaces and (ruta.url_name or "").endswith(
        _SUFIJOS_ADMIN_CON_ARCHIVOS
    )


def limite_para(request: HttpRequest) -> int:
    """Largest body accepted for `request` (reads the session only for large bodies)."""
    user = getattr(request, "user", None)
    if _acepta_archivos(request) and user is not None and user.is_authenticated:
        return max(limite_de_subida(), limite_general())
    return limite_general()


class LimiteDelCuerpoMiddleware:
    """Answer 413 (Spanish page) when CONTENT_LENGTH exceeds the endpoint's limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            longitud = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            longitud = 0  # Django reads no body for an unreadable length either
        if longitud > limite_general():
            limite = limite_para(request)
            if longitud > limite:
                respuesta = render(
                    request,
                    "413.html",
                    {
                        "limite_mb": round(limite / 1024 / 1024, 1),
                        "subida": limite > limite_general(),
                    },
                    status=413,
                )
                # The unread body stays on the socket: do not reuse the connection.
                respuesta["Connection"] = "close"
                return respuesta
        return self.get_response(request)


# --- Per-IP rate limits of the public forms (django-ratelimit) -----------------
#
# Each app registers its groups at start-up (AppConfig.ready), naming the setting
# that holds the rate, so tests and each deployment choose them; a setting of None
# switches the limit off. The counters live in Django's default cache: with several
# server processes, configure a shared cache (Redis or Memcached) so that they add
# up across processes.

_GRUPOS: dict[str, tuple[str, str]] = {}


def registrar(grupo: str, *, ajuste: str, por_defecto: str) -> None:
    """Declare a rate-limited group (a public form), limited by setting `ajuste`."""
    _GRUPOS[grupo] = (ajuste, por_defecto)


def tasa(grupo: str) -> str | None:
    ajuste, por_defecto = _GRUPOS[grupo]
    return getattr(settings, ajuste, por_defecto)


def excedido(request: HttpRequest, grupo: str) -> bool:
    """Count one more use of `grupo` by the request's IP; True once over its limit."""
    return is_ratelimited(
        request,
        group=f"rdc.{grupo}",
        key="ip",
        rate=lambda _grupo, _request: tasa(grupo),
        increment=True,
    )
