"""An official's session closes after SESION_INACTIVIDAD_MINUTOS without a request."""

import time

from nucleo import sesiones


def _inactiva_desde(client, minutos: float) -> None:
    session = client.session
    session[sesiones.CLAVE] = int(time.time() - minutos * 60)
    session.save()


def test_tras_el_tiempo_de_inactividad_hay_que_ingresar_de_nuevo(client, alicia, settings):
    settings.SESION_INACTIVIDAD_MINUTOS = 30
    client.force_login(alicia)
    assert client.get("/tablero/").status_code == 200

    _inactiva_desde(client, 31)
    respuesta = client.get("/tablero/", follow=True)

    assert respuesta.redirect_chain[0][0].startswith("/cuentas/login/")
    assert "Su sesión se cerró después de un tiempo sin actividad" in respuesta.content.decode()
    assert client.get("/tablero/").status_code == 302  # still logged out


def test_quien_sigue_usando_el_sistema_no_pierde_la_sesion(client, alicia, settings):
    settings.SESION_INACTIVIDAD_MINUTOS = 30
    client.force_login(alicia)

    _inactiva_desde(client, 29)
    assert client.get("/tablero/").status_code == 200
    # That request moved the clock: 29 more minutes later the session is still open.
    ultima = client.session[sesiones.CLAVE]
    assert time.time() - ultima < 5
    _inactiva_desde(client, 29)
    assert client.get("/tablero/").status_code == 200


def test_la_sesion_guardada_vence_con_la_inactividad_no_a_los_14_dias(client, alicia, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    settings.SESION_INACTIVIDAD_MINUTOS = 30
    client.force_login(alicia)

    guardada = Session.objects.get(session_key=client.session.session_key)
    restante = guardada.expire_date - timezone.now()
    assert timedelta(minutes=29) < restante <= timedelta(minutes=30)


def test_con_cero_minutos_no_hay_limite_de_inactividad(client, alicia, settings):
    settings.SESION_INACTIVIDAD_MINUTOS = 0
    client.force_login(alicia)
    _inactiva_desde(client, 60 * 24)
    assert client.get("/tablero/").status_code == 200
