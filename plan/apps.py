from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = "Plan de rendición de cuentas"

    def ready(self):
        from plan.roles import asegurar_grupos

        # After every migrate, once permissions exist: groups are data the
        # permission rules depend on, so they must exist on every database.
        post_migrate.connect(asegurar_grupos, dispatch_uid="plan.asegurar_grupos")
