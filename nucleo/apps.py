from django.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class NucleoConfig(AppConfig):
    """The shared core as an app: its management commands, and its signal receivers at start-up."""

    name = "nucleo"
    verbose_name = "Núcleo compartido"

    def ready(self) -> None:
        from nucleo import (
            limites,
            sesiones,  # noqa: F401  (user_logged_in → idle-timeout clock)
        )

        # The «forgot my password» form sends e-mail to whoever asks: limited per IP.
        limites.registrar("clave", ajuste="CUENTAS_LIMITE_CLAVE", por_defecto="10/h")


class TareasConfig(TasksAppConfig):
    """django-tasks-db under a Spanish name: its app's name is the one English heading
    left in the admin's sidebar («Tasks Database Backend») and cannot be translated."""

    verbose_name = "Tareas en segundo plano"
