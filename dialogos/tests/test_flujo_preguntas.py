"""A question's life: typed in or received, assigned by OPGI, answered by the office, published.

And the staff dashboard: open questions with the business days left or overdue.
"""

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from dialogos import services
from dialogos.models import Pregunta
from dialogos.tests.conftest import BOGOTA
from plan.models import Responsable

PERSONAL = {
    "nombre": "Jhon Jairo Benavides",
    "correo": "jjbenavides@example.org",
    "telefono": "3174445566",
    "quiere_respuesta": True,
}


@pytest.fixture
def educacion(plan_2022):
    return Responsable.objects.get(slug="educacion")


def test_flujo_completo_por_http(client, alicia, bruno, crear_pregunta, educacion):
    pregunta = crear_pregunta("¿Habrá cupos en el colegio de Genoy?", **PERSONAL)

    client.force_login(alicia)
    asignada = client.post(
        f"/dialogos/gestion/preguntas/{pregunta.pk}/asignar/", {"oficina": educacion.pk}
    )
    assert asignada.status_code == 302
    pregunta.refresh_from_db()
    assert (pregunta.estado, pregunta.oficina) == (Pregunta.Estado.ASIGNADA, educacion)

    client.force_login(bruno)
    respondida = client.post(
        f"/dialogos/gestion/preguntas/{pregunta.pk}/responder/",
        {"respuesta": "Sí: se abrirán 120 cupos en febrero."},
    )
    assert respondida.status_code == 302
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.RESPONDIDA
    assert pregunta.respondida_por == bruno and pregunta.respondida_en is not None

    # Before publication: nothing on the public page; with the number, only the status
    # and the deadline (the unreviewed answer may hold personal data).
    assert "120 cupos" not in client.get("/dialogos/respuestas/").content.decode()
    consulta = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado})
    assert 'data-estado="respondida"' in consulta.content.decode()
    assert "120 cupos" not in consulta.content.decode()

    client.force_login(alicia)
    formulario = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/").content.decode()
    assert "¿Habrá cupos en el colegio de Genoy?</textarea>" in formulario  # prefilled
    publicada = client.post(
        f"/dialogos/gestion/preguntas/{pregunta.pk}/publicar/",
        {
            "texto_publico": "¿Habrá cupos en el colegio de Genoy?",
            "respuesta_publica": "Sí: se abrirán 120 cupos en febrero.",
            "confirmado": "1",
        },
    )
    assert publicada.status_code == 302
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.PUBLICADA

    client.logout()
    html = client.get("/dialogos/respuestas/").content.decode()
    assert escape("¿Habrá cupos en el colegio de Genoy?") in html
    assert "120 cupos" in html
    assert "Secretaría de Educación Municipal" in html
    for dato in ("Jhon Jairo", "Benavides", "jjbenavides", "3174445566"):
        assert dato not in html
    # Published: the lookup shows the texts as published.
    consulta = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado})
    assert "Sí: se abrirán 120 cupos en febrero." in consulta.content.decode()


@pytest.mark.parametrize(
    ("texto_publico", "respuesta_publica", "campo", "dato"),
    [
        ("Soy Jhon Jairo Benavides, ¿hay cupos?", "Sí.", "texto_publico", "el nombre"),
        ("¿Hay cupos?", "Señor jhon jairo benavides: sí.", "respuesta_publica", "el nombre"),
        ("¿Hay cupos? jjbenavides@example.org", "Sí.", "texto_publico", "el correo electrónico"),
        ("¿Hay cupos? Llamar al 317 444 5566", "Sí.", "texto_publico", "el teléfono"),
        ("¿Hay cupos?", "Escriba a otra@example.org", "respuesta_publica", "un correo electrónico"),
        ("", "Sí.", "texto_publico", "no puede quedar vacío"),
    ],
)
def test_no_se_publica_con_datos_personales(
    alicia, bruno, crear_pregunta, educacion, texto_publico, respuesta_publica, campo, dato
):
    pregunta = crear_pregunta(**PERSONAL)
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
    services.responder_pregunta(pregunta=pregunta, usuario=bruno, respuesta="Sí.")
    with pytest.raises(ValidationError) as error:
        services.publicar_pregunta(
            pregunta=pregunta,
            usuario=alicia,
            texto_publico=texto_publico,
            respuesta_publica=respuesta_publica,
        )
    assert dato in " ".join(error.value.message_dict[campo])
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.RESPONDIDA and pregunta.texto_publico == ""


def test_transiciones_invalidas(alicia, bruno, crear_pregunta, educacion):
    pregunta = crear_pregunta()
    with pytest.raises(ValidationError, match="debe estar asignada"):
        services.responder_pregunta(pregunta=pregunta, usuario=alicia, respuesta="Algo")
    with pytest.raises(ValidationError, match="Solo se publica una pregunta respondida"):
        services.publicar_pregunta(
            pregunta=pregunta, usuario=alicia, texto_publico="P", respuesta_publica="R"
        )
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
    services.responder_pregunta(pregunta=pregunta, usuario=bruno, respuesta="Respuesta")
    with pytest.raises(ValidationError, match="ya fue respondida"):
        services.responder_pregunta(pregunta=pregunta, usuario=bruno, respuesta="Otra")
    with pytest.raises(ValidationError, match="no se puede reasignar"):
        services.asignar_pregunta(
            pregunta=pregunta, usuario=alicia, oficina=Responsable.objects.get(slug="salud")
        )


def test_reasignar_antes_de_responder(alicia, crear_pregunta, educacion):
    pregunta = crear_pregunta()
    salud = Responsable.objects.get(slug="salud")
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=salud)
    pregunta.refresh_from_db()
    assert pregunta.oficina == salud


def test_respuesta_vacia_no_guarda(client, alicia, bruno, crear_pregunta, educacion):
    pregunta = crear_pregunta()
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
    client.force_login(bruno)
    respuesta = client.post(
        f"/dialogos/gestion/preguntas/{pregunta.pk}/responder/", {"respuesta": "  "}
    )
    assert respuesta.status_code == 400
    assert "Escriba la respuesta." in respuesta.content.decode()
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.ASIGNADA


# --- Paper forms typed in by staff -----------------------------------------------


def test_digitar_un_formato_fisico_del_espacio(client, bruno, crear_espacio):
    espacio = crear_espacio(oficinas=("educacion",), realizado=True)  # 10/05/2022
    client.force_login(bruno)
    respuesta = client.post(
        "/dialogos/gestion/preguntas/nueva/",
        {
            "espacio": espacio.pk,
            "recibida_el": "2022-05-13",  # Friday; Monday 30/05 (Ascensión) is a holiday
            "texto": "¿Van a pavimentar la vía principal?",
            "acepta_datos": "on",
        },
    )
    assert respuesta.status_code == 302
    pregunta = Pregunta.objects.get()
    assert pregunta.canal == Pregunta.Canal.FORMATO
    assert pregunta.registrada_por == bruno
    assert (pregunta.recibida_el, pregunta.vence_el) == (date(2022, 5, 13), date(2022, 6, 6))
    mensajes = client.get("/dialogos/gestion/preguntas/nueva/").content.decode()
    assert pregunta.radicado in mensajes


def test_un_formato_no_puede_tener_fecha_futura_ni_anterior_al_espacio(alicia, crear_espacio):
    espacio = crear_espacio(realizado=True)
    for recibida_el, mensaje in [
        (date(2099, 1, 1), "posterior a hoy"),
        (date(2022, 5, 1), "anterior a la del espacio"),
    ]:
        with pytest.raises(ValidationError, match=mensaje):
            services.registrar_pregunta_formato(
                usuario=alicia,
                espacio=espacio,
                recibida_el=recibida_el,
                texto="¿Pregunta?",
                acepta_datos=True,
            )
    assert not Pregunta.objects.exists()


# --- The staff dashboard ---------------------------------------------------------


def _respondida_el(pregunta, dia: date, oficina):
    Pregunta.objects.filter(pk=pregunta.pk).update(
        estado=Pregunta.Estado.RESPONDIDA,
        oficina=oficina,
        respuesta="Respuesta",
        respondida_en=datetime.combine(dia, time(10), tzinfo=BOGOTA),
    )


def test_tablero_de_preguntas_con_dias_restantes_y_vencidas(
    client, alicia, carla, crear_pregunta, educacion
):
    hoy = timezone.localdate()
    vencida = crear_pregunta("Pregunta vencida", hoy=date(2022, 1, 7))
    al_dia = crear_pregunta("Pregunta al día", hoy=hoy)
    de_salud = crear_pregunta("Pregunta para salud", hoy=hoy)
    respondida = crear_pregunta("Pregunta respondida", hoy=hoy)
    services.asignar_pregunta(pregunta=al_dia, usuario=alicia, oficina=educacion)
    services.asignar_pregunta(
        pregunta=de_salud, usuario=alicia, oficina=Responsable.objects.get(slug="salud")
    )
    _respondida_el(respondida, hoy, educacion)

    client.force_login(alicia)
    html = client.get("/dialogos/gestion/preguntas/").content.decode()
    assert f'data-pregunta="{vencida.radicado}" data-plazo="vencida"' in html
    assert "Vencida hace" in html
    assert f'data-pregunta="{al_dia.radicado}" data-plazo="a_tiempo"' in html
    assert "Quedan 15 días hábiles" in html
    assert respondida.radicado not in html  # only open questions by default
    assert (
        '<li class="tarjeta" data-conteo="abiertas"><span class="tarjeta__cifra">3</span>' in html
    )
    assert (
        '<li class="tarjeta" data-conteo="vencidas"><span class="tarjeta__cifra">1</span>' in html
    )
    assert (
        '<li class="tarjeta" data-conteo="sin_asignar"><span class="tarjeta__cifra">1</span>'
        in html
    )
    # Overdue first (ordered by deadline).
    assert html.index(vencida.radicado) < html.index(al_dia.radicado)

    por_publicar = client.get("/dialogos/gestion/preguntas/?estado=por_publicar").content.decode()
    assert respondida.radicado in por_publicar and vencida.radicado not in por_publicar
    assert 'data-plazo="respondida_a_tiempo"' in por_publicar

    # An office sees only the questions assigned to it, and no office filter.
    client.force_login(carla)
    html = client.get("/dialogos/gestion/preguntas/").content.decode()
    assert de_salud.radicado in html
    assert al_dia.radicado not in html and vencida.radicado not in html
    assert 'name="oficina"' not in html
    assert (
        '<li class="tarjeta" data-conteo="abiertas"><span class="tarjeta__cifra">1</span>' in html
    )


def test_tablero_filtrado_por_oficina_para_opgi(client, alicia, crear_pregunta, educacion):
    de_educacion = crear_pregunta("Educación")
    otra = crear_pregunta("Sin asignar")
    services.asignar_pregunta(pregunta=de_educacion, usuario=alicia, oficina=educacion)
    client.force_login(alicia)
    html = client.get("/dialogos/gestion/preguntas/?oficina=educacion").content.decode()
    assert de_educacion.radicado in html and otra.radicado not in html
