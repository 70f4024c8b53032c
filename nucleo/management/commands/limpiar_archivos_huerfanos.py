"""Find (and, when asked, delete) stored files that no database row points to.

A file can be left behind when a worker is killed between storing an upload and
writing its row, or when a transaction around the upload rolls back. Every FileField
of every installed model is checked (the command knows no app), so a file is an
orphan only if no row of any model names it. Recent files are left alone: they may
belong to an upload that is still being saved. The files are listed through the default
storage, so the command works the same on MEDIA_ROOT and on an S3 bucket.
"""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.db import models
from django.utils import timezone


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


def _nombres_guardados(almacen: Storage, carpeta: str = "") -> Iterator[str]:
    """Every file name in `almacen`, through the storage API (a folder on disk or an S3
    bucket alike)."""
    subcarpetas, archivos = almacen.listdir(carpeta)
    for nombre in archivos:
        yield f"{carpeta}/{nombre}" if carpeta else nombre
    for subcarpeta in subcarpetas:
        yield from _nombres_guardados(almacen, f"{carpeta}/{subcarpeta}" if carpeta else subcarpeta)


def archivos_huerfanos(*, almacen: Storage, antiguedad_minima_s: float) -> list[str]:
    referenciados = nombres_referenciados()
    limite = timezone.now() - timedelta(seconds=antiguedad_minima_s)
    return sorted(
        nombre
        for nombre in _nombres_guardados(almacen)
        if nombre not in referenciados and almacen.get_modified_time(nombre) < limite
    )


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
        "Lista los archivos guardados (MEDIA_ROOT o el bucket S3) que ningún registro usa (archivos huérfanos); "
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
        almacen: Storage = default_storage
        # On the disk, the folders an upload made go with its file; S3 has no folders.
        raiz = Path(almacen.location) if isinstance(almacen, FileSystemStorage) else None
        if raiz is not None and not raiz.is_dir():
            self.stdout.write(f"No existe la carpeta de archivos {raiz}: nada que revisar.")
            return
        huerfanos = archivos_huerfanos(almacen=almacen, antiguedad_minima_s=minutos * 60)
        total = sum(almacen.size(nombre) for nombre in huerfanos)
        for nombre in huerfanos:
            self.stdout.write(nombre)
            if borrar:
                almacen.delete(nombre)
                if raiz is not None:
                    _quitar_carpetas_vacias((raiz / nombre).parent, raiz)
        if not huerfanos:
            self.stdout.write("No hay archivos huérfanos.")
        elif borrar:
            self.stdout.write(f"Se eliminaron {len(huerfanos)} archivos huérfanos.")
        else:
            self.stdout.write(
                f"{len(huerfanos)} archivos huérfanos ({total} bytes). "
                "No se borró nada: repita con --borrar para eliminarlos."
            )
