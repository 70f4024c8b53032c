"""Charts drawn on the server as inline SVG: no JavaScript, no external file.

Shared by the web pages (dashboards, portal) and the PDF reports (through
``nucleo.documentos.grafico_barras``). Every chart:

- is ``<svg role="img" aria-labelledby="…">`` with a ``<title>`` and a
  ``<desc>`` (or ``aria-label`` when the caller gives no id, as in PDFs);
- escapes every label (labels come from data: office names, options…);
- draws text with ``font-size`` given at the viewBox scale. The web charts
  use a viewBox 360 wide, drawn at most 1:1 (graficos.css), so at a phone's
  width the labels stay ≥ 12 px (``LETRA_WEB`` is 16: the page's margins draw it at about 0.85:1);
- paints in colours with at least 3:1 contrast against white (WCAG 1.4.11);
- goes with a table of the same figures: the chart is never the only way
  to read them (plan/templates/plan/_grafico.html).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

ANCHO_WEB = 360
LETRA_WEB = 16
TINTA = "#1b1f23"
PRIMARIO = "#00543c"  # verde institucional, 9.6:1 on white
PISTA = "#e3f1ec"  # the empty part of a bar: decoration, the figure is written beside it
EJE = "#5b636a"

Numero = Decimal | float | int


@dataclass(frozen=True)
class Dato:
    """One bar or column: its label, its value and (optionally) its colour."""

    etiqueta: str
    valor: Numero
    color: str = PRIMARIO


def cifra(valor: Numero, unidad: str = " %") -> str:
    """«45,3 %» (the locale's decimal comma)."""
    return f"{formats.localize(valor)}{unidad}"


def _como_datos(datos: Sequence[Dato | tuple[str, Numero]]) -> list[Dato]:
    return [d if isinstance(d, Dato) else Dato(etiqueta=d[0], valor=d[1]) for d in datos]


def _fraccion(valor: Numero, maximo: float) -> float:
    return max(0.0, min(float(valor) / maximo, 1.0)) if maximo else 0.0


def _svg(
    *, ancho: int, alto: int, titulo: str, descripcion: str, id: str, cuerpo: str
) -> SafeString:
    letra = format_html('font-family="DejaVu Sans, Verdana, sans-serif" fill="{}"', TINTA)
    if not id:  # PDFs: no page-wide ids to keep unique
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="grafico" role="img" width="{ancho}" '
            'height="{alto}" viewBox="0 0 {ancho} {alto}" aria-label="{titulo}" {letra}>'
            "<title>{titulo}</title>{cuerpo}</svg>",
            ancho=ancho,
            alto=alto,
            titulo=titulo,
            letra=letra,
            cuerpo=mark_safe(cuerpo),  # built by format_html
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafico" role="img" '
        'viewBox="0 0 {ancho} {alto}" width="{ancho}" height="{alto}" '
        'aria-labelledby="{id}-titulo {id}-desc" {letra}>'
        '<title id="{id}-titulo">{titulo}</title><desc id="{id}-desc">{descripcion}</desc>'
        "{cuerpo}</svg>",
        ancho=ancho,
        alto=alto,
        id=id,
        titulo=titulo,
        descripcion=descripcion,
        letra=letra,
        cuerpo=mark_safe(cuerpo),  # built by format_html
    )


def barras(
    datos: Sequence[Dato | tuple[str, Numero]],
    *,
    titulo: str,
    descripcion: str = "",
    id: str = "",
    maximo: Numero = 100,
    unidad: str = " %",
    ancho: int = ANCHO_WEB,
    letra: int = LETRA_WEB,
    ancho_etiqueta: int = 0,
    ancho_cifra: int = 76,
) -> SafeString:
    """Horizontal bars, one per datum, scaled to ``maximo``, each with its figure.

    With ``ancho_etiqueta`` the labels form a column on the left (PDF pages are
    wide); without it each label goes on its own line above its bar, so long
    names (offices) fit a phone.
    """
    filas = _como_datos(datos)
    alto_barra, separacion = letra + 4, 8
    encima = 0 if ancho_etiqueta else letra + 4
    paso = encima + alto_barra + separacion
    ancho_barras = ancho - ancho_etiqueta - ancho_cifra
    maximo_f = float(maximo)
    partes = []
    for indice, dato in enumerate(filas):
        y = separacion + indice * paso + encima
        base = y + alto_barra - 5
        partes.append(
            format_html(
                '<text x="0" y="{y_etiqueta}" font-size="{letra}">{etiqueta}</text>'
                '<rect x="{x}" y="{y}" width="{ancho}" height="{alto}" fill="{pista}" />'
                '<rect x="{x}" y="{y}" width="{largo}" height="{alto}" fill="{color}" />'
                '<text x="{x_cifra}" y="{base}" font-size="{letra}">{cifra}</text>',
                y_etiqueta=base if ancho_etiqueta else y - 5,
                letra=letra,
                etiqueta=dato.etiqueta,
                x=ancho_etiqueta,
                y=y,
                ancho=ancho_barras,
                alto=alto_barra,
                pista=PISTA,
                largo=f"{_fraccion(dato.valor, maximo_f) * ancho_barras:.1f}",
                color=dato.color,
                x_cifra=ancho_etiqueta + ancho_barras + 6,
                base=base,
                cifra=cifra(dato.valor, unidad),
            )
        )
    return _svg(
        ancho=ancho,
        alto=len(filas) * paso + separacion,
        titulo=titulo,
        descripcion=descripcion,
        id=id,
        cuerpo="".join(partes),
    )


def columnas(
    datos: Sequence[Dato | tuple[str, Numero]],
    *,
    titulo: str,
    descripcion: str = "",
    id: str = "",
    maximo: Numero = 100,
    unidad: str = " %",
    ancho: int = ANCHO_WEB,
    letra: int = LETRA_WEB,
) -> SafeString:
    """Vertical columns left to right (e.g. the cortes in order), each with its figure
    above and its (short) label below, on a baseline."""
    filas = _como_datos(datos)
    alto_area, arriba, abajo = 140, letra + 8, letra + 10
    base = arriba + alto_area
    hueco = ancho / max(len(filas), 1)
    ancho_columna = min(56.0, hueco * 0.6)
    maximo_f = float(maximo)
    partes = [
        format_html(
            '<line x1="0" y1="{y}" x2="{ancho}" y2="{y}" stroke="{eje}" stroke-width="1" />',
            y=base,
            ancho=ancho,
            eje=EJE,
        )
    ]
    for indice, dato in enumerate(filas):
        centro = hueco * indice + hueco / 2
        alto = _fraccion(dato.valor, maximo_f) * alto_area
        partes.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{ancho}" height="{alto}" fill="{color}" />'
                '<text x="{centro}" y="{y_cifra}" font-size="{letra}" text-anchor="middle">{cifra}</text>'
                '<text x="{centro}" y="{y_etiqueta}" font-size="{letra}" text-anchor="middle">{etiqueta}</text>',
                x=f"{centro - ancho_columna / 2:.1f}",
                y=f"{base - alto:.1f}",
                ancho=f"{ancho_columna:.1f}",
                alto=f"{alto:.1f}",
                color=dato.color,
                centro=f"{centro:.1f}",
                y_cifra=f"{base - alto - 5:.1f}",
                letra=letra,
                cifra=cifra(dato.valor, unidad),
                y_etiqueta=base + letra + 4,
                etiqueta=dato.etiqueta,
            )
        )
    return _svg(
        ancho=ancho,
        alto=base + abajo,
        titulo=titulo,
        descripcion=descripcion,
        id=id,
        cuerpo="".join(partes),
    )


@dataclass(frozen=True)
class Grafico:
    """A chart ready for a page: its SVG plus the same figures as a table."""

    id: str
    titulo: str
    svg: SafeString
    encabezados: tuple[str, ...]
    filas: tuple[tuple[str, ...], ...]
