"""Issue 10, finding 3: dates that cannot break pages.

A space dated 9999-12-31 from 23:00 to 23:59 made the schedule, the iCal feed,
the open data, the staff lists and the admin answer 500 for good on
PostgreSQL (the POST itself 500ed on SQLite). Every date of dialogos now lies
between 01/01/2000 and 31/12/2100: the forms say so in Spanish, the services
and models refuse it, the database refuses it, and the pages render a value
stored at the very bound.
"""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dialogos import services
from dialogos.models import Compromiso, EspacioDialogo, InformeRespuestas, Pregunta
from dialogos.tests.conftest import BOGOTA
from nucleo.fechas import MENSAJE_RANGO
from plan.models import Responsable

ESPACIO_LEJANO = {
    "tipo": "jornada_tematica",
    "titulo": "Jornada del año 9999",
    "oficinas": [],
    "fecha": "9999-12-31",
    "hora_inicio": "23:00",
    "hora_fin": "23:59",
    "lugar": "Casa de la Cultura",
}


@pytest.mark.parametrize("usuario", ["alicia", "bruno"])
def test_far_future_space_date_is_refused_with_a_spanish_message(client, db, request, usuario):
    # `db` is named so that pytest-django orders this test with the other database tests
    # (a fixture fetched with getfixturevalue is not seen when it sorts them).
    persona = request.getfixturevalue(usuario)
    client.force_login(persona)
    educacion = Responsable.objects.get(slug="educacion")
    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/", {**ESPACIO_LEJANO, "oficinas": [educacion.pk]}
    )
    assert respuesta.status_code == 400
    assert MENSAJE_RANGO in respuesta.content.decode()
    assert not EspacioDialogo.objects.exists()


def test_too_old_space_date_is_refused_too(client, alicia):
    client.force_login(alicia)
    educacion = Responsable.objects.get(slug="educacion")
    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/",
        {**ESPACIO_LEJANO, "fecha": "1899-01-01", "oficinas": [educacion.pk]},
    )
    assert respuesta.status_code == 400
    assert MENSAJE_RANGO in respuesta.content.decode()


def test_far_dates_are_refused_on_every_dialogos_form(client, alicia, crear_espacio):
    client.force_login(alicia)
    espacio = crear_espacio(realizado=True)
    educacion = Responsable.objects.get(slug="educacion")

    compromiso = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/compromisos/",
        {
            "descripcion": "Pintar la escuela",
            "responsable": educacion.pk,
            "fecha_limite": "9999-12-31",
        },
    )
    pregunta = client.post(
        "/dialogos/gestion/preguntas/nueva/",
        {"texto": "¿Hola?", "acepta_datos": "on", "recibida_el": "1900-01-01"},
    )
    informe = client.post(
        "/dialogos/gestion/informes/",
        {
            "titulo": "Informe",
            "desde": "2022-01-01",
            "hasta": "9999-12-31",
            "publicado_el": "2022-07-01",
        },
    )
    alcance = client.get(
        "/dialogos/gestion/informes/descargar/",
        {"desde": "2022-01-01", "hasta": "9999-12-31", "formato": "xlsx"},
    )
    for respuesta in (compromiso, pregunta, informe, alcance):
        assert respuesta.status_code == 400
        assert MENSAJE_RANGO in respuesta.content.decode()
    assert not Compromiso.objects.exists()
    assert not Pregunta.objects.exists()
    assert not InformeRespuestas.objects.exists()


def test_services_refuse_far_dates_when_called_directly(alicia, crear_espacio):
    espacio = crear_espacio(realizado=True)
    with pytest.raises(ValidationError) as error:
        services.programar_espacio(
            usuario=alicia,
            tipo="jornada_tematica",
            titulo="Lejana",
            oficinas=list(Responsable.objects.filter(slug="educacion")),
            inicio=datetime(2101, 1, 1, 9, tzinfo=BOGOTA),
            fin=datetime(2101, 1, 1, 10, tzinfo=BOGOTA),
            lugar="Casa",
        )
    assert MENSAJE_RANGO in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.agregar_compromiso(
            espacio=espacio,
            usuario=alicia,
            descripcion="Algo",
            responsable=Responsable.objects.get(slug="educacion"),
            fecha_limite=date(9999, 12, 31),
        )
    assert MENSAJE_RANGO in str(error.value)


def test_the_database_refuses_out_of_range_dates(crear_espacio, crear_pregunta):
    espacio = crear_espacio()
    pregunta = crear_pregunta()
    lejos = datetime(2101, 1, 1, 9, tzinfo=BOGOTA)
    with pytest.raises(IntegrityError), transaction.atomic():
        EspacioDialogo.objects.filter(pk=espacio.pk).update(
            inicio=lejos, fin=lejos.replace(hour=10)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Pregunta.objects.filter(pk=pregunta.pk).update(
            recibida_el=date(1999, 12, 31), vence_el=date(2000, 1, 25)
        )


@pytest.fixture
def espacio_en_el_limite(alicia, crear_pregunta):
    """A space at the last moment accepted, 31/12/2100 23:00–23:59 in Pasto."""
    espacio = services.programar_espacio(
        usuario=alicia,
        tipo="jornada_tematica",
        titulo="Jornada del fin del siglo",
        oficinas=list(Responsable.objects.filter(slug="educacion")),
        inicio=datetime(2100, 12, 31, 23, 0, tzinfo=BOGOTA),
        fin=datetime(2100, 12, 31, 23, 59, tzinfo=BOGOTA),
        lugar="Plaza de Nariño",
    )
    services.programar_espacio(
        usuario=alicia,
        tipo="jornada_tematica",
        titulo="Jornada del comienzo del siglo",
        oficinas=list(Responsable.objects.filter(slug="educacion")),
        inicio=datetime(2000, 1, 1, 0, 0, tzinfo=BOGOTA),
        fin=datetime(2000, 1, 1, 1, 0, tzinfo=BOGOTA),
        lugar="Plaza de Nariño",
    )
    return espacio


def test_pages_render_with_a_space_at_the_date_bounds(client, alicia, espacio_en_el_limite):
    publicas = [
        "/dialogos/",
        "/dialogos/?mes=2100-12",
        "/dialogos/?mes=9999-12",
        "/dialogos/calendario.ics",
        f"/dialogos/espacios/{espacio_en_el_limite.pk}/",
        f"/dialogos/espacios/{espacio_en_el_limite.pk}/calendario.ics",
        f"/dialogos/espacios/{espacio_en_el_limite.pk}/preguntar/",
        "/dialogos/cobertura/?anio=2100",
        "/datos-abiertos/espacios-de-dialogo.csv",
        "/datos-abiertos/espacios-de-dialogo.json",
        "/datos-abiertos/espacios-de-dialogo.xlsx",
    ]
    for url in publicas:
        assert client.get(url).status_code == 200, url
    assert "Jornada del fin del siglo" in client.get("/dialogos/calendario.ics").content.decode()
    client.force_login(alicia)
    internas = [
        "/dialogos/gestion/",
        "/dialogos/gestion/?mes=2100-12",
        f"/dialogos/gestion/espacios/{espacio_en_el_limite.pk}/",
        f"/dialogos/gestion/espacios/{espacio_en_el_limite.pk}/editar/",
        "/dialogos/gestion/informes/",
    ]
    for url in internas:
        assert client.get(url).status_code == 200, url
    alicia.is_superuser = alicia.is_staff = True
    alicia.save()
    for url in (
        "/admin/dialogos/espaciodialogo/",
        "/admin/dialogos/espaciodialogo/?inicio__year=2100",
        f"/admin/dialogos/espaciodialogo/{espacio_en_el_limite.pk}/change/",
    ):
        assert client.get(url).status_code == 200, url
