"""Dates that cannot break pages: every date of the plan lies in 2000-01-01..2100-12-31.

A typo such as 9999-12-31 is refused by the form with a Spanish message, by the
model (full_clean) and by the database (CheckConstraints); a window's dates lie
within its plan's vigencia ± 1 year; and a value stored at the bounds renders on
every page, report and open-data file.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nucleo import fechas
from plan.models import Actividad, Avance, Evidencia, Plan, Ventana
from plan.tests.fabricas import crear_plan_grande

MENSAJE = "La fecha debe estar entre el 01/01/2000 y el 31/12/2100."


@pytest.fixture
def superusuario(plan_2022):
    return get_user_model().objects.create_superuser("raiz", password="clave-de-prueba")


def test_una_ventana_en_el_ano_9999_se_rechaza_con_un_mensaje_en_espanol(
    client, superusuario, actividad
):
    client.force_login(superusuario)
    datos = {"actividad": actividad("1.1").pk, "inicio": "2022-02-01", "fin": "9999-12-31"}

    respuesta = client.post("/admin/plan/ventana/add/", datos)

    assert respuesta.status_code == 200  # the form again, with its errors
    assert MENSAJE in respuesta.content.decode()
    assert not Ventana.objects.filter(fin__year=9999).exists()


def test_una_ventana_fuera_de_la_vigencia_mas_o_menos_un_ano_se_rechaza(
    client, superusuario, actividad
):
    client.force_login(superusuario)
    datos = {"actividad": actividad("1.1").pk, "inicio": "2022-02-01", "fin": "2024-01-01"}

    respuesta = client.post("/admin/plan/ventana/add/", datos)

    assert respuesta.status_code == 200
    assert (
        "Las fechas de una actividad del plan 2022 deben estar entre el 01/01/2021 y el 31/12/2023."
    ) in respuesta.content.decode()
    datos["fin"] = "2023-12-31"  # the bound itself is accepted
    assert client.post("/admin/plan/ventana/add/", datos).status_code == 302


def test_una_vigencia_9999_se_rechaza_con_un_mensaje_en_espanol(client, superusuario):
    client.force_login(superusuario)
    datos = {
        "entidad": "Alcaldía Municipal de Pasto",
        "vigencia": "9999",
        "titulo": "Estrategia",
        "publicado": "on",
        "componentes-TOTAL_FORMS": "0",
        "componentes-INITIAL_FORMS": "0",
        "componentes-MIN_NUM_FORMS": "0",
        "componentes-MAX_NUM_FORMS": "1000",
    }

    respuesta = client.post("/admin/plan/plan/add/", datos)

    assert respuesta.status_code == 200
    assert "La vigencia debe ser un año entre 2000 y 2100." in respuesta.content.decode()
    assert not Plan.objects.filter(vigencia=9999).exists()


@pytest.mark.parametrize("fecha", ["9999-12-31", "0001-01-01", "2101-01-01"])
def test_un_avance_con_fecha_absurda_se_rechaza_con_un_mensaje_en_espanol(
    client, bruno, actividad, fecha
):
    client.force_login(bruno)
    educacion = actividad("1.3")

    respuesta = client.post(
        f"/actividades/{educacion.pk}/avances/",
        {"fecha": fecha, "cantidad": "1", "narrativa": "Avance con la fecha mal escrita."},
    )

    assert respuesta.status_code == 400
    assert MENSAJE in respuesta.content.decode()
    assert not educacion.avances.exists()


def test_la_base_de_datos_rechaza_fechas_fuera_de_rango(actividad, alicia):
    """Also what no form checks: an update, a bulk load, a script."""
    primera = actividad("1.1")
    casos = [
        lambda: Ventana.objects.filter(actividad=primera).update(fin=date(9999, 12, 31)),
        lambda: Ventana.objects.filter(actividad=primera).update(inicio=date(1, 1, 1)),
        lambda: Plan.objects.update(vigencia=9999),
        lambda: Avance.objects.create(
            actividad=primera, fecha=date(2101, 1, 1), cantidad=1, narrativa="x"
        ),
        lambda: Evidencia.objects.create(
            actividad=primera,
            descripcion="x",
            enlace="https://example.org/x",
            revisada_en=datetime(9999, 1, 1, tzinfo=UTC),
        ),
    ]
    for caso in casos:
        with pytest.raises(IntegrityError), transaction.atomic():
            caso()


def test_el_modelo_rechaza_fechas_fuera_de_rango(actividad):
    ventana = Ventana(actividad=actividad("1.1"), inicio=date(2022, 1, 1), fin=date(9999, 12, 31))
    with pytest.raises(ValidationError) as error:
        ventana.full_clean()
    assert MENSAJE in error.value.message_dict["fin"]


@pytest.mark.parametrize(
    ("vigencia", "borde"), [(fechas.VIGENCIA_MAXIMA, fechas.FECHA_MAXIMA), (2000, date(2000, 1, 1))]
)
def test_fechas_guardadas_en_el_borde_del_rango_no_rompen_ninguna_pagina(
    client, alicia, monkeypatch, vigencia, borde
):
    """A plan of 2100 (or 2000) with a window, a report and a corte at the bound."""
    monkeypatch.setattr("nucleo.documentos.pdf_desde_html", lambda html, *, base_url: b"%PDF-1.7")
    plan = crear_plan_grande(actividades=3, vigencia=vigencia, oficinas=2, usuario=alicia)
    actividad = Actividad.objects.filter(plan=plan).order_by("orden").first()
    Ventana.objects.filter(actividad=actividad).update(inicio=borde, fin=borde)
    Avance.objects.create(actividad=actividad, fecha=borde, cantidad=Decimal(1), narrativa="x")
    client.force_login(alicia)
    urls = [
        f"/plan/{plan.slug}/",
        f"/plan/{plan.slug}/actividades/{actividad.codigo}/",
        f"/tablero/?vigencia={vigencia}&corte={vigencia}-3",
        f"/actividades/{actividad.pk}/",
        f"/informes/plan/{plan.slug}.xlsx",
        f"/informes/plan/{plan.slug}.pdf",
        f"/informes/seguimiento/{plan.slug}/3.xlsx",
        f"/informes/seguimiento/{plan.slug}/1.xlsx",
        f"/informes/seguimiento/{plan.slug}/3/observaciones/",
        "/datos-abiertos/actividades.csv",
        "/datos-abiertos/actividades.xlsx",
        f"/datos-abiertos/planes/{plan.slug}.json",
    ]

    estados = {url: client.get(url).status_code for url in urls}

    assert estados == dict.fromkeys(urls, 200)
