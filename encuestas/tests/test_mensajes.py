"""One rule, one message: the forms do not repeat the services' (or reglas') checks; the
page shows the service's message on its field through nucleo.formularios.aplicar_errores."""

import pytest

from encuestas.models import Encuesta


@pytest.mark.parametrize(
    ("falta", "mensaje"),
    [
        ("abre_en", "Indique cuándo abre la encuesta."),
        ("cierra_en", "Indique cuándo cierra la encuesta."),
        ("cuestionario", "Elija el cuestionario."),
    ],
)
def test_un_dato_que_falta_en_la_encuesta_se_dice_con_el_mensaje_del_servicio(
    client, alicia, espacio_educacion, predeterminado, falta, mensaje
):
    client.force_login(alicia)
    datos = {
        "espacio": espacio_educacion.pk,
        "cuestionario": predeterminado.pk,
        "abre_en": "2022-08-10T09:00",
        "cierra_en": "2022-08-20T23:59",
    }
    del datos[falta]
    respuesta = client.post("/encuestas/gestion/nueva/", datos)
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors[falta] == [mensaje]
    assert not Encuesta.objects.exists()


def test_un_formato_en_papel_sin_fecha_dice_el_mensaje_del_servicio(client, bruno, encuesta):
    client.force_login(bruno)
    respuesta = client.post(f"/encuestas/gestion/{encuesta.pk}/papel/", {})
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["fecha"] == ["Indique la fecha del formato."]
    assert not encuesta.respuestas.exists()


def test_una_pregunta_sin_texto_dice_el_mensaje_del_servicio(client, alicia, predeterminado):
    from encuestas import services

    cuestionario = services.crear_cuestionario(usuario=alicia, nombre="Otro")
    client.force_login(alicia)
    respuesta = client.post(
        f"/encuestas/cuestionarios/{cuestionario.pk}/preguntas/", {"tipo": "si_no", "texto": ""}
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form_pregunta"].errors["texto"] == ["Escriba la pregunta."]
    largo = client.post(
        f"/encuestas/cuestionarios/{cuestionario.pk}/preguntas/",
        {"tipo": "si_no", "texto": "x" * 301},
    )
    assert largo.context["form_pregunta"].errors["texto"] == [
        "La pregunta tiene como máximo 300 caracteres."
    ]
