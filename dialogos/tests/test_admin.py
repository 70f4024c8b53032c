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
