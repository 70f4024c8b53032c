"""A large report's PDF rendered in sections (nucleo.documentos.pdf_por_secciones) has
the pages one pass would have: the same activities in the same order, the same page
breaks, and «Página X de Y» right on every page, stamped after the sections are joined.

A plan of 150 activities (plan/tests/fabricas.py) in sections of 50 rows is compared,
read back with pypdf, with the single-pass PDF of the same data; the background task
(nucleo/generados.py) renders in sections, checked on the 2022 plan with small sections.
"""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from nucleo import documentos
from nucleo.models import DocumentoGenerado
from plan import informes
from plan.models import Responsable
from plan.tests.fabricas import SLUG_OFICINA, crear_plan_grande

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver/"
NUMERO = re.compile(r"Página (\d+) de (\d+)")
ACTIVIDAD = re.compile(r"Actividad\s+de\s+prueba\s+número\s+(\d+)\s")


def _paginas(pdf: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages]


def _sin_numero(texto: str) -> str:
    return " ".join(NUMERO.sub("", texto).split())


def _un_solo_paso(informe, plantilla: str) -> bytes:
    return documentos.contenido(
        formato="pdf",
        plantilla=plantilla,
        contexto={"informe": informe, "plan": informe.plan},
        hojas=list,
        base_url=BASE_URL,
    )


def _numeradas(paginas: list[str]) -> None:
    """Each page says «Página i de N», once, with i its place and N the page count."""
    total = len(paginas)
    for indice, texto in enumerate(paginas, start=1):
        assert NUMERO.findall(texto) == [(str(indice), str(total))], texto[-200:]


@pytest.fixture
def secciones(monkeypatch):
    """Counts the documents WeasyPrint lays out."""
    contadas = []
    original = documentos._html

    def contar(html, *, base_url):
        contadas.append(html)
        return original(html, base_url=base_url)

    monkeypatch.setattr(documentos, "_html", contar)
    return contadas


@pytest.fixture
def plan_150(db):
    return crear_plan_grande(actividades=150, vigencia=2031)


def test_el_seguimiento_en_secciones_tiene_las_paginas_de_un_solo_paso(plan_150, secciones):
    informe = informes.informe_seguimiento(
        plan=plan_150, corte=plan_150.corte(2), hoy=date(2031, 9, 1)
    )
    plantilla = "plan/informes/seguimiento.html"
    unico = _paginas(_un_solo_paso(informe, plantilla))
    secciones.clear()

    partido = _paginas(
        informes.pdf_por_secciones(informe, plantilla=plantilla, base_url=BASE_URL, por_seccion=50)
    )

    # 150 activities and 3 subcomponente totals: 153 rows, at least four sections
    # (and one page of numbers).
    assert len(secciones) >= 1 + 153 // 50 + 1
    texto = "\n".join(partido)
    assert [int(n) for n in ACTIVIDAD.findall(texto)] == [
        int(n) for n in ACTIVIDAD.findall("\n".join(unico))
    ]
    assert sorted(int(n) for n in ACTIVIDAD.findall(texto)) == list(range(1, 151))
    _numeradas(partido)
    assert abs(len(partido) - len(unico)) <= 1
    # The cover once, on the first page; the running title on every page; the totals at the end.
    assert texto.count("Fecha de publicación") == 1 and "Fecha de publicación" in partido[0]
    assert all("Seguimiento Oficina de Control Interno – II cuatrimestre" in p for p in partido)
    assert "Totales al 31/08/2031" in partido[-1]
    # Page breaks where the single pass has them: the same text on every page (the
    # stamped number is read at another place of the page's text: set aside).
    assert [_sin_numero(p) for p in partido] == [_sin_numero(p) for p in unico]


def test_el_informe_de_una_oficina_en_secciones_tiene_las_paginas_de_un_solo_paso(plan_150):
    oficina = Responsable.objects.get(slug=SLUG_OFICINA.format(1))
    informe = informes.informe_oficina(
        plan=plan_150, responsable=oficina, corte=plan_150.corte(2), hoy=date(2031, 9, 1)
    )
    plantilla = "plan/informes/oficina.html"
    unico = _paginas(_un_solo_paso(informe, plantilla))

    partido = _paginas(
        informes.pdf_por_secciones(informe, plantilla=plantilla, base_url=BASE_URL, por_seccion=12)
    )

    texto = "\n".join(partido)
    propias = [int(n) for n in ACTIVIDAD.findall(texto)]
    assert propias == [int(n) for n in ACTIVIDAD.findall("\n".join(unico))]
    assert len(propias) == len(informe.filas) > 24
    _numeradas(partido)
    assert abs(len(partido) - len(unico)) <= 1
    assert "Evidencias al 31/08/2031" in texto and "Oficina de prueba 1" in partido[0]
    # Not always the very same breaks: the last section (its rows, then the totals and
    # the evidence) may move a row to the next page, as here (8 pages both).


def test_el_informe_en_segundo_plano_se_genera_en_secciones(
    client, alicia, plan_2022, settings, monkeypatch, secciones
):
    settings.INFORME_EN_SEGUNDO_PLANO_DESDE = 23
    monkeypatch.setattr(informes, "RENGLONES_POR_SECCION", 8)
    client.force_login(alicia)

    client.get("/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.pdf")

    documento = DocumentoGenerado.objects.get()
    assert documento.listo
    # 23 activities and 2 subcomponente totals, 8 rows at a time: four sections or more.
    assert sum("data-renglon" in html for html in secciones) >= 4
    with documento.archivo.open("rb") as archivo:
        paginas = _paginas(archivo.read())
    _numeradas(paginas)
    codigos = re.findall(r"\b([12]\.\d+) ", " ".join(paginas))
    assert codigos[:3] == ["1.1", "1.2", "1.3"] and "2.1" in codigos
