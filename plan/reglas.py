"""Domain rules of the follow-up: the status (semáforo) and the as-of date of a corte.

Pure functions of dates and numbers, so every page, report and export that
shows a status gets it from here and they cannot disagree.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.db import models

from plan.cortes import Corte

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
