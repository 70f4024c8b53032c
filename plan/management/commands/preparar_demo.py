"""One step for a newcomer: database, the 2022 plan and demo users."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from plan.models import Plan


class Command(BaseCommand):
    help = "Migra la base de datos, carga el plan 2022 (si no está) y crea los usuarios de demostración."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Contraseña común para los usuarios de demostración."
        )

    def handle(self, *args, password=None, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        # Loading the fixture again would overwrite edits made since: only load once.
        if not Plan.objects.filter(vigencia=2022).exists():
            call_command("loaddata", "plan_2022", verbosity=0)
            # loaddata writes no history (its saves are «raw»): give every loaded row
            # its first history record, so «Historial» starts at the seed.
            call_command("populate_history", auto=True, verbosity=0)
            self.stdout.write("Plan 2022 cargado.")
        else:
            self.stdout.write("El plan 2022 ya estaba cargado; no se modificó.")
        call_command("crear_usuarios_demo", password=password, stdout=self.stdout)
