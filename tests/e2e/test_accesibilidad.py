"""WCAG 2.1 AA, checked by axe-core in Chromium: no serious or critical violation.

Every public page and every form a citizen or official fills in is visited,
with real content on it (tests/datos_portal.py: public evidence, spaces of every
state with their record and commitments, published answers, surveys); new public
pages must be added to PAGINAS_PUBLICAS (tests/test_nada_sin_publicar.py fails
for a public URL missing from its own list, PUBLICAS: add the page to both).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.management import call_command

from tests import datos_portal

# {realizado}, {radicado}… are filled from the `datos` fixture (see rutas()).
PAGINAS_PUBLICAS = [
    # The plan.
    "/",
    "/plan/alcaldia-de-pasto-paac-2022/",
    "/plan/alcaldia-de-pasto-paac-2022/?q=diálogo&estado=vencida",
    "/plan/alcaldia-de-pasto-paac-2022/actividades/2.2/",
    "/plan/alcaldia-de-pasto-paac-2022/actividades/1.3/",  # with public evidence: a file and a link
    # Dialogue: the schedule (also filtered, and filtered to nothing), the spaces.
    "/dialogos/",
    "/dialogos/?tipo=espacio_territorial&territorio=genoy&mes=2022-11",
    "/dialogos/?tipo=audiencia_publica&mes=2030-01",
    "/dialogos/?mes=noviembre",  # a filter with its error
    "/dialogos/espacios/{realizado}/",  # record, commitments, published answers
    "/dialogos/espacios/{programado}/",  # upcoming and virtual
    "/dialogos/espacios/{cancelado}/",
    # The question forms (sent empty and sent: test_formulario_de_pregunta_*).
    "/dialogos/preguntar/",
    "/dialogos/espacios/{realizado}/preguntar/",
    # The lookup, empty (with a result, not found and mistyped: test_consulta_por_radicado).
    "/dialogos/consulta/",
    # Published answers (with the answer reports) and the territorial coverage.
    "/dialogos/respuestas/",
    "/dialogos/respuestas/?territorio=genoy",
    "/dialogos/cobertura/",
    "/dialogos/cobertura/?anio=2022",
    # Surveys: the list, and a closed survey's link. The answer form (empty, with its
    # errors, with the keyboard), its thanks page and the published results page are
    # checked by encuestas/tests/test_accesibilidad.py.
    "/encuestas/",
    "/encuestas/responder/{encuesta_cerrada}/",
    # Results reports: the public list (with the published hearing's and vigencia's).
    "/resultados/",
    # Open data, site map, login, and the «not found» page.
    "/datos-abiertos/",
    "/mapa-del-sitio/",
    # The footer's institutional pages (Resolución 1519 de 2020, anexo 1).
    "/politica-de-privacidad/",
    "/terminos-y-condiciones/",
    "/transparencia/",
    "/cuentas/login/",
    # «¿Olvidó su contraseña?»: the form, «enviado», a link that is not valid, and done.
    "/cuentas/clave/olvide/",
    "/cuentas/clave/olvide/enviado/",
    "/cuentas/clave/nueva/MQ/set-password/",
    "/cuentas/clave/nueva/lista/",
    "/plan/alcaldia-de-pasto-paac-2023/",
]

PAGINAS_INTERNAS = [
    "/pendientes/",
    "/pendientes/notificaciones/",
    "/tablero/",
    "/tablero/?corte=2022-2",
    "/tablero/?plan=alcaldia-de-pasto-paac-2022",
    # The plans' lifecycle (publish, withdraw, mark in force) and the import wizard.
    "/planes/",
    "/planes/importar/",
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
def datos(transactional_db, settings, tmp_path) -> datos_portal.Portal:
    """The portal with its published (and unpublished) data. The database of a browser
    test is flushed after it, data migrations included: the territories are made again."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the public forms' per-IP counters
    datos_portal.crear_territorios()
    call_command("loaddata", "plan_2022", verbosity=0)
    alicia, bruno, diana = datos_portal.usuarios()
    return datos_portal.poblar_portal(alicia=alicia, bruno=bruno, diana=diana)


def rutas(datos: datos_portal.Portal) -> dict[str, object]:
    return {
        "realizado": datos.realizado.pk,
        "programado": datos.programado.pk,
        "cancelado": datos.cancelado.pk,
        "radicado": datos.publicadas[0].radicado,
        "encuesta_cerrada": datos.encuesta_publicada.codigo,
    }


@pytest.mark.parametrize("ancho", [360, 1366])
@pytest.mark.parametrize("ruta", PAGINAS_PUBLICAS)
def test_paginas_publicas_sin_violaciones_graves(page, datos, ruta, ancho):
    # A phone and a laptop: the phone layout (stacked rows, wrapped menus) is checked too.
    page.set_viewport_size({"width": ancho, "height": 740 if ancho < 600 else 768})
    page.goto(ruta.format(**rutas(datos)))
    assert page.locator("html").get_attribute("lang") == "es"
    assert violaciones_graves(page) == []


@pytest.mark.parametrize(
    "ruta",
    [
        "/",
        "/plan/alcaldia-de-pasto-paac-2022/",
        "/dialogos/",
        "/dialogos/espacios/{realizado}/",
        "/encuestas/",
        "/datos-abiertos/",
    ],
)
def test_paginas_publicas_en_el_telefono(movil, datos, ruta):
    movil.goto(ruta.format(**rutas(datos)))
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


@pytest.mark.parametrize("radicado", ["{radicado}", "RDC-2022-AAAA-BBBB", "123"])
def test_consulta_por_radicado_sin_violaciones_graves(page, datos, radicado):
    """With a result, not found, mistyped: the number is typed and sent (POST), as a citizen
    does; it never travels in a URL."""
    page.goto("/dialogos/consulta/")
    page.get_by_label("Número de radicado").fill(radicado.format(**rutas(datos)))
    page.get_by_role("button", name="Consultar").click()
    page.wait_for_load_state()
    assert "radicado=" not in page.url
    assert violaciones_graves(page) == []


@pytest.mark.parametrize(
    "ruta", ["/dialogos/preguntar/", "/dialogos/espacios/{realizado}/preguntar/"]
)
def test_formulario_de_pregunta_con_errores_y_enviado(page, datos, ruta):
    page.goto(ruta.format(**rutas(datos)))
    # Sent empty: the error summary is announced, and the page still passes.
    page.get_by_role("button", name="Enviar pregunta").click()
    assert page.get_by_role("alert").is_visible()
    assert page.title().startswith("Error:")
    assert violaciones_graves(page) == []
    # Asked for the answer but with a wrong e-mail: errors on the personal data.
    page.get_by_label("Su pregunta").fill("¿Cuándo abre la biblioteca de Catambuco?")
    page.get_by_label("Quiero recibir la respuesta").check()
    page.get_by_label("Correo electrónico (opcional)").fill("no-es-un-correo")
    page.get_by_role("button", name="Enviar pregunta").click()
    assert page.get_by_role("alert").is_visible()
    assert violaciones_graves(page) == []
    # Sent: the acknowledgement with the tracking number.
    page.get_by_label("Quiero recibir la respuesta").uncheck()
    page.get_by_label("Correo electrónico (opcional)").fill("")
    page.get_by_label("Acepto el aviso de tratamiento de datos personales", exact=False).check()
    page.get_by_role("button", name="Enviar pregunta").click()
    page.wait_for_url("**/preguntar/recibida/")
    assert page.locator("[data-radicado]").inner_text().startswith("RDC-")
    assert violaciones_graves(page) == []


@pytest.mark.parametrize("ruta", PAGINAS_INTERNAS)
def test_paginas_internas_y_formularios_sin_violaciones_graves(page, datos, ruta):
    # alicia (OPGI) comes with `datos`.
    page.goto("/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill("alicia")
    page.get_by_label("Contraseña").fill("clave-de-prueba")
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/pendientes/")
    page.goto(ruta)
    assert page.locator("h1").inner_text() != "Ingresar"
    assert violaciones_graves(page) == []
