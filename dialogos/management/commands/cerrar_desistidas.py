"""Close the questions whose month to complete passed (Ley 1755 de 2015, art. 17). Daily.

Idempotent: a closed question is no longer waiting, so a second run closes nothing.
"""

from django.core.management.base import BaseCommand

from dialogos.services import plazos


class Command(BaseCommand):
    help = "Cierra por desistimiento las preguntas que pasaron un mes sin completarse."

    def handle(self, *args: object, **options: object) -> None:
        cerradas = plazos.cerrar_desistidas()
        self.stdout.write(f"Preguntas cerradas por desistimiento: {len(cerradas)}.")
        for pregunta in cerradas:
            self.stdout.write(f"  {pregunta.radicado}")
