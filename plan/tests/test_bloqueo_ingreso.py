"""Repeated failed logins lock that username out from that IP for a while (django-axes)."""


def _intentar(client, usuario, clave, ip="10.0.0.7"):
    return client.post("/cuentas/login/", {"username": usuario, "password": clave}, REMOTE_ADDR=ip)


def test_cinco_intentos_fallidos_bloquean_incluso_la_clave_correcta(client, bruno, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _intentar(client, "bruno", "no-es-la-clave")

    respuesta = _intentar(client, "bruno", "clave-de-prueba")

    assert respuesta.status_code == 429
    assert "Ingreso bloqueado temporalmente" in respuesta.content.decode()
    assert "_auth_user_id" not in client.session


def test_el_bloqueo_no_afecta_a_otro_usuario_ni_a_otra_conexion(client, bruno, carla, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _intentar(client, "bruno", "no-es-la-clave")

    assert _intentar(client, "carla", "clave-de-prueba").status_code == 302
    client.logout()
    assert _intentar(client, "bruno", "clave-de-prueba", ip="10.0.0.8").status_code == 302


def test_un_ingreso_correcto_borra_los_intentos_fallidos(client, bruno, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _intentar(client, "bruno", "no-es-la-clave")
    assert _intentar(client, "bruno", "clave-de-prueba").status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _intentar(client, "bruno", "no-es-la-clave")

    assert _intentar(client, "bruno", "clave-de-prueba").status_code == 302
