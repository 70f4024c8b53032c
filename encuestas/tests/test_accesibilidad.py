"""WCAG 2.1 AA of the survey pages, checked by axe-core in Debian's Chromium (as tests/e2e).

The public answer form on a phone (empty, and with its errors), the thanks page, the
published results, and the staff's paper entry and results pages; plus the whole
answer given with the keyboard only.
"""

import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import crear_usuario
from encuestas import services
from nucleo import roles
from tests.e2e.conftest import CHROMIUM, browser_context_args, browser_type_launch_args, movil
from tests.e2e.test_accesibilidad import violaciones_graves

from .conftest import crear_espacio, hora

__all__ = ["browser_context_args", "browser_type_launch_args", "movil"]  # fixtures used here

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and os.environ.get("E2E_OBLIGATORIO") != "1",
    reason="Chromium no está instalado (apt-get install chromium)",
)


@pytest.fixture
def encuesta_e2e(transactional_db):
    """Data made here: a browser test's database is emptied after each test (data
    migrations included), so nothing is taken from them."""
    call_command("loaddata", "plan_2022", verbosity=0)
    alicia = crear_usuario("alicia", roles.OPGI)
    cuestionario = services.crear_cuestionario(usuario=alicia, nombre="Evaluación")
    for tipo, texto, opciones in [
        ("escala", "La información fue clara.", []),
        ("unica", "¿Cómo participó?", ["Presencial", "Virtual"]),
        ("multiple", "¿Cómo se enteró?", ["Radio", "Redes sociales"]),
        ("si_no", "¿Volvería?", []),
        ("texto_largo", "Sugerencias", []),
    ]:
        services.agregar_pregunta(
            usuario=alicia,
            cuestionario=cuestionario,
            tipo=tipo,
            texto=texto,
            opciones=opciones,
            obligatoria=tipo != "texto_largo",
        )
    espacio = crear_espacio(
        oficinas=["educacion"], titulo="Audiencia de educación", inicio=hora(2022, 8, 10)
    )
    ahora = timezone.now()
    encuesta = services.crear_encuesta(
        usuario=alicia,
        cuestionario=cuestionario,
        espacio=espacio,
        abre_en=ahora - timedelta(days=1),
        cierra_en=ahora + timedelta(days=1),
    )
    services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    return encuesta


def test_responder_en_el_telefono_solo_con_el_teclado(movil, encuesta_e2e):
    movil.goto(f"/encuestas/responder/{encuesta_e2e.codigo}/")
    assert violaciones_graves(movil) == []
    assert movil.evaluate("document.documentElement.scrollWidth") <= 360
    # Sent empty: the error summary is announced, and the page still passes.
    movil.get_by_role("button", name="Enviar mis respuestas").click()
    assert movil.get_by_role("alert").is_visible()
    assert violaciones_graves(movil) == []
    # Each group is reached by its legend; arrows choose within a group of radio buttons.
    movil.get_by_role("radio", name="4 – De acuerdo").check()
    movil.get_by_role("radio", name="Virtual").focus()
    movil.keyboard.press("Space")
    movil.get_by_role("checkbox", name="Radio").focus()
    movil.keyboard.press("Space")
    movil.get_by_role("radio", name="Sí").focus()
    movil.keyboard.press("Space")
    movil.get_by_label("5. Sugerencias").fill("Más tiempo.")
    movil.get_by_role("button", name="Enviar mis respuestas").focus()
    movil.keyboard.press("Enter")
    movil.wait_for_url("**/gracias/")
    assert violaciones_graves(movil) == []
    assert encuesta_e2e.respuestas.get().valores.count() == 5
    # Back to the form (fetched again): «ya respondió», no second form, and it passes too.
    movil.goto(f"/encuestas/responder/{encuesta_e2e.codigo}/")
    assert movil.get_by_role("heading", level=1).inner_text() == "Ya respondió esta encuesta"
    assert movil.locator('input[name="testigo"]').count() == 0
    assert violaciones_graves(movil) == []


def test_resultados_publicos_y_paginas_del_equipo(page, encuesta_e2e):
    page.goto(f"/encuestas/resultados/{encuesta_e2e.codigo}/")
    assert violaciones_graves(page) == []
    page.goto("/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill("alicia")
    page.get_by_label("Contraseña").fill("clave-de-prueba")
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/pendientes/")
    for ruta in (
        "/encuestas/gestion/",
        f"/encuestas/gestion/{encuesta_e2e.pk}/",
        f"/encuestas/gestion/{encuesta_e2e.pk}/papel/",
        f"/encuestas/gestion/{encuesta_e2e.pk}/resultados/",
        f"/encuestas/cuestionarios/{encuesta_e2e.cuestionario_id}/",
    ):
        page.goto(ruta)
        assert violaciones_graves(page) == [], ruta
    # Paper entry with the keyboard: type the digit, Tab on, Enter saves and opens the next.
    page.goto(f"/encuestas/gestion/{encuesta_e2e.pk}/papel/")
    page.get_by_label("La información fue clara.").fill("5")
    page.get_by_role("radio", name="Presencial").check()
    page.get_by_role("checkbox", name="Redes sociales").check()
    page.get_by_role("radio", name="No").check()
    page.get_by_label("La información fue clara.").press("Enter")
    page.wait_for_url("**/papel/?fecha=*")
    assert "Formatos en papel digitados en esta encuesta: 1" in page.content()
    assert encuesta_e2e.respuestas.get().canal == "papel"
