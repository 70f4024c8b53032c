"""Load the municipality's comunas and corregimientos from a CSV (tipo;nombre;numero).

    manage.py cargar_territorios --archivo territorios.csv

Idempotent (run it again after correcting the file); a file with a bad row writes
nothing and names the rows. The format is dialogos.services.territorios'.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dialogos.services import territorios


class Command(BaseCommand):
    help = (
        "Carga las comunas y corregimientos del municipio desde un CSV con las columnas "
        "tipo;nombre;numero (UTF-8 o Windows-1252, separado por «;» o «,»)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--archivo",
            required=True,
            type=Path,
            help="El CSV: tipo (comuna o corregimiento); nombre; numero (su orden, opcional).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archivo: Path = options["archivo"]
        try:
            datos = archivo.read_bytes()
        except OSError as error:
            raise CommandError(f"No se pudo leer el archivo {archivo}: {error.strerror}.") from None
        try:
            filas = territorios.leer_csv(datos)
            resultado = territorios.cargar_territorios(filas=filas)
        except ValidationError as error:
            raise CommandError(
                "No se cargó ningún territorio:\n" + "\n".join(error.messages)
            ) from None
        self.stdout.write(
            f"Territorios: {resultado.creados} creados, {resultado.actualizados} "
            f"actualizados, {resultado.sin_cambios} sin cambios."
        )
