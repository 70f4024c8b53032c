"""The admin: every model listed with Spanish names; responses are read-only evidence."""

from encuestas.models import Respuesta

from .conftest import minimas, responder_web


def test_el_admin_de_encuestas_en_espanol(client, admin_user, encuesta):
    responder_web(encuesta, minimas(encuesta.cuestionario))
    client.force_login(admin_user)
    indice = client.get("/admin/").content.decode()
    for nombre in (
        "Encuestas de satisfacción",
        "Cuestionarios",
        "Preguntas del cuestionario",
        "Respuestas de encuestas",
    ):
        assert nombre in indice
    for modelo in ("cuestionario", "preguntaencuesta", "encuesta", "respuesta"):
        assert client.get(f"/admin/encuestas/{modelo}/").status_code == 200
    respuesta = Respuesta.objects.get()
    detalle = client.get(f"/admin/encuestas/respuesta/{respuesta.pk}/change/")
    assert detalle.status_code == 200
    assert 'name="_save"' not in detalle.content.decode()  # nothing to save: read-only
    assert client.get("/admin/encuestas/respuesta/add/").status_code == 403
    assert client.get(f"/admin/encuestas/encuesta/{encuesta.pk}/change/").status_code == 200
