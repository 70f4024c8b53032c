"""Template helpers of dialogos: the staff sub-navigation, by permission."""

from django import template

from dialogos import permisos
from dialogos.permisos import Accion
from plan.permisos import ACTIVIDADES
from plan.permisos import Accion as AccionPlan

register = template.Library()


@register.inclusion_tag("dialogos/gestion/_subnav.html", takes_context=True)
def subnav_gestion(context, seccion: str):
    usuario = context["request"].user
    return {
        "seccion": seccion,
        "ve_informes": permisos.ESPACIOS.puede(usuario, Accion.VER),
        "cambia_metas": ACTIVIDADES.puede(usuario, AccionPlan.CAMBIAR_FUENTE_AVANCE),
    }
