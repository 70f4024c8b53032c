"""The values passed between the import's steps (see `plan.importacion`)."""

import datetime
import enum
from dataclasses import dataclass, field
from decimal import Decimal


class Campo(enum.StrEnum):
    """What a column of the entity's spreadsheet holds."""

    ENTIDAD = "entidad"
    VIGENCIA = "vigencia"
    COMPONENTE = "componente"
    SUBCOMPONENTE = "subcomponente"  # «1», «Subcomponente 1», «1. Información de calidad…»
    CODIGO = "codigo"
    ACTIVIDAD = "actividad"
    PRODUCTO = "producto"
    META = "meta"  # «Meta o producto», the meta as written
    META_CANTIDAD = "meta_cantidad"  # the app's own columns (template, plan export)
    META_UNIDAD = "meta_unidad"
    META_TIPO = "meta_tipo"
    RESPONSABLE = "responsable"
    FECHA = "fecha"  # «Fecha programada»: one cell with one or several windows
    FECHA_INICIO = "fecha_inicio"
    FECHA_FIN = "fecha_fin"


# Columns whose blank cell under a filled one continues the group (merged cells, or
# «Subcomponente» written only on its first row).
CAMPOS_DE_GRUPO = frozenset(
    {Campo.ENTIDAD, Campo.VIGENCIA, Campo.COMPONENTE, Campo.SUBCOMPONENTE, Campo.RESPONSABLE}
)


@dataclass(frozen=True)
class Celda:
    """One cell as the spreadsheet holds it: its value (str, int, float, Decimal,
    datetime.date/datetime or None), where it is, and what Excel's number format says."""

    valor: object
    fila: int  # 1-based, as the spreadsheet shows it
    columna: str  # «A», «B»… (CSV: the same letters)
    es_porcentaje: bool = False  # number format with «%»: 1 means 100 %
    continuada: bool = False  # blank in the file, filled from the group's first row

    @property
    def posicion(self) -> str:
        """«C7»: how the error messages name it."""
        return f"{self.columna}{self.fila}"


@dataclass
class Hoja:
    nombre: str
    filas: list[list[Celda]]  # every row of the sheet, blank cells as Celda(valor=None)


@dataclass
class Libro:
    nombre_archivo: str
    hojas: list[Hoja]


@dataclass
class Tabla:
    """The table found in a sheet: where its header is and what each column holds."""

    hoja: str
    fila_encabezado: int  # 1-based
    encabezados: list[str]  # the header row's texts, one per column
    mapeo: dict[int, Campo | None]  # column index (0-based) → field, None = ignored
    avisos: list[str] = field(default_factory=list)


@dataclass
class FilaLeida:
    """One data row of the table (blank rows skipped), its cells by field."""

    numero: int  # the spreadsheet's row number
    celdas: dict[Campo, Celda]


class ErrorDeLectura(Exception):
    """A file that cannot be read as a plan; the message is Spanish and names the place
    (sheet, row, column) — shown to the user as it is, never a traceback."""


@dataclass(frozen=True)
class MetaLeida:
    texto: str  # the meta as written (kept as meta_texto)
    cantidad: Decimal | None  # None: a qualitative meta (tracked by % of completion)
    unidad: str
    tipo: str  # Actividad.TipoMeta value: exacta, minimo, porcentaje, cualitativa
    avisos: tuple[str, ...] = ()  # inferred but worth a look («1.5» ambiguous…)
    error: str | None = None  # Spanish; the row cannot be imported as it is


@dataclass(frozen=True)
class VentanasLeidas:
    ventanas: tuple[tuple[datetime.date, datetime.date], ...]
    avisos: tuple[str, ...] = ()
    error: str | None = None
