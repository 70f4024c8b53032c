"""Every permission rule of dialogos, in one place, on the core's permission base.

Roles (nucleo/roles.py):
- OPGI (and superusers): everything, on every space, question and report.
- Control interno: sees every space and question; changes nothing.
- Oficina: on the spaces its office organises: sees, programs, edits,
  cancels and closes them (record, commitments, attachments), records a
  hearing's management report and convocatoria (it prepares the hearing; OPGI
  sees the MURC warnings in its pendientes) and types in
  their paper question forms; on the commitments assigned to its office:
  updates their follow-up; on the questions assigned to its office: sees and
  answers them, extends their term (once) and asks the citizen to complete them
  (Ley 1755 de 2015, arts. 14 and 17). It never assigns, reclassifies, forwards
  nor publishes.
- Anyone else (anonymous, no group, inactive): nothing here; the public
  pages (schedule, question form, lookup, published answers) have no rules.

Each guarded model has a policy (nucleo.permisos.Politica) that declares only
the office's scoping: `ESPACIOS`, `COMPROMISOS`, `PREGUNTAS` (and `INFORMES`,
which no office acts on). The base derives the querysets (`instancias_para`),
the object checks (`permite`) and the 404/403 lookup (`obtener`), so a list and
a detail page cannot disagree.

Switching an activity to an automatic meta is plan's permission
(plan.permisos.Accion.CAMBIAR_FUENTE_AVANCE, checked through plan.permisos.ACTIVIDADES).
"""

from collections.abc import Iterable
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet

from nucleo import roles
from nucleo.permisos import Politica
from nucleo.roles import Usuario
from plan.models import Actividad, Responsable

from .models import Compromiso, EspacioDialogo, InformeRespuestas, Pregunta


class Accion(StrEnum):
    VER = "ver"
    PROGRAMAR_ESPACIO = "programar_espacio"  # create, edit, cancel
    CERRAR_ESPACIO = "cerrar_espacio"  # closing record, commitments, attachments
    # A hearing's MURC cycle: its management report and its convocatoria (dialogos.murc).
    REGISTRAR_CICLO = "registrar_ciclo_audiencia"
    SEGUIR_COMPROMISO = "seguir_compromiso"
    REGISTRAR_PREGUNTA = "registrar_pregunta"  # type in a paper form
    ASIGNAR_PREGUNTA = "asignar_pregunta"
    RESPONDER_PREGUNTA = "responder_pregunta"
    PUBLICAR_PREGUNTA = "publicar_pregunta"
    # Ley 1755 de 2015: the type (and term) of a petition and the events of its clock.
    RECLASIFICAR_PREGUNTA = "reclasificar_pregunta"
    PRORROGAR_PLAZO = "prorrogar_plazo"  # art. 14, parágrafo
    SOLICITAR_COMPLETAR = "solicitar_completar"  # art. 17, and registering the completion
    TRASLADAR_PREGUNTA = "trasladar_pregunta"  # art. 21
    GESTIONAR_INFORMES = "gestionar_informes"
    # «Historial» of a space or a question (OPGI, Control interno).
    VER_HISTORIAL = "ver_historial_dialogos"


ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion),
    roles.CONTROL_INTERNO: frozenset({Accion.VER, Accion.VER_HISTORIAL}),
    roles.OFICINA: frozenset(
        {
            Accion.VER,
            Accion.PROGRAMAR_ESPACIO,
            Accion.CERRAR_ESPACIO,
            Accion.REGISTRAR_CICLO,
            Accion.SEGUIR_COMPROMISO,
            Accion.REGISTRAR_PREGUNTA,
            Accion.RESPONDER_PREGUNTA,
            Accion.PRORROGAR_PLAZO,
            Accion.SOLICITAR_COMPLETAR,
        }
    ),
}


def organiza(oficina: Responsable, *, espacio: str = "pk") -> Exists:
    """The condition «`oficina` organises the space at `espacio`» (an OuterRef path), for
    filtering spaces (`espacio="pk"`) or objects that point to a space (encuestas:
    `espacio="espacio"`). The one definition of who organises a space."""
    return Exists(
        EspacioDialogo.oficinas.through.objects.filter(
            espaciodialogo=OuterRef(espacio), responsable=oficina
        )
    )


class PoliticaEspacio(Politica[EspacioDialogo]):
    """An office acts on the spaces it organises."""

    modelo = EspacioDialogo
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe el espacio de diálogo o no tiene acceso a él."
    mensaje_sin_permiso = "No tiene permiso para esta acción sobre el espacio de diálogo."
    relacionados = ("territorio", "actividad__plan")
    ACCIONES_OFICINA = frozenset(
        {
            Accion.VER,
            Accion.PROGRAMAR_ESPACIO,
            Accion.CERRAR_ESPACIO,
            Accion.REGISTRAR_CICLO,
            Accion.REGISTRAR_PREGUNTA,
        }
    )

    def alcance_oficina(
        self, queryset: QuerySet[EspacioDialogo], oficina: Responsable, accion: str
    ) -> QuerySet[EspacioDialogo]:
        if accion not in self.ACCIONES_OFICINA:
            return queryset.none()
        return queryset.filter(organiza(oficina))


class PoliticaCompromiso(Politica[Compromiso]):
    """VER: the commitments of the office's spaces or assigned to it; SEGUIR: its own."""

    modelo = Compromiso
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe el compromiso o no tiene acceso a él."
    mensaje_sin_permiso = "No tiene permiso para esta acción sobre el compromiso."
    relacionados = ("espacio", "responsable")

    def alcance_oficina(
        self, queryset: QuerySet[Compromiso], oficina: Responsable, accion: str
    ) -> QuerySet[Compromiso]:
        if accion == Accion.SEGUIR_COMPROMISO:
            return queryset.filter(responsable=oficina)
        if accion == Accion.VER:
            return queryset.filter(Q(responsable=oficina) | Q(organiza(oficina, espacio="espacio")))
        return queryset.none()


class PoliticaPregunta(Politica[Pregunta]):
    """An office sees, answers, extends and asks to complete only the questions assigned to it."""

    modelo = Pregunta
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe la pregunta o no tiene acceso a ella."
    mensaje_sin_permiso = "No tiene permiso para esta acción sobre la pregunta."
    relacionados = (
        "espacio",
        "territorio",
        "oficina",
        "respondida_por",
        "registrada_por",
        "tipo",
    )
    ACCIONES_OFICINA = frozenset(
        {
            Accion.VER,
            Accion.RESPONDER_PREGUNTA,
            Accion.PRORROGAR_PLAZO,
            Accion.SOLICITAR_COMPLETAR,
        }
    )

    def alcance_oficina(
        self, queryset: QuerySet[Pregunta], oficina: Responsable, accion: str
    ) -> QuerySet[Pregunta]:
        if accion not in self.ACCIONES_OFICINA:
            return queryset.none()
        return queryset.filter(oficina=oficina)


class PoliticaInforme(Politica[InformeRespuestas]):
    """The answer reports: OPGI records them; everyone with a role sees them; no scoping."""

    modelo = InformeRespuestas
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe el informe o no tiene acceso a él."
    mensaje_sin_permiso = "Solo OPGI puede hacer esto."


ESPACIOS = PoliticaEspacio()
COMPROMISOS = PoliticaCompromiso()
PREGUNTAS = PoliticaPregunta()
INFORMES = PoliticaInforme()


def puede_programar_para(user: Usuario, oficinas: Iterable[Responsable]) -> bool:
    """A new space: OPGI for any offices; an office only among the organisers."""
    if roles.es_opgi(user):
        return True
    if not ESPACIOS.puede(user, Accion.PROGRAMAR_ESPACIO):
        return False
    oficina = roles.oficina_de(user)
    return oficina is not None and any(o.pk == oficina.pk for o in oficinas)


def puede_registrar_formato(user: Usuario, espacio: EspacioDialogo | None) -> bool:
    """OPGI types in any paper form; an office only those of the spaces it organises."""
    if espacio is None:
        return roles.es_opgi(user)
    return ESPACIOS.permite(user, Accion.REGISTRAR_PREGUNTA, espacio)


def actividades_vinculables(user: Usuario) -> QuerySet[Actividad]:
    """The plan activities a space programmed by `user` may count toward.

    A realised space adds to its activity's meta, so an office links spaces
    only to activities whose responsables include it (Salud cannot fill
    Educación's meta 2.4); OPGI links any activity; other roles, none.
    """
    if roles.es_opgi(user):
        return Actividad.objects.all()
    oficina = roles.oficina_de(user)
    if oficina is None or not ESPACIOS.puede(user, Accion.PROGRAMAR_ESPACIO):
        return Actividad.objects.none()
    return Actividad.objects.filter(asignaciones__responsable=oficina).distinct()


def puede_vincular_actividad(user: Usuario, actividad: Actividad | None) -> bool:
    return actividad is None or actividades_vinculables(user).filter(pk=actividad.pk).exists()
