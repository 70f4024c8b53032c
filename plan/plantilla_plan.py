"""The template of «Importar un plan completo»: the whole plan on one sheet (componente,
subcomponente, activity, meta, offices, dates) with example rows, and a sheet
«Instrucciones» in Spanish. The wizard reads it back with the same steps as any
entity's file (plan.importacion), so its headers are among the recognized ones."""

from nucleo.documentos import Columna, Hoja, Tipo, xlsx_desde_hojas
from plan.models import Actividad

COLUMNAS = [
    Columna("Componente", 30),
    Columna("Subcomponente", 34),
    Columna("Código", 10),
    Columna("Actividad", 50),
    Columna("Producto", 34),
    Columna("Meta", 30),
    Columna("Meta cantidad", 14, Tipo.NUMERO),
    Columna("Meta unidad", 24),
    Columna("Tipo de meta", 24),
    Columna("Responsable", 36),
    Columna("Fecha inicio", 14, Tipo.FECHA),
    Columna("Fecha final", 14, Tipo.FECHA),
]

_TIPOS = ", ".join(f"«{etiqueta}»" for _, etiqueta in Actividad.TipoMeta.choices)

INSTRUCCIONES = [
    ("Una fila por actividad", "No cambie los encabezados de la fila 1. Reemplace las filas de ejemplo por las actividades del plan; las filas vacías no se tienen en cuenta."),
    ("Componente", "El componente del plan, por ejemplo «Componente 3: Rendición de cuentas». Puede escribirlo solo en la primera fila de cada componente: las filas de abajo lo continúan. Si el plan tiene un solo componente, puede dejar la columna vacía."),
    ("Subcomponente", "El número y el nombre, por ejemplo «1. Información de calidad y en lenguaje comprensible» o «Subcomponente 1: …». Igual que el componente, basta en la primera fila."),
    ("Código", "El código de la actividad: 1.1 (subcomponente.actividad) o 3.1.1 (componente.subcomponente.actividad). Escríbalo como texto, para que la hoja de cálculo no cambie 1.10 por 1.1. Si lo deja vacío, se numera en orden."),
    ("Actividad y Producto", "Qué se hace y qué se entrega, como en el plan adoptado."),
    ("Meta", "La meta como se redactó, por ejemplo «Dos (2) informes publicados» o «100 % de las peticiones respondidas»."),
    ("Meta cantidad", "Un número mayor que cero; decimales con coma (2,5). En una meta porcentual, hasta 100. Vacía en una meta cualitativa."),
    ("Meta unidad", "Qué se cuenta, por ejemplo «informes publicados»."),
    ("Tipo de meta", f"Uno de: {_TIPOS}. Una meta cualitativa se sigue por su porcentaje de cumplimiento."),
    ("Responsable", "Las dependencias responsables, separadas por «;», en orden (la primera es la principal), por su nombre o su sigla. Las que la entidad aún no tiene se proponen como nuevas en la vista previa."),
    ("Fecha inicio y Fecha final", "dd/mm/aaaa. Si la actividad tiene varias ventanas de fechas, repita la fila con el mismo código, una por ventana."),
    ("Importar", "En «Importar un plan completo», suba el archivo, confirme qué tiene cada columna y revise la vista previa: cada problema dice su fila y su columna, y puede corregir allí la meta, las fechas y los responsables. Nada se guarda hasta que confirme; el plan queda sin publicar."),
]  # fmt: skip


def filas_de_ejemplo(vigencia: int = 2026) -> list[list[object]]:
    import datetime

    def fecha(mes: int, dia: int) -> datetime.date:
        return datetime.date(vigencia, mes, dia)

    componente = "Componente 3: Rendición de cuentas"
    sub1 = "1. Información de calidad y en lenguaje comprensible"
    sub2 = "2. Diálogo de doble vía con la ciudadanía y sus organizaciones"
    return [
        [componente, sub1, "1.1", "Publicar el informe de gestión de la vigencia anterior.", "Informe publicado", "Un (1) informe publicado", 1, "informe publicado", "Cantidad exacta", "Oficina de Planeación de Gestión Institucional (OPGI)", fecha(1, 15), fecha(1, 31)],
        [None, sub1, "1.2", "Publicar boletines de avance del plan.", "Boletines publicados", "Cuatro (4) boletines", 4, "boletines", "Cantidad exacta", "Oficina de Comunicaciones", fecha(3, 1), fecha(3, 31)],
        [None, sub1, "1.2", "Publicar boletines de avance del plan.", "Boletines publicados", "Cuatro (4) boletines", 4, "boletines", "Cantidad exacta", "Oficina de Comunicaciones", fecha(9, 1), fecha(9, 30)],
        [None, sub2, "2.1", "Realizar la audiencia pública de rendición de cuentas.", "Audiencia realizada", "100 % de la audiencia realizada", 100, "audiencia realizada", "Porcentaje", "Despacho del Alcalde; Secretaría de Gobierno", fecha(11, 1), fecha(11, 30)],
        [None, sub2, "2.2", "Publicar la convocatoria a los espacios de diálogo.", "Convocatoria publicada", "Convocatoria publicada", None, "convocatoria", "Cualitativa", "Secretaría de Gobierno", fecha(2, 1), fecha(2, 28)],
    ]  # fmt: skip


def plantilla_plan(vigencia: int = 2026) -> bytes:
    return xlsx_desde_hojas(
        [
            Hoja("Plan", COLUMNAS, filas_de_ejemplo(vigencia)),
            Hoja(
                "Instrucciones",
                [Columna("Tema", ancho=28), Columna("Qué escribir", ancho=110)],
                INSTRUCCIONES,
            ),
        ]
    )
