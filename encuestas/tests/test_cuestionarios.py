"""Questionnaires: the default one shipped by the data migration, and OPGI building one."""

import pytest
from django.core.exceptions import ValidationError

from encuestas import services
from encuestas.models import Cuestionario, Opcion, PreguntaEncuesta

from .conftest import minimas, responder_web


def test_el_cuestionario_predeterminado_trae_cada_clase_de_pregunta(predeterminado):
    assert predeterminado.nombre == "Evaluación del espacio de rendición de cuentas"
    assert Cuestionario.objects.filter(predeterminado=True).count() == 1
    preguntas = list(predeterminado.preguntas.order_by("orden"))
    assert [p.tipo for p in preguntas] == [
        "escala",
        "escala",
        "escala",
        "unica",
        "si_no",
        "multiple",
        "texto_corto",
        "texto_largo",
    ]
    textos = " ".join(p.texto for p in preguntas)
    for tema in ("clara", "tiempo suficiente", "útiles", "Volvería", "se enteró", "sugerencias"):
        assert tema in textos
    clara = preguntas[0]
    assert [(o.valor, o.texto) for o in clara.opciones.all()] == [
        (1, "Totalmente en desacuerdo"),
        (2, "En desacuerdo"),
        (3, "Ni de acuerdo ni en desacuerdo"),
        (4, "De acuerdo"),
        (5, "Totalmente de acuerdo"),
    ]
    assert [o.texto for o in preguntas[4].opciones.all()] == ["Sí", "No"]
    assert not preguntas[-1].obligatoria and "datos personales" in preguntas[-1].ayuda
    assert "anónima" in predeterminado.presentacion


def test_opgi_arma_un_cuestionario_desde_la_pagina(client, alicia):
    client.force_login(alicia)
    creado = client.post("/encuestas/cuestionarios/nuevo/", {"nombre": "Audiencia pública 2022"})
    cuestionario = Cuestionario.objects.get(nombre="Audiencia pública 2022")
    assert creado["Location"] == f"/encuestas/cuestionarios/{cuestionario.pk}/"
    url = f"/encuestas/cuestionarios/{cuestionario.pk}/preguntas/"
    for datos in [
        {"tipo": "escala", "texto": "¿Le gustó?", "obligatoria": "on"},
        {"tipo": "unica", "texto": "Sector", "opciones": "Urbano\nRural\n\n"},
        {
            "tipo": "escala",
            "texto": "Puntualidad",
            "opciones": "Muy mala\nMala\nRegular\nBuena\nMuy buena",
        },
    ]:
        assert client.post(url, datos).status_code == 302
    preguntas = list(cuestionario.preguntas.order_by("orden"))
    assert [(p.orden, p.tipo, p.obligatoria) for p in preguntas] == [
        (1, "escala", True),
        (2, "unica", False),
        (3, "escala", False),
    ]
    assert [o.texto for o in preguntas[1].opciones.all()] == ["Urbano", "Rural"]
    assert [o.etiqueta for o in preguntas[2].opciones.all()][-1] == "5 – Muy buena"
    assert preguntas[0].opciones.count() == 5  # the default agreement labels


@pytest.mark.parametrize(
    ("tipo", "opciones", "mensaje"),
    [
        ("unica", "Solo una", "al menos dos opciones"),
        ("multiple", "A\na", "está repetida"),
        ("escala", "Mala\nBuena", "5 etiquetas"),
        ("texto_corto", "No debería", "no tiene opciones"),
    ],
)
def test_las_opciones_se_validan(client, alicia, tipo, opciones, mensaje):
    cuestionario = services.crear_cuestionario(usuario=alicia, nombre="Pruebas")
    client.force_login(alicia)
    respuesta = client.post(
        f"/encuestas/cuestionarios/{cuestionario.pk}/preguntas/",
        {"tipo": tipo, "texto": "¿Pregunta?", "opciones": opciones},
    )
    assert respuesta.status_code == 400
    assert mensaje in " ".join(respuesta.context["form_pregunta"].errors["opciones"])
    assert not cuestionario.preguntas.exists()


def test_si_o_no_siempre_tiene_si_y_no(alicia):
    cuestionario = services.crear_cuestionario(usuario=alicia, nombre="SN")
    pregunta = services.agregar_pregunta(
        usuario=alicia, cuestionario=cuestionario, tipo="si_no", texto="¿Volvería?"
    )
    assert [o.texto for o in pregunta.opciones.all()] == ["Sí", "No"]


def test_mover_editar_y_eliminar_preguntas(client, alicia, cuestionario_completo):
    client.force_login(alicia)

    def orden():
        return list(
            cuestionario_completo.preguntas.order_by("orden").values_list("tipo", flat=True)
        )

    segunda = cuestionario_completo.preguntas.get(tipo="unica")
    client.post(f"/encuestas/preguntas/{segunda.pk}/mover/", {"hacia": "arriba"})
    assert orden()[:2] == ["unica", "escala"]
    client.post(f"/encuestas/preguntas/{segunda.pk}/mover/", {"hacia": "arriba"})  # already first
    assert orden()[:2] == ["unica", "escala"]
    client.post(f"/encuestas/preguntas/{segunda.pk}/mover/", {"hacia": "abajo"})
    assert orden()[:2] == ["escala", "unica"]
    editar = client.get(f"/encuestas/preguntas/{segunda.pk}/")
    assert "Presencial\nVirtual\nPor radio" in editar.content.decode()
    client.post(
        f"/encuestas/preguntas/{segunda.pk}/",
        {"tipo": "unica", "texto": "¿Dónde participó?", "opciones": "Pasto\nFuera de Pasto"},
    )
    segunda.refresh_from_db()
    assert segunda.texto == "¿Dónde participó?" and not segunda.obligatoria
    assert [o.texto for o in segunda.opciones.all()] == ["Pasto", "Fuera de Pasto"]
    client.post(f"/encuestas/preguntas/{segunda.pk}/eliminar/")
    assert not PreguntaEncuesta.objects.filter(pk=segunda.pk).exists()
    assert list(cuestionario_completo.preguntas.values_list("orden", flat=True)) == [1, 2, 3, 4, 5]


def test_un_cuestionario_con_respuestas_no_cambia_y_se_duplica(client, alicia, encuesta):
    responder_web(encuesta, minimas(encuesta.cuestionario))
    cuestionario = encuesta.cuestionario
    pregunta = cuestionario.preguntas.first()
    with pytest.raises(ValidationError, match="ya tiene respuestas"):
        services.agregar_pregunta(
            usuario=alicia, cuestionario=cuestionario, tipo="texto_corto", texto="Otra"
        )
    with pytest.raises(ValidationError, match="Duplíquelo"):
        services.eliminar_pregunta(usuario=alicia, pregunta=pregunta)
    client.force_login(alicia)
    pagina = client.get(f"/encuestas/cuestionarios/{cuestionario.pk}/").content.decode()
    assert "ya tiene respuestas" in pagina and "Agregar una pregunta" not in pagina
    mover = client.post(
        f"/encuestas/preguntas/{pregunta.pk}/mover/", {"hacia": "abajo"}, follow=True
    )
    assert "Duplíquelo para hacer cambios" in mover.content.decode()
    duplicado = client.post(
        f"/encuestas/cuestionarios/{cuestionario.pk}/duplicar/", {"nombre": "Evaluación 2023"}
    )
    copia = Cuestionario.objects.get(nombre="Evaluación 2023")
    assert duplicado["Location"] == f"/encuestas/cuestionarios/{copia.pk}/"
    assert not copia.predeterminado and copia.preguntas.count() == 8
    assert (
        Opcion.objects.filter(pregunta__cuestionario=copia).count()
        == Opcion.objects.filter(pregunta__cuestionario=cuestionario).count()
    )
    # The copy has no responses: it can be changed.
    services.agregar_pregunta(usuario=alicia, cuestionario=copia, tipo="texto_corto", texto="Otra")
    assert copia.preguntas.count() == 9 and cuestionario.preguntas.count() == 8


def test_nombre_repetido(alicia, predeterminado):
    with pytest.raises(ValidationError, match="Ya existe"):
        services.crear_cuestionario(usuario=alicia, nombre=predeterminado.nombre.upper())


def test_una_oficina_ve_los_cuestionarios_pero_no_los_cambia(client, bruno, predeterminado):
    client.force_login(bruno)
    pagina = client.get(f"/encuestas/cuestionarios/{predeterminado.pk}/")
    assert pagina.status_code == 200 and "Agregar una pregunta" not in pagina.content.decode()
    pregunta = predeterminado.preguntas.first()
    assert client.post(f"/encuestas/preguntas/{pregunta.pk}/eliminar/").status_code == 403
    assert (
        client.post(
            f"/encuestas/cuestionarios/{predeterminado.pk}/preguntas/",
            {"tipo": "si_no", "texto": "¿Otra?"},
        ).status_code
        == 403
    )
    assert predeterminado.preguntas.count() == 8
