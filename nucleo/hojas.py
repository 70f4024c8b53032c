"""One rule for every spreadsheet cell we write: text never becomes a formula.

OWASP's CSV-injection rule: a text cell that starts with «=», «+», «-», «@», a tab
or a carriage return may be run as a formula by Excel, LibreOffice or Google Sheets
(«=HYPERLINK(…)» typed by anyone into a public field would reach every download).
Such a text is prefixed with a single quote, which spreadsheets show as text.

Used by the open-data CSV and XLSX writers (nucleo.datos_abiertos), every XLSX report
(nucleo.documentos.xlsx_desde_hojas) and the admin's import-export downloads
(plan.resources). Only text is touched: numbers and dates are written as typed
cells by their writers, and a text that is just a number («-5», «+3,5») cannot run
anything, so it stays as it is. JSON is not a spreadsheet and is not touched.
"""

import re
from typing import TypeVar, overload

V = TypeVar("V")

INICIOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
PREFIJO = "'"
# A plain signed number (with «.» or «,» decimals): a value, never a formula.
_NUMERO = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


@overload
def texto_seguro(valor: str) -> str: ...
@overload
def texto_seguro(valor: V) -> V: ...
def texto_seguro(valor: object) -> object:
    """`valor` with a leading «'» if it is a text a spreadsheet would run; else unchanged."""
    if (
        isinstance(valor, str)
        and valor.startswith(INICIOS_PELIGROSOS)
        and not _NUMERO.fullmatch(valor)
    ):
        return PREFIJO + valor
    return valor


@overload
def sin_prefijo(valor: str) -> str: ...
@overload
def sin_prefijo(valor: V) -> V: ...
def sin_prefijo(valor: object) -> object:
    """Undo `texto_seguro` on a cell read back (imports): «'=x» → «=x»."""
    if (
        isinstance(valor, str)
        and valor.startswith(PREFIJO)
        and valor[1:2]
        and valor[1:].startswith(INICIOS_PELIGROSOS)
    ):
        return valor[1:]
    return valor
