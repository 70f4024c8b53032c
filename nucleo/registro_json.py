"""Structured logs: one JSON object per line, and one line per request.

`FormatoJSON` (settings.LOGGING with LOG_JSON=1) writes each record as a JSON line
with its time (ISO 8601, UTC), level, logger and message, plus the fields the caller
passed in `extra=` (e.g. `status`, `duration_ms`): journald, Loki or any collector
parses them without regular expressions. Without LOG_JSON the same records stay plain
text, readable in development and in the tests.

`RegistroDePeticionesMiddleware` logs every request once, at «rdc.peticiones»: method,
path (never the query string, which may carry search terms or tokens), status, duration
and the user's id — no username, e-mail, name or IP: the logs hold no personal data.

Only the standard library: a formatter of thirty lines is no reason for a dependency.
"""

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

# What every LogRecord carries; anything else on a record came from `extra=`.
_ESTANDAR = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__)
# Not written either: Django's own loggers (django.request, django.security.*) pass the
# request object, whose text is its full path with the query string (their message
# already names the path).
_NO_SE_ESCRIBEN = _ESTANDAR | {"message", "asctime", "taskName", "request"}


class FormatoJSON(logging.Formatter):
    """One JSON object per record: time, level, logger, message and the `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        datos: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for clave, valor in record.__dict__.items():
            if clave not in _NO_SE_ESCRIBEN and not clave.startswith("_"):
                datos[clave] = valor
        if record.exc_info:
            datos["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            datos["stack"] = self.formatStack(record.stack_info)
        # default=str: a field that is no JSON type (a date, a Decimal, a model) is
        # written as text rather than losing the whole line.
        return json.dumps(datos, ensure_ascii=False, default=str)


logger = logging.getLogger("rdc.peticiones")


def _id_de_usuario(request: HttpRequest) -> int | None:
    # Only a user the request already loaded (AuthenticationMiddleware caches it there):
    # the log line never costs a session or user query of its own.
    usuario = getattr(request, "_cached_user", None)
    if usuario is None or not usuario.is_authenticated:
        return None
    return usuario.pk


def _ruta(request: HttpRequest) -> str:
    # A URL whose parts are secrets (the password-reset link's token) is logged by its pattern.
    coincidencia = getattr(request, "resolver_match", None)
    if coincidencia is not None and "token" in coincidencia.kwargs:
        return "/" + coincidencia.route
    return request.path


class RegistroDePeticionesMiddleware:
    """One line per request at «rdc.peticiones» (first in MIDDLEWARE: it also times and
    logs the redirects and refusals of the middleware after it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        inicio = time.perf_counter()
        respuesta = self.get_response(request)
        duracion = round((time.perf_counter() - inicio) * 1000, 1)
        ruta = _ruta(request)
        logger.log(
            logging.ERROR if respuesta.status_code >= 500 else logging.INFO,
            "%s %s %s %.1f ms",
            request.method,
            ruta,
            respuesta.status_code,
            duracion,
            extra={
                "method": request.method,
                "path": ruta,
                "status": respuesta.status_code,
                "duration_ms": duracion,
                "user_id": _id_de_usuario(request),
            },
        )
        return respuesta
