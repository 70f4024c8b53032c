"""OPGI switches an activity to a source that counts itself, from the activity page."""

from datetime import date

from plan.models import Avance

CLAVE_PREGUNTAS = "dialogos.preguntas_recibidas"


def _claves(respuesta) -> list[str]:
    return [valor for valor, _ in respuesta.context["form_fuente"].fields["fuente"].choices]


def test_opgi_ve_todas_las_fuentes_registradas_y_cambia_la_actividad(client, alicia, actividad):
    actividad_32 = actividad("3.2")
    client.force_login(alicia)

    pagina = client.get(f"/actividades/{actividad_32.pk}/")
    assert "" in _claves(pagina) and "encuestas.respuestas" in _claves(pagina)
    assert CLAVE_PREGUNTAS in _claves(pagina)

    respuesta = client.post(f"/actividades/{actividad_32.pk}/fuente/", {"fuente": CLAVE_PREGUNTAS})

    assert respuesta.status_code == 302
    actividad_32.refresh_from_db()
    assert actividad_32.fuente_avance == CLAVE_PREGUNTAS
    html = client.get(f"/actividades/{actividad_32.pk}/").content.decode()
    assert f'data-fuente="{CLAVE_PREGUNTAS}"' in html
    assert "Reportar avance" not in html  # hand reports would be ignored


def test_una_fuente_desconocida_no_se_guarda(client, alicia, actividad):
    client.force_login(alicia)
    client.post(f"/actividades/{actividad('3.2').pk}/fuente/", {"fuente": "no.existe"})
    assert actividad("3.2").fuente_avance == ""


def test_solo_opgi_cambia_la_fuente(client, bruno, diana, actividad):
    for usuario, codigo, esperado in (
        (bruno, "1.3", 403),
        (diana, "1.3", 403),
        (bruno, "1.5", 404),
    ):
        client.force_login(usuario)
        respuesta = client.post(
            f"/actividades/{actividad(codigo).pk}/fuente/", {"fuente": CLAVE_PREGUNTAS}
        )
        assert respuesta.status_code == esperado
        assert actividad(codigo).fuente_avance == ""


def test_volver_a_manual_recupera_los_reportes(client, alicia, actividad):
    actividad_32 = actividad("3.2")
    Avance.objects.create(
        estado=Avance.Estado.APROBADO,
        actividad=actividad_32,
        fecha=date(2022, 8, 1),
        cantidad=40,
        narrativa="x",
        reportado_por=alicia,
    )
    client.force_login(alicia)
    client.post(f"/actividades/{actividad_32.pk}/fuente/", {"fuente": CLAVE_PREGUNTAS})
    assert client.get(f"/actividades/{actividad_32.pk}/").context["fila"].cantidad == 0

    client.post(f"/actividades/{actividad_32.pk}/fuente/", {"fuente": ""})

    assert client.get(f"/actividades/{actividad_32.pk}/").context["fila"].cantidad == 40
