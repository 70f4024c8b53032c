"""A survey's states live on the model: publication is a transition table (publicar /
retirar, logged once per change); «por abrir / abierta / cerrada / cancelada» are named
properties derived from its dates and its space, which templates and services read."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogos.models import EspacioDialogo
from encuestas import services


def test_la_encuesta_sabe_si_esta_por_abrir_abierta_o_cerrada(encuesta):
    ahora = timezone.now()
    assert encuesta.esta_abierta and not encuesta.esta_por_abrir and not encuesta.esta_cerrada
    assert encuesta.situacion() == "Abierta"
    antes = encuesta.abre_en - timedelta(minutes=1)
    assert encuesta.por_abrir(antes) and encuesta.situacion(antes) == "Por abrir"
    despues = encuesta.cierra_en
    assert encuesta.cerrada(despues) and encuesta.situacion(despues) == "Cerrada"
    assert not encuesta.cancelada and encuesta.abierta(ahora)


def test_la_encuesta_de_un_espacio_cancelado_queda_cerrada_y_lo_dice(client, encuesta):
    EspacioDialogo.objects.filter(pk=encuesta.espacio_id).update(
        estado=EspacioDialogo.Estado.CANCELADO, motivo_cancelacion="Lluvia."
    )
    encuesta.espacio.refresh_from_db()
    assert encuesta.cancelada and encuesta.esta_cerrada and not encuesta.esta_abierta
    assert not encuesta.por_abrir(encuesta.abre_en - timedelta(days=1))
    pagina = client.get(f"/encuestas/responder/{encuesta.codigo}/").content.decode()
    assert "El espacio fue cancelado" in pagina


def test_publicar_y_retirar_son_transiciones_registradas_una_vez(encuesta, alicia, caplog):
    assert encuesta.puede_publicarse and not encuesta.puede_retirarse
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    encuesta.refresh_from_db()
    assert encuesta.resultados_publicados and encuesta.estado == encuesta.PUBLICADOS
    assert encuesta.puede_retirarse and not encuesta.puede_publicarse
    lineas = [r.getMessage() for r in caplog.records if r.name == "rdc.cambios"]
    assert len(lineas) == 1 and "cambio=encuesta.resultados_publicados" in lineas[0]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=False)
    encuesta.refresh_from_db()
    assert not encuesta.resultados_publicados and encuesta.publicados_en is None
    assert [r.getMessage() for r in caplog.records if r.name == "rdc.cambios"][0].startswith(
        "cambio=encuesta.resultados_retirados"
    )


def test_publicar_dos_veces_se_rechaza_con_un_mensaje(client, encuesta, alicia):
    services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    publicados_en = type(encuesta).objects.get(pk=encuesta.pk).publicados_en
    with pytest.raises(ValidationError, match="ya están publicados"):
        services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    # A stale page posting again: redirected with the message, nothing changed.
    client.force_login(alicia)
    respuesta = client.post(
        f"/encuestas/gestion/{encuesta.pk}/publicacion/",
        {"publicar": "1", "confirmado": "1"},
        follow=True,
    )
    assert "ya están publicados" in respuesta.content.decode()
    assert type(encuesta).objects.get(pk=encuesta.pk).publicados_en == publicados_en
