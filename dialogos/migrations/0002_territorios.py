"""Once: the 12 comunas and 17 corregimientos of Pasto, on every database. Now: nothing.

History edited on purpose (issue 16, «the entity as configuration»): a migration runs on
every database, so it loaded one municipality's territories into every other entity's
site. Its RunPython is now a no-op both ways: databases that already ran it keep their
rows (Django does not run an applied migration again, and unapplying it no longer
deletes rows that are now the entity's own data); a new database starts with no
territories, which are loaded as data: `manage.py cargar_territorios --archivo …` (a CSV)
or `manage.py loaddata territorios_pasto` (fixtures/, what `preparar_demo` loads).
The migration itself stays: later migrations depend on its name.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("dialogos", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
