from django.apps import AppConfig


class EncuestasConfig(AppConfig):
    name = "encuestas"
    verbose_name = "Encuestas de satisfacción"
