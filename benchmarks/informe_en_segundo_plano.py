"""Benchmark (not a test): a large follow-up asked for in the browser, built by the worker.

    DEBUG=1 .venv/bin/python benchmarks/informe_en_segundo_plano.py [--actividades 1000]

Works on a throw-away SQLite database with the production task backend
(django_tasks_db.DatabaseBackend). For a generated plan (plan/tests/fabricas.py) it
prints:

- the seconds and queries of the browser's request for the corte II follow-up PDF
  (it must answer at once: a redirect to «Mis pendientes»);
- the seconds the worker (`manage.py db_worker --batch`) takes to build the file;
- the seconds WeasyPrint alone takes on the same report's HTML, and the ratio of the
  two (close to 1.0: the time is WeasyPrint's, now outside any request).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))


def _preparar_django(ruta_bd: str, carpeta_media: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{ruta_bd}"
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ["MEDIA_ROOT"] = carpeta_media
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("loaddata", "plan_2022", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actividades", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pasto-rdc-bench-") as carpeta:
        _preparar_django(os.path.join(carpeta, "bench.sqlite3"), os.path.join(carpeta, "media"))
        from datetime import date

        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.core.management import call_command
        from django.db import connection
        from django.template.loader import render_to_string
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from weasyprint import HTML

        from nucleo import roles
        from nucleo.models import DocumentoGenerado
        from plan import informes
        from plan.tests.fabricas import crear_plan_grande

        grande = crear_plan_grande(actividades=args.actividades, vigencia=2030)
        alicia = get_user_model().objects.create_user("alicia-bench", email="a@example.org")
        alicia.groups.add(Group.objects.get(name=roles.OPGI))
        cliente = Client()
        cliente.force_login(alicia)

        with CaptureQueriesContext(connection) as consultas:
            inicio = time.perf_counter()
            respuesta = cliente.get(f"/informes/seguimiento/{grande.slug}/2.pdf")
            peticion = time.perf_counter() - inicio
        assert respuesta.status_code == 302, respuesta.status_code

        inicio = time.perf_counter()
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        tarea = time.perf_counter() - inicio
        documento = DocumentoGenerado.objects.get()
        assert documento.listo, documento.error

        informe = informes.informe_seguimiento(
            plan=grande, corte=grande.corte(2), hoy=date.fromisoformat(documento.parametros["hoy"])
        )
        html = render_to_string(
            "plan/informes/seguimiento.html", {"informe": informe, "plan": grande}
        )
        inicio = time.perf_counter()
        HTML(string=html, base_url="http://127.0.0.1:8000/").write_pdf()
        solo = time.perf_counter() - inicio

    print(f"Seguimiento del II cuatrimestre de un plan de {args.actividades} actividades")
    print(f"petición del navegador: {peticion:.3f} s, {len(consultas.captured_queries)} consultas")
    print(f"tarea (db_worker):      {tarea:.2f} s ({documento.tamano or 0} bytes)")
    print(f"WeasyPrint solo:        {solo:.2f} s")
    print(f"razón tarea / WeasyPrint: {tarea / solo:.2f}")


if __name__ == "__main__":
    main()
