from django.apps import AppConfig


class PendientesConfig(AppConfig):
    name = "pendientes"
    verbose_name = "Mis pendientes"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from pendientes import insignia

        user_logged_in.connect(insignia.al_ingresar, dispatch_uid="pendientes_al_ingresar")
