"""Open data (Ley 1712 de 2014): datasets as CSV, JSON and XLSX with a data dictionary.

A dataset (`Conjunto`) declares its fields once — name, kind, description —
and a function that yields its rows as dicts; the three formats and the
dictionary page are all generated from that declaration, so they cannot
disagree. Each app declares its own datasets in its `datos_abiertos.py`;
the project's catalogue (pasto_rdc/datos_abiertos.py) lists them all. This
module is the framework; it knows no app.

Only published information goes into a dataset: published plans, public
evidence, published answers, aggregates — never personal data.

Conventions: dates in ISO 8601 (AAAA-MM-DD), decimals with a point, CSV in
UTF-8 (with BOM, so spreadsheet programs read the accents) separated by
commas, JSON as {"conjunto", "descripcion", "generado", "campos", "datos"}.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from nucleo import documentos
from nucleo.documentos import Columna, Hoja, Tipo
from nucleo.hojas import texto_seguro


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: Tipo
    descripcion: str
    ancho: float = 18

    @property
    def tipo_legible(self) -> str:
        return NOMBRE_TIPO[self.tipo]


@dataclass(frozen=True)
class Conjunto:
    slug: str
    titulo: str
    descripcion: str
    campos: tuple[Campo, ...]
    filas: Callable[[], Iterable[dict]]

    def datos(self) -> list[dict]:
        nombres = [campo.nombre for campo in self.campos]
        return [{nombre: fila[nombre] for nombre in nombres} for fila in self.filas()]


FORMATOS = ("csv", "json", "xlsx")
TIPOS_MIME = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": documentos.TIPO_XLSX,
}
NOMBRE_TIPO = {
    Tipo.TEXTO: "texto",
    Tipo.FECHA: "fecha (AAAA-MM-DD)",
    Tipo.PORCENTAJE: "porcentaje (0 a 100)",
    Tipo.NUMERO: "número",
}


def _texto(valor: object) -> str:
    """A CSV cell: dates in ISO 8601; a text that a spreadsheet would run is neutralised."""
    if valor is None:
        return ""
    if isinstance(valor, date | datetime):
        return valor.isoformat()
    if isinstance(valor, str):
        return texto_seguro(valor)
    return str(valor)


def _json(valor: object) -> object:
    if isinstance(valor, Decimal):
        return float(valor)
    if isinstance(valor, date | datetime):
        return valor.isoformat()
    return valor


def como_csv(conjunto: Conjunto) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow([campo.nombre for campo in conjunto.campos])
    for fila in conjunto.datos():
        escritor.writerow([_texto(valor) for valor in fila.values()])
    return salida.getvalue().encode("utf-8-sig")


def como_json(conjunto: Conjunto) -> bytes:
    documento = {
        "conjunto": conjunto.slug,
        "titulo": conjunto.titulo,
        "descripcion": conjunto.descripcion,
        "generado": timezone.now().isoformat(timespec="seconds"),
        "campos": [
            {"nombre": c.nombre, "tipo": NOMBRE_TIPO[c.tipo], "descripcion": c.descripcion}
            for c in conjunto.campos
        ],
        "datos": [{k: _json(v) for k, v in fila.items()} for fila in conjunto.datos()],
    }
    return json.dumps(documento, ensure_ascii=False, indent=1).encode("utf-8")


def como_xlsx(conjunto: Conjunto) -> bytes:
    columnas = [Columna(c.nombre, ancho=c.ancho, tipo=c.tipo) for c in conjunto.campos]
    filas = [list(fila.values()) for fila in conjunto.datos()]
    return documentos.xlsx_desde_hojas([Hoja(conjunto.titulo, columnas, filas)])


GENERADORES = {"csv": como_csv, "json": como_json, "xlsx": como_xlsx}
