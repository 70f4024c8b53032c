from django.apps import AppConfig


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
