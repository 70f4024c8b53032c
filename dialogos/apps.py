from django.apps import AppConfig


class DialogosConfig(AppConfig):
    name = "dialogos"
    verbose_name = "Diálogos con la ciudadanía"
