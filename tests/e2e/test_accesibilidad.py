"""WCAG 2.1 AA, checked by axe-core in Chromium: no serious or critical violation.

Every public page and every form a citizen or official fills in is visited;
new public pages must be added to PAGINAS_PUBLICAS.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from conftest import crear_usuario
from plan import roles

PAGINAS_PUBLICAS = [
    "/",
    "/plan/2022/",
    "/plan/2022/?q=diálogo&estado=vencida",
    "/plan/2022/actividades/2.2/",
    "/cuentas/login/",
    "/datos-abiertos/",
    "/mapa-del-sitio/",
]

PAGINAS_INTERNAS = [
    "/tablero/",
    "/tablero/?corte=2022-2",
    "/oficina/educacion/",
    "/actividades/3/",
]

IMPACTOS_GRAVES = {"serious", "critical"}
# WCAG 2.1 A and AA rules only (axe's best-practice rules are advisory).
ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violaciones_graves(pagina) -> list[str]:
    resultado = Axe().run(pagina, options={"runOnly": {"type": "tag", "values": ETIQUETAS_WCAG}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in resultado.response["violations"]
        if v["impact"] in IMPACTOS_GRAVES
    ]


@pytest.fixture
def datos(transactional_db):
    call_command("loaddata", "plan_2022", verbosity=0)


@pytest.mark.parametrize("ruta", PAGINAS_PUBLICAS)
def test_paginas_publicas_sin_violaciones_graves(page, datos, ruta):
    page.goto(ruta)
    assert page.locator("html").get_attribute("lang") == "es"
    assert violaciones_graves(page) == []


@pytest.mark.parametrize("ruta", PAGINAS_PUBLICAS[:2])
def test_paginas_publicas_en_el_telefono(movil, datos, ruta):
    movil.goto(ruta)
    assert violaciones_graves(movil) == []
    # Nothing wider than the screen: no horizontal scrolling of the page itself.
    ancho = movil.evaluate("document.documentElement.scrollWidth")
    assert ancho <= 360


def test_el_enlace_para_saltar_al_contenido_es_lo_primero_del_teclado(page, datos):
    page.goto("/")
    page.keyboard.press("Tab")
    enfocado = page.evaluate("document.activeElement.textContent")
    assert enfocado.strip() == "Saltar al contenido principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenido"


@pytest.mark.parametrize("ruta", PAGINAS_INTERNAS)
def test_paginas_internas_y_formularios_sin_violaciones_graves(page, datos, ruta):
    crear_usuario("alicia", roles.OPGI)
    page.goto("/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill("alicia")
    page.get_by_label("Contraseña").fill("clave-de-prueba")
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/tablero/")
    page.goto(ruta)
    assert page.locator("h1").inner_text() != "Ingresar"
    assert violaciones_graves(page) == []
