"""Domain rules of the follow-up: four-monthly cortes and the status (semáforo).

Pure functions of dates and numbers, so every page, report and export that
shows a status gets it from here and they cannot disagree.
"""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.db import models

from nucleo import fechas

# An activity is «en riesgo» when its progress trails the elapsed share of its
# windows by more than this many percentage points. 25 points leaves room for
# the usual lag between doing the work and reporting it (about one month of a
# four-month window) while still flagging an activity half-way through its
# window with nothing reported.
MARGEN_RIESGO = Decimal("25")

CIEN = Decimal("100")


class Estado(models.TextChoices):
    SIN_INICIAR = "sin_iniciar", "Sin iniciar"
    EN_CURSO = "en_curso", "En curso / a tiempo"
    EN_RIESGO = "en_riesgo", "En riesgo"
    VENCIDA = "vencida", "Vencida"
    CUMPLIDA = "cumplida", "Cumplida"


class VentanaLike(Protocol):
    inicio: date
    fin: date


@dataclass(frozen=True)
class Corte:
    """A four-monthly follow-up period (cuatrimestre) of a vigencia."""

    vigencia: int
    numero: int

    @property
    def inicio(self) -> date:
        return date(self.vigencia, 4 * (self.numero - 1) + 1, 1)

    @property
    def fin(self) -> date:
        mes = 4 * self.numero
        return date(self.vigencia, mes, calendar.monthrange(self.vigencia, mes)[1])

    @property
    def romano(self) -> str:
        return ("I", "II", "III")[self.numero - 1]

    @property
    def nombre(self) -> str:
        return f"{self.romano} cuatrimestre {self.vigencia}"

    @property
    def clave(self) -> str:
        return f"{self.vigencia}-{self.numero}"

    def __str__(self) -> str:
        return f"{self.nombre} ({self.inicio:%d/%m/%Y} – {self.fin:%d/%m/%Y})"


def cortes_de(vigencia: int) -> list[Corte]:
    """The three cortes of a vigencia: 30 April, 31 August, 31 December."""
    return [Corte(vigencia, numero) for numero in (1, 2, 3)]


def corte_de_fecha(fecha: date) -> Corte:
    return Corte(fecha.year, (fecha.month - 1) // 4 + 1)


def corte_desde_clave(clave: str) -> Corte | None:
    """Parse «2022-2»; None if it is not a valid corte."""
    try:
        vigencia, numero = (int(parte) for parte in clave.split("-"))
    except (ValueError, AttributeError):
        return None
    if numero not in (1, 2, 3) or not fechas.VIGENCIA_MINIMA <= vigencia <= fechas.VIGENCIA_MAXIMA:
        return None
    return Corte(vigencia, numero)


def fecha_de_referencia(*, hoy: date, corte: Corte | None) -> date:
    """The date a view is «as of»: the corte's end, or today if it has not come yet."""
    if corte is None:
        return hoy
    return min(hoy, corte.fin)


def fraccion_transcurrida(ventanas: Sequence[VentanaLike], hoy: date) -> Decimal:
    """Share (0–1) of the windows' days already elapsed at `hoy` (both ends included)."""
    total = transcurridos = 0
    for ventana in ventanas:
        dias = (ventana.fin - ventana.inicio).days + 1
        total += dias
        if hoy >= ventana.fin:
            transcurridos += dias
        elif hoy >= ventana.inicio:
            transcurridos += (hoy - ventana.inicio).days + 1
    if total == 0:
        return Decimal("0")
    return Decimal(transcurridos) / Decimal(total)


def estado(*, ventanas: Sequence[VentanaLike], porcentaje: Decimal, hoy: date) -> Estado:
    """The one status rule (semáforo) of an activity at a date.

    - cumplida: the meta is reached (100 %), whatever the date;
    - sin iniciar: its first window has not opened yet;
    - vencida: its last window has closed without reaching the meta;
    - en riesgo: inside its windows, progress trails the elapsed share of
      the windows by more than MARGEN_RIESGO points;
    - en curso / a tiempo: otherwise.
    """
    if porcentaje >= CIEN:
        return Estado.CUMPLIDA
    if not ventanas:
        return Estado.SIN_INICIAR
    if hoy < min(v.inicio for v in ventanas):
        return Estado.SIN_INICIAR
    if hoy > max(v.fin for v in ventanas):
        return Estado.VENCIDA
    esperado = fraccion_transcurrida(ventanas, hoy) * CIEN
    if porcentaje + MARGEN_RIESGO < esperado:
        return Estado.EN_RIESGO
    return Estado.EN_CURSO
