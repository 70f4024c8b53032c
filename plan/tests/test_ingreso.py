"""Logging in and out: Spanish pages, and each role lands on its own page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from nucleo import roles

CLAVE = "clave-de-prueba"  # the password conftest.crear_usuario gives every persona


def ingresar(client, usuario: str, clave: str = CLAVE, **extra):
    return client.post("/cuentas/login/", {"username": usuario, "password": clave, **extra})


def test_la_pagina_de_ingreso_esta_en_espanol(client, entidad_pasto):
    respuesta = client.get("/cuentas/login/")

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert '<html lang="es">' in html
    assert "<title>Ingresar · Alcaldía Municipal de Pasto</title>" in html
    assert "<h1>Ingresar</h1>" in html
    assert '<button type="submit">Ingresar</button>' in html
    assert ">Nombre de usuario</label>" in html
    assert ">Contraseña</label>" in html
    assert 'href="#contenido"' in html and 'id="contenido"' in html


def test_una_clave_equivocada_muestra_un_error_en_espanol(client, bruno):
    respuesta = ingresar(client, "bruno", "clave-equivocada")

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Por favor, introduzca un nombre de usuario y clave correctos." in html
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session
    assert client.get("/oficina/educacion/").status_code == 302


def test_un_usuario_inactivo_no_puede_ingresar(client, plan_2022):
    inactivo = get_user_model().objects.create_user("inactiva", password=CLAVE, is_active=False)
    inactivo.groups.add(Group.objects.get(name=roles.OPGI))

    respuesta = ingresar(client, "inactiva")

    assert respuesta.status_code == 200
    assert "Por favor, introduzca un nombre de usuario y clave correctos." in (
        respuesta.content.decode()
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("persona", "destino"),
    [
        ("bruno", "/oficina/educacion/"),
        ("carla", "/oficina/salud/"),
        ("alicia", "/tablero/"),
        ("diana", "/tablero/"),
    ],
)
def test_cada_rol_llega_a_sus_pendientes_y_su_tablero_esta_en_mi_tablero(
    client, request, persona, destino
):
    request.getfixturevalue(persona)

    respuesta = client.post(
        "/cuentas/login/", {"username": persona, "password": CLAVE}, follow=True
    )

    assert respuesta.redirect_chain == [("/pendientes/", 302)]
    assert respuesta.status_code == 200
    assert f"Salir ({persona})" in respuesta.content.decode()
    assert client.get("/ingreso/").url == destino  # «Mi tablero» in the navigation


def test_un_usuario_sin_rol_llega_al_plan_publico(client, plan_2022):
    get_user_model().objects.create_user("visitante", password=CLAVE)

    respuesta = client.post(
        "/cuentas/login/", {"username": "visitante", "password": CLAVE}, follow=True
    )

    assert respuesta.redirect_chain == [("/pendientes/", 302), ("/", 302)]


def test_ingresar_desde_un_enlace_vuelve_a_ese_enlace(client, bruno, actividad):
    pagina = f"/actividades/{actividad('1.3').pk}/"
    respuesta = client.get(pagina)
    assert respuesta.url == f"/cuentas/login/?next={pagina}"

    respuesta = ingresar(client, "bruno", next=pagina)

    assert respuesta.status_code == 302
    assert respuesta.url == pagina


def test_no_redirige_a_otro_sitio_despues_de_ingresar(client, bruno):
    respuesta = ingresar(client, "bruno", next="https://sitio-malicioso.example/")

    assert respuesta.url == "/pendientes/"


def test_salir_cierra_la_sesion(client, bruno):
    ingresar(client, "bruno")
    assert client.get("/oficina/educacion/").status_code == 200

    respuesta = client.post("/cuentas/logout/", follow=True)

    assert respuesta.redirect_chain == [("/", 302)]
    assert "_auth_user_id" not in client.session
    assert ">Ingresar</a>" in respuesta.content.decode()
    assert client.get("/oficina/educacion/").status_code == 302


def test_salir_no_se_hace_con_un_simple_enlace(client, bruno):
    # Logging out changes state: a GET (e.g. an <img src> on another site) must not do it.
    ingresar(client, "bruno")

    assert client.get("/cuentas/logout/").status_code == 405
    assert client.get("/oficina/educacion/").status_code == 200


def test_un_funcionario_cambia_su_contrasena(client, bruno):
    client.force_login(bruno)
    assert client.get("/cuentas/clave/cambiar/").status_code == 200
    respuesta = client.post(
        "/cuentas/clave/cambiar/",
        {
            "old_password": "clave-de-prueba",
            "new_password1": "Una-clave-nueva-2026",
            "new_password2": "Una-clave-nueva-2026",
        },
    )
    assert respuesta.status_code == 302
    bruno.refresh_from_db()
    assert bruno.check_password("Una-clave-nueva-2026")
