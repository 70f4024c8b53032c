"""The admin of dialogos: every model, with Spanish names."""

import pytest

from dialogos.models import Pregunta

MODELOS = {
    "territorio": "Comunas y corregimientos",
    "espaciodialogo": "Espacios de diálogo",
    "compromiso": "Compromisos",
    "adjuntoespacio": "Adjuntos de los espacios",
    "pregunta": "Preguntas ciudadanas",
    "informerespuestas": "Informes de respuestas",
}


def test_el_admin_lista_los_modelos_de_dialogos_en_espanol(admin_client, db):
    html = admin_client.get("/admin/dialogos/").content.decode()
    assert "Diálogos con la ciudadanía" in html
    for nombre in MODELOS.values():
        assert nombre in html


@pytest.mark.parametrize("modelo", MODELOS)
def test_listas_del_admin(admin_client, crear_espacio, crear_pregunta, modelo):
    crear_espacio(realizado=True)
    crear_pregunta()
    assert admin_client.get(f"/admin/dialogos/{modelo}/").status_code == 200


def test_ficha_de_un_espacio_y_de_una_pregunta(admin_client, crear_espacio, crear_pregunta):
    espacio = crear_espacio(realizado=True)
    pregunta = crear_pregunta()
    assert (
        admin_client.get(f"/admin/dialogos/espaciodialogo/{espacio.pk}/change/").status_code == 200
    )
    html = admin_client.get(f"/admin/dialogos/pregunta/{pregunta.pk}/change/").content.decode()
    assert pregunta.radicado in html


def test_los_territorios_no_se_agregan_ni_borran_en_el_admin(admin_client, db):
    assert admin_client.get("/admin/dialogos/territorio/add/").status_code == 403
    assert admin_client.get("/admin/dialogos/territorio/1/delete/").status_code == 403


def test_control_interno_solo_lee(client, diana, crear_pregunta):
    pregunta = crear_pregunta()
    client.force_login(diana)
    assert client.get("/admin/dialogos/pregunta/").status_code == 200
    respuesta = client.post(
        f"/admin/dialogos/pregunta/{pregunta.pk}/change/", {"texto": "Cambiada"}
    )
    assert respuesta.status_code == 403
    assert Pregunta.objects.get().texto != "Cambiada"


# --- Issue 10, finding 6: the admin obeys the same rules -----------------------------


@pytest.fixture
def respondida_con_datos(alicia, bruno, crear_pregunta):
    """An answered question whose original text holds the asker's name, e-mail and phone."""
    from datetime import date

    from dialogos import services
    from plan.models import Responsable

    pregunta = crear_pregunta(
        "Soy Ana Pérez (ana@example.org, 3001234567): ¿cuándo abre el colegio?",
        nombre="Ana Pérez",
        correo="ana@example.org",
        telefono="3001234567",
        quiere_respuesta=True,
        hoy=date(2022, 8, 1),
    )
    services.asignar_pregunta(
        pregunta=pregunta, usuario=alicia, oficina=Responsable.objects.get(slug="educacion")
    )
    return services.responder_pregunta(
        pregunta=pregunta, usuario=bruno, respuesta="Señora Ana Pérez: en febrero."
    )


def test_admin_publication_cannot_bypass_the_personal_data_check(
    client, alicia, respondida_con_datos
):
    pregunta = respondida_con_datos
    client.force_login(alicia)  # OPGI
    # The change form no longer takes the state nor the public texts.
    formulario = client.get(f"/admin/dialogos/pregunta/{pregunta.pk}/change/")
    assert formulario.status_code == 200
    campos = formulario.context["adminform"].form.fields
    for campo in ("estado", "texto_publico", "respuesta_publica", "publicada_en"):
        assert campo not in campos
    client.post(
        f"/admin/dialogos/pregunta/{pregunta.pk}/change/",
        {
            "canal": "web",
            "texto": pregunta.texto,
            "acepta_datos": "on",
            "estado": "publicada",
            "texto_publico": pregunta.texto,
            "respuesta_publica": pregunta.respuesta,
        },
    )
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.RESPONDIDA

    # The «Publicar» page runs the service: its Spanish errors, nothing published.
    url = f"/admin/dialogos/pregunta/{pregunta.pk}/publicar/"
    assert url in formulario.content.decode()
    respuesta = client.post(
        url, {"texto_publico": pregunta.texto, "respuesta_publica": pregunta.respuesta}
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "quítelo antes de publicar (Ley 1581 de 2012)" in html
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.RESPONDIDA
    assert "Ana Pérez" not in client.get("/dialogos/respuestas/").content.decode()


def test_admin_publication_goes_through_the_service_and_records_the_user(
    client, alicia, respondida_con_datos
):
    pregunta = respondida_con_datos
    client.force_login(alicia)
    respuesta = client.post(
        f"/admin/dialogos/pregunta/{pregunta.pk}/publicar/",
        {"texto_publico": "¿Cuándo abre el colegio?", "respuesta_publica": "En febrero."},
    )
    assert respuesta.status_code == 302
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.PUBLICADA
    assert pregunta.publicada_por == alicia
    html = client.get("/dialogos/respuestas/").content.decode()
    assert "¿Cuándo abre el colegio?" in html and "Ana Pérez" not in html


def test_admin_publication_page_is_not_for_control_interno(client, diana, respondida_con_datos):
    client.force_login(diana)
    respuesta = client.post(
        f"/admin/dialogos/pregunta/{respondida_con_datos.pk}/publicar/",
        {"texto_publico": "¿X?", "respuesta_publica": "Sí."},
    )
    assert respuesta.status_code == 403
    respondida_con_datos.refresh_from_db()
    assert respondida_con_datos.estado == Pregunta.Estado.RESPONDIDA


def test_questions_are_not_added_from_the_admin(admin_client, db):
    assert admin_client.get("/admin/dialogos/pregunta/add/").status_code == 403
