"""«Mis pendientes»: each role's landing page lists what is theirs to do, as links.

The known data set, on 10/12/2022 (corte III of the 2022 plan, 01/09–31/12):
- Educación (bruno) owns 1.3 and 2.4 (windows end 20/12). It reported 1.3 (waiting for
  review); OPGI returned its evidence on 1.3 and its report on 2.4. A citizen's
  question is assigned to it; a past space it organized has no closing record.
- Salud (carla) owns 1.5 and 2.5, has not reported, sent an evidence on 1.5 and has
  a question of its own.
- One more question waits to be assigned. Cortes I and II ended and are not closed.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pendientes.tests.conftest import HOY, evidencia, pregunta
from plan import services
from plan.models import Evidencia


def pagina(client, usuario):
    client.force_login(usuario)
    respuesta = client.get("/pendientes/")
    assert respuesta.status_code == 200
    return respuesta


def textos(respuesta, clave):
    grupo = next(g for g in respuesta.context["grupos"] if g.clave == clave)
    return [item.texto for item in grupo.items]


def test_la_oficina_ve_lo_devuelto_lo_que_vence_sus_preguntas_y_sus_espacios(client, bruno, datos):
    respuesta = pagina(client, bruno)

    assert textos(respuesta, "devueltos") == [
        "Evidencia devuelta: Acta de la jornada (actividad 1.3)",
        "Avance devuelto del 16/09/2022 (actividad 2.4)",
    ]
    assert textos(respuesta, "por_reportar") == ["Reportar el avance de la actividad 2.4"]
    assert textos(respuesta, "preguntas") == [
        f"Responder la pregunta {datos['educacion'].radicado}"
    ]
    assert textos(respuesta, "espacios_sin_acta") == [
        "Registrar el cierre de «Jornada de educación en la comuna 5»"
    ]
    html = respuesta.content.decode()
    assert 'href="/actividades/' in html and "#reportar" in html
    assert f'href="/dialogos/gestion/preguntas/{datos["educacion"].pk}/"' in html


def test_el_plazo_legal_de_una_pregunta_se_marca_urgente_a_tres_dias_habiles(client, bruno, datos):
    respuesta = pagina(client, bruno)

    [item] = next(g for g in respuesta.context["grupos"] if g.clave == "preguntas").items
    # Received on Friday 25/11/2022: 15 business days (8/12 is a holiday) → 19/12/2022;
    # on 10/12 (a Saturday) 6 business days are left: not urgent yet.
    assert item.detalle == "Vence el 19/12/2022: Quedan 6 días hábiles"
    assert not item.urgente


def test_una_oficina_nunca_ve_lo_pendiente_de_otra(client, bruno, carla, datos):
    de_bruno = pagina(client, bruno).content.decode()
    de_carla = pagina(client, carla).content.decode()

    assert datos["salud"].radicado not in de_bruno
    assert "Lista de asistencia de Salud" not in de_bruno
    assert "actividad 1.5" not in de_bruno
    assert datos["educacion"].radicado not in de_carla
    assert "Acta de la jornada" not in de_carla
    assert "comuna 5" not in de_carla
    assert datos["sin_asignar"].radicado not in de_bruno + de_carla


def test_opgi_ve_lo_que_espera_su_revision_sus_preguntas_y_los_plazos(client, alicia, datos):
    respuesta = pagina(client, alicia)

    assert textos(respuesta, "por_revisar") == [
        "Revisar la evidencia «Lista de asistencia de Salud» (actividad 1.5)",
        "Revisar el avance del 15/09/2022 (actividad 1.3)",
    ]
    assert textos(respuesta, "por_asignar") == [
        f"Asignar la pregunta {datos['sin_asignar'].radicado}"
    ]
    oficinas = textos(respuesta, "oficinas_sin_reporte")
    assert any(texto.startswith("Secretaría de Salud") for texto in oficinas)
    assert not any("Educación" in texto for texto in oficinas)
    assert textos(respuesta, "cortes") == [
        "Publicar el seguimiento del I cuatrimestre 2022",
        "Publicar el seguimiento del II cuatrimestre 2022",
    ]


def test_control_interno_ve_los_cortes_por_cerrar_con_su_fecha_legal(client, diana, datos):
    respuesta = pagina(client, diana)

    grupo = next(g for g in respuesta.context["grupos"] if g.clave == "cortes")
    # Business days counted day by day against the `holidays` calendar of Colombia.
    assert [(i.texto, i.detalle, i.urgente) for i in grupo.items] == [
        (
            "Observar y cerrar I cuatrimestre 2022",
            "Publicación a más tardar el 13/05/2022: Vencido hace 140 días hábiles",
            True,
        ),
        (
            "Observar y cerrar II cuatrimestre 2022",
            "Publicación a más tardar el 14/09/2022: Vencido hace 58 días hábiles",
            True,
        ),
    ]
    assert [g.clave for g in respuesta.context["grupos"]] == ["documentos", "cortes"]


def test_un_usuario_sin_rol_va_al_portal(client, django_user_model, plan_2022):
    client.force_login(django_user_model.objects.create_user("visitante"))

    assert client.get("/pendientes/").url == "/"


@pytest.mark.parametrize("persona", ["alicia", "bruno"])
def test_mis_pendientes_cuesta_las_mismas_consultas_con_pocos_o_muchos_pendientes(
    client, request, actividad, alicia, bruno, datos, persona
):
    usuario = request.getfixturevalue(persona)
    client.force_login(usuario)
    with CaptureQueriesContext(connection) as pocos:
        client.get("/pendientes/")
    for numero in range(6):
        devuelta = evidencia(actividad, bruno, "2.4", f"Soporte {numero}")
        if numero % 2:
            services.devolver_evidencia(evidencia=devuelta, revisor=alicia, comentario="No.")
        pregunta(alicia, "educacion", HOY - timedelta(days=numero), f"¿Pregunta {numero}?")

    client.get("/pendientes/")  # the new count is written to the session once
    with CaptureQueriesContext(connection) as muchos:
        respuesta = client.get("/pendientes/")

    assert len(muchos.captured_queries) == len(pocos.captured_queries)
    assert respuesta.context["total"] > 6
    assert Evidencia.objects.count() == 8


def test_la_navegacion_muestra_cuantos_pendientes_tiene_sin_consultas_por_pagina(
    client, bruno, datos, django_assert_num_queries
):
    client.post("/cuentas/login/", {"username": "bruno", "password": "clave-de-prueba"})
    total = client.get("/pendientes/").context["total"]

    pagina = client.get("/dialogos/").content.decode()  # any page: the count is the session's

    assert total == 5
    assert f'Mis pendientes <span class="insignia">({total}' in pagina
