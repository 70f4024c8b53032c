"""Every permission rule of the plan app, in one place.

Roles (Django groups, see plan/roles.py):
- OPGI (and superusers): everything, on every activity.
- Control interno: sees everything, changes nothing but the follow-up's
  observaciones.
- Oficina: sees, reports progress on and uploads evidence for the
  activities where their office (user.perfil.responsable) is a responsable.
- Anonymous users: nothing here (the public portal has its own rules).

Reports (plan/views_informes.py):
- the plan document (PDF/XLSX): any user with a role when the plan is
  published (selectors.es_publico); an unpublished plan's document only OPGI
  and Control interno — for everyone else, anonymous included, it does not
  exist (404), so its existence does not leak either;
- the four-monthly follow-up of the whole plan: OPGI and Control interno;
- an office's report: whoever may open that office's dashboard
  (`puede_ver_oficina`): OPGI, Control interno and the office itself;
- the follow-up's observaciones: whoever may EDITAR_OBSERVACIONES (OPGI and
  Control interno).

The object-level checks are derived from the queryset rules
(`actividades_para`), so a list and a detail page cannot disagree. Views
fetch objects through `obtener_actividad` / `obtener_evidencia`, which
raise 404 for what the user may not see and 403 for what they may see but
not do.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from plan import roles, selectors
from plan.models import Actividad, Evidencia, Plan, Responsable


class Accion(StrEnum):
    VER = "ver"
    REPORTAR_AVANCE = "reportar_avance"
    SUBIR_EVIDENCIA = "subir_evidencia"
    REVISAR_EVIDENCIA = "revisar_evidencia"
    EDITAR_OBSERVACIONES = "editar_observaciones"
    CAMBIAR_FUENTE_AVANCE = "cambiar_fuente_avance"  # manual ↔ automatic progress


ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion),
    roles.CONTROL_INTERNO: frozenset({Accion.VER, Accion.EDITAR_OBSERVACIONES}),
    roles.OFICINA: frozenset({Accion.VER, Accion.REPORTAR_AVANCE, Accion.SUBIR_EVIDENCIA}),
}


def rol_de(user) -> str | None:
    """The user's role; OPGI wins if a user is in several groups."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return roles.OPGI
    if not hasattr(user, "_rol_cache"):
        nombres = set(user.groups.values_list("name", flat=True))
        user._rol_cache = next((rol for rol in roles.TODOS if rol in nombres), None)
    return user._rol_cache


def oficina_de(user) -> Responsable | None:
    """The office an Oficina user reports for (None for other roles)."""
    if rol_de(user) != roles.OFICINA:
        return None
    perfil = getattr(user, "perfil", None)
    return perfil.responsable if perfil else None


def puede(user, accion: Accion) -> bool:
    """Whether the user's role allows `accion` on at least some activity."""
    return accion in ACCIONES_POR_ROL.get(rol_de(user), frozenset())


def ve_todo_el_plan(user) -> bool:
    return rol_de(user) in (roles.OPGI, roles.CONTROL_INTERNO)


def actividades_para(user, accion: Accion, queryset: QuerySet | None = None) -> QuerySet:
    """The activities on which `user` may do `accion`."""
    queryset = Actividad.objects.all() if queryset is None else queryset
    if not puede(user, accion):
        return queryset.none()
    if ve_todo_el_plan(user):
        return queryset
    oficina = oficina_de(user)
    if oficina is None:
        return queryset.none()
    return queryset.filter(asignaciones__responsable=oficina)


def puede_en_actividad(user, accion: Accion, actividad: Actividad) -> bool:
    return actividades_para(user, accion).filter(pk=actividad.pk).exists()


def obtener_actividad(user, pk: int, accion: Accion = Accion.VER) -> Actividad:
    """The activity, or 404 if the user may not see it, or 403 if they may not do `accion`."""
    visibles = actividades_para(user, Accion.VER).select_related("plan", "subcomponente")
    try:
        actividad = visibles.get(pk=pk)
    except Actividad.DoesNotExist:
        raise Http404("No existe la actividad o no tiene acceso a ella.") from None
    if accion != Accion.VER and not puede_en_actividad(user, accion, actividad):
        raise PermissionDenied("No tiene permiso para esta acción sobre la actividad.")
    return actividad


def evidencias_para(user, accion: Accion) -> QuerySet:
    """Evidence the user may see (VER) or review (REVISAR_EVIDENCIA)."""
    if not puede(user, accion):
        return Evidencia.objects.none()
    return Evidencia.objects.filter(actividad__in=actividades_para(user, accion))


def obtener_evidencia(user, pk: int, accion: Accion = Accion.VER) -> Evidencia:
    visibles = evidencias_para(user, Accion.VER).select_related("actividad__plan")
    try:
        evidencia = visibles.get(pk=pk)
    except Evidencia.DoesNotExist:
        raise Http404("No existe la evidencia o no tiene acceso a ella.") from None
    if accion != Accion.VER and not evidencias_para(user, accion).filter(pk=pk).exists():
        raise PermissionDenied("No tiene permiso para esta acción sobre la evidencia.")
    return evidencia


def puede_ver_oficina(user, responsable: Responsable) -> bool:
    """OPGI and Control interno open any office's dashboard; an office only its own."""
    if ve_todo_el_plan(user):
        return True
    oficina = oficina_de(user)
    return oficina is not None and oficina.pk == responsable.pk


# --- Reports -----------------------------------------------------------------


def puede_descargar_plan(user, plan: Plan) -> bool:
    """The plan document: every role for a published plan; OPGI and Control interno otherwise."""
    if not selectors.es_publico(plan):
        return ve_todo_el_plan(user)
    return rol_de(user) is not None


def obtener_plan_para_documento(user, vigencia: int) -> Plan:
    """The plan of `vigencia` whose document `user` may ask for.

    404 when there is no such plan, and also when it is unpublished and the user
    is not OPGI or Control interno (anonymous visitors included): an unpublished
    plan is not there for them. A published plan is returned, and the view then
    sends an anonymous visitor to the login page and refuses a user without role.
    """
    plan = Plan.objects.filter(vigencia=vigencia).order_by("pk").first()
    if plan is None or (not selectors.es_publico(plan) and not ve_todo_el_plan(user)):
        raise Http404("No hay un plan de esa vigencia.")
    return plan


def puede_descargar_seguimiento(user) -> bool:
    """The follow-up of the whole plan: OPGI and Control interno."""
    return ve_todo_el_plan(user)


def puede_descargar_informe_oficina(user, responsable: Responsable) -> bool:
    """An office's report: the same people who may open that office's dashboard."""
    return puede_ver_oficina(user, responsable)


def puede_editar_observaciones(user) -> bool:
    return puede(user, Accion.EDITAR_OBSERVACIONES)
