from django.apps import AppConfig


class ResultadosConfig(AppConfig):
    name = "resultados"
    verbose_name = "Informes de resultados"
