"""Print a year's holidays and business days per month, for OPGI to check the calendar.

Every legal deadline (Ley 1755 de 2015; Decreto 124 de 2016) counts business days on
the `holidays` package (nucleo.dias_habiles): after a law moves a holiday (Ley 2578 de
2026, 9 July → the following Monday), check here that the installed version knows it.
"""

from django.core.management.base import BaseCommand, CommandParser

from nucleo.dias_habiles import dias_habiles_del_mes, festivos_del_anio

MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


class Command(BaseCommand):
    help = "Muestra los festivos de un año con su nombre y los días hábiles de cada mes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("anio", type=int, help="El año, p. ej. 2026.")

    def handle(self, *args: object, **options: object) -> None:
        anio = options["anio"]
        assert isinstance(anio, int)
        festivos = festivos_del_anio(anio)
        self.stdout.write(f"Festivos de Colombia en {anio} ({len(festivos)}):")
        for dia, nombre in festivos:
            self.stdout.write(f"  {dia:%d/%m/%Y}  {nombre}")
        self.stdout.write(f"Días hábiles por mes en {anio}:")
        total = 0
        for mes, nombre in enumerate(MESES, start=1):
            dias = dias_habiles_del_mes(anio, mes)
            total += dias
            self.stdout.write(f"  {nombre:<11} {dias:>3}")
        self.stdout.write(f"  {'total':<11} {total:>3}")
