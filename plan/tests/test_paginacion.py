"""Bounded pages (issue 17): the portal and the dashboards list one page of activities.

A generated plan of 120 activities of vigencia 2025 (before «today», so its activities
are vencida or cumplida), in two subcomponentes of 60 and shared by two offices
(plan/tests/fabricas.py): page 1
lists 50, page 3 the last 20; the figures above the list (status cards, progress by
subcomponente and by office, the charts) describe the whole plan on every page and
equal the ones computed from every row; the links keep the filters; a page past the
end is the last one and a page that is not a number the first; and the page's size
does not grow with the plan.
"""

import re

import pytest
from django.utils import timezone

from plan import selectors
from plan.models import Actividad, ObservacionSeguimiento, Subcomponente
from plan.tests.fabricas import crear_plan_grande

FILAS_PORTAL = re.compile(r'<li class="fila-actividad" id="actividad-([\d.]+)"')
FILAS_TABLERO = re.compile(r'<tr data-actividad="([\d.]+)"')
TARJETAS = re.compile(r'<span class="tarjeta__cifra">(\d+)</span>')


@pytest.fixture
def plan_de_120(db):
    return crear_plan_grande(actividades=120, vigencia=2025, subcomponentes=2, oficinas=2)


@pytest.fixture
def cliente_de(client):
    def _cliente(usuario):
        client.force_login(usuario)
        return client

    return _cliente


def _html(respuesta) -> str:
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def _todo_el_plan(plan) -> selectors.Tablero:
    """The plan's figures computed from every row (the reports' way), to compare with."""
    hoy = timezone.localdate()
    filas = selectors.seguimiento(
        actividades=selectors.actividades_con_detalle(plan=plan), fecha=hoy
    )
    return selectors.resumen(plan=plan, filas=filas, fecha=hoy, corte=None)


def _cifras(tablero: selectors.Tablero) -> tuple:
    return (
        tablero.conteos,
        tablero.por_subcomponente,
        tablero.por_oficina,
        tablero.avance_componente,
        tablero.total,
    )


def _enlaces_de_pagina(html: str) -> list[str]:
    navegacion = re.search(
        r'<nav class="paginacion" aria-label="Paginación">(.*?)</nav>', html, re.S
    )
    assert navegacion, "the page has no «Paginación» navigation"
    return [enlace.replace("&amp;", "&") for enlace in re.findall(r'href="([^"]*)"', navegacion[1])]


# --- The public portal ------------------------------------------------------------------


def test_el_portal_muestra_50_actividades_por_pagina_y_la_ultima_el_resto(client, plan_de_120):
    url = f"/plan/{plan_de_120.slug}/"
    primera = FILAS_PORTAL.findall(_html(client.get(url)))
    segunda = FILAS_PORTAL.findall(_html(client.get(url + "?pagina=2")))
    tercera = FILAS_PORTAL.findall(_html(client.get(url + "?pagina=3")))

    assert (len(primera), len(segunda), len(tercera)) == (50, 50, 20)
    # In the plan's order, each activity once.
    assert len(set(primera + segunda + tercera)) == 120
    orden = [
        f.actividad.codigo
        for f in selectors.portal(plan=plan_de_120, hoy=timezone.localdate()).filas
    ]
    assert primera + segunda + tercera == orden


def test_las_cifras_del_portal_son_las_de_todo_el_plan_en_cada_pagina(client, plan_de_120):
    esperado = _todo_el_plan(plan_de_120)
    assert esperado.total == 120
    assert esperado.conteos["vencida"] > 50 and esperado.conteos["cumplida"] > 0

    tarjetas = set()
    for pagina in ("1", "2", "3"):
        respuesta = client.get(f"/plan/{plan_de_120.slug}/?pagina={pagina}")
        assert _cifras(respuesta.context["portal"].tablero) == _cifras(esperado)
        assert respuesta.context["portal"].coincidencias == 120
        tarjetas.add(tuple(TARJETAS.findall(_html(respuesta))))
    # The status cards read the same on every page: the whole plan's counts.
    assert tarjetas == {tuple(str(c) for _, _, c in esperado.conteos_etiquetados)}


def test_los_filtros_del_portal_se_combinan_con_las_paginas(client, plan_de_120):
    primero = Subcomponente.objects.get(componente__plan=plan_de_120, numero=1)
    url = f"/plan/{plan_de_120.slug}/?subcomponente={primero.pk}"
    html = _html(client.get(url))
    assert len(FILAS_PORTAL.findall(html)) == 50
    assert "60 actividades con estos filtros · página 1 de 2" in html

    # The links keep the filter and jump back to the results.
    enlaces = _enlaces_de_pagina(html)
    siguiente = re.search(r'href="([^"]*)" rel="next">Siguiente<', html)[1].replace("&amp;", "&")
    assert siguiente == f"?subcomponente={primero.pk}&pagina=2#resultados"
    assert all(f"subcomponente={primero.pk}" in enlace for enlace in enlaces)

    segunda = client.get(f"/plan/{plan_de_120.slug}/{siguiente.split('#')[0]}")
    codigos = FILAS_PORTAL.findall(_html(segunda))
    assert len(codigos) == 10
    assert all(codigo.startswith("1.") for codigo in codigos)
    # The figures still describe the whole plan, not the filtered list.
    assert segunda.context["portal"].tablero.total == 120


def test_la_pagina_2_sin_filtros_no_dice_con_estos_filtros(client, plan_de_120):
    html = _html(client.get(f"/plan/{plan_de_120.slug}/?pagina=2"))
    assert "120 actividades · página 2 de 3." in html
    assert "Quitar filtros" not in html


@pytest.mark.parametrize(
    ("pagina", "numero", "filas"),
    [
        ("99", 3, 20),  # past the end: the last page
        ("999999999999999999999999", 1, 50),  # too long for a bigint: the first, not a 500
        ("abc", 1, 50),
        ("0", 1, 50),
        ("-1", 1, 50),
        ("²", 1, 50),
        ("", 1, 50),
    ],
)
def test_una_pagina_fuera_de_rango_o_que_no_es_numero_no_es_un_error(
    client, plan_de_120, pagina, numero, filas
):
    respuesta = client.get(f"/plan/{plan_de_120.slug}/", {"pagina": pagina})
    html = _html(respuesta)
    assert respuesta.context["portal"].pagina.number == numero
    assert len(FILAS_PORTAL.findall(html)) == filas


def test_los_enlaces_de_pagina_son_accesibles(client, plan_de_120):
    url = f"/plan/{plan_de_120.slug}/"
    primera = _html(client.get(url))
    assert ">Anterior<" not in primera
    assert re.search(
        r'aria-current="page"><span class="visualmente-oculto">Página </span>1<', primera
    )

    segunda = _html(client.get(url + "?pagina=2"))
    assert re.search(r'href="\?pagina=1#resultados" rel="prev">Anterior<', segunda)
    assert re.search(r'href="\?pagina=3#resultados" rel="next">Siguiente<', segunda)
    assert re.search(r'href="\?pagina=2#resultados" aria-current="page">', segunda)
    assert segunda.count('aria-current="page"><span class="visualmente-oculto">Página') == 1

    tercera = _html(client.get(url + "?pagina=3"))
    assert ">Siguiente<" not in tercera


def test_un_plan_de_una_pagina_no_muestra_paginacion(client, plan_2022):
    html = _html(client.get(f"/plan/{plan_2022.slug}/"))
    assert len(FILAS_PORTAL.findall(html)) == 23
    assert 'aria-label="Paginación"' not in html


def test_el_tamano_del_portal_no_crece_con_el_plan(client, db):
    pequeno = crear_plan_grande(actividades=60, vigencia=2025)
    grande = crear_plan_grande(actividades=500, vigencia=2024)
    bytes_60 = len(client.get(f"/plan/{pequeno.slug}/").content)
    bytes_500 = len(client.get(f"/plan/{grande.slug}/").content)
    assert bytes_500 < 1.5 * bytes_60, (bytes_60, bytes_500)


# --- The OPGI dashboard and an office's ---------------------------------------------------


def test_el_tablero_muestra_50_actividades_por_pagina(cliente_de, alicia, plan_de_120):
    cliente = cliente_de(alicia)
    url = f"/tablero/?plan={plan_de_120.slug}"
    paginas = [FILAS_TABLERO.findall(_html(cliente.get(f"{url}&pagina={n}"))) for n in (1, 2, 3)]
    assert [len(p) for p in paginas] == [50, 50, 20]
    assert len({codigo for pagina in paginas for codigo in pagina}) == 120


def test_las_cifras_del_tablero_son_las_de_todo_el_plan_en_cada_pagina(
    cliente_de, alicia, plan_de_120
):
    esperado = _todo_el_plan(plan_de_120)
    cliente = cliente_de(alicia)
    tarjetas = set()
    for pagina in ("1", "3"):
        respuesta = cliente.get(f"/tablero/?plan={plan_de_120.slug}&pagina={pagina}")
        tablero = respuesta.context["tablero"]
        assert _cifras(tablero) == _cifras(esperado)
        assert [s.codigo for s in tablero.vencidas] == [s.codigo for s in esperado.vencidas]
        html = _html(respuesta)
        tarjetas.add(tuple(TARJETAS.findall(html)))
        # The «Componente» row counts every activity, not the page's.
        assert re.search(r"<tr data-componente><th[^>]*>[^<]*</th><td>120</td>", html)
    assert tarjetas == {tuple(str(c) for _, _, c in esperado.conteos_etiquetados)}


def test_las_vencidas_del_tablero_se_listan_hasta_50_y_dicen_cuantas_faltan(
    cliente_de, alicia, plan_de_120
):
    vencidas = _todo_el_plan(plan_de_120).conteos["vencida"]
    html = _html(cliente_de(alicia).get(f"/tablero/?plan={plan_de_120.slug}"))
    assert len(re.findall(r"<li data-vencida=", html)) == 50
    assert f'data-vencidas-no-mostradas="{vencidas - 50}"' in html
    assert f"Y {vencidas - 50} más" in html


def test_los_filtros_del_tablero_se_combinan_con_las_paginas(cliente_de, alicia, plan_de_120):
    segundo = Subcomponente.objects.get(componente__plan=plan_de_120, numero=2)
    cliente = cliente_de(alicia)
    html = _html(cliente.get(f"/tablero/?plan={plan_de_120.slug}&subcomponente={segundo.pk}"))
    assert len(FILAS_TABLERO.findall(html)) == 50
    siguiente = re.search(r'href="([^"]*)" rel="next">Siguiente<', html)[1].replace("&amp;", "&")
    assert siguiente == f"?plan={plan_de_120.slug}&subcomponente={segundo.pk}&pagina=2#actividades"

    respuesta = cliente.get("/tablero/" + siguiente.split("#")[0])
    codigos = FILAS_TABLERO.findall(_html(respuesta))
    assert len(codigos) == 10
    assert all(codigo.startswith("2.") for codigo in codigos)
    assert respuesta.context["tablero"].total == 60


def test_el_tablero_de_una_oficina_tambien_se_pagina(cliente_de, alicia, plan_de_120):
    cliente = cliente_de(alicia)
    url = f"/oficina/oficina-de-prueba-1/?plan={plan_de_120.slug}"
    respuesta = cliente.get(url)
    tablero = respuesta.context["tablero"]
    assert tablero.total > 50  # of two offices, the factory gives office 1 most activities
    assert len(FILAS_TABLERO.findall(_html(respuesta))) == 50
    ultima = cliente.get(url + "&pagina=999")
    assert len(FILAS_TABLERO.findall(_html(ultima))) == tablero.total - 50 * (
        tablero.pagina.paginator.num_pages - 1
    )
    assert ultima.context["tablero"].conteos == tablero.conteos


def test_el_tamano_del_tablero_no_crece_con_el_plan(cliente_de, alicia, db):
    pequeno = crear_plan_grande(actividades=60, vigencia=2025)
    grande = crear_plan_grande(actividades=500, vigencia=2024)
    cliente = cliente_de(alicia)
    bytes_60 = len(cliente.get(f"/tablero/?plan={pequeno.slug}").content)
    bytes_500 = len(cliente.get(f"/tablero/?plan={grande.slug}").content)
    assert bytes_500 < 1.5 * bytes_60, (bytes_60, bytes_500)


# --- The observations of a corte ----------------------------------------------------------


def _observaciones_url(plan) -> str:
    return f"/informes/seguimiento/{plan.slug}/1/observaciones/"


TEXTAREAS = re.compile(r'<textarea name="observacion-(\d+)"')


def test_las_observaciones_de_un_corte_se_editan_por_paginas(cliente_de, diana, plan_de_120):
    cliente = cliente_de(diana)
    url = _observaciones_url(plan_de_120)
    paginas = [TEXTAREAS.findall(_html(cliente.get(f"{url}?pagina={n}"))) for n in (1, 2, 3)]
    assert [len(p) for p in paginas] == [50, 50, 20]
    assert len({pk for pagina in paginas for pk in pagina}) == 120
    assert 'href="?pagina=3#observaciones" rel="next">Siguiente<' in _html(
        cliente.get(f"{url}?pagina=2")
    )


def test_guardar_una_pagina_de_observaciones_vuelve_a_esa_pagina(cliente_de, diana, plan_de_120):
    cliente = cliente_de(diana)
    url = _observaciones_url(plan_de_120)
    en_la_segunda = TEXTAREAS.findall(_html(cliente.get(f"{url}?pagina=2")))
    actividad = Actividad.objects.get(pk=en_la_segunda[0])

    respuesta = cliente.post(
        f"{url}?pagina=2", {f"observacion-{actividad.pk}": "Revisada en la página 2."}
    )

    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"{url}?pagina=2"
    guardadas = ObservacionSeguimiento.objects.filter(corte=1)
    assert [(o.actividad_id, o.texto) for o in guardadas] == [
        (actividad.pk, "Revisada en la página 2.")
    ]
