"""What a valid answer is, for each kind of question (encuestas.reglas.interpretar),
checked through the service and through the public form."""

import pytest
from django.core.exceptions import ValidationError

from encuestas import services
from encuestas.models import Respuesta, ValorRespuesta

from .conftest import abierta_ahora, minimas, opcion, preguntas, responder_web, respuestas


@pytest.fixture
def encuesta_completa(espacio_educacion, cuestionario_completo, alicia):
    return services.crear_encuesta(
        usuario=alicia,
        cuestionario=cuestionario_completo,
        espacio=espacio_educacion,
        **abierta_ahora(),
    )


def _errores(encuesta, datos) -> dict:
    with pytest.raises(ValidationError) as error:
        responder_web(encuesta, datos)
    assert not Respuesta.objects.exists()
    return error.value.message_dict


def test_una_respuesta_completa_guarda_un_valor_por_opcion_elegida(encuesta_completa):
    cuestionario = encuesta_completa.cuestionario
    datos = respuestas(
        cuestionario,
        escala="5",
        unica="Virtual",
        multiple=["Radio", "Vecinos"],
        si_no="No",
        texto_corto="Movilidad",
        texto_largo="  Más tiempo para preguntas.  ",
    )
    respuesta = responder_web(encuesta_completa, datos)
    valores = {
        (v.pregunta.tipo, v.opcion.texto if v.opcion else v.texto)
        for v in respuesta.valores.select_related("pregunta", "opcion")
    }
    assert valores == {
        ("escala", "Totalmente de acuerdo"),
        ("unica", "Virtual"),
        ("multiple", "Radio"),
        ("multiple", "Vecinos"),
        ("si_no", "No"),
        ("texto_corto", "Movilidad"),
        ("texto_largo", "Más tiempo para preguntas."),
    }
    assert respuesta.canal == Respuesta.Canal.WEB and respuesta.registrada_por is None


def test_las_obligatorias_vacias_se_rechazan_y_las_opcionales_no(encuesta_completa):
    por_clase = preguntas(encuesta_completa.cuestionario)
    errores = _errores(encuesta_completa, {por_clase["multiple"].campo: []})
    obligatorias = {por_clase[t].campo for t in ("escala", "unica", "si_no")}
    assert set(errores) == obligatorias
    assert all(e == ["Esta pregunta es obligatoria."] for e in errores.values())
    # Only the required ones: the optional multiple choice and texts may stay empty.
    respuesta = responder_web(encuesta_completa, minimas(encuesta_completa.cuestionario))
    assert respuesta.valores.count() == 3


@pytest.mark.parametrize("valor", ["0", "6", "-1", "3.5", "cuatro", 99])
def test_la_escala_solo_acepta_de_1_a_5(encuesta_completa, valor):
    campo = preguntas(encuesta_completa.cuestionario)["escala"].campo
    datos = {**minimas(encuesta_completa.cuestionario), campo: valor}
    assert _errores(encuesta_completa, datos) == {campo: ["Elija un valor de 1 a 5."]}


@pytest.mark.parametrize("valor", ["1", "5"])
def test_los_extremos_de_la_escala_son_validos(encuesta_completa, valor):
    campo = preguntas(encuesta_completa.cuestionario)["escala"].campo
    respuesta = responder_web(
        encuesta_completa, {**minimas(encuesta_completa.cuestionario), campo: valor}
    )
    assert respuesta.valores.get(pregunta__tipo="escala").opcion.valor == int(valor)


def test_una_opcion_de_otra_pregunta_o_inexistente_se_rechaza(encuesta_completa):
    por_clase = preguntas(encuesta_completa.cuestionario)
    ajena = opcion(por_clase["multiple"], "Radio").pk
    base = minimas(encuesta_completa.cuestionario)
    for tipo, valor in [
        ("unica", str(ajena)),
        ("si_no", "999999"),
        ("unica", "Virtual"),
        ("multiple", [str(opcion(por_clase["multiple"], "Vecinos").pk), str(ajena + 10_000)]),
        ("multiple", [str(opcion(por_clase["unica"], "Virtual").pk)]),
    ]:
        campo = por_clase[tipo].campo
        errores = _errores(encuesta_completa, {**base, campo: valor})
        assert errores == {campo: ["Elija una de las opciones de la pregunta."]}, (tipo, valor)


def test_la_seleccion_unica_no_admite_dos_opciones(encuesta_completa):
    pregunta = preguntas(encuesta_completa.cuestionario)["unica"]
    dos = [str(o.pk) for o in pregunta.opciones.all()[:2]]
    datos = {**minimas(encuesta_completa.cuestionario), pregunta.campo: dos}
    assert _errores(encuesta_completa, datos) == {pregunta.campo: ["Elija una sola opción."]}


def test_una_opcion_repetida_en_la_multiple_cuenta_una_vez(encuesta_completa):
    pregunta = preguntas(encuesta_completa.cuestionario)["multiple"]
    radio = str(opcion(pregunta, "Radio").pk)
    datos = {**minimas(encuesta_completa.cuestionario), pregunta.campo: [radio, radio]}
    respuesta = responder_web(encuesta_completa, datos)
    assert ValorRespuesta.objects.filter(respuesta=respuesta, pregunta=pregunta).count() == 1


@pytest.mark.parametrize(("tipo", "maximo"), [("texto_corto", 200), ("texto_largo", 2000)])
def test_los_textos_tienen_largo_maximo(encuesta_completa, tipo, maximo):
    campo = preguntas(encuesta_completa.cuestionario)[tipo].campo
    base = minimas(encuesta_completa.cuestionario)
    errores = _errores(encuesta_completa, {**base, campo: "x" * (maximo + 1)})
    assert errores == {
        campo: [f"La respuesta tiene {maximo + 1} caracteres; el máximo es {maximo}."]
    }
    assert responder_web(encuesta_completa, {**base, campo: "x" * maximo})


def test_una_encuesta_sin_ninguna_respuesta_no_se_guarda(encuesta_completa, alicia):
    # A questionnaire whose questions are all optional: an empty form is still refused.
    cuestionario = services.crear_cuestionario(usuario=alicia, nombre="Opcional")
    services.agregar_pregunta(
        usuario=alicia,
        cuestionario=cuestionario,
        tipo="texto_largo",
        texto="¿Algo más?",
        obligatoria=False,
    )
    general = services.crear_encuesta(
        usuario=alicia, cuestionario=cuestionario, titulo="Encuesta general", **abierta_ahora()
    )
    with pytest.raises(ValidationError, match="Responda al menos una pregunta"):
        responder_web(general, {})


def test_el_formulario_publico_muestra_cada_error_en_su_pregunta(client, encuesta_completa):
    por_clase = preguntas(encuesta_completa.cuestionario)
    url = f"/encuestas/responder/{encuesta_completa.codigo}/"
    testigo = client.get(url).context["testigo"]
    datos = {
        "testigo": testigo,
        por_clase["escala"].campo: "7",
        por_clase["unica"].campo: "123456",
    }
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 400
    form = respuesta.context["form"]
    assert form.errors[por_clase["escala"].campo] == ["Elija un valor de 1 a 5."]
    assert form.errors[por_clase["unica"].campo] == ["Elija una de las opciones de la pregunta."]
    assert form.errors[por_clase["si_no"].campo] == ["Esta pregunta es obligatoria."]
    html = respuesta.content.decode()
    assert 'role="alert"' in html and "No se guardó nada" in html
    assert f'id="{form[por_clase["si_no"].campo].auto_id}_errores"' in html
    assert not Respuesta.objects.exists()
