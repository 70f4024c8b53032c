"""Login lockouts count the client behind the proxy, per account and per address.

Behind the reverse proxy every request has the proxy's REMOTE_ADDR; the client's
address arrives in X-Real-IP (IP_CLIENTE_ENCABEZADO=HTTP_X_REAL_IP).
"""

import pytest
from django.test import RequestFactory

from nucleo.acceso import ip_cliente

PROXY = "10.0.0.1"


@pytest.fixture
def detras_del_proxy(settings):
    settings.IP_CLIENTE_ENCABEZADO = "HTTP_X_REAL_IP"


def _ingresar(client, usuario, clave, *, ip_real):
    return client.post(
        "/cuentas/login/",
        {"username": usuario, "password": clave},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP=ip_real,
    )


def test_fallos_de_un_cliente_no_bloquean_a_la_misma_cuenta_desde_otro_cliente_tras_el_proxy(
    client, alicia, settings, detras_del_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _ingresar(client, "alicia", "no-es-la-clave", ip_real="203.0.113.66")
    assert _ingresar(client, "alicia", "clave-de-prueba", ip_real="203.0.113.66").status_code == 429

    respuesta = _ingresar(client, "alicia", "clave-de-prueba", ip_real="198.51.100.7")

    assert respuesta.status_code == 302
    assert "_auth_user_id" in client.session


def test_rociar_contrasenas_sobre_muchas_cuentas_desde_una_ip_se_bloquea_antes_de_30(
    client, plan_2022, settings, detras_del_proxy
):
    assert settings.AXES_FALLOS_POR_IP < 30
    respuestas = [
        _ingresar(client, f"usuario{n}", "Verano2026!", ip_real="203.0.113.66") for n in range(30)
    ]

    estados = [r.status_code for r in respuestas]
    primera_rechazada = estados.index(429)
    assert primera_rechazada <= settings.AXES_FALLOS_POR_IP
    assert set(estados[primera_rechazada:]) == {429}
    assert "Ingreso bloqueado temporalmente" in respuestas[-1].content.decode()
    # Another client behind the same proxy still reaches the form.
    assert _ingresar(client, "usuario0", "x", ip_real="198.51.100.7").status_code == 200


def test_el_limite_por_ip_tambien_rechaza_la_clave_correcta_de_otra_cuenta(
    client, bruno, settings, detras_del_proxy
):
    for n in range(settings.AXES_FALLOS_POR_IP):
        _ingresar(client, f"usuario{n}", "x", ip_real="203.0.113.66")

    assert _ingresar(client, "bruno", "clave-de-prueba", ip_real="203.0.113.66").status_code == 429
    assert "_auth_user_id" not in client.session


def test_ip_cliente_lee_el_encabezado_del_proxy_y_desconfia_de_valores_raros(settings):
    fabrica = RequestFactory()
    settings.IP_CLIENTE_ENCABEZADO = "HTTP_X_REAL_IP"
    assert ip_cliente(fabrica.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.5")) == (
        "203.0.113.5"
    )
    # Without the header (or with garbage in it) the proxy's own address is used.
    assert ip_cliente(fabrica.get("/", REMOTE_ADDR=PROXY)) == PROXY
    assert ip_cliente(fabrica.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="<script>")) == PROXY
    # In a list header the last entry is the one our proxy wrote.
    settings.IP_CLIENTE_ENCABEZADO = "HTTP_X_FORWARDED_FOR"
    peticion = fabrica.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert ip_cliente(peticion) == "203.0.113.9"
    settings.IP_CLIENTE_ENCABEZADO = "REMOTE_ADDR"
    assert ip_cliente(fabrica.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="1.2.3.4")) == PROXY


def test_los_limites_de_formularios_publicos_usan_la_misma_ip_que_los_bloqueos(settings):
    from django_ratelimit.core import _get_ip

    settings.IP_CLIENTE_ENCABEZADO = "HTTP_X_REAL_IP"
    peticion = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.5")
    assert _get_ip(peticion) == "203.0.113.5"


@pytest.mark.parametrize("variable", ["IP_CLIENTE_ENCABEZADO", "RATELIMIT_IP_META_KEY"])
def test_una_sola_variable_de_entorno_elige_el_encabezado_de_la_ip(variable):
    import subprocess
    import sys
    from pathlib import Path

    codigo = "import pasto_rdc.settings as s; print(s.IP_CLIENTE_ENCABEZADO)"
    resultado = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=Path(__file__).resolve().parent.parent,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", variable: "HTTP_X_REAL_IP"},
        capture_output=True,
        text=True,
    )
    assert resultado.stdout.strip() == "HTTP_X_REAL_IP", resultado.stderr
