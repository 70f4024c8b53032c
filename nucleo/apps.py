from django.apps import AppConfig


class NucleoConfig(AppConfig):
    """The shared core as an app: its management commands, and its signal receivers at start-up."""

    name = "nucleo"
    verbose_name = "Núcleo compartido"

    def ready(self) -> None:
        from nucleo import sesiones  # noqa: F401  (user_logged_in → idle-timeout clock)
