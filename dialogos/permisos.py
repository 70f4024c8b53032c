"""Every permission rule of dialogos, in one place, built on plan.permisos' roles.

Roles (plan/roles.py, read through plan.permisos.rol_de / oficina_de):
- OPGI (and superusers): everything, on every space, question and report.
- Control interno: sees every space and question; changes nothing.
- Oficina: on the spaces its office organises: sees, programs, edits,
  cancels and closes them (record, commitments, attachments) and types in
  their paper question forms; on the commitments assigned to its office:
  updates their follow-up; on the questions assigned to its office: sees and
  answers them. It never assigns nor publishes.
- Anyone else (anonymous, no group, inactive): nothing here; the public
  pages (schedule, question form, lookup, published answers) have no rules.

As in plan.permisos, the object checks derive from the queryset rules, so a
list and a detail page cannot disagree: `obtener_*` raise 404 for what the
user may not see and 403 for what they may see but not do.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from nucleo import roles
from nucleo.roles import (
    oficina_de,
    rol_de,
    ve_todo,  # OPGI and Control interno
)
from plan.models import Actividad

from .models import Compromiso, EspacioDialogo, Pregunta


class Accion(StrEnum):
    VER = "ver"
    PROGRAMAR_ESPACIO = "programar_espacio"  # create, edit, cancel
    CERRAR_ESPACIO = "cerrar_espacio"  # closing record, commitments, attachments
    SEGUIR_COMPROMISO = "seguir_compromiso"
    REGISTRAR_PREGUNTA = "registrar_pregunta"  # type in a paper form
    ASIGNAR_PREGUNTA = "asignar_pregunta"
    RESPONDER_PREGUNTA = "responder_pregunta"
    PUBLICAR_PREGUNTA = "publicar_pregunta"
    GESTIONAR_INFORMES = "gestionar_informes"
    CAMBIAR_FUENTE = "cambiar_fuente"  # switch an activity to an automatic meta


ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion),
    roles.CONTROL_INTERNO: frozenset({Accion.VER}),
    roles.OFICINA: frozenset(
        {
            Accion.VER,
            Accion.PROGRAMAR_ESPACIO,
            Accion.CERRAR_ESPACIO,
            Accion.SEGUIR_COMPROMISO,
            Accion.REGISTRAR_PREGUNTA,
            Accion.RESPONDER_PREGUNTA,
        }
    ),
}


def puede(user, accion: Accion) -> bool:
    """Whether the user's role allows `accion` on at least some object."""
    return accion in ACCIONES_POR_ROL.get(rol_de(user), frozenset())


def es_opgi(user) -> bool:
    return rol_de(user) == roles.OPGI


def _todo(user, accion: Accion) -> bool:
    """OPGI does everything everywhere; Control interno sees everything."""
    return es_opgi(user) or (accion == Accion.VER and ve_todo(user))


# --- Spaces -------------------------------------------------------------------


def espacios_para(user, accion: Accion, queryset: QuerySet | None = None) -> QuerySet:
    """The spaces on which `user` may do `accion`."""
    queryset = EspacioDialogo.objects.all() if queryset is None else queryset
    if not puede(user, accion):
        return queryset.none()
    if _todo(user, accion):
        return queryset
    oficina = oficina_de(user)
    if oficina is None or accion not in (
        Accion.VER,
        Accion.PROGRAMAR_ESPACIO,
        Accion.CERRAR_ESPACIO,
        Accion.REGISTRAR_PREGUNTA,
    ):
        return queryset.none()
    return queryset.filter(organiza(oficina))


def organiza(oficina, *, espacio: str = "pk") -> Exists:
    """The condition «`oficina` organises the space at `espacio`» (an OuterRef path), for
    filtering spaces (`espacio="pk"`) or objects that point to a space (encuestas:
    `espacio="espacio"`). The one definition of who organises a space."""
    return Exists(
        EspacioDialogo.oficinas.through.objects.filter(
            espaciodialogo=OuterRef(espacio), responsable=oficina
        )
    )


def puede_en_espacio(user, accion: Accion, espacio: EspacioDialogo) -> bool:
    return espacios_para(user, accion).filter(pk=espacio.pk).exists()


def obtener_espacio(user, pk: int, accion: Accion = Accion.VER) -> EspacioDialogo:
    visibles = espacios_para(user, Accion.VER).select_related("territorio", "actividad__plan")
    try:
        espacio = visibles.get(pk=pk)
    except EspacioDialogo.DoesNotExist:
        raise Http404("No existe el espacio de diálogo o no tiene acceso a él.") from None
    if accion != Accion.VER and not puede_en_espacio(user, accion, espacio):
        raise PermissionDenied("No tiene permiso para esta acción sobre el espacio de diálogo.")
    return espacio


def puede_programar_para(user, oficinas) -> bool:
    """A new space: OPGI for any offices; an office only among the organisers."""
    if es_opgi(user):
        return True
    if not puede(user, Accion.PROGRAMAR_ESPACIO):
        return False
    oficina = oficina_de(user)
    return oficina is not None and any(o.pk == oficina.pk for o in oficinas)


def actividades_vinculables(user) -> QuerySet:
    """The plan activities a space programmed by `user` may count toward.

    A realised space adds to its activity's meta, so an office links spaces
    only to activities whose responsables include it (Salud cannot fill
    Educación's meta 2.4); OPGI links any activity; other roles, none.
    """
    if es_opgi(user):
        return Actividad.objects.all()
    oficina = oficina_de(user)
    if oficina is None or not puede(user, Accion.PROGRAMAR_ESPACIO):
        return Actividad.objects.none()
    return Actividad.objects.filter(asignaciones__responsable=oficina).distinct()


def puede_vincular_actividad(user, actividad) -> bool:
    return actividad is None or actividades_vinculables(user).filter(pk=actividad.pk).exists()


# --- Commitments --------------------------------------------------------------


def compromisos_para(user, accion: Accion) -> QuerySet:
    """VER: commitments of visible spaces or of the user's office; SEGUIR: own office's."""
    queryset = Compromiso.objects.all()
    if not puede(user, accion):
        return queryset.none()
    if _todo(user, accion):
        return queryset
    oficina = oficina_de(user)
    if oficina is None:
        return queryset.none()
    if accion == Accion.SEGUIR_COMPROMISO:
        return queryset.filter(responsable=oficina)
    if accion == Accion.VER:
        return queryset.filter(responsable=oficina) | queryset.filter(
            espacio__in=espacios_para(user, Accion.VER)
        )
    return queryset.none()


def obtener_compromiso(user, pk: int, accion: Accion = Accion.VER) -> Compromiso:
    visibles = compromisos_para(user, Accion.VER).select_related("espacio", "responsable")
    try:
        compromiso = visibles.get(pk=pk)
    except Compromiso.DoesNotExist:
        raise Http404("No existe el compromiso o no tiene acceso a él.") from None
    if accion != Accion.VER and not compromisos_para(user, accion).filter(pk=pk).exists():
        raise PermissionDenied("No tiene permiso para esta acción sobre el compromiso.")
    return compromiso


# --- Questions ----------------------------------------------------------------


def preguntas_para(user, accion: Accion, queryset: QuerySet | None = None) -> QuerySet:
    """The questions on which `user` may do `accion`.

    An office sees and answers only the questions assigned to it.
    """
    queryset = Pregunta.objects.all() if queryset is None else queryset
    if not puede(user, accion):
        return queryset.none()
    if _todo(user, accion):
        return queryset
    oficina = oficina_de(user)
    if oficina is None or accion not in (Accion.VER, Accion.RESPONDER_PREGUNTA):
        return queryset.none()
    return queryset.filter(oficina=oficina)


def obtener_pregunta(user, pk: int, accion: Accion = Accion.VER) -> Pregunta:
    visibles = preguntas_para(user, Accion.VER).select_related(
        "espacio", "territorio", "oficina", "respondida_por", "registrada_por"
    )
    try:
        pregunta = visibles.get(pk=pk)
    except Pregunta.DoesNotExist:
        raise Http404("No existe la pregunta o no tiene acceso a ella.") from None
    if accion != Accion.VER and not preguntas_para(user, accion).filter(pk=pk).exists():
        raise PermissionDenied("No tiene permiso para esta acción sobre la pregunta.")
    return pregunta


def puede_en_pregunta(user, accion: Accion, pregunta: Pregunta) -> bool:
    return preguntas_para(user, accion).filter(pk=pregunta.pk).exists()
