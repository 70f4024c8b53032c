from django.apps import AppConfig


class DialogosConfig(AppConfig):
    name = "dialogos"
    verbose_name = "Diálogos con la ciudadanía"

    def ready(self):
        from dialogos import metas
        from nucleo import limites

        # The metas of the dialogue activities (2.1–2.7, 3.2–3.4) can count
        # themselves: plan.fuentes lists these sources for OPGI to choose.
        metas.registrar()
        # The public question form and the radicado lookup are rate-limited per IP.
        # Generous on purpose: at an event many citizens share the venue's Wi-Fi.
        limites.registrar("preguntas", ajuste="DIALOGOS_LIMITE_PREGUNTAS", por_defecto="20/h")
        # Lookups: so that tracking numbers cannot be tried in bulk.
        limites.registrar("consultas", ajuste="DIALOGOS_LIMITE_CONSULTAS", por_defecto="60/h")
