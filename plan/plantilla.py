"""The empty template to import a new plan's activities: the import's own headers, one
example row and a sheet «Instrucciones» in Spanish (plan.resources reads it back)."""

from nucleo.documentos import Columna, Hoja, Tipo, xlsx_desde_hojas
from nucleo.entidad import entidad_actual
from plan.models import Actividad, Plan, Responsable, Subcomponente
from plan.resources import EJEMPLO_VENTANA, ActividadResource

INSTRUCCIONES = [
    ("Antes de importar", "Cree en la administración el plan (vigencia y entidad), sus componentes y sus subcomponentes: cada fila los busca por su vigencia, su entidad y el número del subcomponente."),
    ("Una fila por actividad", "No cambie los encabezados de la fila 1. Borre la fila de ejemplo o reemplácela con una actividad real. Las filas vacías al final no se tienen en cuenta."),
    ("Vigencia", "El año del plan, con cuatro cifras, por ejemplo 2026."),
    ("Entidad", "El nombre de la entidad tal como está en el plan (en la administración, «Planes»)."),
    ("Subcomponente", "El número del subcomponente dentro del plan, por ejemplo 1."),
    ("Código", "El código de la actividad: número del subcomponente, punto y número de la actividad (1.1, 1.10, 2.3). Escríbalo como texto, para que la hoja de cálculo no cambie 1.10 por 1.1."),
    ("Actividad, Producto, Meta", "Textos libres: qué se hace, qué se entrega y la meta como se redactó en el plan."),
    ("Meta cantidad", "Un número mayor que cero; los decimales con coma (2,5). Si la meta es un porcentaje, hasta 100."),
    ("Meta unidad", "Qué se cuenta, por ejemplo «informes publicados»."),
    ("Tipo de meta", "Una de: " + ", ".join(f"«{etiqueta}»" for _, etiqueta in Actividad.TipoMeta.choices) + "."),
    ("Responsables", "Las dependencias responsables, por su nombre tal como está en «Responsables» (o su sigla), separadas por «;», en orden: la primera es la principal."),
    ("Ventanas", f"Las ventanas de fechas en que se ejecuta la actividad, dd/mm/aaaa-dd/mm/aaaa, separadas por «;» ({EJEMPLO_VENTANA})."),
    ("Importar", "En la administración, Actividades › Importar: elija el archivo y el formato xlsx. Primero verá una vista previa con los errores de cada fila (numerados como las filas de la hoja); nada se guarda hasta que confirme, y un archivo con una fila mala no guarda nada."),
]  # fmt: skip


def fila_de_ejemplo(plan: Plan | None) -> list[object]:
    """An activity that imports as it is into `plan` (the latest one if None)."""
    plan = plan or Plan.objects.order_by("-vigencia", "entidad").first()
    vigencia = plan.vigencia if plan else 2026
    sub = (
        Subcomponente.objects.filter(componente__plan=plan)
        .order_by("componente__orden", "numero")
        .first()
        if plan
        else None
    )
    numero = sub.numero if sub else 1
    # An office of the plan's entity (or the site's): the example row must import.
    oficinas = Responsable.objects.filter(
        **({"entidad_id": plan.entidad_id} if plan else {"entidad__principal": True})
    )
    oficina = oficinas.order_by("nombre").first()
    return [
        vigencia,
        plan.entidad.nombre if plan else entidad_actual().nombre,
        numero,
        f"{numero}.99",
        "Publicar en el sitio web el informe de gestión del año anterior.",
        "Informe publicado",
        "1 informe publicado",
        1,
        "informe publicado",
        Actividad.TipoMeta.EXACTA.label,
        oficina.nombre if oficina else "Oficina de Planeación de Gestión Institucional",
        f"01/02/{vigencia}-31/03/{vigencia}; 01/09/{vigencia}-30/09/{vigencia}",
    ]


def plantilla_actividades(plan: Plan | None = None) -> bytes:
    recurso = ActividadResource()
    numericas = {"plan", "subcomponente", "meta_cantidad"}
    columnas = [
        Columna(
            campo.column_name,
            ancho=40 if nombre in ("descripcion", "producto", "responsables", "ventanas") else 16,
            tipo=Tipo.NUMERO if nombre in numericas else Tipo.TEXTO,
        )
        for nombre, campo in zip(
            recurso.get_export_order(), recurso.get_export_fields(), strict=True
        )
    ]
    return xlsx_desde_hojas(
        [
            Hoja("Actividades", columnas, [fila_de_ejemplo(plan)]),
            Hoja(
                "Instrucciones",
                [Columna("Tema", ancho=28), Columna("Qué escribir", ancho=110)],
                INSTRUCCIONES,
            ),
        ]
    )
