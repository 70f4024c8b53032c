"""A tag for other apps' templates (the hearing's public page): the link to its published
report, without dialogos' Python code importing resultados."""

from django import template

from dialogos.models import EspacioDialogo

from .. import selectors

register = template.Library()


@register.simple_tag
def informe_publicado_de(espacio: EspacioDialogo) -> bool:
    """Whether `espacio` is a hearing whose report is public (a query only for a realised
    hearing: the other spaces' pages run none more)."""
    if not (selectors.es_audiencia(espacio) and espacio.esta_realizado):
        return False
    return selectors.informe_publico_de_audiencia(pk=espacio.pk) is not None
