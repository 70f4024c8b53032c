"""The dates a survey may bear: dialogos' range (2000-01-01 to 2100-12-31 in Colombia, see
nucleo.fechas) and, for the survey of a space that counts for an activity, its plan's
vigencia ± 1 year (a survey of the 2022 plan is applied in 2021–2023, never in 2099).

A survey dated 9999-12-31 broke /encuestas/gestion/ for good (year 10000 in UTC);
the model fields, the forms, the services and CheckConstraints all refuse it now.
"""

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from dialogos.models import EspacioDialogo

from nucleo.fechas import (
    FECHA_MAXIMA,
    FECHA_MINIMA,
    MENSAJE_RANGO,
    en_rango,
    momento_maximo,
    momento_minimo,
    rango_de_vigencia,
    restriccion_fecha,
    restriccion_momento,
    validar_fecha,
    validar_momento,
)

__all__ = [
    "FECHA_MAXIMA",
    "FECHA_MINIMA",
    "MENSAJE_RANGO",
    "en_rango",
    "errores_periodo",
    "momento_maximo",
    "momento_minimo",
    "restriccion_fecha",
    "restriccion_momento",
    "validar_fecha",
    "validar_momento",
]


def _dia(momento: datetime | date) -> date:
    if isinstance(momento, datetime):
        return timezone.localdate(momento) if timezone.is_aware(momento) else momento.date()
    return momento


def errores_periodo(
    *, abre_en: datetime | None, cierra_en: datetime | None, vigencia: int | None
) -> dict[str, str]:
    """Spanish messages by field for an opening/closing outside the allowed range."""
    errores: dict[str, str] = {}
    for campo, valor in (("abre_en", abre_en), ("cierra_en", cierra_en)):
        if valor is None:
            continue
        if timezone.is_aware(valor):
            fuera = not (momento_minimo() <= valor < momento_maximo())
        else:
            fuera = not en_rango(valor.date())
        if fuera:
            errores[campo] = MENSAJE_RANGO
        elif vigencia is not None:
            # The same years as anything else that counts for the plan (the core's rule).
            desde, hasta = rango_de_vigencia(vigencia)
            if not desde <= _dia(valor) <= hasta:
                errores[campo] = (
                    f"El espacio cuenta para el plan {vigencia}: la encuesta se aplica entre "
                    f"{desde.year} y {hasta.year}."
                )
    return errores


def vigencia_de(espacio: "EspacioDialogo | None") -> int | None:
    """The vigencia of the plan the space counts for, if it is linked to an activity."""
    if espacio is None or espacio.actividad is None:
        return None
    return espacio.actividad.plan.vigencia


def periodo_del_espacio(espacio: "EspacioDialogo") -> tuple[datetime, datetime]:
    """A space's survey opens when the space starts and closes at 23:59 a week after it
    ends (never past the last moment accepted): the form's proposal and the hearing's
    evaluation survey (encuestas.services.crear_evaluacion_de_audiencia)."""
    abre = timezone.localtime(espacio.inicio)
    cierra = timezone.localtime(espacio.fin) + timedelta(days=7)
    cierra = timezone.make_aware(datetime.combine(cierra.date(), time(23, 59)))
    return abre, min(cierra, momento_maximo() - timedelta(minutes=1))
