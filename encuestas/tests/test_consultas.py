"""Query counts: the results pages run the same number of queries with 3 or 60 responses
(and with one or several surveys). A count that grows with the responses is an N+1."""

from datetime import date

import pytest

from encuestas import services

from .conftest import abierta_ahora, minimas, responder_web, respuestas

VARIADAS = [
    dict(
        escala="5",
        unica="Presencial",
        multiple=["Radio", "Vecinos"],
        si_no="Sí",
        texto_corto="Movilidad",
        texto_largo="Todo bien.",
    ),
    dict(escala="2", unica="Virtual", multiple=["Redes sociales"], si_no="No"),
    dict(escala="3", unica="Por radio", si_no="Sí", texto_largo="Más sillas."),
]


@pytest.fixture
def encuesta_completa(espacio_educacion, cuestionario_completo, alicia):
    return services.crear_encuesta(
        usuario=alicia,
        cuestionario=cuestionario_completo,
        espacio=espacio_educacion,
        **abierta_ahora(),
    )


def _agregar(encuesta, alicia, cuantas: int) -> None:
    for numero in range(cuantas):
        datos = respuestas(encuesta.cuestionario, **VARIADAS[numero % len(VARIADAS)])
        if numero % 4 == 3:
            services.registrar_papel(
                usuario=alicia, encuesta=encuesta, respuestas=datos, fecha=date(2022, 8, 10)
            )
        else:
            responder_web(encuesta, datos)


# Session, user, groups (the role) [+ profile and office for an office], the survey and
# the permission checks, then the seven queries of selectors.resultados (+ one for the
# bursts from one address on the results page, selectors.rafagas).
PAGINAS = {
    "resultados": ("/encuestas/gestion/{pk}/resultados/", "alicia", 3 + 1 + 7 + 1),
    "resultados_oficina": ("/encuestas/gestion/{pk}/resultados/", "bruno", 5 + 1 + 7 + 1),
    "detalle": ("/encuestas/gestion/{pk}/", "bruno", 5 + 1 + 7 + 2),
    "periodo": ("/encuestas/gestion/resultados/", "alicia", 3 + 7),
    "lista": ("/encuestas/gestion/", "alicia", 3 + 3 + 1),  # + the meta's plan and activities
}


@pytest.mark.parametrize("pagina", list(PAGINAS))
def test_mismas_consultas_con_pocas_y_muchas_respuestas(
    client, request, alicia, encuesta_completa, encuesta_salud, pagina, django_assert_num_queries
):
    ruta, persona, consultas = PAGINAS[pagina]
    client.force_login(request.getfixturevalue(persona))
    url = ruta.format(pk=encuesta_completa.pk)
    _agregar(encuesta_completa, alicia, 3)
    with django_assert_num_queries(consultas):
        pocas = client.get(url)
    _agregar(encuesta_completa, alicia, 57)
    responder_web(encuesta_salud, minimas(encuesta_salud.cuestionario))
    with django_assert_num_queries(consultas):
        muchas = client.get(url)
    assert pocas.status_code == muchas.status_code == 200
    if "resultados" in pocas.context:
        assert pocas.context["resultados"].total < muchas.context["resultados"].total


def test_pagina_publica_de_resultados(client, alicia, encuesta_completa, django_assert_num_queries):
    services.publicar_resultados(usuario=alicia, encuesta=encuesta_completa, publicar=True)
    url = f"/encuestas/resultados/{encuesta_completa.codigo}/"
    _agregar(encuesta_completa, alicia, 3)
    with django_assert_num_queries(7):  # the survey, then resultados without the texts
        client.get(url)
    _agregar(encuesta_completa, alicia, 40)
    with django_assert_num_queries(7):
        assert client.get(url).context["resultados"].total == 43
