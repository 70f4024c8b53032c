"""The plan spreadsheets the import is tested on (plan/tests/test_importacion_lectura.py).

Each file has the shape of a real PAAC/PTEP table as a Colombian entity writes it on
Función Pública's template (Componente → Subcomponente → Actividad | Meta o producto |
Responsable | Fecha programada), with the quirks that made the old import load 0 of 16
rows. Run it from the repository's root to write them again, byte for byte the same
(fixed timestamps inside the XLSX; a test compares the committed files with this output):

    .venv/bin/python tests/data/generar_planes.py
"""

import csv
import datetime
import io
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

CARPETA = Path(__file__).resolve().parent
# Every XLSX says it was written at this moment, so two runs write the same bytes.
MOMENTO = datetime.datetime(2026, 1, 15, 8, 0, 0)

SUBCOMPONENTES_RDC = (
    "Subcomponente 1\nInformación de calidad y en lenguaje comprensible",
    "Subcomponente 2\nDiálogo de doble vía con la ciudadanía y sus organizaciones",
    "Subcomponente 3\nIncentivos para motivar la cultura de la rendición y petición de cuentas",
    "Subcomponente 4\nEvaluación y retroalimentación a la gestión institucional",
)


def _bytes_fijos(libro: Workbook) -> bytes:
    """The workbook's bytes with fixed dates (openpyxl stamps «now» in docProps/core.xml
    and in every zip entry)."""
    libro.properties.creator = "Pasto RdC (pruebas)"
    libro.properties.created = MOMENTO
    crudo = io.BytesIO()
    libro.save(crudo)
    fijo = io.BytesIO()
    sello = MOMENTO.strftime("%Y-%m-%dT%H:%M:%SZ")
    with (
        zipfile.ZipFile(io.BytesIO(crudo.getvalue())) as origen,
        zipfile.ZipFile(fijo, "w", zipfile.ZIP_DEFLATED) as destino,
    ):
        for info in origen.infolist():
            datos = origen.read(info.filename)
            if info.filename == "docProps/core.xml":
                datos = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + sello.encode() + rb"\g<2>",
                    datos,
                )
            entrada = zipfile.ZipInfo(info.filename, date_time=MOMENTO.timetuple()[:6])
            entrada.compress_type = zipfile.ZIP_DEFLATED
            destino.writestr(entrada, datos)
    return fijo.getvalue()


def _titulo(hoja: Worksheet, fila: int, texto: str, columnas: int) -> None:
    """A title row merged across the table, as entities center their titles."""
    hoja.cell(row=fila, column=1, value=texto).font = Font(bold=True)
    hoja.merge_cells(start_row=fila, start_column=1, end_row=fila, end_column=columnas)


def _filas(hoja: Worksheet, desde: int, filas: Sequence[Sequence[object]]) -> int:
    """Write `filas` from row `desde`; the next free row."""
    for numero, valores in enumerate(filas, start=desde):
        for columna, valor in enumerate(valores, start=1):
            if valor is not None:
                celda = hoja.cell(row=numero, column=columna, value=valor)
                celda.alignment = Alignment(wrap_text=True, vertical="top")
    return desde + len(filas)


def plan_funcion_publica() -> bytes:
    """`plan_funcion_publica.xlsx`: componente 3 (Rendición de cuentas) of a PAAC 2026 on
    Función Pública's template, one sheet «PAAC 2026».

    - rows 1–2: titles merged over A:F («ALCALDÍA MUNICIPAL DE PASTO», «Plan
      Anticorrupción y de Atención al Ciudadano 2026»); row 3 blank; row 4: the title
      «Componente 3: Rendición de cuentas» merged over A:F;
    - row 5: the header «Subcomponente | Codigo | Actividades | Meta o producto |
      Responsable | Fecha programada» («Codigo» without its accent);
    - rows 6–18: 13 activities, codes 1.1…4.2; the Subcomponente cell merged over its
      activities (A6:A9, A10:A13, A14:A16, A17:A18); the Responsable written on the first
      activity of a subcomponente only and blank below (E7–E9, E12, E15, E16, E18).
    """
    libro = Workbook()
    hoja = libro.active
    hoja.title = "PAAC 2026"
    _titulo(hoja, 1, "ALCALDÍA MUNICIPAL DE PASTO", 6)
    _titulo(hoja, 2, "Plan Anticorrupción y de Atención al Ciudadano 2026", 6)
    _titulo(hoja, 4, "Componente 3: Rendición de cuentas", 6)
    encabezado = (
        "Subcomponente",
        "Codigo",
        "Actividades",
        "Meta o producto",
        "Responsable",
        "Fecha programada",
    )
    _filas(hoja, 5, [encabezado])
    planeacion = "Secretaría de Planeación"
    actividades = [
        (0, "1.1", "Publicar el informe de gestión de la vigencia 2025 en el sitio web.", "Un (1) informe publicado", planeacion, "31/01/2026"),
        (0, "1.2", "Actualizar la sección de transparencia con los contratos del trimestre.", "Cuatro (4) actualizaciones", None, "Marzo, junio, septiembre y diciembre de 2026"),
        (0, "1.3", "Elaborar piezas en lenguaje claro sobre el presupuesto participativo.", "Seis (6) piezas", None, "01/03/2026-30/06/2026"),
        (0, "1.4", "Publicar los datos abiertos del plan de desarrollo.", "Un (1) conjunto publicado", None, "30/04/2026"),
        (1, "2.1", "Realizar la audiencia pública de rendición de cuentas.", "Una (1) audiencia realizada", "Despacho del Alcalde", "15 de noviembre de 2026"),
        (1, "2.2", "Realizar diálogos ciudadanos en los corregimientos.", "Mínimo 12 diálogos", "Secretaría de Gobierno", "01/02/2026-30/10/2026"),
        (1, "2.3", "Responder las preguntas ciudadanas recibidas en los diálogos.", "100% de preguntas respondidas", None, "Durante la vigencia"),
        (1, "2.4", "Transmitir los espacios de diálogo por redes sociales.", "Ocho (8) transmisiones", "Oficina de Comunicaciones", "01/03/2026-30/11/2026"),
        (2, "3.1", "Capacitar a los servidores públicos en rendición de cuentas.", "Dos (2) capacitaciones", "Subsecretaría de Talento Humano", "30/05/2026"),
        (2, "3.2", "Capacitar a veedurías ciudadanas en control social.", "Al menos 50 veedores capacitados", None, "01/06/2026-31/08/2026"),
        (2, "3.3", "Reconocer públicamente las buenas prácticas de participación.", "Un (1) reconocimiento", None, "Diciembre de 2026"),
        (3, "4.1", "Aplicar la encuesta de satisfacción de la audiencia pública.", "Una (1) encuesta aplicada", "Oficina de Control Interno", "30/11/2026"),
        (3, "4.2", "Publicar el informe de evaluación de la estrategia de rendición de cuentas.", "Un (1) informe de evaluación", None, "15/12/2026"),
    ]  # fmt: skip
    inicio = 6
    _filas(hoja, inicio, [(None, *fila[1:]) for fila in actividades])
    for numero, sub in enumerate(SUBCOMPONENTES_RDC):
        filas = [inicio + i for i, fila in enumerate(actividades) if fila[0] == numero]
        hoja.cell(row=filas[0], column=1, value=sub)
        hoja.merge_cells(start_row=filas[0], start_column=1, end_row=filas[-1], end_column=1)
    return _bytes_fijos(libro)


def plan_varios_componentes() -> bytes:
    """`plan_varios_componentes.xlsx`: a whole PAAC 2025 on one sheet «PAAC», one table
    per componente, one under another.

    - row 1: «Plan Anticorrupción y de Atención al Ciudadano 2025 – Alcaldía de Ipiales»;
    - each componente: a heading «Componente N: …» merged over A:F, then its own header
      «Subcomponente | Código | Actividad | Meta o producto | Responsable | Fecha
      programada», then its activities; a blank row before the next componente:
      - rows 3–9 «Componente 1: Gestión del riesgo de corrupción – Mapa de riesgos de
        corrupción» (header row 4): 5 activities 1.1, 1.2, 2.1, 3.1, 3.2; the
        Subcomponente merged (A5:A6, A8:A9);
      - rows 11–15 «Componente 2: Racionalización de trámites» (header row 12): 3
        activities 1.1, 1.2, 2.1; the Subcomponente written on every row;
      - rows 17–23 «Componente 3: Rendición de cuentas» (header row 18): 5 activities
        1.1, 1.2, 2.1, 2.2, 3.1; the Subcomponente on the first row of each only.
    Subcomponentes are numbered from 1 in each componente; 13 activities in all.
    """
    libro = Workbook()
    hoja = libro.active
    hoja.title = "PAAC"
    encabezado = (
        "Subcomponente",
        "Código",
        "Actividad",
        "Meta o producto",
        "Responsable",
        "Fecha programada",
    )
    _titulo(hoja, 1, "Plan Anticorrupción y de Atención al Ciudadano 2025 – Alcaldía de Ipiales", 6)

    _titulo(hoja, 3, "Componente 1: Gestión del riesgo de corrupción – Mapa de riesgos de corrupción", 6)  # fmt: skip
    _filas(hoja, 4, [encabezado])
    _filas(
        hoja,
        5,
        [
            ("Subcomponente 1 Política de administración de riesgos", "1.1", "Socializar la política de administración de riesgos.", "Una (1) socialización", "Oficina de Control Interno", "28/02/2025"),
            (None, "1.2", "Actualizar la política de administración de riesgos.", "Política actualizada", "Secretaría de Planeación", "31/03/2025"),
            ("Subcomponente 2 Construcción del mapa de riesgos de corrupción", "2.1", "Construir el mapa de riesgos de corrupción con las dependencias.", "Un (1) mapa publicado", "Secretaría de Planeación", "31/01/2025"),
            ("Subcomponente 3 Monitoreo y revisión", "3.1", "Monitorear los controles del mapa de riesgos.", "Tres (3) monitoreos", "Líderes de proceso", "30/04/2025; 31/08/2025; 31/12/2025"),
            (None, "3.2", "Publicar el seguimiento del mapa de riesgos.", "Tres (3) seguimientos publicados", "Oficina de Control Interno", "15/05/2025; 15/09/2025; 15/01/2026"),
        ],
    )  # fmt: skip
    hoja.merge_cells("A5:A6")
    hoja.merge_cells("A8:A9")

    _titulo(hoja, 11, "Componente 2: Racionalización de trámites", 6)
    _filas(hoja, 12, [encabezado])
    _filas(
        hoja,
        13,
        [
            ("1. Identificación de trámites", "1.1", "Inventariar los trámites de la entidad en el SUIT.", "100% de trámites inscritos", "Secretaría General", "30/06/2025"),
            ("1. Identificación de trámites", "1.2", "Priorizar los trámites a racionalizar.", "Dos (2) trámites priorizados", "Secretaría General", "31/07/2025"),
            ("2. Racionalización", "2.1", "Habilitar el pago en línea del impuesto predial.", "Pago en línea habilitado", "Secretaría de Hacienda", "30/11/2025"),
        ],
    )  # fmt: skip

    _titulo(hoja, 17, "Componente 3: Rendición de cuentas", 6)
    _filas(hoja, 18, [encabezado])
    _filas(
        hoja,
        19,
        [
            ("Subcomponente 1 Información de calidad y en lenguaje comprensible", "1.1", "Publicar el informe de gestión 2024.", "Un (1) informe", "Secretaría de Planeación", "31/01/2025"),
            (None, "1.2", "Publicar boletines de avance del plan de desarrollo.", "Cuatro (4) boletines", "Oficina de Comunicaciones", "Trimestral"),
            ("Subcomponente 2 Diálogo de doble vía", "2.1", "Realizar la audiencia pública de rendición de cuentas.", "Una (1) audiencia", "Despacho del Alcalde", "15/11/2025"),
            (None, "2.2", "Realizar mesas de diálogo con juntas de acción comunal.", "Mínimo 6 mesas", "Secretaría de Desarrollo Comunitario", "01/03/2025-30/10/2025"),
            ("Subcomponente 3 Evaluación y retroalimentación", "3.1", "Evaluar la estrategia de rendición de cuentas.", "Un (1) informe de evaluación", "Oficina de Control Interno", "15/12/2025"),
        ],
    )  # fmt: skip
    return _bytes_fijos(libro)


def plan_tres_niveles() -> bytes:
    """`plan_tres_niveles.xlsx`: a PTEP 2024 with a Componente column and three-level
    codes, one sheet «PTEP 2024».

    - row 1: «Programa de Transparencia y Ética Pública 2024»;
    - row 2: the header «Componente | Subcomponente | Código | Actividad | Meta o producto
      | Responsable(s) | Fecha programada»;
    - rows 3–14: 12 activities, codes 1.1.1…3.2.2 (componente.subcomponente.actividad);
      the Componente written on the first row of each componente only (rows 3, 7, 11),
      the Subcomponente on every row.
    """
    libro = Workbook()
    hoja = libro.active
    hoja.title = "PTEP 2024"
    _titulo(hoja, 1, "Programa de Transparencia y Ética Pública 2024", 7)
    _filas(
        hoja,
        2,
        [
            ("Componente", "Subcomponente", "Código", "Actividad", "Meta o producto", "Responsable(s)", "Fecha programada"),
            ("Componente 1: Gestión de riesgos de corrupción", "1. Política de riesgos", "1.1.1", "Adoptar la política de riesgos de corrupción.", "Resolución adoptada", "Secretaría de Planeación", "31/03/2024"),
            (None, "1. Política de riesgos", "1.1.2", "Socializar la política con los servidores.", "Dos (2) jornadas", "Subsecretaría de Talento Humano", "30/04/2024"),
            (None, "2. Mapa de riesgos", "1.2.1", "Publicar el mapa de riesgos de corrupción.", "Un (1) mapa publicado", "Secretaría de Planeación", "31/01/2024"),
            (None, "2. Mapa de riesgos", "1.2.2", "Hacer seguimiento cuatrimestral al mapa.", "Tres (3) seguimientos", "Oficina de Control Interno", "Abril, agosto y diciembre de 2024"),
            ("Componente 2: Rendición de cuentas", "1. Información", "2.1.1", "Publicar el informe de gestión.", "Un (1) informe", "Secretaría de Planeación", "31/01/2024"),
            (None, "1. Información", "2.1.2", "Publicar la ejecución presupuestal mensual.", "Doce (12) publicaciones", "Secretaría de Hacienda", "Mensual"),
            (None, "2. Diálogo", "2.2.1", "Realizar la audiencia pública.", "Una (1) audiencia", "Despacho del Alcalde", "30/11/2024"),
            (None, "2. Diálogo", "2.2.2", "Realizar diálogos sectoriales.", "Mínimo 4 diálogos", "Secretarías sectoriales", "01/03/2024-31/10/2024"),
            ("Componente 3: Atención al ciudadano", "1. Canales de atención", "3.1.1", "Ampliar el horario de la ventanilla única.", "Horario ampliado", "Secretaría General", "30/06/2024"),
            (None, "1. Canales de atención", "3.1.2", "Habilitar el chat institucional.", "Chat habilitado", "Oficina de Sistemas", "31/07/2024"),
            (None, "2. Talento humano", "3.2.1", "Capacitar en lenguaje claro al personal de atención.", "30 servidores capacitados", "Subsecretaría de Talento Humano", "30/09/2024"),
            (None, "2. Talento humano", "3.2.2", "Medir la satisfacción de la ciudadanía atendida.", "Dos (2) mediciones", "Secretaría General", "30/06/2024; 15/12/2024"),
        ],
    )  # fmt: skip
    return _bytes_fijos(libro)


def plan_segunda_hoja() -> bytes:
    """`plan_segunda_hoja.xlsx`: a plan 2025 whose first sheet is a cover.

    - sheet «Portada»: the entity, the plan's title, «Aprobado el» with a date cell and
      two lines of instructions (no table);
    - sheet «Plan 2025», row 1: the header «Subcomponente / Proceso | Código | Actividades
      | Producto | Meta | Responsable | Fecha inicio | Fecha final» (the app's own plan
      export's headers);
    - rows 2–11: 10 activities; Meta holds numbers, four of them percent-formatted
      («0%»): E2 = 1 (shows 100 %), E5 = 0.5 (50 %), E8 = 1, E11 = 0.8; the others plain
      counts (E3 = 4…); «Fecha inicio»/«Fecha final» are Excel date cells (dd/mm/yyyy),
      G2 = 2025-02-01, H2 = 2025-03-31.
    """
    libro = Workbook()
    portada = libro.active
    portada.title = "Portada"
    portada["A1"] = "Gobernación de Nariño"
    portada["A2"] = "Plan de participación ciudadana y rendición de cuentas 2025"
    portada["A4"] = "Aprobado el"
    portada["B4"] = datetime.date(2025, 1, 30)
    portada["B4"].number_format = "dd/mm/yyyy"
    portada["A6"] = "Diligencie la hoja «Plan 2025»: una fila por actividad."
    portada["A7"] = "La meta es una cifra; si es un porcentaje, use el formato de porcentaje."

    hoja = libro.create_sheet("Plan 2025")
    _filas(
        hoja,
        1,
        [
            ("Subcomponente / Proceso", "Código", "Actividades", "Producto", "Meta", "Responsable", "Fecha inicio", "Fecha final"),
        ],
    )  # fmt: skip
    d = datetime.date
    filas = [
        ("1. Información de calidad", "1.1", "Publicar el informe de gestión 2024.", "Informe publicado", 1, "Secretaría de Planeación", d(2025, 2, 1), d(2025, 3, 31)),
        ("1. Información de calidad", "1.2", "Publicar boletines de avance de metas.", "Boletines publicados", 4, "Oficina de Comunicaciones", d(2025, 3, 1), d(2025, 12, 15)),
        ("1. Información de calidad", "1.3", "Actualizar los conjuntos de datos abiertos.", "Conjuntos actualizados", 6, "Oficina TIC", d(2025, 4, 1), d(2025, 11, 30)),
        ("1. Información de calidad", "1.4", "Cumplir el índice de transparencia (ITA).", "Matriz ITA diligenciada", 0.5, "Secretaría General", d(2025, 5, 1), d(2025, 8, 31)),
        ("2. Diálogo", "2.1", "Realizar la audiencia pública de rendición de cuentas.", "Audiencia realizada", 1, "Despacho del Gobernador", d(2025, 11, 3), d(2025, 11, 28)),
        ("2. Diálogo", "2.2", "Realizar foros subregionales.", "Foros realizados", 13, "Secretaría de Gobierno", d(2025, 3, 1), d(2025, 10, 31)),
        ("2. Diálogo", "2.3", "Responder las preguntas de la audiencia.", "Respuestas publicadas", 1, "Secretaría de Planeación", d(2025, 12, 1), d(2025, 12, 19)),
        ("3. Responsabilidad", "3.1", "Capacitar a líderes comunales en control social.", "Líderes capacitados", 120, "Secretaría de Gobierno", d(2025, 6, 1), d(2025, 9, 30)),
        ("3. Responsabilidad", "3.2", "Evaluar la estrategia de rendición de cuentas.", "Informe de evaluación", 1, "Oficina de Control Interno", d(2025, 12, 1), d(2025, 12, 31)),
        ("3. Responsabilidad", "3.3", "Atender las recomendaciones de la evaluación.", "Recomendaciones atendidas", 0.8, "Secretaría de Planeación", d(2025, 7, 1), d(2025, 12, 31)),
    ]  # fmt: skip
    _filas(hoja, 2, filas)
    for fila in (2, 5, 8, 11):
        hoja.cell(row=fila, column=5).number_format = "0%"
    for fila in range(2, 12):
        for columna in (7, 8):
            hoja.cell(row=fila, column=columna).number_format = "dd/mm/yyyy"
    return _bytes_fijos(libro)


def plan_excel_espanol() -> bytes:
    """`plan_excel_espanol.csv`: a plan 2024 saved by a Spanish Excel as «CSV (delimitado
    por comas)»: `;` between fields, Windows-1252, lines ending in CR LF.

    - row 1: «Plan Anticorrupción y de Atención al Ciudadano 2024 – Alcaldía de Túquerres»
      padded with `;` to the table's width, as Excel writes it;
    - row 2: the header «Subcomponente;Código;Actividad;Meta o producto;Responsable;Fecha
      programada»;
    - rows 3–12: 10 activities; the Subcomponente on the first row of each only; texts
      with accents, «ñ», «–» and «“…”» (Windows-1252, not Latin-1); E3 (Responsable) is
      «Secretaría de Salud» and «Oficina de Comunicaciones» on two lines of one quoted cell;
      an activity with a `;` inside (quoted) and a meta with «,» (not quoted, as Excel does).
    """
    filas = [
        ("Plan Anticorrupción y de Atención al Ciudadano 2024 – Alcaldía de Túquerres", "", "", "", "", ""),
        ("Subcomponente", "Código", "Actividad", "Meta o producto", "Responsable", "Fecha programada"),
        ("Subcomponente 1: Información de calidad", "1.1", "Publicar la campaña “Túquerres rinde cuentas” sobre vacunación.", "Una (1) campaña", "Secretaría de Salud\nOficina de Comunicaciones", "01/03/2024-30/04/2024"),
        ("", "1.2", "Publicar el informe de gestión en la página web – sección Transparencia.", "Un (1) informe", "Secretaría de Planeación", "31/01/2024"),
        ("", "1.3", "Diseñar piezas para niños, niñas y adolescentes.", "Tres (3) piezas, una por trimestre", "Comisaría de Familia", "Abril, julio y octubre de 2024"),
        ("Subcomponente 2: Diálogo de doble vía", "2.1", "Realizar la audiencia pública; transmitirla por la emisora comunitaria.", "Una (1) audiencia", "Despacho del Alcalde", "29/11/2024"),
        ("", "2.2", "Realizar diálogos con resguardos indígenas.", "Mínimo 4 diálogos", "Secretaría de Gobierno", "01/02/2024-31/10/2024"),
        ("", "2.3", "Responder las peticiones de la audiencia pública.", "100%", "Oficina Jurídica", "15/12/2024"),
        ("Subcomponente 3: Responsabilidad", "3.1", "Capacitar a veedurías en control social.", "Al menos 25 veedores", "Personería Municipal", "30/06/2024"),
        ("", "3.2", "Reconocer a la junta de acción comunal más participativa.", "Un (1) reconocimiento", "Secretaría de Desarrollo Comunitario", "Diciembre de 2024"),
        ("Subcomponente 4: Evaluación y retroalimentación", "4.1", "Aplicar la encuesta de percepción de la audiencia.", "Una (1) encuesta", "Oficina de Control Interno", "29/11/2024"),
        ("", "4.2", "Publicar el informe de evaluación de la estrategia.", "Un (1) informe", "Oficina de Control Interno", "20/12/2024"),
    ]  # fmt: skip
    texto = io.StringIO(newline="")
    # QUOTE_MINIMAL quotes only what has «;», «"» or a line break: Excel's own rule.
    escritor = csv.writer(texto, delimiter=";", lineterminator="\r\n")
    escritor.writerows(filas)
    return texto.getvalue().encode("cp1252")


def plan_fechas_en_palabras() -> bytes:
    """`plan_fechas_en_palabras.xlsx`: activities gathered from several years' plans, with
    dates, metas and responsables written as text, one sheet «Plan».

    - row 1: «Alcaldía de La Unión – Estrategia de rendición de cuentas»;
    - row 2: the header «Subcomponente | Actividades | Meta o producto | Responsable |
      Fecha programada» (no code column);
    - rows 3–14: 12 activities; «Fecha programada» (E) as text: E3 «15 abril de 2017»,
      E4 «19 y 20 de abril de 2017», E5 «22 al 28 de abril de 2017», E6 «Enero 2021»,
      E7 «22/01/2015», E8 «01/02/2026-31/03/2026; 01/09/2026-30/09/2026»…; «Meta o
      producto» (C) as text: C3 «Dos (2) informes», C4 «100%», C5 «Mínimo 29», C6 «Al
      menos 50», C7 «15.000 ejemplares», C8 «N/A»…; Responsable (D): D3 «Secretaría de
      Gobierno y Oficina Jurídica», D4 «OPGI, Control Interno», D5 «Secretaría de Salud;
      Oficina de Comunicaciones»…
    """
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Plan"
    _titulo(hoja, 1, "Alcaldía de La Unión – Estrategia de rendición de cuentas", 5)
    _filas(
        hoja,
        2,
        [
            ("Subcomponente", "Actividades", "Meta o producto", "Responsable", "Fecha programada"),
            ("1. Información", "Publicar los informes de seguimiento al plan de desarrollo.", "Dos (2) informes", "Secretaría de Gobierno y Oficina Jurídica", "15 abril de 2017"),
            ("1. Información", "Responder los derechos de petición en los términos de ley.", "100%", "OPGI, Control Interno", "19 y 20 de abril de 2017"),
            ("1. Información", "Realizar mesas temáticas de salud pública.", "Mínimo 29", "Secretaría de Salud; Oficina de Comunicaciones", "22 al 28 de abril de 2017"),
            ("2. Diálogo", "Capacitar a líderes comunitarios en control social.", "Al menos 50", "Secretaría de Desarrollo Comunitario", "Enero 2021"),
            ("2. Diálogo", "Imprimir la cartilla de rendición de cuentas.", "15.000 ejemplares", "Oficina de Comunicaciones", "22/01/2015"),
            ("2. Diálogo", "Publicar el calendario de espacios de diálogo.", "N/A", "Secretaría de Planeación", "01/02/2026-31/03/2026; 01/09/2026-30/09/2026"),
            ("2. Diálogo", "Realizar la audiencia pública de rendición de cuentas.", "Una (1) audiencia", "Despacho del Alcalde", "Noviembre de 2026"),
            ("3. Responsabilidad", "Entregar incentivos a las veedurías más activas.", "Tres (3) incentivos", "Personería Municipal", "Segundo semestre de 2026"),
            ("3. Responsabilidad", "Publicar las memorias de los diálogos.", "Cinco (5) memorias", "Secretaría de Planeación", "Durante la vigencia 2026"),
            ("3. Responsabilidad", "Socializar el código de integridad.", "80% de los servidores", "Subsecretaría de Talento Humano", "Marzo a junio de 2026"),
            ("4. Evaluación", "Evaluar la estrategia de rendición de cuentas.", "Un (1) informe", "Oficina de Control Interno", "15/12/2026"),
            ("4. Evaluación", "Publicar el plan de mejoramiento.", "Plan publicado", "Oficina de Control Interno", "30 de diciembre de 2026"),
        ],
    )  # fmt: skip
    return _bytes_fijos(libro)


def plan_actividades_numeradas() -> bytes:
    """`plan_actividades_numeradas.xlsx`: componente 4 of a PAAC 2023 as Función Pública's
    document draws it, the activity's number in its own column under «Actividades».

    - rows 1–2: «Entidad: Alcaldía Municipal de Sandoná», «Vigencia: 2023»; row 3: the
      title «Componente 4: Mecanismos para mejorar la atención al ciudadano» merged A:F;
    - row 4: the header «Subcomponente | Actividades (merged over B:C) | Meta o producto |
      Responsable | Fecha programada»: no «Código» column;
    - rows 5–14: 10 activities, B the number (B5 and B6 typed as numbers, 1.1 and 1.2,
      as Excel keeps what is typed; the others text), C the activity; the Subcomponente
      merged over its activities (A5:A6, A7:A9, A10:A11, A12, A13:A14).
    """
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Atención al ciudadano"
    hoja["A1"] = "Entidad: Alcaldía Municipal de Sandoná"
    hoja["A2"] = "Vigencia: 2023"
    _titulo(hoja, 3, "Componente 4: Mecanismos para mejorar la atención al ciudadano", 6)
    _filas(hoja, 4, [("Subcomponente", "Actividades", None, "Meta o producto", "Responsable", "Fecha programada")])  # fmt: skip
    hoja.merge_cells("B4:C4")
    grupos = [
        ("Subcomponente 1\nEstructura administrativa y direccionamiento estratégico", [
            (1.1, "Presentar al comité de gestión el informe de PQRSD del semestre.", "Dos (2) informes", "Secretaría General", "30/07/2023; 30/01/2024"),
            (1.2, "Asignar presupuesto para la ventanilla única.", "Presupuesto asignado", "Secretaría de Hacienda", "28/02/2023"),
        ]),
        ("Subcomponente 2\nFortalecimiento de los canales de atención", [
            ("2.1", "Señalizar los puntos de atención con lenguaje incluyente.", "Tres (3) puntos señalizados", "Secretaría General", "30/06/2023"),
            ("2.2", "Implementar el turnero en la ventanilla única.", "Turnero en funcionamiento", "Oficina de Sistemas", "31/08/2023"),
            ("2.3", "Publicar los horarios de atención en la página web.", "Horarios publicados", "Oficina de Comunicaciones", "31/01/2023"),
        ]),
        ("Subcomponente 3\nTalento humano", [
            ("3.1", "Capacitar al personal de atención en servicio al ciudadano.", "Dos (2) capacitaciones", "Subsecretaría de Talento Humano", "30/04/2023; 30/10/2023"),
            ("3.2", "Incluir la atención al ciudadano en la evaluación del desempeño.", "Criterio incluido", "Subsecretaría de Talento Humano", "31/03/2023"),
        ]),
        ("Subcomponente 4\nNormativo y procedimental", [
            ("4.1", "Actualizar el reglamento interno de PQRSD.", "Reglamento actualizado", "Oficina Jurídica", "31/05/2023"),
        ]),
        ("Subcomponente 5\nRelacionamiento con el ciudadano", [
            ("5.1", "Aplicar la encuesta de satisfacción en la ventanilla única.", "Mínimo 200 encuestas", "Secretaría General", "01/03/2023-30/11/2023"),
            ("5.2", "Publicar el informe de satisfacción ciudadana.", "Un (1) informe", "Secretaría General", "15/12/2023"),
        ]),
    ]  # fmt: skip
    fila = 5
    for subcomponente, actividades in grupos:
        hoja.cell(row=fila, column=1, value=subcomponente)
        if len(actividades) > 1:
            hoja.merge_cells(
                start_row=fila, start_column=1, end_row=fila + len(actividades) - 1, end_column=1
            )
        fila = _filas(hoja, fila, [(None, *actividad) for actividad in actividades])
    return _bytes_fijos(libro)


ARCHIVOS: dict[str, Callable[[], bytes]] = {
    "plan_funcion_publica.xlsx": plan_funcion_publica,
    "plan_varios_componentes.xlsx": plan_varios_componentes,
    "plan_tres_niveles.xlsx": plan_tres_niveles,
    "plan_segunda_hoja.xlsx": plan_segunda_hoja,
    "plan_excel_espanol.csv": plan_excel_espanol,
    "plan_fechas_en_palabras.xlsx": plan_fechas_en_palabras,
    "plan_actividades_numeradas.xlsx": plan_actividades_numeradas,
}


def main() -> None:
    for nombre, generar in ARCHIVOS.items():
        (CARPETA / nombre).write_bytes(generar())
        print(f"escrito {CARPETA / nombre}", file=sys.stderr)


if __name__ == "__main__":
    main()
