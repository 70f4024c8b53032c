"""Open data: every dataset parsed back in each format; nothing unpublished leaks."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from pasto_rdc.datos_abiertos import conjuntos
from plan.models import Avance, Plan


@pytest.fixture
def con_avance(plan_2022, actividad, alicia):
    Avance.objects.create(
        estado=Avance.Estado.APROBADO,  # only approved progress is public
        actividad=actividad("2.2"),
        fecha=date(2022, 6, 30),
        cantidad=10,
        narrativa="x",
        reportado_por=alicia,
    )


def test_catalogo_con_diccionario_de_datos(client, plan_2022):
    html = client.get("/datos-abiertos/").content.decode()
    for conjunto in conjuntos():
        assert conjunto.titulo in html
        for campo in conjunto.campos:
            assert f"<code>{campo.nombre}</code>" in html
    assert "/datos-abiertos/planes/alcaldia-de-pasto-paac-2022.json" in html


def test_actividades_en_csv(client, con_avance):
    respuesta = client.get("/datos-abiertos/actividades.csv")
    assert respuesta["Content-Type"].startswith("text/csv")
    assert 'filename="actividades.csv"' in respuesta["Content-Disposition"]
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    assert len(filas) == 23
    fila_22 = next(f for f in filas if f["codigo"] == "2.2")
    assert fila_22["meta"] == "Mínimo 29 espacios de diálogo realizados"
    assert fila_22["porcentaje_avance"] == "34.5"  # 10 / 29
    assert fila_22["fecha_inicio"] == "2022-02-01"
    assert fila_22["responsables"] == "Oficina de Planeación de Gestión Institucional"
    assert next(f for f in filas if f["codigo"] == "1.7")["fechas"] == (
        "2022-07-01/2022-08-01; 2022-11-01/2022-12-01"
    )


def test_actividades_en_json_con_su_esquema(client, con_avance):
    documento = client.get("/datos-abiertos/actividades.json").json()
    assert set(documento) == {
        "conjunto",
        "titulo",
        "descripcion",
        "generado",
        "actualizado",
        "campos",
        "datos",
    }
    nombres = [campo["nombre"] for campo in documento["campos"]]
    assert all(list(fila) == nombres for fila in documento["datos"])
    fila_22 = next(f for f in documento["datos"] if f["codigo"] == "2.2")
    assert fila_22["porcentaje_avance"] == 34.5
    assert fila_22["meta_cantidad"] == 29.0


def test_actividades_en_xlsx_con_celdas_tipadas(client, con_avance):
    respuesta = client.get("/datos-abiertos/actividades.xlsx")
    hoja = openpyxl.load_workbook(io.BytesIO(respuesta.content)).active
    encabezado = [celda.value for celda in hoja[1]]
    assert encabezado[:4] == ["plan", "vigencia", "entidad", "codigo"]
    filas = {
        fila[3]: dict(zip(encabezado, fila, strict=True))
        for fila in hoja.iter_rows(2, values_only=True)
    }
    assert len(filas) == 23
    assert filas["2.2"]["fecha_inicio"].date() == date(2022, 2, 1)
    # One convention everywhere: 34.5 for 34.5 %, as in the CSV and the JSON (not 0.345).
    assert float(filas["2.2"]["porcentaje_avance (%)"]) == pytest.approx(34.5)
    assert hoja.cell(row=2, column=encabezado.index("porcentaje_avance (%)") + 1).number_format == (
        "0.0"
    )
    assert hoja.freeze_panes == "A2"


def test_plan_completo_en_json(client, con_avance):
    documento = client.get("/datos-abiertos/planes/alcaldia-de-pasto-paac-2022.json").json()
    assert documento["vigencia"] == 2022
    assert [s["numero"] for s in documento["subcomponentes"]] == [1, 2, 3]
    codigos = [a["codigo"] for s in documento["subcomponentes"] for a in s["actividades"]]
    assert len(codigos) == 23 and codigos[9] == "1.10"
    actividad_17 = documento["subcomponentes"][0]["actividades"][6]
    assert actividad_17["ventanas"] == [
        {"inicio": "2022-07-01", "fin": "2022-08-01"},
        {"inicio": "2022-11-01", "fin": "2022-12-01"},
    ]


@pytest.mark.parametrize("formato", ["csv", "json", "xlsx"])
def test_un_plan_sin_publicar_no_aparece_en_los_datos(client, plan_2022, formato):
    Plan.objects.filter(pk=plan_2022.pk).update(publicado=False)
    respuesta = client.get(f"/datos-abiertos/actividades.{formato}")
    assert respuesta.status_code == 200
    assert "Realizar espacios territoriales" not in _texto(respuesta.content, formato)
    assert client.get("/datos-abiertos/planes/alcaldia-de-pasto-paac-2022.json").status_code == 404


def _texto(contenido: bytes, formato: str) -> str:
    if formato != "xlsx":
        return contenido.decode("utf-8-sig")
    libro = openpyxl.load_workbook(io.BytesIO(contenido))
    return " ".join(str(c) for fila in libro.active.iter_rows(values_only=True) for c in fila)


def test_formato_o_conjunto_desconocido_da_404(client, plan_2022):
    assert client.get("/datos-abiertos/actividades.pdf").status_code == 404
    assert client.get("/datos-abiertos/no-existe.csv").status_code == 404
