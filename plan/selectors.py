"""Reads of the plan, with their query tuning (HackSoft-style selectors)."""

from django.db.models import Prefetch, QuerySet

from plan.models import Actividad, ActividadResponsable, Plan, Subcomponente


def plan_vigente(*, solo_publicados: bool = True) -> Plan | None:
    """The plan of the most recent vigencia (the one shown by default)."""
    planes = Plan.objects.all()
    if solo_publicados:
        planes = planes.filter(publicado=True)
    return planes.order_by("-vigencia", "pk").first()


def actividades_con_detalle(*, plan: Plan) -> QuerySet[Actividad]:
    """The plan's activities in code order, with subcomponente, responsables and windows.

    Always three queries, whatever the number of activities.
    """
    asignaciones = ActividadResponsable.objects.select_related("responsable").order_by(
        "orden", "id"
    )
    return (
        Actividad.objects.filter(plan=plan)
        .select_related("subcomponente")
        .prefetch_related(Prefetch("asignaciones", queryset=asignaciones), "ventanas")
        .order_by("orden")
    )


def subcomponentes_con_actividades(*, plan: Plan) -> list[tuple[Subcomponente, list[Actividad]]]:
    """The plan grouped as the seed document shows it: subcomponente → activities."""
    grupos: dict[int, tuple[Subcomponente, list[Actividad]]] = {}
    for actividad in actividades_con_detalle(plan=plan):
        sub = actividad.subcomponente
        grupos.setdefault(sub.pk, (sub, []))[1].append(actividad)
    return sorted(grupos.values(), key=lambda grupo: grupo[0].numero)
