"""Benchmark (not a test): the open-data CSV of N activities against a raw csv.writer.

    DEBUG=1 .venv/bin/python benchmarks/exportacion.py [--actividades 1000 9801]
        [--repeticiones 3]

Works on a throw-away SQLite database (a temporary file, migrated here; the project's
database is never touched). For each N it generates a published plan of N activities
(plan/tests/fabricas.py, plus the 2022 plan) and prints, best of --repeticiones:

- «en frío»: GET /datos-abiertos/actividades.csv with an empty cache, the whole body
  read (the version query, the dataset's queries, state and progress of each activity,
  the CSV streamed and kept in the cache);
- «en caché»: the same download again (the version query, then the kept bytes);
- «csv.writer»: the anchor, a raw csv.writer over a `.values()` query of the same
  activities and their stored columns (no progress nor state: what the data costs to
  read and write, nothing computed);
- each time's ratio to the anchor (issue 17's target: within 2×).
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

URL = "/datos-abiertos/actividades.csv"
COLUMNAS = (
    "plan__slug",
    "plan__vigencia",
    "plan__entidad__nombre",
    "codigo",
    "subcomponente__nombre",
    "descripcion",
    "producto",
    "meta_texto",
    "meta_cantidad",
    "meta_unidad",
    "meta_tipo",
)


def _preparar_django(ruta_bd: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{ruta_bd}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("loaddata", "plan_2022", verbosity=0)


def _mejor(funcion, repeticiones: int, antes=None) -> tuple[float, object]:
    mejor, resultado = float("inf"), None
    for _ in range(repeticiones):
        if antes is not None:
            antes()
        inicio = time.perf_counter()
        resultado = funcion()
        mejor = min(mejor, time.perf_counter() - inicio)
    return mejor, resultado


def csv_crudo() -> bytes:
    """The anchor: csv.writer over .values() of the public activities, in the dataset's order."""
    from plan import selectors

    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(COLUMNAS)
    filas = (
        selectors.actividades_publicas()
        .order_by("-plan__vigencia", "plan_id", *selectors.ORDEN_DEL_PLAN)
        .values_list(*COLUMNAS)
        .iterator(chunk_size=2000)
    )
    for fila in filas:
        escritor.writerow(fila)
    return salida.getvalue().encode("utf-8-sig")


def medir(repeticiones: int) -> dict:
    from django.core.cache import cache
    from django.test import Client

    cliente = Client(HTTP_HOST="localhost")

    def descargar() -> bytes:
        respuesta = cliente.get(URL)
        assert respuesta.status_code == 200, respuesta.status_code
        return respuesta.getvalue()

    descargar()  # warm-up: templates, imports, SQLite's pages
    frio, cuerpo = _mejor(descargar, repeticiones, antes=cache.clear)
    caliente, cuerpo_cache = _mejor(descargar, repeticiones)
    assert cuerpo_cache == cuerpo
    crudo, _ = _mejor(csv_crudo, repeticiones)
    return {
        "bytes": len(cuerpo),
        "frio": frio,
        "cache": caliente,
        "crudo": crudo,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actividades", type=int, nargs="+", default=[1000, 9801])
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="rdc-exportacion-") as carpeta:
        _preparar_django(str(Path(carpeta) / "bench.sqlite3"))
        from django.contrib.auth import get_user_model

        from plan.models import Actividad
        from plan.tests.fabricas import crear_plan_grande

        usuario = get_user_model().objects.create_user("medidor")
        print(
            f"{'actividades':>11} {'bytes':>10} {'en frío s':>10} {'en caché s':>11} "
            f"{'csv.writer s':>13} {'frío/crudo':>11} {'caché/crudo':>12}"
        )
        generadas = 0
        for vigencia, total in enumerate(sorted(args.actividades), start=2030):
            # Each size is one more plan: the dataset holds every published plan.
            crear_plan_grande(actividades=total - generadas, vigencia=vigencia, usuario=usuario)
            generadas = total
            filas = Actividad.objects.count()
            r = medir(args.repeticiones)
            print(
                f"{filas:>11} {r['bytes']:>10} {r['frio']:>10.3f} {r['cache']:>11.4f} "
                f"{r['crudo']:>13.3f} {r['frio'] / r['crudo']:>10.1f}× "
                f"{r['cache'] / r['crudo']:>11.2f}×"
            )


if __name__ == "__main__":
    main()
