"""The petition types of Ley 1755 de 2015, art. 14, and every existing question as a
«petición general» (the 15 business days they were given)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TIPOS = [
    {
        "clave": "general",
        "nombre": "Petición general",
        "opcion": "Quiero hacer una pregunta",
        "descripcion": (
            "Pregunte o pida algo a la Alcaldía sobre su gestión. Le responderemos "
            "dentro de los 15 días hábiles siguientes al día en que la recibimos."
        ),
        "dias_habiles": 15,
        "articulo": "Ley 1755 de 2015, art. 14",
        "orden": 1,
    },
    {
        "clave": "documentos",
        "nombre": "Petición de documentos e información",
        "opcion": "Quiero pedir documentos o información",
        "descripcion": (
            "Pida copias de documentos o información que tenga la Alcaldía. Le "
            "responderemos dentro de los 10 días hábiles siguientes."
        ),
        "dias_habiles": 10,
        "articulo": "Ley 1755 de 2015, art. 14, num. 1",
        "orden": 2,
    },
    {
        "clave": "consulta",
        "nombre": "Consulta",
        "opcion": "Quiero hacer una consulta",
        "descripcion": (
            "Pida la opinión o el concepto de la Alcaldía sobre un tema a su cargo. Le "
            "responderemos dentro de los 30 días hábiles siguientes."
        ),
        "dias_habiles": 30,
        "articulo": "Ley 1755 de 2015, art. 14, num. 2",
        "orden": 3,
    },
]


def cargar(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    TipoPeticion = apps.get_model("dialogos", "TipoPeticion")
    Pregunta = apps.get_model("dialogos", "Pregunta")
    for datos in TIPOS:
        TipoPeticion.objects.update_or_create(clave=datos["clave"], defaults=datos)
    general = TipoPeticion.objects.get(clave="general")
    Pregunta.objects.filter(tipo__isnull=True).update(tipo=general)


def descargar(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("dialogos", "Pregunta").objects.update(tipo=None)


class Migration(migrations.Migration):
    dependencies = [("dialogos", "0009_tipos_de_peticion_y_eventos_de_plazo")]

    operations = [migrations.RunPython(cargar, descargar)]
