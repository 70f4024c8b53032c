"""The municipality's comunas and corregimientos, loaded from a CSV (issue 16).

They were a migration, so every database got one municipality's 29 territories; now each
site loads its own: `manage.py cargar_territorios --archivo territorios.csv`.

The file has the columns `tipo;nombre;numero` (a first row with those headers is
optional): `tipo` is «comuna» or «corregimiento», `numero` the position in the lists
(blank: after the others). It may be UTF-8 or Windows-1252 (what Excel saves in Spanish)
and separated by «;» or «,». Loading is idempotent: a territory is found by its name's
slug and updated only if something changed, so a second run writes nothing. A file with
one bad row writes nothing, and says which rows are wrong.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from ..models import Territorio

COLUMNAS = ("tipo", "nombre", "numero")
MAXIMO_NUMERO = 9999
# Rows renumbered among themselves (Comuna 1 ↔ Comuna 2) pass through these positions,
# so the unique `orden` never sees two rows with the same number mid-way.
DESPLAZAMIENTO = 20000


@dataclass(frozen=True)
class FilaTerritorio:
    fila: int  # the row of the file, counting the headers' as 1
    tipo: str
    nombre: str
    numero: int | None

    @property
    def slug(self) -> str:
        return slugify(self.nombre)[: Territorio._meta.get_field("slug").max_length]


@dataclass(frozen=True)
class Resultado:
    creados: int
    actualizados: int
    sin_cambios: int


def _texto(datos: bytes) -> str:
    try:
        return datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        return datos.decode("cp1252", errors="replace")


def _separador(texto: str) -> str:
    primera = next((linea for linea in texto.splitlines() if linea.strip()), "")
    return ";" if primera.count(";") >= primera.count(",") else ","


def _tipo(valor: str) -> str | None:
    valor = valor.strip().lower()
    for codigo, etiqueta in Territorio.Tipo.choices:
        if valor in (codigo, str(etiqueta).lower()):
            return str(codigo)
    return None


def leer_csv(datos: bytes) -> list[FilaTerritorio]:
    """The file's territories, or ValidationError listing every bad row (in Spanish)."""
    texto = _texto(datos)
    filas = list(csv.reader(io.StringIO(texto), delimiter=_separador(texto)))
    errores: list[str] = []
    leidas: list[FilaTerritorio] = []
    largo_nombre = Territorio._meta.get_field("nombre").max_length or 80
    for numero_fila, celdas in enumerate(filas, start=1):
        celdas = [c.strip() for c in celdas]
        if not any(celdas):
            continue
        if numero_fila == 1 and [c.lower() for c in celdas[:3]] == list(COLUMNAS):
            continue
        if len(celdas) < 2:
            errores.append(f"Fila {numero_fila}: faltan columnas; se esperan tipo;nombre;numero.")
            continue
        tipo = _tipo(celdas[0])
        nombre = celdas[1]
        texto_numero = celdas[2] if len(celdas) > 2 else ""
        if tipo is None:
            errores.append(
                f"Fila {numero_fila}: el tipo «{celdas[0]}» no existe; escriba «comuna» "
                "o «corregimiento»."
            )
        if not nombre:
            errores.append(f"Fila {numero_fila}: falta el nombre.")
        elif len(nombre) > largo_nombre:
            errores.append(f"Fila {numero_fila}: el nombre tiene más de {largo_nombre} caracteres.")
        numero: int | None = None
        if texto_numero:
            if texto_numero.isdigit() and 1 <= int(texto_numero) <= MAXIMO_NUMERO:
                numero = int(texto_numero)
            else:
                errores.append(
                    f"Fila {numero_fila}: el número «{texto_numero}» debe ser un entero "
                    f"entre 1 y {MAXIMO_NUMERO}."
                )
        if tipo and nombre:
            leidas.append(FilaTerritorio(numero_fila, tipo, nombre, numero))
    errores += _repetidos(leidas)
    if not errores and not leidas:
        errores.append("El archivo no trae ningún territorio.")
    if errores:
        raise ValidationError(errores)
    return leidas


def _repetidos(filas: list[FilaTerritorio]) -> list[str]:
    errores = []
    por_slug: dict[str, FilaTerritorio] = {}
    por_numero: dict[int, FilaTerritorio] = {}
    for fila in filas:
        if (otra := por_slug.setdefault(fila.slug, fila)) is not fila:
            errores.append(f"Fila {fila.fila}: «{fila.nombre}» ya está en la fila {otra.fila}.")
        if fila.numero is not None:
            otra = por_numero.setdefault(fila.numero, fila)
            if otra is not fila:
                errores.append(
                    f"Fila {fila.fila}: el número {fila.numero} ya es el de la fila {otra.fila}."
                )
    return errores


@transaction.atomic
def cargar_territorios(*, filas: list[FilaTerritorio]) -> Resultado:
    """Create or update the file's territories (the ones not in it are left alone)."""
    existentes = {t.slug: t for t in Territorio.objects.select_for_update()}
    en_archivo = {fila.slug for fila in filas}
    errores = []
    for fila in filas:
        ajeno = next(
            (t for t in existentes.values() if t.orden == fila.numero and t.slug not in en_archivo),
            None,
        )
        if ajeno:
            errores.append(
                f"Fila {fila.fila}: el número {fila.numero} ya es el de «{ajeno.nombre}», "
                "que no está en el archivo."
            )
    if errores:
        raise ValidationError(errores)

    siguiente = Territorio.objects.aggregate(m=Max("orden"))["m"] or 0
    siguiente = max([siguiente, *(f.numero or 0 for f in filas)]) + 1
    deseado: dict[str, tuple[str, str, int]] = {}
    for fila in filas:
        actual = existentes.get(fila.slug)
        orden = fila.numero or (actual.orden if actual else None)
        if orden is None:
            orden, siguiente = siguiente, siguiente + 1
        deseado[fila.slug] = (fila.nombre, fila.tipo, orden)

    cambian = [
        t
        for slug, t in existentes.items()
        if slug in deseado and (t.nombre, t.tipo, t.orden) != deseado[slug]
    ]
    # Out of the way first, so a renumbering never collides with itself.
    for territorio in cambian:
        Territorio.objects.filter(pk=territorio.pk).update(orden=territorio.orden + DESPLAZAMIENTO)
    for territorio in cambian:
        territorio.nombre, territorio.tipo, territorio.orden = deseado[territorio.slug]
        territorio.save()  # through save(): the change stays in its history
    creados = 0
    for slug, (nombre, tipo, orden) in deseado.items():
        if slug not in existentes:
            Territorio.objects.create(nombre=nombre, tipo=tipo, orden=orden, slug=slug)
            creados += 1
    return Resultado(
        creados=creados,
        actualizados=len(cambian),
        sin_cambios=len(deseado) - creados - len(cambian),
    )
