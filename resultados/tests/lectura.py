"""Reading the downloaded reports back: PDF text (pypdf) and XLSX cells (openpyxl)."""

import io

import openpyxl
import pypdf


def texto_pdf(contenido: bytes) -> str:
    """The PDF's text with its whitespace collapsed (table cells wrap and split)."""
    lector = pypdf.PdfReader(io.BytesIO(contenido))
    return " ".join(" ".join((pagina.extract_text() or "").split()) for pagina in lector.pages)


def hojas_xlsx(contenido: bytes) -> dict[str, list[tuple]]:
    libro = openpyxl.load_workbook(io.BytesIO(contenido))
    return {hoja.title: list(hoja.iter_rows(values_only=True)) for hoja in libro.worksheets}


def dato(filas: list[tuple], nombre: str) -> object:
    """The value of the «Dato / Valor» row named `nombre`."""
    return next(fila[1] for fila in filas if fila[0] == nombre)


def todo_el_texto(contenido: bytes) -> str:
    return "\n".join(
        str(valor)
        for filas in hojas_xlsx(contenido).values()
        for fila in filas
        for valor in fila
        if valor is not None
    )
