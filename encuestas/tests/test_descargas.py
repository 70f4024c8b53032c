"""Downloads: the responses as XLSX (read back), the PDF summary, the QR code and its poster."""

import io
from datetime import date

import openpyxl
import pytest
import segno
import zxingcpp
from PIL import Image
from pypdf import PdfReader


def _texto_pdf(contenido: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages)


def test_xlsx_una_fila_por_respuesta_una_columna_por_pregunta(
    client, diana, encuesta_con_respuestas
):
    client.force_login(diana)
    respuesta = client.get(f"/encuestas/gestion/{encuesta_con_respuestas.pk}/resultados.xlsx")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"encuesta-{encuesta_con_respuestas.codigo}.xlsx" in respuesta["Content-Disposition"]
    libro = openpyxl.load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames == ["Respuestas", "Resumen", "Datos"]
    hoja = libro["Respuestas"]
    encabezado = [c.value for c in hoja[1]]
    assert encabezado == [
        "Respuesta N.°",
        "Encuesta",
        "Fecha",
        "Canal",
        "1. ¿La información fue clara?",
        "2. ¿Cómo participó?",
        "3. ¿Cómo se enteró?",
        "4. ¿Volvería?",
        "5. Tema para el próximo espacio",
        "6. Sugerencias",
    ]
    filas = [
        dict(zip(encabezado, fila, strict=True)) for fila in hoja.iter_rows(2, values_only=True)
    ]
    assert len(filas) == 6
    web = [f for f in filas if f["Canal"] == "Formulario web"]
    papel = [f for f in filas if f["Canal"] == "Formato en papel"]
    assert len(web) == 4 and len(papel) == 2
    assert all(f["Fecha"].date() == date(2022, 8, 10) for f in papel)
    # A scale is its number; a multiple choice lists its options; empty stays empty.
    primera = web[0]
    assert primera["1. ¿La información fue clara?"] == 5
    assert primera["3. ¿Cómo se enteró?"] == "Radio; Redes sociales"
    assert primera["6. Sugerencias"] == "Más tiempo para preguntar."
    assert web[3]["3. ¿Cómo se enteró?"] is None
    assert sorted(f["1. ¿La información fue clara?"] for f in filas) == [2, 3, 4, 4, 5, 5]
    resumen = {
        (fila[1], fila[3]): fila[4:] for fila in libro["Resumen"].iter_rows(2, values_only=True)
    }
    radio = resumen[("3. ¿Cómo se enteró?", "Radio")]
    assert radio[0] == 3 and float(radio[1]) == pytest.approx(0.75) and radio[2] == 4
    assert float(resumen[("1. ¿La información fue clara?", "4 – De acuerdo")][3]) == 3.83
    datos = {fila[0]: fila[1] for fila in libro["Datos"].iter_rows(2, values_only=True)}
    assert datos["Respuestas"] == 6 and datos["Por formato en papel"] == 2


def test_xlsx_del_periodo(client, alicia, encuesta_con_respuestas):
    client.force_login(alicia)
    respuesta = client.get("/encuestas/gestion/resultados.xlsx?desde=2022-08-01&hasta=2022-08-31")
    assert 'filename="encuestas-2022-08-01-2022-08-31.xlsx"' in respuesta["Content-Disposition"]
    hoja = openpyxl.load_workbook(io.BytesIO(respuesta.content))["Respuestas"]
    assert hoja.max_row == 3  # header + the two paper forms of August


def test_pdf_resumen(client, bruno, encuesta_con_respuestas):
    client.force_login(bruno)
    respuesta = client.get(f"/encuestas/gestion/{encuesta_con_respuestas.pk}/resultados.pdf")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    texto = _texto_pdf(respuesta.content)
    assert "Resultados de la encuesta: Jornada de diálogo: calidad educativa" in texto
    assert "6 (4 por internet, 2 en papel)" in texto
    assert "promedio 3,83 de 5" in texto
    assert "75,0 %" in texto and "El sonido era malo." in texto


def test_formato_desconocido_da_404(client, alicia, encuesta_con_respuestas):
    client.force_login(alicia)
    assert (
        client.get(f"/encuestas/gestion/{encuesta_con_respuestas.pk}/resultados.csv").status_code
        == 404
    )
    # The <formato:…> converter: no view sees another format, the period's report included.
    assert client.get("/encuestas/gestion/resultados.docx").status_code == 404
    assert client.get("/encuestas/gestion/resultados.xlsx").status_code == 200


def test_el_png_del_qr_lleva_al_enlace_de_la_encuesta(client, bruno, encuesta):
    client.force_login(bruno)
    respuesta = client.get(f"/encuestas/gestion/{encuesta.pk}/qr.png")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "image/png"
    imagen = Image.open(io.BytesIO(respuesta.content))
    assert imagen.format == "PNG"
    leidos = zxingcpp.read_barcodes(imagen)
    url = f"http://testserver/encuestas/responder/{encuesta.codigo}/"
    assert [codigo.text for codigo in leidos] == [url]
    assert leidos[0].format == zxingcpp.BarcodeFormat.QRCode
    # The same matrix segno builds for the URL (error correction M).
    assert imagen.size == (segno.make(url, error="m").symbol_size(scale=12, border=4))
    # And the link works: it is the survey's public page.
    client.logout()
    assert client.get(url).status_code == 200


def test_el_cartel_pdf_con_nombre_fecha_y_enlace(client, alicia, encuesta):
    client.force_login(alicia)
    respuesta = client.get(f"/encuestas/gestion/{encuesta.pk}/cartel.pdf")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    lector = PdfReader(io.BytesIO(respuesta.content))
    assert len(lector.pages) == 1
    texto = _texto_pdf(respuesta.content)
    assert "Jornada de diálogo: calidad educativa" in texto
    assert "10/08/2022" in texto
    assert f"http://testserver/encuestas/responder/{encuesta.codigo}/" in texto.replace("\n", "")


def test_la_pagina_de_la_encuesta_muestra_enlace_y_qr(client, bruno, encuesta):
    client.force_login(bruno)
    html = client.get(f"/encuestas/gestion/{encuesta.pk}/").content.decode()
    assert f"http://testserver/encuestas/responder/{encuesta.codigo}/" in html
    assert '<svg role="img"' in html and "<title>Código QR de la encuesta" in html
