"""Charts of the OPGI dashboard and the public portal, and the progress bar.

Known data set: on the 2022 plan (23 activities, every window closed by now) bruno
(Educación) reports 1.3 and 2.4 done (meta 1 each) and OPGI approves both; carla
(Salud) reports 2.5 done and nobody approves it, so it counts nowhere. Hence, by hand:

- subcomponente 1: 11 activities, one at 100 % → 100 / 11 = 9,1 %;
- subcomponente 2: 8 activities, one at 100 % → 12,5 %; subcomponente 3: 0,0 %;
- Educación (SEM): 1.3 and 2.4 → 100,0 %; Salud (SSM): 1.5 and 2.5 → 0,0 %;
- cortes: I (30/04/2022) and II (31/08/2022) 0,0 %; III (31/12/2022) 200 / 23 = 8,7 %;
- status today: 2 cumplidas, 21 vencidas.
"""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from nucleo import graficos
from plan import services, servicios_avances
from plan.models import Avance, Responsable

SVG = "{http://www.w3.org/2000/svg}"


def _reportar(actividad, usuario, fecha: date) -> Avance:
    return services.registrar_avance(
        actividad=actividad, usuario=usuario, fecha=fecha, cantidad=Decimal(1), narrativa="Hecho."
    )


@pytest.fixture
def dos_aprobadas(alicia, bruno, carla, actividad):
    for codigo, fecha in [("1.3", date(2022, 9, 15)), ("2.4", date(2022, 11, 10))]:
        servicios_avances.aprobar_avance(
            avance=_reportar(actividad(codigo), bruno, fecha), revisor=alicia
        )
    _reportar(actividad("2.5"), carla, date(2022, 11, 10))  # enviado, never approved


def _bloque(html: str, id: str) -> str:
    """One chart's figure: its SVG and its table alternative."""
    [bloque] = re.findall(rf'<figure class="grafico-bloque" id="{id}".*?</figure>', html, re.S)
    return bloque


def _textos_svg(bloque: str) -> list[str]:
    [svg] = re.findall(r"<svg.*?</svg>", bloque, re.S)
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _tabla(bloque: str) -> list[list[str]]:
    [cuerpo] = re.findall(r"<tbody>(.*?)</tbody>", bloque, re.S)
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", fila)
        for fila in re.findall(r"<tr>(.*?)</tr>", cuerpo, re.S)
    ]


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]


# --- The progress bar ----------------------------------------------------------------------


@pytest.mark.parametrize("porcentaje", [Decimal("0.0"), Decimal("50.0"), Decimal("100.0")])
def test_la_barra_de_avance_llena_su_parte_de_una_pista_fija_con_la_cifra_fuera(porcentaje):
    html = render_to_string("plan/_barra.html", {"porcentaje": porcentaje})

    assert f'style="width: {porcentaje}%"' in html
    cifra = f"{porcentaje}".replace(".", ",")
    assert f'aria-label="Avance: {cifra} %"' in html
    # The figure is beside the track, not inside it (the track is the same for 0 and 100).
    pista = re.search(r'<div class="barra".*?</div></div>', html).group()
    assert "%</span>" not in pista
    assert f'<span class="cifra">{cifra} %</span>' in html


def test_la_hoja_de_estilos_fija_el_ancho_de_la_pista():
    with open("static/css/graficos.css", encoding="utf-8") as hoja:
        css = hoja.read()
    regla = re.search(r"\.barra-con-cifra \.barra \{([^}]*)\}", css).group(1)
    assert "flex: none" in regla and "width: 8rem" in regla


# --- The OPGI dashboard -------------------------------------------------------------------


def test_el_tablero_muestra_el_avance_por_subcomponente_oficina_corte_y_estado(
    client, alicia, dos_aprobadas
):
    client.force_login(alicia)
    html = client.get("/tablero/").content.decode()

    subcomponentes = _bloque(html, "tablero-subcomponentes")
    assert [t for t in _textos_svg(subcomponentes) if t.endswith("%")] == [
        "9,1 %",
        "12,5 %",
        "0,0 %",
    ]
    assert [fila[1:] for fila in _tabla(subcomponentes)] == [
        ["11", "9,1 %"],
        ["8", "12,5 %"],
        ["4", "0,0 %"],
    ]

    oficinas = {fila[0]: fila[1:] for fila in _tabla(_bloque(html, "tablero-oficinas"))}
    assert oficinas["SEM"] == ["2", "100,0 %"]
    assert oficinas["SSM"] == ["2", "0,0 %"]  # carla's report is not approved
    textos = _textos_svg(_bloque(html, "tablero-oficinas"))
    assert textos[textos.index("SEM") + 1] == "100,0 %"

    cortes = _bloque(html, "tablero-cortes")
    assert [fila[1:] for fila in _tabla(cortes)] == [
        ["30/04/2022", "0,0 %"],
        ["31/08/2022", "0,0 %"],
        ["31/12/2022", "8,7 %"],
    ]
    assert _textos_svg(cortes) == ["0,0 %", "I", "0,0 %", "II", "8,7 %", "III"]

    estados = {fila[0]: fila[1:] for fila in _tabla(_bloque(html, "tablero-estados"))}
    assert estados["Cumplida"] == ["2", "8,7 %"]
    assert estados["Vencida"] == ["21", "91,3 %"]
    assert estados["Sin iniciar"] == ["0", "0,0 %"]
    textos = _textos_svg(_bloque(html, "tablero-estados"))
    assert textos[textos.index("Cumplida") + 1] == "2"


def test_al_elegir_un_corte_la_serie_termina_en_ese_corte(client, alicia, dos_aprobadas):
    client.force_login(alicia)
    html = client.get("/tablero/?corte=2022-2").content.decode()

    cortes = _tabla(_bloque(html, "tablero-cortes"))
    assert [fila[1:] for fila in cortes] == [["30/04/2022", "0,0 %"], ["31/08/2022", "0,0 %"]]


def test_el_tablero_de_una_oficina_grafica_solo_sus_actividades(client, bruno, dos_aprobadas):
    client.force_login(bruno)
    html = client.get("/oficina/educacion/").content.decode()

    assert _tabla(_bloque(html, "tablero-oficinas")) == [["SEM", "2", "100,0 %"]]
    assert _tabla(_bloque(html, "tablero-cortes"))[-1][1:] == ["31/12/2022", "100,0 %"]


# --- The public portal ------------------------------------------------------------------


def test_el_portal_publica_los_mismos_graficos_del_plan(client, plan_2022, dos_aprobadas):
    plan_2022.publicado = True
    plan_2022.save()

    html = client.get("/").content.decode()

    assert [f[1:] for f in _tabla(_bloque(html, "portal-subcomponentes"))][0] == ["11", "9,1 %"]
    oficinas = {fila[0]: fila[1:] for fila in _tabla(_bloque(html, "portal-oficinas"))}
    assert oficinas["SEM"] == ["2", "100,0 %"]
    assert _tabla(_bloque(html, "portal-cortes"))[-1][1:] == ["31/12/2022", "8,7 %"]
    estados = {fila[0]: fila[1:] for fila in _tabla(_bloque(html, "portal-estados"))}
    assert estados["Cumplida"] == ["2", "8,7 %"]
    assert html.count("<summary>Ver los datos en tabla</summary>") == 4


# --- Accessible and safe SVG ----------------------------------------------------------------


def _contraste(color: str) -> float:
    """WCAG contrast ratio of `color` (#rrggbb) against white."""

    def canal(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    luminancia = 0.2126 * canal(r) + 0.7152 * canal(g) + 0.0722 * canal(b)
    return 1.05 / (luminancia + 0.05)


def test_cada_grafico_es_una_imagen_con_titulo_descripcion_letra_legible_y_buen_contraste(
    client, alicia, dos_aprobadas
):
    client.force_login(alicia)
    html = client.get("/tablero/").content.decode()

    svgs = _svgs(html)
    assert len(svgs) == 4
    for svg in svgs:
        assert svg.get("role") == "img"
        titulo, descripcion = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == titulo
        assert svg.find(f"{SVG}desc").get("id") == descripcion
        assert svg.find(f"{SVG}desc").text
        # Drawn at most 1:1 (graficos.css): the viewBox is the size on screen.
        assert svg.get("viewBox").split()[2] == "360"
        textos = list(svg.iter(f"{SVG}text"))
        assert textos
        for texto in textos:
            assert float(texto.get("font-size")) >= 12
        for elemento in svg.iter():
            for atributo in ("fill", "stroke"):
                color = elemento.get(atributo)
                if color and color != graficos.PISTA:  # the empty track is decoration
                    assert _contraste(color) >= 3, (elemento.tag, color)


def test_las_etiquetas_de_los_graficos_se_escapan(client, alicia, dos_aprobadas):
    # Within the sigla's 20 characters: PostgreSQL refuses a longer one, SQLite would not.
    Responsable.objects.filter(slug="salud").update(sigla="<script>x</script>")
    client.force_login(alicia)
    html = client.get("/tablero/").content.decode()

    assert "<script>x</script>" not in html
    oficinas = _bloque(html, "tablero-oficinas")
    assert "&lt;script&gt;x&lt;/script&gt;" in oficinas
    assert "<script>x</script>" in _textos_svg(oficinas)  # parsed back: plain text


def test_los_graficos_del_nucleo_escapan_y_describen(db):
    svg = graficos.barras([("<b>uno</b>", 50)], id="g", titulo="Título & <i>", descripcion="<desc>")
    assert "<b>" not in svg and "<i>" not in svg and 'id="g-desc">&lt;desc&gt;</desc>' in svg
    raiz = ET.fromstring(graficos.columnas([("I", 10), ("II", 20)], id="c", titulo="T"))
    assert [t.text for t in raiz.iter(f"{SVG}text")] == ["10 %", "I", "20 %", "II"]
