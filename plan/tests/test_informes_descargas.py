"""The report downloads, read back: PDFs with pypdf, spreadsheets with openpyxl; and who may download.

A PDF costs about a second to render, so only three tests render one; the
permission grid replaces WeasyPrint by a stub (the permission is decided
before rendering) and still renders every spreadsheet.
"""

import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from plan import selectors, services
from plan.cortes import Corte
from plan.models import Actividad, Evidencia, Plan, Responsable
from plan.tests.test_informes import AVANCES
from tests.ayudas import PDF_FALSO

CODIGOS = [*(f"1.{n}" for n in range(1, 12)), *(f"2.{n}" for n in range(1, 9))] + [
    f"3.{n}" for n in range(1, 5)
]


@pytest.fixture
def plan(plan_2022) -> Plan:
    return Plan.objects.get(vigencia=2022)


@pytest.fixture
def avances(plan, alicia, bruno, diana, actividad):
    """The known reports of test_informes, an observation and evidence of Educación."""
    for codigo, fecha, cantidad in AVANCES:
        services.registrar_avance(
            actividad=actividad(codigo),
            usuario=alicia,
            fecha=fecha,
            cantidad=Decimal(cantidad),
            narrativa=f"Avance de {codigo} al {fecha:%d/%m/%Y}.",
            # Known data, dates outside windows and lower values included.
            confirmado=True,
            motivo="Dato conocido de la prueba.",
        )
    services.guardar_observacion(
        actividad=actividad("1.7"),
        corte=2,
        texto="¿Llegó a los corregimientos? Sí: 7.500 ejemplares.",
        usuario=diana,
    )
    evidencia = services.subir_evidencia(
        actividad=actividad("2.4"),
        usuario=bruno,
        descripcion="Acta de la audiencia de Educación",
        enlace="https://www.pasto.gov.co/rdc/audiencia-educacion",
    )
    Evidencia.objects.filter(pk=evidencia.pk).update(
        subida_en=datetime(2022, 11, 12, 15, tzinfo=UTC)
    )


def descargar(client, usuario, url):
    client.force_login(usuario)
    respuesta = client.get(url)
    assert respuesta.status_code == 200, respuesta.content[:300]
    return respuesta


def texto_pdf(respuesta) -> tuple[str, int]:
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta.content.startswith(b"%PDF-")
    lector = PdfReader(io.BytesIO(respuesta.content))
    paginas = [pagina.extract_text() for pagina in lector.pages]
    for numero, texto in enumerate(paginas, 1):
        assert f"Página {numero} de {len(paginas)}" in texto
    # Table cells wrap lines anywhere: compare with runs of whitespace as one space.
    return " ".join(" ".join(paginas).split()), len(paginas)


def codigos_en(texto: str) -> set[str]:
    """Activity codes as the reports print them: the code, then the activity's first word."""
    return set(re.findall(r"(?<![\d.,])(\d{1,2}\.\d{1,2}) [A-ZÁÉÍÓÚ][a-záéíóúñ]", texto))


def libro(respuesta):
    assert respuesta["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(respuesta.content))


def encabezado(hoja) -> list[str]:
    return [celda.value for celda in hoja[1]]


def filas(hoja) -> list[dict]:
    """Data rows as {header: cell} (the cells, to check their types and formats)."""
    titulos = encabezado(hoja)
    return [dict(zip(titulos, fila, strict=True)) for fila in hoja.iter_rows(min_row=2)]


# --- PDFs -------------------------------------------------------------------------------


def test_pdf_del_seguimiento_del_segundo_corte(client, alicia, avances):
    respuesta = descargar(client, alicia, "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.pdf")

    assert respuesta["Content-Disposition"] == (
        'attachment; filename="seguimiento-rdc-2022-cuatrimestre-2.pdf"'
    )
    texto, paginas = texto_pdf(respuesta)
    assert 3 <= paginas <= 12
    assert codigos_en(texto) == set(CODIGOS)
    for dato in (
        "Seguimiento Oficina de Control Interno – II cuatrimestre",
        "Entidad Alcaldía Municipal de Pasto",
        "Vigencia 2022",
        "01/05/2022 – 31/08/2022",
        "Fecha de publicación",
        "Componente Rendición de cuentas",
        "Avance de 1.7 al 30/07/2022.",  # the narrative up to the corte…
        "¿Llegó a los corregimientos? Sí: 7.500 ejemplares.",  # …and the observation
    ):
        assert dato in texto
    assert "Avance de 1.7 al 30/11/2022." not in texto  # reported after the corte
    # The corte's figures (see test_informes): by subcomponente and for the componente.
    for cifra in ("32,7 %", "12,4 %", "20,0 %", "69,0 %"):
        assert cifra in texto
    assert re.search(r"En riesgo\s+7", texto)
    assert re.search(r"Cumplida\s+2", texto)


def test_pdf_del_plan(client, bruno, plan):
    respuesta = descargar(client, bruno, "/informes/plan/alcaldia-de-pasto-paac-2022.pdf")

    assert respuesta["Content-Disposition"] == 'attachment; filename="plan-rdc-2022.pdf"'
    texto, paginas = texto_pdf(respuesta)
    assert 2 <= paginas <= 10
    assert codigos_en(texto) == set(CODIGOS)
    assert "ALCALDÍA MUNICIPAL DE PASTO" in texto
    assert "OFICINA DE PLANEACIÓN DE GESTIÓN INSTITUCIONAL" in texto
    assert "Estrategia de Rendición de Cuentas 2022" in texto
    assert "regulado por la Ley 489 de 1998" in texto  # the introduction
    # Every responsable of 1.6 and both windows of 1.7.
    for oficina in ("Bienestar Social", "Juventud", "Secretaría MOSIG", "Gobierno Municipal"):
        assert oficina in texto
    for fecha in ("01/07/2022", "01/08/2022", "01/11/2022", "01/12/2022"):
        assert fecha in texto


def test_pdf_del_informe_de_la_oficina(client, bruno, avances):
    respuesta = descargar(
        client, bruno, "/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/3.pdf"
    )

    assert respuesta["Content-Disposition"] == (
        'attachment; filename="rdc-educacion-2022-cuatrimestre-3.pdf"'
    )
    texto, paginas = texto_pdf(respuesta)
    assert paginas <= 3
    assert codigos_en(texto) == {"1.3", "2.4"}
    assert "Informe de Secretaría de Educación Municipal – III cuatrimestre" in texto
    assert "Acta de la audiencia de Educación" in texto
    assert "12/11/2022" in texto  # when the evidence was uploaded


# --- Spreadsheets -----------------------------------------------------------------------


def test_xlsx_del_plan(client, diana, plan):
    respuesta = descargar(client, diana, "/informes/plan/alcaldia-de-pasto-paac-2022.xlsx")

    assert respuesta["Content-Disposition"] == 'attachment; filename="plan-rdc-2022.xlsx"'
    hoja = libro(respuesta)["Plan"]
    assert encabezado(hoja) == [
        "Subcomponente / Proceso",
        "Código",
        "Actividades",
        "Producto",
        "Meta",
        "Responsable",
        "Fecha inicio",
        "Fecha final",
    ]
    assert hoja.freeze_panes == "A2"
    assert hoja.column_dimensions["C"].width == 55
    datos = filas(hoja)
    # One row per date window: 23 activities, 26 windows (1.7, 1.9 and 1.10 have two).
    assert len(datos) == 26
    assert sorted({f["Código"].value for f in datos}, key=CODIGOS.index) == CODIGOS
    ventanas_17 = [
        (f["Fecha inicio"].value, f["Fecha final"].value)
        for f in datos
        if f["Código"].value == "1.7"
    ]
    assert ventanas_17 == [
        (datetime(2022, 7, 1), datetime(2022, 8, 1)),
        (datetime(2022, 11, 1), datetime(2022, 12, 1)),
    ]
    assert all(f["Fecha inicio"].number_format == "dd/mm/yyyy" for f in datos)
    [fila_16] = [f for f in datos if f["Código"].value == "1.6"]
    assert fila_16["Responsable"].value.splitlines() == [
        "Secretaría de Bienestar Social",
        "Dirección Administrativa de Juventud",
        "Secretaría MOSIG",
        "Secretaría de Gobierno Municipal",
    ]


@pytest.mark.parametrize("corte", [1, 2, 3])
def test_xlsx_del_seguimiento_tiene_las_cifras_del_tablero(client, alicia, plan, avances, corte):
    respuesta = descargar(
        client, alicia, f"/informes/seguimiento/alcaldia-de-pasto-paac-2022/{corte}.xlsx"
    )
    tablero = selectors.tablero(
        plan=plan, hoy=timezone.localdate(), corte=Corte.cuatrimestre(2022, corte)
    )

    assert respuesta["Content-Disposition"] == (
        f'attachment; filename="seguimiento-rdc-2022-cuatrimestre-{corte}.xlsx"'
    )
    documento = libro(respuesta)
    assert documento.sheetnames == [
        "Seguimiento",
        "Por subcomponente",
        "Por estado",
        "Datos del informe",
    ]
    hoja = documento["Seguimiento"]
    assert hoja.freeze_panes == "A2"
    assert encabezado(hoja)[:6] == [
        "Código",
        "Subcomponente",
        "Actividad",
        "Actividades realizadas",
        "Meta / Producto",
        "Responsable",
    ]
    datos = filas(hoja)
    assert [f["Código"].value for f in datos] == [f.actividad.codigo for f in tablero.filas]
    for fila, esperada in zip(datos, tablero.filas, strict=True):
        avance = fila["% de avance"]
        assert isinstance(avance.value, int | float)
        assert avance.number_format == "0.0%"
        assert Decimal(str(avance.value)) * 100 == esperada.porcentaje
        assert fila["Estado"].value == esperada.estado.label
        inicio = fila["Fecha programada (inicio)"].value
        assert isinstance(inicio, datetime)
        assert inicio.date() == min(v.inicio for v in esperada.ventanas)
    por_sub = [
        (
            f["Subcomponente"].value,
            f["Actividades"].value,
            Decimal(str(f["Promedio del avance de las actividades"].value)),
        )
        for f in filas(documento["Por subcomponente"])
    ]
    assert por_sub == [
        *(
            (str(a.subcomponente), a.actividades, a.porcentaje / 100)
            for a in tablero.por_subcomponente
        ),
        ("Componente: Rendición de cuentas", 23, tablero.avance_componente / 100),
    ]
    estados = {f["Estado"].value: f["Actividades"].value for f in filas(documento["Por estado"])}
    assert estados == {
        **{etiqueta: cantidad for _, etiqueta, cantidad in tablero.conteos_etiquetados},
        "Total": 23,
    }


def test_xlsx_del_seguimiento_lleva_narrativas_y_observaciones_del_corte(client, alicia, avances):
    documento = libro(
        descargar(client, alicia, "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.xlsx")
    )

    [fila] = [f for f in filas(documento["Seguimiento"]) if f["Código"].value == "1.7"]
    assert fila["Actividades realizadas"].value == "30/07/2022: Avance de 1.7 al 30/07/2022."
    # Each observation says whose it is, who wrote it and when.
    assert fila["Observaciones"].value == (
        f"Observación de Control Interno (diana, {timezone.localdate():%d/%m/%Y}): "
        "¿Llegó a los corregimientos? Sí: 7.500 ejemplares."
    )
    assert fila["Logrado"].value == 7500
    datos = dict(documento["Datos del informe"].iter_rows(min_row=2, values_only=True))
    assert datos["Periodo"] == "01/05/2022 – 31/08/2022"
    assert datos["Vigencia"] == 2022
    assert datos["Cifras al"] == datetime(2022, 8, 31)
    assert datos["Fecha de publicación"].date() == timezone.localdate()


def test_xlsx_de_la_oficina(client, bruno, plan, avances):
    educacion = bruno.perfil.responsable
    respuesta = descargar(
        client, bruno, "/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/3.xlsx"
    )
    tablero = selectors.tablero(
        plan=plan,
        hoy=timezone.localdate(),
        corte=Corte.cuatrimestre(2022, 3),
        responsable=educacion,
    )

    documento = libro(respuesta)
    assert documento.sheetnames[:2] == ["Actividades", "Evidencias"]
    actividades = filas(documento["Actividades"])
    assert [(f["Código"].value, f["Estado"].value) for f in actividades] == [
        (f.actividad.codigo, f.estado.label) for f in tablero.filas
    ]
    [evidencia] = filas(documento["Evidencias"])
    assert evidencia["Código"].value == "2.4"
    assert evidencia["Descripción"].value == "Acta de la audiencia de Educación"
    assert evidencia["Subida el"].value.date() == date(2022, 11, 12)
    assert documento["Evidencias"].freeze_panes == "A2"


def test_un_texto_que_parece_formula_queda_como_texto(client, alicia, actividad):
    # Observations and narratives now start with their origin or date: the text a user
    # controls at the start of a cell is the activity's own (OPGI types it).
    Actividad.objects.filter(pk=actividad("1.1").pk).update(
        descripcion='=HYPERLINK("http://x","y")'
    )
    documento = libro(
        descargar(client, alicia, "/informes/seguimiento/alcaldia-de-pasto-paac-2022/1.xlsx")
    )

    [fila] = [f for f in filas(documento["Seguimiento"]) if f["Código"].value == "1.1"]
    assert fila["Actividad"].data_type == "s"
    # Neutralised as OWASP asks: a leading quote, so no spreadsheet reads it as a formula.
    assert fila["Actividad"].value == '\'=HYPERLINK("http://x","y")'


# --- Who may download what --------------------------------------------------------------

INFORMES = {
    "plan": "/informes/plan/alcaldia-de-pasto-paac-2022.{}",
    "seguimiento": "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.{}",
    "oficina educacion": "/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/2.{}",
    "oficina salud": "/informes/oficina/salud/alcaldia-de-pasto-paac-2022/2.{}",
}
PUEDE = {
    "alicia": set(INFORMES),
    "diana": set(INFORMES),
    "bruno": {"plan", "oficina educacion"},
    "carla": {"plan", "oficina salud"},
    "sin_rol": set(),
}


@pytest.fixture
def sin_pdf(monkeypatch):
    monkeypatch.setattr("nucleo.documentos.pdf_desde_html", lambda html, *, base_url: PDF_FALSO)


@pytest.fixture
def sin_rol(plan_2022):
    return get_user_model().objects.create_user("sin-rol", password="clave-de-prueba")


@pytest.mark.parametrize("formato", ["pdf", "xlsx"])
@pytest.mark.parametrize("informe", list(INFORMES))
@pytest.mark.parametrize("persona", list(PUEDE))
def test_grilla_de_permisos(request, client, sin_pdf, persona, informe, formato):
    client.force_login(request.getfixturevalue(persona))

    respuesta = client.get(INFORMES[informe].format(formato))

    if informe in PUEDE[persona]:
        assert respuesta.status_code == 200
        assert respuesta["Content-Disposition"].startswith("attachment; filename=")
        assert respuesta["Content-Disposition"].endswith(f'.{formato}"')
    else:
        assert respuesta.status_code == 403


@pytest.mark.parametrize("formato", ["pdf", "xlsx"])
@pytest.mark.parametrize("informe", list(INFORMES))
def test_sin_sesion_toda_descarga_pide_ingresar(client, plan_2022, informe, formato):
    url = INFORMES[informe].format(formato)

    respuesta = client.get(url)

    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"/cuentas/login/?next={url}"


@pytest.mark.parametrize(
    "url",
    [
        "/informes/plan/alcaldia-de-pasto-paac-2019.pdf",
        "/informes/plan/alcaldia-de-pasto-paac-2022.doc",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/0.xlsx",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/4.pdf",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2019/1.xlsx",
        "/informes/oficina/no-existe/alcaldia-de-pasto-paac-2022/1.pdf",
        "/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/5.xlsx",
        "/informes/oficina/educacion/alcaldia-de-pasto-paac-2019/1.pdf",
    ],
)
def test_plan_corte_u_oficina_desconocidos_son_404(client, alicia, sin_pdf, url):
    client.force_login(alicia)
    assert client.get(url).status_code == 404


# --- Download links on the dashboards and the activity pages ----------------------------


def enlaces(respuesta) -> list[str]:
    html = respuesta.content.decode()
    bloque = html.split("data-descargas", 1)[1].split("</details>", 1)[0]
    return re.findall(r'href="(/informes/[^"]+)"', bloque)


def test_el_tablero_general_enlaza_plan_seguimientos_y_observaciones(client, alicia, sin_pdf):
    client.force_login(alicia)

    urls = enlaces(client.get("/tablero/?vigencia=2022"))

    assert urls == [
        "/informes/plan/alcaldia-de-pasto-paac-2022.pdf",
        "/informes/plan/alcaldia-de-pasto-paac-2022.xlsx",
        *(
            f"/informes/seguimiento/alcaldia-de-pasto-paac-2022/{c}.{f}"
            for c in (1, 2, 3)
            for f in ("pdf", "xlsx")
        ),
        *(
            f"/informes/seguimiento/alcaldia-de-pasto-paac-2022/{c}/observaciones/"
            for c in (1, 2, 3)
        ),
    ]
    assert all(client.get(url).status_code == 200 for url in urls)


def test_el_tablero_de_la_oficina_enlaza_solo_lo_que_la_oficina_descarga(client, bruno, sin_pdf):
    client.force_login(bruno)

    urls = enlaces(client.get("/oficina/educacion/?vigencia=2022"))

    assert urls == [
        "/informes/plan/alcaldia-de-pasto-paac-2022.pdf",
        "/informes/plan/alcaldia-de-pasto-paac-2022.xlsx",
        *(
            f"/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/{c}.{f}"
            for c in (1, 2, 3)
            for f in ("pdf", "xlsx")
        ),
    ]
    assert all(client.get(url).status_code == 200 for url in urls)


def test_la_actividad_enlaza_los_informes_de_sus_oficinas(client, alicia, bruno, actividad):
    client.force_login(alicia)
    urls = enlaces(client.get(f"/actividades/{actividad('1.6').pk}/"))
    oficinas = {
        re.match(r"/informes/oficina/([\w-]+)/", u).group(1) for u in urls if "oficina" in u
    }
    assert oficinas == {"bienestar-social", "juventud", "mosig", "gobierno"}

    client.force_login(bruno)
    urls = enlaces(client.get(f"/actividades/{actividad('1.3').pk}/"))
    assert [u for u in urls if "/oficina/" in u] == [
        f"/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/{c}.{f}"
        for c in (1, 2, 3)
        for f in ("pdf", "xlsx")
    ]
    assert not any("/seguimiento/" in u for u in urls)


def test_una_actividad_de_varias_oficinas_solo_enlaza_la_propia(client, bruno, plan):
    # 2.4 is Educación's only; give it Salud too: bruno still only gets his own report.
    a24 = Actividad.objects.get(plan=plan, codigo="2.4")
    a24.asignaciones.create(responsable=Responsable.objects.get(slug="salud"), orden=2)
    client.force_login(bruno)

    urls = enlaces(client.get(f"/actividades/{a24.pk}/"))

    assert {
        re.match(r"/informes/oficina/([\w-]+)/", u).group(1) for u in urls if "oficina" in u
    } == {"educacion"}
