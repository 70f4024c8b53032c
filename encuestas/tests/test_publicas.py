"""One rule for «public survey» (issue 10): /encuestas/ showed the title and place of a
dialogue space linked to an activity of an UNPUBLISHED plan. Every public page and the
open data now start from selectors.encuestas_publicas (the space must be public)."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from encuestas import selectors, services
from encuestas.models import Respuesta

from .conftest import abierta_ahora, crear_espacio, hora, minimas, responder_web

TITULO = "Audiencia reservada del plan sin publicar"
LUGAR = "Salón secreto de la Casona"


@pytest.fixture
def encuesta_sin_publicar(alicia, actividad, predeterminado, plan_2022):
    espacio = crear_espacio(
        oficinas=["educacion"],
        titulo=TITULO,
        lugar=LUGAR,
        inicio=hora(2022, 8, 10),
        actividad=actividad("2.4"),
    )
    encuesta = services.crear_encuesta(
        usuario=alicia,
        cuestionario=predeterminado,
        espacio=espacio,
        abre_en=hora(2022, 8, 10),
        cierra_en=hora(2023, 12, 31),
    )
    # Open now and with published results: only the plan's publication hides it.
    encuesta.__class__.objects.filter(pk=encuesta.pk).update(**abierta_ahora())
    encuesta.refresh_from_db()
    responder_web(encuesta, minimas(predeterminado))
    services.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    plan_2022.publicado = False
    plan_2022.save(update_fields=["publicado"])
    return encuesta


def test_un_espacio_de_un_plan_sin_publicar_no_aparece_en_las_paginas_de_encuestas(
    client, encuesta_sin_publicar
):
    codigo = encuesta_sin_publicar.codigo
    inicio = client.get("/encuestas/").content.decode()
    assert TITULO not in inicio and LUGAR not in inicio and codigo not in inicio
    for url in (
        f"/encuestas/responder/{codigo}/",
        f"/encuestas/responder/{codigo}/gracias/",
        f"/encuestas/resultados/{codigo}/",
    ):
        respuesta = client.get(url)
        assert respuesta.status_code == 404, url
        assert TITULO not in respuesta.content.decode() and LUGAR not in respuesta.content.decode()
    enviada = client.post(
        f"/encuestas/responder/{codigo}/", minimas(encuesta_sin_publicar.cuestionario)
    )
    assert enviada.status_code == 404
    for formato in ("csv", "json", "xlsx"):
        datos = client.get(f"/datos-abiertos/encuestas-resultados.{formato}")
        assert datos.status_code == 200
        if formato == "xlsx":
            libro = openpyxl.load_workbook(io.BytesIO(datos.content), read_only=True)
            texto = " ".join(
                str(celda)
                for hoja in libro
                for fila in hoja.iter_rows(values_only=True)
                for celda in fila
            )
        else:
            texto = datos.content.decode()
        assert TITULO not in texto and codigo not in texto
    assert selectors.encuestas_publicas().filter(pk=encuesta_sin_publicar.pk).count() == 0


def test_un_espacio_de_un_plan_sin_publicar_no_recibe_respuestas_en_el_servicio(
    encuesta_sin_publicar,
):
    antes = Respuesta.objects.count()
    with pytest.raises(ValidationError, match="no está disponible"):
        responder_web(encuesta_sin_publicar, minimas(encuesta_sin_publicar.cuestionario))
    assert Respuesta.objects.count() == antes


def test_al_publicar_el_plan_la_encuesta_vuelve_a_ser_publica(
    client, encuesta_sin_publicar, plan_2022
):
    plan_2022.publicado = True
    plan_2022.save(update_fields=["publicado"])
    assert TITULO in client.get("/encuestas/").content.decode()
    assert client.get(f"/encuestas/resultados/{encuesta_sin_publicar.codigo}/").status_code == 200
