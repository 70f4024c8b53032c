"""Outgoing e-mail (nucleo.correo): stored, sent by a task, retried, never twice.

The test settings use Django's locmem backend (mail.outbox) and the immediate task
backend, so a programmed message is sent at once; a failing backend stands for an
SMTP server that is down.
"""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from nucleo import correo
from nucleo.models import Correo

PLANTILLA = "correo/prueba/saludo"


class ServidorCaido(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


CAIDO = "tests.test_nucleo_correo.ServidorCaido"


def programar(**extra):
    datos = {"para": "ana@example.org", "asunto": "Saludo", "plantilla": PLANTILLA}
    return correo.programar(**datos, contexto={"nombre": "Ana"}, **extra)


@pytest.mark.django_db
def test_un_correo_programado_se_guarda_y_se_envia_en_html_y_texto(settings):
    settings.ENTIDAD_NOMBRE = "Alcaldía de Prueba"
    settings.SITIO_URL = "https://rdc.example.gov.co/"

    fila = programar()

    fila.refresh_from_db()
    assert (fila.estado, fila.intentos) == (Correo.Estado.ENVIADO, 1)
    [mensaje] = mail.outbox
    assert mensaje.to == ["ana@example.org"]
    assert mensaje.subject == "Saludo · Alcaldía de Prueba"
    assert "Hola, Ana." in mensaje.body and "https://rdc.example.gov.co/" in mensaje.body
    html, tipo = mensaje.alternatives[0]
    assert tipo == "text/html" and "<p>Hola, Ana.</p>" in html


@pytest.mark.django_db
def test_un_correo_con_clave_se_envia_una_sola_vez():
    assert programar(clave="saludo:ana") is not None
    assert programar(clave="saludo:ana") is None

    assert len(mail.outbox) == 1
    assert Correo.objects.count() == 1


@pytest.mark.django_db
def test_sin_direccion_no_se_programa_nada():
    assert correo.programar(para=" ", asunto="x", plantilla=PLANTILLA) is None
    assert not Correo.objects.exists()


@pytest.mark.django_db
def test_un_servidor_caido_no_rompe_la_accion_y_el_correo_se_reintenta(settings):
    settings.EMAIL_BACKEND = CAIDO

    fila = programar()  # no exception reaches the caller

    fila.refresh_from_db()
    assert (fila.estado, fila.intentos) == (Correo.Estado.PENDIENTE, 1)
    assert "Connection refused" in fila.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("enviar_correos", verbosity=0)

    fila.refresh_from_db()
    assert (fila.estado, fila.intentos, fila.error) == (Correo.Estado.ENVIADO, 2, "")
    assert len(mail.outbox) == 1
    call_command("enviar_correos", verbosity=0)
    assert len(mail.outbox) == 1  # a sent message is not sent again


@pytest.mark.django_db
def test_tras_el_maximo_de_intentos_el_correo_queda_fallido(settings):
    settings.EMAIL_BACKEND = CAIDO
    fila = programar()

    for _ in range(correo.MAXIMO_INTENTOS + 2):
        call_command("enviar_correos", verbosity=0)

    fila.refresh_from_db()
    assert (fila.estado, fila.intentos) == (Correo.Estado.FALLIDO, correo.MAXIMO_INTENTOS)
