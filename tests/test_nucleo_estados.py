"""nucleo.estados: a transition table on the model decides, with one message per transition."""

import pytest
from django.core.exceptions import ValidationError

from nucleo.estados import ConEstados, Transicion


class Documento(ConEstados):
    TRANSICIONES = {
        "enviar": Transicion(
            desde={"borrador", "devuelto"}, hacia="enviado", mensaje="El documento ya se envió."
        ),
        "aprobar": Transicion(
            desde=["enviado"], hacia="aprobado", mensaje="Solo se aprueba un documento enviado."
        ),
    }

    def __init__(self, estado: str) -> None:
        self.estado = estado


def test_la_transicion_guarda_sus_estados_de_partida_como_frozenset():
    assert Documento.TRANSICIONES["enviar"].desde == frozenset({"borrador", "devuelto"})
    assert isinstance(Documento.TRANSICIONES["aprobar"].desde, frozenset)


@pytest.mark.parametrize(
    ("estado", "enviar", "aprobar"),
    [("borrador", True, False), ("devuelto", True, False), ("enviado", False, True)],
)
def test_admite_segun_la_tabla(estado, enviar, aprobar):
    documento = Documento(estado)
    assert documento.admite("enviar") is enviar
    assert documento.admite("aprobar") is aprobar


def test_exigir_una_transicion_no_admitida_da_su_mensaje():
    with pytest.raises(ValidationError) as error:
        Documento("aprobado").exigir("enviar")
    assert error.value.messages == ["El documento ya se envió."]
    assert error.value.code == "estado"


def test_aplicar_cambia_el_estado_y_devuelve_el_anterior():
    documento = Documento("devuelto")
    assert documento.aplicar("enviar") == "devuelto"
    assert documento.estado == "enviado"


def test_aplicar_una_transicion_no_admitida_no_cambia_el_estado():
    documento = Documento("borrador")
    with pytest.raises(ValidationError, match="Solo se aprueba"):
        documento.aplicar("aprobar")
    assert documento.estado == "borrador"
