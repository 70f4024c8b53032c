"""nucleo.cambios.registrar: one INFO line on «rdc.cambios» with who and what."""

import logging

from django.contrib.auth.models import AnonymousUser

from nucleo import cambios
from plan.models import Actividad


def _lineas(caplog):
    return [r for r in caplog.records if r.name == "rdc.cambios"]


def test_un_cambio_deja_una_linea_info_con_usuario_objeto_y_detalles(caplog, alicia, actividad):
    objeto = actividad("1.1")
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        cambios.registrar("actividad.revisada", usuario=alicia, objeto=objeto, anterior="x")
    [linea] = _lineas(caplog)
    assert linea.levelno == logging.INFO
    mensaje = linea.getMessage()
    assert "cambio=actividad.revisada" in mensaje
    assert f"usuario=alicia ({alicia.pk})" in mensaje
    assert f"objeto=plan.actividad {objeto.pk}" in mensaje
    assert mensaje.endswith("anterior=x")


def test_un_cambio_de_un_visitante_anonimo_se_registra_como_ciudadano(caplog, plan_2022):
    objeto = Actividad.objects.first()
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        cambios.registrar("pregunta.recibida", usuario=AnonymousUser(), objeto=objeto)
        cambios.registrar("pregunta.recibida", usuario=None, objeto=objeto)
    assert [r.getMessage().split()[1] for r in _lineas(caplog)] == ["usuario=ciudadano"] * 2
