"""Dates that cannot break pages (issue 10): a survey dated 9999-12-31 broke
/encuestas/gestion/ for good. Every date of a survey lies in 2000–2100 (and in its plan's
vigencia ± 1 year when its space counts for an activity), and pages render the bounds."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from encuestas import services
from encuestas.models import Cuestionario, Encuesta, Respuesta
from nucleo.fechas import MENSAJE_RANGO, momento_maximo, momento_minimo

from .conftest import crear_espacio, hora, minimas, responder_web


def _datos(espacio, cuestionario, abre: str, cierra: str) -> dict:
    return {
        "espacio": espacio.pk,
        "cuestionario": cuestionario.pk,
        "abre_en": abre,
        "cierra_en": cierra,
    }


def test_una_encuesta_con_fecha_lejana_se_rechaza_con_un_mensaje_en_espanol(
    client, bruno, espacio_educacion, predeterminado
):
    client.force_login(bruno)
    respuesta = client.post(
        "/encuestas/gestion/nueva/",
        _datos(espacio_educacion, predeterminado, "9999-12-31T10:00", "9999-12-31T23:59"),
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert html.count(MENSAJE_RANGO) >= 2  # on both fields
    assert not Encuesta.objects.exists()
    antigua = client.post(
        "/encuestas/gestion/nueva/",
        _datos(espacio_educacion, predeterminado, "1899-01-01T10:00", "2022-08-20T23:59"),
    )
    assert antigua.status_code == 400 and MENSAJE_RANGO in antigua.content.decode()
    assert client.get("/encuestas/gestion/").status_code == 200


def test_editar_una_encuesta_a_una_fecha_lejana_se_rechaza(client, bruno, encuesta):
    client.force_login(bruno)
    respuesta = client.post(
        f"/encuestas/gestion/{encuesta.pk}/editar/",
        {
            "cuestionario": encuesta.cuestionario_id,
            "abre_en": "2022-08-10T09:00",
            "cierra_en": "9999-12-31T23:59",
        },
    )
    assert respuesta.status_code == 400
    assert MENSAJE_RANGO in respuesta.content.decode()
    encuesta.refresh_from_db()
    assert encuesta.cierra_en.year < 2100


def test_la_encuesta_de_un_espacio_del_plan_va_en_su_vigencia_mas_o_menos_un_ano(
    client, alicia, actividad, predeterminado
):
    espacio = crear_espacio(
        oficinas=["educacion"],
        titulo="Audiencia de la meta 2.4",
        inicio=hora(2022, 8, 10),
        actividad=actividad("2.4"),
    )
    client.force_login(alicia)
    lejos = client.post(
        "/encuestas/gestion/nueva/",
        _datos(espacio, predeterminado, "2030-01-01T09:00", "2030-02-01T09:00"),
    )
    assert lejos.status_code == 400
    assert "El espacio cuenta para el plan 2022: la encuesta se aplica entre 2021 y 2023." in (
        lejos.content.decode()
    )
    cerca = client.post(
        "/encuestas/gestion/nueva/",
        _datos(espacio, predeterminado, "2022-08-10T09:00", "2023-01-31T23:59"),
    )
    assert cerca.status_code == 302


def test_la_base_de_datos_rechaza_una_fecha_fuera_de_rango(encuesta):
    lejana = datetime(9999, 12, 31, 12, 0, tzinfo=timezone.get_fixed_timezone(0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Encuesta.objects.filter(pk=encuesta.pk).update(cierra_en=lejana)
    respuesta = responder_web(encuesta, minimas(encuesta.cuestionario))
    with pytest.raises(IntegrityError), transaction.atomic():
        Respuesta.objects.filter(pk=respuesta.pk).update(fecha=date(9999, 12, 31))


def test_las_paginas_muestran_una_encuesta_en_los_extremos_del_rango(
    client, alicia, predeterminado
):
    encuesta = services.crear_encuesta(
        usuario=alicia,
        cuestionario=predeterminado,
        titulo="Encuesta en los extremos",
        abre_en=momento_minimo(),
        cierra_en=momento_maximo() - timedelta(minutes=1),
    )
    responder_web(encuesta, minimas(encuesta.cuestionario))
    services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    client.force_login(alicia)
    for url in (
        "/encuestas/gestion/",
        f"/encuestas/gestion/{encuesta.pk}/",
        f"/encuestas/gestion/{encuesta.pk}/editar/",
        f"/encuestas/gestion/{encuesta.pk}/resultados/",
        f"/encuestas/gestion/{encuesta.pk}/papel/?fecha=9999-12-31",
        "/encuestas/gestion/resultados/?desde=2000-01-01&hasta=2100-12-31",
        "/encuestas/gestion/resultados/?desde=0001-01-01&hasta=9999-12-31",
        f"/encuestas/responder/{encuesta.codigo}/",
        f"/encuestas/resultados/{encuesta.codigo}/",
        "/encuestas/",
        "/datos-abiertos/encuestas-resultados.csv",
    ):
        assert client.get(url).status_code == 200, url
    html = client.get(f"/encuestas/gestion/{encuesta.pk}/").content.decode()
    assert "31/12/2100" in html


@pytest.mark.django_db(transaction=True)
def test_la_migracion_trae_dentro_del_rango_una_encuesta_de_9999():
    """A survey stored at 9999-12-31 before the constraints existed is brought inside the
    range by migration 0004 (with UPDATEs: year 10000 in UTC cannot even be read)."""
    # Its own questionnaire: an earlier transactional test may have emptied the data
    # migrations' default one.
    cuestionario = Cuestionario.objects.create(nombre="Para la migración")
    antes = [("encuestas", "0003_integridad_respuestas_web")]
    executor = MigrationExecutor(connection)
    executor.migrate(antes)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO encuestas_encuesta (codigo, cuestionario_id, titulo, abre_en, "
                "cierra_en, resultados_publicados, creada_en, maximo_por_hora) VALUES "
                "('lejana2345', %s, 'Lejana', %s, %s, %s, %s, 10)",
                [
                    cuestionario.pk,
                    datetime(9999, 12, 30, tzinfo=timezone.get_fixed_timezone(0)),
                    datetime(9999, 12, 31, tzinfo=timezone.get_fixed_timezone(0)),
                    False,
                    timezone.now(),
                ],
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())  # back to the full schema
    encuesta = Encuesta.objects.get(codigo="lejana2345")
    assert encuesta.abre_en < encuesta.cierra_en < momento_maximo()
