"""The survey poster (a PDF) names the site's entity (issue 16), read back with pypdf."""

import io

from pypdf import PdfReader

from conftest import OTRA
from tests.test_sin_pasto import menciones


def test_el_cartel_de_otra_entidad_lleva_su_nombre_y_no_el_de_pasto(
    client, alicia, encuesta, otra_entidad
):
    client.force_login(alicia)

    respuesta = client.get(f"/encuestas/gestion/{encuesta.pk}/cartel.pdf")

    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    texto = PdfReader(io.BytesIO(respuesta.content)).pages[0].extract_text()
    assert texto.startswith(OTRA["nombre"].upper())  # uppercase by its stylesheet
    assert "Jornada de diálogo: calidad educativa" in texto
    assert menciones(texto) == []
