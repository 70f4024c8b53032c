"""Find (and, when asked, delete) files under MEDIA_ROOT that no database row points to.

A file can be left behind when a worker is killed between storing an upload and
writing its row, or when a transaction around the upload rolls back. Every FileField
of every installed model is checked (the command knows no app), so a file is an
orphan only if no row of any model names it. Recent files are left alone: they may
belong to an upload that is still being saved.
"""

import os
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import models


def nombres_referenciados() -> set[str]:
    """The stored names of every FileField value of every installed model (any storage:
    counting too many as used only means deleting less)."""
    nombres: set[str] = set()
    for modelo in apps.get_models():
        for campo in modelo._meta.concrete_fields:
            if isinstance(campo, models.FileField):
                valores = (
                    modelo._base_manager.exclude(**{campo.attname: ""})
                    .exclude(**{f"{campo.attname}__isnull": True})
                    .values_list(campo.attname, flat=True)
                )
                nombres.update(valores.iterator())
    return nombres


def archivos_huerfanos(*, raiz: Path, antiguedad_minima_s: float) -> list[Path]:
    referenciados = nombres_referenciados()
    limite = time.time() - antiguedad_minima_s
    huerfanos = []
    for carpeta, _, archivos in os.walk(raiz):
        for nombre in archivos:
            ruta = Path(carpeta) / nombre
            relativo = ruta.relative_to(raiz).as_posix()
            if relativo not in referenciados and ruta.stat().st_mtime < limite:
                huerfanos.append(ruta)
    return sorted(huerfanos)


def _quitar_carpetas_vacias(desde: Path, raiz: Path) -> None:
    carpeta = desde
    while carpeta != raiz and raiz in carpeta.parents:
        try:
            carpeta.rmdir()  # only succeeds when empty
        except OSError:
            return
        carpeta = carpeta.parent


class Command(BaseCommand):
    help = (
        "Lista los archivos de MEDIA_ROOT que ningún registro usa (archivos huérfanos); "
        "con --borrar los elimina."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--borrar", action="store_true", help="Eliminar los archivos huérfanos encontrados."
        )
        parser.add_argument(
            "--minutos",
            type=int,
            default=60,
            help="Ignorar archivos modificados hace menos de estos minutos (por defecto 60).",
        )

    def handle(
        self, *args: object, borrar: bool = False, minutos: int = 60, **options: object
    ) -> None:
        raiz = Path(settings.MEDIA_ROOT)
        if not raiz.is_dir():
            self.stdout.write(f"No existe la carpeta de archivos {raiz}: nada que revisar.")
            return
        huerfanos = archivos_huerfanos(raiz=raiz, antiguedad_minima_s=minutos * 60)
        total = sum(ruta.stat().st_size for ruta in huerfanos)
        for ruta in huerfanos:
            self.stdout.write(ruta.relative_to(raiz).as_posix())
            if borrar:
                ruta.unlink()
                _quitar_carpetas_vacias(ruta.parent, raiz)
        if not huerfanos:
            self.stdout.write("No hay archivos huérfanos.")
        elif borrar:
            self.stdout.write(f"Se eliminaron {len(huerfanos)} archivos huérfanos.")
        else:
            self.stdout.write(
                f"{len(huerfanos)} archivos huérfanos ({total} bytes). "
                "No se borró nada: repita con --borrar para eliminarlos."
            )
