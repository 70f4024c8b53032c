"""The range of dates the system accepts, in one place: model, form and database agree.

A space dated 9999-12-31 at 23:59 in Colombia (America/Bogota) is year 10000 in UTC:
PostgreSQL stores it but Python cannot read it back, and every page listing it answered
500 for good. So every date of every app (a plan's windows and progress reports, a
space's start and end, a question's reception, a survey's opening…) lies between
FECHA_MINIMA and FECHA_MAXIMA, and every vigencia between VIGENCIA_MINIMA and
VIGENCIA_MAXIMA, checked three times over:

- `validar_fecha` / `validar_momento` on the model fields (full_clean, the
  admin, the services);
- `CampoFecha` on the forms, so a far date is a Spanish message on its field;
- `restriccion_fecha` / `restriccion_momento`: CheckConstraints in the
  database, for whatever bypasses both.

The bounds leave room at both ends: the last moment accepted, 2100-12-31
23:59 in Colombia (America/Bogota), is still far from the limits of Python's datetime once
converted to UTC or shifted by a day.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils import timezone

VIGENCIA_MINIMA, VIGENCIA_MAXIMA = 2000, 2100
FECHA_MINIMA, FECHA_MAXIMA = date(VIGENCIA_MINIMA, 1, 1), date(VIGENCIA_MAXIMA, 12, 31)

MENSAJE_RANGO = (
    f"La fecha debe estar entre el {FECHA_MINIMA:%d/%m/%Y} y el {FECHA_MAXIMA:%d/%m/%Y}."
)
MENSAJE_VIGENCIA = f"La vigencia debe ser un año entre {VIGENCIA_MINIMA} y {VIGENCIA_MAXIMA}."


def rango_de_vigencia(vigencia: int) -> tuple[date, date]:
    """The dates of something that counts for the plan of `vigencia`: the vigencia ± 1 year
    (an activity prepared the year before or closed the year after)."""
    return (
        max(FECHA_MINIMA, date(max(vigencia - 1, VIGENCIA_MINIMA), 1, 1)),
        min(FECHA_MAXIMA, date(min(vigencia + 1, VIGENCIA_MAXIMA), 12, 31)),
    )


def _zona() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def momento_minimo() -> datetime:
    """The first moment accepted: 2000-01-01 00:00 in Colombia (America/Bogota)."""
    return datetime.combine(FECHA_MINIMA, time.min, tzinfo=_zona())


def momento_maximo() -> datetime:
    """The first moment refused: 2101-01-01 00:00 in Colombia (America/Bogota)."""
    return datetime.combine(FECHA_MAXIMA + timedelta(days=1), time.min, tzinfo=_zona())


def en_rango(fecha: date) -> bool:
    return FECHA_MINIMA <= fecha <= FECHA_MAXIMA


def validar_fecha(valor: date | None) -> None:
    """Model and form validator of a DateField."""
    if valor is not None and not en_rango(valor):
        raise ValidationError(MENSAJE_RANGO, code="fecha_fuera_de_rango")


def validar_momento(valor: datetime | None) -> None:
    """Model validator of a DateTimeField: its date in Colombia within the range."""
    if valor is None:
        return
    if timezone.is_aware(valor):
        if not (momento_minimo() <= valor < momento_maximo()):
            raise ValidationError(MENSAJE_RANGO, code="fecha_fuera_de_rango")
    elif not en_rango(valor.date()):
        raise ValidationError(MENSAJE_RANGO, code="fecha_fuera_de_rango")


def restriccion_fecha(campo: str, nombre: str) -> CheckConstraint:
    """The database's copy of `validar_fecha` (NULL passes, as in the model)."""
    return CheckConstraint(
        condition=Q(**{f"{campo}__isnull": True})
        | Q(**{f"{campo}__gte": FECHA_MINIMA, f"{campo}__lte": FECHA_MAXIMA}),
        name=nombre,
        violation_error_message=MENSAJE_RANGO,
    )


def restriccion_momento(campo: str, nombre: str) -> CheckConstraint:
    """The database's copy of `validar_momento`, in UTC (Colombia has no daylight saving)."""
    return CheckConstraint(
        condition=Q(**{f"{campo}__isnull": True})
        | Q(**{f"{campo}__gte": momento_minimo(), f"{campo}__lt": momento_maximo()}),
        name=nombre,
        violation_error_message=MENSAJE_RANGO,
    )


class CampoFecha(forms.DateField):
    """A form's date, refused with a Spanish message outside the range."""

    default_validators = [validar_fecha]
