"""Colombian business days: Monday to Friday except the public holidays.

Shared by every legal deadline of the system (the answer to a question, Ley 1755
de 2015; the publication of a follow-up, Decreto 124 de 2016), so they all count
days the same way. Holidays come from the maintained `holidays` package (country
CO), which follows the Ley Emiliani moves of holidays to Monday.
"""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _festivos() -> holidays.HolidayBase:
    # Expands to any year on demand; Spanish names for the dashboards.
    return holidays.country_holidays("CO", language="es")


def es_dia_habil(dia: date) -> bool:
    return bool(_festivos().is_working_day(dia))


def festivo(dia: date) -> str | None:
    """The holiday's name, or None if `dia` is not a public holiday."""
    nombre = _festivos().get(dia)
    return None if nombre is None else str(nombre)


def fecha_habil(desde: date, dias: int) -> date:
    """The `dias`-th business day after `desde` (`desde` itself never counts)."""
    resultado: date = _festivos().get_nth_working_day(desde, dias)
    return resultado


def dias_habiles_despues(desde: date, hasta: date) -> int:
    """Business days in (desde, hasta]: 0 if hasta <= desde."""
    if hasta <= desde:
        return 0
    return int(_festivos().get_working_days_count(desde + timedelta(days=1), hasta))


def festivos_del_anio(anio: int) -> list[tuple[date, str]]:
    """The public holidays of `anio`, in date order, with their Spanish names."""
    del_anio = holidays.country_holidays("CO", language="es", years=anio)
    return sorted((dia, str(nombre)) for dia, nombre in del_anio.items())


def dias_habiles_del_mes(anio: int, mes: int) -> int:
    """How many business days the month has."""
    primero = date(anio, mes, 1)
    siguiente = date(anio + (mes == 12), mes % 12 + 1, 1)
    return dias_habiles_despues(primero - timedelta(days=1), siguiente - timedelta(days=1))
