"""The four-monthly follow-up period (corte, cuatrimestre) of a vigencia, as one value.

A corte used to travel as a bare 1, 2 or 3 and be checked again in each view, form,
service and report. Now it is a `Corte(vigencia, numero)` that refuses to exist
outside its range (one rule, one message); URLs take its number with the path
converter `<corte:…>` (registered in plan/urls.py), so a view never sees a 4: that URL
is a 404.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from nucleo import dias_habiles, fechas

NUMEROS = (1, 2, 3)
ROMANOS = ("I", "II", "III")
MENSAJE_CORTE = "El cuatrimestre debe ser 1, 2 o 3."

# Decreto 124 de 2016: each follow-up is published within the first 10 business
# days of the month after its corte (May, September, January).
DIAS_HABILES_PARA_PUBLICAR = 10


@dataclass(frozen=True)
class Corte:
    """A cuatrimestre of a vigencia: I (January–April), II (May–August), III (September–December)."""

    vigencia: int
    numero: int

    def __post_init__(self) -> None:
        # `bool` is an int: True would pass as corte 1.
        if type(self.numero) is not int or self.numero not in NUMEROS:
            raise ValidationError(MENSAJE_CORTE, code="corte")
        if not fechas.VIGENCIA_MINIMA <= self.vigencia <= fechas.VIGENCIA_MAXIMA:
            raise ValidationError(fechas.MENSAJE_VIGENCIA, code="vigencia")

    @property
    def inicio(self) -> date:
        return date(self.vigencia, 4 * (self.numero - 1) + 1, 1)

    @property
    def fin(self) -> date:
        mes = 4 * self.numero
        return date(self.vigencia, mes, calendar.monthrange(self.vigencia, mes)[1])

    @property
    def publicacion(self) -> date:
        """The legal deadline to publish its follow-up: the 10th business day after `fin`."""
        # `fin` is the month's last day, so the count runs inside the next month.
        return dias_habiles.fecha_habil(self.fin, DIAS_HABILES_PARA_PUBLICAR)

    @property
    def romano(self) -> str:
        return ROMANOS[self.numero - 1]

    @property
    def etiqueta(self) -> str:
        """«II cuatrimestre» (without the year)."""
        return f"{self.romano} cuatrimestre"

    @property
    def nombre(self) -> str:
        """«II cuatrimestre 2022»."""
        return f"{self.etiqueta} {self.vigencia}"

    @property
    def clave(self) -> str:
        """«2022-2»: the value of the dashboard's filter."""
        return f"{self.vigencia}-{self.numero}"

    def __str__(self) -> str:
        return f"{self.nombre} ({self.inicio:%d/%m/%Y} – {self.fin:%d/%m/%Y})"


@dataclass(frozen=True)
class PlazoPublicacion:
    """Where the publication of a corte's follow-up stands on a given day."""

    corte: Corte
    hoy: date

    @property
    def vence_el(self) -> date:
        return self.corte.publicacion

    @property
    def vencido(self) -> bool:
        return self.hoy > self.vence_el

    @property
    def dias_restantes(self) -> int:
        """Business days after today up to the deadline (0 on the day or once past)."""
        return dias_habiles.dias_habiles_despues(self.hoy, self.vence_el)

    @property
    def dias_vencido(self) -> int:
        """Business days past the deadline (0 if not past)."""
        return dias_habiles.dias_habiles_despues(self.vence_el, self.hoy)

    @property
    def texto(self) -> str:
        """«Quedan 4 días hábiles», «Vence hoy», «Vencido hace 2 días hábiles»."""
        if self.vencido:
            return f"Vencido hace {_dias_habiles(self.dias_vencido)}"
        if self.hoy == self.vence_el:
            return "Vence hoy"
        dias = self.dias_restantes
        return f"Queda{'' if dias == 1 else 'n'} {_dias_habiles(dias)}"


def _dias_habiles(dias: int) -> str:
    return f"{dias} día hábil" if dias == 1 else f"{dias} días hábiles"


def plazo_de_publicacion(
    *, vigencia: int, hoy: date, corte: Corte | None = None
) -> PlazoPublicacion:
    """The publication deadline a dashboard shows: of the chosen corte, or else
    of the vigencia's first corte whose deadline has not passed (its last corte
    once all have)."""
    if corte is None:
        cortes = cortes_de(vigencia)
        corte = next((c for c in cortes if c.publicacion >= hoy), cortes[-1])
    return PlazoPublicacion(corte=corte, hoy=hoy)


# The choices of ObservacionSeguimiento.corte (the number is what the database keeps).
OPCIONES = [
    (numero, f"{romano} cuatrimestre") for numero, romano in zip(NUMEROS, ROMANOS, strict=True)
]


def cortes_de(vigencia: int) -> list[Corte]:
    """The three cortes of a vigencia: 30 April, 31 August, 31 December."""
    return [Corte(vigencia, numero) for numero in NUMEROS]


def corte_desde_clave(clave: object) -> Corte | None:
    """Parse «2022-2»; None if it is not a valid corte."""
    if not isinstance(clave, str):
        return None
    try:
        vigencia, numero = (int(parte) for parte in clave.split("-"))
        return Corte(vigencia, numero)
    except (ValueError, ValidationError):
        return None


class NumeroDeCorte:
    """Path converter `<corte:corte>`: the number of a corte, 1 to 3 (anything else, 404)."""

    regex = "[1-3]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
