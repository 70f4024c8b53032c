"""A public number for every question, so the secret radicado is never published.

Added empty, filled row by row with a fresh random code, then made unique and
required (a callable default on a unique column would give every existing row
the same value).
"""

from django.db import migrations, models

import dialogos.reglas


def numerar(apps, schema_editor):
    Pregunta = apps.get_model("dialogos", "Pregunta")
    usados = set()
    for pregunta in Pregunta.objects.only("pk").iterator():
        numero = dialogos.reglas.nuevo_numero_publico()
        while numero in usados:
            numero = dialogos.reglas.nuevo_numero_publico()
        usados.add(numero)
        Pregunta.objects.filter(pk=pregunta.pk).update(numero_publico=numero)


class Migration(migrations.Migration):
    dependencies = [
        ("dialogos", "0002_territorios"),
    ]

    operations = [
        migrations.AddField(
            model_name="pregunta",
            name="numero_publico",
            field=models.CharField(
                editable=False, max_length=12, null=True, verbose_name="número público"
            ),
        ),
        migrations.RunPython(numerar, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="pregunta",
            name="numero_publico",
            field=models.CharField(
                default=dialogos.reglas.nuevo_numero_publico,
                editable=False,
                help_text="Identifica la pregunta publicada en las páginas y los datos abiertos.",
                max_length=12,
                unique=True,
                verbose_name="número público",
            ),
        ),
    ]
