from django.apps import AppConfig


class PastoRdcConfig(AppConfig):
    """The shared core as an app: only to connect its signal receivers at start-up."""

    name = "pasto_rdc"
    verbose_name = "Pasto RdC (núcleo)"

    def ready(self):
        from pasto_rdc import sesiones  # noqa: F401  (user_logged_in → idle-timeout clock)
