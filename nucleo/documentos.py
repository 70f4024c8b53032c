"""Rendering of downloadable documents, shared by every app: PDF and XLSX.

A report is built once as data (a selector), then rendered by the functions
here, so the PDF and the spreadsheet of a report cannot disagree:

- ``pdf_desde_html(html, *, base_url)``: HTML (a rendered template) → PDF
  bytes with WeasyPrint. Nothing is fetched while rendering (only ``data:``
  URIs are loaded), so templates inline their CSS and draw charts as inline
  SVG (see ``grafico_barras``); ``base_url`` only makes relative links
  absolute.
- ``xlsx_desde_hojas(hojas)``: a declarative description → XLSX bytes with
  openpyxl. Each ``Hoja`` (sheet) has a title, ``Columna``s (header, width,
  kind) and rows of plain Python values; the kind gives the cell its type
  and format: ``TEXTO`` (wrapped text, never a formula: a text starting with
  «=», «+», «-», «@» is prefixed with «'», see nucleo.hojas), ``FECHA`` (a real
  date, dd/mm/yyyy), ``PORCENTAJE`` (give 45.3 for 45.3 %: stored as the
  number 0.453 formatted 0.0 %), ``NUMERO``. The header row is bold,
  frozen and filterable. A ``Celda(valor, tipo)`` in a row overrides the
  column's kind for that cell (for «dato / valor» sheets).
- ``descarga(request, formato=…, nombre=…, plantilla=…, contexto=…, hojas=…)``:
  the one download helper of every report: the same data as PDF (its template)
  or XLSX (its sheets), as an attachment named ``<nombre>.<formato>``. Report
  URLs take the format with the ``<formato:formato>`` path converter
  (nucleo.parametros: ``pdf`` or ``xlsx``, anything else is a 404).
- ``respuesta_pdf`` / ``respuesta_xlsx``: an attachment of bytes already made.
"""

import io
import logging
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX

from nucleo import entidad, graficos
from nucleo.hojas import texto_seguro

# WeasyPrint logs every layout step at INFO; reports would flood the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

TIPO_PDF = "application/pdf"
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- PDF ---------------------------------------------------------------------


def pdf_desde_html(html: str, *, base_url: str) -> bytes:
    """Render an HTML document to PDF bytes with WeasyPrint.

    Only ``data:`` URIs are loaded: no file or network access while
    rendering, whatever the HTML contains.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()


def grafico_barras(
    datos: Sequence[tuple[str, Decimal | float | int]],
    *,
    titulo: str,
    maximo: Decimal | float | int = 100,
    unidad: str = " %",
    ancho: int = 640,
) -> SafeString:
    """A horizontal bar chart for a PDF page (nucleo.graficos.barras, labels on the left).

    ``datos`` are (label, value) pairs; bars are scaled to ``maximo``. The
    labels are escaped; the result can go straight into a template.
    """
    return graficos.barras(
        datos,
        titulo=titulo,
        maximo=maximo,
        unidad=unidad,
        ancho=ancho,
        letra=11,
        ancho_etiqueta=230,
    )


# --- XLSX --------------------------------------------------------------------


class Tipo(StrEnum):
    TEXTO = "texto"
    FECHA = "fecha"
    PORCENTAJE = "porcentaje"
    NUMERO = "numero"


FORMATOS = {
    Tipo.TEXTO: "@",
    Tipo.FECHA: "dd/mm/yyyy",
    Tipo.PORCENTAJE: "0.0%",
    Tipo.NUMERO: "General",
}


@dataclass(frozen=True)
class Columna:
    titulo: str
    ancho: float = 15
    tipo: Tipo = Tipo.TEXTO
    formato: str | None = None  # overrides FORMATOS[tipo]


@dataclass(frozen=True)
class Celda:
    """A value with its own kind, overriding its column's."""

    valor: object
    tipo: Tipo


@dataclass(frozen=True)
class Hoja:
    titulo: str
    columnas: Sequence[Columna]
    filas: Iterable[Sequence[object]]
    totales: Sequence[Sequence[object]] = ()  # rows after the data, in bold
    congelar_encabezado: bool = True


def _titulo_de_hoja(titulo: str) -> str:
    """Excel sheet titles: at most 31 characters, none of []:*?/\\."""
    return INVALID_TITLE_REGEX.sub("-", titulo)[:31] or "Hoja"


def _valor(valor: Any, tipo: Tipo) -> Any:
    if valor is None or valor == "":
        return None
    if tipo == Tipo.PORCENTAJE:
        return Decimal(valor) / 100
    if tipo == Tipo.FECHA:
        if isinstance(valor, datetime):
            if timezone.is_aware(valor):
                valor = timezone.localtime(valor)
            return valor.replace(tzinfo=None)
        if not isinstance(valor, date):
            raise TypeError(f"Una celda de fecha necesita una fecha, no {valor!r}.")
        return valor
    if tipo == Tipo.NUMERO:
        return valor if isinstance(valor, int | float | Decimal) else Decimal(valor)
    # A string cell is never evaluated as typed, but it becomes a formula as soon as
    # someone edits it: neutralised like every other export (nucleo.hojas).
    return texto_seguro(ILLEGAL_CHARACTERS_RE.sub("", str(valor)))


def _escribir_fila(
    hoja: Any,
    numero: int,
    columnas: Sequence[Columna],
    valores: Sequence[object],
    estilos: dict,
    *,
    negrita: bool = False,
) -> None:
    for indice, (columna, valor) in enumerate(zip(columnas, valores, strict=True), start=1):
        tipo, formato = columna.tipo, columna.formato
        if isinstance(valor, Celda):
            tipo, valor, formato = valor.tipo, valor.valor, None
        celda = hoja.cell(row=numero, column=indice, value=_valor(valor, tipo))
        if tipo == Tipo.TEXTO and celda.value is not None:
            celda.data_type = "s"  # a text starting with «=» stays text, never a formula
        # Styling a cell through openpyxl's descriptors is slow (each one hashes the
        # style); the style of each kind of cell is built once and copied (the
        # idiom openpyxl documents for copying styles).
        clave = (tipo, formato, negrita)
        if clave not in estilos:
            celda.number_format = formato or FORMATOS[tipo]
            celda.alignment = Alignment(vertical="top", wrap_text=tipo == Tipo.TEXTO)
            celda.font = Font(bold=negrita)
            estilos[clave] = copy(celda._style)
        else:
            celda._style = copy(estilos[clave])


def xlsx_desde_hojas(hojas: Sequence[Hoja]) -> bytes:
    """Write the sheets to an XLSX workbook and return its bytes."""
    libro = Workbook()
    libro.remove(libro.active)
    estilos: dict = {}
    encabezado_fuente = Font(bold=True, color="FFFFFF")
    encabezado_relleno = PatternFill("solid", fgColor="00543C")
    for descripcion in hojas:
        hoja = libro.create_sheet(_titulo_de_hoja(descripcion.titulo))
        columnas = list(descripcion.columnas)
        for indice, columna in enumerate(columnas, start=1):
            celda = hoja.cell(row=1, column=indice, value=columna.titulo)
            celda.font = encabezado_fuente
            celda.fill = encabezado_relleno
            celda.alignment = Alignment(vertical="top", wrap_text=True)
            hoja.column_dimensions[get_column_letter(indice)].width = columna.ancho
        numero = 1
        for valores in descripcion.filas:
            numero += 1
            _escribir_fila(hoja, numero, columnas, valores, estilos)
        if numero > 1:
            hoja.auto_filter.ref = f"A1:{get_column_letter(len(columnas))}{numero}"
        for valores in descripcion.totales:
            numero += 1
            _escribir_fila(hoja, numero, columnas, valores, estilos, negrita=True)
        if descripcion.congelar_encabezado:
            hoja.freeze_panes = "A2"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def xlsx_en_flujo(descripcion: Hoja) -> bytes:
    """One sheet in openpyxl's write-only mode: each row is written out as it comes and
    never kept, so a sheet of any size fits in a little memory (open data). The same
    header, cells, kinds and formats as xlsx_desde_hojas; no totals."""
    from openpyxl.cell import WriteOnlyCell

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet(_titulo_de_hoja(descripcion.titulo))
    columnas = list(descripcion.columnas)
    for indice, columna in enumerate(columnas, start=1):
        hoja.column_dimensions[get_column_letter(indice)].width = columna.ancho
    if descripcion.congelar_encabezado:
        hoja.freeze_panes = "A2"
    encabezado = []
    for columna in columnas:
        celda = WriteOnlyCell(hoja, value=columna.titulo)
        celda.font = Font(bold=True, color="FFFFFF")
        celda.fill = PatternFill("solid", fgColor="00543C")
        celda.alignment = Alignment(vertical="top", wrap_text=True)
        encabezado.append(celda)
    hoja.append(encabezado)
    estilos: dict = {}
    numero = 1
    for valores in descripcion.filas:
        numero += 1
        fila = []
        for columna, valor in zip(columnas, valores, strict=True):
            tipo, formato = columna.tipo, columna.formato
            if isinstance(valor, Celda):
                tipo, valor, formato = valor.tipo, valor.valor, None
            celda = WriteOnlyCell(hoja, value=_valor(valor, tipo))
            if tipo == Tipo.TEXTO and celda.value is not None:
                celda.data_type = "s"  # a text starting with «=» stays text, never a formula
            clave = (tipo, formato)
            if clave not in estilos:  # built once per kind, then copied (see _escribir_fila)
                celda.number_format = formato or FORMATOS[tipo]
                celda.alignment = Alignment(vertical="top", wrap_text=tipo == Tipo.TEXTO)
                celda.font = Font(bold=False)
                estilos[clave] = copy(celda._style)
            else:
                celda._style = copy(estilos[clave])
            fila.append(celda)
        hoja.append(fila)
    if numero > 1:
        hoja.auto_filter.ref = f"A1:{get_column_letter(len(columnas))}{numero}"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


# --- HTTP --------------------------------------------------------------------


def _respuesta(contenido: bytes, nombre_archivo: str, tipo: str) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=nombre_archivo) or "attachment"
    )  # never None with as_attachment=True; the stubs do not know
    respuesta["Content-Length"] = str(len(contenido))
    return respuesta


def respuesta_pdf(contenido: bytes, nombre_archivo: str) -> HttpResponse:
    return _respuesta(contenido, nombre_archivo, TIPO_PDF)


def respuesta_xlsx(contenido: bytes, nombre_archivo: str) -> HttpResponse:
    return _respuesta(contenido, nombre_archivo, TIPO_XLSX)


class Formato(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"


def descarga(
    request: HttpRequest,
    *,
    formato: str,
    nombre: str,
    plantilla: str,
    contexto: dict,
    hojas: "Callable[[], Sequence[Hoja]]",
) -> HttpResponse:
    """A report as ``<nombre>.pdf`` (``plantilla`` rendered with ``contexto``) or
    ``<nombre>.xlsx`` (the sheets ``hojas()`` describes): one set of data, two formats.

    ``hojas`` is a callable so that a PDF download never builds the sheets, nor an
    XLSX download the HTML.
    """
    datos = contenido(
        formato=formato,
        plantilla=plantilla,
        contexto=contexto,
        hojas=hojas,
        base_url=request.build_absolute_uri("/"),
    )
    if formato == Formato.PDF:
        return respuesta_pdf(datos, f"{nombre}.pdf")
    return respuesta_xlsx(datos, f"{nombre}.xlsx")


def contenido(
    *,
    formato: str,
    plantilla: str,
    contexto: dict,
    hojas: "Callable[[], Sequence[Hoja]]",
    base_url: str,
) -> bytes:
    """The bytes of a report in `formato` (what `descarga` serves, and what a background
    task stores, nucleo/generados.py)."""
    if formato == Formato.PDF:
        # Rendered without a request (a background task has none), so the context
        # processor's {{ institucion }} is added here: the footer of every page names it.
        contexto = {"institucion": entidad.entidad_actual(), **contexto}
        return pdf_desde_html(render_to_string(plantilla, contexto), base_url=base_url)
    if formato == Formato.XLSX:
        return xlsx_desde_hojas(hojas())
    raise ValueError(f"Formato de documento desconocido: {formato!r}")
