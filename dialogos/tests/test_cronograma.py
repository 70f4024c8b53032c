"""The published schedule: the public page with its filters, and the iCal feeds."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from dialogos.models import EspacioDialogo
from dialogos.tests.conftest import BOGOTA, momento

Tipo = EspacioDialogo.Tipo


@pytest.fixture
def agenda(crear_espacio):
    """Two past spaces (one realised) and three upcoming (one cancelled)."""
    pronto = timezone.localtime(timezone.now()).replace(hour=9, minute=0, second=0, microsecond=0)
    return {
        "pasado": crear_espacio(
            titulo="Audiencia pública general",
            tipo=Tipo.AUDIENCIA_PUBLICA,
            codigo="2.3",
            inicio=momento(2022, 11, 25),
            realizado=True,
        ),
        "territorial": crear_espacio(
            titulo="Diálogo en Genoy",
            tipo=Tipo.ESPACIO_TERRITORIAL,
            territorio="Genoy",
            inicio=momento(2022, 6, 4),
        ),
        "proximo": crear_espacio(
            titulo="Jornada temática de movilidad",
            oficinas=("transito",),
            inicio=pronto + timedelta(days=10),
        ),
        "virtual": crear_espacio(
            titulo="Diálogo virtual con jóvenes",
            inicio=pronto + timedelta(days=3),
            lugar="",
            enlace="https://www.facebook.com/AlcaldiadePasto/live",
        ),
        "cancelado": crear_espacio(
            titulo="Audiencia de salud aplazada",
            tipo=Tipo.AUDIENCIA_SECTORIAL,
            oficinas=("salud",),
            inicio=pronto + timedelta(days=20),
            cancelado=True,
        ),
    }


def _orden(html: str, *titulos: str) -> list[int]:
    return [html.index(titulo) for titulo in titulos]


def test_cronograma_publico_proximos_y_anteriores(client, agenda):
    respuesta = client.get("/dialogos/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    proximos, anteriores = html.split('id="pasados"')
    # Upcoming: soonest first; the cancelled one stays, marked and with its reason.
    a, b, c = _orden(
        proximos,
        "Diálogo virtual con jóvenes",
        "Jornada temática de movilidad",
        "Audiencia de salud aplazada",
    )
    assert a < b < c
    assert "Paro de transporte en la ciudad." in proximos
    assert 'data-estado="cancelado"' in proximos
    # Past: latest first.
    a, b = _orden(anteriores, "Audiencia pública general", "Diálogo en Genoy")
    assert a < b
    assert "25/11/2022" in anteriores
    assert 'href="/dialogos/calendario.ics"' in html


@pytest.mark.parametrize(
    ("consulta", "aparecen", "no_aparecen"),
    [
        ("tipo=espacio_territorial", ["Diálogo en Genoy"], ["Audiencia pública general"]),
        ("territorio=genoy", ["Diálogo en Genoy"], ["Jornada temática de movilidad"]),
        ("mes=2022-11", ["Audiencia pública general"], ["Diálogo en Genoy"]),
        ("tipo=audiencia_sectorial", ["Audiencia de salud aplazada"], ["Diálogo en Genoy"]),
    ],
)
def test_filtros_del_cronograma(client, agenda, consulta, aparecen, no_aparecen):
    html = client.get(f"/dialogos/?{consulta}").content.decode()
    for titulo in aparecen:
        assert titulo in html
    for titulo in no_aparecen:
        assert titulo not in html


def test_un_filtro_mal_escrito_se_explica_y_no_filtra(client, agenda):
    respuesta = client.get("/dialogos/?mes=noviembre")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Escriba el mes con la forma aaaa-mm" in html
    assert "Diálogo en Genoy" in html and "Audiencia pública general" in html


def test_pagina_publica_de_un_espacio_realizado(client, agenda):
    html = client.get(f"/dialogos/espacios/{agenda['pasado'].pk}/").content.decode()
    assert "Audiencia pública general" in html
    assert "Se presentó el avance de la gestión" in html
    assert "Junta de Acción Comunal" in html
    assert f'href="/dialogos/espacios/{agenda["pasado"].pk}/calendario.ics"' in html
    assert f'href="/dialogos/espacios/{agenda["pasado"].pk}/preguntar/"' in html


def test_espacio_inexistente_da_404(client, db):
    assert client.get("/dialogos/espacios/999/").status_code == 404
    assert client.get("/dialogos/espacios/999/calendario.ics").status_code == 404


# --- iCal ------------------------------------------------------------------------


def _calendario(client, url) -> icalendar.Calendar:
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(respuesta.content)


def test_ical_de_todo_el_cronograma(client, agenda):
    cal = _calendario(client, "/dialogos/calendario.ics")
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Bogota"]
    eventos = {str(e["UID"]): e for e in cal.events}
    assert set(eventos) == {f"{espacio.uid}@pasto-rdc" for espacio in agenda.values()}

    pasado = eventos[f"{agenda['pasado'].uid}@pasto-rdc"]
    assert str(pasado["SUMMARY"]) == "Audiencia pública general"
    assert pasado.start == momento(2022, 11, 25)
    assert pasado.start.tzinfo.key == "America/Bogota"
    assert pasado["DTSTART"].params["TZID"] == "America/Bogota"
    assert pasado.end == momento(2022, 11, 25, 11)
    assert str(pasado["STATUS"]) == "CONFIRMED"
    assert "Casa de la Cultura" in str(pasado["LOCATION"])
    assert str(pasado["URL"]).endswith(f"/dialogos/espacios/{agenda['pasado'].pk}/")

    cancelado = eventos[f"{agenda['cancelado'].uid}@pasto-rdc"]
    assert str(cancelado["STATUS"]) == "CANCELLED"
    assert int(cancelado["SEQUENCE"]) == 1
    assert "Paro de transporte" in str(cancelado["DESCRIPTION"])

    virtual = eventos[f"{agenda['virtual'].uid}@pasto-rdc"]
    assert str(virtual["LOCATION"]) == "https://www.facebook.com/AlcaldiadePasto/live"


def test_ical_conserva_el_uid_cuando_el_espacio_cambia(client, alicia, agenda):
    from dialogos import services

    espacio = agenda["proximo"]
    antes = _calendario(client, f"/dialogos/espacios/{espacio.pk}/calendario.ics").events[0]
    services.cancelar_espacio(espacio=espacio, usuario=alicia, motivo="Cambio de agenda")
    despues = _calendario(client, f"/dialogos/espacios/{espacio.pk}/calendario.ics").events[0]
    assert str(despues["UID"]) == str(antes["UID"])
    assert int(despues["SEQUENCE"]) > int(antes["SEQUENCE"])
    assert str(despues["STATUS"]) == "CANCELLED"


def test_ical_de_un_espacio(client, agenda):
    cal = _calendario(client, f"/dialogos/espacios/{agenda['territorial'].pk}/calendario.ics")
    (evento,) = cal.events
    assert str(evento["SUMMARY"]) == "Diálogo en Genoy"
    assert "Genoy" in str(evento["LOCATION"])
    assert evento.start.astimezone(BOGOTA).hour == 9


def test_un_espacio_de_un_plan_sin_publicar_no_es_publico(client, crear_espacio, plan_2022):
    espacio = crear_espacio(titulo="Jornada del plan en preparación", codigo="2.1")
    plan_2022.publicado = False
    plan_2022.save()

    assert "Jornada del plan en preparación" not in client.get("/dialogos/").content.decode()
    assert (
        "Jornada del plan en preparación"
        not in client.get("/dialogos/calendario.ics").content.decode()
    )
    assert client.get(f"/dialogos/espacios/{espacio.pk}/").status_code == 404
