"""Chain of trust in dialogos: the «Historial» of a space and of a question, and the
answer to a question under optimistic concurrency (issue 12, part 5)."""

import re

import pytest

from dialogos.models import Pregunta
from dialogos.selectors import DATOS_PERSONALES
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


def version_del_formulario(html: str) -> str:
    return re.search(r'name="version" value="(\d*)"', html).group(1)


def test_el_historial_de_una_pregunta_nunca_muestra_los_datos_personales(
    client, alicia, crear_pregunta, educacion
):
    pregunta = crear_pregunta("¿Habrá cupos en el colegio de Genoy?", **PERSONAL)
    client.force_login(alicia)
    client.post(f"/dialogos/gestion/preguntas/{pregunta.pk}/asignar/", {"oficina": educacion.pk})

    respuesta = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/historial/")

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Dependencia que responde</strong>: — → Secretaría de Educación" in html
    assert ">alicia<" in html
    assert set(DATOS_PERSONALES) == {"nombre", "correo", "telefono"}
    for dato in ("Jhon Jairo", "jjbenavides", "3174445566"):
        assert dato not in html
    # The field names, in the page's content (the footer gives the entity's own phone).
    contenido = html[html.index("<main") : html.index("</main>")]
    for dato in ("Correo electrónico", "Teléfono"):
        assert dato not in contenido


def test_el_historial_de_un_espacio_es_de_opgi_y_control_interno(
    client, diana, bruno, crear_espacio
):
    espacio = crear_espacio(realizado=True)
    url = f"/dialogos/gestion/espacios/{espacio.pk}/historial/"
    client.force_login(diana)
    html = client.get(url).content.decode()
    assert "<caption>Historial" in html and "Espacio de diálogo n.º" in html
    assert url in client.get(f"/dialogos/gestion/espacios/{espacio.pk}/").content.decode()
    client.force_login(bruno)  # organises it, but reads no history
    assert client.get(url).status_code == 403
    assert url not in client.get(f"/dialogos/gestion/espacios/{espacio.pk}/").content.decode()


def test_una_respuesta_sobre_una_pregunta_cambiada_entretanto_se_rechaza_sin_perderla(
    client, alicia, bruno, crear_pregunta, educacion
):
    pregunta = crear_pregunta("¿Habrá cupos en el colegio de Genoy?")
    client.force_login(alicia)
    client.post(f"/dialogos/gestion/preguntas/{pregunta.pk}/asignar/", {"oficina": educacion.pk})
    client.force_login(bruno)
    vista = version_del_formulario(
        client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/").content.decode()
    )
    client.force_login(alicia)  # meanwhile OPGI reassigns it (to the same office)
    client.post(f"/dialogos/gestion/preguntas/{pregunta.pk}/asignar/", {"oficina": educacion.pk})

    client.force_login(bruno)
    url = f"/dialogos/gestion/preguntas/{pregunta.pk}/responder/"
    rechazada = client.post(url, {"respuesta": "Sí: 120 cupos en febrero.", "version": vista})

    html = rechazada.content.decode()
    assert rechazada.status_code == 400
    assert "Mientras usted editaba, alicia guardó cambios" in html
    assert "Sí: 120 cupos en febrero." in html  # the answer stays in the form
    assert Pregunta.objects.get(pk=pregunta.pk).respuesta == ""
    aceptada = client.post(
        url, {"respuesta": "Sí: 120 cupos en febrero.", "version": version_del_formulario(html)}
    )
    assert aceptada.status_code == 302
    assert Pregunta.objects.get(pk=pregunta.pk).respuesta == "Sí: 120 cupos en febrero."
