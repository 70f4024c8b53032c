"""Rendering of downloadable documents, shared by every app: PDF and XLSX.

A report is built once as data (a selector), then rendered by the functions
here, so the PDF and the spreadsheet of a report cannot disagree:

- ``pdf_desde_html(html, *, base_url)``: HTML (a rendered template) → PDF
  bytes with WeasyPrint. Nothing is fetched while rendering (only ``data:``
  URIs are loaded), so templates inline their CSS and draw charts as inline
  SVG (see ``grafico_barras``); ``base_url`` only makes relative links
  absolute.
- ``pdf_por_secciones(...)`` / ``contenido_por_secciones(...)``: a very large
  document in sections, each rendered by WeasyPrint on its own and joined with
  pypdf, so the memory of one process is bounded by a section, not by the
  document (see ``pdf_por_secciones`` for how pages and «Página X de Y» stay
  as in one pass).
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

import gc
import io
import logging
import os
import tempfile
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


def _html(html: str, *, base_url: str) -> Any:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher)


def pdf_desde_html(html: str, *, base_url: str) -> bytes:
    """Render an HTML document to PDF bytes with WeasyPrint.

    Only ``data:`` URIs are loaded: no file or network access while
    rendering, whatever the HTML contains.
    """
    return _html(html, base_url=base_url).write_pdf()


# A sectioned document marks each of its rows (a table row, in document order) with
# this attribute and the row's index: how a section finds the rows of its last page.
ATRIBUTO_RENGLON = "data-renglon"


@dataclass(frozen=True)
class Seccion:
    """Rows [desde, hasta) of a sectioned document; the first section holds the cover,
    the last one what follows the rows (totals)."""

    desde: int
    hasta: int
    primera: bool
    ultima: bool


@dataclass(frozen=True)
class Numeracion:
    """Where «Página X de Y» goes: the document's @page size and margins, and the margin
    box and font of the number (the same as the template's own @page rule)."""

    tamano: str = "letter landscape"
    margen: str = "1.6cm 1.2cm 1.6cm 1.2cm"
    caja: str = "bottom-right"
    estilo: str = 'font: 7.5pt "DejaVu Sans", sans-serif; color: #4a5259;'
    texto: str = "Página {pagina} de {paginas}"


# Pages numbered per overlay document (an empty page costs WeasyPrint about 5 ms).
_NUMEROS_POR_CAPA = 400


def _renglones_de(pagina: Any) -> set[int]:
    """The indices of the rows with a box on a WeasyPrint page (internal API: the page's
    box tree, stable since WeasyPrint 53)."""
    indices = set()
    for caja in pagina._page_box.descendants():
        elemento = getattr(caja, "element", None)
        if elemento is not None and elemento.get(ATRIBUTO_RENGLON) is not None:
            indices.add(int(elemento.get(ATRIBUTO_RENGLON)))
    return indices


def _capa_de_numeros(desde: int, hasta: int, paginas: int, numeracion: Numeracion) -> bytes:
    """Pages desde…hasta (1-based, inclusive) of an overlay that has only the numbers."""
    from django.utils.html import escape

    cuerpos = "".join(
        f'<div data-n="{escape(numeracion.texto.format(pagina=n, paginas=paginas))}"></div>'
        for n in range(desde, hasta + 1)
    )
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        f"@page {{ size: {numeracion.tamano}; margin: {numeracion.margen};"
        f" @{numeracion.caja} {{ content: string(numero); {numeracion.estilo} }} }}"
        "div { string-set: numero attr(data-n); break-after: page; }"
        "div:last-child { break-after: auto; }"
        f"</style></head><body>{cuerpos}</body></html>"
    )
    return pdf_desde_html(html, base_url="about:blank")


def _estampar(escritor: Any, pagina: Any, capa: Any) -> None:
    """Draw the page `capa` over `pagina` as a form XObject.

    pypdf's merge_page parses the whole content stream of the page it merges into
    (a report page holds thousands of operators): it doubled the join's time. Here
    the page's own streams are kept as they are, wrapped in q … Q, and one more
    stream draws the number."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    def flujo(datos: bytes, **claves: Any) -> Any:
        objeto = DecodedStreamObject()
        objeto.set_data(datos)
        objeto.update({NameObject(k): v for k, v in claves.items()})
        return escritor._add_object(objeto)

    forma = flujo(
        capa.get_contents().get_data(),
        **{
            "/Type": NameObject("/XObject"),
            "/Subtype": NameObject("/Form"),
            "/BBox": capa.mediabox,
            "/Resources": capa["/Resources"].get_object().clone(escritor),
        },
    )
    # Pages may share their resources: each page gets its own copy to name its number.
    recursos = DictionaryObject(pagina["/Resources"].get_object())
    formas = DictionaryObject(recursos.get("/XObject", DictionaryObject()).get_object())
    formas[NameObject("/NumeroDePagina")] = forma
    recursos[NameObject("/XObject")] = formas
    pagina[NameObject("/Resources")] = recursos
    contenidos = pagina["/Contents"]
    propios = (
        list(contenidos.get_object()) if isinstance(contenidos.get_object(), list) else [contenidos]
    )
    pagina[NameObject("/Contents")] = ArrayObject(
        [flujo(b"q\n"), *propios, flujo(b"\nQ q /NumeroDePagina Do Q\n")]
    )


def pdf_por_secciones(
    *,
    renglones: int,
    por_seccion: int,
    html_de: "Callable[[Seccion], str]",
    base_url: str,
    numeracion: Numeracion,
) -> bytes:
    """A document of `renglones` rows rendered `por_seccion` rows at a time.

    WeasyPrint keeps the whole layout of a document in memory (about 0.5 MB per
    follow-up row): one section at a time, with ``gc.collect()`` between them, bounds
    the memory of the process by a section, whatever the document's size. Each
    section's PDF waits in a temporary file; pypdf joins them.

    The pages are those of a single pass:
    - `html_de(seccion)` is the document's HTML with rows [desde, hasta) only, each
      row marked ``data-renglon="<index>"``; the cover only in the first section, what
      follows the rows only in the last, and no page numbers (see below).
    - A section does not end on a half-empty page: the rows that start on its last
      page are dropped with that page and open the next section, which lays them out
      again from the top of a page, as one pass would after a page break. So every
      section but the last ends where a page of the single pass ends, and only a
      page's worth of rows per section is laid out twice. (A section whose rows fit
      on one page is laid out again with `por_seccion` more rows.) In the tests the
      follow-up of 150 activities has exactly the pages of one pass; WeasyPrint may
      still break a page one row earlier in the last section (what follows the rows
      weighs on its breaks), never more than that page.
    - «Página X de Y» needs the total, known only once every section is laid out;
      so the sections are rendered without numbers and, once the total is known,
      each page is stamped with its number: a WeasyPrint overlay of empty pages with
      the same @page size, margins, box and font (`numeracion`), merged with pypdf.
      Rendering every section twice to count its pages would double the time; the
      overlay costs about 5 ms a page.
    """
    from pypdf import PdfReader, PdfWriter

    if por_seccion < 1:
        raise ValueError("Una sección necesita al menos un renglón.")
    with tempfile.TemporaryDirectory(prefix="pdf-secciones-") as carpeta:
        partes: list[str] = []
        desde, tamano = 0, por_seccion
        while True:
            hasta = min(desde + tamano, renglones)
            ultima = hasta >= renglones
            seccion = Seccion(desde=desde, hasta=hasta, primera=desde == 0, ultima=ultima)
            documento = _html(html_de(seccion), base_url=base_url).render()
            paginas = documento.pages
            if not ultima:
                nuevos = _renglones_de(paginas[-1])
                if len(paginas) > 1:
                    nuevos -= _renglones_de(paginas[-2])
                if not nuevos or min(nuevos) <= desde:
                    # Its rows fit on one page, or one row fills its last page: with
                    # more rows the section ends on a page the single pass ends too.
                    del documento, paginas
                    tamano += por_seccion
                    continue
                hasta = min(nuevos)  # the rows of its last page open the next section
                paginas = paginas[:-1]
            ruta = os.path.join(carpeta, f"{len(partes):05d}.pdf")
            documento.copy(paginas).write_pdf(ruta)
            partes.append(ruta)
            del documento, paginas
            gc.collect()
            if ultima:
                break
            desde, tamano = hasta, por_seccion

        escritor = PdfWriter()
        for ruta in partes:
            escritor.append(ruta)
        total = len(escritor.pages)
        for inicio in range(1, total + 1, _NUMEROS_POR_CAPA):
            fin = min(inicio + _NUMEROS_POR_CAPA - 1, total)
            capa = PdfReader(io.BytesIO(_capa_de_numeros(inicio, fin, total, numeracion)))
            for desplazamiento, numero in enumerate(capa.pages):
                _estampar(escritor, escritor.pages[inicio - 1 + desplazamiento], numero)
            gc.collect()
        primera = PdfReader(partes[0])
        if primera.metadata:
            escritor.add_metadata(dict(primera.metadata))
        salida = io.BytesIO()
        escritor.write(salida)
        return salida.getvalue()


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


def contenido_por_secciones(
    *,
    plantilla: str,
    contexto: dict,
    renglones: Sequence[object],
    por_seccion: int,
    base_url: str,
    numeracion: Numeracion,
) -> bytes:
    """`pdf_por_secciones` of a template: each section renders `plantilla` with
    `contexto` plus ``seccion_pdf`` (a Seccion) and ``renglones`` (its slice of the rows)."""
    contexto = {"institucion": entidad.entidad_actual(), **contexto}

    def html_de(seccion: Seccion) -> str:
        return render_to_string(
            plantilla,
            {
                **contexto,
                "seccion_pdf": seccion,
                "renglones": renglones[seccion.desde : seccion.hasta],
            },
        )

    return pdf_por_secciones(
        renglones=len(renglones),
        por_seccion=por_seccion,
        html_de=html_de,
        base_url=base_url,
        numeracion=numeracion,
    )
