"""The clock of a question (Ley 1755 de 2015): its type's term, and the events that move it.

- reclasificar_pregunta (OPGI): another type of petition, hence another term;
- prorrogar_plazo (art. 14, parágrafo; OPGI or the assigned office): once, before the
  term expires, with its reason, up to the initial term counted twice;
- trasladar_pregunta (art. 21; OPGI): to the competent authority; on time within 5
  business days of reception, later it is flagged «fuera de término»; final here;
- solicitar_completar / registrar_complemento (art. 17; OPGI or the assigned office):
  the term is suspended from the request until the citizen completes the petition;
- cerrar_por_desistimiento / cerrar_desistidas (art. 17): a month without completing
  closes it (`manage.py cerrar_desistidas`, daily).

Every one recomputes `Pregunta.vence_el` from the calendar and the events
(reglas.calcular_plazo); `recalcular_vencimientos` repairs open questions whose
stored deadline drifted (a holiday calendar update, a manual correction).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo import cambios
from nucleo.roles import Usuario, cuenta

from .. import notificaciones, reglas, selectors
from ..models import MENSAJE_UNA_PRORROGA, EventoPlazo, Pregunta, TipoPeticion
from ..permisos import PREGUNTAS, Accion

MENSAJE_PRORROGA_VENCIDA = (
    "El plazo venció el {vence:%d/%m/%Y}: la prórroga se decide antes del vencimiento."
)
MENSAJE_PRORROGA_MAXIMA = (
    "La prórroga no puede pasar del {limite:%d/%m/%Y}: el doble del término inicial "
    "({dias} días hábiles)."
)
MENSAJE_PARA_COMPLETAR_VENCIDO = (
    "Pasó el mes para completar la petición (hasta el {limite:%d/%m/%Y}): se cierra por "
    "desistimiento."
)


def _con_bloqueo(pregunta: Pregunta) -> Pregunta:
    return Pregunta.objects.select_for_update().select_related("tipo").get(pk=pregunta.pk)


def _evento(
    pregunta: Pregunta, tipo: str, *, usuario: Usuario | None, fecha: date, **campos: object
) -> EventoPlazo:
    evento = EventoPlazo(
        pregunta=pregunta,
        tipo=tipo,
        fecha=fecha,
        registrado_por=None if usuario is None else cuenta(usuario),
        **campos,
    )
    cambios.autor_del_historial(evento, usuario)
    evento.full_clean()
    evento.save()
    return evento


def _recalcular(pregunta: Pregunta, usuario: Usuario | None, *campos: str) -> None:
    """Store the deadline computed from the calendar and the events, with `campos`."""
    pregunta.vence_el = selectors.calculo_de_plazo(pregunta).vence_el
    cambios.autor_del_historial(pregunta, usuario)
    pregunta.save(update_fields=["vence_el", *campos])


def _hoy(hoy: date | None) -> date:
    return hoy or timezone.localdate()


@transaction.atomic
def reclasificar_pregunta(
    *,
    pregunta: Pregunta,
    usuario: Usuario,
    tipo: TipoPeticion | None,
    motivo: str,
    hoy: date | None = None,
) -> Pregunta:
    """OPGI changes the type of petition (and so its term), with its reason."""
    PREGUNTAS.exigir(usuario, Accion.RECLASIFICAR_PREGUNTA, pregunta)
    pregunta = _con_bloqueo(pregunta)
    pregunta.exigir("reclasificar")
    errores = {}
    if tipo is None:
        errores["tipo"] = "Elija el tipo de petición."
    elif tipo.pk == pregunta.tipo_id:
        errores["tipo"] = "La pregunta ya es de ese tipo."
    elif not tipo.activo:
        errores["tipo"] = "Ese tipo de petición no está activo."
    if not motivo.strip():
        errores["motivo"] = "Escriba el motivo de la reclasificación."
    if errores:
        raise ValidationError(errores)
    assert tipo is not None
    anterior = pregunta.tipo
    pregunta.tipo = tipo
    _evento(
        pregunta,
        EventoPlazo.Tipo.RECLASIFICACION,
        usuario=usuario,
        fecha=_hoy(hoy),
        motivo=f"De «{anterior.nombre}» a «{tipo.nombre}»: {motivo.strip()}",
    )
    _recalcular(pregunta, usuario, "tipo")
    cambios.registrar(
        "pregunta.reclasificada",
        usuario=usuario,
        objeto=pregunta,
        tipo_anterior=anterior.clave,
        tipo=tipo.clave,
        vence_el=pregunta.vence_el.isoformat(),
    )
    return pregunta


@transaction.atomic
def prorrogar_plazo(
    *,
    pregunta: Pregunta,
    usuario: Usuario,
    nueva_fecha: date | None,
    motivo: str,
    hoy: date | None = None,
) -> EventoPlazo:
    """Extend the term once, before it expires, up to twice the initial term (art. 14)."""
    PREGUNTAS.exigir(usuario, Accion.PRORROGAR_PLAZO, pregunta)
    pregunta = _con_bloqueo(pregunta)
    pregunta.exigir("prorrogar")
    hoy = _hoy(hoy)
    if hoy > pregunta.vence_el:
        raise ValidationError(MENSAJE_PRORROGA_VENCIDA.format(vence=pregunta.vence_el))
    if pregunta.eventos.filter(tipo=EventoPlazo.Tipo.PRORROGA).exists():
        raise ValidationError(MENSAJE_UNA_PRORROGA)
    errores = {}
    limite = reglas.limite_de_prorroga(pregunta.recibida_el, pregunta.tipo.dias_habiles)
    if nueva_fecha is None:
        errores["nueva_fecha"] = "Indique la nueva fecha de vencimiento."
    elif nueva_fecha <= pregunta.vence_el:
        errores["nueva_fecha"] = (
            f"La nueva fecha debe ser posterior al vencimiento actual ({pregunta.vence_el:%d/%m/%Y})."
        )
    elif nueva_fecha > limite:
        errores["nueva_fecha"] = MENSAJE_PRORROGA_MAXIMA.format(
            limite=limite, dias=pregunta.tipo.dias_habiles
        )
    elif not reglas.es_dia_habil(nueva_fecha):
        errores["nueva_fecha"] = "La nueva fecha de vencimiento debe ser un día hábil."
    if not motivo.strip():
        errores["motivo"] = "Escriba el motivo de la prórroga: se le comunica al ciudadano."
    if errores:
        raise ValidationError(errores)
    evento = _evento(
        pregunta,
        EventoPlazo.Tipo.PRORROGA,
        usuario=usuario,
        fecha=hoy,
        motivo=motivo.strip(),
        nueva_fecha=nueva_fecha,
    )
    _recalcular(pregunta, usuario)
    cambios.registrar(
        "pregunta.prorrogada",
        usuario=usuario,
        objeto=pregunta,
        vence_el=pregunta.vence_el.isoformat(),
    )
    notificaciones.evento_de_plazo(evento)
    return evento


@transaction.atomic
def trasladar_pregunta(
    *,
    pregunta: Pregunta,
    usuario: Usuario,
    entidad_destino: str,
    motivo: str = "",
    hoy: date | None = None,
) -> EventoPlazo:
    """Forward the petition to the competent authority (art. 21); it is closed here.

    Allowed after the 5 business days, flagged «fuera de término» on the question.
    """
    PREGUNTAS.exigir(usuario, Accion.TRASLADAR_PREGUNTA, pregunta)
    pregunta = _con_bloqueo(pregunta)
    pregunta.exigir("trasladar")
    if not entidad_destino.strip():
        raise ValidationError({"entidad_destino": "Escriba la entidad a la que se traslada."})
    hoy = _hoy(hoy)
    fuera = hoy > reglas.limite_de_traslado(pregunta.recibida_el)
    anterior = pregunta.aplicar("trasladar")
    evento = _evento(
        pregunta,
        EventoPlazo.Tipo.TRASLADO,
        usuario=usuario,
        fecha=hoy,
        motivo=motivo.strip(),
        entidad_destino=entidad_destino.strip(),
        fuera_de_termino=fuera,
    )
    cambios.autor_del_historial(pregunta, usuario)
    pregunta.save(update_fields=["estado"])
    cambios.registrar(
        "pregunta.trasladada",
        usuario=usuario,
        objeto=pregunta,
        anterior=anterior,
        fuera_de_termino=fuera,
    )
    notificaciones.evento_de_plazo(evento)
    return evento


@transaction.atomic
def solicitar_completar(
    *, pregunta: Pregunta, usuario: Usuario, motivo: str, hoy: date | None = None
) -> EventoPlazo:
    """Ask the citizen to complete the petition (art. 17): the term stops running."""
    PREGUNTAS.exigir(usuario, Accion.SOLICITAR_COMPLETAR, pregunta)
    pregunta = _con_bloqueo(pregunta)
    pregunta.exigir("solicitar_completar")
    if not motivo.strip():
        raise ValidationError({"motivo": "Escriba qué debe completar el ciudadano."})
    anterior = pregunta.aplicar("solicitar_completar")
    evento = _evento(
        pregunta,
        EventoPlazo.Tipo.SOLICITUD_COMPLETAR,
        usuario=usuario,
        fecha=_hoy(hoy),
        motivo=motivo.strip(),
    )
    _recalcular(pregunta, usuario, "estado")
    cambios.registrar("pregunta.en_espera", usuario=usuario, objeto=pregunta, anterior=anterior)
    notificaciones.evento_de_plazo(evento)
    return evento


def _ultima_solicitud(pregunta: Pregunta) -> EventoPlazo:
    return pregunta.eventos.filter(tipo=EventoPlazo.Tipo.SOLICITUD_COMPLETAR).latest("fecha", "pk")


@transaction.atomic
def registrar_complemento(
    *, pregunta: Pregunta, usuario: Usuario, hoy: date | None = None
) -> EventoPlazo:
    """The citizen completed the petition: the term runs again, moved by the suspension."""
    PREGUNTAS.exigir(usuario, Accion.SOLICITAR_COMPLETAR, pregunta)
    pregunta = _con_bloqueo(pregunta)
    transicion = pregunta.transicion_al_completar
    pregunta.exigir(transicion)
    hoy = _hoy(hoy)
    limite = reglas.limite_para_completar(_ultima_solicitud(pregunta).fecha)
    if hoy > limite:
        raise ValidationError(MENSAJE_PARA_COMPLETAR_VENCIDO.format(limite=limite))
    anterior = pregunta.aplicar(transicion)
    evento = _evento(pregunta, EventoPlazo.Tipo.COMPLETADA, usuario=usuario, fecha=hoy)
    _recalcular(pregunta, usuario, "estado")
    cambios.registrar(
        "pregunta.completada",
        usuario=usuario,
        objeto=pregunta,
        anterior=anterior,
        vence_el=pregunta.vence_el.isoformat(),
    )
    return evento


@transaction.atomic
def cerrar_por_desistimiento(*, pregunta: Pregunta, hoy: date | None = None) -> EventoPlazo:
    """Close a question whose month to complete passed (art. 17). Run by the system."""
    pregunta = _con_bloqueo(pregunta)
    pregunta.exigir("desistir")
    hoy = _hoy(hoy)
    limite = reglas.limite_para_completar(_ultima_solicitud(pregunta).fecha)
    if hoy <= limite:
        raise ValidationError(
            f"El ciudadano tiene hasta el {limite:%d/%m/%Y} para completar la petición."
        )
    anterior = pregunta.aplicar("desistir")
    evento = _evento(
        pregunta,
        EventoPlazo.Tipo.DESISTIDA,
        usuario=None,
        fecha=hoy,
        motivo=f"No se completó la petición hasta el {limite:%d/%m/%Y} (un mes).",
    )
    pregunta.save(update_fields=["estado"])
    cambios.registrar("pregunta.desistida", usuario=None, objeto=pregunta, anterior=anterior)
    notificaciones.evento_de_plazo(evento)
    return evento


def cerrar_desistidas(*, hoy: date | None = None) -> list[Pregunta]:
    """Every question waiting for more than a month is closed (idempotent: run daily)."""
    hoy = _hoy(hoy)
    cerradas = []
    for pregunta in Pregunta.objects.filter(estado=Pregunta.Estado.EN_ESPERA).order_by("pk"):
        limite = reglas.limite_para_completar(_ultima_solicitud(pregunta).fecha)
        if hoy > limite:
            cerrar_por_desistimiento(pregunta=pregunta, hoy=hoy)
            cerradas.append(pregunta)
    return cerradas


@dataclass(frozen=True)
class Corregido:
    pregunta: Pregunta
    antes: date
    despues: date


def recalcular_vencimientos() -> list[Corregido]:
    """Store again the computed deadline of every open question whose stored one differs."""
    corregidos = []
    abiertas = Pregunta.objects.filter(estado__in=selectors.EN_TRAMITE).select_related("tipo")
    for pregunta in abiertas.prefetch_related("eventos").order_by("pk"):
        calculado = selectors.calculo_de_plazo(pregunta).vence_el
        if calculado != pregunta.vence_el:
            with transaction.atomic():
                antes = pregunta.vence_el
                pregunta.vence_el = calculado
                pregunta.save(update_fields=["vence_el"])
                cambios.registrar(
                    "pregunta.vencimiento_corregido",
                    usuario=None,
                    objeto=pregunta,
                    antes=antes.isoformat(),
                    despues=calculado.isoformat(),
                )
            corregidos.append(Corregido(pregunta, antes, calculado))
    return corregidos
