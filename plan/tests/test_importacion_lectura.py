"""The plan import's first two steps on real files: reading a spreadsheet as an entity
writes it (plan.importacion.lectura) and finding its table, columns and rows
(plan.importacion.encabezados).

The files are in tests/data (plan_*.xlsx, plan_excel_espanol.csv), written by
tests/data/generar_planes.py, whose docstrings describe each file's shape. Everything
here is pure Python except the app's own exports, built from the 2022 plan.
"""

import csv
import datetime
import importlib.util
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from nucleo.documentos import xlsx_desde_hojas
from plan import informes
from plan.importacion import encabezados, lectura
from plan.importacion.encabezados import encontrar_tabla, filas, proponer_mapeo
from plan.importacion.lectura import leer_archivo
from plan.importacion.tipos import Campo, Celda, ErrorDeLectura, FilaLeida, Hoja, Libro
from plan.models import Ventana
from plan.plantilla import plantilla_actividades

DATOS = Path(__file__).resolve().parents[2] / "tests" / "data"
C = Campo


def leer(nombre: str) -> Libro:
    return leer_archivo((DATOS / nombre).read_bytes(), nombre_archivo=nombre)


def tabla_y_filas(nombre: str):
    libro = leer(nombre)
    tabla = encontrar_tabla(libro)
    return tabla, filas(libro, tabla)


def por_numero(leidas: list[FilaLeida]) -> dict[int, FilaLeida]:
    return {fila.numero: fila for fila in leidas}


def celda(fila: FilaLeida, campo: Campo) -> tuple[object, str, bool]:
    """What the tests look at in a cell: value, position, continued."""
    leida = fila.celdas[campo]
    return leida.valor, leida.posicion, leida.continuada


def xlsx(hoja_llena) -> bytes:
    libro = Workbook()
    hoja_llena(libro.active)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def libro_de(*hojas: tuple[str, list[list[object]]]) -> Libro:
    """A `Libro` written by hand: «~» before a text marks a cell continued from a merge."""

    def una(fila: int, columna: int, valor: object) -> Celda:
        letra = chr(ord("A") + columna)
        if isinstance(valor, str) and valor.startswith("~"):
            return Celda(valor=valor[1:], fila=fila, columna=letra, continuada=True)
        return Celda(valor=valor, fila=fila, columna=letra)

    return Libro(
        nombre_archivo="a-mano.xlsx",
        hojas=[
            Hoja(
                nombre=nombre,
                filas=[
                    [una(numero, i, v) for i, v in enumerate(valores)]
                    for numero, valores in enumerate(contenido, start=1)
                ],
            )
            for nombre, contenido in hojas
        ],
    )


# --- The files are what the generator writes -------------------------------------------


def test_los_archivos_de_prueba_son_los_que_escribe_su_generador():
    especificacion = importlib.util.spec_from_file_location(
        "generar_planes", DATOS / "generar_planes.py"
    )
    assert especificacion is not None and especificacion.loader is not None
    generador = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(generador)

    assert len(generador.ARCHIVOS) == 7
    for nombre, generar in generador.ARCHIVOS.items():
        assert generar() == (DATOS / nombre).read_bytes(), f"{nombre}: corra generar_planes.py"


# --- (a) Función Pública's template -----------------------------------------------------


def test_la_plantilla_de_funcion_publica_con_titulos_y_celdas_combinadas_se_lee_entera():
    tabla, leidas = tabla_y_filas("plan_funcion_publica.xlsx")

    assert (tabla.hoja, tabla.fila_encabezado) == ("PAAC 2026", 5)
    assert tabla.encabezados == [
        "Subcomponente",
        "Codigo",
        "Actividades",
        "Meta o producto",
        "Responsable",
        "Fecha programada",
    ]
    assert tabla.mapeo == {
        0: C.SUBCOMPONENTE,
        1: C.CODIGO,  # «Codigo» without its accent
        2: C.ACTIVIDAD,
        3: C.META,
        4: C.RESPONSABLE,
        5: C.FECHA,
    }
    assert tabla.avisos == []
    assert [f.numero for f in leidas] == list(range(6, 19))
    assert [f.celdas[C.CODIGO].valor for f in leidas][:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]

    fila = por_numero(leidas)
    primero = "Subcomponente 1\nInformación de calidad y en lenguaje comprensible"
    # The merged Subcomponente: written in A6, continued over A7:A9.
    assert celda(fila[6], C.SUBCOMPONENTE) == (primero, "A6", False)
    assert celda(fila[9], C.SUBCOMPONENTE) == (primero, "A9", True)
    assert fila[10].celdas[C.SUBCOMPONENTE].valor.startswith("Subcomponente 2\nDiálogo")
    # The Responsable written once, blank below: each blank cell continues the one above.
    assert celda(fila[6], C.RESPONSABLE) == ("Secretaría de Planeación", "E6", False)
    assert celda(fila[8], C.RESPONSABLE) == ("Secretaría de Planeación", "E8", True)
    assert celda(fila[12], C.RESPONSABLE) == ("Secretaría de Gobierno", "E12", True)
    assert celda(fila[13], C.RESPONSABLE) == ("Oficina de Comunicaciones", "E13", False)
    assert celda(fila[18], C.RESPONSABLE) == ("Oficina de Control Interno", "E18", True)
    # The componente's title above the header names the componente of every row.
    assert {celda(f, C.COMPONENTE) for f in leidas} == {
        ("Componente 3: Rendición de cuentas", "A4", True)
    }
    assert celda(fila[12], C.META) == ("100% de preguntas respondidas", "D12", False)
    assert celda(fila[10], C.FECHA) == ("15 de noviembre de 2026", "F10", False)


def test_una_celda_combinada_da_su_valor_a_todo_el_rango():
    libro = leer("plan_funcion_publica.xlsx")
    hoja = libro.hojas[0]

    titulo = hoja.filas[0]  # A1:F1 merged
    assert [(c.valor, c.posicion, c.continuada) for c in (titulo[0], titulo[5])] == [
        ("ALCALDÍA MUNICIPAL DE PASTO", "A1", False),
        ("ALCALDÍA MUNICIPAL DE PASTO", "F1", True),
    ]
    assert hoja.filas[8][0].valor.startswith("Subcomponente 1") and hoja.filas[8][0].continuada
    assert hoja.filas[2][0] == Celda(valor=None, fila=3, columna="A")  # the blank row 3
    assert {len(f) for f in hoja.filas} == {6}  # every row as wide as the sheet


# --- (b) A whole PAAC: one table per componente ---------------------------------------


def test_un_paac_con_tres_componentes_uno_bajo_otro_se_lee_con_su_componente_en_cada_fila():
    tabla, leidas = tabla_y_filas("plan_varios_componentes.xlsx")

    assert (tabla.hoja, tabla.fila_encabezado) == ("PAAC", 4)  # the first of the three headers
    # The headings (3, 11, 17) and the repeated headers (12, 18) are not activities.
    assert [f.numero for f in leidas] == [5, 6, 7, 8, 9, 13, 14, 15, 19, 20, 21, 22, 23]
    assert [f.celdas[C.CODIGO].valor for f in leidas] == [
        "1.1", "1.2", "2.1", "3.1", "3.2",
        "1.1", "1.2", "2.1",
        "1.1", "1.2", "2.1", "2.2", "3.1",
    ]  # fmt: skip
    componentes = [celda(f, C.COMPONENTE) for f in leidas]
    assert (
        componentes[:5]
        == [
            (
                "Componente 1: Gestión del riesgo de corrupción – Mapa de riesgos de corrupción",
                "A3",
                True,
            )
        ]
        * 5
    )
    assert componentes[5:8] == [("Componente 2: Racionalización de trámites", "A11", True)] * 3
    assert componentes[8:] == [("Componente 3: Rendición de cuentas", "A17", True)] * 5

    fila = por_numero(leidas)
    assert celda(fila[6], C.SUBCOMPONENTE) == (
        "Subcomponente 1 Política de administración de riesgos",
        "A6",
        True,
    )  # merged A5:A6
    assert celda(fila[14], C.SUBCOMPONENTE) == ("1. Identificación de trámites", "A14", False)
    # Componente 3 writes its Subcomponente on the first row only: the blank continues it,
    # and never from componente 2 («2. Racionalización»).
    assert celda(fila[19], C.SUBCOMPONENTE) == (
        "Subcomponente 1 Información de calidad y en lenguaje comprensible",
        "A19",
        False,
    )
    assert celda(fila[20], C.SUBCOMPONENTE)[1:] == ("A20", True)
    assert fila[20].celdas[C.SUBCOMPONENTE].valor.startswith("Subcomponente 1 Información")
    assert celda(fila[22], C.SUBCOMPONENTE) == ("Subcomponente 2 Diálogo de doble vía", "A22", True)


# --- (c) Three-level codes and a Componente column ------------------------------------


def test_un_ptep_con_columna_componente_y_codigos_de_tres_niveles():
    tabla, leidas = tabla_y_filas("plan_tres_niveles.xlsx")

    assert (tabla.hoja, tabla.fila_encabezado) == ("PTEP 2024", 2)
    assert tabla.mapeo == {
        0: C.COMPONENTE,
        1: C.SUBCOMPONENTE,
        2: C.CODIGO,
        3: C.ACTIVIDAD,
        4: C.META,
        5: C.RESPONSABLE,  # «Responsable(s)»
        6: C.FECHA,
    }
    assert len(leidas) == 12
    assert [f.celdas[C.CODIGO].valor for f in leidas][::4] == ["1.1.1", "2.1.1", "3.1.1"]
    fila = por_numero(leidas)
    riesgos = "Componente 1: Gestión de riesgos de corrupción"
    assert celda(fila[3], C.COMPONENTE) == (riesgos, "A3", False)
    assert celda(fila[6], C.COMPONENTE) == (riesgos, "A6", True)
    assert celda(fila[7], C.COMPONENTE) == ("Componente 2: Rendición de cuentas", "A7", False)
    assert celda(fila[14], C.COMPONENTE) == ("Componente 3: Atención al ciudadano", "A14", True)
    assert celda(fila[14], C.FECHA) == ("30/06/2024; 15/12/2024", "G14", False)


# --- (d) A cover sheet first, percent and date cells ----------------------------------


def test_los_datos_en_la_segunda_hoja_con_porcentajes_y_fechas_de_excel():
    libro = leer("plan_segunda_hoja.xlsx")
    tabla = encontrar_tabla(libro)
    leidas = filas(libro, tabla)

    assert [h.nombre for h in libro.hojas] == ["Portada", "Plan 2025"]
    assert libro.hojas[0].filas[3][1].valor == datetime.date(2025, 1, 30)
    assert (tabla.hoja, tabla.fila_encabezado) == ("Plan 2025", 1)
    assert tabla.mapeo == {
        0: C.SUBCOMPONENTE,  # «Subcomponente / Proceso»
        1: C.CODIGO,
        2: C.ACTIVIDAD,
        3: C.PRODUCTO,
        4: C.META,
        5: C.RESPONSABLE,
        6: C.FECHA_INICIO,
        7: C.FECHA_FIN,
    }
    assert len(leidas) == 10
    fila = por_numero(leidas)
    metas = {n: (fila[n].celdas[C.META].valor, fila[n].celdas[C.META].es_porcentaje) for n in fila}
    # Excel shows 100 % and 50 %, and stores 1 and 0.5.
    assert metas[2] == (1, True) and metas[5] == (0.5, True) and metas[11] == (0.8, True)
    assert metas[3] == (4, False) and metas[9] == (120, False)
    inicio, fin = fila[2].celdas[C.FECHA_INICIO], fila[2].celdas[C.FECHA_FIN]
    assert (inicio.valor, inicio.posicion) == (datetime.date(2025, 2, 1), "G2")
    assert (fin.valor, fin.posicion) == (datetime.date(2025, 3, 31), "H2")
    # A date, not a datetime at midnight (datetime is a subclass of date).
    assert type(inicio.valor) is datetime.date and type(fin.valor) is datetime.date
    assert not inicio.es_porcentaje


def test_una_fecha_con_hora_sigue_siendo_fecha_y_hora():
    def llenar(hoja):
        hoja["A1"] = datetime.datetime(2026, 3, 1, 14, 30)
        hoja["A2"] = datetime.datetime(2026, 3, 2, 0, 0)

    hoja = leer_archivo(xlsx(llenar), nombre_archivo="horas.xlsx").hojas[0]

    assert hoja.filas[0][0].valor == datetime.datetime(2026, 3, 1, 14, 30)
    assert type(hoja.filas[1][0].valor) is datetime.date


# --- (e) The CSV of a Spanish Excel ----------------------------------------------------


def test_el_csv_de_excel_en_espanol_con_punto_y_coma_y_windows_1252():
    tabla, leidas = tabla_y_filas("plan_excel_espanol.csv")

    assert (tabla.hoja, tabla.fila_encabezado) == ("plan_excel_espanol", 2)
    assert tabla.mapeo == {
        0: C.SUBCOMPONENTE,
        1: C.CODIGO,
        2: C.ACTIVIDAD,
        3: C.META,
        4: C.RESPONSABLE,
        5: C.FECHA,
    }
    assert [f.numero for f in leidas] == list(range(3, 13))
    fila = por_numero(leidas)
    # A line break inside the quoted cell: one cell, on row 3 still.
    assert celda(fila[3], C.RESPONSABLE) == (
        "Secretaría de Salud\nOficina de Comunicaciones",
        "E3",
        False,
    )
    assert celda(fila[4], C.CODIGO) == ("1.2", "B4", False)  # the next record is row 4
    # Windows-1252's own characters (not in Latin-1): «“», «”», «–».
    assert fila[3].celdas[C.ACTIVIDAD].valor == (
        "Publicar la campaña “Túquerres rinde cuentas” sobre vacunación."
    )
    assert "página web – sección" in fila[4].celdas[C.ACTIVIDAD].valor
    assert fila[5].celdas[C.ACTIVIDAD].valor == "Diseñar piezas para niños, niñas y adolescentes."
    # A «;» inside a quoted cell and a «,» inside an unquoted one stay in their cell.
    assert fila[6].celdas[C.ACTIVIDAD].valor == (
        "Realizar la audiencia pública; transmitirla por la emisora comunitaria."
    )
    assert celda(fila[5], C.META) == ("Tres (3) piezas, una por trimestre", "D5", False)
    assert celda(fila[4], C.SUBCOMPONENTE) == (
        "Subcomponente 1: Información de calidad",
        "A4",
        True,
    )
    assert celda(fila[6], C.SUBCOMPONENTE) == ("Subcomponente 2: Diálogo de doble vía", "A6", False)


def _el_csv_como(codificacion: str, delimitador: str) -> bytes:
    texto = (DATOS / "plan_excel_espanol.csv").read_bytes().decode("cp1252")
    registros = list(csv.reader(io.StringIO(texto, newline=""), delimiter=";"))
    salida = io.StringIO(newline="")
    csv.writer(salida, delimiter=delimitador, lineterminator="\r\n").writerows(registros)
    return salida.getvalue().encode(codificacion)


@pytest.mark.parametrize(
    ("codificacion", "delimitador"),
    [("utf-8-sig", ";"), ("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", ","), ("utf-16", "\t")],
)
def test_el_mismo_csv_en_utf8_con_o_sin_bom_y_con_comas_se_lee_igual(codificacion, delimitador):
    original = leer("plan_excel_espanol.csv")
    otro = leer_archivo(_el_csv_como(codificacion, delimitador), nombre_archivo="otro.csv")

    assert otro.hojas[0].filas == original.hojas[0].filas
    assert otro.hojas[0].filas[2][4].valor == "Secretaría de Salud\nOficina de Comunicaciones"


def test_la_primera_linea_sep_de_excel_dice_el_delimitador_y_no_es_una_fila():
    contenido = "sep=,\r\nActividad,Meta o producto,Responsable\r\nPublicar;difundir,1,OPGI\r\n"

    libro = leer_archivo(contenido.encode("utf-8"), nombre_archivo="con-sep.csv")
    tabla = encontrar_tabla(libro)
    (fila,) = filas(libro, tabla)

    assert tabla.fila_encabezado == 1
    assert celda(fila, C.ACTIVIDAD) == ("Publicar;difundir", "A2", False)


# --- (f) Dates, metas and responsables written as text --------------------------------


def test_fechas_metas_y_responsables_escritos_en_palabras_llegan_como_se_escribieron():
    tabla, leidas = tabla_y_filas("plan_fechas_en_palabras.xlsx")

    assert (tabla.hoja, tabla.fila_encabezado) == ("Plan", 2)
    assert tabla.mapeo == {
        0: C.SUBCOMPONENTE,
        1: C.ACTIVIDAD,
        2: C.META,
        3: C.RESPONSABLE,
        4: C.FECHA,
    }
    assert len(leidas) == 12
    assert [celda(f, C.FECHA) for f in leidas[:6]] == [
        ("15 abril de 2017", "E3", False),
        ("19 y 20 de abril de 2017", "E4", False),
        ("22 al 28 de abril de 2017", "E5", False),
        ("Enero 2021", "E6", False),
        ("22/01/2015", "E7", False),
        ("01/02/2026-31/03/2026; 01/09/2026-30/09/2026", "E8", False),
    ]
    assert [f.celdas[C.META].valor for f in leidas[:6]] == [
        "Dos (2) informes",
        "100%",
        "Mínimo 29",
        "Al menos 50",
        "15.000 ejemplares",
        "N/A",
    ]
    assert [f.celdas[C.RESPONSABLE].valor for f in leidas[:3]] == [
        "Secretaría de Gobierno y Oficina Jurídica",
        "OPGI, Control Interno",
        "Secretaría de Salud; Oficina de Comunicaciones",
    ]
    assert C.CODIGO not in leidas[0].celdas  # no code column: none made up


# --- (g) The activity's number in its own column under «Actividades» ------------------


def test_el_numero_de_la_actividad_en_su_columna_bajo_actividades_combinado_es_el_codigo():
    tabla, leidas = tabla_y_filas("plan_actividades_numeradas.xlsx")

    assert (tabla.hoja, tabla.fila_encabezado) == ("Atención al ciudadano", 4)
    assert tabla.encabezados == [
        "Subcomponente",
        "Actividades",
        "Actividades",
        "Meta o producto",
        "Responsable",
        "Fecha programada",
    ]
    assert tabla.mapeo == {
        0: C.SUBCOMPONENTE,
        1: C.CODIGO,
        2: C.ACTIVIDAD,
        3: C.META,
        4: C.RESPONSABLE,
        5: C.FECHA,
    }
    assert tabla.avisos == [
        "El encabezado «Actividades» abarca las columnas B a C: se toma la C como "
        "«Actividad» y la B como «Código»."
    ]
    assert [f.numero for f in leidas] == list(range(5, 15))
    fila = por_numero(leidas)
    assert celda(fila[5], C.CODIGO) == (1.1, "B5", False)  # typed as a number in Excel
    assert celda(fila[7], C.CODIGO) == ("2.1", "B7", False)
    assert celda(fila[5], C.ACTIVIDAD) == (
        "Presentar al comité de gestión el informe de PQRSD del semestre.",
        "C5",
        False,
    )
    assert celda(fila[12], C.SUBCOMPONENTE) == (
        "Subcomponente 4\nNormativo y procedimental",
        "A12",
        False,
    )
    assert celda(fila[14], C.SUBCOMPONENTE)[1:] == ("A14", True)
    assert {celda(f, C.COMPONENTE) for f in leidas} == {
        ("Componente 4: Mecanismos para mejorar la atención al ciudadano", "A3", True)
    }


def test_bajo_un_encabezado_combinado_sin_numeros_el_campo_va_a_la_columna_con_texto():
    libro = libro_de(
        (
            "Plan",
            [
                ["Código", "Actividad", "~Actividad", "Meta o producto", "~Meta o producto"],
                ["1.1", "1", "Publicar el informe de gestión.", "Un (1) informe", None],
                ["1.2", "2", "Realizar la audiencia pública.", "Una (1) audiencia", None],
            ],
        )
    )

    tabla = encontrar_tabla(libro)

    # A «Código» column exists: the numbers under «Actividad» are not a second code.
    assert tabla.mapeo == {0: C.CODIGO, 1: None, 2: C.ACTIVIDAD, 3: C.META, 4: None}
    assert tabla.avisos == [
        "El encabezado «Actividad» abarca las columnas B a C: se toma la C como «Actividad»."
    ]
    assert [f.celdas[C.ACTIVIDAD].posicion for f in filas(libro, tabla)] == ["C2", "C3"]


# --- The mapping by synonyms ----------------------------------------------------------


@pytest.mark.parametrize(
    ("encabezado", "campo"),
    [
        ("Código", C.CODIGO),
        ("Codigo", C.CODIGO),
        ("Cód.", C.CODIGO),
        ("No.", C.CODIGO),
        ("N°", C.CODIGO),
        ("Nº", C.CODIGO),
        ("Item", C.CODIGO),
        ("Ítem", C.CODIGO),
        ("Actividades", C.ACTIVIDAD),
        ("ACTIVIDAD", C.ACTIVIDAD),
        ("Meta o producto", C.META),
        ("Meta/Producto", C.META),
        ("Meta / Producto", C.META),
        ("Meta", C.META),
        ("Producto", C.PRODUCTO),
        ("Responsable", C.RESPONSABLE),
        ("Responsable(s)", C.RESPONSABLE),
        ("Responsables", C.RESPONSABLE),
        ("Dependencia responsable", C.RESPONSABLE),
        ("Fecha programada", C.FECHA),
        ("  Fecha\nprogramada ", C.FECHA),
        ("Fecha", C.FECHA),
        ("Fechas programadas", C.FECHA),
        ("Plazo", C.FECHA),
        ("Ventanas", C.FECHA),
        ("Fecha inicio", C.FECHA_INICIO),
        ("Fecha de inicio", C.FECHA_INICIO),
        ("Fecha programada (inicio)", C.FECHA_INICIO),
        ("Fecha final", C.FECHA_FIN),
        ("Fecha fin", C.FECHA_FIN),
        ("Fecha de terminación", C.FECHA_FIN),
        ("Fecha programada (final)", C.FECHA_FIN),
        ("Subcomponente", C.SUBCOMPONENTE),
        ("Subcomponente / Proceso", C.SUBCOMPONENTE),
        ("Subcomponente/proceso", C.SUBCOMPONENTE),
        ("SUBCOMPONENTE", C.SUBCOMPONENTE),
        ("Componente", C.COMPONENTE),
        ("Fecha de ejecución", C.FECHA),
        ("Cronograma", C.FECHA),
        ("Área / Dependencia responsable", C.RESPONSABLE),
        ("Producto/Meta", C.META),
        ("Vigencia", C.VIGENCIA),
        ("Año", C.VIGENCIA),
        ("Entidad", C.ENTIDAD),
        ("Meta cantidad", C.META_CANTIDAD),
        ("Meta unidad", C.META_UNIDAD),
        ("Tipo de meta", C.META_TIPO),
    ],
)
def test_cada_sinonimo_de_un_encabezado_nombra_su_campo(encabezado, campo):
    assert proponer_mapeo([encabezado]) == {0: campo}


def test_un_encabezado_desconocido_se_ignora_con_un_aviso_y_uno_repetido_cede_al_primero():
    libro = libro_de(
        (
            "Plan",
            [
                ["Código", "Actividad", "Observaciones", "Meta", "Meta o producto", None],
                ["1.1", "Publicar el informe.", "Ninguna", "1 informe", "Un informe", None],
            ],
        )
    )

    tabla = encontrar_tabla(libro)

    assert tabla.mapeo == {0: C.CODIGO, 1: C.ACTIVIDAD, 2: None, 3: C.META, 4: None, 5: None}
    assert tabla.avisos == [
        "La columna C («Observaciones») no corresponde a ningún dato del plan: no se importa.",
        "Las columnas D («Meta») y E («Meta o producto») dicen lo mismo (Meta o producto): "
        "se usa la D y no se importa la E.",
    ]
    assert proponer_mapeo(tabla.encabezados) == tabla.mapeo
    (fila,) = filas(libro, tabla)
    assert set(fila.celdas) == {C.CODIGO, C.ACTIVIDAD, C.META}
    assert fila.celdas[C.META].valor == "1 informe"


def test_el_mapeo_corregido_por_la_persona_reemplaza_al_propuesto():
    libro = libro_de(
        (
            "Plan",
            [
                ["Actividad", "Meta", "Quién lo hace"],
                ["Publicar el informe.", "1 informe", "Oficina de Comunicaciones"],
            ],
        )
    )
    tabla = encontrar_tabla(libro)
    assert tabla.mapeo[2] is None

    (fila,) = filas(libro, tabla, mapeo={0: C.ACTIVIDAD, 1: C.PRODUCTO, 2: C.RESPONSABLE})

    assert celda(fila, C.RESPONSABLE) == ("Oficina de Comunicaciones", "C2", False)
    assert celda(fila, C.PRODUCTO) == ("1 informe", "B2", False)
    assert C.META not in fila.celdas


# --- Finding the table -----------------------------------------------------------------


def test_la_hoja_instrucciones_no_se_lee_aunque_tenga_encabezados():
    libro = libro_de(
        ("Instrucciones", [["Código", "Actividad", "Meta", "Responsable", "Fecha programada"]]),
        ("Plan", [["Actividad", "Meta"], ["Publicar el informe.", "1 informe"]]),
    )

    assert encontrar_tabla(libro).hoja == "Plan"
    # Unless the person picks it.
    assert encontrar_tabla(libro, hoja="Instrucciones").hoja == "Instrucciones"


def test_gana_la_fila_que_nombra_mas_campos_en_cualquier_hoja():
    libro = libro_de(
        ("Resumen", [["Actividad", "Meta"]]),
        ("Plan", [["Informe"], [], ["Código", "Actividad", "Meta", "Responsable"]]),
    )

    tabla = encontrar_tabla(libro)

    assert (tabla.hoja, tabla.fila_encabezado) == ("Plan", 3)
    assert encontrar_tabla(libro, hoja="Resumen").fila_encabezado == 1


def test_entre_dos_encabezados_iguales_gana_el_que_tiene_la_tabla_debajo():
    libro = libro_de(
        ("Portada", [["Ejemplo:"], ["Actividad", "Meta"], ["Publicar el informe.", "1 informe"]]),
        (
            "Plan",
            [["Actividad", "Meta"]]
            + [[f"Actividad número {n}.", f"{n} informes"] for n in range(1, 9)],
        ),
    )

    tabla = encontrar_tabla(libro)

    assert (tabla.hoja, tabla.fila_encabezado) == ("Plan", 1)
    assert len(filas(libro, tabla)) == 8


def test_la_fila_de_encabezados_que_la_persona_elige_se_toma_como_es():
    libro = libro_de(
        (
            "Plan",
            [
                ["Plan de acción 2026"],
                ["Qué se hace", "Cuánto", "Quién"],
                ["Publicar el informe.", "1 informe", "OPGI"],
            ],
        )
    )
    with pytest.raises(ErrorDeLectura):
        encontrar_tabla(libro)  # no «Actividad» nor «Meta» in any row

    tabla = encontrar_tabla(libro, hoja="Plan", fila_encabezado=2)
    (fila,) = filas(libro, tabla, mapeo={0: C.ACTIVIDAD, 1: C.META, 2: C.RESPONSABLE})

    assert (tabla.hoja, tabla.fila_encabezado) == ("Plan", 2)
    assert tabla.encabezados == ["Qué se hace", "Cuánto", "Quién"]
    assert tabla.mapeo == {0: None, 1: None, 2: None}
    assert celda(fila, C.ACTIVIDAD) == ("Publicar el informe.", "A3", False)
    with pytest.raises(ErrorDeLectura) as error:
        encontrar_tabla(libro, hoja="Plan", fila_encabezado=4)
    assert str(error.value) == (
        "La hoja «Plan» no tiene una fila 4: elija la fila de los encabezados."
    )


def test_una_hoja_que_no_existe_se_nombra_con_las_que_hay():
    libro = libro_de(("Portada", [["Plan"]]), ("Plan 2026", [["Actividad", "Meta"]]))

    with pytest.raises(ErrorDeLectura) as error:
        encontrar_tabla(libro, hoja="Hoja1")

    assert str(error.value) == (
        "El archivo no tiene una hoja «Hoja1»; sus hojas son: «Portada», «Plan 2026»."
    )


def test_sin_fila_de_encabezados_el_error_dice_que_se_esperaba():
    mensaje = (
        "No encontramos la fila de encabezados: se esperaba una columna «Actividad» y una "
        "«Meta o producto» (o «Producto») en las primeras 30 filas de alguna hoja. Escriba "
        "los encabezados en una sola fila, por ejemplo: «Subcomponente», «Código», "
        "«Actividad», «Meta o producto», «Responsable», «Fecha programada»."
    )
    sin_meta = libro_de(("Plan", [["Código", "Actividad", "Responsable"], ["1.1", "Algo", "OPGI"]]))
    muy_abajo = libro_de(("Plan", [[f"Nota {n}"] for n in range(30)] + [["Actividad", "Meta"]]))
    vacio = libro_de(("Hoja1", []))

    for libro in (sin_meta, muy_abajo, vacio):
        with pytest.raises(ErrorDeLectura) as error:
            encontrar_tabla(libro)
        assert str(error.value) == mensaje


def test_un_encabezado_en_dos_filas_con_fecha_programada_sobre_inicio_y_fin():
    def llenar(hoja):
        for fila in (1, 5):  # the header, and again on the next printed page
            for columna, texto in enumerate(["Subcomponente", "Actividad", "Meta", "Responsable"]):
                hoja.cell(row=fila, column=columna + 1, value=texto)
                hoja.merge_cells(
                    start_row=fila,
                    start_column=columna + 1,
                    end_row=fila + 1,
                    end_column=columna + 1,
                )
            hoja.cell(row=fila, column=5, value="Fecha programada")
            hoja.merge_cells(start_row=fila, start_column=5, end_row=fila, end_column=6)
            hoja.cell(row=fila + 1, column=5, value="Inicio")
            hoja.cell(row=fila + 1, column=6, value="Fin")
        for posicion, valor in {
            "A3": "1. Información",
            "B3": "Publicar el informe.",
            "C3": "1 informe",
            "D3": "OPGI",
            "E3": datetime.date(2026, 2, 1),
            "F3": datetime.date(2026, 3, 31),
            "B4": "Publicar boletines.",
            "C4": "4 boletines",
        }.items():
            hoja[posicion] = valor
        hoja["A7"], hoja["B7"], hoja["C7"] = "2. Diálogo", "Realizar la audiencia.", "1 audiencia"
        hoja["F7"] = datetime.date(2026, 11, 30)

    libro = leer_archivo(xlsx(llenar), nombre_archivo="dos-filas.xlsx")
    tabla = encontrar_tabla(libro)
    leidas = filas(libro, tabla)

    assert tabla.fila_encabezado == 1
    assert tabla.encabezados == [
        "Subcomponente",
        "Actividad",
        "Meta",
        "Responsable",
        "Fecha programada Inicio",
        "Fecha programada Fin",
    ]
    assert list(tabla.mapeo.values()) == [
        C.SUBCOMPONENTE,
        C.ACTIVIDAD,
        C.META,
        C.RESPONSABLE,
        C.FECHA_INICIO,
        C.FECHA_FIN,
    ]
    assert tabla.avisos == []
    assert [f.numero for f in leidas] == [3, 4, 7]  # rows 2, 5 and 6 are the header
    assert celda(leidas[0], C.FECHA_INICIO) == (datetime.date(2026, 2, 1), "E3", False)
    assert celda(leidas[2], C.FECHA_FIN) == (datetime.date(2026, 11, 30), "F7", False)


def test_bajo_un_encabezado_combinado_el_de_abajo_solo_cuenta_si_solo_el_nombra_un_campo():
    libro = libro_de(
        (
            "Plan",
            [
                ["Actividad", "Meta", "Fechas", "~Fechas", "Observaciones"],
                [None, None, "Fecha de inicio", "Fecha de terminación", None],
                ["Publicar el informe.", "1 informe", "01/02/2026", "31/03/2026", None],
            ],
        )
    )

    tabla = encontrar_tabla(libro)

    assert tabla.encabezados == [
        "Actividad",
        "Meta",
        "Fecha de inicio",
        "Fecha de terminación",
        "Observaciones",
    ]
    assert list(tabla.mapeo.values()) == [C.ACTIVIDAD, C.META, C.FECHA_INICIO, C.FECHA_FIN, None]
    assert [f.numero for f in filas(libro, tabla)] == [3]


# --- Reading the rows: groups, headings, repeated headers ------------------------------


def test_una_fila_con_solo_el_subcomponente_es_un_titulo_de_grupo_y_no_una_actividad():
    libro = libro_de(
        (
            "Plan",
            [
                ["Subcomponente", "Código", "Actividad", "Meta", "Responsable"],
                ["Subcomponente 1: Información", None, None, None, None],
                [None, "1.1", "Publicar el informe.", "1 informe", "OPGI"],
                [None, "1.2", "Publicar boletines.", "4 boletines", None],
                [None, None, None, None, None],
                ["Subcomponente 2: Diálogo de doble vía", None, None, None, None],
                [None, "2.1", "Realizar la audiencia.", "1 audiencia", None],
                [None, "2.9", None, None, None],  # numbered in advance, never filled
            ],
        )
    )

    leidas = filas(libro, encontrar_tabla(libro))

    assert [f.numero for f in leidas] == [3, 4, 7]
    assert [celda(f, C.SUBCOMPONENTE) for f in leidas] == [
        ("Subcomponente 1: Información", "A3", True),
        ("Subcomponente 1: Información", "A4", True),
        ("Subcomponente 2: Diálogo de doble vía", "A7", True),
    ]
    assert celda(leidas[1], C.RESPONSABLE) == ("OPGI", "E4", True)
    # A new subcomponente does not inherit the previous one's responsable.
    assert celda(leidas[2], C.RESPONSABLE) == (None, "E7", False)


def test_un_componente_nuevo_no_hereda_el_subcomponente_del_anterior():
    libro = libro_de(
        (
            "Plan",
            [
                ["Componente", "Subcomponente", "Actividad", "Meta"],
                ["Rendición de cuentas", "1. Información", "Publicar el informe.", "1"],
                [None, None, "Publicar boletines.", "4"],
                ["Atención al ciudadano", None, "Ampliar el horario.", "1"],
                [None, "1. Canales", "Habilitar el chat.", "1"],
                [None, None, "Medir la satisfacción.", "2"],
            ],
        )
    )

    leidas = filas(libro, encontrar_tabla(libro))

    assert [celda(f, C.SUBCOMPONENTE) for f in leidas] == [
        ("1. Información", "B2", False),
        ("1. Información", "B3", True),
        (None, "B4", False),  # componente 2 starts without one: not «1. Información»
        ("1. Canales", "B5", False),
        ("1. Canales", "B6", True),
    ]
    assert [celda(f, C.COMPONENTE)[0] for f in leidas] == ["Rendición de cuentas"] * 2 + [
        "Atención al ciudadano"
    ] * 3


def test_un_titulo_de_componente_combinado_sobre_la_tabla_y_el_encabezado_repetido():
    libro = libro_de(
        (
            "PAAC",
            [
                ["Código", "Actividad", "Meta o producto", "Responsable"],
                ["Componente 1: Mapa de riesgos", "~Componente 1: Mapa de riesgos", None, None],
                ["1.1", "Publicar el mapa.", "1 mapa", "OPGI"],
                ["COMPONENTE 2. RENDICIÓN DE CUENTAS", "~x", "~x", "~x"],
                ["Código", "Actividad", "Meta o producto", "Responsable"],
                ["1.1", "Realizar la audiencia.", "1 audiencia", "Despacho"],
                ["Código", "Actividad", "Meta o producto", "Responsable"],  # next page
                ["1.2", "Publicar las respuestas.", "1 informe", None],
            ],
        )
    )

    leidas = filas(libro, encontrar_tabla(libro))

    assert [(f.numero, f.celdas[C.CODIGO].valor) for f in leidas] == [
        (3, "1.1"),
        (6, "1.1"),
        (8, "1.2"),
    ]
    assert [celda(f, C.COMPONENTE) for f in leidas] == [
        ("Componente 1: Mapa de riesgos", "A2", True),
        ("COMPONENTE 2. RENDICIÓN DE CUENTAS", "A4", True),
        ("COMPONENTE 2. RENDICIÓN DE CUENTAS", "A4", True),
    ]
    # The header in between breaks no group: row 8 continues row 6's responsable.
    assert celda(leidas[2], C.RESPONSABLE) == ("Despacho", "D8", True)


def test_bajo_el_encabezado_de_otra_tabla_las_columnas_son_las_suyas():
    libro = libro_de(
        (
            "PAAC",
            [
                ["Componente 1: Racionalización de trámites"],
                ["Código", "Actividad", "Meta", "Responsable"],
                ["1.1", "Inscribir los trámites en el SUIT.", "100%", "Secretaría General"],
                ["Componente 2: Rendición de cuentas"],
                ["Actividad", "Código", "Responsable", "Meta o producto"],
                ["Realizar la audiencia.", "1.1", "Despacho", "Una (1) audiencia"],
            ],
        )
    )
    tabla = encontrar_tabla(libro)

    primera, segunda = filas(libro, tabla)

    assert tabla.fila_encabezado == 2
    assert celda(primera, C.ACTIVIDAD) == ("Inscribir los trámites en el SUIT.", "B3", False)
    assert celda(segunda, C.ACTIVIDAD) == ("Realizar la audiencia.", "A6", False)
    assert celda(segunda, C.META) == ("Una (1) audiencia", "D6", False)
    assert celda(segunda, C.RESPONSABLE) == ("Despacho", "C6", False)
    assert celda(segunda, C.COMPONENTE) == ("Componente 2: Rendición de cuentas", "A4", True)


@pytest.mark.parametrize(
    "titulo",
    ["Componente IV: Atención al ciudadano", "COMPONENTE 4 - ATENCIÓN AL CIUDADANO"],
)
def test_un_titulo_de_componente_en_numeros_romanos_o_en_mayusculas(titulo):
    libro = libro_de(
        (
            "Plan",
            [
                ["Actividad", "Meta"],
                [titulo, None],
                ["Ampliar el horario de atención.", "1 horario"],
            ],
        )
    )

    (fila,) = filas(libro, encontrar_tabla(libro))

    assert celda(fila, C.COMPONENTE) == (titulo, "A2", True)


def test_las_firmas_y_notas_bajo_la_tabla_no_son_actividades():
    libro = libro_de(
        (
            "Plan",
            [
                ["Código", "Actividad", "Meta", "Responsable"],
                ["1.1", "Firmar el pacto de integridad.", "1 pacto", "Despacho"],
                ["1.2", "Notificar las respuestas a los ciudadanos.", "100%", "Secretaría General"],
                [None, None, None, None],
                [None, "Elaboró: Secretaría de Planeación", "Revisó: Control Interno", None],
                ["Aprobado por: Comité Institucional de Gestión y Desempeño, acta 3 de 2026."],
                [None, "Nota: las fechas pueden ajustarse en el seguimiento.", None, None],
            ],
        )
    )

    leidas = filas(libro, encontrar_tabla(libro))

    assert [f.celdas[C.CODIGO].valor for f in leidas] == ["1.1", "1.2"]


def test_una_actividad_que_empieza_por_componente_sigue_siendo_una_actividad():
    libro = libro_de(
        (
            "Plan",
            [
                ["Actividad", "Meta"],
                ["Componente 1 del plan: socializarlo con las dependencias.", "2 jornadas"],
            ],
        )
    )

    (fila,) = filas(libro, encontrar_tabla(libro))

    assert fila.celdas[C.ACTIVIDAD].valor.startswith("Componente 1 del plan")
    assert C.COMPONENTE not in fila.celdas


# --- The app's own exports map every column -------------------------------------------


@pytest.mark.django_db
def test_el_plan_exportado_por_la_aplicacion_se_lee_con_todas_sus_columnas(plan_2022):
    contenido = xlsx_desde_hojas(informes.hojas_plan(informes.informe_plan(plan=plan_2022)))
    libro = leer_archivo(contenido, nombre_archivo="plan-rdc-2022.xlsx")

    tabla = encontrar_tabla(libro)
    leidas = filas(libro, tabla)

    assert (tabla.hoja, tabla.fila_encabezado) == ("Plan", 1)
    assert list(tabla.mapeo.values()) == [
        C.SUBCOMPONENTE,  # «Subcomponente / Proceso»
        C.CODIGO,
        C.ACTIVIDAD,  # «Actividades»
        C.PRODUCTO,
        C.META,
        C.RESPONSABLE,
        C.FECHA_INICIO,
        C.FECHA_FIN,
    ]
    assert tabla.avisos == []
    # One row per date window, as the export writes them.
    assert len(leidas) == Ventana.objects.filter(actividad__plan=plan_2022).count() > 20
    primera = leidas[0]
    assert celda(primera, C.CODIGO) == ("1.1", "B2", False)
    assert type(primera.celdas[C.FECHA_INICIO].valor) is datetime.date
    assert primera.celdas[C.FECHA_INICIO].valor.year == 2022


@pytest.mark.django_db
def test_la_plantilla_de_importacion_se_lee_con_todas_sus_columnas(plan_2022):
    libro = leer_archivo(plantilla_actividades(plan_2022), nombre_archivo="Plantilla.xlsx")

    tabla = encontrar_tabla(libro)
    (ejemplo,) = filas(libro, tabla)

    assert [h.nombre for h in libro.hojas] == ["Actividades", "Instrucciones"]
    assert (tabla.hoja, tabla.fila_encabezado) == ("Actividades", 1)
    assert list(tabla.mapeo.values()) == [
        C.VIGENCIA,
        C.ENTIDAD,
        C.SUBCOMPONENTE,
        C.CODIGO,
        C.ACTIVIDAD,
        C.PRODUCTO,
        C.META,
        C.META_CANTIDAD,
        C.META_UNIDAD,
        C.META_TIPO,
        C.RESPONSABLE,  # «Responsables»
        C.FECHA,  # «Ventanas»
    ]
    assert tabla.avisos == []
    assert celda(ejemplo, C.VIGENCIA) == (2022, "A2", False)
    assert celda(ejemplo, C.FECHA) == (
        "01/02/2022-31/03/2022; 01/09/2022-30/09/2022",
        "L2",
        False,
    )


# --- Files refused, with a Spanish message --------------------------------------------

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("contenido", "nombre", "mensaje"),
    [
        (
            OLE2,
            "plan.xls",
            "«plan.xls» está en el formato antiguo de Excel (.xls). Ábralo en Excel, "
            "guárdelo como «Libro de Excel (.xlsx)» o como CSV y súbalo de nuevo.",
        ),
        (
            b"<html><table><tr><td>Actividad</td></tr></table></html>",
            "Reporte.XLS",
            "«Reporte.XLS» está en el formato antiguo de Excel (.xls). Ábralo en Excel, "
            "guárdelo como «Libro de Excel (.xlsx)» o como CSV y súbalo de nuevo.",
        ),
        (
            OLE2,
            "plan.xlsx",
            "No pudimos abrir «plan.xlsx»: está protegido con contraseña (o es un .xls antiguo "
            "con otro nombre). Quite la contraseña en Excel, guárdelo como .xlsx y súbalo de nuevo.",
        ),
        (
            b"",
            "plan.xlsx",
            "El archivo «plan.xlsx» está vacío: no hay nada que importar.",
        ),
        (
            b"\r\n \r\n",
            "plan.csv",
            "El archivo «plan.csv» está vacío: no hay nada que importar.",
        ),
        (
            bytes(range(256)) * 4,
            "plan.xlsx",
            "No pudimos abrir «plan.xlsx»: el archivo está dañado o no es un libro de Excel "
            "(.xlsx). Ábralo en Excel, guárdelo de nuevo como .xlsx y súbalo otra vez.",
        ),
        (
            b"PK\x03\x04" + bytes(range(256)) * 4,  # a zip's signature, then garbage
            "plan.xlsx",
            "No pudimos abrir «plan.xlsx»: el archivo está dañado o no es un libro de Excel "
            "(.xlsx). Ábralo en Excel, guárdelo de nuevo como .xlsx y súbalo otra vez.",
        ),
        (
            bytes(range(256)) * 4,
            "plan.csv",
            "No pudimos leer «plan.csv» como CSV: no es un archivo de texto. Guárdelo desde "
            "Excel como «CSV (delimitado por comas)» o súbalo como .xlsx.",
        ),
        (
            b"%PDF-1.7 ...",
            "C:\\fakepath\\plan.pdf",
            "Suba un archivo .xlsx o .csv: «plan.pdf» no es una hoja de cálculo que podamos leer.",
        ),
        (
            b"Actividad;Meta",
            "plan",
            "Suba un archivo .xlsx o .csv: «plan» no es una hoja de cálculo que podamos leer.",
        ),
    ],
)
def test_un_archivo_que_no_es_un_plan_se_rechaza_con_un_mensaje_en_espanol(
    contenido, nombre, mensaje
):
    with pytest.raises(ErrorDeLectura) as error:
        leer_archivo(contenido, nombre_archivo=nombre)

    assert str(error.value) == mensaje


def test_un_libro_danado_en_cualquier_byte_se_lee_o_se_rechaza_con_el_mensaje_nunca_con_otro_error():
    original = (DATOS / "plan_funcion_publica.xlsx").read_bytes()
    danado = (
        "No pudimos abrir «plan.xlsx»: el archivo está dañado o no es un libro de Excel "
        "(.xlsx). Ábralo en Excel, guárdelo de nuevo como .xlsx y súbalo otra vez."
    )
    vacio = "El archivo «plan.xlsx» está vacío: no hay nada que importar."
    grande = "«plan.xlsx» es demasiado grande para ser un plan"
    rechazados = 0
    for posicion in range(0, len(original), 97):
        for contenido in (
            original[:posicion],  # cut short (an upload that stopped)
            original[:posicion] + bytes([original[posicion] ^ 0xFF]) + original[posicion + 1 :],
        ):
            try:
                leer_archivo(contenido, nombre_archivo="plan.xlsx")
            except ErrorDeLectura as error:
                rechazados += 1
                # A flipped size in the zip's directory declares a huge sheet: refused too.
                assert str(error) in (danado, vacio) or str(error).startswith(grande)
    assert rechazados > len(original) // 97  # every cut file at least


def test_un_libro_sin_contrasena_guardado_como_csv_se_lee_como_libro():
    contenido = (DATOS / "plan_tres_niveles.xlsx").read_bytes()

    libro = leer_archivo(contenido, nombre_archivo="plan.csv")

    assert [h.nombre for h in libro.hojas] == ["PTEP 2024"]


def test_mas_filas_que_el_limite_se_rechaza_en_csv_y_en_xlsx(monkeypatch):
    csv_largo = "Actividad;Meta\r\n" + "Publicar;1\r\n" * lectura.MAXIMO_FILAS
    with pytest.raises(ErrorDeLectura) as error:
        leer_archivo(csv_largo.encode(), nombre_archivo="largo.csv")
    assert str(error.value) == (
        "La hoja «largo» tiene más de 20.000 filas con datos: un plan no es tan largo. "
        "Deje en el archivo solo la tabla del plan."
    )
    # One row less is read.
    corto = "Actividad;Meta\r\n" + "Publicar;1\r\n" * (lectura.MAXIMO_FILAS - 1)
    assert len(leer_archivo(corto.encode(), nombre_archivo="corto.csv").hojas[0].filas) == 20_000

    monkeypatch.setattr(lectura, "MAXIMO_FILAS", 10)
    with pytest.raises(ErrorDeLectura) as error:
        leer("plan_funcion_publica.xlsx")
    assert str(error.value) == (
        "La hoja «PAAC 2026» tiene más de 10 filas con datos: un plan no es tan largo. "
        "Deje en el archivo solo la tabla del plan."
    )


def test_mas_columnas_que_el_limite_se_rechaza():
    def llenar(hoja):
        hoja["A1"], hoja["B1"] = "Actividad", "Meta"
        hoja.cell(row=2, column=61, value="nota al margen")

    with pytest.raises(ErrorDeLectura) as error:
        leer_archivo(xlsx(llenar), nombre_archivo="ancho.xlsx")

    assert str(error.value) == (
        "La hoja «Sheet» tiene datos en más de 60 columnas: un plan no es tan ancho. "
        "Deje en el archivo solo la tabla del plan."
    )
    ancho = ";".join(["x"] * 61)
    with pytest.raises(ErrorDeLectura, match="más de 60 columnas"):
        leer_archivo(ancho.encode(), nombre_archivo="ancho.csv")


def test_un_formato_aplicado_hasta_el_final_de_la_hoja_no_cuenta_como_datos():
    def llenar(hoja):
        hoja["A1"], hoja["B1"] = "Actividad", "Meta"
        hoja["A2"], hoja["B2"] = "Publicar el informe.", 1
        hoja["B2"].number_format = "0%"
        # Styled but empty, far below and far to the right: what «format whole column» leaves.
        hoja.cell(row=lectura.MAXIMO_FILAS + 500, column=2).number_format = "0%"
        hoja.cell(row=1, column=300).number_format = "dd/mm/yyyy"
        hoja["C2"] = "   "  # only spaces: blank

    hoja = leer_archivo(xlsx(llenar), nombre_archivo="formato.xlsx").hojas[0]

    assert len(hoja.filas) == 2 and {len(f) for f in hoja.filas} == {2}
    assert hoja.filas[1][1] == Celda(valor=1, fila=2, columna="B", es_porcentaje=True)


def test_el_limite_de_lo_descomprimido_se_comprueba_antes_de_abrir_el_libro(monkeypatch):
    monkeypatch.setattr(lectura, "MAXIMO_DESCOMPRIMIDO", 1000)

    with pytest.raises(ErrorDeLectura) as error:
        leer("plan_tres_niveles.xlsx")

    assert str(error.value).startswith("«plan_tres_niveles.xlsx» es demasiado grande")


def test_los_nombres_de_los_campos_cubren_todos_los_campos():
    assert set(encabezados.NOMBRES) == set(Campo)
    assert set(encabezados.SINONIMOS.values()) == set(Campo)
    # Every synonym is written as `normalizar` leaves a header: none can never match.
    assert [s for s in encabezados.SINONIMOS if encabezados.normalizar(s) != s] == []
