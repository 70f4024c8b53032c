"""Step 2 of the plan import: a `Libro` → the table in it, its columns and its rows.

Entities write their PAAC/PTEP in Función Pública's shape, each in its own way: title
rows above the header, the data on a second sheet, «Codigo» without its accent, the
subcomponente merged over its activities or written only on the first one, one table
per componente under a «Componente 2: Rendición de cuentas» heading with its header
repeated, «Actividades» merged over the activity's number and its text, «Fecha
programada» merged over «Inicio» and «Fin» in a second header row. This module finds
the table (`encontrar_tabla`), proposes what each column holds (`proponer_mapeo`, which
the person confirms or corrects in the wizard) and reads the data rows with their
group context filled in (`filas`). Nothing is interpreted here: a cell's value goes on
as the file holds it, to the steps that read metas, dates and offices.
"""

import re
import unicodedata
from collections.abc import Iterable

from openpyxl.utils import get_column_letter

from plan.importacion.tipos import (
    CAMPOS_DE_GRUPO,
    Campo,
    Celda,
    ErrorDeLectura,
    FilaLeida,
    Hoja,
    Libro,
    Tabla,
)

# Rows of each sheet where the header is looked for: below them a sheet is data.
FILAS_DONDE_BUSCAR = 30
# Rows below two equal headers counted to choose between them.
_FILAS_DE_DESEMPATE = 50
# Sheets never read as the plan: the app's own template has one, as do many entities'.
HOJAS_IGNORADAS = frozenset({"instrucciones"})


def normalizar(texto: str) -> str:
    """«  Código (N°) » → «codigo n»: no accents, no case, no punctuation, one space."""
    # NFKD splits «ó» into «o» and its accent, and «º» into «o»; the ASCII encoding drops
    # the accents (and any other letter no header has). Run on every cell of the table
    # (to spot a repeated header), so done in C, not character by character.
    ascii_ = unicodedata.normalize("NFKD", texto.casefold()).encode("ascii", "ignore").decode()
    return " ".join(_NO_ALFANUMERICO.sub(" ", ascii_).split())


_NO_ALFANUMERICO = re.compile(r"[^0-9a-z]+")


# Every header the import recognizes, as `normalizar` leaves it. The app's own exports
# are here too: the plan XLSX (plan.informes.hojas_plan) and the import template
# (plan.resources.ActividadResource, plan.plantilla).
SINONIMOS: dict[str, Campo] = {
    **dict.fromkeys(
        ["codigo", "cod", "no", "n", "nro", "num", "numero", "item", "codigo actividad"],
        Campo.CODIGO,
    ),
    **dict.fromkeys(
        ["actividad", "actividades", "actividad es", "descripcion de la actividad"],
        Campo.ACTIVIDAD,
    ),
    **dict.fromkeys(
        [
            "meta o producto",
            "meta producto",
            "metas o productos",
            "producto meta",
            "meta",
            "metas",
        ],
        Campo.META,
    ),
    **dict.fromkeys(["producto", "productos"], Campo.PRODUCTO),
    **dict.fromkeys(
        [
            "responsable",
            "responsable s",
            "responsables",
            "dependencia responsable",
            "dependencias responsables",
            "area responsable",
            "area dependencia responsable",
            "responsable de la actividad",
        ],
        Campo.RESPONSABLE,
    ),
    **dict.fromkeys(
        [
            "fecha programada",
            "fecha",
            "fechas programadas",
            "fechas",
            "plazo",
            "ventanas",
            "fecha de ejecucion",
            "fecha limite",
            "cronograma",
            "periodo de ejecucion",
        ],
        Campo.FECHA,
    ),
    **dict.fromkeys(
        [
            "fecha inicio",
            "fecha de inicio",
            "fecha inicial",
            "fecha programada inicio",
            "fecha programada desde",
            "inicio",
        ],
        Campo.FECHA_INICIO,
    ),
    **dict.fromkeys(
        [
            "fecha final",
            "fecha fin",
            "fecha de terminacion",
            "fecha de finalizacion",
            "fecha programada final",
            "fecha programada fin",
            "fecha programada hasta",
        ],
        Campo.FECHA_FIN,
    ),
    **dict.fromkeys(
        ["subcomponente", "subcomponente proceso", "subcomponentes"], Campo.SUBCOMPONENTE
    ),
    **dict.fromkeys(["componente", "componentes"], Campo.COMPONENTE),
    **dict.fromkeys(["vigencia", "ano"], Campo.VIGENCIA),
    **dict.fromkeys(["entidad"], Campo.ENTIDAD),
    "meta cantidad": Campo.META_CANTIDAD,
    "meta unidad": Campo.META_UNIDAD,
    "tipo de meta": Campo.META_TIPO,
}

# How the messages name each field (the wizard shows them too).
NOMBRES: dict[Campo, str] = {
    Campo.ENTIDAD: "Entidad",
    Campo.VIGENCIA: "Vigencia",
    Campo.COMPONENTE: "Componente",
    Campo.SUBCOMPONENTE: "Subcomponente",
    Campo.CODIGO: "Código",
    Campo.ACTIVIDAD: "Actividad",
    Campo.PRODUCTO: "Producto",
    Campo.META: "Meta o producto",
    Campo.META_CANTIDAD: "Meta cantidad",
    Campo.META_UNIDAD: "Meta unidad",
    Campo.META_TIPO: "Tipo de meta",
    Campo.RESPONSABLE: "Responsable",
    Campo.FECHA: "Fecha programada",
    Campo.FECHA_INICIO: "Fecha inicio",
    Campo.FECHA_FIN: "Fecha final",
}

SIN_ENCABEZADOS = (
    "No encontramos la fila de encabezados: se esperaba una columna «Actividad» y una "
    "«Meta o producto» (o «Producto») en las primeras {filas} filas de alguna hoja. "
    "Escriba los encabezados en una sola fila, por ejemplo: {ejemplo}."
).format(
    filas=FILAS_DONDE_BUSCAR,
    ejemplo=", ".join(
        f"«{NOMBRES[c]}»"
        for c in (
            Campo.SUBCOMPONENTE,
            Campo.CODIGO,
            Campo.ACTIVIDAD,
            Campo.META,
            Campo.RESPONSABLE,
            Campo.FECHA,
        )
    ),
)
HOJA_INEXISTENTE = "El archivo no tiene una hoja «{hoja}»; sus hojas son: {hojas}."
FILA_INEXISTENTE = "La hoja «{hoja}» no tiene una fila {fila}: elija la fila de los encabezados."
AVISO_DESCONOCIDO = (
    "La columna {columna} («{encabezado}») no corresponde a ningún dato del plan: no se importa."
)
AVISO_COMBINADO = (
    "El encabezado «{encabezado}» abarca las columnas {desde} a {hasta}: se toma la "
    "{principal} como «{campo}»{detalle}."
)
AVISO_REPETIDO = (
    "Las columnas {primera} («{encabezado_primera}») y {segunda} («{encabezado_segunda}») "
    "dicen lo mismo ({campo}): se usa la {primera} y no se importa la {segunda}."
)

# Group headings written as text: «Componente 2: Rendición de cuentas»,
# «COMPONENTE 3. Rendición de Cuentas», «Componente IV», «Subcomponente 2 Diálogo…».
_TITULO_DE_GRUPO = {
    Campo.COMPONENTE: re.compile(r"componente (\d+|[ivx]+)\b"),
    Campo.SUBCOMPONENTE: re.compile(r"subcomponente (\d+|[ivx]+)\b"),
}

# From the broadest group to the narrowest: a new value resets the narrower ones.
_ORDEN_DE_GRUPOS = (
    Campo.ENTIDAD,
    Campo.VIGENCIA,
    Campo.COMPONENTE,
    Campo.SUBCOMPONENTE,
    Campo.RESPONSABLE,
)
assert frozenset(_ORDEN_DE_GRUPOS) == CAMPOS_DE_GRUPO


def _texto(celda: Celda) -> str:
    return "" if celda.valor is None else str(celda.valor)


# No header is longer: a longer text is data, and is not normalized to find out.
_LARGO_MAXIMO_DE_ENCABEZADO = 60


def _campo_de(encabezado: str) -> Campo | None:
    if len(encabezado) > _LARGO_MAXIMO_DE_ENCABEZADO:
        return None
    return SINONIMOS.get(normalizar(encabezado))


def _mapeo_con_avisos(encabezados: list[str]) -> tuple[dict[int, Campo | None], list[str]]:
    mapeo: dict[int, Campo | None] = {}
    avisos: list[str] = []
    primeras: dict[Campo, int] = {}
    for indice, encabezado in enumerate(encabezados):
        campo = _campo_de(encabezado)
        if campo is not None and campo in primeras:
            primera = primeras[campo]
            avisos.append(
                AVISO_REPETIDO.format(
                    primera=get_column_letter(primera + 1),
                    encabezado_primera=encabezados[primera].strip(),
                    segunda=get_column_letter(indice + 1),
                    encabezado_segunda=encabezado.strip(),
                    campo=NOMBRES[campo],
                )
            )
            campo = None
        elif campo is not None:
            primeras[campo] = indice
        elif encabezado.strip():
            avisos.append(
                AVISO_DESCONOCIDO.format(
                    columna=get_column_letter(indice + 1), encabezado=encabezado.strip()
                )
            )
        mapeo[indice] = campo
    return mapeo, avisos


def proponer_mapeo(encabezados: list[str]) -> dict[int, Campo | None]:
    """Column index (0-based) → the field its header names, None if it names none (or a
    field an earlier column already holds: the first one wins)."""
    return _mapeo_con_avisos(encabezados)[0]


def _encabezados_de(fila: list[Celda]) -> list[str]:
    # A header merged over two columns names the first one only; the second one
    # (continuada) is the same header, not a second column for the field.
    return ["" if celda.continuada else _texto(celda) for celda in fila]


def _es_encabezado(campos: Iterable[Campo | None]) -> bool:
    presentes = set(campos)
    return Campo.ACTIVIDAD in presentes and bool({Campo.META, Campo.PRODUCTO} & presentes)


def _puntaje(fila: list[Celda]) -> int:
    """How many fields the row's cells name; 0 if it cannot be the header."""
    campos = {_campo_de(texto) for texto in _encabezados_de(fila)} - {None}
    return len(campos) if _es_encabezado(campos) else 0


def _hojas_donde_buscar(libro: Libro, hoja: str | None) -> list[Hoja]:
    if hoja is None:
        return [h for h in libro.hojas if normalizar(h.nombre) not in HOJAS_IGNORADAS]
    elegidas = [h for h in libro.hojas if h.nombre == hoja]
    if not elegidas:
        hojas = ", ".join(f"«{h.nombre}»" for h in libro.hojas)
        raise ErrorDeLectura(HOJA_INEXISTENTE.format(hoja=hoja, hojas=hojas))
    return elegidas


def _subencabezados(hoja: Hoja, indice: int) -> list[str] | None:
    """The second row of a two-row header («Fecha programada» merged over two columns,
    «Inicio» and «Fin» below it), by column; None if the row below the header is not one:
    a text in it only under a header merged across."""
    if indice + 1 >= len(hoja.filas):
        return None
    arriba, abajo = hoja.filas[indice], hoja.filas[indice + 1]
    propias = [i for i, celda in enumerate(abajo) if _propia(celda)]
    if not propias:
        return None
    for i in propias:
        combinada = arriba[i].continuada or (i + 1 < len(arriba) and arriba[i + 1].continuada)
        if not combinada or not isinstance(abajo[i].valor, str):
            return None
    return [_texto(celda) if _propia(celda) else "" for celda in abajo]


def _encabezados_de_tabla(hoja: Hoja, indice: int) -> list[str]:
    """The header's texts; under a two-row header, «Fecha programada Inicio» (or the
    lower text alone when only it names a field: «Fecha programada» over «Fecha inicio»)."""
    arriba = hoja.filas[indice]
    encabezados = _encabezados_de(arriba)
    subencabezados = _subencabezados(hoja, indice)
    for i, abajo in enumerate(subencabezados or []):
        if abajo:
            juntos = f"{_texto(arriba[i]).strip()} {abajo.strip()}"
            solo = SINONIMOS.get(normalizar(abajo)) and not SINONIMOS.get(normalizar(juntos))
            encabezados[i] = abajo.strip() if solo else juntos
    return encabezados


# A cell that is an activity's number: «1.1», «2.10», «3», «1.2.1.».
_NUMERACION = re.compile(r"\d+(\.\d+)*\.?")
# Data rows looked at to tell which column under a merged header holds what.
_FILAS_DE_MUESTRA = 200


def _tramos_combinados(fila: list[Celda]) -> list[range]:
    """The columns of each header merged across: its top-left cell and those continued."""
    tramos = []
    inicio = 0
    while inicio < len(fila):
        fin = inicio + 1
        while fin < len(fila) and fila[fin].continuada:
            fin += 1
        if fin - inicio > 1 and _propia(fila[inicio]):
            tramos.append(range(inicio, fin))
        inicio = fin
    return tramos


def _repartir_encabezados_combinados(
    hoja: Hoja,
    indice: int,
    encabezados: list[str],
    mapeo: dict[int, Campo | None],
    avisos: list[str],
) -> None:
    """Función Pública's template merges «Actividades» over two columns, the number
    («1.1») and the text: the field goes to the column with the longest texts, and a
    column of numbers beside it is the code (unless a «Código» column exists)."""
    arriba = hoja.filas[indice]
    subencabezados = _subencabezados(hoja, indice)
    desde = indice + (2 if subencabezados else 1)
    muestra = hoja.filas[desde : desde + _FILAS_DE_MUESTRA]
    for tramo in _tramos_combinados(arriba):
        campo = mapeo.get(tramo[0])
        if campo is None or (subencabezados and any(subencabezados[k] for k in tramo)):
            continue
        textos = {
            k: [str(fila[k].valor) for fila in muestra if k < len(fila) and _propia(fila[k])]
            for k in tramo
        }

        def largo(k: int, textos: dict[int, list[str]] = textos) -> float:
            return sum(map(len, textos[k])) / len(textos[k]) if textos[k] else 0

        principal = max(tramo, key=largo)  # the first of a tie
        numeracion = [
            k
            for k in tramo
            if k != principal
            and textos[k]
            and all(_NUMERACION.fullmatch(t.strip()) for t in textos[k])
        ]
        codigo = numeracion[0] if numeracion and Campo.CODIGO not in mapeo.values() else None
        for k in tramo:
            encabezados[k] = encabezados[tramo[0]]
            mapeo[k] = campo if k == principal else Campo.CODIGO if k == codigo else None
        if principal != tramo[0] or codigo is not None:
            detalle = (
                f" y la {get_column_letter(codigo + 1)} como «Código»" if codigo is not None else ""
            )
            avisos.append(
                AVISO_COMBINADO.format(
                    encabezado=encabezados[tramo[0]].strip(),
                    desde=get_column_letter(tramo[0] + 1),
                    hasta=get_column_letter(tramo[-1] + 1),
                    principal=get_column_letter(principal + 1),
                    campo=NOMBRES[campo],
                    detalle=detalle,
                )
            )


def _mapeo_en(hoja: Hoja, indice: int) -> tuple[list[str], dict[int, Campo | None], list[str]]:
    """The headers, mapping and warnings of the header in row `indice` (0-based)."""
    encabezados = _encabezados_de_tabla(hoja, indice)
    mapeo, avisos = _mapeo_con_avisos(encabezados)
    _repartir_encabezados_combinados(hoja, indice, encabezados, mapeo, avisos)
    return encabezados, mapeo, avisos


def encontrar_tabla(
    libro: Libro, *, hoja: str | None = None, fila_encabezado: int | None = None
) -> Tabla:
    """The sheet and header row of the plan: in the first rows of each sheet (or of
    `hoja`), the row whose cells name the most fields, with at least «Actividad» and
    «Meta o producto» (or «Producto»); the first one of a tie. A second header row
    under columns merged across («Fecha programada» over «Inicio», «Fin») completes
    their headers; `fila_encabezado` is still the first one.

    `fila_encabezado` (1-based, in `hoja` or the first sheet read) is the row the person
    points at in the wizard when the one found is not the header: taken as it is, the
    person then maps its columns."""
    if fila_encabezado is not None:
        elegida = next(iter(_hojas_donde_buscar(libro, hoja)), None)
        if elegida is None or not 1 <= fila_encabezado <= len(elegida.filas):
            nombre = elegida.nombre if elegida else libro.nombre_archivo
            raise ErrorDeLectura(FILA_INEXISTENTE.format(hoja=nombre, fila=fila_encabezado))
        encabezados, mapeo, avisos = _mapeo_en(elegida, fila_encabezado - 1)
        return Tabla(
            hoja=elegida.nombre,
            fila_encabezado=fila_encabezado,
            encabezados=encabezados,
            mapeo=mapeo,
            avisos=avisos,
        )
    # Score: the fields named, then the rows with something below (up to a page): a
    # cover's example «Actividad | Meta» loses to the same header over the real table.
    mejor: tuple[tuple[int, int], Hoja, int] | None = None  # score, sheet, row index
    for candidata in _hojas_donde_buscar(libro, hoja):
        for indice, fila in enumerate(candidata.filas[:FILAS_DONDE_BUSCAR]):
            campos = _puntaje(fila)
            if not campos:
                continue
            debajo = candidata.filas[indice + 1 : indice + 1 + _FILAS_DE_DESEMPATE]
            puntaje = (campos, sum(any(_propia(c) for c in f) for f in debajo))
            if mejor is None or puntaje > mejor[0]:
                mejor = (puntaje, candidata, indice)
    if mejor is None:
        raise ErrorDeLectura(SIN_ENCABEZADOS)
    _, elegida, indice = mejor
    encabezados, mapeo, avisos = _mapeo_en(elegida, indice)
    return Tabla(
        hoja=elegida.nombre,
        fila_encabezado=indice + 1,
        encabezados=encabezados,
        mapeo=mapeo,
        avisos=avisos,
    )


# --- The data rows ---------------------------------------------------------------------


def _firma(fila: list[Celda]) -> list[str]:
    """A header row as `normalizar` leaves it: two headers alike if their firmas are."""
    return [normalizar(texto) for texto in _encabezados_de(fila)]


def _propia(celda: Celda | None) -> bool:
    """A value written in this cell (not blank, not copied from a merged range)."""
    return celda is not None and celda.valor is not None and not celda.continuada


def _titulo_de_grupo(fila: list[Celda]) -> tuple[Campo, Celda] | None:
    """«Componente 2: Rendición de cuentas» alone on its row (or merged across it)."""
    propias = [celda for celda in fila if _propia(celda)]
    if len(propias) != 1 or not isinstance(propias[0].valor, str):
        return None
    texto = normalizar(propias[0].valor)
    for campo, patron in _TITULO_DE_GRUPO.items():
        if patron.match(texto):
            return campo, propias[0]
    return None


# The signatures and notes under a plan's table: «Elaboró: …», «Aprobó: …», «Nota: …».
_PIE = re.compile(
    r"(elaboro|elaborado por|reviso|revisado por|aprobo|aprobado por|firma|nota|fuente)\b"
)


def _es_pie(fila: list[Celda]) -> bool:
    """Every text of the row begins as a signature or a note does."""
    propias = [celda for celda in fila if _propia(celda)]
    return all(
        isinstance(celda.valor, str) and _PIE.match(normalizar(celda.valor[:40]))
        for celda in propias
    )


def _iguales(a: Celda, b: Celda) -> bool:
    return normalizar(_texto(a)) == normalizar(_texto(b))


class _Grupos:
    """The current value of each group (componente, subcomponente…) while reading down."""

    def __init__(self) -> None:
        self.valores: dict[Campo, Celda] = {}

    def poner(self, campo: Campo, celda: Celda) -> None:
        anterior = self.valores.get(campo)
        if anterior is not None and _iguales(anterior, celda):
            return
        self.valores[campo] = celda
        # A new componente starts its subcomponentes (and their responsables) anew.
        for menor in _ORDEN_DE_GRUPOS[_ORDEN_DE_GRUPOS.index(campo) + 1 :]:
            self.valores.pop(menor, None)

    def continuar(self, campo: Campo, celda: Celda) -> Celda:
        """`celda` (blank) with the group's value, marked continuada; as it is if none."""
        actual = self.valores.get(campo)
        if actual is None:
            return celda
        return Celda(
            valor=actual.valor,
            fila=celda.fila,
            columna=celda.columna,
            es_porcentaje=actual.es_porcentaje,
            continuada=True,
        )


def filas(
    libro: Libro, tabla: Tabla, *, mapeo: dict[int, Campo | None] | None = None
) -> list[FilaLeida]:
    """The table's data rows, below its header, each with a cell for every mapped field.

    `mapeo` (the one the person confirmed) replaces the table's proposed one. Skipped:
    blank rows, a row repeating the header (a printed plan repeats it on each page, a
    full PAAC under each componente; another table's header, with its columns in another
    order, maps the rows below it) and group headings, which are not activities but
    set the group of the rows below: a row with only group cells («Subcomponente 2:
    Diálogo…» on its own), or «Componente 2: …» alone on its row even where the table
    has no «Componente» column (then each row gets a COMPONENTE cell: the heading's own,
    marked continuada). A blank group cell continues the value above (`continuada`);
    a new value of a group resets the narrower ones (a new componente, its subcomponente).
    """
    mapeo = tabla.mapeo if mapeo is None else mapeo
    columnas = {indice: campo for indice, campo in mapeo.items() if campo is not None}
    (hoja,) = _hojas_donde_buscar(libro, tabla.hoja)
    indice_del_encabezado = tabla.fila_encabezado - 1
    firma = _firma(hoja.filas[indice_del_encabezado])
    # The header's second row, if it has one, is the header still.
    saltar = {indice_del_encabezado + 1} if _subencabezados(hoja, indice_del_encabezado) else set()
    grupos = _Grupos()
    # A «Componente 3: Rendición de cuentas» title above the header names the table's
    # componente (Función Pública's template puts one componente per sheet).
    for fila in hoja.filas[:indice_del_encabezado]:
        titulo = _titulo_de_grupo(fila)
        if titulo is not None and titulo[0] == Campo.COMPONENTE:
            grupos.poner(*titulo)

    leidas: list[FilaLeida] = []
    for indice in range(indice_del_encabezado + 1, len(hoja.filas)):
        fila = hoja.filas[indice]
        if indice in saltar or not any(_propia(celda) for celda in fila):
            continue  # blank (or only the tail of a range merged from above), or a header's
        if _puntaje(fila):
            # The header again: on each printed page, or under each componente of a full
            # PAAC. Another table's header (other columns) maps the rows below it.
            if _firma(fila) != firma:
                firma = _firma(fila)
                _, otro, _ = _mapeo_en(hoja, indice)
                columnas = {i: campo for i, campo in otro.items() if campo is not None}
            if _subencabezados(hoja, indice):
                saltar.add(indice + 1)
            continue
        titulo = _titulo_de_grupo(fila)
        if titulo is not None:
            grupos.poner(*titulo)
            continue
        if _es_pie(fila):
            continue
        celdas = {campo: fila[i] for i, campo in columnas.items() if i < len(fila)}
        for campo in _ORDEN_DE_GRUPOS:
            if campo in celdas and celdas[campo].valor is not None:
                grupos.poner(campo, celdas[campo])
        if not any(celdas[c].valor is not None for c in _DE_LA_ACTIVIDAD if c in celdas):
            # Only group cells: a heading, which set the group above. Or only a code: a
            # template's row numbered in advance and never filled.
            continue
        for campo in _ORDEN_DE_GRUPOS:
            if campo in celdas and celdas[campo].valor is None:
                celdas[campo] = grupos.continuar(campo, celdas[campo])
            elif campo not in celdas and campo in grupos.valores:
                # A heading's group (no column for it): its own cell, marked continuada.
                origen = grupos.valores[campo]
                celdas[campo] = Celda(
                    valor=origen.valor,
                    fila=origen.fila,
                    columna=origen.columna,
                    es_porcentaje=origen.es_porcentaje,
                    continuada=True,
                )
        leidas.append(FilaLeida(numero=fila[0].fila, celdas=celdas))
    return leidas


# What an activity row has and a heading does not (a code alone is no activity).
_DE_LA_ACTIVIDAD = frozenset(Campo) - CAMPOS_DE_GRUPO - {Campo.CODIGO}
