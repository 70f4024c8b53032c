import importlib

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def asegurar_tipos_de_peticion(**kwargs: object) -> None:
    """The petition types of Ley 1755 (data migration 0009) exist after every migrate and
    every flush (tests): a question always has its «petición general». Only the missing
    ones are created; what the entity changed in the admin is left as it is."""
    from django.db import DEFAULT_DB_ALIAS, connections

    from dialogos.models import TipoPeticion

    conexion = connections[str(kwargs.get("using") or DEFAULT_DB_ALIAS)]
    if TipoPeticion._meta.db_table not in conexion.introspection.table_names():
        return  # migrated to a state before the petition types
    migracion = importlib.import_module("dialogos.migrations.0010_tipos_de_peticion_iniciales")
    for datos in migracion.TIPOS:
        TipoPeticion.objects.using(conexion.alias).get_or_create(
            clave=datos["clave"], defaults=datos
        )


class DialogosConfig(AppConfig):
    name = "dialogos"
    verbose_name = "Diálogos con la ciudadanía"

    def ready(self):
        from dialogos import metas
        from nucleo import limites

        # The metas of the dialogue activities (2.1–2.7, 3.2–3.4) can count
        # themselves: plan.fuentes lists these sources for OPGI to choose.
        metas.registrar()
        post_migrate.connect(
            asegurar_tipos_de_peticion, sender=self, dispatch_uid="dialogos.tipos_de_peticion"
        )
        # The public question form and the radicado lookup are rate-limited per IP.
        # Generous on purpose: at an event many citizens share the venue's Wi-Fi.
        limites.registrar("preguntas", ajuste="DIALOGOS_LIMITE_PREGUNTAS", por_defecto="20/h")
        # Lookups: so that tracking numbers cannot be tried in bulk.
        limites.registrar("consultas", ajuste="DIALOGOS_LIMITE_CONSULTAS", por_defecto="60/h")
