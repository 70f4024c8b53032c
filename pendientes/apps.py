from django.apps import AppConfig


class PendientesConfig(AppConfig):
    name = "pendientes"
    verbose_name = "Mis pendientes"
