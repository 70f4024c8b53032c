"""OPGI reviews the offices' progress reports: approves, returns or annuls them.

A report is never edited nor deleted: approving makes it count in every figure
(public ones included, plan/selectors.py `_cantidad_al`); returning sends it back
to the office with the reason; annulling keeps the row, marked, with who, when and
why. An approved report that `corrige` another replaces it (the older one becomes
«reemplazado»). The transitions and their messages are Avance.TRANSICIONES.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo import cambios
from nucleo.roles import Usuario, cuenta
from plan import notificaciones, services
from plan.models import Avance
from plan.permisos import ACTIVIDADES, Accion

MENSAJE_COMENTARIO = "Explique a la oficina por qué se devuelve el avance."
MENSAJE_MOTIVO_ANULACION = "Indique el motivo de la anulación."


def _revisado(avance: Avance, revisor: Usuario, transicion: str, comentario: str) -> Avance:
    ACTIVIDADES.exigir(revisor, Accion.REVISAR_AVANCE, avance.actividad)
    anterior = avance.aplicar(transicion)
    avance.comentario_revision = comentario
    avance.revisado_por = cuenta(revisor)
    avance.revisado_en = timezone.now()
    cambios.autor_del_historial(avance, revisor)
    avance.save()
    cambios.registrar(f"avance.{avance.estado}", usuario=revisor, objeto=avance, anterior=anterior)
    return avance


@transaction.atomic
def aprobar_avance(*, avance: Avance, revisor: Usuario, comentario: str = "") -> Avance:
    """Approve an «enviado» report; if it corrects an approved one, that one is replaced."""
    _revisado(avance, revisor, "aprobar", comentario.strip())
    services.reemplazar_corregido(avance, usuario=revisor)
    return avance


@transaction.atomic
def devolver_avance(*, avance: Avance, revisor: Usuario, comentario: str) -> Avance:
    if not comentario.strip():
        raise ValidationError({"comentario": MENSAJE_COMENTARIO})
    _revisado(avance, revisor, "devolver", comentario.strip())
    notificaciones.avance_devuelto(avance)
    return avance


@transaction.atomic
def anular_avance(*, avance: Avance, usuario: Usuario, motivo: str) -> Avance:
    """Annul a report: it stays, marked, and counts nowhere (the figure falls back)."""
    ACTIVIDADES.exigir(usuario, Accion.ANULAR_AVANCE, avance.actividad)
    if not motivo.strip():
        raise ValidationError({"motivo": MENSAJE_MOTIVO_ANULACION})
    anterior = avance.aplicar("anular")
    avance.motivo_anulacion = motivo.strip()
    avance.anulado_por = cuenta(usuario)
    avance.anulado_en = timezone.now()
    cambios.autor_del_historial(avance, usuario)
    avance.save()
    cambios.registrar("avance.anulado", usuario=usuario, objeto=avance, anterior=anterior)
    return avance
