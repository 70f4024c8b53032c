"""Recompute the stored deadline of every open question from the calendar and its events.

`Pregunta.vence_el` is stored so that lists order and filter by it; the services store it
after each change, and this command repairs what drifted (a `holidays` update that moved
a holiday, a correction made outside the services). Safe to run daily.
"""

from django.core.management.base import BaseCommand

from dialogos.services import plazos


class Command(BaseCommand):
    help = "Recalcula el vencimiento de las preguntas abiertas según el calendario y sus eventos."

    def handle(self, *args: object, **options: object) -> None:
        corregidos = plazos.recalcular_vencimientos()
        self.stdout.write(f"Vencimientos corregidos: {len(corregidos)}.")
        for c in corregidos:
            self.stdout.write(
                f"  pregunta {c.pregunta.pk}: {c.antes:%d/%m/%Y} → {c.despues:%d/%m/%Y}"
            )
