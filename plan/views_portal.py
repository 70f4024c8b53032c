"""The citizens' side of the plan: no account, published plans and public evidence only."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from nucleo import cache_publico
from plan import graficos, informes, selectors, versiones, views_informes
from plan.forms import FiltroPortalForm
from plan.models import CODIGO_ACTIVIDAD
from plan.views import respuesta_archivo


def _plan_o_404(slug: str):
    plan = selectors.plan_publicado(slug=slug)
    if plan is None:
        raise Http404("No hay un plan publicado con esa dirección.")
    return plan


def inicio(request):
    """The home page: the plan of the current vigencia."""
    plan = selectors.plan_vigente()
    if plan is None:
        return render(request, "plan/portal.html", {"plan": None})
    return _en_cache_si_anonima(request, plan)


def plan_publico(request, plan):
    return _en_cache_si_anonima(request, _plan_o_404(plan))


def _sin_estado_propio(request) -> bool:
    """An anonymous GET without filters, session or pending messages: the page every such
    visitor gets is the same (no form token, no message, no name in it)."""
    return (
        request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
        and len(messages.get_messages(request)) == 0
    )


def _en_cache_si_anonima(request, plan):
    """The public page of `plan`, built once per version of the public data (plan.versiones)
    for the anonymous visitors; an official, a filtered list or a visitor with a message
    always gets it built for them. The page uses no CSP nonce, so it is kept whole."""
    if not _sin_estado_propio(request):
        return _pagina_plan(request, plan)
    version = versiones.version_publica(hoy=timezone.localdate())
    clave = f"pagina-publica:{cache_publico.huella(request.path, plan.pk, version)}"
    contenido = cache.get(clave)
    if contenido is None:
        respuesta = _pagina_plan(request, plan)
        if respuesta.status_code == 200:
            cache.set(clave, respuesta.content, cache_publico.segundos_en_cache())
        return respuesta
    respuesta = HttpResponse(contenido)
    patch_vary_headers(respuesta, ["Cookie"])
    return respuesta


def _pagina_plan(request, plan):
    filtros = FiltroPortalForm(request.GET or None, plan=plan)
    datos = selectors.portal(
        plan=plan,
        hoy=timezone.localdate(),
        cortes=plan.cortes_del_seguimiento,  # one query: for the chart over the cortes
        pagina=request.GET.get("pagina", "1"),
        **filtros.filtros(),
    )
    contexto = {
        "plan": plan,
        "portal": datos,
        "graficos": graficos.del_tablero(datos.tablero, prefijo="portal"),
        "filtros": filtros,
        # «pagina» is not a filter: page 2 of the whole plan is not «con estos filtros».
        "filtrado": any(campo in request.GET for campo in filtros.fields),
        "otros_planes": selectors.planes_publicados().exclude(pk=plan.pk),
        "seguimientos": [
            informes.SeguimientoCerrado(corte=corte)
            for corte in selectors.seguimientos_publicados(plan=plan)
        ],
    }
    return render(request, "plan/portal.html", contexto)


def actividad_publica(request, plan, codigo):
    plan = _plan_o_404(plan)
    # Not a code (e.g. a NUL byte, which PostgreSQL refuses in a query): no such activity.
    if not CODIGO_ACTIVIDAD.regex.match(codigo):
        raise Http404("No existe esa actividad en el plan.")
    fila = selectors.fila_publica(plan=plan, codigo=codigo, hoy=timezone.localdate())
    if fila is None:
        raise Http404("No existe esa actividad en el plan.")
    return render(request, "plan/actividad_publica.html", {"plan": plan, "fila": fila})


def evidencia_publica(request, pk):
    evidencia = get_object_or_404(selectors.evidencias_publicas(), pk=pk)
    if not evidencia.archivo:
        raise Http404("Esta evidencia es un enlace, no un archivo.")
    return respuesta_archivo(evidencia)


def seguimiento_publicado(request, plan, corte, formato):
    """The PDF or XLSX of a closed corte's follow-up, as Control Interno published it."""
    plan = _plan_o_404(plan)
    cerrado = get_object_or_404(selectors.seguimientos_publicados(plan=plan), numero=corte)
    # Read from the snapshot frozen at the closing: rendered once per closing (a reopened
    # and closed again corte has a new closing time), whoever asks.
    return cache_publico.documento(
        request,
        version=f"{cerrado.pk}|{cerrado.cerrado_en}|{cerrado.publicado_en}|{plan.pk}",
        modificado=cerrado.cerrado_en,
        generar=lambda: views_informes.descarga_cerrado(
            request, plan=plan, cerrado=informes.SeguimientoCerrado(corte=cerrado), formato=formato
        ),
    )
