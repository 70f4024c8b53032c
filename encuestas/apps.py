from django.apps import AppConfig


class EncuestasConfig(AppConfig):
    name = "encuestas"
    verbose_name = "Encuestas de satisfacción"

    def ready(self):
        from dialogos.signals import espacio_programado
        from encuestas import metas, services
        from nucleo import limites

        # Every hearing gets its evaluation survey when it is programmed (the MURC):
        # dialogos announces it, without importing encuestas.
        espacio_programado.connect(
            services.al_programar_espacio, dispatch_uid="encuestas.evaluacion_de_audiencia"
        )

        # Meta 3.1 («Al menos 50 encuestas aplicadas») can count itself:
        # plan.fuentes lists this source for OPGI to choose.
        metas.registrar()
        # The public answer form is rate-limited per IP by the core's mechanism
        # (one for every public form), in a group of its own. Generous: at an
        # event many people answer at once through the venue's Wi-Fi.
        limites.registrar("encuestas", ajuste="ENCUESTAS_LIMITE_RESPUESTAS", por_defecto="60/h")
