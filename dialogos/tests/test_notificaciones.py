"""Citizens and offices are told by e-mail what concerns them about a question.

The citizen who ticks «Quiero recibir la respuesta» and leaves an e-mail gets the
receipt with the radicado and the deadline, then the answer with its date once it is
published (Ley 1755 de 2015); nobody else gets either. The office a question is
assigned to is told, with a link to answer it.
"""

import socket
from datetime import date

import pytest
from django.core import mail

from dialogos.services import preguntas as servicios
from nucleo.models import Correo
from plan.models import Responsable

CIUDADANA = {"nombre": "Rosa Ortiz", "correo": "rosa@example.org", "quiere_respuesta": True}


def preguntar(**datos):
    return servicios.recibir_pregunta(
        texto="¿Cuándo abre el colegio de la comuna 10?",
        acepta_datos=True,
        hoy=date(2022, 11, 25),
        **datos,
    )


def responder_y_publicar(pregunta, alicia, bruno):
    servicios.asignar_pregunta(
        pregunta=pregunta, usuario=alicia, oficina=Responsable.objects.get(slug="educacion")
    )
    servicios.responder_pregunta(
        pregunta=pregunta, usuario=bruno, respuesta="Abre en febrero de 2023."
    )
    servicios.publicar_pregunta(
        pregunta=pregunta,
        usuario=alicia,
        texto_publico="¿Cuándo abre el colegio de la comuna 10?",
        respuesta_publica="Abre en febrero de 2023.",
    )


def test_la_ciudadana_recibe_el_acuse_con_radicado_y_plazo(plan_2022):
    pregunta = preguntar(**CIUDADANA)

    [acuse] = mail.outbox
    assert acuse.to == ["rosa@example.org"]
    assert acuse.subject.startswith(f"Recibimos su pregunta: radicado {pregunta.radicado}")
    assert "a más tardar el 19/12/2022" in acuse.body
    assert "Ley 1581 de 2012" in acuse.body


def test_sin_pedir_la_respuesta_no_se_envia_nada(plan_2022):
    preguntar(nombre="Rosa Ortiz", correo="rosa@example.org", quiere_respuesta=False)

    assert mail.outbox == []
    assert not Correo.objects.exists()


def test_la_respuesta_publicada_llega_a_la_ciudadana_con_su_fecha_una_sola_vez(
    plan_2022, alicia, bruno
):
    pregunta = preguntar(**CIUDADANA)
    responder_y_publicar(pregunta, alicia, bruno)

    para_rosa = [m for m in mail.outbox if m.to == ["rosa@example.org"]]
    assert [m.subject.split(" · ")[0] for m in para_rosa] == [
        f"Recibimos su pregunta: radicado {pregunta.radicado}",
        f"Respuesta a su pregunta {pregunta.radicado}",
    ]
    pregunta.refresh_from_db()
    assert "Abre en febrero de 2023." in para_rosa[1].body
    assert (
        f"Respuesta ({pregunta.respondida_en.astimezone().strftime('%d/%m/%Y')}"
        in para_rosa[1].body
    )


def test_la_oficina_asignada_recibe_la_pregunta_y_otra_oficina_no(plan_2022, alicia, bruno, carla):
    pregunta = preguntar()

    servicios.asignar_pregunta(
        pregunta=pregunta, usuario=alicia, oficina=Responsable.objects.get(slug="educacion")
    )

    [aviso] = mail.outbox
    assert aviso.to == ["bruno@pasto.gov.co"]
    assert f"/dialogos/gestion/preguntas/{pregunta.pk}/" in aviso.body
    assert "¿Cuándo abre" not in aviso.body  # the link, not the citizen's text


def test_un_servidor_de_correo_caido_no_impide_recibir_la_pregunta(settings, plan_2022):
    settings.EMAIL_BACKEND = "tests.test_nucleo_correo.ServidorCaido"

    pregunta = preguntar(**CIUDADANA)

    assert pregunta.pk is not None
    assert Correo.objects.get().estado == Correo.Estado.PENDIENTE


@pytest.mark.django_db(transaction=True)
def test_la_respuesta_llega_por_smtp_a_un_servidor_real_en_loopback(settings, plan_2022):
    """aiosmtpd on 127.0.0.1 stands for the entity's mail server, configured as the
    EMAIL_* environment variables would (pasto_rdc/settings.py)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    recibidos = []

    class Buzon(Message):
        def handle_message(self, message):
            recibidos.append(message)

    with socket.socket() as libre:  # a free port on loopback
        libre.bind(("127.0.0.1", 0))
        puerto = libre.getsockname()[1]
    servidor = Controller(Buzon(), hostname="127.0.0.1", port=puerto)
    servidor.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", puerto
        settings.DEFAULT_FROM_EMAIL = "Rendición de cuentas <rdc@pasto.gov.co>"

        pregunta = preguntar(**CIUDADANA)
    finally:
        servidor.stop()

    [mensaje] = recibidos
    assert mensaje["To"] == "rosa@example.org"
    assert "rdc@pasto.gov.co" in mensaje["From"]
    texto = next(p for p in mensaje.walk() if p.get_content_type() == "text/plain")
    assert pregunta.radicado in texto.get_payload(decode=True).decode("utf-8")
    assert Correo.objects.get().estado == Correo.Estado.ENVIADO
