"""Benchmark (not a test): the follow-up PDF of a large plan in sections, its time and memory.

    DEBUG=1 .venv/bin/python benchmarks/pdf_secciones.py [--actividades 1000]
        [--por-seccion 200] [--sin-un-paso]

Works on a throw-away SQLite database (a temporary file, migrated here; the
project's database is never touched) holding a generated plan
(plan/tests/fabricas.py). Each measurement runs in its own subprocess, so that
its peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) is its own:

- ``secciones``: what the background task does (plan.informes.pdf_por_secciones:
  the report's data, each section's template and WeasyPrint layout, the rows of
  a section's last page laid out again in the next, the join with pypdf and the
  «Página X de Y» stamp);
- ``weasyprint``: WeasyPrint alone (``HTML(string=…).write_pdf()``) on the HTML of
  the very sections the first run kept, one after the other with ``gc.collect()``
  between them; only the WeasyPrint calls are timed;
- ``un_paso``: the whole document in one WeasyPrint pass (the download view of a
  small plan), for comparison; skipped with ``--sin-un-paso``.

It prints, for each, the seconds, the pages and the peak RSS, and the ratio
secciones ÷ weasyprint (target: ≤ 1.2; peak RSS < 600 MB per process).

Measured (2 shared cores, 8 Dec 2026, 200 rows a section):

    activities  pages  sections  in sections        WeasyPrint alone   one pass
    1,000       170    6         27.2 s, 223 MB     24.3 s, 222 MB     27.3 s, 573 MB
    3,000       502    16        91.5 s, 260 MB     64.4 s, 258 MB     (not run)

Ratio 1.12 at 1,000, 1.42 at 3,000: the peak stays bounded, but something outside
WeasyPrint grows faster than the pages (to profile: the pypdf join and stamp).
"""

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

BASE_URL = "http://127.0.0.1:8000/"
PLANTILLA = "plan/informes/seguimiento.html"
VIGENCIA = 2030


def _preparar_django(ruta_bd: str, *, migrar: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{ruta_bd}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
    import django

    django.setup()
    if migrar:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _informe():
    from datetime import date

    from plan import informes
    from plan.models import Plan

    plan = Plan.objects.get(vigencia=VIGENCIA)
    return informes.informe_seguimiento(
        plan=plan, corte=plan.corte(2), hoy=date(VIGENCIA + 1, 1, 20)
    )


def _paginas(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _medir_secciones(por_seccion: int, ruta_cortes: str) -> dict:
    from nucleo import documentos
    from plan import informes

    # The sections the run keeps: the last rendering of each `desde` (a section that
    # fits on one page is rendered again with more rows).
    ultimas: dict[int, int] = {}
    original = documentos.pdf_por_secciones

    def registrar(*, html_de, **resto):
        def html(seccion):
            ultimas[seccion.desde] = seccion.hasta
            return html_de(seccion)

        return original(html_de=html, **resto)

    documentos.pdf_por_secciones = registrar  # type: ignore[assignment]
    inicio = time.perf_counter()
    pdf = informes.pdf_por_secciones(
        _informe(), plantilla=PLANTILLA, base_url=BASE_URL, por_seccion=por_seccion
    )
    segundos = time.perf_counter() - inicio
    desdes = sorted(ultimas)
    Path(ruta_cortes).write_text(json.dumps(desdes))
    return {"segundos": segundos, "paginas": _paginas(pdf), "secciones": len(desdes)}


def _medir_weasyprint(ruta_cortes: str) -> dict:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from nucleo import documentos, entidad

    informe = _informe()
    renglones = informe.renglones
    desdes = json.loads(Path(ruta_cortes).read_text())
    limites = [*desdes, len(renglones)]
    contexto = {"informe": informe, "plan": informe.plan, "institucion": entidad.entidad_actual()}
    segundos, paginas = 0.0, 0
    for numero, (desde, hasta) in enumerate(zip(limites, limites[1:], strict=False)):
        seccion = documentos.Seccion(
            desde=desde, hasta=hasta, primera=numero == 0, ultima=hasta == len(renglones)
        )
        html = render_to_string(
            PLANTILLA, {**contexto, "seccion_pdf": seccion, "renglones": renglones[desde:hasta]}
        )
        inicio = time.perf_counter()
        pdf = HTML(string=html, base_url=BASE_URL).write_pdf()
        segundos += time.perf_counter() - inicio
        paginas += _paginas(pdf)
        del html, pdf
        gc.collect()
    return {"segundos": segundos, "paginas": paginas, "secciones": len(desdes)}


def _medir_un_paso() -> dict:
    from nucleo import documentos

    inicio = time.perf_counter()
    informe = _informe()
    pdf = documentos.contenido(
        formato="pdf",
        plantilla=PLANTILLA,
        contexto={"informe": informe, "plan": informe.plan},
        hojas=list,
        base_url=BASE_URL,
    )
    return {"segundos": time.perf_counter() - inicio, "paginas": _paginas(pdf), "secciones": 1}


def _hijo(args) -> None:
    """One measurement, in this (child) process: prints one JSON line."""
    _preparar_django(args.bd, migrar=False)
    cortes = args.bd + ".secciones.json"
    if args.modo == "secciones":
        resultado = _medir_secciones(args.por_seccion, cortes)
    elif args.modo == "weasyprint":
        resultado = _medir_weasyprint(cortes)
    else:
        resultado = _medir_un_paso()
    print(json.dumps({**resultado, "rss_mb": _rss_mb()}))


def _en_subproceso(modo: str, args, bd: str) -> dict:
    salida = subprocess.run(
        [
            sys.executable,
            __file__,
            "--modo",
            modo,
            "--bd",
            bd,
            "--por-seccion",
            str(args.por_seccion),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    return json.loads(salida.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actividades", type=int, default=1000)
    parser.add_argument("--por-seccion", type=int, default=200)
    parser.add_argument("--sin-un-paso", action="store_true")
    parser.add_argument("--modo", choices=["secciones", "weasyprint", "un_paso"])
    parser.add_argument("--bd")
    args = parser.parse_args()
    if args.modo:
        _hijo(args)
        return

    with tempfile.TemporaryDirectory(prefix="pasto-rdc-bench-") as carpeta:
        bd = os.path.join(carpeta, "bench.sqlite3")
        _preparar_django(bd, migrar=True)
        from plan.tests.fabricas import crear_plan_grande

        inicio = time.perf_counter()
        crear_plan_grande(actividades=args.actividades, vigencia=VIGENCIA)
        print(
            f"Plan de {args.actividades} actividades generado en {time.perf_counter() - inicio:.1f} s"
        )
        modos = ["secciones", "weasyprint"] + ([] if args.sin_un_paso else ["un_paso"])
        medidas = {modo: _en_subproceso(modo, args, bd) for modo in modos}

    print(
        f"PDF del seguimiento, corte II, {args.actividades} actividades, "
        f"{args.por_seccion} renglones por sección (cada medida en su propio proceso)"
    )
    print(f"{'medida':<34}{'segundos':>9}{'págs.':>7}{'secc.':>7}{'RSS pico MB':>13}")
    nombres = {
        "secciones": "en secciones (datos+HTML+PDF)",
        "weasyprint": "WeasyPrint solo, mismas secciones",
        "un_paso": "un solo paso (datos+HTML+PDF)",
    }
    for modo, m in medidas.items():
        print(
            f"{nombres[modo]:<34}{m['segundos']:>9.1f}{m['paginas']:>7}{m['secciones']:>7}"
            f"{m['rss_mb']:>13.0f}"
        )
    razon = medidas["secciones"]["segundos"] / medidas["weasyprint"]["segundos"]
    print(f"razón secciones ÷ WeasyPrint solo: {razon:.2f} (meta ≤ 1.2)")
    pico = medidas["secciones"]["rss_mb"]
    print(f"RSS pico en secciones: {pico:.0f} MB (meta < 600 MB)")


if __name__ == "__main__":
    main()
