"""Open data (Ley 1712 de 2014): datasets as CSV, JSON and XLSX with a data dictionary.

A dataset (`Conjunto`) declares its fields once — name, kind, description —
and a function that yields its rows as dicts; the three formats, the
dictionary page, its Table Schema (frictionless) and its entry in the
machine-readable catalogue (DCAT) are all generated from that declaration,
so they cannot disagree. Each app declares its own datasets in its
`datos_abiertos.py`; the project's catalogue (pasto_rdc/datos_abiertos.py)
lists them all. This module is the framework; it knows no app.

Only published information goes into a dataset: published plans, public
evidence, published answers, aggregates — never personal data.

Conventions (one per kind, the same in the three formats):

- dates in ISO 8601 (AAAA-MM-DD); date-times in ISO 8601 with Colombia's
  offset (AAAA-MM-DDThh:mm:ss-05:00); in XLSX, real date (dd/mm/aaaa) and
  date-time (dd/mm/aaaa hh:mm) cells;
- decimals with a point; a percentage is a number from 0 to 100 (45.3 for
  45.3 %) everywhere, also in XLSX (a plain number formatted «0.0» under a
  header that says «(%)»), never the 0–1 fraction of the reports;
- CSV in UTF-8 (with BOM, so spreadsheet programs read the accents)
  separated by commas; JSON as {"conjunto", "titulo", "descripcion",
  "generado", "actualizado", "campos", "datos"}.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import StrEnum

from django.db.models import DateTimeField, Max, Min, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from nucleo import documentos
from nucleo.documentos import Columna, Hoja
from nucleo.hojas import texto_seguro


class Tipo(StrEnum):
    """The kind of a field: its cell in each format and its Table Schema type."""

    TEXTO = "texto"
    ENTERO = "entero"
    NUMERO = "numero"
    PORCENTAJE = "porcentaje"
    FECHA = "fecha"
    FECHA_HORA = "fecha_hora"


NOMBRE_TIPO = {
    Tipo.TEXTO: "texto",
    Tipo.ENTERO: "número entero",
    Tipo.NUMERO: "número (decimales con punto)",
    Tipo.PORCENTAJE: "porcentaje de 0 a 100 (45.3 es 45,3 %)",
    Tipo.FECHA: "fecha (AAAA-MM-DD)",
    Tipo.FECHA_HORA: "fecha y hora de Colombia (AAAA-MM-DDThh:mm:ss-05:00)",
}

# Table Schema (https://specs.frictionlessdata.io/table-schema/) type of each kind.
TIPO_ESQUEMA = {
    Tipo.TEXTO: "string",
    Tipo.ENTERO: "integer",
    Tipo.NUMERO: "number",
    Tipo.PORCENTAJE: "number",
    Tipo.FECHA: "date",
    Tipo.FECHA_HORA: "datetime",
}

# How each kind becomes an XLSX column (nucleo.documentos): the open-data path only.
_COLUMNA_XLSX: dict[Tipo, tuple[documentos.Tipo, str | None]] = {
    Tipo.TEXTO: (documentos.Tipo.TEXTO, None),
    Tipo.ENTERO: (documentos.Tipo.NUMERO, "0"),
    Tipo.NUMERO: (documentos.Tipo.NUMERO, None),
    # The number itself (45.3), not documentos.Tipo.PORCENTAJE's 0.453 formatted as %.
    Tipo.PORCENTAJE: (documentos.Tipo.NUMERO, "0.0"),
    Tipo.FECHA: (documentos.Tipo.FECHA, None),
    Tipo.FECHA_HORA: (documentos.Tipo.FECHA, "dd/mm/yyyy hh:mm"),
}


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: Tipo
    descripcion: str
    ancho: float = 18

    @property
    def tipo_legible(self) -> str:
        return NOMBRE_TIPO[self.tipo]

    @property
    def encabezado_xlsx(self) -> str:
        return f"{self.nombre} (%)" if self.tipo == Tipo.PORCENTAJE else self.nombre

    def esquema(self) -> dict:
        """This field as a Table Schema field descriptor."""
        campo: dict = {
            "name": self.nombre,
            "type": TIPO_ESQUEMA[self.tipo],
            "description": self.descripcion,
        }
        if self.tipo == Tipo.PORCENTAJE:
            campo["constraints"] = {"minimum": 0, "maximum": 100}
        elif self.tipo == Tipo.ENTERO:
            campo["constraints"] = {"minimum": 0}
        return campo


@dataclass(frozen=True)
class Cambios:
    """The first and the latest recorded change of a dataset's rows (None: no rows yet).

    `version` is the latest change of any row of the same tables, published or not: an
    unpublished plan or a deleted activity leaves the published rows' dates as they were
    but moves it, so the cached files (whose key it is part of) are built again.
    """

    primero: datetime | None = None
    ultimo: datetime | None = None
    version: datetime | None = None


def sin_cambios() -> Cambios:
    return Cambios()


@dataclass(frozen=True)
class Conjunto:
    slug: str
    titulo: str
    descripcion: str
    campos: tuple[Campo, ...]
    filas: Callable[[], Iterable[dict]]
    # One aggregate query: when its published rows were first and last changed.
    cambios: Callable[[], Cambios] = sin_cambios
    palabras_clave: tuple[str, ...] = ()
    # Computed for the day of the download (a state, a cut-off date): a new file each day.
    del_dia: bool = False
    tema: str = "Participación ciudadana"  # a category of datos.gov.co
    # DCAT-US accrualPeriodicity (ISO 8601 repeating duration, or «irregular»).
    periodicidad: str = "irregular"

    def datos(self) -> list[dict]:
        nombres = [campo.nombre for campo in self.campos]
        return [{nombre: fila[nombre] for nombre in nombres} for fila in self.filas()]

    def esquema(self) -> dict:
        """Its data dictionary as a Table Schema: what frictionless validates the CSV with."""
        return {
            "fields": [campo.esquema() for campo in self.campos],
            "missingValues": [""],
        }


_ANTES = datetime(1900, 1, 1, tzinfo=UTC)
_DESPUES = datetime(9999, 1, 1, tzinfo=UTC)


def cambios_de(*fuentes: tuple[QuerySet, str]) -> Cambios:
    """The earliest and latest value of several date-time columns, in ONE query.

    Each source is a queryset (already limited to what the dataset publishes) and
    the name of one of its date-time fields (typically a history's history_date).
    The first source is aggregated; the others enter as subqueries.
    """
    (base, campo), *otras = fuentes

    def extremos(funcion: type[Min] | type[Max], orden: str, nulo: datetime) -> list:
        valores = [Coalesce(funcion(campo), Value(nulo), output_field=DateTimeField())]
        for consulta, nombre in otras:
            primera = (
                consulta.filter(**{f"{nombre}__isnull": False})
                .order_by(f"{orden}{nombre}")
                .values(nombre)[:1]
            )
            valores.append(Coalesce(Subquery(primera), Value(nulo), output_field=DateTimeField()))
        return valores

    # The latest change of each whole table, in the same query (an indexed column).
    todas = [
        Coalesce(
            Subquery(consulta.model._default_manager.order_by(f"-{nombre}").values(nombre)[:1]),
            Value(_ANTES),
            output_field=DateTimeField(),
        )
        for consulta, nombre in fuentes
    ]
    minimos, maximos = extremos(Min, "", _DESPUES), extremos(Max, "-", _ANTES)
    resultado = base.order_by().aggregate(
        primero=Least(*minimos) if otras else minimos[0],
        ultimo=Greatest(*maximos) if otras else maximos[0],
        # With the base's own aggregate: aggregate() takes only aggregate expressions.
        version=Greatest(maximos[0], *todas),
    )
    primero, ultimo, version = resultado["primero"], resultado["ultimo"], resultado["version"]
    version = version if version is not None and version > _ANTES else None
    if ultimo is None or ultimo <= _ANTES:
        return Cambios(version=version)
    return Cambios(primero=primero, ultimo=ultimo, version=version)


FORMATOS = ("csv", "json", "xlsx")
TIPOS_MIME = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": documentos.TIPO_XLSX,
}


def _momento(valor: datetime) -> datetime:
    """A date-time in Colombia's time, to the second (the offset says which time it is)."""
    if timezone.is_aware(valor):
        valor = timezone.localtime(valor)
    return valor.replace(microsecond=0)


def _texto(valor: object) -> str:
    """A CSV cell: dates and date-times in ISO 8601; a text a spreadsheet would run is
    neutralised."""
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        return _momento(valor).isoformat()
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, str):
        return texto_seguro(valor)
    return str(valor)


def _json(valor: object) -> object:
    if isinstance(valor, Decimal):
        return float(valor)
    if isinstance(valor, datetime):
        return _momento(valor).isoformat()
    if isinstance(valor, date):
        return valor.isoformat()
    return valor


# Rows per chunk of a streamed file: few enough writes, a bounded buffer.
FILAS_POR_TROZO = 500


def trozos_csv(conjunto: Conjunto) -> Iterator[bytes]:
    """The CSV in chunks, as the rows come: the same bytes as como_csv. The header goes
    with the first rows, so the first chunk runs the dataset's queries."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    nombres = [campo.nombre for campo in conjunto.campos]
    escritor.writerow(nombres)
    inicio = "\ufeff".encode()
    for numero, fila in enumerate(conjunto.filas(), start=1):
        escritor.writerow([_texto(fila[nombre]) for nombre in nombres])
        if numero % FILAS_POR_TROZO == 0:
            yield inicio + _vaciar(salida)
            inicio = b""
    yield inicio + _vaciar(salida)


def _vaciar(salida: io.StringIO) -> bytes:
    contenido = salida.getvalue().encode("utf-8")
    salida.seek(0)
    salida.truncate()
    return contenido


def como_csv(conjunto: Conjunto) -> bytes:
    return b"".join(trozos_csv(conjunto))


def _encabezado_json(conjunto: Conjunto, cambios: Cambios) -> dict:
    ahora = timezone.now()
    return {
        "conjunto": conjunto.slug,
        "titulo": conjunto.titulo,
        "descripcion": conjunto.descripcion,
        "generado": _json(ahora),
        "actualizado": _json(cambios.ultimo or ahora),
        "campos": [
            {"nombre": c.nombre, "tipo": NOMBRE_TIPO[c.tipo], "descripcion": c.descripcion}
            for c in conjunto.campos
        ],
    }


def trozos_json(conjunto: Conjunto, cambios: Cambios | None = None) -> Iterator[bytes]:
    """The JSON document in chunks of rows: the same text json.dumps(indent=1) writes for
    the whole document (its rows hold scalars only, so each is indented as a block)."""
    encabezado = _encabezado_json(conjunto, cambios if cambios is not None else conjunto.cambios())
    texto = json.dumps(encabezado, ensure_ascii=False, indent=1)
    # «…\n}» → «…,\n "datos": [»: the document stays open for its rows.
    # The head goes with the first rows (as in the CSV).
    partes: list[str] = [texto[: -len("\n}")] + ',\n "datos": [']
    nombres = [campo.nombre for campo in conjunto.campos]
    separador = "\n  "
    for numero, fila in enumerate(conjunto.filas(), start=1):
        registro = json.dumps({n: _json(fila[n]) for n in nombres}, ensure_ascii=False, indent=1)
        partes.append(separador + registro.replace("\n", "\n  "))
        separador = ",\n  "
        if numero % FILAS_POR_TROZO == 0:
            yield "".join(partes).encode("utf-8")
            partes = []
    cierre = "\n ]\n}" if separador != "\n  " else "]\n}"
    yield ("".join(partes) + cierre).encode("utf-8")


def como_json(conjunto: Conjunto, cambios: Cambios | None = None) -> bytes:
    return b"".join(trozos_json(conjunto, cambios))


def como_xlsx(conjunto: Conjunto) -> bytes:
    """The XLSX in openpyxl's write-only mode: rows go to disk as they come, none is kept
    (the same cells, kinds and formats as nucleo.documentos.xlsx_desde_hojas)."""
    columnas = [
        Columna(c.encabezado_xlsx, ancho=c.ancho, tipo=tipo, formato=formato)
        for c in conjunto.campos
        for tipo, formato in [_COLUMNA_XLSX[c.tipo]]
    ]
    filas = ([fila[c.nombre] for c in conjunto.campos] for fila in conjunto.filas())
    return documentos.xlsx_en_flujo(Hoja(conjunto.titulo, columnas, filas))


GENERADORES: dict[str, Callable[[Conjunto], bytes]] = {
    "csv": como_csv,
    "json": como_json,
    "xlsx": como_xlsx,
}


def version(conjunto: Conjunto, formato: str, cambios: Cambios, hoy: date) -> str:
    """The key of one file of the dataset: it changes whenever its data (or, for a dataset
    computed for the day, the day) changes. Its cache key and its ETag."""
    partes = [
        str(VERSION_DEL_FORMATO),
        conjunto.slug,
        formato,
        *(m.isoformat() if m else "-" for m in (cambios.primero, cambios.ultimo, cambios.version)),
        hoy.isoformat() if conjunto.del_dia else "",
    ]
    return hashlib.sha256("|".join(partes).encode()).hexdigest()[:32]


def ultima_modificacion(conjunto: Conjunto, cambios: Cambios, hoy: date) -> datetime | None:
    """Its Last-Modified: the latest change of its rows, or the start of the day when it is
    computed for the day and that is later."""
    candidatos = [m for m in (cambios.ultimo, cambios.version) if m is not None]
    if conjunto.del_dia:
        candidatos.append(timezone.make_aware(datetime.combine(hoy, time.min)))
    return max(candidatos, default=None)


# Bumped when the files' layout changes: a deploy then never serves a file cached before it.
VERSION_DEL_FORMATO = 1
