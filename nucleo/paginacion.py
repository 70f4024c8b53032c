"""One page of a list: every HTML list shows TAMANO_PAGINA rows (setting, 50 by default).

The page number comes from the query string («pagina»): a value that is not a number
(«abc», «²», 30 digits) is page 1 and one past the end the last page, never an error.
The links are templates/_paginacion.html.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from nucleo.parametros import entero


def tamano_pagina() -> int:
    """Rows per page of every HTML list (setting TAMANO_PAGINA, 50 by default)."""
    return int(getattr(settings, "TAMANO_PAGINA", 50))


def pagina(elementos: Sequence[Any] | QuerySet[Any], numero: object) -> Page[Any]:
    """The page `numero` (a query-string value) of `elementos` (a list, or a queryset:
    then a COUNT and the page's rows)."""
    return Paginator(elementos, tamano_pagina()).get_page(entero(numero, minimo=1) or 1)
