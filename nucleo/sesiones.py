"""Idle timeout of officials' sessions: after SESION_INACTIVIDAD_MINUTOS without a request
(default 30) the next request finds the session closed and asks to log in again.

Everyone who logs in is an official (citizens never do), so the timeout applies to
every authenticated session; anonymous sessions (e.g. a survey in progress) keep
Django's SESSION_COOKIE_AGE. The last activity is written at most once a minute
(`ACTUALIZAR_CADA`), not on every request: no extra database write per page, and
the session's expiry in the database and the cookie move forward with it.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.base import SessionBase
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

CLAVE = "_ultima_actividad"
ACTUALIZAR_CADA = 60  # seconds


def inactividad_maxima() -> int:
    """Seconds of inactivity after which a logged-in session is closed (0: never)."""
    return getattr(settings, "SESION_INACTIVIDAD_MINUTOS", 30) * 60


def _renovar(session: SessionBase, ahora: float) -> None:
    session[CLAVE] = int(ahora)
    # The stored expiry (database row and cookie) is counted from this save.
    session.set_expiry(inactividad_maxima())


@receiver(user_logged_in)
def _al_ingresar(sender: object, request: HttpRequest, user: object, **kwargs: Any) -> None:
    if inactividad_maxima() and hasattr(request, "session"):
        _renovar(request.session, time.time())


class InactividadMiddleware:
    """Log out a session idle for longer than the limit; refresh its clock otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limite = inactividad_maxima()
        if limite and request.user.is_authenticated:
            ahora = time.time()
            ultima = request.session.get(CLAVE)
            if isinstance(ultima, int | float) and ahora - ultima > limite:
                logout(request)
                messages.info(
                    request,
                    "Su sesión se cerró después de un tiempo sin actividad. "
                    "Ingrese de nuevo para continuar.",
                )
            elif not isinstance(ultima, int | float) or ahora - ultima >= ACTUALIZAR_CADA:
                _renovar(request.session, ahora)
        return self.get_response(request)
