"""Nothing unpublished on any public page or open-data file (issue 7, the citizens' portal).

tests/datos_portal.py fills the portal with published data and, beside it, with
unpublished data whose every text carries a marker (MARCAS): evidence not public
and the review comments, the follow-up's observación and the progress narratives,
citizens' personal data, unpublished questions and internal answers, free-text
survey answers, a whole unpublished 2023 plan.

Every URL pattern of the project is read from the URL resolver (so a new page is
crawled without being listed here) and requested as an anonymous visitor, its
parameters filled with the ids of the published and the unpublished objects, plus
the query strings of ESPERADAS; every response — HTML, iCal, CSV, JSON, XLSX (read
with openpyxl), PDF (read with pypdf), and its headers — must hold no marker.

Only the patterns named in PUBLICAS may answer an anonymous visitor with 200; every
other one must send to the login page (or answer 403/404/405). A new public page
therefore fails here until it is added to PUBLICAS — and to the accessibility
checks, tests/e2e/test_accesibilidad.py.

One exception, by design: the lookup by tracking number shows the question's own
text and its answer to whoever holds the number (the number is the citizen's key,
unguessable: dialogos/reglas.py), but never the name nor the contact.

The tracking number (radicado, RADICADO below) is that key, so it appears in NO
anonymous response (no page, attribute, header, feed or open-data file), except the
acknowledgement shown once right after filing a question, and a lookup page
repeating the number its visitor typed in its own URL.

The staff below OPGI (an office, a logged-in user without role) are asked for the
unpublished plan's documents (`/informes/plan/alcaldia-de-pasto-paac-2023.pdf|.xlsx`): never a 200, never
a marker (only OPGI and Control interno download an unpublished plan).

The data are created and the site crawled once for the module, inside a
transaction rolled back at the end (the crawl renders two PDFs only).
"""

import html
import io
import itertools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import openpyxl
import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLResolver, get_resolver, resolve, reverse

from dialogos.models import AdjuntoEspacio, Compromiso
from nucleo.documentos import TIPO_XLSX
from pasto_rdc.datos_abiertos import conjuntos
from plan.models import Actividad, Evidencia
from tests import datos_portal

# The tests only read the crawl's results; the mark makes pytest-django create the test
# database, which the module's fixture fills (and empties) itself.
pytestmark = pytest.mark.django_db

# The URL names an anonymous visitor may GET with 200. Add a new public page here
# (and to tests/e2e/test_accesibilidad.py); the crawl fills its parameters itself.
PUBLICAS = frozenset(
    {
        # plan/urls.py: the citizens' portal.
        "inicio",
        "plan_publico",
        "actividad_publica",
        "evidencia_publica",
        # pasto_rdc/urls.py: site map and open data.
        "mapa_del_sitio",
        "datos_abiertos",
        "datos_plan_json",
        # pasto_rdc/institucional.py: the footer's policy pages (Resolución 1519 de 2020).
        "politica_de_privacidad",
        "terminos_y_condiciones",
        "transparencia",
        "datos_descargar",
        "datos_catalogo_json",
        "datos_esquema",
        # dialogos/urls.py.
        "dialogos:cronograma",
        "dialogos:calendario_ics",
        "dialogos:espacio",
        "dialogos:espacio_ics",
        "dialogos:preguntar",
        "dialogos:preguntar_espacio",
        "dialogos:pregunta_recibida",
        "dialogos:consulta",
        "dialogos:respuestas",
        "dialogos:cobertura",
        "dialogos:informe_publicado",
        "dialogos:informe_gestion",
        # encuestas/urls.py.
        "encuestas:inicio",
        "encuestas:responder",
        "encuestas:gracias",
        "encuestas:resultados_publicos",
        # resultados/urls.py: the published results reports.
        "resultados:inicio",
        "resultados:audiencia",
        "resultados:estrategia",
        # The officials' login, and the «forgot my password» pages (nucleo/cuentas.py).
        "login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        # The load balancer's health check (nucleo/salud.py): statuses and timings only.
        "salud",
    }
)

# What a non-public page may answer an anonymous visitor (besides a redirect to login).
NO_PUBLICAS = {403, 404, 405}

# The addresses by vigencia alone (plan/views_direcciones.py) redirect to today's, named
# like them without this suffix; they show nothing themselves.
SUFIJO_ANTIGUA = "_por_vigencia"

# A tracking number (dialogos/reglas.py): the citizen's secret key to her question.
RADICADO = re.compile(r"RDC-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")

# The acknowledgement right after filing a question shows its number, once.
ACUSE_DE_RECIBO = "(enviada) /dialogos/preguntar/recibida/"


@dataclass(frozen=True)
class Patron:
    nombre: str  # with its namespace, as reverse() takes it
    ruta: str
    parametros: tuple[str, ...]


def patrones(resolver=None, ruta="", espacio="", parametros=()):
    """Every URL pattern of the project but the admin's (checked on its own below)."""
    for entrada in (resolver or get_resolver()).url_patterns:
        propios = parametros + tuple(entrada.pattern.regex.groupindex)
        completa = ruta + str(entrada.pattern)
        if isinstance(entrada, URLResolver):
            if entrada.namespace == "admin":
                continue
            nombre = f"{espacio}{entrada.namespace}:" if entrada.namespace else espacio
            yield from patrones(entrada, completa, nombre, propios)
        else:
            yield Patron(f"{espacio}{entrada.name}" if entrada.name else "", completa, propios)


@dataclass(frozen=True)
class Visita:
    nombre: str
    estado: int
    destino: str  # the Location of a redirect
    texto: str  # the body as text (XLSX and PDF extracted) and the headers


def _texto_xlsx(contenido: bytes) -> str:
    libro = openpyxl.load_workbook(io.BytesIO(contenido), read_only=True)
    partes = []
    for hoja in libro.worksheets:
        partes.append(hoja.title)
        for fila in hoja.iter_rows(values_only=True):
            partes.extend(str(valor) for valor in fila if valor is not None)
    return "\n".join(partes)


def _texto_pdf(contenido: bytes) -> str:
    try:
        lector = pypdf.PdfReader(io.BytesIO(contenido))
        return "\n".join(pagina.extract_text() or "" for pagina in lector.pages)
    except pypdf.errors.PyPdfError:
        return ""  # not a PDF one can read (a stub evidence file): the raw bytes count


def texto_de(respuesta) -> str:
    """Everything a visitor receives, as text: headers and body (XLSX, PDF extracted)."""
    contenido = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    tipo = respuesta.get("Content-Type", "")
    partes = [f"{clave}: {valor}" for clave, valor in respuesta.headers.items()]
    partes.append(contenido.decode("utf-8", errors="replace"))
    if tipo.startswith(TIPO_XLSX):
        partes.append(_texto_xlsx(contenido))
    elif tipo.startswith("application/pdf"):
        partes.append(_texto_pdf(contenido))
    elif tipo.startswith("application/json"):
        partes.append(json.dumps(json.loads(contenido), ensure_ascii=False))
    elif tipo.startswith("text/calendar"):
        # Long iCal lines are folded: CRLF followed by a space (RFC 5545, 3.1).
        partes.append(contenido.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", ""))
    elif tipo.startswith("text/html"):
        partes.append(html.unescape(contenido.decode("utf-8")))
    return "\n".join(partes)


def marcas_en(texto: str, permitidas=frozenset()) -> list[str]:
    """The markers in `texto`, ignoring case and whitespace (PDF text wraps and capitalises)."""
    minusculas = texto.casefold()
    compacto = "".join(minusculas.split())
    return [
        marca
        for marca in datos_portal.MARCAS
        if marca not in permitidas
        and (marca.casefold() in minusculas or "".join(marca.casefold().split()) in compacto)
    ]


def valores(portal) -> dict[str, list]:
    """The values of each URL parameter: ids of published and unpublished objects alike."""
    plan_2023 = portal.plan_sin_publicar
    actividades = list(
        Actividad.objects.filter(plan__vigencia=2022, codigo__in=["1.3", "2.2"])
    ) + list(plan_2023.actividades.all())
    objetos = [
        portal.evidencia_publica,
        portal.enlace_publico,
        *portal.evidencias_secretas,
        *Evidencia.objects.filter(actividad__plan=plan_2023),
        *portal.espacios,
        portal.espacio_2023,
        portal.pregunta_2023,
        portal.encuesta_2023,
        *portal.preguntas,
        *portal.informes,
        *portal.encuestas,
        portal.encuesta_abierta.cuestionario,
        *portal.encuesta_abierta.cuestionario.preguntas.all(),
        *Compromiso.objects.all(),
        *AdjuntoEspacio.objects.all(),
        *actividades,
    ]
    return {
        "pk": sorted({objeto.pk for objeto in objetos}),
        "vigencia": [2022, 2023],
        "plan": ["alcaldia-de-pasto-paac-2022", portal.plan_sin_publicar.slug],
        "codigo": sorted(
            {a.codigo for a in actividades}
            | {e.codigo for e in [*portal.encuestas, portal.encuesta_2023]}
        ),
        "slug": [conjunto.slug for conjunto in conjuntos()] + ["educacion"],
        "formato": ["csv", "json", "xlsx", "pdf"],
        "corte": [2],
        "uidb64": ["MQ"],
        "token": ["set-password"],
    }


def esperadas(portal) -> dict[str, int]:
    """Pages with the status an anonymous visitor must get: published 200, unpublished 404."""
    plan_2023 = portal.plan_sin_publicar
    codigo_2023 = plan_2023.actividades.order_by("orden").first().codigo
    paginas = {
        "/": 200,
        "/plan/alcaldia-de-pasto-paac-2022/": 200,
        "/plan/alcaldia-de-pasto-paac-2022/?q=prueba": 200,  # the 2023 activities are «Actividad de prueba…»
        "/plan/alcaldia-de-pasto-paac-2022/?oficina=oficina-de-prueba-1": 200,
        "/plan/alcaldia-de-pasto-paac-2022/actividades/1.3/": 200,
        "/plan/alcaldia-de-pasto-paac-2023/": 404,
        f"/plan/alcaldia-de-pasto-paac-2023/actividades/{codigo_2023}/": 404,
        f"/evidencias/{portal.evidencia_publica.pk}/publica/": 200,
        f"/evidencias/{portal.enlace_publico.pk}/publica/": 404,  # a link: no file to serve
        "/mapa-del-sitio/": 200,
        "/datos-abiertos/": 200,
        "/datos-abiertos/planes/alcaldia-de-pasto-paac-2022.json": 200,
        "/datos-abiertos/planes/alcaldia-de-pasto-paac-2023.json": 404,
        "/datos-abiertos/catalogo.json": 200,
        "/dialogos/": 200,
        "/dialogos/?tipo=jornada_tematica&territorio=genoy&mes=2022-11": 200,
        "/dialogos/?mes=2023-03": 200,
        "/dialogos/calendario.ics": 200,
        "/dialogos/preguntar/": 200,
        "/dialogos/consulta/": 200,
        "/dialogos/consulta/?radicado=RDC-2022-AAAA-BBBB": 404,
        "/dialogos/respuestas/": 200,
        "/dialogos/respuestas/?territorio=genoy": 200,
        "/dialogos/cobertura/": 200,
        "/dialogos/cobertura/?anio=2022": 200,
        "/dialogos/cobertura/?anio=2023": 200,
        "/encuestas/": 200,
        "/cuentas/login/": 200,
    }
    for evidencia in portal.evidencias_secretas:
        if evidencia.archivo:
            paginas[f"/evidencias/{evidencia.pk}/publica/"] = 404
    for espacio in portal.espacios:
        paginas[f"/dialogos/espacios/{espacio.pk}/"] = 200
        paginas[f"/dialogos/espacios/{espacio.pk}/calendario.ics"] = 200
    # A space that counts for an activity of the unpublished plan is not public either.
    paginas[f"/dialogos/espacios/{portal.espacio_2023.pk}/"] = 404
    paginas[f"/dialogos/espacios/{portal.espacio_2023.pk}/calendario.ics"] = 404
    # Nor may one ask a question for it, nor see its survey's results.
    paginas[f"/dialogos/espacios/{portal.espacio_2023.pk}/preguntar/"] = 404
    paginas[f"/encuestas/resultados/{portal.encuesta_2023.codigo}/"] = 404
    for espacio in (portal.realizado, portal.programado):
        paginas[f"/dialogos/espacios/{espacio.pk}/preguntar/"] = 200
    for pregunta in [*portal.preguntas, portal.pregunta_2023]:
        paginas[f"/dialogos/consulta/?radicado={pregunta.radicado}"] = 200
    for informe in portal.informes:
        paginas[f"/dialogos/informes/{informe.pk}.pdf"] = 200
        paginas[f"/dialogos/informes/{informe.pk}.xlsx"] = 200
    for conjunto in conjuntos():
        for formato in ("csv", "json", "xlsx", "schema.json"):
            paginas[f"/datos-abiertos/{conjunto.slug}.{formato}"] = 200
    publicada, abierta = portal.encuesta_publicada, portal.encuesta_abierta
    paginas[f"/encuestas/responder/{abierta.codigo}/"] = 200
    paginas[f"/encuestas/responder/{publicada.codigo}/"] = 200  # closed: «no está abierta»
    paginas[f"/encuestas/responder/{abierta.codigo}/gracias/"] = 200
    paginas[f"/encuestas/resultados/{publicada.codigo}/"] = 200
    paginas[f"/encuestas/resultados/{abierta.codigo}/"] = 404
    # The results reports: the published hearing's and 2022's; none of another space
    # (not a hearing, or a hearing not published), nor of the unpublished 2023 plan.
    paginas["/resultados/"] = 200
    for formato in ("pdf", "xlsx"):
        paginas[f"/resultados/audiencias/{portal.realizado.pk}.{formato}"] = 200
        paginas[f"/resultados/estrategia/alcaldia-de-pasto-paac-2022.{formato}"] = 200
        paginas[f"/resultados/estrategia/alcaldia-de-pasto-paac-2023.{formato}"] = 404
        for espacio in (portal.territorial, portal.programado, portal.espacio_2023):
            paginas[f"/resultados/audiencias/{espacio.pk}.{formato}"] = 404
    return paginas


def permitidas_en(ruta: str, portal) -> frozenset:
    """The lookup by tracking number shows that question's published texts (by design).

    Only the texts OPGI published (before that, only the status and the deadline):
    never the original question or answer, never the space's texts (the 2023 space
    is not public, not even to the person who asked there).
    """
    for pregunta in [*portal.preguntas, portal.pregunta_2023]:
        if ruta == f"/dialogos/consulta/?radicado={pregunta.radicado}":
            publicados = f"{pregunta.texto_publico}\n{pregunta.respuesta_publica}".casefold()
            return frozenset(m for m in datos_portal.MARCAS if m.casefold() in publicados)
    return frozenset()


def radicados_en(ruta: str, texto: str) -> list[str]:
    """The tracking numbers in an anonymous response (the acknowledgement may show its own)."""
    if ruta == ACUSE_DE_RECIBO:
        return []
    return sorted(set(RADICADO.findall(texto)))


def _visitar(cliente, ruta: str, nombre: str) -> Visita:
    base, _, consulta = ruta.partition("?")
    if base == CONSULTA and consulta:
        # The lookup takes the radicado by POST (never in a URL, so never in a log): the
        # crawl sends it as the form does, and keeps the readable key `…/?radicado=…`.
        respuesta = cliente.post(base, QueryDict(consulta))
    else:
        respuesta = cliente.get(ruta)
    return Visita(nombre, respuesta.status_code, respuesta.get("Location", ""), texto_de(respuesta))


CONSULTA = "/dialogos/consulta/"


@dataclass
class Recorrido:
    portal: object
    patrones: list[Patron]
    sin_valores: dict[str, set[str]]
    visitas: dict[str, Visita]
    esperadas: dict[str, int]
    admin: dict[str, Visita]
    internas: dict[str, Visita]
    bajo_opgi: dict[str, Visita]  # «persona ruta»: the plan documents, below OPGI


@pytest.fixture(scope="module")
def recorrido(django_db_setup, django_db_blocker, tmp_path_factory) -> Recorrido:
    """Create the data, crawl every URL as an anonymous visitor, then roll everything back."""
    limites = {
        "DIALOGOS_LIMITE_PREGUNTAS": None,
        "DIALOGOS_LIMITE_CONSULTAS": None,
        "ENCUESTAS_LIMITE_RESPUESTAS": None,
    }
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, **limites),
        transaction.atomic(),
    ):
        cache.clear()
        datos_portal.crear_territorios()  # in case a browser test flushed them before
        call_command("loaddata", "plan_2022", verbosity=0)
        alicia, bruno, diana = datos_portal.usuarios()
        portal = datos_portal.poblar_portal(alicia=alicia, bruno=bruno, diana=diana)
        datos_portal.crear_plan_sin_publicar(portal)
        for pregunta in portal.preguntas:
            pregunta.refresh_from_db()

        anonimo = Client()
        todos = list(patrones())
        tabla = valores(portal)
        sin_valores = {}
        visitas: dict[str, Visita] = {}
        for patron in todos:
            faltan = set(patron.parametros) - set(tabla)
            if faltan or not patron.nombre:
                sin_valores[patron.ruta] = faltan
                continue
            for combinacion in itertools.product(*(tabla[p] for p in patron.parametros)):
                try:
                    ruta = reverse(
                        patron.nombre, kwargs=dict(zip(patron.parametros, combinacion, strict=True))
                    )
                except NoReverseMatch:
                    continue  # e.g. an activity code where a survey's slug goes
                visitas[ruta] = _visitar(anonimo, ruta, patron.nombre)
        paginas = esperadas(portal)
        for ruta in paginas:
            if ruta not in visitas:
                visitas[ruta] = _visitar(anonimo, ruta, "")
        # The question form sent: its acknowledgement (shown once, from the session).
        enviada = anonimo.post(
            "/dialogos/preguntar/",
            {"texto": "¿Dónde se inscriben los grupos?", "acepta_datos": "on"},
        )
        assert enviada.status_code == 302, enviada.content.decode()
        visitas[ACUSE_DE_RECIBO] = _visitar(
            anonimo, enviada["Location"], "dialogos:pregunta_recibida"
        )

        evidencia = portal.evidencias_secretas[0]
        pregunta = portal.sin_publicar[0]
        admin = {
            ruta: _visitar(anonimo, ruta, "admin")
            for ruta in (
                "/admin/",
                "/admin/login/",
                f"/admin/plan/evidencia/{evidencia.pk}/change/",
                f"/admin/dialogos/pregunta/{pregunta.pk}/change/",
                "/admin/plan/observacionseguimiento/",
            )
        }
        # Control: the same crawler finds the markers where they are (so it would find a leak).
        personal = Client()
        personal.force_login(alicia)
        actividad = Actividad.objects.get(plan__vigencia=2022, codigo="1.3")
        internas = {
            ruta: _visitar(personal, ruta, "")
            for ruta in (
                f"/actividades/{actividad.pk}/",
                "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/observaciones/",
                f"/dialogos/gestion/preguntas/{pregunta.pk}/",
                "/informes/plan/alcaldia-de-pasto-paac-2023.xlsx",
                "/informes/plan/alcaldia-de-pasto-paac-2023.pdf",
            )
        }
        # Below OPGI: an office and a logged-in user without role, on the plan documents.
        bajo_opgi = {}
        sin_rol = get_user_model().objects.create_user("sin-rol", password="clave-de-prueba")
        for persona in (portal.bruno, sin_rol):
            cliente = Client()
            cliente.force_login(persona)
            for ruta in (
                "/informes/plan/alcaldia-de-pasto-paac-2023.pdf",
                "/informes/plan/alcaldia-de-pasto-paac-2023.xlsx",
            ):
                bajo_opgi[f"{persona.username} {ruta}"] = _visitar(cliente, ruta, "")
        transaction.set_rollback(True)
    cache.clear()
    return Recorrido(portal, todos, sin_valores, visitas, paginas, admin, internas, bajo_opgi)


def _lista(fugas: dict) -> str:
    """One line per URL and what leaked there, for a failure message one can act on."""
    return "\n".join(f"{ruta}: {', '.join(cosas)}" for ruta, cosas in sorted(fugas.items()))


def test_ninguna_pagina_ni_descarga_publica_muestra_lo_no_publicado(recorrido):
    fugas = {
        ruta: marcas
        for ruta, visita in recorrido.visitas.items()
        if (marcas := marcas_en(visita.texto, permitidas_en(ruta, recorrido.portal)))
    }
    assert fugas == {}, "Marcas de lo no publicado en respuestas anónimas:\n" + _lista(fugas)
    assert len(recorrido.visitas) > 300  # every pattern, with every id


def test_nada_del_espacio_de_un_plan_sin_publicar_en_ninguna_respuesta_anonima(recorrido):
    """The 2023 space, its published question and its published survey results."""
    fugas = {
        ruta: marcas
        for ruta, visita in recorrido.visitas.items()
        if (
            marcas := sorted(
                set(marcas_en(visita.texto, permitidas_en(ruta, recorrido.portal)))
                & set(datos_portal.MARCAS_ESPACIO_2023)
            )
        )
    }
    assert fugas == {}, "El espacio de un plan sin publicar aparece en:\n" + _lista(fugas)


def test_ningun_radicado_aparece_en_una_respuesta_anonima(recorrido):
    fugas = {
        ruta: radicados
        for ruta, visita in recorrido.visitas.items()
        if (radicados := radicados_en(ruta, visita.texto))
    }
    fugas.update(
        {
            ruta: radicados
            for ruta, v in recorrido.admin.items()
            if (radicados := radicados_en(ruta, v.texto))
        }
    )
    assert fugas == {}, "Radicados en respuestas anónimas:\n" + _lista(fugas)
    # The crawler does see a number where one must be (so its absence means something).
    acuse = recorrido.visitas[ACUSE_DE_RECIBO]
    assert acuse.estado == 200 and RADICADO.search(acuse.texto)


def test_bajo_opgi_nadie_descarga_el_documento_de_un_plan_sin_publicar(recorrido):
    malas = {
        ruta: [f"HTTP {visita.estado}"] * (visita.estado == 200) + marcas_en(visita.texto)
        for ruta, visita in recorrido.bajo_opgi.items()
    }
    malas = {ruta: cosas for ruta, cosas in malas.items() if cosas}
    assert malas == {}, "Documentos del plan sin publicar bajo OPGI:\n" + _lista(malas)
    assert {v.estado for v in recorrido.bajo_opgi.values()} == {404}


def test_cada_patron_de_url_se_recorre(recorrido):
    """A new URL parameter needs its values in valores(); every pattern needs a name."""
    assert recorrido.sin_valores == {}


def test_solo_las_paginas_de_la_lista_responden_a_un_visitante_anonimo(recorrido):
    nombres = {patron.nombre for patron in recorrido.patrones}
    assert PUBLICAS - nombres == set(), "PUBLICAS nombra páginas que ya no existen"
    publicas_sin_declarar = {
        ruta: visita.estado
        for ruta, visita in recorrido.visitas.items()
        if visita.nombre
        and visita.nombre not in PUBLICAS
        and not visita.nombre.endswith(SUFIJO_ANTIGUA)
        and not (visita.estado == 302 and visita.destino.startswith(reverse("login")))
        and visita.estado not in NO_PUBLICAS
    }
    assert publicas_sin_declarar == {}
    con_contenido = {v.nombre for v in recorrido.visitas.values() if v.estado == 200}
    assert PUBLICAS - con_contenido == set()  # each public page was seen with its content


def test_una_direccion_antigua_por_vigencia_solo_redirige_a_la_de_hoy_de_un_plan_publicado(
    recorrido,
):
    """An anonymous visitor's old address of the published 2022 plan: a permanent redirect
    to the same page by slug; of the unpublished 2023 plan: a 404 (its slug stays unknown)."""
    antiguas = {r: v for r, v in recorrido.visitas.items() if v.nombre.endswith(SUFIJO_ANTIGUA)}
    assert antiguas, "el recorrido no visitó ninguna dirección antigua"
    malas = {}
    for ruta, visita in antiguas.items():
        if "/2023" in ruta:
            bien = visita.estado == 404
        else:
            destino = resolve(visita.destino.split("?")[0]).view_name
            bien = visita.estado == 301 and destino + SUFIJO_ANTIGUA == visita.nombre
            bien = bien and "alcaldia-de-pasto-paac-2022" in visita.destino
        if not bien:
            malas[ruta] = [f"HTTP {visita.estado} → {visita.destino}"]
    assert malas == {}, "Direcciones antiguas mal redirigidas:\n" + _lista(malas)


def _contiene(texto: str, frase: str) -> bool:
    return "".join(frase.casefold().split()) in "".join(texto.casefold().split())


def test_lo_publicado_se_ve_y_lo_no_publicado_da_404(recorrido):
    obtenidos = {ruta: recorrido.visitas[ruta].estado for ruta in recorrido.esperadas}
    assert obtenidos == recorrido.esperadas
    # The published items are on their pages (so the markers' absence means something).
    portal = recorrido.portal
    publicados = {
        "/plan/alcaldia-de-pasto-paac-2022/actividades/1.3/": [
            "Acta de la audiencia pública",
            "Facebook Live",
        ],
        f"/dialogos/espacios/{portal.realizado.pk}/": [
            "Publicar el calendario de obras de los colegios.",
            "El colegio de Genoy abre en febrero de 2023.",
        ],
        "/dialogos/respuestas/": [p.respuesta_publica for p in portal.publicadas],
        f"/dialogos/informes/{portal.informes[0].pk}.pdf": ["¿Cuándo abre el colegio de Genoy?"],
        f"/dialogos/informes/{portal.informes[1].pk}.xlsx": [
            p.texto_publico for p in portal.publicadas
        ],
        f"/encuestas/resultados/{portal.encuesta_publicada.codigo}/": [
            "La información presentada fue clara."
        ],
        # The published hearing's report: its published texts and commitments, its survey.
        f"/resultados/audiencias/{portal.realizado.pk}.pdf": [
            "¿Cuándo abre el colegio de Genoy?",
            "Publicar el calendario de obras de los colegios.",
        ],
        f"/resultados/audiencias/{portal.realizado.pk}.xlsx": [
            "El colegio de Genoy abre en febrero de 2023.",
            "La información presentada fue clara.",
        ],
        "/resultados/estrategia/alcaldia-de-pasto-paac-2022.xlsx": [
            "Audiencia pública de educación"
        ],
    }
    faltan = {
        ruta: [frase for frase in frases if not _contiene(recorrido.visitas[ruta].texto, frase)]
        for ruta, frases in publicados.items()
    }
    assert faltan == dict.fromkeys(publicados, [])


def test_cada_conjunto_de_datos_abiertos_en_sus_tres_formatos(recorrido):
    for conjunto in conjuntos():
        for formato in ("csv", "json", "xlsx"):
            visita = recorrido.visitas[f"/datos-abiertos/{conjunto.slug}.{formato}"]
            assert (visita.estado, marcas_en(visita.texto)) == (200, [])
    texto_2022 = recorrido.visitas["/datos-abiertos/planes/alcaldia-de-pasto-paac-2022.json"].texto
    assert "Realizar espacios territoriales" in texto_2022  # the published plan is there
    assert (
        recorrido.visitas["/datos-abiertos/planes/alcaldia-de-pasto-paac-2023.json"].estado == 404
    )
    # The published texts do go out (so the absence of the others means something).
    preguntas = recorrido.visitas["/datos-abiertos/preguntas-y-respuestas.xlsx"].texto
    assert "El colegio de Genoy abre en febrero de 2023." in preguntas
    resultados = recorrido.visitas["/datos-abiertos/encuestas-resultados.csv"].texto
    assert "La información presentada fue clara." in resultados


def test_la_consulta_por_radicado_no_muestra_nombre_ni_contacto(recorrido):
    """Nor the radicado itself: the page does not echo the number typed."""
    personales = {datos_portal.NOMBRE, datos_portal.CORREO, datos_portal.TELEFONO}
    for pregunta in recorrido.portal.preguntas:
        visita = recorrido.visitas[f"/dialogos/consulta/?radicado={pregunta.radicado}"]
        assert visita.estado == 200
        assert set(marcas_en(visita.texto)) & personales == set()
        assert pregunta.radicado not in visita.texto
    # Her data are stored (so their absence means something).
    recibida = recorrido.portal.sin_publicar[0]
    assert recibida.nombre == datos_portal.NOMBRE and recibida.telefono == datos_portal.TELEFONO
    # A published question's lookup shows its published answer.
    publicada = recorrido.portal.publicadas[0]
    visita = recorrido.visitas[f"/dialogos/consulta/?radicado={publicada.radicado}"]
    assert _contiene(visita.texto, publicada.respuesta_publica)


# Public pages the site map needs not list: itself, a step of a form.
FUERA_DEL_MAPA = {
    "mapa_del_sitio",
    "dialogos:pregunta_recibida",
    "password_reset_done",  # the steps after «¿Olvidó su contraseña?»
    "password_reset_complete",
    "datos_catalogo_json",  # a file for machines, linked from the open-data page
    "salud",  # the load balancer's health check, for machines
}


def test_el_mapa_del_sitio_enlaza_cada_pagina_publica_sin_parametros(recorrido):
    mapa = recorrido.visitas["/mapa-del-sitio/"].texto
    sin_parametros = {p.nombre for p in recorrido.patrones if not p.parametros} & PUBLICAS
    faltan = {
        nombre
        for nombre in sin_parametros - FUERA_DEL_MAPA
        if f'href="{reverse(nombre)}"' not in mapa
    }
    assert faltan == set()


# Public URLs tests/e2e/test_accesibilidad.py needs not visit: files (no page to check),
# pages reached through a form or checked by encuestas/tests/test_accesibilidad.py.
SIN_AXE = {
    "evidencia_publica",
    "datos_plan_json",
    "datos_descargar",
    "datos_catalogo_json",  # JSON files: the catalogue and each dataset's Table Schema
    "datos_esquema",
    "dialogos:calendario_ics",
    "dialogos:espacio_ics",
    "dialogos:informe_publicado",
    "dialogos:informe_gestion",  # a file download (the hearing's management report)
    "resultados:audiencia",  # PDF and XLSX files
    "resultados:estrategia",
    "dialogos:pregunta_recibida",  # test_formulario_de_pregunta_con_errores_y_enviado
    "encuestas:gracias",  # encuestas/tests/test_accesibilidad.py
    "encuestas:resultados_publicos",  # encuestas/tests/test_accesibilidad.py
    "salud",  # JSON for the load balancer (nucleo/salud.py)
}


def test_cada_pagina_publica_pasa_por_axe():
    from tests.e2e.test_accesibilidad import PAGINAS_PUBLICAS

    vistas = {
        resolve(urlsplit(re.sub(r"\{\w+\}", "1", ruta)).path).view_name for ruta in PAGINAS_PUBLICAS
    }
    assert PUBLICAS - SIN_AXE - vistas == set()


def test_el_admin_pide_ingresar(recorrido):
    for ruta, visita in recorrido.admin.items():
        assert marcas_en(visita.texto) == [], ruta
        if ruta != "/admin/login/":
            assert visita.estado == 302 and visita.destino.startswith("/admin/login/"), ruta


def test_las_marcas_estan_donde_el_personal_las_ve(recorrido):
    """The crawler's reading of HTML, XLSX and PDF finds the markers in the internal pages."""
    internas = {ruta: set(marcas_en(v.texto)) for ruta, v in recorrido.internas.items()}
    actividad, observaciones, pregunta, xlsx, pdf = internas.values()
    assert {
        "SECRETO-EVIDENCIA-ENVIADA",
        "SECRETO-EVIDENCIA-DEVUELTA",
        "SECRETO-COMENTARIO-DEVOLUCION",
        "SECRETO-EVIDENCIA-APROBADA-PRIVADA",
        "SECRETO-NARRATIVA-AVANCE",
    } <= actividad
    assert "SECRETO-OBSERVACION" in observaciones
    assert {datos_portal.NOMBRE, datos_portal.CORREO, datos_portal.TELEFONO} <= pregunta
    assert {"SECRETO-ACTIVIDAD-2023", "SECRETO-PRODUCTO-2023"} <= xlsx
    assert {"SECRETO-ACTIVIDAD-2023", "SECRETO-PRODUCTO-2023"} <= pdf
