"""The page numbers a paginated list links to (templates/_paginacion.html)."""

from collections.abc import Iterator

from django import template
from django.core.paginator import Page

register = template.Library()


@register.filter
def paginas_cercanas(pagina: Page) -> Iterator[str | int]:
    """The first and last pages, two on each side of the current one and «…» between:
    a bounded number of links, however many pages there are."""
    return pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2, on_ends=1)
