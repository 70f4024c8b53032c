"""Retry the e-mails still pending (cron / systemd timer; also run by the digests)."""

from django.core.management.base import BaseCommand

from nucleo import correo


class Command(BaseCommand):
    help = "Envía de nuevo los correos pendientes (los que fallaron antes incluidos)."

    def handle(self, *args: object, **options: object) -> None:
        conteo = correo.reintentar_pendientes()
        resumen = ", ".join(f"{estado}: {n}" for estado, n in sorted(conteo.items())) or "ninguno"
        self.stdout.write(f"Correos pendientes procesados ({resumen}).")
