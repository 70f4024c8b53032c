"""An unpublished plan is not public, and its document is for OPGI and Control interno only.

The rule for «public» lives in plan/selectors.py (es_publico, planes_publicados,
actividades_publicas, evidencias_publicas); the staff downloads of an unpublished
plan are decided in plan/permisos.py. The grid: every role × a published and an
unpublished plan × PDF and XLSX, read back.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from plan import permisos, selectors
from plan.models import Actividad, Evidencia, Plan
from plan.tests.fabricas import crear_plan_grande
from tests.ayudas import PDF_FALSO

MARCA = "SECRETO-PLAN-2023"


@pytest.fixture
def sin_pdf(monkeypatch):
    """The permission is decided before rendering: a stub instead of WeasyPrint."""
    monkeypatch.setattr("nucleo.documentos.pdf_desde_html", lambda html, *, base_url: PDF_FALSO)


@pytest.fixture
def plan_2023(plan_2022, alicia) -> Plan:
    plan = crear_plan_grande(actividades=3, vigencia=2023, oficinas=2, usuario=alicia)
    Plan.objects.filter(pk=plan.pk).update(publicado=False, titulo=MARCA)
    return Plan.objects.get(pk=plan.pk)


@pytest.fixture
def sin_rol(plan_2022):
    return get_user_model().objects.create_user("sin-rol", password="clave-de-prueba")


@pytest.fixture
def superusuario(plan_2022):
    return get_user_model().objects.create_superuser("raiz", password="clave-de-prueba")


@pytest.fixture
def anonimo():
    return None


# Who gets the document: 200, 302 (to the login page), 403 or 404.
ESPERADO = {
    # persona: (published 2022, unpublished 2023)
    "anonimo": (302, 404),
    "sin_rol": (403, 404),
    "bruno": (200, 404),  # an office
    "diana": (200, 200),  # Control interno
    "alicia": (200, 200),  # OPGI
    "superusuario": (200, 200),
}


@pytest.mark.parametrize("formato", ["pdf", "xlsx"])
@pytest.mark.parametrize("vigencia", [2022, 2023])
@pytest.mark.parametrize("persona", list(ESPERADO))
def test_solo_opgi_y_control_interno_descargan_el_documento_de_un_plan_sin_publicar(
    request, client, sin_pdf, plan_2023, persona, vigencia, formato
):
    usuario = request.getfixturevalue(persona)
    if usuario is not None:
        client.force_login(usuario)
    url = f"/informes/plan/alcaldia-de-pasto-paac-{vigencia}.{formato}"

    respuesta = client.get(url)

    esperado = ESPERADO[persona][vigencia == 2023]
    assert respuesta.status_code == esperado, (persona, url)
    if esperado == 302:
        assert respuesta["Location"] == f"/cuentas/login/?next={url}"
    if esperado != 200:
        assert MARCA not in respuesta.content.decode("utf-8", errors="replace")
    elif formato == "xlsx":
        libro = load_workbook(io.BytesIO(respuesta.content), read_only=True)
        textos = " ".join(
            str(valor)
            for hoja in libro.worksheets
            for fila in hoja.iter_rows(values_only=True)
            for valor in fila
            if valor is not None
        )
        assert (MARCA in textos) == (vigencia == 2023)


def test_una_oficina_no_ve_el_enlace_al_documento_de_un_plan_sin_publicar(
    client, bruno, plan_2023, sin_pdf
):
    """The office's dashboard of the 2023 plan links its own report, not the plan document."""
    client.force_login(bruno)

    html = client.get("/oficina/educacion/?vigencia=2023").content.decode()

    assert "/informes/plan/alcaldia-de-pasto-paac-2023." not in html
    assert "/informes/oficina/educacion/alcaldia-de-pasto-paac-2023/1.pdf" in html


def test_la_regla_de_lo_publico_es_una_sola(plan_2023, alicia):
    """Plan, activities and evidence: public only through a published plan."""
    plan_2022 = Plan.objects.get(vigencia=2022)
    evidencia = Evidencia.objects.create(
        actividad=plan_2023.actividades.first(),
        descripcion="Aprobada y marcada pública, pero de un plan sin publicar",
        enlace="https://example.org/2023",
        estado=Evidencia.Estado.APROBADA,
        publica=True,
    )

    assert list(selectors.planes_publicados()) == [plan_2022]
    assert selectors.es_publico(plan_2022) and not selectors.es_publico(plan_2023)
    assert selectors.plan_publicado(slug=plan_2023.slug) is None
    assert not selectors.actividades_publicas().filter(plan=plan_2023).exists()
    assert (
        selectors.actividades_publicas().count() == Actividad.objects.filter(plan=plan_2022).count()
    )
    assert evidencia not in selectors.evidencias_publicas()
    assert permisos.puede_descargar_plan(alicia, plan_2023)
