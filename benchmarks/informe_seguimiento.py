"""Benchmark (not a test): time to build and render the follow-up PDF, next to WeasyPrint alone.

    DEBUG=1 .venv/bin/python benchmarks/informe_seguimiento.py [--actividades 1000]
        [--repeticiones 5] [--repeticiones-grande 1]

Works on a throw-away SQLite database (a temporary file, migrated here; the
project's database is never touched). For the 2022 plan (with a known set of
progress reports) and for a generated plan (plan/tests/fabricas.py) it
prints, for the follow-up of corte II:

- the queries and seconds to build the report's data (plan/informes.py);
- the seconds to build + render it to a PDF, as the download view does;
- the seconds WeasyPrint alone takes on the same HTML;
- the ratio of the two: what our side adds (queries, template, SVG) on top
  of WeasyPrint. Close to 1.0 means the time is WeasyPrint's.

Each figure is the best of --repeticiones runs for the 2022 plan (after one
warm-up render that loads fonts and templates) and of --repeticiones-grande
runs for the generated plan (1,000 activities take about a minute per render).
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


def _preparar_django(ruta_bd: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{ruta_bd}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "plan_2022", verbosity=0)


def _cronometrar(funcion):
    inicio = time.perf_counter()
    resultado = funcion()
    return time.perf_counter() - inicio, resultado


def medir(plan, *, corte: int, hoy, repeticiones: int, calentar: bool = False) -> dict:
    """Best time of each step; the full render and WeasyPrint alone alternate, so a
    machine busy with something else slows both alike and the ratio stays meaningful."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader
    from weasyprint import HTML

    from nucleo import documentos
    from plan import informes

    base_url = "http://127.0.0.1:8000/"
    plantilla = "plan/informes/seguimiento.html"

    def construir():
        return informes.informe_seguimiento(plan=plan, corte=plan.corte(corte), hoy=hoy)

    def html_de(informe):
        return render_to_string(plantilla, {"informe": informe, "plan": informe.plan})

    def completo():
        return documentos.pdf_desde_html(html_de(construir()), base_url=base_url)

    with CaptureQueriesContext(connection) as consultas:
        informe = construir()
    html = html_de(informe)
    if calentar:
        completo()  # fonts, templates
    tiempos: dict[str, list[float]] = {"datos": [], "html": [], "total": [], "solo": [], "xlsx": []}
    for _ in range(repeticiones):
        tiempos["datos"].append(_cronometrar(construir)[0])
        tiempos["html"].append(_cronometrar(lambda: html_de(construir()))[0])
        segundos, pdf = _cronometrar(completo)
        tiempos["total"].append(segundos)
        tiempos["solo"].append(
            _cronometrar(lambda: HTML(string=html, base_url=base_url).write_pdf())[0]
        )
        tiempos["xlsx"].append(
            _cronometrar(
                lambda: documentos.xlsx_desde_hojas(informes.hojas_seguimiento(construir()))
            )[0]
        )
    mejor = {clave: min(valores) for clave, valores in tiempos.items()}
    return {
        "actividades": len(informe.filas),
        "paginas": len(PdfReader(io.BytesIO(pdf)).pages),
        "consultas": len(consultas.captured_queries),
        **mejor,
        "razon": mejor["total"] / mejor["solo"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actividades", type=int, default=1000)
    parser.add_argument("--repeticiones", type=int, default=5)
    parser.add_argument("--repeticiones-grande", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pasto-rdc-bench-") as carpeta:
        _preparar_django(os.path.join(carpeta, "bench.sqlite3"))
        from datetime import date
        from decimal import Decimal

        from django.contrib.auth import get_user_model

        from plan.models import Actividad, Avance, Plan
        from plan.tests.fabricas import crear_plan_grande
        from plan.tests.test_informes import AVANCES

        plan_2022 = Plan.objects.get(vigencia=2022)
        usuario = get_user_model().objects.create_user("benchmark")
        por_codigo = {a.codigo: a for a in Actividad.objects.filter(plan=plan_2022)}
        Avance.objects.bulk_create(
            Avance(
                estado=Avance.Estado.APROBADO,
                actividad=por_codigo[codigo],
                fecha=fecha,
                cantidad=Decimal(cantidad),
                narrativa=f"Avance de {codigo} al {fecha:%d/%m/%Y}.",
                reportado_por=usuario,
            )
            for codigo, fecha, cantidad in AVANCES
        )
        grande = crear_plan_grande(actividades=args.actividades, vigencia=2030)

        filas = [
            (
                "Plan 2022",
                medir(
                    plan_2022,
                    corte=2,
                    hoy=date(2023, 1, 20),
                    repeticiones=args.repeticiones,
                    calentar=True,
                ),
            ),
            (
                f"Plan generado ({args.actividades})",
                medir(
                    grande, corte=2, hoy=date(2031, 1, 20), repeticiones=args.repeticiones_grande
                ),
            ),
        ]

    print("Seguimiento del II cuatrimestre (segundos; el mejor de las repeticiones)")
    print(
        f"{'plan':<24}{'activ.':>7}{'págs.':>6}{'consultas':>10}{'datos':>8}{'+HTML':>8}"
        f"{'total PDF':>10}{'WeasyPrint':>11}{'razón':>7}{'XLSX':>7}"
    )
    for nombre, m in filas:
        print(
            f"{nombre:<24}{m['actividades']:>7}{m['paginas']:>6}{m['consultas']:>10}"
            f"{m['datos']:>8.3f}{m['html']:>8.3f}{m['total']:>10.2f}{m['solo']:>11.2f}"
            f"{m['razon']:>7.2f}{m['xlsx']:>7.2f}"
        )
    print(
        "datos: plan/informes.py; +HTML: datos y plantilla; total PDF: datos, plantilla y "
        "WeasyPrint (la vista de descarga); WeasyPrint: solo WeasyPrint sobre el mismo HTML; "
        "razón = total PDF / WeasyPrint."
    )


if __name__ == "__main__":
    main()
