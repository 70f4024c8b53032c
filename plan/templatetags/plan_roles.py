"""{{ user|es_opgi }}: whether to show an OPGI-only link (base.html's «Planes»).

Reads nucleo.roles, which caches the role on the user object: a page whose view
already checked a permission gains no query.
"""

from django import template

from nucleo import roles

register = template.Library()


@register.filter
def es_opgi(usuario: roles.Usuario) -> bool:
    return roles.es_opgi(usuario)
