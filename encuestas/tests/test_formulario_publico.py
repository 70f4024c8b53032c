"""The citizens' answer page: anonymous, accessible, counted once, only while open."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from encuestas import services
from encuestas.models import Respuesta

from .conftest import minimas


def _url(encuesta) -> str:
    return f"/encuestas/responder/{encuesta.codigo}/"


def _formulario(client, encuesta) -> dict:
    """The form's answers plus its one-time token, as a browser would post them."""
    respuesta = client.get(_url(encuesta))
    assert respuesta.status_code == 200
    return {"testigo": respuesta.context["testigo"], **minimas(encuesta.cuestionario)}


def test_la_pagina_es_anonima_accesible_y_no_pide_datos_personales(client, encuesta):
    respuesta = client.get(_url(encuesta))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Jornada de diálogo: calidad educativa" in html
    assert "10/08/2022" in html  # the space's date, dd/mm/aaaa
    preguntas = list(encuesta.cuestionario.preguntas.all())
    assert len(preguntas) == 8
    for pregunta in preguntas:
        assert pregunta.texto in html
    # Radio buttons and check boxes are grouped in fieldsets with a legend; texts have labels.
    assert html.count("<fieldset") == 6 and html.count("<legend>") == 6
    assert 'type="radio"' in html and 'type="checkbox"' in html and "<textarea" in html
    assert 'name="viewport"' in html and 'lang="es"' in html and 'id="contenido"' in html
    for dato in ("nombre", "correo", "telefono", "cedula", "email"):
        assert f'name="{dato}"' not in html
    # The honeypot is dialogos' field, hidden from people and from screen readers.
    assert 'class="trampa" aria-hidden="true"' in html and 'name="sitio_web"' in html


def test_responder_guarda_una_respuesta_web_y_lleva_a_gracias(client, encuesta):
    datos = _formulario(client, encuesta)
    respuesta = client.post(_url(encuesta), datos)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"/encuestas/responder/{encuesta.codigo}/gracias/"
    guardada = Respuesta.objects.get()
    assert guardada.encuesta == encuesta and guardada.canal == "web"
    assert guardada.fecha == timezone.localdate()
    assert guardada.valores.count() == 5  # the five required questions of the default
    assert "Gracias por responder" in client.get(respuesta["Location"]).content.decode()


def test_reenviar_el_mismo_formulario_no_cuenta_dos_veces(client, encuesta):
    datos = _formulario(client, encuesta)
    primera = client.post(_url(encuesta), datos)
    # A refresh (or the back button, or a double click) posts the same form again.
    segunda = client.post(_url(encuesta), datos)
    assert primera.status_code == 302
    assert segunda.status_code == 200
    assert "Ya respondió esta encuesta" in segunda.content.decode()
    assert Respuesta.objects.count() == 1
    # A new form in another browser (a new token, no cookie) is a new response.
    otro = Client()
    assert otro.post(_url(encuesta), _formulario(otro, encuesta)).status_code == 302
    assert Respuesta.objects.count() == 2


def test_el_testigo_es_de_un_solo_uso_tambien_en_el_servicio(encuesta):
    testigo = services.nuevo_testigo(encuesta)
    datos = minimas(encuesta.cuestionario)
    services.responder(encuesta=encuesta, respuestas=datos, testigo=testigo)
    with pytest.raises(services.RespuestaRepetida):
        services.responder(encuesta=encuesta, respuestas=datos, testigo=testigo)
    assert Respuesta.objects.count() == 1


def test_un_testigo_falso_o_de_otra_encuesta_se_rechaza(client, encuesta, encuesta_salud):
    datos = _formulario(client, encuesta)
    ajeno = services.nuevo_testigo(encuesta_salud)
    forjado = signing.dumps({"e": encuesta.codigo, "n": "x"}, salt="otra-sal")
    for testigo in ("", "basura", ajeno, forjado):
        respuesta = client.post(_url(encuesta), {**datos, "testigo": testigo})
        assert respuesta.status_code == 400, testigo
        assert "El formulario venció o no es válido" in respuesta.content.decode()
        assert respuesta.context["testigo"] not in ("", testigo)  # a fresh token to try again
    assert not Respuesta.objects.exists()


def test_un_testigo_de_hace_mas_de_un_dia_vencio(encuesta):
    testigo = services.nuevo_testigo(encuesta)
    despues = time.time() + services.VIGENCIA_TESTIGO + 60
    with (
        mock.patch("django.core.signing.time.time", return_value=despues),
        pytest.raises(ValidationError, match="venció"),
    ):
        services.responder(
            encuesta=encuesta, respuestas=minimas(encuesta.cuestionario), testigo=testigo
        )
    assert not Respuesta.objects.exists()


def test_una_encuesta_cerrada_muestra_el_aviso_y_no_recibe(client, encuesta, alicia):
    datos = _formulario(client, encuesta)
    ahora = timezone.now()
    services.editar_encuesta(
        usuario=alicia,
        encuesta=encuesta,
        cuestionario=encuesta.cuestionario,
        abre_en=ahora - timedelta(days=10),
        cierra_en=ahora - timedelta(minutes=1),
    )
    pagina = client.get(_url(encuesta))
    assert pagina.status_code == 200
    assert "Esta encuesta está cerrada" in pagina.content.decode()
    assert 'name="testigo"' not in pagina.content.decode()
    enviada = client.post(_url(encuesta), datos)
    assert enviada.status_code == 409
    assert not Respuesta.objects.exists()
    encuesta.refresh_from_db()
    with pytest.raises(ValidationError, match="no está abierta"):
        services.responder(
            encuesta=encuesta, respuestas=datos, testigo=services.nuevo_testigo(encuesta)
        )


def test_una_encuesta_por_abrir_dice_cuando_abre(client, encuesta, alicia):
    abre = timezone.localtime() + timedelta(days=2)
    services.editar_encuesta(
        usuario=alicia,
        encuesta=encuesta,
        cuestionario=encuesta.cuestionario,
        abre_en=abre,
        cierra_en=abre + timedelta(days=1),
    )
    html = client.get(_url(encuesta)).content.decode()
    assert f"Abre el {abre:%d/%m/%Y} a las {abre:%H:%M}" in html
    assert client.post(_url(encuesta), minimas(encuesta.cuestionario)).status_code == 409
    assert not Respuesta.objects.exists()


def test_la_encuesta_de_un_espacio_cancelado_no_recibe(client, encuesta):
    datos = _formulario(client, encuesta)
    espacio = encuesta.espacio
    espacio.estado, espacio.motivo_cancelacion = "cancelado", "Lluvias"
    espacio.save()
    assert "El espacio fue cancelado" in client.get(_url(encuesta)).content.decode()
    assert client.post(_url(encuesta), datos).status_code == 409
    assert not Respuesta.objects.exists()


def test_el_campo_trampa_lleno_no_guarda_nada(client, encuesta):
    datos = {**_formulario(client, encuesta), "sitio_web": "http://spam.example"}
    respuesta = client.post(_url(encuesta), datos)
    assert respuesta.status_code == 400
    assert "Deje este campo vacío" in respuesta.content.decode()
    assert not Respuesta.objects.exists()


def test_limite_de_envios_por_ip(client, encuesta, settings):
    settings.ENCUESTAS_LIMITE_RESPUESTAS = "3/h"
    for _ in range(3):
        client.cookies.clear()  # a new browser each time, the same connection
        assert client.post(_url(encuesta), _formulario(client, encuesta)).status_code == 302
    client.cookies.clear()
    excedida = client.post(_url(encuesta), _formulario(client, encuesta))
    assert excedida.status_code == 429
    assert "demasiadas respuestas desde su conexión" in excedida.content.decode()
    assert Respuesta.objects.count() == 3
    # Another connection (IP) still may answer.
    otra = client.post(_url(encuesta), _formulario(client, encuesta), REMOTE_ADDR="10.0.0.7")
    assert otra.status_code == 302 and Respuesta.objects.count() == 4


def test_codigo_inexistente_da_404(client, db):
    assert client.get("/encuestas/responder/noexiste23/").status_code == 404


def test_la_pagina_publica_lista_las_abiertas(client, encuesta, encuesta_salud, alicia):
    ahora = timezone.now()
    services.editar_encuesta(
        usuario=alicia,
        encuesta=encuesta_salud,
        cuestionario=encuesta_salud.cuestionario,
        abre_en=ahora - timedelta(days=5),
        cierra_en=ahora - timedelta(days=1),
    )
    html = client.get("/encuestas/").content.decode()
    assert _url(encuesta) in html
    assert _url(encuesta_salud) not in html
