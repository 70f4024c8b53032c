"""A large plan's follow-up is built by a background task, not inside the request.

With INFORME_EN_SEGUNDO_PLANO_DESDE lowered to the 2022 plan's 23 activities, asking
for the follow-up answers at once with «Su informe se está generando…» and sends the
user to «Mis pendientes»; the task (immediate backend in tests) stores the file, the
page lists it with its link, an e-mail says so, and only that user downloads it.
"""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from nucleo import generados
from nucleo.models import DocumentoGenerado

PDF = "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.pdf"


@pytest.fixture
def grande(settings, plan_2022):
    settings.INFORME_EN_SEGUNDO_PLANO_DESDE = 23


def test_el_seguimiento_de_un_plan_grande_se_genera_en_segundo_plano(client, alicia, grande):
    client.force_login(alicia)

    respuesta = client.get(PDF, follow=True)

    assert respuesta.redirect_chain == [("/pendientes/", 302)]
    assert generados.MENSAJE_GENERANDO in respuesta.content.decode()
    documento = DocumentoGenerado.objects.get()
    assert documento.listo and documento.pedido_por == alicia
    enlace = f"/documentos/{documento.pk}/"
    assert enlace in respuesta.content.decode()
    [aviso] = [m for m in mail.outbox if m.to == ["alicia@pasto.gov.co"]]
    assert aviso.subject.startswith("Su informe está listo: Seguimiento del II cuatrimestre 2022")
    assert enlace in aviso.body

    descarga = client.get(enlace)
    assert descarga["Content-Type"] == "application/pdf"
    paginas = PdfReader(io.BytesIO(b"".join(descarga.streaming_content))).pages
    texto = " ".join(" ".join(pagina.extract_text() for pagina in paginas).split())
    assert "Seguimiento Oficina de Control Interno – II cuatrimestre" in texto


def test_solo_quien_lo_pidio_descarga_el_informe_generado(client, alicia, diana, grande):
    client.force_login(alicia)
    client.get(PDF)
    documento = DocumentoGenerado.objects.get()

    client.force_login(diana)

    assert client.get(f"/documentos/{documento.pk}/").status_code == 404


def test_un_informe_que_falla_queda_marcado_y_no_rompe_la_pagina(
    client, alicia, grande, monkeypatch
):
    def falla(**_):
        raise RuntimeError("WeasyPrint se quedó sin memoria")

    monkeypatch.setattr("plan.informes.documento_seguimiento", falla)
    client.force_login(alicia)

    respuesta = client.get(PDF, follow=True)

    documento = DocumentoGenerado.objects.get()
    assert documento.fallido and "sin memoria" in documento.error
    assert "No se pudo generar: Seguimiento del II cuatrimestre 2022" in respuesta.content.decode()


def test_un_plan_pequeno_se_sigue_descargando_en_la_misma_peticion(client, alicia, plan_2022):
    client.force_login(alicia)

    respuesta = client.get(PDF)

    assert respuesta["Content-Type"] == "application/pdf"
    assert not DocumentoGenerado.objects.exists()


def test_el_informe_de_una_oficina_grande_tambien_se_genera_en_segundo_plano(
    settings, client, bruno, plan_2022
):
    settings.INFORME_EN_SEGUNDO_PLANO_DESDE = 2  # Educación owns 1.3 and 2.4
    client.force_login(bruno)

    respuesta = client.get(
        "/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/3.xlsx", follow=True
    )

    documento = DocumentoGenerado.objects.get()
    assert documento.listo and documento.pedido_por == bruno
    assert documento.nombre_original.startswith("rdc-educacion-2022-3-")
    assert f"/documentos/{documento.pk}/" in respuesta.content.decode()
    assert client.get(f"/documentos/{documento.pk}/")["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
