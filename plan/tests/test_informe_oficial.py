"""The follow-up in the official format: programadas, cumplidas and cumplidas ÷ programadas.

Computed by hand from the 2022 plan's windows (fixtures/plan_2022.json) and the
reports of test_informes.AVANCES (metas in its comments):

- Corte I (to 30/04): programadas, a window ending by 30/04: 1.1 (04/03), 1.2
  (22/04), 1.9 (28/02), all of subcomponente 1. Cumplida: 1.1 (1 of 1); 1.2 is at
  50 %, 1.9 has no report. 1 ÷ 3 = 33,3 %; subcomponentes 2 and 3 have none.
- Corte II (to 31/08): 1.1, 1.2, 1.7 (01/08), 1.9, 1.10 (01/06), 1.11 (29/07).
  Cumplidas: 1.1, 1.2 (100 on 10/06); 1.7 is at 7.500 of 15.000, 1.10 at 1 of 2.
  2 ÷ 6 = 33,3 %.
- Corte III (to 31/12): all 23. Cumplidas: 1.1, 1.2, 1.7, 1.10 (4 of 11 → 36,4 %);
  2.1 (20 on 31/12), 2.2 (29) (2 of 8 → 25,0 %); 3.1 (60 ≥ 50) (1 of 4 → 25,0 %);
  componente 7 ÷ 23 = 30,4 %.
"""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from plan import informes, services
from plan.cortes import Corte
from plan.tests.test_informes import HOY
from plan.tests.test_informes_descargas import avances, plan  # noqa: F401 (fixtures)

# corte → (programadas, cumplidas) of the componente and of subcomponentes 1, 2, 3.
ESPERADO = {
    1: {"componente": (3, 1), 1: (3, 1), 2: (0, 0), 3: (0, 0)},
    2: {"componente": (6, 2), 1: (6, 2), 2: (0, 0), 3: (0, 0)},
    3: {"componente": (23, 7), 1: (11, 4), 2: (8, 2), 3: (4, 1)},
}
PORCENTAJES = {
    1: {"componente": Decimal("33.3"), 1: Decimal("33.3"), 2: None, 3: None},
    2: {"componente": Decimal("33.3"), 1: Decimal("33.3"), 2: None, 3: None},
    3: {"componente": Decimal("30.4"), 1: Decimal("36.4"), 2: Decimal("25.0"), 3: Decimal("25.0")},
}
PROGRAMADAS = {
    1: {"1.1", "1.2", "1.9"},
    2: {"1.1", "1.2", "1.7", "1.9", "1.10", "1.11"},
}
CUMPLIDAS = {1: {"1.1"}, 2: {"1.1", "1.2"}, 3: {"1.1", "1.2", "1.7", "1.10", "2.1", "2.2", "3.1"}}


def _cifras(informe) -> tuple[dict, dict]:
    conteos = {"componente": (informe.cumplimiento.programadas, informe.cumplimiento.cumplidas)}
    porcentajes = {"componente": informe.cumplimiento.porcentaje}
    for grupo in informe.grupos:
        numero = grupo.subcomponente.numero
        conteos[numero] = (grupo.cumplimiento.programadas, grupo.cumplimiento.cumplidas)
        porcentajes[numero] = grupo.cumplimiento.porcentaje
    return conteos, porcentajes


@pytest.mark.parametrize("corte", [1, 2, 3])
def test_el_avance_oficial_es_cumplidas_entre_programadas_y_no_el_promedio(plan, avances, corte):  # noqa: F811
    informe = informes.informe_seguimiento(
        plan=plan, corte=Corte.cuatrimestre(2022, corte), hoy=HOY
    )

    assert _cifras(informe) == (ESPERADO[corte], PORCENTAJES[corte])
    programadas = {f.actividad.codigo for f in informe.filas if f.programadas == 1}
    assert programadas == PROGRAMADAS.get(corte, {f.actividad.codigo for f in informe.filas})
    assert {f.actividad.codigo for f in informe.filas if f.cumplidas == 1} == CUMPLIDAS[corte]
    # The mean of the percentages is a different, second figure.
    assert informe.avance_componente != informe.cumplimiento.porcentaje


def test_una_actividad_al_100_antes_del_fin_de_su_ventana_no_cuenta_como_programada(
    plan,  # noqa: F811
    avances,  # noqa: F811
    alicia,
    actividad,
):
    # 3.2 (meta 100 %, window 01/07–20/12) reaches its meta on 15/08: at 100 % at
    # corte II, but not programada there, so it does not count in either figure.
    services.registrar_avance(
        actividad=actividad("3.2"),
        usuario=alicia,
        fecha=date(2022, 8, 15),
        cantidad=Decimal(100),
        narrativa="Meta alcanzada antes de tiempo.",
    )
    informe = informes.informe_seguimiento(plan=plan, corte=Corte.cuatrimestre(2022, 2), hoy=HOY)

    [fila] = [f for f in informe.filas if f.actividad.codigo == "3.2"]
    assert fila.porcentaje == 100
    assert (fila.programadas, fila.cumplidas) == (0, 0)
    assert _cifras(informe)[0] == ESPERADO[2]


def _texto_pdf(contenido: bytes) -> str:
    paginas = [p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages]
    return " ".join(" ".join(paginas).split())


def test_el_pdf_del_tercer_corte_muestra_el_avance_oficial_y_su_definicion(
    client,
    alicia,
    avances,  # noqa: F811
):
    client.force_login(alicia)
    respuesta = client.get("/informes/seguimiento/alcaldia-de-pasto-paac-2022/3.pdf")

    assert respuesta.status_code == 200
    texto = _texto_pdf(respuesta.content)
    assert "Actividades programadas" in texto and "Actividades cumplidas" in texto
    assert "Promedio del avance de las actividades" in texto
    assert (
        "Avance oficial = actividades cumplidas ÷ actividades programadas: programadas son las "
        "actividades con una fecha programada que termina a más tardar el 31/12/2022"
    ) in texto
    # Totals table: programadas, cumplidas, cumplidas ÷ programadas, then the mean.
    assert re.search(r"Componente: Rendición de cuentas 23 7 30,4 % 23 [\d,]+ %", texto)
    for programadas, cumplidas, porcentaje in [(11, 4, "36,4"), (8, 2, "25,0"), (4, 1, "25,0")]:
        assert re.search(rf"\b{programadas} {cumplidas} {porcentaje} %", texto)


@pytest.mark.parametrize("corte", [1, 2, 3])
def test_el_xlsx_lleva_programadas_cumplidas_y_el_avance_oficial(client, alicia, avances, corte):  # noqa: F811
    client.force_login(alicia)
    respuesta = client.get(f"/informes/seguimiento/alcaldia-de-pasto-paac-2022/{corte}.xlsx")
    libro = load_workbook(io.BytesIO(respuesta.content))

    hoja = libro["Seguimiento"]
    titulos = [c.value for c in hoja[1]]
    filas = [
        dict(zip(titulos, f, strict=True)) for f in hoja.iter_rows(min_row=2, values_only=True)
    ]
    cumplidas = {f["Código"] for f in filas if f["Actividades cumplidas"] == 1}
    assert cumplidas == CUMPLIDAS[corte]
    assert sum(f["Actividades programadas"] for f in filas) == ESPERADO[corte]["componente"][0]

    totales = libro["Por subcomponente"]
    titulos = [c.value for c in totales[1]]
    por_fila = [
        dict(zip(titulos, f, strict=True)) for f in totales.iter_rows(min_row=2, values_only=True)
    ]
    esperado = [ESPERADO[corte][n] for n in (1, 2, 3)] + [ESPERADO[corte]["componente"]]
    assert [
        (f["Actividades programadas"], f["Actividades cumplidas"]) for f in por_fila
    ] == esperado
    oficiales = [f["Cumplidas ÷ programadas"] for f in por_fila]
    porcentajes = [PORCENTAJES[corte][n] for n in (1, 2, 3, "componente")]
    assert [
        None if v is None else round(Decimal(str(v)) * 100, 1) for v in oficiales
    ] == porcentajes
    assert por_fila[-1]["Subcomponente"] == "Componente: Rendición de cuentas"
    datos = dict(libro["Datos del informe"].iter_rows(min_row=2, values_only=True))
    assert datos["Avance oficial"].startswith("Avance oficial = actividades cumplidas ÷")
