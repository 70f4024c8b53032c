"""One step for a newcomer: database, Pasto's entity and territories, the 2022 plan,
demo users and a demo year.

The demo year (avances, spaces, questions, a survey…) is `cargar_demo`, in resultados
because it writes through every app; called by name, it adds no import to plan."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from plan.models import Plan


class Command(BaseCommand):
    help = (
        "Migra la base de datos, carga el plan 2022 (si no está), crea los usuarios de "
        "demostración y carga el año de demostración (cargar_demo). Solo para uso local."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Contraseña común para los usuarios de demostración."
        )
        parser.add_argument(
            "--solo-plan",
            action="store_true",
            help="Solo el plan 2022 y los usuarios, sin el año de demostración.",
        )

    def handle(self, *args, password=None, solo_plan=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        # The demo is Pasto's (issue 16: its data lives in fixtures/, not in the code nor
        # in a migration). Each is loaded once: loading again would undo edits made since.
        cargado = False
        Entidad = apps.get_model("nucleo", "Entidad")
        if not Entidad.objects.filter(principal=True).exists():
            call_command("loaddata", "entidad_pasto", verbosity=0)
            cargado = True
            self.stdout.write("Entidad de la demostración cargada: Alcaldía Municipal de Pasto.")
        # By name: plan does not import dialogos.
        if not apps.get_model("dialogos", "Territorio").objects.exists():
            call_command("loaddata", "territorios_pasto", verbosity=0)
            cargado = True
            self.stdout.write("Comunas y corregimientos de Pasto cargados.")
        # Loading the fixture again would overwrite edits made since: only load once.
        if not Plan.objects.filter(vigencia=2022).exists():
            call_command("loaddata", "plan_2022", verbosity=0)
            cargado = True
            self.stdout.write("Plan 2022 cargado.")
        else:
            self.stdout.write("El plan 2022 ya estaba cargado; no se modificó.")
        # loaddata writes no history (its saves are «raw»): give every loaded row its
        # first history record, so «Historial» starts at the seed.
        if cargado:
            call_command("populate_history", auto=True, verbosity=0)
        call_command("crear_usuarios_demo", password=password, stdout=self.stdout)
        if not solo_plan:
            call_command("cargar_demo", stdout=self.stdout)
