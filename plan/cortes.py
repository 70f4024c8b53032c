"""The follow-up periods (cortes) of a plan, as values.

A corte used to travel as a bare 1, 2 or 3 and be checked again in each view, form,
service and report. Now it is a `Corte(vigencia, numero, inicio, fin)` that refuses
to exist outside its range (one rule, one message). A plan's cortes are its
CortePlan rows (`Plan.cortes_del_seguimiento`), by default the three cuatrimestres
of Decreto 124 de 2016; nothing else assumes how many there are. URLs take a corte's
number with the path converter `<corte:…>` (registered in plan/urls.py); a number
the plan lacks is a 404.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.core.exceptions import ValidationError

from nucleo import dias_habiles, fechas

# A plan has at most twelve cortes (monthly follow-up); the database says the same
# (plan.models.MAXIMO_CORTES, CortePlan's check constraint).
MAXIMO_CORTES = 12
ROMANOS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Without cortes of its own, a plan is followed up by cuatrimestres (Decreto 124 de
# 2016): (month, day) of the end of each.
FINES_CUATRIMESTRALES = ((4, 30), (8, 31), (12, 31))

# Decreto 124 de 2016: each follow-up is published within the first 10 business
# days of the month after its corte (May, September, January).
DIAS_HABILES_PARA_PUBLICAR = 10


def mensaje_corte(total: int) -> str:
    """The one message for a corte number the plan does not have."""
    if total == 1:
        return "Este plan tiene un solo corte: el número debe ser 1."
    return f"Este plan tiene {total} cortes: el número debe estar entre 1 y {total}."


@dataclass(frozen=True)
class Corte:
    """A follow-up period of a plan: from `inicio` to `fin`, both included.

    By default the three cuatrimestres: I (January–April), II (May–August),
    III (September–December); a plan may carry its own (CortePlan rows), and then
    its cortes are «Corte I», «Corte II»…
    """

    vigencia: int
    numero: int
    inicio: date
    fin: date

    def __post_init__(self) -> None:
        # `bool` is an int: True would pass as corte 1.
        if type(self.numero) is not int or not 1 <= self.numero <= MAXIMO_CORTES:
            raise ValidationError(mensaje_corte(MAXIMO_CORTES), code="corte")
        if not fechas.VIGENCIA_MINIMA <= self.vigencia <= fechas.VIGENCIA_MAXIMA:
            raise ValidationError(fechas.MENSAJE_VIGENCIA, code="vigencia")
        if self.inicio > self.fin:
            raise ValidationError("Un corte no puede terminar antes de empezar.", code="fechas")

    @classmethod
    def cuatrimestre(cls, vigencia: int, numero: int) -> "Corte":
        """The default corte `numero` (1 to 3) of `vigencia`."""
        cortes = cortes_de(vigencia)
        if type(numero) is not int or not 1 <= numero <= len(cortes):
            raise ValidationError(mensaje_corte(len(cortes)), code="corte")
        return cortes[numero - 1]

    @property
    def es_cuatrimestre(self) -> bool:
        return self in cortes_de(self.vigencia)

    @property
    def publicacion(self) -> date:
        """The legal deadline to publish its follow-up: the 10th business day after `fin`."""
        # For a cuatrimestre `fin` is the month's last day, so the count runs inside the next month.
        return dias_habiles.fecha_habil(self.fin, DIAS_HABILES_PARA_PUBLICAR)

    @property
    def romano(self) -> str:
        return ROMANOS[self.numero - 1]

    @property
    def etiqueta(self) -> str:
        """«II cuatrimestre», or «Corte II» for a plan's own cortes (without the year)."""
        return f"{self.romano} cuatrimestre" if self.es_cuatrimestre else f"Corte {self.romano}"

    @property
    def nombre(self) -> str:
        """«II cuatrimestre 2022»."""
        return f"{self.etiqueta} {self.vigencia}"

    @property
    def clave(self) -> str:
        """«2022-2»: the value of the dashboard's filter."""
        return f"{self.vigencia}-{self.numero}"

    @property
    def periodo(self) -> str:
        return f"{self.inicio:%d/%m/%Y} – {self.fin:%d/%m/%Y}"

    def __str__(self) -> str:
        return f"{self.nombre} ({self.periodo})"


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
    *, cortes: Sequence[Corte], hoy: date, corte: Corte | None = None
) -> PlazoPublicacion:
    """The publication deadline a dashboard shows: of the chosen corte, or else
    of the plan's first corte whose deadline has not passed (its last corte
    once all have)."""
    if corte is None:
        corte = next((c for c in cortes if c.publicacion >= hoy), cortes[-1])
    return PlazoPublicacion(corte=corte, hoy=hoy)


@cache
def _cuatrimestres(vigencia: int) -> tuple[date, ...]:
    return tuple(date(vigencia, mes, dia) for mes, dia in FINES_CUATRIMESTRALES)


def cortes_de(vigencia: int, fines: Sequence[date] = ()) -> list[Corte]:
    """The cortes of a vigencia ending on `fines` (in order), or the three cuatrimestres.

    Each corte starts the day after the previous one ends; the first, on 1 January.
    """
    fines = tuple(fines) or _cuatrimestres(vigencia)
    inicios = [date(vigencia, 1, 1)] + [fin + timedelta(days=1) for fin in fines[:-1]]
    return [
        Corte(vigencia, numero, inicio, fin)
        for numero, (inicio, fin) in enumerate(zip(inicios, fines, strict=True), start=1)
    ]


MENSAJE_CORTES_CONSECUTIVOS = "Los cortes se numeran 1, 2, 3… sin saltos ni repetidos."
MENSAJE_CORTES_EN_ORDEN = "Cada corte debe terminar después del anterior."


def mensaje_fin_fuera_de_vigencia(vigencia: int) -> str:
    return f"La fecha de corte debe estar dentro de la vigencia {vigencia}."


def validar_cortes(vigencia: int, numeros_y_fines: Sequence[tuple[int, date]]) -> None:
    """The rule of a plan's own cortes: numbered 1…n, each ending inside the vigencia
    and after the previous one. ValidationError with every problem found."""
    errores = []
    en_orden = sorted(numeros_y_fines)
    if [numero for numero, _ in en_orden] != list(range(1, len(en_orden) + 1)):
        errores.append(MENSAJE_CORTES_CONSECUTIVOS)
    if len(en_orden) > MAXIMO_CORTES:
        errores.append(f"Un plan tiene como máximo {MAXIMO_CORTES} cortes.")
    if any(fin.year != vigencia for _, fin in en_orden):
        errores.append(mensaje_fin_fuera_de_vigencia(vigencia))
    fines = [fin for _, fin in en_orden]
    if any(siguiente <= anterior for anterior, siguiente in zip(fines, fines[1:], strict=False)):
        errores.append(MENSAJE_CORTES_EN_ORDEN)
    if errores:
        raise ValidationError(errores, code="cortes")


def corte_numero(cortes: Sequence[Corte], numero: object) -> Corte:
    """Corte `numero` of `cortes`, or the one message for a number the plan lacks."""
    if type(numero) is not int or not 1 <= numero <= len(cortes):
        raise ValidationError(mensaje_corte(len(cortes)), code="corte")
    return cortes[numero - 1]


def corte_desde_clave(clave: object, cortes: Sequence[Corte]) -> Corte | None:
    """Parse «2022-2» against a plan's `cortes`; None if it is not one of them."""
    if not isinstance(clave, str):
        return None
    return next((corte for corte in cortes if corte.clave == clave), None)


class NumeroDeCorte:
    """Path converter `<corte:corte>`: a corte number, 1 to 12 (anything else, 404).

    A number the plan does not have is a 404 too, in the view (plan.views_informes)."""

    regex = "1[0-2]|[1-9]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
