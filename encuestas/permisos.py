"""Every permission rule of encuestas, in one place, built on the core's policy base.

Roles (nucleo/roles.py):
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

`ENCUESTAS` (a nucleo.permisos.Politica) declares only the office's scoping; the
base derives the querysets, the object checks and the 404/403 lookup, so a list
and a detail page cannot disagree. Switching an activity's progress to the
surveys' automatic source is plan's permission (plan.permisos.Accion.CAMBIAR_FUENTE_AVANCE
through plan.permisos.ACTIVIDADES), not a questionnaire one.
"""

from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet

from dialogos import permisos as permisos_dialogos
from dialogos.models import EspacioDialogo
from nucleo import roles
from nucleo.permisos import Politica
from nucleo.roles import Usuario
from plan.models import ActividadResponsable, Responsable

from .models import Encuesta


class Accion(StrEnum):
    VER = "ver"  # results, exports, QR poster
    PROGRAMAR_ENCUESTA = "programar_encuesta"  # create a survey for a space, change its dates
    REGISTRAR_PAPEL = "registrar_papel"  # type in paper forms
    PUBLICAR_RESULTADOS = "publicar_resultados"  # publish / withdraw the results
    GESTIONAR_CUESTIONARIOS = "gestionar_cuestionarios"


ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion),
    roles.CONTROL_INTERNO: frozenset({Accion.VER}),
    roles.OFICINA: frozenset({Accion.VER, Accion.PROGRAMAR_ENCUESTA, Accion.REGISTRAR_PAPEL}),
}


class PoliticaEncuesta(Politica[Encuesta]):
    """An office acts on the surveys of the spaces it organises."""

    modelo = Encuesta
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe la encuesta o no tiene acceso a ella."
    mensaje_sin_permiso = "No tiene permiso para esta acción sobre la encuesta."
    relacionados = ("cuestionario", "espacio__territorio")

    def alcance_oficina(
        self, queryset: QuerySet[Encuesta], oficina: Responsable, accion: str
    ) -> QuerySet[Encuesta]:
        return queryset.filter(permisos_dialogos.organiza(oficina, espacio="espacio"))


ENCUESTAS = PoliticaEncuesta()


def espacios_para_encuesta(user: Usuario) -> QuerySet[EspacioDialogo]:
    """The spaces the user may attach a new survey to: those they may program, not cancelled,
    and, for an office, not counting for another office's activity (OPGI: any space).

    A survey's responses are the evidence of a space's satisfaction: an office links them
    only to its own spaces and its own activities, never to inflate another office's.
    """
    if not ENCUESTAS.puede(user, Accion.PROGRAMAR_ENCUESTA):
        return EspacioDialogo.objects.none()
    espacios = permisos_dialogos.ESPACIOS.instancias_para(
        user, permisos_dialogos.Accion.PROGRAMAR_ESPACIO
    ).exclude(estado=EspacioDialogo.Estado.CANCELADO)
    if roles.es_opgi(user):
        return espacios
    oficina = roles.oficina_de(user)
    if oficina is None:
        return espacios.none()
    propia = ActividadResponsable.objects.filter(
        actividad=OuterRef("actividad"), responsable=oficina
    )
    return espacios.filter(Q(actividad__isnull=True) | Exists(propia))


def puede_crear_para(user: Usuario, espacio: EspacioDialogo | None) -> bool:
    """A general survey: OPGI only; a space's survey: OPGI or an organising office."""
    if espacio is None:
        return roles.es_opgi(user)
    return espacios_para_encuesta(user).filter(pk=espacio.pk).exists()


def puede_ver_cuestionarios(user: Usuario) -> bool:
    """Every role sees the questionnaires (to choose one); only OPGI changes them."""
    return ENCUESTAS.puede(user, Accion.VER)
