"""Control Interno closes a corte of a plan's follow-up, and may reopen it.

Closing freezes everything the corte's follow-up prints in CortePlan.instantanea
(plan/informes.py builds the reports of a closed corte from it, never from live
data) and publishes it on the portal (`publicado_en`). Reopening, with its reason,
lets the figures move again; django-simple-history keeps every change of the row,
and the audit log (nucleo.cambios) both events.

The signature block's default name and title come from the settings
JEFE_CONTROL_INTERNO_NOMBRE and JEFE_CONTROL_INTERNO_CARGO.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo import cambios
from nucleo.roles import Usuario, cuenta
from plan import informes, permisos
from plan.cortes import Corte
from plan.models import CortePlan, Plan
from plan.permisos import Accion

MENSAJE_SOLO_CONTROL_INTERNO = "Solo Control Interno cierra y reabre los cortes del seguimiento."
MENSAJE_YA_CERRADO = "Ese corte ya está cerrado: para cambiarlo, reábralo indicando el motivo."
MENSAJE_NO_CERRADO = "Ese corte no está cerrado."
MENSAJE_MOTIVO = "Indique el motivo de la reapertura."


def firma_por_defecto() -> tuple[str, str]:
    """(name, title) of the head of Control Interno, from the settings."""
    return settings.JEFE_CONTROL_INTERNO_NOMBRE, settings.JEFE_CONTROL_INTERNO_CARGO


def _exigir(usuario: Usuario, accion: Accion) -> None:
    if not permisos.ACTIVIDADES.puede(usuario, accion):
        raise PermissionDenied(MENSAJE_SOLO_CONTROL_INTERNO)


def cortes_del_plan(plan: Plan) -> list[CortePlan]:
    """The plan's CortePlan rows; a plan without any gets its cortes (the three
    cuatrimestres) written the first time one is closed."""
    existentes = list(plan.cortes.all())
    if existentes:
        return existentes
    return [
        CortePlan.objects.create(plan=plan, numero=corte.numero, fin=corte.fin)
        for corte in plan.cortes_del_seguimiento
    ]


def _corte(plan: Plan, numero: int) -> tuple[CortePlan, Corte]:
    periodo = plan.corte(numero)  # the one rule of a corte number, and its message
    cortes_del_plan(plan)
    return CortePlan.objects.select_for_update().get(plan=plan, numero=numero), periodo


@transaction.atomic
def cerrar_corte(
    *,
    plan: Plan,
    numero: int,
    usuario: Usuario,
    firmado_nombre: str = "",
    firmado_cargo: str = "",
) -> CortePlan:
    """Close corte `numero` of `plan`: snapshot of its follow-up, closed and published now."""
    _exigir(usuario, Accion.CERRAR_CORTE)
    corte, periodo = _corte(plan, numero)
    if corte.cerrado_en is not None:
        raise ValidationError(MENSAJE_YA_CERRADO, code="ya_cerrado")
    nombre, cargo = firma_por_defecto()
    ahora = timezone.now()
    informe = informes.informe_seguimiento(plan=plan, corte=periodo, hoy=timezone.localdate(ahora))
    corte.instantanea = informes.instantanea(informe, generado_en=ahora)
    corte.cerrado_en = ahora
    corte.cerrado_por = cuenta(usuario)
    corte.publicado_en = ahora
    corte.firmado_nombre = (firmado_nombre or nombre).strip()
    corte.firmado_cargo = (firmado_cargo or cargo).strip()
    corte.save()
    cambios.registrar("corte.cerrado", usuario=usuario, objeto=corte, plan=plan.pk, numero=numero)
    return corte


@transaction.atomic
def reabrir_corte(*, plan: Plan, numero: int, usuario: Usuario, motivo: str) -> CortePlan:
    """Reopen a closed corte: the reports read live data again, until it is closed again.

    Who, when and why are kept on the row (and every earlier state in its history);
    the portal stops publishing the snapshot.
    """
    _exigir(usuario, Accion.REABRIR_CORTE)
    motivo = motivo.strip()
    if not motivo:
        raise ValidationError({"motivo": MENSAJE_MOTIVO})
    corte, _ = _corte(plan, numero)
    if corte.cerrado_en is None:
        raise ValidationError(MENSAJE_NO_CERRADO, code="no_cerrado")
    corte.cerrado_en = None
    corte.publicado_en = None
    corte.reabierto_en = timezone.now()
    corte.reabierto_por = cuenta(usuario)
    corte.motivo_reapertura = motivo
    corte.save()
    cambios.registrar(
        "corte.reabierto", usuario=usuario, objeto=corte, plan=plan.pk, numero=numero, motivo=motivo
    )
    return corte
