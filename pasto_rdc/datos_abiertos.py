"""The open-data catalogue: every app's datasets, one page, stable URLs.

The project (not an app) gathers the datasets, so that the apps keep their
one-way dependencies (encuestas → dialogos → plan).
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from dialogos import datos_abiertos as dialogos_datos
from encuestas import datos_abiertos as encuestas_datos
from nucleo import datos_abiertos as marco
from plan import datos_abiertos as plan_datos
from plan import selectors


def conjuntos() -> list[marco.Conjunto]:
    return [*plan_datos.CONJUNTOS, *dialogos_datos.CONJUNTOS, *encuestas_datos.CONJUNTOS]


def _conjunto(slug: str) -> marco.Conjunto:
    for conjunto in conjuntos():
        if conjunto.slug == slug:
            return conjunto
    raise Http404("No existe ese conjunto de datos.")


def catalogo(request):
    """The catalogue with its data dictionary (fields, kinds, descriptions)."""
    contexto = {
        "conjuntos": conjuntos(),
        "formatos": marco.FORMATOS,
        "planes": selectors.planes_publicados(),
    }
    return render(request, "datos_abiertos/catalogo.html", contexto)


def descargar(request, slug, formato):
    if formato not in marco.FORMATOS:
        raise Http404("Formato no disponible: use csv, json o xlsx.")
    conjunto = _conjunto(slug)
    contenido = marco.GENERADORES[formato](conjunto)
    respuesta = HttpResponse(contenido, content_type=marco.TIPOS_MIME[formato])
    if formato != "json":
        respuesta["Content-Disposition"] = f'attachment; filename="{slug}.{formato}"'
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta


def plan_json(request, vigencia):
    plan = selectors.plan_publicado(vigencia=vigencia)
    if plan is None:
        raise Http404("No hay un plan publicado para esa vigencia.")
    datos = plan_datos.plan_como_json(plan=plan, hoy=timezone.localdate())
    respuesta = JsonResponse(datos, json_dumps_params={"ensure_ascii": False, "indent": 1})
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta
