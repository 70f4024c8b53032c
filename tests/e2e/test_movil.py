"""Phone-first pages (issue 15), in Chromium: no page wider than a 360 px screen, the
public home short enough to read on a phone, and an office's journey on its phone.

Screenshots of key pages go to $CAPTURAS_DIR (or the test's tmp_path): evidence for
a reviewer, never committed (test-artifacts/ and capturas/ are in .gitignore).
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import crear_usuario
from nucleo import roles
from plan import services as plan_services
from plan.models import Actividad, Evidencia
from tests.e2e.test_accesibilidad import (  # noqa: F401
    PAGINAS_PUBLICAS,
    datos,
    rutas,
    violaciones_graves,
)
from tests.e2e.test_recorridos import informe_pdf, ingresar, menu, plan  # noqa: F401

TELEFONO = {"width": 360, "height": 740}
TELEFONO_GRANDE = {"width": 390, "height": 844}
ESCRITORIO = {"width": 1366, "height": 768}

# The staff pages each persona works on (formatted with rutas() plus the pks below).
PAGINAS_DE_ALICIA = [
    "/pendientes/",
    "/tablero/",
    "/tablero/?corte=2022-2",
    "/oficina/educacion/",
    "/actividades/{actividad_1_3}/",
    "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/observaciones/",
    "/dialogos/gestion/",
    "/dialogos/gestion/espacios/{realizado}/",
    "/dialogos/gestion/preguntas/",
    "/dialogos/gestion/compromisos/",
    "/dialogos/gestion/informes/",
    "/dialogos/gestion/metas/",
    "/encuestas/gestion/",
    "/encuestas/gestion/{encuesta_publicada_pk}/",
    "/encuestas/gestion/{encuesta_publicada_pk}/resultados/",
    "/encuestas/gestion/resultados/",
]
PAGINAS_DE_BRUNO = [
    "/pendientes/",
    "/oficina/educacion/",
    "/actividades/{actividad_1_3}/",
    "/dialogos/gestion/",
    "/dialogos/gestion/preguntas/",
    "/encuestas/gestion/",
]

DESBORDE = """() => {
  const ancho = window.innerWidth;
  const anchos = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > ancho + 1 && !e.closest('.tabla-envoltura, .grafico-envoltura, .visualmente-oculto, .saltar'))
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));
  return {pagina: document.documentElement.scrollWidth, ancho, anchos};
}"""


def capturas(tmp_path: Path) -> Path:
    directorio = Path(os.environ.get("CAPTURAS_DIR") or tmp_path / "capturas")
    directorio.mkdir(parents=True, exist_ok=True)
    return directorio


def _desbordes(pagina, rutas_: list[str]) -> list[str]:
    """The pages wider than the screen, with the first elements that stick out."""
    malas = []
    for ruta in rutas_:
        respuesta = pagina.goto(ruta)
        # /plan/alcaldia-de-pasto-paac-2023/ (unpublished) is the «not found» page: it must fit too.
        assert respuesta is not None and respuesta.status in (200, 404), ruta
        medida = pagina.evaluate(DESBORDE)
        if medida["pagina"] > medida["ancho"]:
            malas.append(f"{ruta}: {medida['pagina']} px > {medida['ancho']} ({medida['anchos']})")
    return malas


def _contexto(browser, live_server, viewport):
    return browser.new_context(
        viewport=viewport,
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
        locale="es-CO",
        base_url=live_server.url,
    )


def _rutas_internas(datos) -> dict[str, object]:  # noqa: F811
    return {
        **rutas(datos),
        "actividad_1_3": Actividad.objects.get(codigo="1.3").pk,
        "encuesta_publicada_pk": datos.encuesta_publicada.pk,
    }


def test_ninguna_pagina_publica_es_mas_ancha_que_un_telefono(movil, datos):  # noqa: F811
    assert _desbordes(movil, [r.format(**rutas(datos)) for r in PAGINAS_PUBLICAS]) == []


@pytest.mark.parametrize(
    ("persona", "paginas"), [("alicia", PAGINAS_DE_ALICIA), ("bruno", PAGINAS_DE_BRUNO)]
)
def test_ninguna_pagina_de_trabajo_es_mas_ancha_que_un_telefono(
    movil,
    datos,  # noqa: F811
    persona,
    paginas,
):
    ingresar(movil, persona)
    expect(movil).to_have_url(re.compile(r"/pendientes/$"))
    assert _desbordes(movil, [r.format(**_rutas_internas(datos)) for r in paginas]) == []


def test_el_inicio_cabe_en_tres_pantallas_de_telefono(browser, live_server, datos, tmp_path):  # noqa: F811
    contexto = _contexto(browser, live_server, TELEFONO_GRANDE)
    pagina = contexto.new_page()
    pagina.goto("/plan/alcaldia-de-pasto-paac-2022/")
    alto = pagina.evaluate("document.querySelector('footer').offsetTop")
    pagina.screenshot(path=capturas(tmp_path) / "inicio-390.png", full_page=True)
    contexto.close()
    assert alto <= 3 * TELEFONO_GRANDE["height"], f"{alto} px antes del pie"


def test_aplicar_un_filtro_deja_a_la_persona_en_los_resultados(movil, datos):  # noqa: F811
    movil.goto("/plan/alcaldia-de-pasto-paac-2022/")
    movil.get_by_label("Buscar", exact=True).fill("territoriales")
    movil.get_by_role("button", name="Aplicar").tap()
    movil.wait_for_url("**/plan/alcaldia-de-pasto-paac-2022/?*#resultados")
    titulo = movil.locator("#resultados")
    expect(titulo).to_have_text("1 actividad con estos filtros.")
    expect(titulo).to_be_in_viewport()
    fila = movil.locator(".fila-actividad")
    expect(fila).to_have_count(1)
    expect(fila).to_contain_text("2.2")
    fila.get_by_role("link", name="Ver detalle de la actividad 2.2").tap()
    expect(movil.get_by_role("heading", level=1)).to_have_text("Actividad 2.2")


def test_capturas_de_las_paginas_principales(browser, live_server, datos, tmp_path):  # noqa: F811
    directorio = capturas(tmp_path)
    for viewport, nombre in [(ESCRITORIO, "inicio-1366"), (TELEFONO_GRANDE, "inicio-390")]:
        contexto = _contexto(browser, live_server, viewport)
        pagina = contexto.new_page()
        pagina.goto("/plan/alcaldia-de-pasto-paac-2022/")
        pagina.screenshot(path=directorio / f"{nombre}.png", full_page=True)
        contexto.close()
    for persona, ruta, nombre in [
        ("alicia", "/tablero/", "tablero-opgi-390"),
        ("bruno", "/oficina/educacion/", "tablero-oficina-390"),
    ]:
        contexto = _contexto(browser, live_server, TELEFONO_GRANDE)
        pagina = contexto.new_page()
        ingresar(pagina, persona)
        expect(pagina).to_have_url(re.compile(r"/pendientes/$"))
        pagina.goto(ruta)
        pagina.screenshot(path=directorio / f"{nombre}.png", full_page=True)
        contexto.close()
    assert sorted(p.name for p in directorio.glob("*.png")) == [
        "inicio-1366.png",
        "inicio-390.png",
        "tablero-oficina-390.png",
        "tablero-opgi-390.png",
    ]


LETRA_MINIMA_DE_LOS_GRAFICOS = """() => Math.min(...[...document.querySelectorAll('.resultado-pregunta svg')]
  .flatMap(svg => {
    const escala = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * escala);
  }))"""


def test_las_etiquetas_de_los_graficos_de_encuestas_se_leen_en_el_telefono(movil, datos):  # noqa: F811
    ingresar(movil, "alicia")
    expect(movil).to_have_url(re.compile(r"/pendientes/$"))
    movil.goto(f"/encuestas/gestion/{datos.encuesta_publicada.pk}/resultados/")
    expect(movil.locator(".resultado-pregunta svg").first).to_be_visible()
    assert movil.evaluate(LETRA_MINIMA_DE_LOS_GRAFICOS) >= 12
    assert _ancho_de(movil) <= TELEFONO["width"]
    assert violaciones_graves(movil) == []


def _ancho_de(pagina) -> int:
    return pagina.evaluate("document.documentElement.scrollWidth")


def test_una_oficina_reporta_desde_el_telefono_y_ve_lo_devuelto(
    browser,
    live_server,
    plan,  # noqa: F811
    informe_pdf,  # noqa: F811
    tmp_path,
):
    alicia = crear_usuario("alicia", roles.OPGI)
    crear_usuario("bruno", roles.OFICINA, "educacion")
    contexto = _contexto(browser, live_server, TELEFONO_GRANDE)
    pagina = contexto.new_page()

    ingresar(pagina, "bruno")
    expect(pagina).to_have_url(re.compile(r"/pendientes/$"))
    menu(pagina, "Mi tablero")  # on a phone, behind «Menú»
    expect(pagina).to_have_url(re.compile(r"/oficina/educacion/$"))
    # The activities' table is a pile of cards: each figure labelled, none off-screen.
    tarjeta = pagina.locator('tr[data-actividad="1.3"]')
    for etiqueta in ["Avance", "Estado"]:
        celda = tarjeta.locator(f'td[data-etiqueta="{etiqueta}"]')
        celda.scroll_into_view_if_needed()
        expect(celda).to_be_in_viewport()
        caja = celda.bounding_box()
        assert caja is not None and caja["x"] + caja["width"] <= TELEFONO_GRANDE["width"]
    assert _ancho_de(pagina) <= TELEFONO_GRANDE["width"]
    tarjeta.get_by_role("link", name="1.3").tap()

    # Progress inside 1.3's window: sent to OPGI, not counted yet.
    pagina.get_by_label("Fecha del avance").fill("2022-10-14")
    pagina.get_by_label("Cantidad lograda (acumulada)").fill("1")
    pagina.get_by_label("Descripción del avance").fill("Informe de gestión publicado en octubre.")
    pagina.get_by_role("button", name="Registrar avance").tap()
    expect(pagina.get_by_text("Avance enviado. OPGI lo revisará")).to_be_visible()

    # Evidence: a real PDF from the phone.
    pagina.get_by_label("Descripción", exact=True).fill("Lista de asistencia de la jornada")
    pagina.get_by_label("Archivo").set_input_files(informe_pdf)
    pagina.get_by_role("button", name="Enviar evidencia").tap()
    expect(pagina.get_by_text("Evidencia enviada. OPGI la revisará.")).to_be_visible()
    assert _ancho_de(pagina) <= TELEFONO_GRANDE["width"]
    pagina.screenshot(path=capturas(tmp_path) / "actividad-oficina-390.png", full_page=True)

    # OPGI returns it (as in its own journey, through the service).
    evidencia = Evidencia.objects.get(actividad__codigo="1.3")
    plan_services.devolver_evidencia(
        evidencia=evidencia, revisor=alicia, comentario="Falta la firma del rector."
    )

    navegacion = pagina.get_by_role("navigation", name="Navegación principal")
    navegacion.locator("summary", has_text="Menú").tap()  # on a phone, behind «Menú»
    navegacion.get_by_role("link", name=re.compile("^Mis pendientes")).tap()
    expect(pagina).to_have_url(re.compile(r"/pendientes/$"))
    devueltos = pagina.locator('[data-grupo="devueltos"]')
    expect(devueltos).to_contain_text(
        "Evidencia devuelta: Lista de asistencia de la jornada (actividad 1.3)"
    )
    assert _ancho_de(pagina) <= TELEFONO_GRANDE["width"]
    pagina.screenshot(path=capturas(tmp_path) / "pendientes-oficina-390.png", full_page=True)
    contexto.close()
