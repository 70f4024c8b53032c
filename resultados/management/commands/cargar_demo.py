"""Load the demonstration year (resultados/demo.py) on top of the 2022 plan and demo users."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plan.models import Plan
from resultados import demo

MENSAJE_SOLO_DESARROLLO = (
    "Los datos de demostración solo se cargan con DEBUG=1 (uso local), nunca en producción; "
    "use --forzar solo en un servidor de pruebas."
)


class Command(BaseCommand):
    help = (
        "Carga un año de demostración sobre el plan 2022 (avances, evidencias, espacios de "
        "diálogo, preguntas, encuesta, corte cerrado, informes), marcado «(demostración)». "
        "Solo para uso local: requiere DEBUG=1 o --forzar. No duplica nada si ya se cargó."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="Cargar aunque DEBUG no esté activo (servidor de pruebas; nunca en producción).",
        )
        parser.add_argument(
            "--sin-informes",
            action="store_true",
            help="No publicar los informes de resultados en PDF (más rápido).",
        )

    def handle(self, *args, forzar=False, sin_informes=False, **options):
        if not settings.DEBUG and not forzar:
            raise CommandError(MENSAJE_SOLO_DESARROLLO)
        if not Plan.objects.filter(vigencia=demo.VIGENCIA).exists():
            raise CommandError("Falta el plan 2022: ejecute primero «manage.py preparar_demo».")
        if demo.ya_cargada():
            self.stdout.write("Los datos de demostración ya estaban cargados; no se modificó nada.")
            return
        inicio = time.monotonic()
        try:
            resumen = demo.cargar(informes=not sin_informes)
        except demo.FaltanUsuarios as faltan:
            raise CommandError(
                f"Faltan los usuarios de demostración ({faltan}): ejecute «manage.py "
                "crear_usuarios_demo» o «manage.py preparar_demo»."
            ) from None
        self.stdout.write(
            f"Datos de demostración cargados en {time.monotonic() - inicio:.1f} s: {resumen}. "
            f"Todos sus textos dicen «{demo.MARCA}»."
        )
