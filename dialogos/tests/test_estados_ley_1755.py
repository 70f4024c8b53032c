"""The new states of a question (en espera, trasladada, desistida) on the dashboards,
«Mis pendientes», the reports and the state table: one message per refused transition."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dialogos import informes, pendientes, selectors, services
from dialogos.models import Pregunta
from plan.models import Responsable


@pytest.fixture
def tres_preguntas(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> tuple[Pregunta, Pregunta, Pregunta]:
    """Received 27/03/2026 (due 21/04): one waiting, one forwarded, one open."""
    en_espera = crear_pregunta("¿Y el acta?", hoy=date(2026, 3, 27))
    services.solicitar_completar(
        pregunta=en_espera, usuario=alicia, motivo="Falta el barrio.", hoy=date(2026, 4, 1)
    )
    trasladada = crear_pregunta("¿Y la vía?", hoy=date(2026, 3, 27))
    services.trasladar_pregunta(
        pregunta=trasladada,
        usuario=alicia,
        entidad_destino="Gobernación de Nariño",
        hoy=date(2026, 4, 1),
    )
    abierta = crear_pregunta("¿Y el parque?", hoy=date(2026, 3, 27))
    return en_espera, trasladada, abierta


def test_ni_la_suspendida_ni_la_trasladada_aparecen_como_vencidas_en_pendientes(
    tres_preguntas: tuple[Pregunta, Pregunta, Pregunta],
) -> None:
    en_espera, trasladada, abierta = tres_preguntas
    grupos = {g.clave: g for g in pendientes.preguntas_para_opgi(hoy=date(2026, 5, 1))}
    textos = " ".join(p.texto for p in grupos["plazos"].items)
    assert abierta.radicado in textos
    assert en_espera.radicado not in textos and trasladada.radicado not in textos


def test_el_tablero_cuenta_la_suspendida_sin_responder_pero_no_vencida(
    alicia: Any, tres_preguntas: tuple[Pregunta, Pregunta, Pregunta]
) -> None:
    tablero = selectors.tablero_preguntas(usuario=alicia, hoy=date(2026, 5, 1))
    assert (tablero.abiertas, tablero.vencidas) == (2, 1)
    en_espera = selectors.tablero_preguntas(
        usuario=alicia, hoy=date(2026, 5, 1), estado="en_espera"
    )
    assert [f.plazo.etiqueta for f in en_espera.filas] == ["Término suspendido"]
    cerradas = selectors.tablero_preguntas(usuario=alicia, hoy=date(2026, 5, 1), estado="cerradas")
    assert [f.plazo.etiqueta for f in cerradas.filas] == ["Sin término en curso"]


def test_el_informe_no_cuenta_la_trasladada_como_sin_responder(
    tres_preguntas: tuple[Pregunta, Pregunta, Pregunta],
) -> None:
    informe = informes.informe_respuestas(desde=date(2026, 3, 1), hasta=date(2026, 3, 31))
    assert (informe.recibidas, informe.cerradas, informe.pendientes) == (3, 1, 2)


@pytest.mark.parametrize(
    ("hacer", "mensaje"),
    [
        (
            lambda p, u: services.asignar_pregunta(
                pregunta=p, usuario=u, oficina=Responsable.objects.get(slug="educacion")
            ),
            "La pregunta fue trasladada a otra entidad: se cerró aquí.",
        ),
        (
            lambda p, u: services.solicitar_completar(pregunta=p, usuario=u, motivo="Otra vez"),
            "Solo se pide completar una pregunta en trámite; esta está trasladada a otra entidad.",
        ),
        (
            lambda p, u: services.trasladar_pregunta(pregunta=p, usuario=u, entidad_destino="X"),
            "Solo se traslada una pregunta sin responder; esta está trasladada a otra entidad.",
        ),
        (
            lambda p, u: services.registrar_complemento(pregunta=p, usuario=u),
            "La pregunta no está en espera de que se complete.",
        ),
    ],
    ids=["asignar", "solicitar", "trasladar", "completar"],
)
def test_una_pregunta_trasladada_es_final_con_un_mensaje_por_regla(
    tres_preguntas: tuple[Pregunta, Pregunta, Pregunta],
    alicia: Any,
    hacer: Callable[[Pregunta, Any], object],
    mensaje: str,
) -> None:
    trasladada = tres_preguntas[1]
    with pytest.raises(ValidationError) as error:
        hacer(trasladada, alicia)
    assert error.value.messages == [mensaje]
    trasladada.refresh_from_db()
    assert trasladada.estado == Pregunta.Estado.TRASLADADA
