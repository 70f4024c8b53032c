"""Benchmark (not a test): the admin's XLSX import of N activities, next to a raw import.

    DEBUG=1 .venv/bin/python benchmarks/importacion.py [--filas 2000] [--repeticiones 1]

Works on a throw-away SQLite database (a temporary file, migrated here; the project's
database is never touched). A plan of --filas activities is generated
(plan/tests/fabricas.py) and exported as the admin exports it (XLSX); the file, with its
«Vigencia» changed, is then imported into an empty copy of that plan (same componentes
and subcomponentes, same offices), through the admin with Django's test client:

- the preview (the dry run, which writes nothing) and the confirmation, each with its
  seconds and queries per row;
- the preview of the same file once imported (every row unchanged);
- the anchor: in the same run, a raw openpyxl read of the same file and `bulk_create`
  of the same activities, offices and windows (rolled back), and the ratio of each
  step to it. Issue 17's target: the import within 3× the anchor, dry run included,
  and at most 0.1 query per row.

Each figure is the best of --repeticiones runs (the anchor runs before each import, so a
busy machine slows both alike).
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

VIGENCIA_DE_LA_COPIA = 2031


def _preparar_django(ruta_bd: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{ruta_bd}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("loaddata", "plan_2022", verbosity=0)
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the client's responses carry their context (the confirm form)


def _archivo(plan) -> bytes:
    """The plan's activities as the admin exports them, for the empty copy's vigencia."""
    from import_export.formats.base_formats import XLSX

    from plan.models import Actividad
    from plan.resources import ActividadResource

    datos = ActividadResource().export(Actividad.objects.filter(plan=plan))
    columna = datos.headers.index("Vigencia")
    filas = [list(fila) for fila in datos]
    datos.wipe()
    datos.headers = ActividadResource().get_export_headers()
    for fila in filas:
        fila[columna] = VIGENCIA_DE_LA_COPIA
        datos.append(fila)
    return XLSX().export_data(datos)


def _copia_vacia(plan):
    """The same plan (componentes, subcomponentes) with no activity."""
    from plan.models import Componente, Plan, Subcomponente

    copia = Plan.objects.create(
        entidad=plan.entidad, vigencia=VIGENCIA_DE_LA_COPIA, titulo=plan.titulo, publicado=True
    )
    for componente in plan.componentes.all():
        nuevo = Componente.objects.create(
            plan=copia, nombre=componente.nombre, orden=componente.orden
        )
        Subcomponente.objects.bulk_create(
            Subcomponente(componente=nuevo, numero=s.numero, nombre=s.nombre)
            for s in componente.subcomponentes.all()
        )
    return copia


def _ancla(contenido: bytes, plan) -> float:
    """Seconds of a raw openpyxl read + bulk_create of the file's rows (rolled back)."""
    from datetime import datetime
    from decimal import Decimal

    import openpyxl
    from django.db import transaction

    from plan.models import Actividad, ActividadResponsable, Responsable, Subcomponente, Ventana

    inicio = time.perf_counter()
    with transaction.atomic():
        subcomponentes = {s.numero: s for s in Subcomponente.objects.filter(componente__plan=plan)}
        oficinas = {r.nombre: r for r in Responsable.objects.filter(entidad=plan.entidad)}
        oficinas.update({r.sigla: r for r in oficinas.values() if r.sigla})
        hoja = openpyxl.load_workbook(io.BytesIO(contenido), read_only=True).active
        filas = hoja.iter_rows(values_only=True)
        encabezados = list(next(filas))
        actividades, responsables, ventanas = [], [], []
        for fila in filas:
            celda = dict(zip(encabezados, fila, strict=False))
            cantidad = celda["Meta cantidad"]
            actividades.append(
                Actividad(
                    plan=plan,
                    subcomponente=subcomponentes[int(celda["Subcomponente"])],
                    codigo=celda["Código"],
                    descripcion=celda["Actividad"],
                    producto=celda["Producto"],
                    meta_texto=celda["Meta"],
                    meta_cantidad=None if cantidad in (None, "") else Decimal(str(cantidad)),
                    meta_unidad=celda["Meta unidad"],
                    meta_tipo="exacta",
                )
            )
            responsables.append([oficinas[n.strip()] for n in celda["Responsables"].split(";")])
            ventanas.append(
                [
                    [datetime.strptime(f.strip(), "%d/%m/%Y").date() for f in v.split("-")]
                    for v in celda["Ventanas"].split(";")
                ]
            )
        Actividad.objects.bulk_create(actividades)
        ActividadResponsable.objects.bulk_create(
            ActividadResponsable(actividad=a, responsable=r, orden=orden)
            for a, suyos in zip(actividades, responsables, strict=True)
            for orden, r in enumerate(suyos, start=1)
        )
        Ventana.objects.bulk_create(
            Ventana(actividad=a, inicio=inicio_, fin=fin)
            for a, suyas in zip(actividades, ventanas, strict=True)
            for inicio_, fin in suyas
        )
        transaction.set_rollback(True)
    return time.perf_counter() - inicio


def _medir(funcion):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # it keeps 9,000 queries: a full log would count 0
    with CaptureQueriesContext(connection) as consultas:
        inicio = time.perf_counter()
        resultado = funcion()
        segundos = time.perf_counter() - inicio
    return segundos, len(consultas.captured_queries), resultado


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--filas", type=int, default=2000)
    parser.add_argument("--repeticiones", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pasto-rdc-bench-") as carpeta:
        _preparar_django(os.path.join(carpeta, "bench.sqlite3"))
        from django.contrib.auth import get_user_model
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.db import transaction
        from django.test import Client
        from django.urls import reverse

        from plan.models import Actividad
        from plan.tests.fabricas import crear_plan_grande

        original = crear_plan_grande(actividades=args.filas, vigencia=2030)
        copia = _copia_vacia(original)
        contenido = _archivo(original)
        admin = get_user_model().objects.create_superuser("admin-bench", "a@example.org", "x")
        cliente = Client()
        cliente.force_login(admin)
        formato = "0"  # XLSX, the first of ImportacionAdmin.import_formats

        def previa():
            archivo = SimpleUploadedFile("plan.xlsx", contenido)
            respuesta = cliente.post(
                reverse("admin:plan_actividad_import"),
                {"format": formato, "resource": "0", "import_file": archivo},
            )
            assert respuesta.status_code == 200, respuesta.status_code
            assert "confirm_form" in respuesta.context, respuesta.content[:2000]
            return respuesta

        def confirmar(respuesta):
            final = cliente.post(
                reverse("admin:plan_actividad_process_import"),
                respuesta.context["confirm_form"].initial,
            )
            assert final.status_code == 302, final.status_code
            return final

        mejores: dict[str, tuple[float, int]] = {}

        def anotar(nombre, segundos, consultas):
            if nombre not in mejores or segundos < mejores[nombre][0]:
                mejores[nombre] = (segundos, consultas)

        for _ in range(args.repeticiones):
            anotar("ancla", _ancla(contenido, copia), 0)
            # Each repetition imports into the empty copy and then undoes it.
            with transaction.atomic():
                segundos, consultas, respuesta = _medir(previa)
                anotar("vista previa", segundos, consultas)
                segundos, consultas, _ = _medir(lambda r=respuesta: confirmar(r))
                anotar("confirmación", segundos, consultas)
                assert Actividad.objects.filter(plan=copia).count() == args.filas
                segundos, consultas, _ = _medir(previa)
                anotar("vista previa sin cambios", segundos, consultas)
                transaction.set_rollback(True)

    ancla = mejores["ancla"][0]
    print(f"Importación en el admin de un XLSX de {args.filas} actividades")
    print(f"ancla (openpyxl + bulk_create): {ancla:.2f} s")
    for nombre in ("vista previa", "confirmación", "vista previa sin cambios"):
        segundos, consultas = mejores[nombre]
        print(
            f"{nombre:<26} {segundos:7.2f} s  {segundos / ancla:5.1f}× el ancla  "
            f"{consultas:5d} consultas ({consultas / args.filas:.3f} por fila)"
        )
    total = mejores["vista previa"][0] + mejores["confirmación"][0]
    print(f"vista previa + confirmación: {total:.2f} s, {total / ancla:.1f}× el ancla")


if __name__ == "__main__":
    main()
