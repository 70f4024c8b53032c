"""Fixed query counts: the reports' selectors and downloads, and the pages, run the same
number of queries with the known data set and with several times more of it."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from nucleo import documentos
from plan.models import Plan
from resultados import selectors, services
from resultados.tests.datos import HOY, mas_datos
from tests.ayudas import PDF_FALSO

# Their hearings and spaces are held in Pasto's comunas and corregimientos (a fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territorios_pasto")]

MUCHOS = [False, True]
IDS = ["pocos", "muchos"]

# The selectors: pinned (a change of count is a decision, not an accident).
CONSULTAS_AUDIENCIA = 12
CONSULTAS_ESTRATEGIA = 14

# Download or page → queries for the visitor (anonymous for the public ones, OPGI for
# the staff ones, whose count includes the session, the user and its role). A public
# download reads the row of the published report and serves its frozen file.
CONSULTAS_URL = {
    "inicio": 1,
    "audiencia.pdf": 1,
    "audiencia.xlsx": 1,
    "estrategia.pdf": 1,
    "estrategia.xlsx": 1,
}
CONSULTAS_GESTION = {
    "gestion": 5,
    "audiencia_borrador.xlsx": 4 + CONSULTAS_AUDIENCIA,
    "estrategia_borrador.xlsx": 4 + CONSULTAS_ESTRATEGIA,
}


@pytest.fixture
def datos_de(alicia, bruno, datos):
    def preparar(muchos: bool):
        if muchos:
            mas_datos(alicia, bruno, datos)
        services.publicar_informe_audiencia(espacio=datos.publica, usuario=alicia)
        services.publicar_informe_resultados(
            plan=Plan.objects.get(slug="alcaldia-de-pasto-paac-2022"), usuario=alicia
        )
        return datos

    return preparar


@pytest.mark.parametrize("muchos", MUCHOS, ids=IDS)
def test_el_informe_de_la_audiencia_hace_las_consultas_fijadas(
    datos_de, django_assert_num_queries, muchos
):
    datos = datos_de(muchos)
    with django_assert_num_queries(CONSULTAS_AUDIENCIA):
        informe = selectors.informe_audiencia(espacio=datos.publica, hoy=HOY)
    assert informe.preguntas.recibidas == (20 if muchos else 5)


@pytest.mark.parametrize("muchos", MUCHOS, ids=IDS)
def test_el_informe_de_la_estrategia_hace_las_consultas_fijadas(
    plan_2022, datos_de, django_assert_num_queries, muchos
):
    datos_de(muchos)
    with django_assert_num_queries(CONSULTAS_ESTRATEGIA):
        informe = selectors.informe_estrategia(plan=plan_2022, hoy=HOY)
    assert len(informe.audiencias) == (7 if muchos else 2)


def _urls(datos) -> dict[str, str]:
    pk = datos.publica.pk
    return {
        "inicio": reverse("resultados:inicio"),
        "audiencia.pdf": reverse("resultados:audiencia", args=[pk, "pdf"]),
        "audiencia.xlsx": reverse("resultados:audiencia", args=[pk, "xlsx"]),
        "estrategia.pdf": reverse(
            "resultados:estrategia", args=["alcaldia-de-pasto-paac-2022", "pdf"]
        ),
        "estrategia.xlsx": reverse(
            "resultados:estrategia", args=["alcaldia-de-pasto-paac-2022", "xlsx"]
        ),
        "gestion": reverse("resultados:gestion"),
        "audiencia_borrador.xlsx": reverse("resultados:audiencia_borrador", args=[pk, "xlsx"]),
        "estrategia_borrador.xlsx": reverse(
            "resultados:estrategia_borrador", args=["alcaldia-de-pasto-paac-2022", "xlsx"]
        ),
    }


@pytest.mark.parametrize("muchos", MUCHOS, ids=IDS)
@pytest.mark.parametrize("nombre", list(CONSULTAS_URL))
def test_cada_descarga_publica_hace_las_consultas_fijadas(
    datos_de, django_assert_num_queries, muchos, nombre
):
    url = _urls(datos_de(muchos))[nombre]
    cliente = Client()
    with (
        mock.patch.object(documentos, "pdf_desde_html", return_value=PDF_FALSO),
        django_assert_num_queries(CONSULTAS_URL[nombre]),
    ):
        assert cliente.get(url).status_code == 200


@pytest.mark.parametrize("muchos", MUCHOS, ids=IDS)
@pytest.mark.parametrize("nombre", list(CONSULTAS_GESTION))
def test_cada_pagina_de_gestion_hace_las_consultas_fijadas(
    alicia, datos_de, django_assert_num_queries, muchos, nombre
):
    url = _urls(datos_de(muchos))[nombre]
    cliente = Client()
    cliente.force_login(alicia)
    with django_assert_num_queries(CONSULTAS_GESTION[nombre]):
        assert cliente.get(url).status_code == 200
