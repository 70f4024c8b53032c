"""Officials' passwords (nucleo/cuentas.py): forgotten, by a link sent by e-mail through
nucleo.correo, and changed; Spanish pages in the site's style.

The test settings send e-mail with Django's locmem backend (mail.outbox) and run the
sending task at once, so a requested link is in the outbox when the page answers.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.shortcuts import resolve_url

from nucleo.models import Correo
from tests.test_nucleo_correo import CAIDO

CLAVE = "clave-de-prueba"  # conftest.crear_usuario's password
NUEVA = "Una-clave-nueva-2026"
CORREO_BRUNO = "bruno.educacion@example.gov.co"


@pytest.fixture(autouse=True)
def contadores_limpios():
    cache.clear()  # the per-IP counters of the rate limits live in the cache
    yield
    cache.clear()


@pytest.fixture
def bruno_con_correo(bruno):
    bruno.email = CORREO_BRUNO
    bruno.save(update_fields=["email"])
    return bruno


def pedir_enlace(client, correo: str, **extra):
    return client.post("/cuentas/clave/olvide/", {"email": correo}, **extra)


def enlace_del_mensaje(mensaje) -> str:
    [enlace] = set(re.findall(r"https?://\S+/cuentas/clave/nueva/\S+/", mensaje.body))
    return enlace


def puede_ingresar(client, clave: str) -> bool:
    client.logout()
    client.post("/cuentas/login/", {"username": "bruno", "password": clave})
    return "_auth_user_id" in client.session


def test_un_funcionario_restablece_su_contrasena_con_el_enlace_que_recibe_por_correo(
    client, bruno_con_correo, settings
):
    settings.SITIO_URL = "https://rdc.example.gov.co/"

    respuesta = pedir_enlace(client, CORREO_BRUNO.upper())

    assert respuesta.status_code == 302
    assert respuesta.url == "/cuentas/clave/olvide/enviado/"
    [mensaje] = mail.outbox
    assert mensaje.to == [CORREO_BRUNO]
    assert mensaje.subject.startswith("Restablecer su contraseña")
    enlace = enlace_del_mensaje(mensaje)
    assert enlace.startswith("https://rdc.example.gov.co/cuentas/clave/nueva/")
    assert "vence en 3 días" in mensaje.body
    html, _tipo = mensaje.alternatives[0]
    assert f'href="{enlace}"' in html
    assert Correo.objects.get().estado == Correo.Estado.ENVIADO

    # As Django does, the token leaves the URL for the session before the form shows.
    respuesta = client.get(enlace.removeprefix("https://rdc.example.gov.co"))
    assert respuesta.status_code == 302
    assert respuesta.url.endswith("/set-password/")
    formulario = client.get(respuesta.url)
    assert formulario.status_code == 200
    assert "Elija una contraseña nueva" in formulario.content.decode()

    respuesta = client.post(
        respuesta.url, {"new_password1": NUEVA, "new_password2": NUEVA}, follow=True
    )

    assert respuesta.redirect_chain == [("/cuentas/clave/nueva/lista/", 302)]
    assert "Contraseña restablecida" in respuesta.content.decode()
    assert puede_ingresar(client, NUEVA)
    assert not puede_ingresar(client, CLAVE)


def test_un_enlace_ya_usado_no_sirve_otra_vez(client, bruno_con_correo):
    pedir_enlace(client, CORREO_BRUNO)
    ruta = enlace_del_mensaje(mail.outbox[0]).removeprefix(settings.SITIO_URL.rstrip("/"))
    destino = client.get(ruta).url
    client.post(destino, {"new_password1": NUEVA, "new_password2": NUEVA})

    respuesta = client.get(ruta, follow=True)

    html = respuesta.content.decode()
    assert "Enlace no válido" in html and 'role="alert"' in html
    assert 'href="/cuentas/clave/olvide/"' in html


def test_un_correo_desconocido_recibe_la_misma_respuesta_y_ningun_mensaje(client, bruno_con_correo):
    respuesta = pedir_enlace(client, "nadie@example.org", follow=True)

    assert respuesta.redirect_chain == [("/cuentas/clave/olvide/enviado/", 302)]
    assert "Revise su correo" in respuesta.content.decode()
    assert mail.outbox == []
    assert not Correo.objects.exists()


def test_con_el_servidor_de_correo_caido_el_pedido_responde_y_el_mensaje_queda_pendiente(
    client, bruno_con_correo, settings
):
    settings.EMAIL_BACKEND = CAIDO

    respuesta = pedir_enlace(client, CORREO_BRUNO)
    assert respuesta.status_code == 302
    assert respuesta.url == "/cuentas/clave/olvide/enviado/"
    assert client.get(respuesta.url).status_code == 200

    fila = Correo.objects.get()
    assert fila.para == CORREO_BRUNO
    assert (fila.estado, fila.intentos) == (Correo.Estado.PENDIENTE, 1)
    assert "Connection refused" in fila.error
    assert "/cuentas/clave/nueva/" in fila.texto


def test_demasiados_pedidos_desde_una_conexion_reciben_429(client, bruno_con_correo, settings):
    settings.CUENTAS_LIMITE_CLAVE = "2/h"
    assert pedir_enlace(client, CORREO_BRUNO).status_code == 302
    assert pedir_enlace(client, CORREO_BRUNO).status_code == 302

    respuesta = pedir_enlace(client, CORREO_BRUNO)

    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert 'role="alert"' in html and "demasiados enlaces desde su conexión" in html
    assert len(mail.outbox) == 2
    # Another address (another IP) is not held back.
    assert pedir_enlace(client, CORREO_BRUNO, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_un_funcionario_cambia_su_contrasena_y_vuelve_a_su_pagina_con_un_aviso(client, bruno):
    client.force_login(bruno)

    respuesta = client.post(
        "/cuentas/clave/cambiar/",
        {"old_password": CLAVE, "new_password1": NUEVA, "new_password2": NUEVA},
    )

    assert respuesta.status_code == 302
    assert respuesta.url == resolve_url(settings.LOGIN_REDIRECT_URL)
    pagina = client.get(respuesta.url)
    assert respuesta.url == "/pendientes/"
    assert pagina.status_code == 200  # still logged in, on «Mis pendientes»
    assert "Su contraseña se cambió." in pagina.content.decode()
    assert puede_ingresar(client, NUEVA)
    assert not puede_ingresar(client, CLAVE)


def test_con_la_contrasena_actual_equivocada_nada_cambia(client, bruno):
    client.force_login(bruno)

    respuesta = client.post(
        "/cuentas/clave/cambiar/",
        {"old_password": "no-es-esta", "new_password1": NUEVA, "new_password2": NUEVA},
    )

    assert respuesta.status_code == 200
    assert "La contraseña actual no es correcta. Escríbala de nuevo." in (
        respuesta.content.decode()
    )
    bruno.refresh_from_db()
    assert bruno.check_password(CLAVE)


def test_sin_sesion_cambiar_la_contrasena_lleva_a_ingresar(client, db):
    respuesta = client.get("/cuentas/clave/cambiar/")

    assert respuesta.status_code == 302
    assert respuesta.url == "/cuentas/login/?next=/cuentas/clave/cambiar/"


def test_la_pagina_de_cambio_hecho_lleva_a_la_pagina_de_inicio_del_funcionario(client, bruno):
    client.force_login(bruno)

    respuesta = client.get("/cuentas/clave/cambiada/", follow=True)

    assert respuesta.redirect_chain[-1] == ("/pendientes/", 302)


def test_las_paginas_de_contrasena_estan_en_espanol(client, bruno):
    olvide = client.get("/cuentas/clave/olvide/").content.decode()
    assert '<html lang="es">' in olvide
    assert "<h1>¿Olvidó su contraseña?</h1>" in olvide
    assert ">Correo electrónico</label>" in olvide
    assert 'class="formulario"' in olvide
    assert '<button type="submit">Enviar el enlace</button>' in olvide

    enviado = client.get("/cuentas/clave/olvide/enviado/").content.decode()
    assert "<h1>Revise su correo</h1>" in enviado and "vence en 3 días" in enviado

    lista = client.get("/cuentas/clave/nueva/lista/").content.decode()
    assert "<h1>Contraseña restablecida</h1>" in lista

    client.force_login(bruno)
    cambiar = client.get("/cuentas/clave/cambiar/").content.decode()
    assert "<h1>Cambiar contraseña</h1>" in cambiar
    assert ">Contraseña actual</label>" in cambiar
    assert ">Contraseña nueva</label>" in cambiar
    assert 'href="/cuentas/clave/cambiar/">Cambiar contraseña</a>' in cambiar  # navigation

    for html in (olvide, enviado, lista, cambiar):
        assert "fichero" not in html.lower() and "haz clic" not in html.lower()


def test_un_correo_invalido_muestra_el_error_en_el_formulario(client, db):
    respuesta = pedir_enlace(client, "no-es-un-correo")

    assert respuesta.status_code == 200
    assert "Ingrese una dirección de correo electrónico válida." in (respuesta.content.decode())
    assert mail.outbox == []


def test_la_pagina_de_ingreso_enlaza_al_restablecimiento(client, db):
    html = client.get("/cuentas/login/").content.decode()

    assert '<a href="/cuentas/clave/olvide/">¿Olvidó su contraseña?</a>' in html
