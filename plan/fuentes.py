"""Automatic progress sources: metas that count themselves from other records.

`plan` must not import the apps that depend on it (dialogos, encuestas), so
those apps register here, in their AppConfig.ready(), a function that counts
their records for a batch of activities as of a date. An activity whose
`fuente_avance` names a registered source takes its achieved quantity from
it instead of from hand-typed progress reports.

A counting function receives the activities (already loaded) and the date
and returns {activity pk: quantity}; it must run a fixed number of queries
whatever the number of activities (one GROUP BY query is typical).

The dependency goes one way: this module reads plan.models, the models never
import it (which sources exist depends on the installed apps, so the service
that switches the source and the admin's choices check it, not the model).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from plan.models import Actividad

Contador = Callable[[list, date], dict[int, Decimal]]


@dataclass(frozen=True)
class Fuente:
    clave: str
    etiqueta: str
    contar: Contador


_REGISTRO: dict[str, Fuente] = {}


def registrar(clave: str, etiqueta: str, contar: Contador) -> None:
    _REGISTRO[clave] = Fuente(clave=clave, etiqueta=etiqueta, contar=contar)


def fuente(clave: str) -> Fuente | None:
    return _REGISTRO.get(clave)


def opciones() -> list[tuple[str, str]]:
    """Choices for forms: manual first, then every registered source."""
    registradas = sorted((f.clave, f.etiqueta) for f in _REGISTRO.values())
    return [("", "Manual (reportes de avance)"), *registradas]


def cantidades_automaticas(actividades: Iterable, fecha: date) -> dict[int, Decimal]:
    """Quantities of the activities that use an automatic source, one batch per source."""
    por_fuente: dict[str, list] = {}
    for actividad in actividades:
        if actividad.fuente_avance:
            por_fuente.setdefault(actividad.fuente_avance, []).append(actividad)
    cantidades: dict[int, Decimal] = {}
    for clave, grupo in por_fuente.items():
        registrada = fuente(clave)
        if registrada is None:
            continue
        conteo = registrada.contar(grupo, fecha)
        for actividad in grupo:
            cantidades[actividad.pk] = Decimal(conteo.get(actividad.pk, 0))
    return cantidades


def contar_por_vigencia(
    actividades: list, registros: QuerySet, campo_anio: str
) -> dict[int, Decimal]:
    """Count `registros` whose year (`campo_anio`) is each activity's plan year.

    For sources that count records of the whole year rather than records
    linked to the activity (questions received, survey responses…). One
    query, a grouped subquery, whatever the number of activities.
    """
    conteo = (
        registros.filter(**{campo_anio: OuterRef("plan__vigencia")})
        .order_by()
        .values(campo_anio)
        .annotate(n=Count("pk"))
        .values("n")
    )
    filas = (
        Actividad.objects.filter(pk__in=[a.pk for a in actividades])
        .annotate(n=Coalesce(Subquery(conteo, output_field=IntegerField()), Value(0)))
        .values_list("pk", "n")
    )
    return {pk: Decimal(n) for pk, n in filas}
