"""A confirmation page before a final action, that works without JavaScript.

A final action (cancel a space, publish, close a cut-off) posts its form; the view asks
`pedir_confirmacion(...)` first. Without `confirmado=1` in the POST it answers a page
that says what will happen and re-posts every field of the original form (hidden, with
`confirmado=1`) to the same URL; the view acts only when that second POST arrives. The
server enforces it: a POST without `confirmado=1` never changes anything.
"""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CAMPO = "confirmado"
# The token is written fresh by the template; the marker is added by it.
_NO_SE_REENVIAN = frozenset({"csrfmiddlewaretoken", CAMPO})


def confirmado(request: HttpRequest) -> bool:
    """Whether this POST comes from the confirmation page (or says it is confirmed)."""
    return request.method == "POST" and request.POST.get(CAMPO) == "1"


def pedir_confirmacion(
    request: HttpRequest,
    *,
    titulo: str,
    mensaje: str,
    boton: str,
    volver: str,
    consecuencias: Iterable[str] = (),
    peligro: bool = True,
) -> HttpResponse | None:
    """None when the POST is confirmed (go on with the action); else the confirmation page.

    `titulo`: the question («¿Cancelar el espacio «…»?»); `mensaje`: what it means
    («Esta acción no se puede deshacer.»); `boton`: the affirmative answer («Sí, cancelar
    el espacio»); `volver`: the URL of the «Volver» link; `consecuencias`: a list of what
    happens; `peligro`: red button (destructive) or the final-action style.
    """
    if confirmado(request):
        return None
    campos = [
        (nombre, valor)
        for nombre in request.POST
        if nombre not in _NO_SE_REENVIAN
        for valor in request.POST.getlist(nombre)
    ]
    contexto = {
        "titulo": titulo,
        "mensaje": mensaje,
        "boton": boton,
        "volver": volver,
        "consecuencias": list(consecuencias),
        "peligro": peligro,
        "campos": campos,
        "accion": request.get_full_path(),
        "campo_confirmado": CAMPO,
    }
    return render(request, "confirmar.html", contexto)
