"""The 12 comunas and 17 corregimientos of Pasto, on every database."""

from django.db import migrations
from django.utils.text import slugify

COMUNAS = [f"Comuna {numero}" for numero in range(1, 13)]
CORREGIMIENTOS = [
    "Buesaquillo",
    "Cabrera",
    "Catambuco",
    "El Encano",
    "El Socorro",
    "Genoy",
    "Gualmatán",
    "Jamondino",
    "Jongovito",
    "La Caldera",
    "La Laguna",
    "Mapachico",
    "Mocondino",
    "Morasurco",
    "Obonuco",
    "San Fernando",
    "Santa Bárbara",
]


def crear_territorios(apps, schema_editor):
    Territorio = apps.get_model("dialogos", "Territorio")
    filas = [(nombre, "comuna") for nombre in COMUNAS]
    filas += [(nombre, "corregimiento") for nombre in CORREGIMIENTOS]
    for orden, (nombre, tipo) in enumerate(filas, start=1):
        Territorio.objects.update_or_create(
            slug=slugify(nombre), defaults={"nombre": nombre, "tipo": tipo, "orden": orden}
        )


def borrar_territorios(apps, schema_editor):
    apps.get_model("dialogos", "Territorio").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("dialogos", "0001_initial")]

    operations = [migrations.RunPython(crear_territorios, borrar_territorios)]
