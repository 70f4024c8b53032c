"""Every permission rule of encuestas, in one place, built on plan's roles and dialogos' spaces.

Roles (plan/roles.py, read through plan.permisos.rol_de / oficina_de):
- OPGI (and superusers): everything: questionnaires, every survey (general
  or of any space), paper entry, results, exports, publishing results.
- Control interno: sees every survey's results and downloads them; changes
  nothing.
- Oficina: on the surveys of the spaces its office organises
  (dialogos.permisos) and that count for no other office's activity: creates
  them; on the surveys of the spaces it organises: edits them, types in their paper forms,
  sees and downloads their results and QR poster. Never a general survey,
  never another office's, never publishes results nor edits questionnaires.
- Anyone else (anonymous, no group, inactive): nothing here; the public
  pages (answer a survey, published results) have no rules but the survey's
  own dates and publication.

As in plan.permisos, the object checks derive from the queryset rules, so a
list and a detail page cannot disagree: `obtener_encuesta` raises 404 for
what the user may not see and 403 for what they may see but not do.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from dialogos import permisos as permisos_dialogos
from dialogos.models import EspacioDialogo
from nucleo import roles
from nucleo.roles import (
    oficina_de,
    rol_de,
    ve_todo,  # OPGI and Control interno
)
from plan.models import ActividadResponsable

from .models import Encuesta


class Accion(StrEnum):
    VER = "ver"  # results, exports, QR poster
    PROGRAMAR = "programar"  # create a survey for a space, change its dates
    REGISTRAR_PAPEL = "registrar_papel"  # type in paper forms
    PUBLICAR = "publicar"  # publish / withdraw the results
    GESTIONAR_CUESTIONARIOS = "gestionar_cuestionarios"


ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion),
    roles.CONTROL_INTERNO: frozenset({Accion.VER}),
    roles.OFICINA: frozenset({Accion.VER, Accion.PROGRAMAR, Accion.REGISTRAR_PAPEL}),
}


def puede(user, accion: Accion) -> bool:
    """Whether the user's role allows `accion` on at least some survey."""
    return accion in ACCIONES_POR_ROL.get(rol_de(user), frozenset())


def es_opgi(user) -> bool:
    return rol_de(user) == roles.OPGI


def encuestas_para(user, accion: Accion, queryset: QuerySet | None = None) -> QuerySet:
    """The surveys on which `user` may do `accion`."""
    queryset = Encuesta.objects.all() if queryset is None else queryset
    if not puede(user, accion):
        return queryset.none()
    if es_opgi(user) or (accion == Accion.VER and ve_todo(user)):
        return queryset
    oficina = oficina_de(user)
    if oficina is None:
        return queryset.none()
    return queryset.filter(permisos_dialogos.organiza(oficina, espacio="espacio"))


def puede_en_encuesta(user, accion: Accion, encuesta: Encuesta) -> bool:
    return encuestas_para(user, accion).filter(pk=encuesta.pk).exists()


def obtener_encuesta(user, pk: int, accion: Accion = Accion.VER) -> Encuesta:
    visibles = encuestas_para(user, Accion.VER).select_related(
        "cuestionario", "espacio__territorio"
    )
    try:
        encuesta = visibles.get(pk=pk)
    except Encuesta.DoesNotExist:
        raise Http404("No existe la encuesta o no tiene acceso a ella.") from None
    if accion != Accion.VER and not puede_en_encuesta(user, accion, encuesta):
        raise PermissionDenied("No tiene permiso para esta acción sobre la encuesta.")
    return encuesta


def espacios_para_encuesta(user) -> QuerySet[EspacioDialogo]:
    """The spaces the user may attach a new survey to: those they may program, not cancelled,
    and, for an office, not counting for another office's activity (OPGI: any space).

    A survey's responses are the evidence of a space's satisfaction: an office links them
    only to its own spaces and its own activities, never to inflate another office's.
    """
    if not puede(user, Accion.PROGRAMAR):
        return EspacioDialogo.objects.none()
    espacios = permisos_dialogos.espacios_para(
        user, permisos_dialogos.Accion.PROGRAMAR_ESPACIO
    ).exclude(estado=EspacioDialogo.Estado.CANCELADO)
    if es_opgi(user):
        return espacios
    oficina = oficina_de(user)
    if oficina is None:
        return espacios.none()
    propia = ActividadResponsable.objects.filter(
        actividad=OuterRef("actividad"), responsable=oficina
    )
    return espacios.filter(Q(actividad__isnull=True) | Exists(propia))


def puede_crear_para(user, espacio: EspacioDialogo | None) -> bool:
    """A general survey: OPGI only; a space's survey: OPGI or an organising office."""
    if espacio is None:
        return es_opgi(user)
    return espacios_para_encuesta(user).filter(pk=espacio.pk).exists()


def puede_ver_cuestionarios(user) -> bool:
    """Every role sees the questionnaires (to choose one); only OPGI changes them."""
    return puede(user, Accion.VER)
