"""The state tables of EspacioDialogo and Pregunta: each refused transition says its one
message, and no template compares a status string (they read the named properties)."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from dialogos.models import EspacioDialogo, Pregunta

Espacio = EspacioDialogo.Estado
EstadoPregunta = Pregunta.Estado

# (transición, estado desde el que se rechaza, mensaje esperado)
RECHAZOS_ESPACIO = [
    ("editar", Espacio.REALIZADO, "El espacio ya está realizado: no se puede modificar."),
    ("editar", Espacio.CANCELADO, "El espacio ya está cancelado: no se puede modificar."),
    (
        "cancelar",
        Espacio.REALIZADO,
        "Solo se cancela un espacio programado; este ya está realizado.",
    ),
    (
        "realizar",
        Espacio.CANCELADO,
        "Solo se cierra un espacio programado; este ya está cancelado.",
    ),
    ("comprometer", Espacio.PROGRAMADO, "Los compromisos se registran en un espacio ya realizado."),
]
RECHAZOS_PREGUNTA = [
    ("asignar", EstadoPregunta.RESPONDIDA, "La pregunta ya fue respondida: no se puede reasignar."),
    (
        "responder",
        EstadoPregunta.RECIBIDA,
        "La pregunta debe estar asignada a una dependencia para responderla.",
    ),
    ("responder", EstadoPregunta.PUBLICADA, "La pregunta ya fue respondida."),
    (
        "publicar",
        EstadoPregunta.ASIGNADA,
        "Solo se publica una pregunta respondida y aún no publicada.",
    ),
]


@pytest.mark.parametrize(("transicion", "estado", "mensaje"), RECHAZOS_ESPACIO)
def test_una_transicion_rechazada_de_un_espacio_da_su_unico_mensaje(transicion, estado, mensaje):
    espacio = EspacioDialogo(estado=estado)
    assert not espacio.admite(transicion)
    with pytest.raises(ValidationError) as error:
        espacio.aplicar(transicion)
    assert error.value.messages == [mensaje]
    assert espacio.estado == estado  # a refused transition changes nothing


@pytest.mark.parametrize(("transicion", "estado", "mensaje"), RECHAZOS_PREGUNTA)
def test_una_transicion_rechazada_de_una_pregunta_da_su_unico_mensaje(transicion, estado, mensaje):
    pregunta = Pregunta(estado=estado)
    with pytest.raises(ValidationError) as error:
        pregunta.exigir(transicion)
    assert error.value.messages == [mensaje]
    assert pregunta.estado == estado


def test_las_transiciones_admitidas_llevan_al_estado_de_la_tabla():
    espacio = EspacioDialogo()
    assert espacio.admite_cambios and espacio.puede_cerrarse and not espacio.admite_compromisos
    assert espacio.aplicar("realizar") == Espacio.PROGRAMADO
    assert espacio.esta_realizado and espacio.admite_compromisos and not espacio.admite_cambios
    pregunta = Pregunta()
    for transicion, hacia in (
        ("asignar", EstadoPregunta.ASIGNADA),
        ("asignar", EstadoPregunta.ASIGNADA),  # reassigning, before the answer
        ("responder", EstadoPregunta.RESPONDIDA),
        ("publicar", EstadoPregunta.PUBLICADA),
    ):
        pregunta.aplicar(transicion)
        assert pregunta.estado == hacia
    assert pregunta.esta_publicada and not pregunta.admite_publicacion


def test_un_espacio_cancelado_no_recibe_adjuntos_ni_preguntas_con_un_mensaje_cada_regla():
    cancelado = EspacioDialogo(estado=Espacio.CANCELADO)
    assert cancelado.esta_cancelado
    with pytest.raises(ValidationError, match="no recibe adjuntos"):
        cancelado.exigir_adjuntos()
    with pytest.raises(ValidationError, match="Puede enviar su pregunta en el formulario general"):
        cancelado.exigir_preguntas()


PLANTILLAS = Path(__file__).resolve().parent.parent / "templates"
ESTADOS = {*Espacio.values, *EstadoPregunta.values}
LITERAL = re.compile(r"""["'](\w+)["']""")
OPERADOR = re.compile(r"==|!=|\bin\b")


def compara_un_estado(etiqueta: str) -> bool:
    """`estado == "x"`, `"cancelado" != espacio.estado`, `x.estado in "a b"`… in a tag."""
    if not OPERADOR.search(etiqueta):
        return False
    literales = set(LITERAL.findall(etiqueta))
    return bool(literales & ESTADOS) or (bool(literales) and "estado" in etiqueta)


def test_el_detector_ve_las_comparaciones_de_estado():
    assert compara_un_estado(' if espacio.estado == "cancelado" ')
    assert compara_un_estado(" if 'publicada' != pregunta.estado ")
    assert not compara_un_estado(" if espacio.esta_cancelado ")
    assert not compara_un_estado(" if valor == compromiso.estado ")  # a <select>'s choice


def test_ninguna_plantilla_de_dialogos_compara_un_estado_con_un_texto():
    plantillas = sorted(PLANTILLAS.rglob("*.html"))
    assert plantillas, "no templates found: the test would pass for nothing"
    comparaciones = []
    for plantilla in plantillas:
        for numero, linea in enumerate(plantilla.read_text(encoding="utf-8").splitlines(), 1):
            for etiqueta in re.findall(r"{%(.*?)%}", linea):
                if compara_un_estado(etiqueta):
                    comparaciones.append(
                        f"{plantilla.relative_to(PLANTILLAS)}:{numero}: {etiqueta.strip()}"
                    )
    assert comparaciones == []
