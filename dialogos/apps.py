from django.apps import AppConfig


class DialogosConfig(AppConfig):
    name = "dialogos"
    verbose_name = "Diálogos con la ciudadanía"

    def ready(self):
        from dialogos import metas

        # The metas of the dialogue activities (2.1–2.7, 3.2–3.4) can count
        # themselves: plan.fuentes lists these sources for OPGI to choose.
        metas.registrar()
