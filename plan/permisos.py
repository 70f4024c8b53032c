"""Every permission rule of the plan app, in one place.

Roles (Django groups, see nucleo/roles.py):
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

Each guarded model has a policy (nucleo.permisos.Politica): `ACTIVIDADES` and
`EVIDENCIAS` declare only the office's scoping; the base derives the querysets
(`instancias_para`), the object checks (`permite`) and the 404/403 lookup
(`obtener`), so a list and a detail page cannot disagree.
"""

from enum import StrEnum

from django.db.models import QuerySet
from django.http import Http404

from nucleo import roles
from nucleo.permisos import Politica
from nucleo.roles import Usuario
from plan import selectors
from plan.models import Actividad, Evidencia, Plan, Responsable


class Accion(StrEnum):
    VER = "ver"
    REPORTAR_AVANCE = "reportar_avance"
    SUBIR_EVIDENCIA = "subir_evidencia"
    REVISAR_EVIDENCIA = "revisar_evidencia"
    EDITAR_OBSERVACIONES = "editar_observaciones"
    # Manual ↔ automatic progress of an activity: the one name for it in every app.
    CAMBIAR_FUENTE_AVANCE = "cambiar_fuente_avance"
    # The follow-up's observations, each origin written only by its own role.
    ESCRIBIR_OBSERVACION_CI = "escribir_observacion_ci"
    ESCRIBIR_OBSERVACION_OPGI = "escribir_observacion_opgi"
    # Closing a corte (its snapshot, published) and reopening it: Control Interno only.
    CERRAR_CORTE = "cerrar_corte"
    REABRIR_CORTE = "reabrir_corte"
    # Reviewing an office's progress reports (approve, return) and annulling one: OPGI.
    REVISAR_AVANCE = "revisar_avance"
    ANULAR_AVANCE = "anular_avance"
    # «Historial» of an activity: who changed what and when (OPGI, Control interno).
    VER_HISTORIAL = "ver_historial"


# Control Interno's own: its observations and the closing of its cortes (not OPGI's).
SOLO_CONTROL_INTERNO = frozenset(
    {Accion.ESCRIBIR_OBSERVACION_CI, Accion.CERRAR_CORTE, Accion.REABRIR_CORTE}
)

ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion) - SOLO_CONTROL_INTERNO,
    roles.CONTROL_INTERNO: frozenset(
        {Accion.VER, Accion.EDITAR_OBSERVACIONES, Accion.VER_HISTORIAL}
    )
    | SOLO_CONTROL_INTERNO,
    roles.OFICINA: frozenset({Accion.VER, Accion.REPORTAR_AVANCE, Accion.SUBIR_EVIDENCIA}),
}


class PoliticaActividad(Politica[Actividad]):
    """An office acts on the activities where it is a responsable."""

    modelo = Actividad
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe la actividad o no tiene acceso a ella."
    mensaje_sin_permiso = "No tiene permiso para esta acción sobre la actividad."
    relacionados = ("plan", "subcomponente")

    def alcance_oficina(
        self, queryset: QuerySet[Actividad], oficina: Responsable, accion: str
    ) -> QuerySet[Actividad]:
        return queryset.filter(asignaciones__responsable=oficina)


class PoliticaEvidencia(Politica[Evidencia]):
    """An office acts on the evidence of its own activities."""

    modelo = Evidencia
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe la evidencia o no tiene acceso a ella."
    mensaje_sin_permiso = "No tiene permiso para esta acción sobre la evidencia."
    relacionados = ("actividad__plan",)

    def alcance_oficina(
        self, queryset: QuerySet[Evidencia], oficina: Responsable, accion: str
    ) -> QuerySet[Evidencia]:
        propias = Actividad.objects.filter(asignaciones__responsable=oficina)
        return queryset.filter(actividad__in=propias)


ACTIVIDADES = PoliticaActividad()
EVIDENCIAS = PoliticaEvidencia()


def puede_ver_oficina(user: Usuario, responsable: Responsable) -> bool:
    """OPGI and Control interno open any office's dashboard; an office only its own."""
    if roles.ve_todo(user):
        return True
    oficina = roles.oficina_de(user)
    return oficina is not None and oficina.pk == responsable.pk


# --- Reports -----------------------------------------------------------------


def puede_descargar_plan(user: Usuario, plan: Plan) -> bool:
    """The plan document: every role for a published plan; OPGI and Control interno otherwise."""
    if not selectors.es_publico(plan):
        return roles.ve_todo(user)
    return roles.rol_de(user) is not None


def obtener_plan_para_documento(user: Usuario, slug: str) -> Plan:
    """The plan of that slug whose document `user` may ask for.

    404 when there is no such plan, and also when it is unpublished and the user
    is not OPGI or Control interno (anonymous visitors included): an unpublished
    plan is not there for them. A published plan is returned, and the view then
    sends an anonymous visitor to the login page and refuses a user without role.
    """
    plan = selectors.plan_de_gestion(slug=slug)
    if plan is None or (not selectors.es_publico(plan) and not roles.ve_todo(user)):
        raise Http404("No hay un plan con esa dirección.")
    return plan


def puede_descargar_seguimiento(user: Usuario) -> bool:
    """The follow-up of the whole plan: OPGI and Control interno."""
    return roles.ve_todo(user)


def puede_descargar_informe_oficina(user: Usuario, responsable: Responsable) -> bool:
    """An office's report: the same people who may open that office's dashboard."""
    return puede_ver_oficina(user, responsable)


def puede_editar_observaciones(user: Usuario) -> bool:
    return ACTIVIDADES.puede(user, Accion.EDITAR_OBSERVACIONES)


def origen_observacion(user: Usuario) -> str | None:
    """The origin of the observations `user` writes: Control Interno's or OPGI's; None
    for whoever writes none (an office)."""
    from plan.models import ObservacionSeguimiento

    if ACTIVIDADES.puede(user, Accion.ESCRIBIR_OBSERVACION_CI):
        return ObservacionSeguimiento.Origen.CONTROL_INTERNO
    if ACTIVIDADES.puede(user, Accion.ESCRIBIR_OBSERVACION_OPGI):
        return ObservacionSeguimiento.Origen.OPGI
    return None


def puede_cerrar_cortes(user: Usuario) -> bool:
    return ACTIVIDADES.puede(user, Accion.CERRAR_CORTE)
