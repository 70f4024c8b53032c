"""Who is knocking: the client's IP behind a proxy, and the login lockouts built on it.

One setting, IP_CLIENTE_ENCABEZADO (e.g. "HTTP_X_REAL_IP"), names the request header
that carries the client's address when the app runs behind a reverse proxy. The same
function, `ip_cliente`, is django-axes' AXES_CLIENT_IP_CALLABLE and django-ratelimit's
RATELIMIT_IP_META_KEY, so the failed-login lockouts and the public forms' rate limits
always count the same person. Without the setting both read REMOTE_ADDR (no proxy).

Two limits on the login (officials' and admin alike):
- per username and IP (AXES_FAILURE_LIMIT, 5): a guessed password for one account;
- per IP across usernames (AXES_FALLOS_POR_IP, 15): password spraying. django-axes
  compares every lockout group with one AXES_FAILURE_LIMIT, so this second, higher
  limit is counted by `ManejadorAccesos` from the same AccessAttempt rows axes keeps
  (in the database: shared by every worker, cleared by `axes_reset`). A successful
  login deletes that user's failures (AXES_RESET_ON_SUCCESS), so an office behind one
  NAT address only accumulates the typos nobody corrected.
"""

import ipaddress
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _direccion(valor: str | None) -> str | None:
    """A valid IP address in `valor`, or None (a proxy header is text, not a promise)."""
    try:
        return str(ipaddress.ip_address((valor or "").strip()))
    except ValueError:
        return None


def ip_cliente(request: HttpRequest) -> str:
    """The client's IP: from IP_CLIENTE_ENCABEZADO when the proxy sent it, else REMOTE_ADDR.

    For a list header such as X-Forwarded-For the last entry is used: it is the one
    written by our own proxy; the entries before it are whatever the client claimed.
    """
    encabezado = getattr(settings, "IP_CLIENTE_ENCABEZADO", "") or ""
    if encabezado and encabezado != "REMOTE_ADDR":
        valor = request.META.get(encabezado, "")
        ip = _direccion(valor.split(",")[-1]) if valor else None
        if ip:
            return ip
    return _direccion(request.META.get("REMOTE_ADDR")) or "0.0.0.0"


def _bloquea_al_fallar() -> bool:
    # django-axes' setting (default True), read like AXES_FALLOS_POR_IP: the stubs
    # know only Django's own settings.
    return bool(getattr(settings, "AXES_LOCK_OUT_AT_FAILURE", True))


def fallos_por_ip() -> int:
    return getattr(settings, "AXES_FALLOS_POR_IP", 15)


class ManejadorAccesos(AxesDatabaseHandler):
    """django-axes' database handler plus a per-IP limit of failures across usernames."""

    def fallos_desde_ip(self, request: Any) -> int:
        intentos = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            intentos = intentos.filter(attempt_time__gte=get_cool_off_threshold(request))
        return intentos.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def is_locked(self, request: Any, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return _bloquea_al_fallar() and self.fallos_desde_ip(request) >= (fallos_por_ip())

    def user_login_failed(
        self, sender: object, credentials: dict, request: Any = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if (
            request is not None
            and _bloquea_al_fallar()
            and not getattr(request, "axes_locked_out", False)
            and self.fallos_desde_ip(request) >= fallos_por_ip()
        ):
            # AxesMiddleware answers with the lockout page (429) instead of the form.
            request.axes_locked_out = True
            request.axes_credentials = credentials
