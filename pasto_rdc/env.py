"""Typed readers for settings that come from the environment.

They fail loudly: a value that cannot be understood stops the start-up
instead of silently falling back to a default (cf. healthchecks' envbool).
"""

import os
from typing import overload

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "si", "sí"}
_FALSE = {"0", "false", "no", "off", ""}


def exigir_secret_key() -> None:
    """Refuse to serve the application without a SECRET_KEY (called by wsgi.py and asgi.py)."""
    from django.conf import settings

    try:
        clave = settings.SECRET_KEY  # Django itself refuses an empty key, in English
    except ImproperlyConfigured:
        clave = ""
    if not clave:
        raise ImproperlyConfigured(
            "SECRET_KEY es obligatoria cuando DEBUG no está activo. "
            "Para desarrollo local use DEBUG=1."
        )


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} no es un valor booleano (use 1/0, true/false).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} no es un número entero.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
