"""Once a day (cron / systemd timer): today's digests, then any e-mail still pending."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from nucleo import correo
from pendientes.resumenes import enviar_resumenes


class Command(BaseCommand):
    help = "Envía los resúmenes de pendientes de hoy (una vez por día y usuario) y reintenta los correos pendientes."

    def handle(self, *args: object, **options: object) -> None:
        nuevos = enviar_resumenes(hoy=timezone.localdate())
        correo.reintentar_pendientes()
        self.stdout.write(f"Resúmenes programados hoy: {nuevos}.")
