"""Thin views of resultados: the public list and downloads, the staff page, drafts and
publication (the rules are in permisos.py and services.py, the figures in selectors.py)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from dialogos.models import EspacioDialogo
from nucleo.confirmacion import pedir_confirmacion
from plan import selectors as plan_selectors
from plan.models import Plan

from . import informes, selectors, services
from .permisos import INFORMES, Accion

MENSAJE_SIN_ROL = "Esta página es para OPGI y Control interno."


# --- Public ---------------------------------------------------------------------------


@require_GET
def inicio(request: HttpRequest) -> HttpResponse:
    """«Informes de resultados»: every published report, with its PDF and XLSX."""
    return render(
        request, "resultados/inicio.html", {"informes": list(selectors.informes_publicos())}
    )


@require_GET
def audiencia_publica(request: HttpRequest, pk: int, formato: str) -> HttpResponse:
    publicado = selectors.informe_publico_de_audiencia(pk=pk)
    if publicado is None:
        raise Http404("No hay un informe publicado de esa audiencia.")
    return informes.descarga_publicada(publicado, formato)


@require_GET
def estrategia_publica(request: HttpRequest, plan: str, formato: str) -> HttpResponse:
    publicado = selectors.informe_publico_de_plan(slug=plan)
    if publicado is None:
        raise Http404("No hay un informe de resultados publicado de ese plan.")
    return informes.descarga_publicada(publicado, formato)


# --- Staff ----------------------------------------------------------------------------


def _exigir(request: HttpRequest, accion: Accion = Accion.VER) -> None:
    if not INFORMES.puede(request.user, accion):
        raise PermissionDenied(
            MENSAJE_SIN_ROL if accion == Accion.VER else INFORMES.mensaje_sin_permiso
        )


def _audiencia(pk: int) -> EspacioDialogo:
    return get_object_or_404(selectors.audiencias(), pk=pk)


@login_required
@require_GET
def gestion(request: HttpRequest) -> HttpResponse:
    _exigir(request)
    contexto = {
        "pagina": selectors.pagina_de_gestion(),
        "puede_publicar": INFORMES.puede(request.user, Accion.PUBLICAR),
    }
    return render(request, "resultados/gestion.html", contexto)


@login_required
@require_GET
def audiencia_borrador(request: HttpRequest, pk: int, formato: str) -> HttpResponse:
    _exigir(request)
    informe = selectors.informe_audiencia(espacio=_audiencia(pk))
    return informes.descarga_audiencia(request, informe, formato)


def _plan(slug: str) -> Plan:
    plan = plan_selectors.plan_de_gestion(slug=slug)
    if plan is None:
        raise Http404("No hay un plan con esa dirección.")
    return plan


@login_required
@require_GET
def estrategia_borrador(request: HttpRequest, plan: str, formato: str) -> HttpResponse:
    _exigir(request)
    informe = selectors.informe_estrategia(plan=_plan(plan))
    return informes.descarga_estrategia(request, informe, formato)


def _publicar(request: HttpRequest, publicar: Callable[[], object]) -> None:
    try:
        publicar()
    except ValidationError as error:
        for mensaje in error.messages:
            messages.error(request, mensaje)
    else:
        messages.success(request, "Informe publicado: ya está en «Informes de resultados».")


@login_required
@require_POST
def audiencia_publicar(request: HttpRequest, pk: int) -> HttpResponse:
    _exigir(request, Accion.PUBLICAR)
    espacio = _audiencia(pk)
    pagina = pedir_confirmacion(
        request,
        titulo=f"¿Publicar el informe de resultados de «{espacio.titulo}»?",
        mensaje="Esta acción no se puede deshacer.",
        consecuencias=[
            "El informe aparecerá en «Informes de resultados» del portal, con sus cifras de hoy.",
        ],
        boton="Sí, publicar el informe",
        volver=reverse("resultados:gestion"),
        peligro=False,
    )
    if pagina is not None:
        return pagina
    _publicar(
        request,
        lambda: services.publicar_informe_audiencia(espacio=espacio, usuario=request.user),
    )
    return redirect("resultados:gestion")


@login_required
@require_POST
def estrategia_publicar(request: HttpRequest, plan: str) -> HttpResponse:
    _exigir(request, Accion.PUBLICAR)
    del_plan = _plan(plan)
    pagina = pedir_confirmacion(
        request,
        titulo=f"¿Publicar el informe de resultados de «{del_plan}»?",
        mensaje="Esta acción no se puede deshacer.",
        consecuencias=[
            "El informe aparecerá en «Informes de resultados» del portal, con sus cifras de hoy.",
        ],
        boton="Sí, publicar el informe",
        volver=reverse("resultados:gestion"),
        peligro=False,
    )
    if pagina is not None:
        return pagina
    _publicar(
        request,
        lambda: services.publicar_informe_resultados(plan=del_plan, usuario=request.user),
    )
    return redirect("resultados:gestion")
