from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = "Plan de rendición de cuentas"
