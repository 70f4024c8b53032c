"""Public downloads and pages built once per version of their data (nucleo/cache_publico.py).

Open data streamed and read back whole; ETag and 304; a change through a service gives
a new ETag and fresh content; a public PDF rendered once for the same data; the
anonymous home served from the cache yet fresh after a change, and never to an official;
REDIS_URL switches the cache (and the sessions) to Redis.
"""

import csv
import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.http import StreamingHttpResponse

from dialogos import services as dialogos
from nucleo import datos_abiertos as marco
from nucleo import documentos
from pasto_rdc.datos_abiertos import conjuntos
from plan import services, servicios_avances
from plan.datos_abiertos import ACTIVIDADES
from tests.ayudas import PDF_FALSO

pytestmark = pytest.mark.django_db

RAIZ = Path(__file__).resolve().parent.parent
ACTIVIDADES_CSV = "/datos-abiertos/actividades.csv"


def aprobar_un_avance(actividad, bruno, alicia):
    """Bruno reports 1.3 done and OPGI approves it: its public progress becomes 100 %."""
    avance = services.registrar_avance(
        actividad=actividad("1.3"),
        usuario=bruno,
        fecha=date(2022, 9, 15),
        cantidad=Decimal(1),
        narrativa="Informe de gestión publicado.",
    )
    return servicios_avances.aprobar_avance(avance=avance, revisor=alicia)


def fila_13(respuesta) -> dict:
    filas = csv.DictReader(io.StringIO(respuesta.content.decode("utf-8-sig")))
    return next(f for f in filas if f["codigo"] == "1.3")


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The HTML of every PDF rendered (WeasyPrint replaced: the count is what matters)."""
    html: list[str] = []

    def contar(contenido: str, *, base_url: str) -> bytes:
        html.append(contenido)
        return PDF_FALSO

    monkeypatch.setattr(documentos, "pdf_desde_html", contar)
    return html


# --- Open data ---------------------------------------------------------------------


@pytest.mark.parametrize("formato", ["csv", "json"])
def test_csv_y_json_salen_en_flujo(client, plan_2022, formato):
    respuesta = client.get(f"/datos-abiertos/actividades.{formato}")
    assert respuesta.status_code == 200
    assert isinstance(respuesta, StreamingHttpResponse)
    assert len(b"".join(respuesta.streaming_content)) > 1000


@pytest.mark.parametrize("conjunto", conjuntos(), ids=lambda c: c.slug)
def test_cada_archivo_se_lee_con_las_filas_del_conjunto(client, plan_2022, conjunto):
    """CSV parsed with csv, JSON with json and XLSX with openpyxl give the dataset's rows,
    each cell as its format writes it (the rows the generators had before streaming)."""
    nombres = [campo.nombre for campo in conjunto.campos]
    datos = conjunto.datos()
    url = f"/datos-abiertos/{conjunto.slug}"

    en_csv = list(csv.reader(io.StringIO(client.get(f"{url}.csv").content.decode("utf-8-sig"))))
    assert en_csv == [nombres] + [[marco._texto(fila[n]) for n in nombres] for fila in datos]

    documento = json.loads(client.get(f"{url}.json").content)
    assert documento["datos"] == [{n: marco._json(fila[n]) for n in nombres} for fila in datos]
    assert [c["nombre"] for c in documento["campos"]] == nombres

    hoja = openpyxl.load_workbook(io.BytesIO(client.get(f"{url}.xlsx").content)).active
    assert [c.value for c in hoja[1]] == [c.encabezado_xlsx for c in conjunto.campos]
    assert hoja.max_row == len(datos) + 1
    assert hoja.freeze_panes == "A2"


def test_el_json_en_trozos_es_el_mismo_texto_que_el_documento_entero(plan_2022):
    """Streamed row by row, the JSON is still exactly json.dumps(indent=1) of the whole."""
    cambios = ACTIVIDADES.cambios()
    texto = marco.como_json(ACTIVIDADES, cambios).decode()
    documento = json.loads(texto)
    assert len(documento["datos"]) == 23
    assert texto == json.dumps(documento, ensure_ascii=False, indent=1)
    assert len(list(marco.trozos_json(ACTIVIDADES, cambios))) == 1  # 23 rows: one chunk


def test_un_etag_conocido_da_304_sin_armar_el_archivo(client, plan_2022, django_assert_num_queries):
    primera = client.get(ACTIVIDADES_CSV)
    etag = primera["ETag"]
    assert etag.startswith('"') and primera["Last-Modified"]
    assert "public" in primera["Cache-Control"] and "max-age=300" in primera["Cache-Control"]

    with django_assert_num_queries(1):  # the version only
        otra = client.get(ACTIVIDADES_CSV, HTTP_IF_NONE_MATCH=etag)
    assert otra.status_code == 304
    assert otra.content == b""
    assert otra["ETag"] == etag


def test_la_segunda_descarga_sale_de_la_cache(client, plan_2022, django_assert_num_queries):
    primera = client.get(ACTIVIDADES_CSV).content
    with django_assert_num_queries(1):  # the version; the rows come from the cache
        segunda = client.get(ACTIVIDADES_CSV)
    assert segunda.content == primera


def test_un_avance_aprobado_cambia_el_etag_y_el_archivo(
    client, plan_2022, actividad, alicia, bruno
):
    antes = client.get(ACTIVIDADES_CSV)
    assert float(fila_13(antes)["porcentaje_avance"]) == 0

    aprobar_un_avance(actividad, bruno, alicia)

    despues = client.get(ACTIVIDADES_CSV, HTTP_IF_NONE_MATCH=antes["ETag"])
    assert despues.status_code == 200
    assert despues["ETag"] != antes["ETag"]
    assert float(fila_13(despues)["porcentaje_avance"]) == 100


def test_el_archivo_del_dia_cambia_de_etag_al_dia_siguiente(plan_2022):
    cambios = ACTIVIDADES.cambios()
    hoy, manana = date(2022, 9, 15), date(2022, 9, 16)
    assert marco.version(ACTIVIDADES, "csv", cambios, hoy) != marco.version(
        ACTIVIDADES, "csv", cambios, manana
    )
    assert marco.version(ACTIVIDADES, "csv", cambios, hoy) != marco.version(
        ACTIVIDADES, "json", cambios, hoy
    )


# --- Public PDFs -------------------------------------------------------------------


def test_un_pdf_publico_pedido_dos_veces_se_genera_una_vez(client, plan_2022, alicia, renders):
    informe = dialogos.registrar_informe(
        usuario=alicia,
        titulo="Informe de respuestas del segundo semestre",
        publicado_el=date(2022, 12, 20),
        desde=date(2022, 7, 1),
        hasta=date(2022, 12, 31),
    )
    url = f"/dialogos/informes/{informe.pk}.pdf"

    primera, segunda = client.get(url), client.get(url)

    assert primera.content == segunda.content == PDF_FALSO
    assert segunda["Content-Type"] == "application/pdf"
    assert segunda["Content-Disposition"] == primera["Content-Disposition"]
    assert len(renders) == 1
    assert client.get(url, HTTP_IF_NONE_MATCH=segunda["ETag"]).status_code == 304

    # A question received in the period changes the report's counts: rendered again.
    dialogos.recibir_pregunta(
        texto="¿Cuándo abre el colegio?", acepta_datos=True, hoy=date(2022, 8, 10)
    )
    tercera = client.get(url)
    assert tercera["ETag"] != segunda["ETag"]
    assert len(renders) == 2 and renders[1] != renders[0]


def test_el_seguimiento_publicado_se_genera_una_vez(client, plan_2022, diana, renders):
    from plan import servicios_cortes

    servicios_cortes.cerrar_corte(plan=plan_2022, numero=2, usuario=diana)
    url = f"/plan/{plan_2022.slug}/seguimiento/2.pdf"

    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert len(renders) == 1


# --- The anonymous home ------------------------------------------------------------


def test_la_portada_anonima_sale_de_la_cache_y_sigue_fresca(
    client, plan_2022, actividad, alicia, bruno, django_assert_num_queries
):
    primera = client.get("/")
    assert primera.context is not None  # built
    with django_assert_num_queries(2):  # the plan in force and the version of the data
        segunda = client.get("/")
    assert segunda.content == primera.content
    assert "Cookie" in segunda["Vary"]

    aprobar_un_avance(actividad, bruno, alicia)

    tercera = client.get("/")
    assert tercera.context is not None  # a new version: built again
    fila = next(f for f in tercera.context["portal"].filas if f.actividad.codigo == "1.3")
    assert fila.porcentaje == 100
    assert tercera.content != primera.content


def test_un_funcionario_nunca_recibe_la_portada_anonima(client, plan_2022, bruno):
    anonima = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in anonima  # nothing of one visitor in the kept page
    client.force_login(bruno)

    propia = client.get("/")

    assert propia.context is not None
    assert "Salir (bruno)" in propia.content.decode()
    client.logout()
    assert "Salir (bruno)" not in client.get("/").content.decode()


def test_una_portada_filtrada_no_sale_de_la_cache(client, plan_2022):
    client.get("/")
    assert client.get("/", {"q": "territoriales"}).context is not None


# --- REDIS_URL ---------------------------------------------------------------------


def _ajustes(env: dict[str, str]) -> list[str]:
    codigo = (
        "from pasto_rdc import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION'),"
        " getattr(s, 'SESSION_ENGINE', 'db'))"
    )
    resultado = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stderr
    return resultado.stdout.split()


def test_redis_url_pone_la_cache_y_las_sesiones_en_redis():
    assert _ajustes({"REDIS_URL": "redis://127.0.0.1:6379/1"}) == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_sin_redis_url_la_cache_vive_en_la_base_de_datos():
    assert _ajustes({}) == [
        "django.core.cache.backends.db.DatabaseCache",
        "pasto_rdc_cache",
        "db",
    ]


def test_el_nombre_nuevo_de_la_entidad_llega_a_los_datos_abiertos(client, plan_2022):
    antes = client.get("/datos-abiertos/planes.csv")
    entidad = plan_2022.entidad
    entidad.nombre = "Alcaldía de Pasto (nombre nuevo)"
    entidad.save()

    despues = client.get("/datos-abiertos/planes.csv")

    assert despues["ETag"] != antes["ETag"]
    assert "Alcaldía de Pasto (nombre nuevo)" in despues.content.decode("utf-8-sig")
