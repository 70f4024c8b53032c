"""The three journeys of issue 7, in a real Chromium against the live server.

a. OPGI: logs in, opens the dashboard, records progress, approves an office's
   evidence and makes it public, downloads the follow-up PDF.
b. An office: logs in, sees only its activities, uploads a real PDF, sees it
   «Enviada», cannot open another office's activity.
c. A citizen on a phone: finds activity 2.2, sees its progress and published
   evidence, asks a question, looks it up by tracking number, answers a survey.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import crear_usuario
from plan import roles
from plan.documentos import pdf_desde_html
from plan.models import Actividad, Evidencia


@pytest.fixture
def plan(transactional_db):
    call_command("loaddata", "plan_2022", verbosity=0)


def ingresar(page, usuario: str) -> None:
    page.goto("/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill(usuario)
    page.get_by_label("Contraseña").fill("clave-de-prueba")
    page.get_by_role("button", name="Ingresar").click()


@pytest.fixture
def informe_pdf(tmp_path):
    ruta = tmp_path / "lista-de-asistencia.pdf"
    ruta.write_bytes(
        pdf_desde_html("<h1>Lista de asistencia</h1><p>Jornada 2022</p>", base_url=".")
    )
    return ruta


def test_b_una_oficina_reporta_solo_lo_suyo(page, plan, informe_pdf):
    crear_usuario("bruno", roles.OFICINA, "educacion")
    ingresar(page, "bruno")

    expect(page).to_have_url(re.compile(r"/oficina/educacion/$"))
    codigos = page.locator("tr[data-actividad]").evaluate_all(
        "filas => filas.map(f => f.dataset.actividad)"
    )
    assert codigos == ["1.3", "2.4"]

    page.locator('tr[data-actividad="1.3"]').get_by_role("link").click()
    page.get_by_label("Descripción", exact=True).fill("Lista de asistencia de la jornada")
    page.get_by_label("Archivo").set_input_files(informe_pdf)
    page.get_by_role("button", name="Enviar evidencia").click()

    expect(page.get_by_text("Evidencia enviada. OPGI la revisará.")).to_be_visible()
    evidencia = page.locator("li[data-evidencia]").first
    expect(evidencia).to_contain_text("Lista de asistencia de la jornada")
    expect(evidencia.locator(".estado-evidencia")).to_have_text("Enviada")
    assert Evidencia.objects.get().tipo_contenido == "application/pdf"

    otra = Actividad.objects.get(codigo="1.5")  # Secretaría de Salud
    respuesta = page.goto(f"/actividades/{otra.pk}/")
    assert respuesta.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Página no encontrada")
