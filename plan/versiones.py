"""The version of the plans' public data: what the cached public pages are keyed by.

One indexed aggregate: the latest history date of every table a public plan page
shows (the plan, its structure, offices, activities, their windows, progress,
evidence and cortes, and the entity of the letterhead). Every service writes a
history row (django-simple-history), a deletion too, so any change — published or
not — gives a new version and the cached page is built again on its next visit;
nothing is invalidated by hand. Rows written by `loaddata` or `.update()` bypass
the history: `manage.py populate_history --auto` after a fixture, as the README says.
"""

from datetime import UTC, date, datetime

from django.db.models import DateTimeField, Max, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from nucleo.models import Entidad
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    CortePlan,
    Evidencia,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

_NUNCA = datetime(1900, 1, 1, tzinfo=UTC)

# The tables a public plan page reads (Plan's is the aggregated one).
TABLAS = (
    Componente,
    Subcomponente,
    Responsable,
    Actividad,
    ActividadResponsable,
    Ventana,
    Avance,
    Evidencia,
    CortePlan,
    Entidad,
)


def version_publica(*, hoy: date) -> str:
    """A key that changes whenever a public plan page may change: with any change to
    its tables, and each day (states and «hoy» are computed for the day)."""
    # Coalesced: SQLite's GREATEST is NULL as soon as one table has no history yet.
    ultimos = [
        Coalesce(
            Subquery(modelo.history.order_by("-history_date").values("history_date")[:1]),
            Value(_NUNCA),
            output_field=DateTimeField(),
        )
        for modelo in TABLAS
    ]
    ultimo = Plan.history.aggregate(
        ultimo=Greatest(
            Coalesce(Max("history_date"), Value(_NUNCA), output_field=DateTimeField()), *ultimos
        )
    )["ultimo"]
    return f"{ultimo.isoformat() if ultimo else '-'}|{hoy.isoformat()}"
