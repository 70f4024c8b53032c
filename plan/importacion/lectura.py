"""Step 1 of the plan import: the bytes of an XLSX or CSV → a `Libro` of `Celda`.

Nothing here knows what a plan is: every sheet and every row is read as the
spreadsheet shows it, so the next step (`encabezados`) can look for the table
wherever the entity put it. What Excel hides from a naive reader is made explicit:

- merged cells: every cell of a merged range gets the top-left value, marked
  `continuada=True` (except the top-left), because entities merge the
  «Subcomponente» cell over its activities;
- percent formats: `es_porcentaje=True` when the number format has «%», because
  Excel shows «100 %» but stores 1;
- dates: a `datetime.date` (a datetime at midnight is a date: Excel has no date type).

A CSV is read as Spanish Excel writes it: `;` or `,` (sniffed), UTF-8 with or without
BOM, else Windows-1252. The work is bounded (`MAXIMO_FILAS`, `MAXIMO_COLUMNAS`,
`MAXIMO_DESCOMPRIMIDO`) and every refusal is an `ErrorDeLectura` in Spanish.
"""

import csv
import datetime
import io
import statistics
import warnings
import zipfile
from decimal import Decimal
from pathlib import PurePath, PureWindowsPath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from plan.importacion.tipos import Celda, ErrorDeLectura, Hoja, Libro

# Bounds of the work done on one upload: a plan has tens or hundreds of activities;
# a sheet beyond these is not a plan (or a whole column formatted down to row 1 048 576,
# which is why only cells with a value count).
MAXIMO_FILAS = 20_000
MAXIMO_COLUMNAS = 60
# An XLSX is a zip: its XML, not its size on disk, is what openpyxl holds in memory.
MAXIMO_DESCOMPRIMIDO = 200 * 1024 * 1024

EXTENSIONES_XLSX = (".xlsx",)
EXTENSIONES_CSV = (".csv",)

# The first bytes of a zip (every XLSX) and of an OLE2 compound file: an old .xls, or
# an XLSX encrypted with a password (Excel wraps those in OLE2 too).
_FIRMA_ZIP = b"PK\x03\x04"
_FIRMA_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The messages, one per refusal (the tests assert them as they are written here).
ARCHIVO_VACIO = "El archivo «{nombre}» está vacío: no hay nada que importar."
EXTENSION_DESCONOCIDA = (
    "Suba un archivo .xlsx o .csv: «{nombre}» no es una hoja de cálculo que podamos leer."
)
XLS_ANTIGUO = (
    "«{nombre}» está en el formato antiguo de Excel (.xls). Ábralo en Excel, "
    "guárdelo como «Libro de Excel (.xlsx)» o como CSV y súbalo de nuevo."
)
XLSX_PROTEGIDO = (
    "No pudimos abrir «{nombre}»: está protegido con contraseña (o es un .xls antiguo "
    "con otro nombre). Quite la contraseña en Excel, guárdelo como .xlsx y súbalo de nuevo."
)
XLSX_DANADO = (
    "No pudimos abrir «{nombre}»: el archivo está dañado o no es un libro de Excel (.xlsx). "
    "Ábralo en Excel, guárdelo de nuevo como .xlsx y súbalo otra vez."
)
XLSX_DEMASIADO_GRANDE = (
    "«{nombre}» es demasiado grande para ser un plan: descomprimido pasa de "
    f"{MAXIMO_DESCOMPRIMIDO // (1024 * 1024)} MB. Deje en el libro solo las hojas del plan."
)
CSV_NO_ES_TEXTO = (
    "No pudimos leer «{nombre}» como CSV: no es un archivo de texto. Guárdelo desde Excel "
    "como «CSV (delimitado por comas)» o súbalo como .xlsx."
)
CSV_ILEGIBLE = (
    "No pudimos leer «{nombre}» como CSV ({detalle}). Guárdelo desde Excel como "
    "«CSV (delimitado por comas)» o súbalo como .xlsx."
)
DEMASIADAS_FILAS = (
    "La hoja «{hoja}» tiene más de {maximo} filas con datos: un plan no es tan largo. "
    "Deje en el archivo solo la tabla del plan."
)
DEMASIADAS_COLUMNAS = (
    "La hoja «{hoja}» tiene datos en más de {maximo} columnas: un plan no es tan ancho. "
    "Deje en el archivo solo la tabla del plan."
)


def _miles(numero: int) -> str:
    """20000 → «20.000», as es-CO writes it."""
    return f"{numero:,}".replace(",", ".")


def leer_archivo(contenido: bytes, *, nombre_archivo: str) -> Libro:
    """Every sheet and row of the XLSX or CSV `contenido`; `ErrorDeLectura` if it is not one."""
    nombre = PureWindowsPath(nombre_archivo).name  # «C:\fakepath\plan.xlsx» or «a/plan.csv»
    extension = PurePath(nombre).suffix.casefold()
    if extension not in (*EXTENSIONES_XLSX, *EXTENSIONES_CSV, ".xls"):
        raise ErrorDeLectura(EXTENSION_DESCONOCIDA.format(nombre=nombre))
    if not contenido.strip():
        raise ErrorDeLectura(ARCHIVO_VACIO.format(nombre=nombre))
    # The content decides, not the name: an XLSX saved as «plan.csv» is still read.
    if contenido.startswith(_FIRMA_ZIP):
        return Libro(nombre_archivo=nombre, hojas=_hojas_xlsx(contenido, nombre=nombre))
    if contenido.startswith(_FIRMA_OLE2):
        plantilla = XLS_ANTIGUO if extension == ".xls" else XLSX_PROTEGIDO
        raise ErrorDeLectura(plantilla.format(nombre=nombre))
    if extension == ".xls":
        # Many systems export an HTML or text table named .xls: Excel opens it, we do not.
        raise ErrorDeLectura(XLS_ANTIGUO.format(nombre=nombre))
    if extension in EXTENSIONES_XLSX:
        raise ErrorDeLectura(XLSX_DANADO.format(nombre=nombre))
    return Libro(nombre_archivo=nombre, hojas=[_hoja_csv(contenido, nombre=nombre)])


# --- XLSX ------------------------------------------------------------------------------


def _hojas_xlsx(contenido: bytes, *, nombre: str) -> list[Hoja]:
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
            descomprimido = sum(info.file_size for info in archivo.infolist())
    except Exception as error:  # BadZipFile, struct.error, a name not in UTF-8…
        raise ErrorDeLectura(XLSX_DANADO.format(nombre=nombre)) from error
    if descomprimido > MAXIMO_DESCOMPRIMIDO:
        raise ErrorDeLectura(XLSX_DEMASIADO_GRANDE.format(nombre=nombre))
    try:
        # Not read_only: that mode does not load the merged ranges. data_only: the value
        # Excel last computed, not the formula's text.
        with warnings.catch_warnings():
            # «Data Validation extension is not supported», «no default style»…: what
            # openpyxl skips in the entity's file does not matter for reading its values.
            warnings.simplefilter("ignore")
            libro = load_workbook(io.BytesIO(contenido), data_only=True)
    except Exception as error:
        # openpyxl raises whatever its XML parser or zip reader raised (KeyError,
        # TypeError, lxml errors…) on a damaged file: all of them mean the same to the user.
        raise ErrorDeLectura(XLSX_DANADO.format(nombre=nombre)) from error
    try:
        return [_hoja_xlsx(hoja) for hoja in libro.worksheets]
    finally:
        libro.close()


def _valor_xlsx(valor: object) -> object:
    if isinstance(valor, datetime.datetime):
        return valor.date() if valor.time() == datetime.time() else valor
    if isinstance(valor, str) and not valor.strip():
        return None
    return valor


def _es_numero(valor: object) -> bool:
    return isinstance(valor, int | float | Decimal) and not isinstance(valor, bool)


def _hoja_xlsx(hoja: Any) -> Hoja:  # an openpyxl Worksheet (untyped)
    nombre: str = hoja.title
    # The cells the file holds (`_cells`), not `max_row`/`max_column`: a format applied
    # to a whole column stretches those to the sheet's end, and `iter_rows` over them
    # would create a million empty cells.
    celdas = {
        posicion: celda
        for posicion, celda in hoja._cells.items()
        if _valor_xlsx(celda.value) is not None
    }
    combinadas = [
        rango for rango in hoja.merged_cells.ranges if (rango.min_row, rango.min_col) in celdas
    ]
    ultima_fila = max(
        [fila for fila, _ in celdas] + [rango.max_row for rango in combinadas], default=0
    )
    ultima_columna = max(
        [columna for _, columna in celdas] + [rango.max_col for rango in combinadas], default=0
    )
    if ultima_fila > MAXIMO_FILAS:
        raise ErrorDeLectura(DEMASIADAS_FILAS.format(hoja=nombre, maximo=_miles(MAXIMO_FILAS)))
    if ultima_columna > MAXIMO_COLUMNAS:
        raise ErrorDeLectura(DEMASIADAS_COLUMNAS.format(hoja=nombre, maximo=MAXIMO_COLUMNAS))

    letras = [get_column_letter(numero) for numero in range(1, ultima_columna + 1)]

    def celda(fila: int, columna: int, origen: Any, *, continuada: bool = False) -> Celda:
        valor = _valor_xlsx(origen.value)
        formato = str(origen.number_format or "")
        return Celda(
            valor=valor,
            fila=fila,
            columna=letras[columna - 1],
            es_porcentaje=_es_numero(valor) and "%" in formato,
            continuada=continuada,
        )

    filas = [
        [
            celda(fila, columna, celdas[(fila, columna)])
            if (fila, columna) in celdas
            else Celda(valor=None, fila=fila, columna=letras[columna - 1])
            for columna in range(1, ultima_columna + 1)
        ]
        for fila in range(1, ultima_fila + 1)
    ]
    for rango in combinadas:
        origen = celdas[(rango.min_row, rango.min_col)]
        for fila in range(rango.min_row, rango.max_row + 1):
            for columna in range(rango.min_col, rango.max_col + 1):
                if (fila, columna) != (rango.min_row, rango.min_col):
                    filas[fila - 1][columna - 1] = celda(fila, columna, origen, continuada=True)
    return Hoja(nombre=nombre, filas=filas)


# --- CSV -------------------------------------------------------------------------------

DELIMITADORES = (";", ",", "\t")
# Rows looked at to choose the delimiter: titles and the header are in the first ones.
_FILAS_PARA_ADIVINAR = 50


def _texto_csv(contenido: bytes, *, nombre: str) -> str:
    if b"\x00" in contenido and not contenido.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ErrorDeLectura(CSV_NO_ES_TEXTO.format(nombre=nombre))
    # Excel's «Texto Unicode» is UTF-16 with BOM; «CSV UTF-8» has a UTF-8 BOM; the plain
    # «CSV» of a Spanish Windows is Windows-1252 (not Latin-1: it has «–», «“» and «”»).
    for codificacion in ("utf-16", "utf-8-sig", "cp1252"):
        if codificacion == "utf-16" and not contenido.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return contenido.decode(codificacion)
        except UnicodeDecodeError:
            continue
    raise ErrorDeLectura(CSV_NO_ES_TEXTO.format(nombre=nombre))


def _registros(texto: str, delimitador: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(texto, newline=""), delimiter=delimitador))


def _delimitador(texto: str) -> str:
    """The delimiter that splits the first rows into the most columns, by the median.

    The median, not the total: Spanish Excel does not quote a text with commas in a
    `;` file, so «Secretaría de Gobierno, Oficina Jurídica» splits a few rows on «,»;
    most rows split into the table's columns only on the right delimiter."""
    muestra = "\n".join(texto.splitlines()[:_FILAS_PARA_ADIVINAR])

    def columnas(delimitador: str) -> float:
        try:
            registros = _registros(muestra, delimitador)
        except csv.Error:
            return 0
        cuentas = [len(registro) for registro in registros if any(c.strip() for c in registro)]
        return statistics.median(cuentas) if cuentas else 0

    # max keeps the first of a tie: «;», Spanish Excel's own.
    return max(DELIMITADORES, key=columnas)


def _hoja_csv(contenido: bytes, *, nombre: str) -> Hoja:
    texto = _texto_csv(contenido, nombre=nombre)
    hoja = PurePath(nombre).stem
    if texto[:4].casefold() == "sep=" and len(texto) > 4:
        # Excel's own hint, «sep=;» on the first line: it says the delimiter and Excel
        # does not show it as a row, so the rows are numbered without it.
        delimitador, texto = texto[4], texto.partition("\n")[2]
    else:
        delimitador = _delimitador(texto)
    try:
        registros = _registros(texto, delimitador)
    except csv.Error as error:
        raise ErrorDeLectura(CSV_ILEGIBLE.format(nombre=nombre, detalle=error)) from error
    if len(registros) > MAXIMO_FILAS:
        raise ErrorDeLectura(DEMASIADAS_FILAS.format(hoja=hoja, maximo=_miles(MAXIMO_FILAS)))
    # Trailing empty fields do not count: Excel pads every row to the widest one.
    valores = [
        # A line break inside a quoted cell is «\r\n» in a Windows file: one «\n», as in XLSX.
        [v.replace("\r\n", "\n") if v.strip() else None for v in registro]
        for registro in registros
    ]
    ancho = max(
        (max((i + 1 for i, v in enumerate(fila) if v is not None), default=0) for fila in valores),
        default=0,
    )
    if ancho > MAXIMO_COLUMNAS:
        raise ErrorDeLectura(DEMASIADAS_COLUMNAS.format(hoja=hoja, maximo=MAXIMO_COLUMNAS))
    letras = [get_column_letter(numero) for numero in range(1, ancho + 1)]
    filas = [
        [
            Celda(valor=fila[i] if i < len(fila) else None, fila=numero, columna=letras[i])
            for i in range(ancho)
        ]
        for numero, fila in enumerate(valores, start=1)
    ]
    return Hoja(nombre=hoja, filas=filas)
