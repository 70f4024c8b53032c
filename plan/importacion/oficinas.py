"""A responsables cell → office names, their type, slug and match (step `oficinas`).

«Secretaría de Gobierno y Oficina Jurídica» names two offices, «Secretaría de Tránsito y
Transporte» one: a « y » separates offices only when an office word (or a known sigla)
follows it. Matching against the existing offices is by exact key (accents, case,
punctuation and leading articles ignored) or sigla, never fuzzy: a wrong match assigns
another office's activities, while an unmatched name only proposes a new office that
the person importing can still correct. Pure: the known offices arrive as plain data.
"""

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.utils.text import slugify

# `Responsable.Tipo` values (plan.models), written here so the step does not depend on
# the model's choices (comite and grupo are being added in parallel).
TIPO_SECRETARIA = "secretaria"
TIPO_OFICINA = "oficina"
TIPO_DIRECCION = "direccion"
TIPO_EQUIPO = "equipo"
TIPO_COLECTIVO = "colectivo"
TIPO_COMITE = "comite"
TIPO_GRUPO = "grupo"

LARGO_SLUG = 60  # Responsable.slug max_length
SLUG_VACIO = "dependencia"

# Keys (see `clave`) a name starts with → its type; the first that matches wins.
_TIPOS_POR_INICIO = (
    ("todas las", TIPO_COLECTIVO),
    ("todos los", TIPO_COLECTIVO),
    ("secretaria", TIPO_SECRETARIA),
    ("subsecretaria", TIPO_SECRETARIA),
    ("oficina", TIPO_OFICINA),
    ("direccion", TIPO_DIRECCION),
    ("subdireccion", TIPO_DIRECCION),
    ("departamento administrativo", TIPO_DIRECCION),
    ("comite", TIPO_COMITE),
    ("grupo", TIPO_GRUPO),
    ("equipo", TIPO_EQUIPO),
)

# What an office's name starts with: after « y » it begins another office.
_PALABRAS_DE_OFICINA = (
    "secretaria", "subsecretaria", "oficina", "direccion", "subdireccion", "departamento",
    "comite", "grupo", "equipo", "despacho", "control interno", "alcalde", "alcaldesa",
    "alcaldia", "gerencia", "coordinacion", "unidad", "area", "instituto", "personeria",
    "todas las", "todos los", "jefe", "jefatura", "asesor", "asesora",
)  # fmt: skip

_ARTICULOS = frozenset({"el", "la", "los", "las"})
_VINETA = re.compile(r"\A(?:[-–—•*·▪]|\d{1,2}[.)])\s*")
_SIGLA_AL_FINAL = re.compile(r"\A(?P<nombre>.+?)\s*\(\s*(?P<sigla>[^\s()]{2,20})\s*\)\s*\Z")
_SIGLA_AL_INICIO = re.compile(r"\A(?P<sigla>[^\s()]{2,20})\s+[-–—:]\s+(?P<nombre>.+)\Z")


def clave(texto: str) -> str:
    """«La Secretaría de Gobierno.» → «secretaria de gobierno»: what two spellings of the
    same office share (accents, case, punctuation, spaces and leading articles ignored)."""
    descompuesto = unicodedata.normalize("NFKD", texto)
    sin_tildes = "".join(c for c in descompuesto if not unicodedata.combining(c))
    palabras = re.sub(r"[\W_]+", " ", sin_tildes.casefold()).split()
    while len(palabras) > 1 and palabras[0] in _ARTICULOS:
        palabras.pop(0)
    return " ".join(palabras)


def _parece_sigla(texto: str) -> bool:
    """«OPGI», «TIC», «SecGob»: mostly capitals, no spaces, at least two letters."""
    letras = [c for c in texto if c.isalpha()]
    mayusculas = sum(1 for c in letras if c.isupper())
    return len(letras) >= 2 and mayusculas >= max(2, len(letras) // 2)


def sigla_de(nombre: str) -> str:
    """«Oficina de Planeación de Gestión Institucional (OPGI)» → «OPGI»; also
    «OPGI – Oficina de…». Empty when no sigla is written."""
    nombre = " ".join(nombre.split())
    for patron in (_SIGLA_AL_FINAL, _SIGLA_AL_INICIO):
        encontrado = patron.match(nombre)
        if encontrado and _parece_sigla(encontrado.group("sigla")):
            return encontrado.group("sigla")
    return ""


def sin_sigla(nombre: str) -> str:
    """The name without its written sigla: «Oficina Jurídica (OJ)» → «Oficina Jurídica»."""
    nombre = " ".join(nombre.split())
    for patron in (_SIGLA_AL_FINAL, _SIGLA_AL_INICIO):
        encontrado = patron.match(nombre)
        if encontrado and _parece_sigla(encontrado.group("sigla")):
            return encontrado.group("nombre").strip()
    return nombre


def _empieza_oficina(texto: str, siglas: Collection[str]) -> bool:
    normal = clave(texto)
    if any(normal == p or normal.startswith(p + " ") for p in _PALABRAS_DE_OFICINA):
        return True
    primera = re.split(r"[\s(),.;:]+", texto.strip(), maxsplit=1)[0]
    return bool(primera) and primera.casefold() in {s.casefold() for s in siglas}


def _limpiar(parte: str) -> str:
    parte = " ".join(parte.split())
    while True:
        sin_vineta = _VINETA.sub("", parte)
        if sin_vineta == parte:
            break
        parte = sin_vineta
    return parte.strip(" .;,:-–—")


def separar(texto: str, *, siglas: Collection[str] = frozenset()) -> list[str]:
    """A responsables cell → the office names, in order, without repeats.

    Splits on «;», «,» and line breaks always; on « y » / « e » only when what follows
    starts another office (an office word such as «Oficina», «Secretaría»…, or one of
    the known `siglas`), so «Secretaría de Cultura y Turismo» stays one office.
    """
    nombres: list[str] = []
    vistos: set[str] = set()
    for trozo in re.split(r"[;,\n\r]+", texto):
        # [nombre, « y », nombre, « e », nombre…]: the connectors kept to rebuild a name.
        piezas = re.split(r"(\s+(?:y|e)\s+)", trozo)
        actual = piezas[0]
        unidas: list[str] = []
        for conector, siguiente in zip(piezas[1::2], piezas[2::2], strict=True):
            if _empieza_oficina(siguiente, siglas):
                unidas.append(actual)
                actual = siguiente
            else:
                actual = f"{actual}{conector}{siguiente}"
        unidas.append(actual)
        for parte in unidas:
            nombre = _limpiar(parte)
            if nombre and clave(nombre) not in vistos:
                vistos.add(clave(nombre))
                nombres.append(nombre)
    return nombres


def _tipo_seguro(nombre: str) -> str | None:
    normal = clave(sin_sigla(nombre))
    for inicio, tipo in _TIPOS_POR_INICIO:
        if normal == inicio or normal.startswith(inicio + " "):
            return tipo
    return None


def tipo_de(nombre: str) -> str:
    """The `Responsable.Tipo` value its name suggests; «oficina» when nothing does
    (`es_tipo_seguro` tells which)."""
    return _tipo_seguro(nombre) or TIPO_OFICINA


def es_tipo_seguro(nombre: str) -> bool:
    """Whether `tipo_de` read the type from the name rather than guessing «oficina»."""
    return _tipo_seguro(nombre) is not None


def slug_de(nombre: str, *, sigla: str = "", ocupados: Collection[str] = ()) -> str:
    """The office's slug: of its sigla if it has one (given, or written as «(OPGI)»: short
    URLs, «opgi»), else of its name; at most 60 characters cut on a word, «-2», «-3»… if
    taken."""
    base = slugify(sigla or sigla_de(nombre)) or slugify(sin_sigla(nombre)) or SLUG_VACIO
    ocupados = set(ocupados)

    def recortado(texto: str, largo: int) -> str:
        if len(texto) <= largo:
            return texto
        corte = texto[: largo + 1].rsplit("-", 1)[0] if "-" in texto[:largo] else ""
        return (corte or texto[:largo]).strip("-")

    candidato = recortado(base, LARGO_SLUG)
    numero = 1
    while candidato in ocupados:
        numero += 1
        sufijo = f"-{numero}"
        candidato = recortado(base, LARGO_SLUG - len(sufijo)) + sufijo
    return candidato


@dataclass(frozen=True)
class OficinaConocida:
    """An existing `Responsable`, as plain data for matching."""

    pk: int
    nombre: str
    sigla: str


def _unica(candidatas: list[OficinaConocida]) -> tuple[OficinaConocida | None, bool]:
    """(the only office among `candidatas` or None, whether several different ones fit)."""
    distintas = {c.pk: c for c in candidatas}
    if len(distintas) == 1:
        return next(iter(distintas.values())), False
    return None, len(distintas) > 1


def emparejar(nombre: str, conocidas: Sequence[OficinaConocida]) -> OficinaConocida | None:
    """The existing office `nombre` names, or None (a new office).

    By key of the whole name, else of a sigla («opgi» = «OPGI»), else of the parts of
    «Nombre (SIGLA)» / «SIGLA – Nombre». Two offices fitting at any step → None.
    """
    buscada = clave(nombre)
    if not buscada:
        return None
    oficina, ambigua = _unica([c for c in conocidas if clave(c.nombre) == buscada])
    if oficina or ambigua:
        return oficina
    oficina, ambigua = _unica([c for c in conocidas if c.sigla and clave(c.sigla) == buscada])
    if oficina or ambigua:
        return oficina
    sigla = sigla_de(nombre)
    if not sigla:
        return None
    base, sigla_buscada = clave(sin_sigla(nombre)), clave(sigla)
    oficina, _ = _unica(
        [
            c
            for c in conocidas
            if clave(c.nombre) == base or (c.sigla and clave(c.sigla) == sigla_buscada)
        ]
    )
    return oficina
