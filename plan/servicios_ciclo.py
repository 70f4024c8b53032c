"""The plan's lifecycle (issue 16): a draft, published by OPGI, one per entity in force.

A plan is born a draft (`publicado=False`): nothing of it reaches a citizen. OPGI
publishes it when it is adopted, may withdraw it from publication (a plan withdrawn
is no longer in force either) and marks which published plan the home page shows
(`en_vigor`, at most one per entity). The rules and their messages live in
`Plan.TRANSICIONES`; /planes/ (plan/views_planes.py) offers what they admit.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from nucleo import cambios, roles
from nucleo.roles import Usuario
from plan.models import Plan

MENSAJE_SOLO_OPGI = "Solo OPGI publica un plan, lo retira de la publicación o lo marca en vigor."


def _bloqueado(plan: Plan, usuario: Usuario) -> Plan:
    """The plan's row, locked and read afresh: two clicks cannot both pass the check."""
    if not roles.es_opgi(usuario):
        raise PermissionDenied(MENSAJE_SOLO_OPGI)
    return Plan.objects.select_for_update().get(pk=plan.pk)


def _guardar(plan: Plan, usuario: Usuario) -> None:
    """Save the two flags, the history row naming `usuario`."""
    cambios.autor_del_historial(plan, usuario)
    plan.save(update_fields=["publicado", "en_vigor"])


def _copiar_a(destino: Plan, origen: Plan) -> Plan:
    """The caller's object reflects what was saved (the view re-reads it anyway)."""
    destino.publicado, destino.en_vigor = origen.publicado, origen.en_vigor
    return destino


@transaction.atomic
def publicar_plan(*, plan: Plan, usuario: Usuario) -> Plan:
    """Make the draft `plan` public (portal, open data, reports)."""
    fila = _bloqueado(plan, usuario)
    anterior = fila.estado
    fila.exigir("publicar")
    fila.publicado = True
    _guardar(fila, usuario)
    cambios.registrar("plan.publicado", usuario=usuario, objeto=fila, anterior=anterior)
    return _copiar_a(plan, fila)


@transaction.atomic
def retirar_plan(*, plan: Plan, usuario: Usuario) -> Plan:
    """Take `plan` back to a draft; if it was the plan in force, it no longer is."""
    fila = _bloqueado(plan, usuario)
    anterior = fila.estado
    fila.exigir("retirar")
    fila.publicado = False
    fila.en_vigor = False
    _guardar(fila, usuario)
    cambios.registrar("plan.retirado", usuario=usuario, objeto=fila, anterior=anterior)
    return _copiar_a(plan, fila)


@transaction.atomic
def marcar_en_vigor(*, plan: Plan, usuario: Usuario) -> Plan:
    """Make the published `plan` the one its entity's home shows, in place of any other."""
    fila = _bloqueado(plan, usuario)
    anterior = fila.estado
    fila.exigir("marcar_en_vigor")
    # Cleared first (one row at most, by the constraint), each with its history row,
    # so the «one in force per entity» constraint holds at every statement.
    for otro in Plan.objects.select_for_update().filter(entidad_id=fila.entidad_id, en_vigor=True):
        otro.en_vigor = False
        _guardar(otro, usuario)
        cambios.registrar("plan.fuera_de_vigor", usuario=usuario, objeto=otro, en_vigor=fila.pk)
    fila.en_vigor = True
    _guardar(fila, usuario)
    cambios.registrar("plan.en_vigor", usuario=usuario, objeto=fila, anterior=anterior)
    return _copiar_a(plan, fila)
