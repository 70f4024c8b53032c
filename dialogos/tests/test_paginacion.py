"""The dialogue lists show one page of 50 (TAMANO_PAGINA) with the shared, accessible page
links (templates/_paginacion.html), which keep the list's filters."""

import re

import pytest

from dialogos.tests.test_consultas import crear_muchos

pytestmark = pytest.mark.django_db


def _navegacion(html: str) -> str:
    encontrada = re.search(
        r'<nav class="paginacion" aria-label="Paginación">(.*?)</nav>', html, re.S
    )
    assert encontrada, "the page has no «Paginación» navigation"
    return encontrada[1].replace("&amp;", "&")


def test_las_preguntas_de_gestion_se_paginan_y_los_enlaces_guardan_el_filtro(client, alicia):
    crear_muchos(espacios=2, preguntas=240)  # 60 in each state, 240 in all
    client.force_login(alicia)

    html = client.get("/dialogos/gestion/preguntas/?estado=todas").content.decode()
    assert len(re.findall(r"<tr data-pregunta=", html)) == 50
    navegacion = _navegacion(html)
    assert 'href="?estado=todas&pagina=2" rel="next">Siguiente<' in navegacion
    assert 'aria-current="page"' in navegacion

    ultima = client.get("/dialogos/gestion/preguntas/?estado=todas&pagina=99").content.decode()
    assert len(re.findall(r"<tr data-pregunta=", ultima)) == 40  # 240 = 4 × 50 + 40
    assert ">Siguiente<" not in _navegacion(ultima)


def test_los_espacios_de_gestion_se_paginan(client, alicia):
    crear_muchos(espacios=120, preguntas=0)
    client.force_login(alicia)
    html = client.get("/dialogos/gestion/?pagina=abc").content.decode()
    assert len(re.findall(r"<tr data-espacio=", html)) == 50
    assert 'href="?pagina=2" rel="next">Siguiente<' in _navegacion(html)


def test_las_respuestas_publicadas_se_paginan(client, plan_2022):
    crear_muchos(espacios=2, preguntas=240)  # 60 published
    segunda = client.get("/dialogos/respuestas/?pagina=2").content.decode()
    assert len(re.findall(r'<li class="respuesta"', segunda)) == 10
    assert 'href="?pagina=1" rel="prev">Anterior<' in _navegacion(segunda)


def test_los_espacios_anteriores_del_cronograma_se_paginan(client, plan_2022):
    crear_muchos(espacios=120, preguntas=0)  # half of them in 2022: past
    primera = client.get("/dialogos/").content.decode()
    pasados = primera.split('id="pasados"', 1)[1]
    assert pasados.count('<li class="espacio"') == 50
    assert 'href="?pagina=2#pasados" rel="next">Siguiente<' in _navegacion(pasados)
    # «pagina» is not a filter.
    assert "Quitar filtros" not in client.get("/dialogos/?pagina=2").content.decode()
