"""Template helpers of dialogos: the staff sub-navigation, by permission."""

from django import template

from dialogos import permisos
from dialogos.permisos import Accion

register = template.Library()


@register.inclusion_tag("dialogos/gestion/_subnav.html", takes_context=True)
def subnav_gestion(context, seccion: str):
    usuario = context["request"].user
    return {
        "seccion": seccion,
        "ve_informes": permisos.puede(usuario, Accion.VER),
        "cambia_metas": permisos.puede(usuario, Accion.CAMBIAR_FUENTE),
    }
