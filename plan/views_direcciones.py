"""Yesterday's addresses of a plan (by vigencia alone) sent to today's (by slug).

Before issue 16 a plan was `/plan/2022/`; with two entities, or a PAAC and a PTEP, of
the same vigencia that address names no single plan. Each old URL still answers: a
redirect when the vigencia has one plan the visitor may see (permanent for a published
plan, temporary for a draft only staff see, whose address may yet be shared), a page
listing the plans when it has several, a 404 when none.
"""

from collections.abc import Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from plan import selectors


def patrones_antiguos(rutas: Iterable[tuple[str, str]]) -> list[URLPattern]:
    """One redirecting pattern per (old route with <vigencia>, name of today's URL)."""
    return [
        path(
            ruta, redirigir, {"destino": destino}, name=f"{destino.rpartition(':')[2]}_por_vigencia"
        )
        for ruta, destino in rutas
    ]


def redirigir(
    request: HttpRequest, *, destino: str, vigencia: int, **resto: object
) -> HttpResponse:
    planes = selectors.planes_de_vigencia(
        vigencia=vigencia, con_borradores=request.user.is_authenticated
    )
    if not planes:
        raise Http404("No hay un plan de esa vigencia.")
    consulta = f"?{request.GET.urlencode()}" if request.GET else ""
    opciones = [
        (plan, reverse(destino, kwargs={**resto, "plan": plan.slug}) + consulta) for plan in planes
    ]
    if len(opciones) == 1:
        plan, url = opciones[0]
        return redirect(url, permanent=selectors.es_publico(plan))
    return render(request, "plan/elegir_plan.html", {"vigencia": vigencia, "opciones": opciones})
