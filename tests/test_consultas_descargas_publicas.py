"""Every public download runs a fixed number of queries, whatever the amount of data.

Each download a citizen can make — every open-data dataset in CSV, JSON and XLSX, the
machine-readable catalogue and a dataset's Table Schema, the plan's JSON, the iCal feeds, the published answer reports (PDF, XLSX), a closed
corte's published follow-up (PDF, XLSX, read from its copy), the published results
reports of a hearing and of a vigencia (PDF, XLSX) and a public evidence file — is
requested twice: with the portal's data (tests/datos_portal.py, one of each kind) and
after adding more (a second set of spaces, questions, reports and surveys, and a
published plan of 40 activities, plan/tests/fabricas.py). The
count must be the same both times, and is pinned: a new query shows up here, and a
query per row (N+1) fails whatever its pin.
"""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from encuestas.models import Cuestionario
from nucleo import documentos
from nucleo.datos_abiertos import FORMATOS
from nucleo.entidad import entidad_actual
from pasto_rdc.datos_abiertos import conjuntos
from plan import servicios_cortes
from plan.models import Plan
from plan.tests.fabricas import crear_plan_grande
from tests import datos_portal
from tests.ayudas import PDF_FALSO

pytestmark = pytest.mark.django_db

# Download → queries it runs for an anonymous visitor. Pinned: change one only on purpose.
# Each open-data file and published report first asks for the version of its data (one
# aggregate: its key in the cache and its ETag, nucleo.cache_publico); counted here on a
# miss (the cache is empty), when it is built.
CONSULTAS: dict[str, int] = {
    "datos planes.csv": 3,
    "datos planes.json": 3,  # the version is also when its data last changed
    "datos planes.xlsx": 3,
    "datos actividades.csv": 5,
    "datos actividades.json": 5,
    "datos actividades.xlsx": 5,
    "datos espacios-de-dialogo.csv": 3,
    "datos espacios-de-dialogo.json": 3,
    "datos espacios-de-dialogo.xlsx": 3,
    "datos preguntas-y-respuestas.csv": 2,
    "datos preguntas-y-respuestas.json": 2,
    "datos preguntas-y-respuestas.xlsx": 2,
    "datos encuestas-resultados.csv": 7,
    "datos encuestas-resultados.json": 7,
    "datos encuestas-resultados.xlsx": 7,
    "datos plan 2022.json": 5,
    "datos catalogo.json": 5,  # one aggregate per dataset: when its data last changed
    "datos actividades.schema.json": 0,  # the dictionary, from the code alone
    "calendario.ics": 2,
    "espacio.ics": 2,
    "informe publicado.pdf": 5,
    "informe publicado.xlsx": 5,
    "evidencia pública": 1,
    "seguimiento publicado.pdf": 2,
    "seguimiento publicado.xlsx": 2,
    "informe de audiencia.pdf": 1,  # the file frozen at publication
    "informe de audiencia.xlsx": 1,
    "informe de resultados 2022.pdf": 1,
    "informe de resultados 2022.xlsx": 1,
}

# Known to grow today; the owner's fix removes the entry (strict: a fix fails until then).
# Downloads known to grow with the data (none today): each is a strict xfail naming why.
CRECEN_HOY: dict[str, str] = {}


def _descargas(portal: datos_portal.Portal) -> dict[str, str]:
    """Name → URL of every public download."""
    urls = {
        f"datos {conjunto.slug}.{formato}": reverse(
            "datos_descargar", kwargs={"slug": conjunto.slug, "formato": formato}
        )
        for conjunto in conjuntos()
        for formato in FORMATOS
    }
    urls["datos plan 2022.json"] = reverse(
        "datos_plan_json", kwargs={"plan": "alcaldia-de-pasto-paac-2022"}
    )
    urls["datos catalogo.json"] = reverse("datos_catalogo_json")
    urls["datos actividades.schema.json"] = reverse("datos_esquema", kwargs={"slug": "actividades"})
    urls["calendario.ics"] = reverse("dialogos:calendario_ics")
    urls["espacio.ics"] = reverse("dialogos:espacio_ics", kwargs={"pk": portal.realizado.pk})
    for informe in portal.informes[:1]:
        for formato in ("pdf", "xlsx"):
            urls[f"informe publicado.{formato}"] = reverse(
                "dialogos:informe_publicado", kwargs={"pk": informe.pk, "formato": formato}
            )
    for formato in ("pdf", "xlsx"):
        urls[f"seguimiento publicado.{formato}"] = reverse(
            "seguimiento_publicado",
            kwargs={"plan": "alcaldia-de-pasto-paac-2022", "corte": 2, "formato": formato},
        )
    for formato in ("pdf", "xlsx"):
        urls[f"informe de audiencia.{formato}"] = reverse(
            "resultados:audiencia", kwargs={"pk": portal.realizado.pk, "formato": formato}
        )
        urls[f"informe de resultados 2022.{formato}"] = reverse(
            "resultados:estrategia",
            kwargs={"plan": "alcaldia-de-pasto-paac-2022", "formato": formato},
        )
    urls["evidencia pública"] = reverse(
        "evidencia_publica", kwargs={"pk": portal.evidencia_publica.pk}
    )
    return urls


def _contar(urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    anonimo = Client()
    cuentas = {}
    for nombre, url in urls.items():
        with CaptureQueriesContext(connection) as consultas:
            respuesta = anonimo.get(url)
        assert respuesta.status_code == 200, (nombre, url, respuesta.status_code)
        cuentas[nombre] = (len(consultas), respuesta.status_code)
    return cuentas


def _mas_datos(portal: datos_portal.Portal) -> None:
    """A second set of every public kind of object, and a larger published plan."""
    alicia, bruno = portal.alicia, portal.bruno
    realizado, *_ = datos_portal._espacios(alicia, bruno)
    datos_portal._preguntas(alicia, bruno, realizado)
    datos_portal._informes(alicia, realizado)
    # The questionnaire's name is unique: the first one steps aside for its copy.
    Cuestionario.objects.filter(nombre="Evaluación del espacio").update(
        nombre="Evaluación del primer espacio"
    )
    datos_portal._encuestas(alicia, realizado)
    crear_plan_grande(actividades=40, vigencia=2030, usuario=alicia)


@pytest.fixture(scope="module")
def cuentas(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, list[int]]:
    """Queries per download with the portal's data, then with more; rolled back after."""
    limites = {
        "DIALOGOS_LIMITE_PREGUNTAS": None,
        "DIALOGOS_LIMITE_CONSULTAS": None,
        "ENCUESTAS_LIMITE_RESPUESTAS": None,
    }
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), **limites),
        # WeasyPrint runs no query: the PDF's bytes are not what is counted here.
        mock.patch.object(documentos, "pdf_desde_html", return_value=PDF_FALSO),
        transaction.atomic(),
    ):
        cache.clear()
        datos_portal.crear_territorios()
        call_command("loaddata", "plan_2022", verbosity=0)
        alicia, bruno, diana = datos_portal.usuarios()
        portal = datos_portal.poblar_portal(alicia=alicia, bruno=bruno, diana=diana)
        # Control Interno closes corte II: its follow-up is published, read from the copy.
        plan = Plan.objects.get(vigencia=2022)
        servicios_cortes.cerrar_corte(plan=plan, numero=2, usuario=diana)
        urls = _descargas(portal)
        # The site's entity is read from the cache, as on every page (nucleo.entidad):
        # filled before counting, like the root conftest does before each test.
        entidad_actual()
        poco = _contar(urls)
        _mas_datos(portal)
        cache.clear()
        entidad_actual()
        mucho = _contar(urls)
        # One plan's JSON: the 2022 plan against the 40 activities of the 2030 one.
        grande = _contar(
            {"plan": reverse("datos_plan_json", kwargs={"plan": "alcaldia-de-pasto-paac-2030"})}
        )
        transaction.set_rollback(True)
    resultado = {nombre: [poco[nombre][0], mucho[nombre][0]] for nombre in urls}
    resultado["datos plan 2022.json"].append(grande["plan"][0])
    return resultado


def test_las_cuentas_cubren_cada_conjunto_de_datos_abiertos():
    for conjunto in conjuntos():
        for formato in FORMATOS:
            assert f"datos {conjunto.slug}.{formato}" in CONSULTAS


def _casos() -> list:
    return [
        pytest.param(
            nombre,
            marks=[pytest.mark.xfail(reason=CRECEN_HOY[nombre], strict=True)]
            if nombre in CRECEN_HOY
            else [],
            id=nombre,
        )
        for nombre in CONSULTAS
    ]


@pytest.mark.parametrize("nombre", _casos())
def test_una_descarga_publica_no_hace_mas_consultas_con_mas_datos(cuentas, nombre):
    poco, *mas = cuentas[nombre]
    assert all(n == poco for n in mas), f"{nombre}: {poco} consultas con pocos datos, {mas} con más"


@pytest.mark.parametrize("nombre", list(CONSULTAS))
def test_cada_descarga_publica_hace_las_consultas_fijadas(cuentas, nombre):
    assert cuentas[nombre][0] == CONSULTAS[nombre]


def test_no_hay_descargas_publicas_sin_fijar(cuentas):
    assert set(cuentas) == set(CONSULTAS)
