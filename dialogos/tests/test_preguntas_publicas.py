"""The citizens' question form (no account), its abuse cases, and the lookup by tracking number."""

from datetime import date

import pytest
from django.test import Client

from dialogos.models import Pregunta, Territorio

VALIDA = {
    "texto": "¿Cuándo arreglan el puesto de salud de Genoy?",
    "acepta_datos": "on",
}


def _enviar(client, datos, url="/dialogos/preguntar/", **extra):
    return client.post(url, datos, **extra)


def test_enviar_una_pregunta_sin_cuenta_da_un_radicado(client, plan_2022):
    respuesta = _enviar(client, {**VALIDA, "territorio": Territorio.objects.get(nombre="Genoy").pk})
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/dialogos/preguntar/recibida/"
    pregunta = Pregunta.objects.get()
    assert pregunta.canal == Pregunta.Canal.WEB
    assert pregunta.estado == Pregunta.Estado.RECIBIDA
    assert pregunta.territorio.nombre == "Genoy"
    assert pregunta.nombre == "" and pregunta.espacio is None

    recibida = client.get(respuesta["Location"])
    assert recibida.status_code == 200
    assert pregunta.radicado in recibida.content.decode()
    # Shown once: reloading goes to the lookup form.
    assert client.get("/dialogos/preguntar/recibida/")["Location"] == "/dialogos/consulta/"


def test_pregunta_para_un_espacio(client, crear_espacio):
    espacio = crear_espacio(realizado=True)
    respuesta = _enviar(client, VALIDA, url=f"/dialogos/espacios/{espacio.pk}/preguntar/")
    assert respuesta.status_code == 302
    assert Pregunta.objects.get().espacio == espacio


def test_un_espacio_cancelado_no_recibe_preguntas(client, crear_espacio):
    espacio = crear_espacio(cancelado=True)
    respuesta = _enviar(client, VALIDA, url=f"/dialogos/espacios/{espacio.pk}/preguntar/")
    assert respuesta.status_code == 400
    assert "Este espacio fue cancelado" in respuesta.content.decode()
    assert not Pregunta.objects.exists()


def test_quien_quiere_respuesta_deja_nombre_y_contacto(client, plan_2022):
    datos = {
        **VALIDA,
        "quiere_respuesta": "on",
        "nombre": "María Criollo",
        "correo": "maria@example.org",
        "telefono": "+57 310 555 1234",
    }
    assert _enviar(client, datos).status_code == 302
    pregunta = Pregunta.objects.get()
    assert (pregunta.nombre, pregunta.correo, pregunta.telefono) == (
        "María Criollo",
        "maria@example.org",
        "+57 310 555 1234",
    )
    assert pregunta.quiere_respuesta


# --- Bad input: a clear message, nothing saved -----------------------------------


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"texto": ""}, "Escriba su pregunta."),
        ({"texto": "   \n  "}, "Escriba su pregunta."),
        ({"texto": "a" * 10_000}, "La pregunta tiene 10000 caracteres; el máximo es 2000."),
        ({"correo": "maria@"}, "Escriba un correo electrónico válido"),
        ({"telefono": "llámeme"}, "Escriba un teléfono válido"),
        ({"acepta_datos": ""}, "debe aceptar el aviso de tratamiento de datos personales"),
        ({"quiere_respuesta": "on"}, "Para recibir la respuesta escriba su nombre."),
        (
            {"quiere_respuesta": "on", "nombre": "María"},
            "Para recibir la respuesta indique un correo o un teléfono.",
        ),
        ({"territorio": "999"}, "Escoja una opción válida"),
    ],
)
def test_datos_malos_dan_un_mensaje_claro_y_no_guardan_nada(client, plan_2022, cambios, mensaje):
    respuesta = _enviar(client, {**VALIDA, **cambios})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert mensaje in html
    assert 'role="alert"' in html  # the error summary is announced
    assert "Error: Enviar una pregunta" in html  # and the page title says so
    assert not Pregunta.objects.exists()


def test_el_campo_trampa_detiene_a_los_robots(client, plan_2022):
    respuesta = _enviar(client, {**VALIDA, "sitio_web": "http://spam.example"})
    assert respuesta.status_code == 400
    assert "No pudimos recibir el formulario" in respuesta.content.decode()
    assert not Pregunta.objects.exists()


def test_el_campo_trampa_esta_oculto_para_las_personas(client, db):
    html = client.get("/dialogos/preguntar/").content.decode()
    assert '<div class="trampa" aria-hidden="true">' in html
    assert 'name="sitio_web"' in html and 'tabindex="-1"' in html


def test_sin_token_csrf_se_rechaza(plan_2022):
    cliente = Client(enforce_csrf_checks=True)
    respuesta = _enviar(cliente, VALIDA)
    assert respuesta.status_code == 403
    assert not Pregunta.objects.exists()


def test_con_token_csrf_se_acepta(plan_2022):
    cliente = Client(enforce_csrf_checks=True)
    cliente.get("/dialogos/preguntar/")
    token = cliente.cookies["csrftoken"].value
    assert _enviar(cliente, {**VALIDA, "csrfmiddlewaretoken": token}).status_code == 302


def test_limite_por_ip(client, plan_2022, settings):
    settings.DIALOGOS_LIMITE_PREGUNTAS = "3/h"
    for _ in range(3):
        assert _enviar(client, VALIDA, REMOTE_ADDR="190.1.2.3").status_code == 302
    bloqueada = _enviar(client, VALIDA, REMOTE_ADDR="190.1.2.3")
    assert bloqueada.status_code == 429
    assert "demasiados formularios" in bloqueada.content.decode()
    assert Pregunta.objects.count() == 3
    # Another IP is not affected.
    assert _enviar(client, VALIDA, REMOTE_ADDR="190.9.9.9").status_code == 302


def test_limite_desactivado(client, plan_2022, settings):
    settings.DIALOGOS_LIMITE_PREGUNTAS = None
    for _ in range(25):
        assert _enviar(client, VALIDA).status_code == 302


# --- Lookup by tracking number ---------------------------------------------------


def test_consulta_por_radicado_sin_datos_personales(client, crear_pregunta):
    pregunta = crear_pregunta(
        nombre="María Criollo",
        correo="maria@example.org",
        telefono="3105551234",
        quiere_respuesta=True,
        hoy=date(2022, 1, 7),
    )
    escrito = pregunta.radicado.lower().replace("-", " ")
    respuesta = client.post("/dialogos/consulta/", {"radicado": escrito})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "data-consulta" in html
    assert "31/01/2022" in html  # the legal deadline
    assert 'data-estado="recibida"' in html
    for dato in ("María Criollo", "maria@example.org", "3105551234"):
        assert dato not in html


def test_consulta_de_un_radicado_que_no_existe(client, plan_2022):
    respuesta = client.post("/dialogos/consulta/", {"radicado": "RDC-2022-AAAA-BBBB"})
    assert respuesta.status_code == 404
    assert "No encontramos una pregunta con ese número de radicado." in respuesta.content.decode()


def test_consulta_de_un_radicado_mal_escrito(client, plan_2022):
    respuesta = client.post("/dialogos/consulta/", {"radicado": "123"})
    assert respuesta.status_code == 400
    assert "no es un número de radicado válido" in respuesta.content.decode()


def test_las_consultas_tambien_tienen_limite(client, plan_2022, settings):
    settings.DIALOGOS_LIMITE_CONSULTAS = "2/h"
    for _ in range(2):
        client.post("/dialogos/consulta/", {"radicado": "RDC-2022-AAAA-BBBB"})
    respuesta = client.post("/dialogos/consulta/", {"radicado": "RDC-2022-AAAA-BBBB"})
    assert respuesta.status_code == 429
    # The empty form is not counted.
    assert client.get("/dialogos/consulta/").status_code == 200


def test_formulario_accesible_etiquetas_en_todos_los_controles(client, db):
    html = client.get("/dialogos/preguntar/").content.decode()
    for campo in (
        "texto",
        "territorio",
        "quiere_respuesta",
        "nombre",
        "correo",
        "telefono",
        "acepta_datos",
    ):
        assert f'<label for="id_{campo}">' in html
    assert 'aria-describedby="id_texto_helptext"' in html
    assert 'name="viewport"' in html
