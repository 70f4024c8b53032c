"""The count beside «Mis pendientes» in the navigation, at no cost per page.

Counting a user's pendientes takes a query per group; doing it on every page would add
them to every staff page. So the count is taken when the user logs in and each time
they open «Mis pendientes», and kept in their session (read anyway by every request):
the navigation shows it as of then.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

CLAVE_DE_SESION = "pendientes_cantidad"


def guardar(request: HttpRequest, cantidad: int) -> None:
    if request.session.get(CLAVE_DE_SESION) != cantidad:
        request.session[CLAVE_DE_SESION] = cantidad


def al_ingresar(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """user_logged_in: count the new session's pendientes."""
    from pendientes.selectors import grupos_de  # the app registry is ready by now

    if getattr(request, "session", None) is None:
        return
    grupos = grupos_de(user, hoy=timezone.localdate())
    guardar(request, sum(grupo.cantidad for grupo in grupos))


def insignia(request: HttpRequest) -> dict[str, Any]:
    """Context processor: {{ pendientes_cantidad }} (None when unknown or anonymous)."""
    sesion = getattr(request, "session", None)
    return {"pendientes_cantidad": sesion.get(CLAVE_DE_SESION) if sesion is not None else None}
