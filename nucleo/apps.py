from django.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class NucleoConfig(AppConfig):
    """The shared core as an app: its management commands, and its signal receivers at start-up."""

    name = "nucleo"
    verbose_name = "Núcleo compartido"

    def ready(self) -> None:
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save

        from nucleo import (
            entidad,  # also registers the nucleo.W001 check
            limites,
            sesiones,  # noqa: F401  (user_logged_in → idle-timeout clock)
        )
        from nucleo.models import Entidad

        # The cached entity (nucleo.entidad) is dropped whenever its source changes.
        post_save.connect(entidad.olvidar, sender=Entidad, dispatch_uid="entidad.guardada")
        post_delete.connect(entidad.olvidar, sender=Entidad, dispatch_uid="entidad.borrada")
        setting_changed.connect(entidad.olvidar_si_ajuste, dispatch_uid="entidad.ajustes")

        # The «forgot my password» form sends e-mail to whoever asks: limited per IP.
        limites.registrar("clave", ajuste="CUENTAS_LIMITE_CLAVE", por_defecto="10/h")


class TareasConfig(TasksAppConfig):
    """django-tasks-db under a Spanish name: its app's name is the one English heading
    left in the admin's sidebar («Tasks Database Backend») and cannot be translated."""

    verbose_name = "Tareas en segundo plano"
