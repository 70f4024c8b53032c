"""Checks on uploaded evidence files: by content, not only by name.

Shared by every upload in the system (plan evidence, dialogue attachments).
"""

import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format

# Detected content type → the file name extensions it may carry.
TIPOS_PERMITIDOS: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/webp": (".webp",),
    "application/msword": (".doc",),
    "application/vnd.ms-excel": (".xls",),
    "application/vnd.ms-powerpoint": (".ppt",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
    "text/csv": (".csv",),
}

DESCRIPCION_TIPOS = "PDF, imágenes (JPG, PNG, WEBP), documentos de Office u OpenDocument y CSV"

# File systems (ext4, XFS) allow 255 *bytes* per name, and «ó» takes two: a stored name
# stays well below, leaving room for the «_abc1234» Django adds to avoid a clash.
MAX_BYTES_NOMBRE = 180

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArchivoRevisado:
    tipo_contenido: str
    tamano: int
    sha256: str


def tamano_maximo() -> int:
    return settings.EVIDENCIA_MAX_MB * 1024 * 1024


def _leer_cabecera(archivo: IO[bytes], n: int = 8192) -> bytes:
    archivo.seek(0)
    cabecera = archivo.read(n)
    archivo.seek(0)
    return cabecera


def _parece_csv(cabecera: bytes) -> bool:
    """CSV has no magic number: accept readable text with no NUL bytes."""
    if b"\x00" in cabecera:
        return False
    for codificacion in ("utf-8", "cp1252"):
        try:
            texto = cabecera.decode(codificacion)
        except UnicodeDecodeError:
            continue
        return any(separador in texto for separador in ",;\t") or "\n" in texto
    return False


def _tipo_por_contenido(cabecera: bytes, extension: str) -> str | None:
    tipo = filetype.guess(cabecera)
    if extension == ".csv":
        # A recognised binary format (a PDF, an image…) is not a CSV even if it has no NUL.
        return "text/csv" if tipo is None and _parece_csv(cabecera) else None
    return tipo.mime if tipo else None


def _sha256(archivo: IO[bytes]) -> str:
    resumen = hashlib.sha256()
    archivo.seek(0)
    for bloque in iter(lambda: archivo.read(1024 * 1024), b""):
        resumen.update(bloque)
    archivo.seek(0)
    return resumen.hexdigest()


def revisar_archivo(archivo: Any) -> ArchivoRevisado:
    """Validate an uploaded file; raise ValidationError with a Spanish message."""
    nombre = PurePath(getattr(archivo, "name", "") or "").name
    tamano = archivo.size
    if not tamano:
        raise ValidationError("El archivo «%(nombre)s» está vacío.", params={"nombre": nombre})
    if tamano > tamano_maximo():
        raise ValidationError(
            "El archivo «%(nombre)s» pesa %(mb)s MB; el máximo permitido es %(max)s MB.",
            params={
                "nombre": nombre,
                "mb": number_format(tamano / 1024 / 1024, 1),
                "max": settings.EVIDENCIA_MAX_MB,
            },
        )
    extension = PurePath(nombre).suffix.lower()
    tipo = _tipo_por_contenido(_leer_cabecera(archivo), extension)
    if tipo not in TIPOS_PERMITIDOS or extension not in TIPOS_PERMITIDOS[tipo]:
        raise ValidationError(
            "El contenido de «%(nombre)s» no corresponde a un tipo de archivo permitido "
            "(%(tipos)s) o no coincide con su extensión.",
            params={"nombre": nombre, "tipos": DESCRIPCION_TIPOS},
        )
    return ArchivoRevisado(tipo_contenido=tipo, tamano=tamano, sha256=_sha256(archivo))


def nombre_para_guardar(nombre: str, *, max_bytes: int = MAX_BYTES_NOMBRE) -> str:
    """`nombre` (without folders) shortened to `max_bytes` in UTF-8, keeping its extension.

    The cut falls on a character boundary, never inside an accented letter; the name is
    first composed (NFC), as macOS sends «o» + accent as two characters.
    """
    nombre = unicodedata.normalize("NFC", PurePath(nombre or "").name) or "archivo"
    if len(nombre.encode()) <= max_bytes:
        return nombre
    ruta = PurePath(nombre)
    extension = ruta.suffix if len(ruta.suffix.encode()) <= 16 else ""
    raiz = nombre[: len(nombre) - len(extension)] if extension else nombre
    espacio = max_bytes - len(extension.encode())
    raiz = raiz.encode()[:espacio].decode("utf-8", errors="ignore").rstrip(" .") or "archivo"
    return raiz + extension


def guardar_con_archivo(instancia: Any, archivo: Any) -> None:
    """Check `archivo`, then save `instancia` (evidence, attachment…) with it.

    The model must have the fields archivo, nombre_original, sha256, tamano and
    tipo_contenido, and an upload_to that gives a fresh folder per file, so an
    upload never replaces another. If the row cannot be written, the stored
    file is removed again: nothing is left behind.
    """
    revisado = revisar_archivo(archivo)
    instancia.nombre_original = archivo.name[:255]
    instancia.sha256 = revisado.sha256
    instancia.tamano = revisado.tamano
    instancia.tipo_contenido = revisado.tipo_contenido
    instancia.full_clean(exclude=["archivo"])
    instancia.archivo.save(nombre_para_guardar(archivo.name), archivo, save=False)
    guardado = instancia.archivo.name
    try:
        instancia.save()
    except BaseException:
        # Also on a worker's timeout (SystemExit) or Ctrl-C: no file without its row.
        # (A rollback of an enclosing transaction after this point is not seen here;
        # `manage.py limpiar_archivos_huerfanos` finds what such a case leaves behind.)
        try:
            instancia.archivo.storage.delete(guardado)
        except OSError:
            logger.exception("No se pudo borrar el archivo huérfano %s", guardado)
        instancia.archivo.name = ""
        raise
