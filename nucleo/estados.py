"""States and transitions declared once, on the model.

A stateful model (evidence, a dialogue space, a question, a survey…) lists its
transitions in a table: the name, the states it may start from, the state it
leads to and the Spanish message that says why it is refused. Services call
`exigir` (or `aplicar`) before they change anything; templates, forms and
permissions read `admite` through the model's named properties
(`espacio.puede_cerrarse`, `pregunta.admite_respuesta`…), so no status string is
compared outside the model.

    class Evidencia(ConEstados, models.Model):
        TRANSICIONES = {
            "aprobar": Transicion(desde={Estado.ENVIADA, Estado.DEVUELTA},
                                  hacia=Estado.APROBADA,
                                  mensaje="La evidencia ya está aprobada."),
            ...
        }

django-fsm-2 does the same with decorators on methods that also save; a table
keeps the rule readable in one place and leaves saving (and its transaction,
history and log line) to the service.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.core.exceptions import ValidationError


@dataclass(frozen=True, init=False)
class Transicion:
    desde: frozenset[str]
    hacia: str
    # Why the transition is refused from any other state, in Spanish, for the user.
    mensaje: str

    def __init__(self, desde: Iterable[str], hacia: str, mensaje: str) -> None:
        # Any iterable of states (a set of the model's StrEnum members…), kept frozen.
        object.__setattr__(self, "desde", frozenset(desde))
        object.__setattr__(self, "hacia", hacia)
        object.__setattr__(self, "mensaje", mensaje)


class ConEstados:
    """Mixin for a model with an `estado` field and a `TRANSICIONES` table."""

    TRANSICIONES: ClassVar[dict[str, Transicion]]
    estado: str

    def admite(self, transicion: str) -> bool:
        """Whether `transicion` may start from the current state."""
        return self.estado in self.TRANSICIONES[transicion].desde

    def exigir(self, transicion: str) -> None:
        """Raise the transition's ValidationError unless the current state admits it."""
        if not self.admite(transicion):
            raise ValidationError(self.TRANSICIONES[transicion].mensaje, code="estado")

    def aplicar(self, transicion: str) -> str:
        """Check `transicion` and set the new state (not saved); return the previous one."""
        self.exigir(transicion)
        anterior = self.estado
        self.estado = self.TRANSICIONES[transicion].hacia
        return anterior
