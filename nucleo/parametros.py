"""Numbers read from URLs and query strings: ASCII digits only, bounded.

`str.isdigit()` accepts «²» and «٣», which `int()` then refuses or reads; and an id of
30 digits overflows SQLite's 64-bit integers (a 500, not a 404). Every view reads
numbers through `entero`, and every URL's numeric part is an `<id:…>` (at most 18
digits), so a hostile value is a 404 or a form error, never a 500. A report's
format in a URL is a `<formato:…>`: ``pdf`` or ``xlsx``, nothing else reaches a view.
"""

import re

from django.urls import register_converter

# 18 digits always fit in a signed 64-bit integer (SQLite's and PostgreSQL's bigint).
_DIGITOS = re.compile(r"[0-9]{1,18}")


def entero(texto: object, *, minimo: int | None = None, maximo: int | None = None) -> int | None:
    """`texto` as an int if it is 1–18 ASCII digits within [minimo, maximo]; else None."""
    if not isinstance(texto, str) or not _DIGITOS.fullmatch(texto.strip()):
        return None
    valor = int(texto.strip())
    if (minimo is not None and valor < minimo) or (maximo is not None and valor > maximo):
        return None
    return valor


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def slug(texto: object) -> str | None:
    """`texto` if it is a plain ASCII slug (no NUL byte for PostgreSQL to refuse); else None."""
    if not isinstance(texto, str) or not _SLUG.fullmatch(texto):
        return None
    return texto


class Identificador:
    """Path converter `<id:pk>`: like `<int:…>` but never wider than a bigint."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(Identificador, "id")


class FormatoDocumento:
    """Path converter `<formato:formato>`: a report's format, ``pdf`` or ``xlsx`` (else 404)."""

    regex = "pdf|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(FormatoDocumento, "formato")
