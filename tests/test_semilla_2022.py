"""The 2022 fixture (fixtures/plan_2022.json) against the original document.

The document (tests/data/estrategia_rendicion_cuentas_pasto_2022.txt) is the
truth. This module reads its table with a small parser and compares the
database, after ``loaddata plan_2022``, cell by cell with what the document
says: there is no second hand-typed copy of the plan here.

The table is tab-separated, one row per activity, but a few rows spill onto
following lines or pack two values into one cell. Those quirks are handled
explicitly below, and ``test_el_lector_encuentra_las_rarezas_conocidas``
checks that the parser met exactly those quirks and no others.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from plan.models import Actividad, ActividadResponsable, Plan, Responsable

SEMILLA = Path(__file__).parent / "data" / "estrategia_rendicion_cuentas_pasto_2022.txt"

ENTIDAD = "Alcaldía Municipal de Pasto"
VIGENCIA = 2022

# --- Quirks of the document, each handled explicitly ---------------------------------

# 2.8 is written "2.8." (with a final dot) in the document.
CODIGOS_CON_PUNTO_FINAL = {"2.8"}

# 1.11 writes two offices in a single cell, separated only by a space.
CELDAS_CON_VARIOS_RESPONSABLES = {
    "OPGI Todas las dependencias": ["OPGI", "Todas las dependencias"],
}

# The document names the same office in two ways; the fixture stores one office.
MISMA_DEPENDENCIA = {
    # OPGI is the sigla; 2.1 writes the office in full.
    "OPGI": "Oficina de Planeación de Gestión Institucional",
    # 1.6 writes "Dirección Administrativa de Juventud", 2.7 "Dirección de Juventud".
    "Dirección de Juventud": "Dirección Administrativa de Juventud",
}

# Names of the quirks the parser records for each activity.
PUNTO_FINAL = "código escrito con punto final"
RESPONSABLES_SIGUIENTES = "responsables en líneas siguientes"
VENTANA_SIGUIENTE = "ventana de fechas en una línea siguiente"
DOS_VENTANAS_EN_CELDA = "dos ventanas en las mismas celdas de fecha"
DOS_RESPONSABLES_EN_CELDA = "dos responsables en una celda"

RAREZAS_CONOCIDAS = {
    "1.6": {RESPONSABLES_SIGUIENTES},  # 3 more offices, one per line
    "1.7": {VENTANA_SIGUIENTE},  # 01/11/2022 – 01/12/2022 on the next line
    "1.9": {VENTANA_SIGUIENTE},  # 01/06/2022 – 30/06/2022 on the next line
    "1.10": {DOS_VENTANAS_EN_CELDA},  # "01/05/2022 01/10/2022\t01/06/2022 01/11/2022"
    "1.11": {DOS_RESPONSABLES_EN_CELDA},  # "OPGI Todas las dependencias"
    "2.7": {RESPONSABLES_SIGUIENTES},  # 2 more offices, one per line
    "2.8": {PUNTO_FINAL, RESPONSABLES_SIGUIENTES},  # "2.8." and "OPGI" on the next line
}

# --- Parser of the document -----------------------------------------------------------

RE_SUBCOMPONENTE = re.compile(r"Subcomponente (\d+)\. (.+)")
RE_ACTIVIDAD = re.compile(r"(\d+\.\d+)(\.?) (.+)")
RE_FECHA = re.compile(r"\d{2}/\d{2}/\d{4}")
RE_CELDA_DE_FECHAS = re.compile(r"\d{2}/\d{2}/\d{4}(?: \d{2}/\d{2}/\d{4})*")
RE_TITULO = re.compile(r"(ESTRATEGIA DE RENDICIÓN DE CUENTAS) \*\*(.+)\*\*")
RE_META = re.compile(
    r"(?:(?P<minimo>Al menos|Mínimo) )?"
    r"(?P<numero>\d{1,3}(?:\.\d{3})*)"  # the dot groups thousands: 15.000 → 15000
    r"(?P<porcentaje>%)? "
    r"(?P<resto>.+?)\.?"
)


def fecha(texto: str) -> dt.date:
    return dt.datetime.strptime(texto, "%d/%m/%Y").date()


@dataclass
class ActividadSemilla:
    codigo: str
    subcomponente: int
    descripcion: str
    producto: str
    meta_texto: str
    responsables: list[str] = field(default_factory=list)
    ventanas: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    rarezas: set[str] = field(default_factory=set)


@dataclass
class Semilla:
    titulo: str
    entidad: str
    dependencia: str
    introduccion: list[str]
    componentes: list[str]
    subcomponentes: dict[int, str]
    actividades: list[ActividadSemilla]

    def actividad(self, codigo: str) -> ActividadSemilla:
        return next(a for a in self.actividades if a.codigo == codigo)


def separar_responsables(celda: str) -> list[str]:
    return CELDAS_CON_VARIOS_RESPONSABLES.get(celda, [celda])


def leer_fila_principal(celdas: list[str], subcomponente: int, n: int) -> ActividadSemilla:
    """The row that opens an activity: code+activity, product, meta, office(s), dates."""
    m = RE_ACTIVIDAD.fullmatch(celdas[0])
    codigo, punto_final, descripcion = m.groups()
    producto, meta, *resto = celdas[1:]
    fechas = [c for c in resto if RE_CELDA_DE_FECHAS.fullmatch(c)]
    responsables = [c for c in resto if not RE_CELDA_DE_FECHAS.fullmatch(c)]
    if len(fechas) != 2 or len(responsables) != 1:
        raise ValueError(f"línea {n}: fila de la actividad {codigo} con forma inesperada: {celdas}")
    actividad = ActividadSemilla(codigo, subcomponente, descripcion, producto, meta)
    if punto_final:  # "2.8."
        actividad.rarezas.add(PUNTO_FINAL)
    actividad.responsables = separar_responsables(responsables[0])
    if len(actividad.responsables) > 1:  # 1.11: "OPGI Todas las dependencias"
        actividad.rarezas.add(DOS_RESPONSABLES_EN_CELDA)
    # 1.10 puts both windows in the same two cells: the starts in «Fecha Inicio»,
    # the ends in «Fecha Final», in the same order.
    inicios, finales = fechas[0].split(), fechas[1].split()
    if len(inicios) != len(finales):
        raise ValueError(f"línea {n}: fechas desparejadas en la actividad {codigo}")
    if len(inicios) > 1:
        actividad.rarezas.add(DOS_VENTANAS_EN_CELDA)
    actividad.ventanas = [(fecha(i), fecha(f)) for i, f in zip(inicios, finales, strict=True)]
    return actividad


def leer_linea_siguiente(actividad: ActividadSemilla, celdas: list[str], n: int) -> None:
    """A continuation line: more offices (1.6, 2.7, 2.8) or another window (1.7, 1.9).

    The continuation cells are not aligned with the header (1.7's dates sit in
    the «Responsable» column, 2.8's "OPGI" in the first one), so they are told
    apart by their content, not by their column.
    """
    fechas = [c for c in celdas if RE_FECHA.fullmatch(c)]
    otras = [c for c in celdas if not RE_FECHA.fullmatch(c)]
    if fechas:
        if len(fechas) != 2 or otras:
            raise ValueError(f"línea {n}: ventana inesperada para {actividad.codigo}: {celdas}")
        actividad.ventanas.append((fecha(fechas[0]), fecha(fechas[1])))
        actividad.rarezas.add(VENTANA_SIGUIENTE)
    else:
        for celda in otras:
            actividad.responsables.extend(separar_responsables(celda))
        actividad.rarezas.add(RESPONSABLES_SIGUIENTES)


def leer_semilla(ruta: Path = SEMILLA) -> Semilla:
    lineas = ruta.read_text(encoding="utf-8").splitlines()

    # Letterhead and introduction: everything before the first table.
    inicio_tabla = next(i for i, linea in enumerate(lineas) if linea.startswith("Componente:"))
    cabecera = [linea.strip() for linea in lineas[:inicio_tabla]]
    i_titulo = next(i for i, linea in enumerate(cabecera) if RE_TITULO.fullmatch(linea))
    titulo, entidad = RE_TITULO.fullmatch(cabecera[i_titulo]).groups()
    # "OFICINA DE PLANEACIÓN" / "DE GESTIÓN INSTITUCIONAL" in the letterhead.
    i_oficina = cabecera.index("OFICINA DE PLANEACIÓN")
    dependencia = f"{cabecera[i_oficina]} {cabecera[i_oficina + 1]}"
    introduccion = [linea for linea in cabecera[i_titulo + 1 :] if linea]

    componentes: list[str] = []
    subcomponentes: dict[int, str] = {}
    actividades: list[ActividadSemilla] = []
    subcomponente = None
    actual = None
    for n, linea in enumerate(lineas[inicio_tabla:], start=inicio_tabla + 1):
        if linea.startswith("Componente:"):  # repeated at the top of every page
            nombre = linea.split("\t")[0].removeprefix("Componente:").strip()
            if nombre not in componentes:
                componentes.append(nombre)
            continue
        if linea.startswith("Subcomponente / Proceso\t"):  # column headers, every page
            continue
        if "\t" not in linea:  # blank lines and the letterhead repeated on a page
            continue
        celdas = [c.strip() for c in linea.split("\t") if c.strip()]
        if m := RE_SUBCOMPONENTE.fullmatch(celdas[0]):
            numero, nombre = int(m[1]), m[2]
            if subcomponentes.setdefault(numero, nombre) != nombre:
                raise ValueError(f"línea {n}: el subcomponente {numero} cambia de nombre")
            subcomponente = numero
            celdas = celdas[1:]
        if not celdas:
            continue
        if RE_ACTIVIDAD.fullmatch(celdas[0]):
            actual = leer_fila_principal(celdas, subcomponente, n)
            actividades.append(actual)
        elif actual is None:
            raise ValueError(f"línea {n}: contenido antes de la primera actividad: {celdas}")
        else:
            leer_linea_siguiente(actual, celdas, n)

    return Semilla(
        titulo=titulo,
        entidad=entidad,
        dependencia=dependencia,
        introduccion=introduccion,
        componentes=componentes,
        subcomponentes=subcomponentes,
        actividades=actividades,
    )


def interpretar_meta(texto: str) -> tuple[Decimal, str, str]:
    """«Al menos 50 encuestas aplicadas.» → (50, "minimo", "encuestas aplicadas")."""
    m = RE_META.fullmatch(texto)
    if m is None:
        raise ValueError(f"meta sin cantidad reconocible: {texto!r}")
    cantidad = Decimal(m["numero"].replace(".", ""))
    resto = m["resto"]
    if m["porcentaje"]:
        assert not m["minimo"], texto
        tipo = Actividad.TipoMeta.PORCENTAJE
        resto = resto.removeprefix("de ")  # «100% de información publicada…»
    elif m["minimo"]:  # «Al menos» / «Mínimo»
        tipo = Actividad.TipoMeta.MINIMO
    else:
        tipo = Actividad.TipoMeta.EXACTA
    return cantidad, tipo, resto


def nombre_en_el_plan(texto: str) -> str:
    return MISMA_DEPENDENCIA.get(texto, texto)


DOC = leer_semilla()
CODIGOS = [a.codigo for a in DOC.actividades]


# --- Tests -----------------------------------------------------------------------------


@pytest.fixture
def plan_2022(db):
    call_command("loaddata", "plan_2022", verbosity=0)
    return Plan.objects.get(vigencia=VIGENCIA)


@pytest.fixture
def actividad(plan_2022, request):
    codigo = request.node.callspec.params["codigo"]
    return (
        Actividad.objects.select_related("subcomponente__componente", "plan")
        .filter(plan=plan_2022)
        .get(codigo=codigo)
    )


def test_el_lector_encuentra_las_23_actividades_del_documento():
    esperados = (
        [f"1.{i}" for i in range(1, 12)]
        + [f"2.{i}" for i in range(1, 9)]
        + [f"3.{i}" for i in range(1, 5)]
    )
    assert esperados == CODIGOS
    assert all(a.descripcion and a.producto and a.meta_texto for a in DOC.actividades)
    assert all(a.responsables and a.ventanas for a in DOC.actividades)


def test_el_lector_encuentra_las_rarezas_conocidas():
    encontradas = {a.codigo: a.rarezas for a in DOC.actividades if a.rarezas}
    assert encontradas == RAREZAS_CONOCIDAS


def test_el_lector_reconoce_las_metas():
    assert interpretar_meta("15.000 ejemplares elaborados y distribuidos.") == (
        Decimal(15000),
        "exacta",
        "ejemplares elaborados y distribuidos",
    )
    assert interpretar_meta("100% de información publicada en redes sociales.") == (
        Decimal(100),
        "porcentaje",
        "información publicada en redes sociales",
    )
    assert interpretar_meta("Mínimo 29 espacios de diálogo realizados")[:2] == (29, "minimo")
    assert interpretar_meta("Al menos 3 informes de respuestas.")[:2] == (3, "minimo")


@pytest.mark.django_db
def test_encabezado_del_plan(plan_2022):
    assert plan_2022.entidad.nombre == DOC.entidad == ENTIDAD
    assert plan_2022.vigencia == VIGENCIA
    # Every date of the document falls in the plan's year.
    assert {f.year for a in DOC.actividades for v in a.ventanas for f in v} == {VIGENCIA}
    # The document writes the title and the office in capitals.
    assert plan_2022.titulo.casefold() == DOC.titulo.casefold()
    assert plan_2022.dependencia.casefold() == DOC.dependencia.casefold()
    assert len(DOC.introduccion) == 4
    posicion = 0
    for parrafo in DOC.introduccion:
        assert parrafo in plan_2022.introduccion[posicion:], parrafo[:60]
        posicion = plan_2022.introduccion.index(parrafo, posicion) + len(parrafo)


@pytest.mark.django_db
def test_componente_y_subcomponentes(plan_2022):
    assert DOC.componentes == ["Rendición de cuentas"]
    componentes = list(plan_2022.componentes.all())
    assert [c.nombre for c in componentes] == DOC.componentes
    subcomponentes = componentes[0].subcomponentes.all()
    assert [(s.numero, s.nombre) for s in subcomponentes] == sorted(DOC.subcomponentes.items())
    assert len(DOC.subcomponentes) == 3


@pytest.mark.django_db
def test_actividades_en_el_orden_del_documento(plan_2022):
    codigos = list(plan_2022.actividades.values_list("codigo", flat=True))
    assert len(codigos) == 23
    assert codigos == CODIGOS
    # The default ordering of the model is numeric, not alphabetical.
    assert (
        list(Actividad.objects.filter(plan=plan_2022).values_list("codigo", flat=True)) == CODIGOS
    )
    assert codigos.index("1.10") == codigos.index("1.9") + 1


@pytest.mark.django_db
def test_dependencias_del_plan(plan_2022):
    en_el_documento = {nombre_en_el_plan(r) for a in DOC.actividades for r in a.responsables}
    en_el_plan = set(
        ActividadResponsable.objects.filter(actividad__plan=plan_2022).values_list(
            "responsable__nombre", flat=True
        )
    )
    assert en_el_plan == en_el_documento
    assert len(en_el_plan) == 13
    # The document's sigla belongs to the office it abbreviates.
    opgi = Responsable.objects.get(nombre=MISMA_DEPENDENCIA["OPGI"])
    assert opgi.sigla == "OPGI"


@pytest.mark.django_db
@pytest.mark.parametrize("codigo", CODIGOS)
def test_textos(actividad, codigo):
    fila = DOC.actividad(codigo)
    assert actividad.subcomponente.numero == fila.subcomponente
    assert actividad.subcomponente.nombre == DOC.subcomponentes[fila.subcomponente]
    assert actividad.descripcion == fila.descripcion
    assert actividad.producto == fila.producto
    assert actividad.meta_texto == fila.meta_texto


@pytest.mark.django_db
@pytest.mark.parametrize("codigo", CODIGOS)
def test_meta(actividad, codigo):
    cantidad, tipo, resto = interpretar_meta(DOC.actividad(codigo).meta_texto)
    assert actividad.meta_cantidad == cantidad
    assert actividad.meta_tipo == tipo
    # The unit is the wording written right after the quantity (possibly shortened).
    assert actividad.meta_unidad
    assert f"{resto} ".startswith(f"{actividad.meta_unidad} ")


@pytest.mark.django_db
@pytest.mark.parametrize("codigo", CODIGOS)
def test_responsables_en_orden(actividad, codigo):
    asignaciones = list(actividad.asignaciones.select_related("responsable"))
    esperados = [nombre_en_el_plan(r) for r in DOC.actividad(codigo).responsables]
    assert [a.responsable.nombre for a in asignaciones] == esperados
    assert [a.orden for a in asignaciones] == list(range(1, len(esperados) + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("codigo", CODIGOS)
def test_ventanas_de_fechas(actividad, codigo):
    ventanas = [(v.inicio, v.fin) for v in actividad.ventanas.all()]
    assert ventanas == DOC.actividad(codigo).ventanas
