"""The open-data catalogue: every app's datasets, one page, stable URLs.

The project (not an app) gathers the datasets, so that the apps keep their
one-way dependencies (encuestas → dialogos → plan). Besides the page, the
catalogue is published for machines (`catalogo.json`, DCAT-US 1.1, the
vocabulary of datos.gov.co's data.json) and each dataset's dictionary as a
Table Schema (`<conjunto>.schema.json`), the one its CSV validates against.

Every dataset carries the licence and the contact of the settings
(DATOS_ABIERTOS_LICENCIA, DATOS_ABIERTOS_CONTACTO) and its update date: the
latest recorded change of the rows it publishes (Conjunto.cambios, one
aggregate query per dataset); a dataset with no rows yet has none, and the
machine-readable catalogue then gives the time of the request.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dialogos import datos_abiertos as dialogos_datos
from encuestas import datos_abiertos as encuestas_datos
from nucleo import cache_publico
from nucleo import datos_abiertos as marco
from nucleo.entidad import entidad_actual
from plan import datos_abiertos as plan_datos
from plan import selectors

# Media type and DCAT «format» of each distribution.
FORMATO_DCAT = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}
TIPO_DCAT = {"csv": "text/csv", "json": "application/json", "xlsx": marco.TIPOS_MIME["xlsx"]}


def espacial() -> str:
    """Where the data is about (DCAT «spatial»): the entity's municipality and
    department, then the country."""
    return ", ".join(p for p in (entidad_actual().lugar, "Colombia") if p)


def conjuntos() -> list[marco.Conjunto]:
    return [*plan_datos.CONJUNTOS, *dialogos_datos.CONJUNTOS, *encuestas_datos.CONJUNTOS]


def _conjunto(slug: str) -> marco.Conjunto:
    for conjunto in conjuntos():
        if conjunto.slug == slug:
            return conjunto
    raise Http404("No existe ese conjunto de datos.")


@dataclass(frozen=True)
class Publicado:
    """A dataset as the catalogue shows it: with the dates of its data."""

    conjunto: marco.Conjunto
    cambios: marco.Cambios


def _publicados() -> list[Publicado]:
    return [Publicado(conjunto, conjunto.cambios()) for conjunto in conjuntos()]


def _json(datos: dict) -> JsonResponse:
    respuesta = JsonResponse(datos, json_dumps_params={"ensure_ascii": False, "indent": 1})
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta


def catalogo(request):
    """The catalogue with its data dictionary (fields, kinds, descriptions)."""
    contexto = {
        "publicados": _publicados(),
        "formatos": marco.FORMATOS,
        "planes": selectors.planes_publicados(),
        "licencia": settings.DATOS_ABIERTOS_LICENCIA,
        "contacto": settings.DATOS_ABIERTOS_CONTACTO,
        "entidad": entidad_actual().nombre,
    }
    return render(request, "datos_abiertos/catalogo.html", contexto)


def _fecha(momento) -> str:
    return timezone.localtime(momento).isoformat(timespec="seconds")


def _dataset(request, publicado: Publicado, *, ahora, editor: dict, licencia: str) -> dict:
    conjunto, cambios = publicado.conjunto, publicado.cambios
    contacto = settings.DATOS_ABIERTOS_CONTACTO

    def url(nombre: str, **kwargs) -> str:
        return request.build_absolute_uri(reverse(nombre, kwargs=kwargs))

    return {
        "@type": "dcat:Dataset",
        "identifier": url("datos_abiertos") + f"#conjunto-{conjunto.slug}",
        "title": conjunto.titulo,
        "description": conjunto.descripcion,
        "keyword": [
            "rendición de cuentas",
            *(p for p in (entidad_actual().municipio,) if p),
            *conjunto.palabras_clave,
        ],
        "theme": [conjunto.tema],
        "publisher": editor,
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": contacto["nombre"],
            "hasEmail": f"mailto:{contacto['correo']}",
        },
        "accessLevel": "public",
        "license": licencia,
        "issued": _fecha(cambios.primero or ahora),
        "modified": _fecha(cambios.ultimo or ahora),
        "accrualPeriodicity": conjunto.periodicidad,
        "language": ["es"],
        "spatial": espacial(),
        "landingPage": url("datos_abiertos") + f"#conjunto-{conjunto.slug}",
        "describedBy": url("datos_esquema", slug=conjunto.slug),
        "describedByType": "application/json",
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": f"{conjunto.titulo} ({FORMATO_DCAT[formato]})",
                "downloadURL": url("datos_descargar", slug=conjunto.slug, formato=formato),
                "mediaType": TIPO_DCAT[formato],
                "format": FORMATO_DCAT[formato],
                **(
                    {"conformsTo": url("datos_esquema", slug=conjunto.slug)}
                    if formato == "csv"
                    else {}
                ),
            }
            for formato in marco.FORMATOS
        ],
    }


def catalogo_json(request):
    """The catalogue for machines: DCAT-US 1.1 (data.json), as datos.gov.co publishes it."""
    ahora = timezone.now()
    editor = {"@type": "org:Organization", "name": entidad_actual().nombre}
    licencia = settings.DATOS_ABIERTOS_LICENCIA["url"]
    documento = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "title": f"Datos abiertos de la rendición de cuentas – {entidad_actual().nombre}",
        "description": (
            "La información pública de la Estrategia de Rendición de Cuentas en formatos "
            "abiertos (Ley 1712 de 2014): planes, actividades y su avance, espacios de "
            "diálogo, preguntas y respuestas publicadas y resultados de las encuestas. "
            "Nunca datos personales."
        ),
        "publisher": editor,
        "license": licencia,
        "licenseName": settings.DATOS_ABIERTOS_LICENCIA["nombre"],
        "homepage": request.build_absolute_uri(reverse("datos_abiertos")),
        "language": ["es"],
        "spatial": espacial(),
        "dataset": [
            _dataset(request, publicado, ahora=ahora, editor=editor, licencia=licencia)
            for publicado in _publicados()
        ],
    }
    return _json(documento)


def esquema(request, slug):
    """A dataset's data dictionary as a Table Schema (frictionless): its CSV validates."""
    conjunto = _conjunto(slug)
    return _json(
        {
            "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
            "title": conjunto.titulo,
            "description": conjunto.descripcion,
            **conjunto.esquema(),
        }
    )


def descargar(request, slug, formato):
    """A dataset's file, built once per version of its data (nucleo.cache_publico): CSV
    and JSON streamed as their rows come, then kept; an unchanged file is a 304."""
    if formato not in marco.FORMATOS:
        raise Http404("Formato no disponible: use csv, json o xlsx.")
    conjunto = _conjunto(slug)
    cambios = conjunto.cambios()  # one query: the version of its data
    hoy = timezone.localdate()
    version = marco.version(conjunto, formato, cambios, hoy)
    modificado = marco.ultima_modificacion(conjunto, cambios, hoy)
    respuesta: HttpResponseBase | None = cache_publico.condicional(
        request, version=version, modificado=modificado
    )
    if respuesta is None:
        respuesta = _archivo(conjunto, formato, cambios, clave=f"datos-abiertos:{version}")
        cache_publico.publica(respuesta, version=version, modificado=modificado)
    if formato != "json":
        respuesta["Content-Disposition"] = f'attachment; filename="{slug}.{formato}"'
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta


def _archivo(
    conjunto: marco.Conjunto, formato: str, cambios: marco.Cambios, *, clave: str
) -> HttpResponseBase:
    tipo = marco.TIPOS_MIME[formato]
    guardado = cache.get(clave)
    if guardado is not None:
        respuesta = HttpResponse(guardado, content_type=tipo)
        respuesta["Content-Length"] = str(len(guardado))
        return respuesta
    if formato == "xlsx":  # a zip is written whole (in write-only mode: rows not kept)
        contenido = marco.como_xlsx(conjunto)
        cache.set(clave, contenido, cache_publico.segundos_en_cache())
        return HttpResponse(contenido, content_type=tipo)
    trozos = (
        marco.trozos_csv(conjunto) if formato == "csv" else marco.trozos_json(conjunto, cambios)
    )
    return cache_publico.en_flujo(clave, trozos, content_type=tipo)


def plan_json(request, plan):
    plan = selectors.plan_publicado(slug=plan)
    if plan is None:
        raise Http404("No hay un plan publicado con esa dirección.")
    return _json(plan_datos.plan_como_json(plan=plan, hoy=timezone.localdate()))
