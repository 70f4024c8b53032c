"""The menu in Chromium: behind «Menú» on a phone (390×844), inline on a desktop
(1366×900), without JavaScript either way; the GOV.CO bar and footer on both."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import crear_usuario
from nucleo import roles

PUBLICOS = [
    "Plan",
    "Diálogos y audiencias",
    "Preguntar",
    "Respuestas",
    "Encuestas",
    "Informes de resultados",
    "Datos abiertos",
]
MI_TRABAJO = [
    "Mis pendientes",
    "Mi tablero",
    "Gestión de diálogos",
    "Gestión de encuestas",
    "Mis notificaciones",
    "Cambiar contraseña",
]


@pytest.fixture
def plan(transactional_db):
    call_command("loaddata", "plan_2022", verbosity=0)


def pagina(browser, live_server, ancho: int, alto: int, movil: bool):
    contexto = browser.new_context(
        viewport={"width": ancho, "height": alto},
        is_mobile=movil,
        has_touch=movil,
        java_script_enabled=False,  # the menu needs none
        locale="es-CO",
        base_url=live_server.url,
    )
    return contexto, contexto.new_page()


def ingresar(page, usuario: str) -> None:
    page.goto("/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill(usuario)
    page.get_by_label("Contraseña").fill("clave-de-prueba")
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/pendientes/")


def test_en_el_telefono_el_menu_se_abre_con_el_boton_y_muestra_los_enlaces(
    browser, live_server, plan
):
    crear_usuario("bruno", roles.OFICINA, "educacion")
    contexto, page = pagina(browser, live_server, 390, 844, movil=True)
    try:
        page.goto("/")
        navegacion = page.get_by_role("navigation", name="Navegación principal")
        boton = navegacion.locator("summary", has_text="Menú")
        expect(boton).to_be_visible()
        caja = boton.bounding_box()
        assert caja["height"] >= 44 and caja["width"] >= 44  # a thumb's target
        for nombre in PUBLICOS:
            expect(navegacion.get_by_role("link", name=nombre, exact=True)).to_be_hidden()

        boton.tap()
        for nombre in [*PUBLICOS, "Ingresar"]:
            enlace = navegacion.get_by_role("link", name=nombre, exact=True)
            expect(enlace).to_be_visible()
            assert enlace.bounding_box()["height"] >= 24  # WCAG 2.2, 2.5.8
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        # The GOV.CO bar above the header, the institutional footer below.
        expect(page.locator("[data-govco]").get_by_role("link", name="GOV.CO")).to_be_visible()
        expect(page.locator("footer [data-pie-contacto]")).to_contain_text(
            "Correo para notificaciones judiciales"
        )

        # An official: her links apart, under «Mi trabajo».
        ingresar(page, "bruno")
        expect(boton).to_be_visible()
        boton.tap()
        grupo = navegacion.get_by_role("list", name="Mi trabajo")
        for nombre in MI_TRABAJO:
            expect(grupo.get_by_role("link", name=nombre)).to_be_visible()
        expect(grupo.get_by_role("button", name="Salir (bruno)")).to_be_visible()
        grupo.get_by_role("link", name="Mi tablero").tap()
        page.wait_for_url("**/oficina/**")
    finally:
        contexto.close()


def test_en_el_escritorio_la_navegacion_se_ve_sin_abrir_nada(browser, live_server, plan):
    crear_usuario("alicia", roles.OPGI)
    contexto, page = pagina(browser, live_server, 1366, 900, movil=False)
    try:
        page.goto("/")
        navegacion = page.get_by_role("navigation", name="Navegación principal")
        expect(navegacion.locator("summary", has_text="Menú")).to_be_hidden()
        for nombre in PUBLICOS:
            expect(navegacion.get_by_role("link", name=nombre, exact=True)).to_be_visible()

        ingresar(page, "alicia")
        grupo = navegacion.get_by_role("list", name="Mi trabajo")
        for nombre in MI_TRABAJO:
            expect(grupo.get_by_role("link", name=nombre)).to_be_visible()
        grupo.get_by_role("link", name="Mi tablero").click()
        page.wait_for_url("**/tablero/")
    finally:
        contexto.close()
