"""Backups that restore (README, «Respaldos»): `dbbackup` + `mediabackup` of an
installation with the 2022 plan and evidence files, restored with `dbrestore` +
`mediarestore` into an empty database and an empty media folder, give back every row of
every table and every file with its SHA-256.

Each step is `manage.py` in its own process, as an operator (or cron) runs it, against
databases made for the test: SQLite files, or — when the suite runs on PostgreSQL
(DATABASE_URL=postgres://…) — two fresh databases on that server, dumped with pg_dump
and restored with psql.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

RAIZ = Path(__file__).resolve().parent.parent

INSTALAR = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable")
"""

# Run inside `manage.py shell`: an office uploads three evidence files to the 2022 plan.
SEMBRAR = """
import io
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from nucleo import roles
from plan import services
from plan.models import Actividad, Perfil, Responsable
from tests.ayudas import PDF_MINIMO

call_command("loaddata", "plan_2022", verbosity=0)
bruno = Group.objects.get(name=roles.OFICINA).user_set.create(
    username="bruno", email="bruno@pasto.gov.co"
)
Perfil.objects.create(usuario=bruno, responsable=Responsable.objects.get(slug="educacion"))
png = io.BytesIO()
Image.new("RGB", (8, 8), (0, 102, 51)).save(png, "PNG")
archivos = [
    ("informe de gestión.pdf", PDF_MINIMO),
    ("foto-audiencia.png", png.getvalue()),
    ("asistentes.csv", "nombre;barrio\\nAna Pérez;Centro\\n".encode()),
]
for nombre, contenido in archivos:
    services.subir_evidencia(
        actividad=Actividad.objects.get(plan__vigencia=2022, codigo="1.3"),
        usuario=bruno,
        descripcion=f"Evidencia {nombre}",
        archivo=SimpleUploadedFile(nombre, contenido),
    )
"""

# Every row of every table of the database, as a count and a hash of its sorted rows.
HUELLA = """
import hashlib, json
from django.db import connection
from plan.models import Evidencia

tablas = {}
with connection.cursor() as cursor:
    for tabla in sorted(connection.introspection.table_names()):
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabla)}")
        filas = sorted(repr(fila) for fila in cursor.fetchall())
        tablas[tabla] = [len(filas), hashlib.sha256("\\n".join(filas).encode()).hexdigest()]
archivos = dict(Evidencia.objects.exclude(archivo="").values_list("archivo", "sha256"))
print("\\n" + json.dumps({"tablas": tablas, "archivos": archivos}))
"""


RESPALDAR = """
call_command("dbbackup", output_filename="base.dump.gz", compress=True, interactive=False)
call_command(
    "mediabackup", output_filename="archivos.tar.gz", compress=True, interactive=False
)
"""

RESTAURAR = """
from django.core.management import call_command
call_command("dbrestore", input_filename="base.dump.gz", uncompress=True, interactive=False)
call_command(
    "mediarestore", input_filename="archivos.tar.gz", uncompress=True, interactive=False
)
"""

# The restored installation is complete: no migration is missing (exits non-zero if one is).
COMPLETA = """
from django.core.management import call_command
call_command("migrate", check_unapplied=True, verbosity=0)
"""


def _shell(*partes: str, entorno: dict[str, str]) -> str:
    return _manage("shell", "--no-imports", "--command", "\n".join(partes), entorno=entorno)


def _json(salida: str) -> dict:
    return json.loads(salida.strip().splitlines()[-1])


def _manage(*argumentos: str, entorno: dict[str, str]) -> str:
    resultado = subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert resultado.returncode == 0, (argumentos, resultado.stdout, resultado.stderr)
    return resultado.stdout


def _archivos(carpeta: Path) -> dict[str, str]:
    return {
        ruta.relative_to(carpeta).as_posix(): hashlib.sha256(ruta.read_bytes()).hexdigest()
        for ruta in carpeta.rglob("*")
        if ruta.is_file()
    }


@pytest.fixture
def bases_de_datos(tmp_path) -> Iterator[tuple[str, str]]:
    """Two database URLs: the installation, and an empty one to restore into."""
    actual = os.environ.get("DATABASE_URL", "")
    if not actual.startswith(("postgres://", "postgresql://")):
        yield (
            f"sqlite:///{tmp_path / 'origen.sqlite3'}",
            f"sqlite:///{tmp_path / 'restaurada.sqlite3'}",
        )
        return
    import psycopg2

    partes = urlsplit(actual)
    nombres = [f"pasto_respaldo_{uuid.uuid4().hex[:8]}_{sufijo}" for sufijo in ("a", "b")]
    conexion = psycopg2.connect(actual)
    conexion.autocommit = True
    with conexion.cursor() as cursor:
        for nombre in nombres:
            cursor.execute(f'CREATE DATABASE "{nombre}"')
    try:
        yield tuple(urlunsplit(partes._replace(path=f"/{nombre}")) for nombre in nombres)  # type: ignore[misc]
    finally:
        with conexion.cursor() as cursor:
            for nombre in nombres:
                cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')
        conexion.close()


def test_un_respaldo_se_restaura_en_una_instalacion_vacia_con_cada_fila_y_cada_archivo(
    tmp_path, bases_de_datos
):
    if os.environ.get("DATABASE_URL", "").startswith("postgres") and not shutil.which("pg_dump"):
        pytest.skip("pg_dump y psql no están en el PATH: dbbackup los necesita en PostgreSQL.")
    origen, restaurada = bases_de_datos
    respaldos = tmp_path / "respaldos"
    base = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
        "DJANGO_SETTINGS_MODULE": "pasto_rdc.settings",
        "DEBUG": "1",
        "SECRET_KEY": "clave-solo-para-pruebas",
        "ALMACENAMIENTO": "local",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "RESPALDOS_DIR": str(respaldos),
    }
    instalacion = {**base, "DATABASE_URL": origen, "MEDIA_ROOT": str(tmp_path / "media")}
    vacia = {**base, "DATABASE_URL": restaurada, "MEDIA_ROOT": str(tmp_path / "media-restaurada")}

    # One process per step an operator takes: install and back up; restore; check.
    antes = _json(_shell(INSTALAR, SEMBRAR, RESPALDAR, HUELLA, entorno=instalacion))
    archivos_antes = _archivos(tmp_path / "media")
    assert sorted(p.name for p in respaldos.iterdir())[:2] == ["archivos.tar.gz", "base.dump.gz"]

    _shell(RESTAURAR, entorno=vacia)
    despues = _json(_shell(COMPLETA, HUELLA, entorno=vacia))
    archivos_despues = _archivos(tmp_path / "media-restaurada")

    # What was backed up is a real installation: the plan, the evidence, their files.
    assert antes["tablas"]["plan_actividad"][0] >= 20
    assert antes["tablas"]["plan_evidencia"][0] == 3
    assert len(archivos_antes) == 3
    assert sorted(antes["archivos"].items()) == sorted(archivos_antes.items())
    # Every table, every row, every file's SHA-256, identical.
    diferentes = {
        tabla: (antes["tablas"][tabla], despues["tablas"].get(tabla))
        for tabla in antes["tablas"]
        if despues["tablas"].get(tabla) != antes["tablas"][tabla]
    }
    assert diferentes == {}
    assert despues == antes
    assert archivos_despues == archivos_antes
