"""Open data as the standards read it: every CSV valid against its own dictionary
(frictionless, Table Schema), and a machine-readable catalogue (DCAT, as datos.gov.co)
with licence, update date and contact for each dataset.

With the portal's data (tests/datos_portal.py: rows in every dataset, published and
unpublished ones side by side), loaded once for the module and rolled back after.
"""

import csv
import io
import json
from datetime import datetime
from unittest import mock
from urllib.parse import urlsplit

import frictionless
import openpyxl
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from nucleo import documentos
from nucleo.datos_abiertos import Tipo
from pasto_rdc.datos_abiertos import conjuntos
from tests import datos_portal
from tests.ayudas import PDF_FALSO

pytestmark = pytest.mark.django_db

SLUGS = [conjunto.slug for conjunto in conjuntos()]


def _rutas() -> list[str]:
    rutas = ["/datos-abiertos/", "/datos-abiertos/catalogo.json"]
    for slug in SLUGS:
        rutas += [f"/datos-abiertos/{slug}.{f}" for f in ("csv", "json", "xlsx", "schema.json")]
    return rutas


@pytest.fixture(scope="module")
def descargas(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, bytes]:
    """Path → body of each open-data response to an anonymous visitor, with portal data."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            DIALOGOS_LIMITE_PREGUNTAS=None,
            ENCUESTAS_LIMITE_RESPUESTAS=None,
        ),
        mock.patch.object(documentos, "pdf_desde_html", return_value=PDF_FALSO),
        transaction.atomic(),
    ):
        cache.clear()
        datos_portal.crear_territorios()
        call_command("loaddata", "entidad_pasto", verbosity=0)  # publisher and spatial
        # As the README loads the plan: loaddata, then its first history records.
        call_command("loaddata", "plan_2022", verbosity=0)
        call_command("populate_history", "--auto", stdout=io.StringIO())
        alicia, bruno, diana = datos_portal.usuarios()
        datos_portal.poblar_portal(alicia=alicia, bruno=bruno, diana=diana)
        # With data, each update date is the data's, not the request's (the fallback).
        assert all(conjunto.cambios().ultimo is not None for conjunto in conjuntos())
        anonimo = Client()
        cuerpos = {}
        for ruta in _rutas():
            respuesta = anonimo.get(ruta)
            assert respuesta.status_code == 200, ruta
            cuerpos[ruta] = respuesta.content
        transaction.set_rollback(True)
    return cuerpos


def _recurso(descargas, slug: str) -> frictionless.Resource:
    esquema = json.loads(descargas[f"/datos-abiertos/{slug}.schema.json"])
    return frictionless.Resource(
        descargas[f"/datos-abiertos/{slug}.csv"],
        format="csv",
        encoding="utf-8-sig",  # the BOM that lets spreadsheet programs read the accents
        schema=frictionless.Schema.from_descriptor(esquema),
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_cada_csv_es_valido_contra_su_propio_diccionario(descargas, slug):
    filas = list(csv.DictReader(io.StringIO(descargas[f"/datos-abiertos/{slug}.csv"].decode())))
    assert filas, "sin filas la validación no probaría nada"

    informe = frictionless.validate(_recurso(descargas, slug))

    assert informe.valid, informe.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("slug", SLUGS)
def test_el_esquema_publicado_es_el_diccionario_del_conjunto(descargas, slug):
    conjunto = next(c for c in conjuntos() if c.slug == slug)
    esquema = json.loads(descargas[f"/datos-abiertos/{slug}.schema.json"])
    tipos = {
        Tipo.TEXTO: "string",
        Tipo.ENTERO: "integer",
        Tipo.NUMERO: "number",
        Tipo.PORCENTAJE: "number",
        Tipo.FECHA: "date",
        Tipo.FECHA_HORA: "datetime",
    }
    assert [(f["name"], f["type"]) for f in esquema["fields"]] == [
        (c.nombre, tipos[c.tipo]) for c in conjunto.campos
    ]
    for campo in esquema["fields"]:
        if campo["name"] in {"porcentaje", "porcentaje_avance"}:
            assert campo["constraints"] == {"minimum": 0, "maximum": 100}


def test_un_csv_que_no_cumple_su_diccionario_no_pasa(descargas):
    """The validation can fail: a percentage as the 0-1 fraction and a date-time without
    its offset are what the dictionary forbids (the check is not vacuous)."""
    esquema = json.loads(descargas["/datos-abiertos/espacios-de-dialogo.schema.json"])
    nombres = [campo["name"] for campo in esquema["fields"]]
    fila = {nombre: "" for nombre in nombres}
    fila.update(id="x", inicio="10/08/2022 09:00", asistentes="ochenta")
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, nombres)
    escritor.writeheader()
    escritor.writerow(fila)
    recurso = frictionless.Resource(
        salida.getvalue().encode(),
        format="csv",
        schema=frictionless.Schema.from_descriptor(esquema),
    )

    informe = frictionless.validate(recurso)

    assert {(e[0], e[1]) for e in informe.flatten(["fieldName", "type"])} == {
        ("inicio", "type-error"),
        ("asistentes", "type-error"),
    }


def test_las_fechas_con_hora_llevan_la_hora_de_colombia_en_cada_formato(descargas):
    filas = list(
        csv.DictReader(
            io.StringIO(descargas["/datos-abiertos/espacios-de-dialogo.csv"].decode("utf-8-sig"))
        )
    )
    audiencia = next(f for f in filas if f["titulo"] == "Audiencia pública de educación")
    assert audiencia["inicio"].endswith("-05:00")
    inicio = datetime.fromisoformat(audiencia["inicio"])
    documento = json.loads(descargas["/datos-abiertos/espacios-de-dialogo.json"])
    en_json = next(f for f in documento["datos"] if f["titulo"] == audiencia["titulo"])
    assert datetime.fromisoformat(en_json["inicio"]) == inicio
    hoja = openpyxl.load_workbook(
        io.BytesIO(descargas["/datos-abiertos/espacios-de-dialogo.xlsx"])
    ).active
    encabezado = [celda.value for celda in hoja[1]]
    fila = next(f for f in hoja.iter_rows(min_row=2) if f[2].value == audiencia["titulo"])
    celda = fila[encabezado.index("inicio")]
    # A real date-time cell, with its hour shown: the Colombian wall clock.
    assert celda.value == inicio.replace(tzinfo=None)
    assert celda.number_format == "dd/mm/yyyy hh:mm"


def test_el_porcentaje_va_de_0_a_100_en_csv_json_y_xlsx(descargas):
    slug = "encuestas-resultados"
    filas = list(
        csv.DictReader(io.StringIO(descargas[f"/datos-abiertos/{slug}.csv"].decode("utf-8-sig")))
    )
    documento = json.loads(descargas[f"/datos-abiertos/{slug}.json"])
    hoja = openpyxl.load_workbook(io.BytesIO(descargas[f"/datos-abiertos/{slug}.xlsx"])).active
    encabezado = [celda.value for celda in hoja[1]]
    columna = encabezado.index("porcentaje (%)")
    en_xlsx = [fila[columna] for fila in hoja.iter_rows(min_row=2)]

    en_csv = [float(f["porcentaje"]) for f in filas if f["porcentaje"]]
    assert max(en_csv) > 1  # 50.0 for 50 %, never 0.5
    assert [f["porcentaje"] for f in documento["datos"] if f["porcentaje"] is not None] == en_csv
    assert [float(c.value) for c in en_xlsx if c.value is not None] == en_csv
    assert {c.number_format for c in en_xlsx if c.value is not None} == {"0.0"}
    campo = next(c for c in documento["campos"] if c["nombre"] == "porcentaje")
    assert campo["tipo"].startswith("porcentaje de 0 a 100")


def test_el_catalogo_dcat_da_licencia_fecha_y_contacto_de_cada_conjunto(descargas):
    catalogo = json.loads(descargas["/datos-abiertos/catalogo.json"])
    licencia = settings.DATOS_ABIERTOS_LICENCIA["url"]
    contacto = settings.DATOS_ABIERTOS_CONTACTO

    assert catalogo["title"] and catalogo["description"]
    assert catalogo["publisher"]["name"] == "Alcaldía Municipal de Pasto"
    assert catalogo["license"] == licencia == "https://creativecommons.org/licenses/by/4.0/deed.es"
    assert [d["title"] for d in catalogo["dataset"]] == [c.titulo for c in conjuntos()]
    for dataset, slug in zip(catalogo["dataset"], SLUGS, strict=True):
        assert dataset["license"] == licencia
        assert dataset["contactPoint"] == {
            "@type": "vcard:Contact",
            "fn": "Oficina de Planeación de Gestión Institucional",
            "hasEmail": f"mailto:{contacto['correo']}",
        }
        modificado = datetime.fromisoformat(dataset["modified"])
        assert modificado.utcoffset() is not None
        assert datetime.fromisoformat(dataset["issued"]) <= modificado
        assert dataset["language"] == ["es"]
        assert dataset["spatial"] == "Pasto, Nariño, Colombia"
        assert dataset["keyword"] and dataset["theme"] and dataset["accrualPeriodicity"]
        assert dataset["publisher"]["name"] == "Alcaldía Municipal de Pasto"
        assert dataset["describedBy"] == f"http://testserver/datos-abiertos/{slug}.schema.json"
        assert [(d["format"], d["mediaType"]) for d in dataset["distribution"]] == [
            ("CSV", "text/csv"),
            ("JSON", "application/json"),
            ("XLSX", documentos.TIPO_XLSX),
        ]
        for distribucion in dataset["distribution"]:
            partes = urlsplit(distribucion["downloadURL"])
            assert (partes.scheme, partes.netloc) == ("http", "testserver")  # absolute
            assert partes.path in descargas  # and served (the fixture got a 200 from each)
    assert len({d["identifier"] for d in catalogo["dataset"]}) == len(SLUGS)


def test_cada_conjunto_dice_cuando_cambiaron_sus_datos_en_el_catalogo_y_en_su_json(descargas):
    catalogo = json.loads(descargas["/datos-abiertos/catalogo.json"])
    pagina = descargas["/datos-abiertos/"].decode()
    for dataset, slug in zip(catalogo["dataset"], SLUGS, strict=True):
        documento = json.loads(descargas[f"/datos-abiertos/{slug}.json"])
        assert datetime.fromisoformat(documento["actualizado"]) == datetime.fromisoformat(
            dataset["modified"]
        )
        # The page, in Colombian dd/mm/aaaa hh:mm, for each dataset and its dictionary.
        fecha = datetime.fromisoformat(dataset["modified"]).strftime("%d/%m/%Y %H:%M")
        assert f'data-actualizado="{slug}">Última actualización de los datos: ' in pagina
        assert pagina.count(fecha) >= 2


def test_la_pagina_de_datos_abiertos_muestra_licencia_contacto_y_el_catalogo_json(descargas):
    pagina = descargas["/datos-abiertos/"].decode()
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.es" rel="license">'
        "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)</a>"
    ) in pagina
    correo = settings.DATOS_ABIERTOS_CONTACTO["correo"]
    assert f'Oficina de Planeación de Gestión Institucional: <a href="mailto:{correo}">' in pagina
    assert 'href="/datos-abiertos/catalogo.json"' in pagina
    for slug in SLUGS:
        assert f'href="/datos-abiertos/{slug}.schema.json"' in pagina


def test_sin_datos_la_pagina_dice_sin_cambios_y_el_catalogo_da_la_hora_de_la_consulta(client):
    antes = timezone.now().replace(microsecond=0)

    pagina = client.get("/datos-abiertos/").content.decode()
    catalogo = client.get("/datos-abiertos/catalogo.json").json()

    assert pagina.count("Última actualización de los datos: sin cambios registrados.") == len(SLUGS)
    for dataset in catalogo["dataset"]:
        assert antes <= datetime.fromisoformat(dataset["modified"]) <= timezone.now()
