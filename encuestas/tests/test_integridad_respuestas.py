"""Survey integrity (issue 10): one browser counts once, one address cannot fill meta 3.1
alone, and the address itself is never stored."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from encuestas import reglas, services
from encuestas.models import MAXIMO_POR_HORA, Encuesta, Respuesta

from .conftest import abierta_ahora, minimas


def _url(encuesta) -> str:
    return f"/encuestas/responder/{encuesta.codigo}/"


def _formulario(client, encuesta) -> dict:
    pagina = client.get(_url(encuesta))
    assert pagina.status_code == 200
    return {"testigo": pagina.context["testigo"], **minimas(encuesta.cuestionario)}


def test_volver_atras_despues_de_gracias_no_cuenta_dos_veces(client, encuesta, alicia):
    services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    enviada = client.post(_url(encuesta), _formulario(client, encuesta), follow=True)
    assert "¡Gracias por responder!" in enviada.content.decode()
    # Back: the browser fetches the form again; it gets «ya respondió», not a fresh token.
    atras = client.get(_url(encuesta))
    html = atras.content.decode()
    assert atras.status_code == 200
    assert "Ya respondió esta encuesta" in html
    assert 'name="testigo"' not in html
    assert f"/encuestas/resultados/{encuesta.codigo}/" in html  # results are published
    # A form with a token never used (another tab opened earlier) is not counted either.
    otro = {"testigo": services.nuevo_testigo(encuesta), **minimas(encuesta.cuestionario)}
    reenviada = client.post(_url(encuesta), otro)
    assert reenviada.status_code == 200
    assert "Ya respondió esta encuesta" in reenviada.content.decode()
    assert Respuesta.objects.count() == 1
    # Another browser (another person at the same event) still answers.
    assert Client().post(_url(encuesta), _formulario(Client(), encuesta)).status_code == 302
    assert Respuesta.objects.count() == 2


def test_testigo_usado_con_respuestas_en_blanco_no_recibe_un_testigo_nuevo(client, encuesta):
    datos = _formulario(client, encuesta)
    assert client.post(_url(encuesta), datos).status_code == 302
    client.cookies.clear()  # a browser that keeps no cookies: only the token remains
    en_blanco = client.post(_url(encuesta), {"testigo": datos["testigo"]})
    assert en_blanco.status_code == 200
    assert "Ya respondió esta encuesta" in en_blanco.content.decode()
    assert 'name="testigo"' not in en_blanco.content.decode()
    client.cookies.clear()
    assert client.post(_url(encuesta), datos).status_code == 200
    assert Respuesta.objects.count() == 1


def test_un_error_de_validacion_devuelve_el_mismo_testigo(client, encuesta):
    datos = _formulario(client, encuesta)
    con_error = client.post(_url(encuesta), {"testigo": datos["testigo"]})
    assert con_error.status_code == 400
    assert "Esta pregunta es obligatoria." in con_error.content.decode()
    # The same one-time token comes back, so this form still counts only once.
    assert con_error.context["testigo"] == datos["testigo"]
    assert client.post(_url(encuesta), datos).status_code == 302
    client.cookies.clear()
    assert client.post(_url(encuesta), datos).status_code == 200
    assert Respuesta.objects.count() == 1


def test_una_sola_conexion_no_llena_la_meta_31(encuesta, alicia):
    """60 valid answers from one client in 3 s met meta 3.1 alone: now 10 per hour."""
    assert encuesta.maximo_por_hora == MAXIMO_POR_HORA == 10
    for _ in range(MAXIMO_POR_HORA):
        navegador = Client()  # a new browser each time (no cookie), the same address
        assert navegador.post(_url(encuesta), _formulario(navegador, encuesta)).status_code == 302
    navegador = Client()
    excedida = navegador.post(_url(encuesta), _formulario(navegador, encuesta))
    assert excedida.status_code == 429
    html = excedida.content.decode()
    assert "ya se enviaron 10 respuestas a esta encuesta en la última hora" in html
    assert "su respuesta no se guardó" in html
    assert Respuesta.objects.count() == MAXIMO_POR_HORA
    # Another address still answers.
    otra = Client(REMOTE_ADDR="198.51.100.20")
    assert otra.post(_url(encuesta), _formulario(otra, encuesta)).status_code == 302
    # For an in-person event the organisers raise the cap, then the venue's Wi-Fi answers.
    services.editar_encuesta(
        usuario=alicia,
        encuesta=encuesta,
        cuestionario=encuesta.cuestionario,
        abre_en=encuesta.abre_en,
        cierra_en=encuesta.cierra_en,
        maximo_por_hora=200,
    )
    navegador = Client()
    assert navegador.post(_url(encuesta), _formulario(navegador, encuesta)).status_code == 302
    assert Respuesta.objects.count() == MAXIMO_POR_HORA + 2


def test_el_tope_por_hora_se_aplica_en_el_servicio(encuesta):
    for _ in range(MAXIMO_POR_HORA):
        services.responder(
            encuesta=encuesta,
            respuestas=minimas(encuesta.cuestionario),
            testigo=services.nuevo_testigo(encuesta),
            ip="203.0.113.9",
        )
    with pytest.raises(services.DemasiadasRespuestas, match="no se guardó"):
        services.responder(
            encuesta=encuesta,
            respuestas=minimas(encuesta.cuestionario),
            testigo=services.nuevo_testigo(encuesta),
            ip="203.0.113.9",
        )
    assert Respuesta.objects.count() == MAXIMO_POR_HORA


def test_la_direccion_ip_nunca_se_guarda(client, encuesta, encuesta_salud):
    for cual in (encuesta, encuesta_salud):
        navegador = Client(REMOTE_ADDR="203.0.113.77")
        assert navegador.post(_url(cual), _formulario(navegador, cual)).status_code == 302
    primera, segunda = Respuesta.objects.order_by("pk")
    for respuesta in (primera, segunda):
        assert re.fullmatch(r"[0-9a-f]{32}", respuesta.origen)
        fila = " ".join(
            str(v) for v in Respuesta.objects.filter(pk=respuesta.pk).values()[0].values()
        )
        assert "203.0.113.77" not in fila
    # The same address has unlinkable pseudonyms in two surveys.
    assert primera.origen != segunda.origen


def test_el_tope_por_hora_tiene_cotas(client, alicia, espacio_educacion, predeterminado):
    client.force_login(alicia)
    for valor, mensaje in (
        ("0", "Permita al menos una respuesta por conexión y hora."),
        ("5000", "Como máximo 2000 respuestas por conexión y hora."),
        ("muchas", "Escriba un número entero."),
    ):
        respuesta = client.post(
            "/encuestas/gestion/nueva/",
            {
                "espacio": espacio_educacion.pk,
                "cuestionario": predeterminado.pk,
                "abre_en": "2022-08-10T09:00",
                "cierra_en": "2022-08-20T23:59",
                "maximo_por_hora": valor,
            },
        )
        assert respuesta.status_code == 400
        assert mensaje in respuesta.content.decode()
    assert not Encuesta.objects.exists()
    encuesta = services.crear_encuesta(
        usuario=alicia, cuestionario=predeterminado, espacio=espacio_educacion, **abierta_ahora()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Encuesta.objects.filter(pk=encuesta.pk).update(maximo_por_hora=0)


def _web(encuesta, ip: str) -> None:
    services.responder(
        encuesta=encuesta,
        respuestas=minimas(encuesta.cuestionario),
        testigo=services.nuevo_testigo(encuesta),
        ip=ip,
    )


def test_opgi_ve_las_rafagas_desde_una_misma_direccion(client, alicia, encuesta):
    """For meta 3.1 OPGI sees how many responses came in bursts from one address."""
    url = f"/encuestas/gestion/{encuesta.pk}/resultados/"
    client.force_login(alicia)
    for _ in range(4):
        _web(encuesta, "203.0.113.1")
    assert "Ninguna: ninguna conexión envió 5 o más" in client.get(url).content.decode()
    Encuesta.objects.filter(pk=encuesta.pk).update(maximo_por_hora=50)
    encuesta.refresh_from_db()
    for _ in range(3):
        _web(encuesta, "203.0.113.1")
    for _ in range(2):
        _web(encuesta, "198.51.100.2")
    pagina = client.get(url)
    html = pagina.content.decode()
    assert pagina.context["rafagas"].respuestas == 7
    assert "7</strong> de las 9 respuestas por internet llegaron en ráfagas" in html
    assert "Conexión 1" in html and "Conexión 2" not in html
    assert "203.0.113.1" not in html


def test_una_rafaga_son_cinco_en_diez_minutos():
    base = datetime(2022, 8, 10, 9, 0)
    espaciadas = [("a", base + timedelta(minutes=3 * i)) for i in range(5)]  # 12 minutes
    assert reglas.rafagas(espaciadas) == []
    juntas = [("b", base + timedelta(minutes=2 * i)) for i in range(6)]  # 10 minutes
    (rafaga,) = reglas.rafagas([*espaciadas, *juntas, ("", base)])
    assert (rafaga.respuestas, rafaga.desde, rafaga.hasta) == (
        6,
        base,
        base + timedelta(minutes=10),
    )


def test_un_evento_con_el_tope_subido_no_lo_frena_el_limite_general(encuesta, alicia, settings):
    """The venue's Wi-Fi: once the organisers raise the survey's cap, the general per-IP
    limit across surveys does not stop the event's answers; the survey's cap does."""
    settings.ENCUESTAS_LIMITE_RESPUESTAS = "3/h"
    Encuesta.objects.filter(pk=encuesta.pk).update(maximo_por_hora=MAXIMO_POR_HORA + 2)
    for _ in range(MAXIMO_POR_HORA + 2):
        navegador = Client()
        assert navegador.post(_url(encuesta), _formulario(navegador, encuesta)).status_code == 302
    navegador = Client()
    assert navegador.post(_url(encuesta), _formulario(navegador, encuesta)).status_code == 429
    assert Respuesta.objects.count() == MAXIMO_POR_HORA + 2
