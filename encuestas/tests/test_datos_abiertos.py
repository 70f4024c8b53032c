"""Open data: the published surveys' aggregates parsed back from CSV, JSON and XLSX; an
unpublished survey and the free texts never appear."""

import csv
import io

import openpyxl
import pytest

from encuestas import services
from pasto_rdc.datos_abiertos import conjuntos

from .conftest import abierta_ahora, minimas, responder_web

URL = "/datos-abiertos/encuestas-resultados"


@pytest.fixture
def publicada(encuesta_con_respuestas, encuesta_salud, alicia):
    # Salud's survey has a response with a free text but stays unpublished.
    por_texto = {p.tipo: p for p in encuesta_salud.cuestionario.preguntas.all()}
    responder_web(
        encuesta_salud,
        {
            **minimas(encuesta_salud.cuestionario),
            por_texto["texto_largo"].campo: "Secreto 300 123 4567",
        },
    )
    services.publicar_resultados(usuario=alicia, encuesta=encuesta_con_respuestas, publicar=True)
    return encuesta_con_respuestas


def test_esta_en_el_catalogo_con_su_diccionario(client, db):
    assert "encuestas-resultados" in [c.slug for c in conjuntos()]
    html = client.get("/datos-abiertos/").content.decode()
    assert "Resultados de las encuestas de satisfacción" in html
    assert "<code>promedio_escala</code>" in html


def test_csv(client, publicada):
    respuesta = client.get(f"{URL}.csv")
    assert respuesta.status_code == 200 and respuesta["Content-Type"].startswith("text/csv")
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    assert {f["encuesta"] for f in filas} == {publicada.codigo}
    # 5 scale points + 3 + 3 + 2 options + one row per text question.
    assert len(filas) == 5 + 3 + 3 + 2 + 2
    radio = next(f for f in filas if f["pregunta"] == "¿Cómo se enteró?" and f["opcion"] == "Radio")
    assert (radio["cantidad"], radio["porcentaje"], radio["respondieron_pregunta"]) == (
        "3",
        "75.0",
        "4",
    )
    escala = [f for f in filas if f["tipo_pregunta"] == "Escala de 1 a 5"]
    assert [f["valor_escala"] for f in escala] == ["1", "2", "3", "4", "5"]
    assert {f["promedio_escala"] for f in escala} == {"3.83"}
    assert all(f["respuestas_encuesta"] == "6" for f in filas)
    assert filas[0]["fecha_espacio"] == "2022-08-10"
    textos = [f for f in filas if f["tipo_pregunta"].startswith("Texto")]
    assert [(f["opcion"], f["cantidad"], f["porcentaje"]) for f in textos] == [
        ("", "1", ""),
        ("", "2", ""),
    ]
    contenido = respuesta.content.decode("utf-8-sig")
    for texto in ("Movilidad", "El sonido era malo.", "Más tiempo", "Secreto", "salud pública"):
        assert texto not in contenido


def test_json(client, publicada):
    documento = client.get(f"{URL}.json").json()
    assert documento["conjunto"] == "encuestas-resultados"
    nombres = [c["nombre"] for c in documento["campos"]]
    assert all(list(fila) == nombres for fila in documento["datos"])
    vecinos = next(f for f in documento["datos"] if f["opcion"] == "Vecinos")
    assert vecinos["cantidad"] == 2 and vecinos["porcentaje"] == 50.0
    assert {f["titulo"] for f in documento["datos"]} == {"Jornada de diálogo: calidad educativa"}


def test_xlsx(client, publicada):
    hoja = openpyxl.load_workbook(io.BytesIO(client.get(f"{URL}.xlsx").content)).active
    encabezado = [c.value for c in hoja[1]]
    filas = [dict(zip(encabezado, f, strict=True)) for f in hoja.iter_rows(2, values_only=True)]
    si = next(f for f in filas if f["opcion"] == "Sí")
    # A percentage from 0 to 100, as in the CSV and the JSON (not the reports' 0.667).
    assert si["cantidad"] == 4 and float(si["porcentaje (%)"]) == pytest.approx(66.7)


def test_sin_encuestas_publicadas_el_conjunto_esta_vacio(client, encuesta_con_respuestas):
    filas = list(csv.DictReader(io.StringIO(client.get(f"{URL}.csv").content.decode("utf-8-sig"))))
    assert filas == []


def _publicar_otras(alicia, predeterminado, encuesta_salud, cuantas: int) -> list:
    """`cuantas` more published surveys with answers: Salud's, then general ones."""
    otras = [encuesta_salud]
    for numero in range(cuantas - 1):
        otras.append(
            services.crear_encuesta(
                usuario=alicia,
                cuestionario=predeterminado,
                titulo=f"Encuesta general {numero}",
                **abierta_ahora(),
            )
        )
    for encuesta in otras:
        responder_web(encuesta, minimas(encuesta.cuestionario))
        services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    return otras


CONSULTAS_DATOS_ABIERTOS = 6  # surveys, channels, questions, options, per option, per question
# The version of its data (one aggregate: the file's cache key and ETag; in the JSON,
# when its data last changed).
CONSULTAS_VERSION = 1


@pytest.mark.parametrize("formato", ["csv", "json", "xlsx"])
def test_la_descarga_publica_hace_las_mismas_consultas_con_una_o_muchas_encuestas(
    client, publicada, alicia, predeterminado, encuesta_salud, formato, django_assert_num_queries
):
    consultas = CONSULTAS_DATOS_ABIERTOS + CONSULTAS_VERSION
    with django_assert_num_queries(consultas):
        una = client.get(f"{URL}.{formato}")
    assert una.status_code == 200
    otras = _publicar_otras(alicia, predeterminado, encuesta_salud, 3)
    with django_assert_num_queries(consultas):
        muchas = client.get(f"{URL}.{formato}")
    assert muchas.status_code == 200 and len(muchas.content) > len(una.content)
    if formato == "json":
        codigos = {fila["encuesta"] for fila in muchas.json()["datos"]}
        assert codigos == {publicada.codigo, *(otra.codigo for otra in otras)}


def test_agrupar_por_encuesta_da_las_mismas_cifras_que_cada_encuesta_sola(
    client, publicada, alicia, predeterminado, encuesta_salud
):
    """One pass for every survey must not mix their counts: each survey's rows are the
    ones it had when it was the only one published."""
    sola = client.get(f"{URL}.json").json()["datos"]
    _publicar_otras(alicia, predeterminado, encuesta_salud, 2)
    juntas = client.get(f"{URL}.json").json()["datos"]
    assert [f for f in juntas if f["encuesta"] == publicada.codigo] == sola


def test_la_pagina_publica_de_encuestas_hace_las_mismas_consultas_con_una_o_muchas(
    client, publicada, alicia, predeterminado, encuesta_salud, django_assert_num_queries
):
    with django_assert_num_queries(2):  # open surveys, published ones
        client.get("/encuestas/")
    _publicar_otras(alicia, predeterminado, encuesta_salud, 3)
    with django_assert_num_queries(2):
        pagina = client.get("/encuestas/")
    assert len(pagina.context["publicadas"]) == 4
