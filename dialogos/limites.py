"""Per-IP rate limits of the public forms, with django-ratelimit.

The limits are settings, so tests and each deployment choose them:

- DIALOGOS_LIMITE_PREGUNTAS (default "20/h"): questions sent from one IP.
  Generous on purpose: at an event many citizens share the venue's Wi-Fi.
- DIALOGOS_LIMITE_CONSULTAS (default "60/h"): tracking-number lookups from
  one IP, so that numbers cannot be tried in bulk.

A value of None switches the limit off. The counters live in Django's
default cache; with several server processes, configure a shared cache
(Redis or Memcached) so that they add up across processes.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

LIMITES_POR_DEFECTO = {
    "preguntas": ("DIALOGOS_LIMITE_PREGUNTAS", "20/h"),
    "consultas": ("DIALOGOS_LIMITE_CONSULTAS", "60/h"),
}


def registrar(grupo: str, *, ajuste: str, por_defecto: str) -> None:
    """Add a rate-limited group (another app's public form), limited by setting `ajuste`."""
    LIMITES_POR_DEFECTO[grupo] = (ajuste, por_defecto)


def tasa(grupo: str) -> str | None:
    ajuste, por_defecto = LIMITES_POR_DEFECTO[grupo]
    return getattr(settings, ajuste, por_defecto)


def excedido(request, grupo: str) -> bool:
    """Count one more use of `grupo` by the request's IP; True once over its limit."""
    return is_ratelimited(
        request,
        group=f"dialogos.{grupo}",
        key="ip",
        rate=lambda _grupo, _request: tasa(grupo),
        increment=True,
    )
