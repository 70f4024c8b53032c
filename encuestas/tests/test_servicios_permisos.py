"""Every write service of encuestas enforces its permission rule itself (issue 10): called
directly, not through a page, with a user of the wrong office or the wrong role, it raises
PermissionDenied and writes nothing."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from conftest import crear_usuario
from encuestas import services
from encuestas.models import Cuestionario, Encuesta, Opcion, PreguntaEncuesta, Respuesta

from .conftest import abierta_ahora, crear_espacio, hora, minimas


def _conteos() -> tuple:
    return tuple(
        modelo.objects.count()
        for modelo in (Cuestionario, PreguntaEncuesta, Opcion, Encuesta, Respuesta)
    ) + tuple(Encuesta.objects.values_list("resultados_publicados", "titulo", "cierra_en"))


@pytest.fixture
def pregunta(predeterminado):
    return predeterminado.preguntas.order_by("orden").first()


# Each service called as a user who may not: (service name, call).
LLAMADAS = {
    "crear_cuestionario": lambda u, f: services.crear_cuestionario(usuario=u, nombre="Otro"),
    "editar_cuestionario": lambda u, f: services.editar_cuestionario(
        usuario=u, cuestionario=f["predeterminado"], nombre="Renombrado"
    ),
    "duplicar_cuestionario": lambda u, f: services.duplicar_cuestionario(
        usuario=u, cuestionario=f["predeterminado"], nombre="Copia"
    ),
    "agregar_pregunta": lambda u, f: services.agregar_pregunta(
        usuario=u, cuestionario=f["predeterminado"], tipo="si_no", texto="¿Otra?"
    ),
    "editar_pregunta": lambda u, f: services.editar_pregunta(
        usuario=u, pregunta=f["pregunta"], tipo="si_no", texto="¿Cambiada?", obligatoria=False
    ),
    "mover_pregunta": lambda u, f: services.mover_pregunta(
        usuario=u, pregunta=f["pregunta"], hacia="abajo"
    ),
    "eliminar_pregunta": lambda u, f: services.eliminar_pregunta(usuario=u, pregunta=f["pregunta"]),
    "crear_encuesta_general": lambda u, f: services.crear_encuesta(
        usuario=u, cuestionario=f["predeterminado"], titulo="General", **abierta_ahora()
    ),
    "crear_encuesta_de_otra_oficina": lambda u, f: services.crear_encuesta(
        usuario=u,
        cuestionario=f["predeterminado"],
        espacio=f["espacio_salud"],
        **abierta_ahora(),
    ),
    "editar_encuesta_de_otra_oficina": lambda u, f: services.editar_encuesta(
        usuario=u,
        encuesta=f["encuesta_salud"],
        cuestionario=f["predeterminado"],
        titulo="Cambiada",
        **abierta_ahora(),
    ),
    "publicar_resultados": lambda u, f: services.publicar_resultados(
        usuario=u, encuesta=f["encuesta"], publicar=True
    ),
    "registrar_papel_de_otra_oficina": lambda u, f: services.registrar_papel(
        usuario=u,
        encuesta=f["encuesta_salud"],
        respuestas=minimas(f["predeterminado"]),
        fecha=date(2022, 9, 14),
    ),
}


# Educación's office user (bruno) may do none of these: OPGI-only, or another office's.
@pytest.mark.parametrize("servicio", list(LLAMADAS))
def test_cada_servicio_niega_a_una_oficina_ajena_o_sin_el_rol(
    servicio, bruno, predeterminado, pregunta, encuesta, encuesta_salud
):
    fixtures = {
        "predeterminado": predeterminado,
        "pregunta": pregunta,
        "encuesta": encuesta,
        "encuesta_salud": encuesta_salud,
        "espacio_salud": encuesta_salud.espacio,
    }
    antes = _conteos()
    with pytest.raises(PermissionDenied):
        LLAMADAS[servicio](bruno, fixtures)
    assert _conteos() == antes


@pytest.mark.parametrize("persona", ["diana", "sin_rol", "anonimo"])
@pytest.mark.parametrize("servicio", list(LLAMADAS))
def test_cada_servicio_niega_a_control_interno_y_a_quien_no_tiene_rol(
    servicio, persona, request, predeterminado, pregunta, encuesta, encuesta_salud
):
    usuario = {
        "diana": lambda: request.getfixturevalue("diana"),
        "sin_rol": lambda: crear_usuario("nadie", None),
        "anonimo": AnonymousUser,
    }[persona]()
    fixtures = {
        "predeterminado": predeterminado,
        "pregunta": pregunta,
        "encuesta": encuesta,
        "encuesta_salud": encuesta_salud,
        "espacio_salud": encuesta_salud.espacio,
    }
    antes = _conteos()
    with pytest.raises(PermissionDenied):
        LLAMADAS[servicio](usuario, fixtures)
    assert _conteos() == antes


def test_una_oficina_no_liga_una_encuesta_a_la_actividad_de_otra_oficina(
    bruno, alicia, actividad, predeterminado
):
    """Educación organises a space that counts for Salud's activity 2.5: it may not attach
    a survey to it (OPGI may); its own activity 2.4 is fine."""
    ajeno = crear_espacio(
        oficinas=["educacion"],
        titulo="Audiencia sectorial de salud",
        inicio=hora(2022, 9, 1),
        actividad=actividad("2.5"),
    )
    propio = crear_espacio(
        oficinas=["educacion"],
        titulo="Audiencia sectorial de educación",
        inicio=hora(2022, 9, 2),
        actividad=actividad("2.4"),
    )
    ventana = {"abre_en": hora(2022, 9, 1), "cierra_en": hora(2022, 9, 30)}
    with pytest.raises(PermissionDenied):
        services.crear_encuesta(
            usuario=bruno, cuestionario=predeterminado, espacio=ajeno, **ventana
        )
    assert not Encuesta.objects.exists()
    assert services.crear_encuesta(
        usuario=bruno, cuestionario=predeterminado, espacio=propio, **ventana
    )
    assert services.crear_encuesta(
        usuario=alicia, cuestionario=predeterminado, espacio=ajeno, **ventana
    )


def test_la_pagina_no_ofrece_espacios_de_actividades_ajenas(
    client, bruno, actividad, predeterminado
):
    ajeno = crear_espacio(
        oficinas=["educacion"],
        titulo="Audiencia sectorial de salud",
        inicio=hora(2022, 9, 1),
        actividad=actividad("2.5"),
    )
    client.force_login(bruno)
    formulario = client.get("/encuestas/gestion/nueva/")
    assert ajeno not in formulario.context["form"].fields["espacio"].queryset
    enviada = client.post(
        "/encuestas/gestion/nueva/",
        {
            "espacio": ajeno.pk,
            "cuestionario": predeterminado.pk,
            "abre_en": "2022-09-01T09:00",
            "cierra_en": "2022-09-30T09:00",
        },
    )
    assert enviada.status_code == 400 and not Encuesta.objects.exists()
