"""Benchmark (not a test): pages, import and open-data export at 23, 1,000 and 9,801 activities.

    DEBUG=1 .venv/bin/python benchmarks/escala.py [--grande 9801] [--medio 1000]
        [--repeticiones 15] [--segundos-por-pagina 5] [--repeticiones-importacion 1]
        [--filas-importacion 500] [--sin-importacion]

    --grande N                   activities of the large generated plan (default 9,801, the
                                 most today's codes allow); `--grande 3000` is a quick run
                                 (about 5 minutes).
    --medio N                    activities of the middle plan (default 1,000).
    --repeticiones N             timed runs of each page (the median is printed; default 15)…
    --segundos-por-pagina S      …or fewer when a page's runs pass S seconds (default 5; at
                                 least 3 runs).
    --repeticiones-importacion N imports of the large plan's file (and of its anchor).
    --filas-importacion N        the file's first N rows (default 500: today's import takes
                                 ~60–130 ms a row; both figures of the target are per row);
                                 0 imports every row, as the target's 9,801-row file.
    --sin-importacion            only the pages and the CSV export.

The database is a temporary SQLite file; with DATABASE_URL pointing at PostgreSQL (or
any non-SQLite server) the script creates Django's test database next to it
(«test_<name>», dropped at the end), never touching the named database's data.

What it measures, in-process with Django's test client (no network), for the 2022 plan
(the `plan_2022` fixture, 23 activities) and two plans written by
plan/tests/fabricas.py::crear_plan_grande. Before each size, that plan is made the only
published one and the plan in force (plan/servicios_ciclo.py), so the home page and the
open-data files show it alone:

- each page of issue 17's table: the median time of its runs, interleaved with a
  minimal Django view through the same middleware (the floor, printed too), the first
  (cold) request's time, its bytes and its SQL queries;
- the import of the large plan's admin export (an XLSX) into an empty plan of another
  vigencia, through the admin's two requests (the preview is the dry run, then the
  confirmation), against the anchor: openpyxl reading the same file and `bulk_create`
  of the same activities, offices and windows;
- the open-data activities CSV of the large plan against the anchor: a raw csv.writer
  over a `.values()` query of the same public activities.

It prints the table with ratios (each page at the large size against its own time at
23 activities) and whether issue 17's targets are met. The follow-up PDF is measured by
benchmarks/informe_seguimiento.py, the load on gunicorn by benchmarks/carga.py.
"""

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

KB = 1024
LIMITE_BYTES = 300 * KB  # issue 17: every page under 300 KB
RAZON_PAGINA = 2.0  # …within 2× its own time at 23 activities
RAZON_IMPORTACION = 3.0  # import within 3× the openpyxl + bulk_create anchor
CONSULTAS_POR_FILA = 0.1
RAZON_CSV = 2.0  # open-data CSV within 2× a raw csv.writer


# --- Django --------------------------------------------------------------------------


def _preparar_django(carpeta: str) -> Callable[[], None]:
    """Settings for the run, a migrated empty database; returns what drops it at the end."""
    externa = os.environ.get("DATABASE_URL", "")
    if not externa or externa.startswith("sqlite"):
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(carpeta, 'bench.sqlite3')}"
        externa = ""
    os.environ.setdefault("DEBUG", "1")
    os.environ["MEDIA_ROOT"] = os.path.join(carpeta, "media")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    # The follow-up XLSX is built in the request (not by a task), as the table measures it.
    os.environ["INFORME_EN_SEGUNDO_PLANO_DESDE"] = str(10**9)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    def nada() -> None:
        pass

    borrar = nada
    if externa:
        original = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

        def borrar() -> None:
            connection.creation.destroy_test_db(original, verbosity=0)

    else:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
    call_command("loaddata", "plan_2022", verbosity=0)
    _agregar_piso()
    # Not one log line per request (rdc.peticiones) in the output.
    import logging

    logging.disable(logging.INFO)
    return borrar


def _agregar_piso() -> None:
    """The floor: a minimal view at /__piso__/, in front of the project's URLs."""
    import types

    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import clear_url_caches, include, path

    modulo = types.ModuleType("urls_con_piso")
    modulo.urlpatterns = [  # type: ignore[attr-defined]
        path("__piso__/", lambda request: HttpResponse("piso")),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules["urls_con_piso"] = modulo
    settings.ROOT_URLCONF = "urls_con_piso"
    clear_url_caches()


# --- measuring -----------------------------------------------------------------------


def _cuerpo(respuesta) -> bytes:
    if getattr(respuesta, "streaming", False):
        return b"".join(respuesta.streaming_content)
    return respuesta.content


class Consultas:
    """Counts the SQL statements run inside it (a wrapper on the connection: unlike
    CaptureQueriesContext it does not stop counting once DEBUG's log of 9,000 is full)."""

    def __init__(self) -> None:
        self.cantidad = 0

    def __call__(self, execute, sql, params, many, context):
        self.cantidad += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> "Consultas":
        from django.db import connection

        self._contexto = connection.execute_wrapper(self)
        self._contexto.__enter__()
        return self

    def __exit__(self, *error) -> None:
        self._contexto.__exit__(*error)


def _cronometrar(funcion: Callable[[], object]) -> float:
    inicio = time.perf_counter()
    funcion()
    return time.perf_counter() - inicio


@dataclass
class Medida:
    estado: int
    bytes: int
    consultas: int
    primera: float
    mediana: float
    piso: float
    corridas: int


def medir_pagina(cliente, url: str, piso, *, repeticiones: int, presupuesto: float) -> Medida:
    def pedir():
        respuesta = cliente.get(url)
        return respuesta, _cuerpo(respuesta)

    inicio = time.perf_counter()
    respuesta, cuerpo = pedir()
    primera = time.perf_counter() - inicio
    with Consultas() as consultas:
        pedir()
    tiempos: list[float] = []
    pisos: list[float] = []
    empezado = time.perf_counter()
    while len(tiempos) < repeticiones and (
        len(tiempos) < 3 or time.perf_counter() - empezado < presupuesto
    ):
        pisos.append(_cronometrar(lambda: _cuerpo(piso.get("/__piso__/"))))
        tiempos.append(_cronometrar(pedir))
    return Medida(
        estado=respuesta.status_code,
        bytes=len(cuerpo),
        consultas=consultas.cantidad,
        primera=primera,
        mediana=statistics.median(tiempos),
        piso=statistics.median(pisos),
        corridas=len(tiempos),
    )


def _solo_publicado(plan, usuario) -> None:
    """`plan` alone published, and in force: the home page and the open data show it."""
    from plan import servicios_ciclo
    from plan.models import Plan

    for otro in Plan.objects.exclude(pk=plan.pk).filter(publicado=True):
        servicios_ciclo.retirar_plan(plan=otro, usuario=usuario)
    plan.refresh_from_db()
    if not plan.publicado:
        servicios_ciclo.publicar_plan(plan=plan, usuario=usuario)
        plan.refresh_from_db()
    if not plan.en_vigor:
        servicios_ciclo.marcar_en_vigor(plan=plan, usuario=usuario)


def paginas_de(plan) -> list[tuple[str, str, bool]]:
    """(name, URL, needs OPGI's session) of each page of the table, for `plan`."""
    from django.db.models import Count
    from django.urls import reverse

    from plan.models import Actividad, ActividadResponsable

    oficina = (
        ActividadResponsable.objects.filter(actividad__plan=plan)
        .values("responsable__slug")
        .annotate(n=Count("id"))
        .order_by("-n", "responsable__slug")
        .first()
    )
    actividades = Actividad.objects.filter(plan=plan).order_by("pk")
    actividad = actividades[actividades.count() // 2]
    assert oficina is not None
    return [
        ("portal /", reverse("inicio"), False),
        ("página pública del plan", reverse("plan_publico", args=[plan.slug]), False),
        ("tablero OPGI", f"{reverse('tablero')}?plan={plan.slug}", True),
        (
            "tablero de oficina",
            f"{reverse('tablero_oficina', args=[oficina['responsable__slug']])}?plan={plan.slug}",
            True,
        ),
        (
            "datos abiertos: actividades CSV",
            reverse("datos_descargar", args=["actividades", "csv"]),
            False,
        ),
        ("seguimiento XLSX", reverse("informe_seguimiento", args=[plan.slug, 1, "xlsx"]), True),
        ("página de la actividad", reverse("actividad", args=[actividad.pk]), True),
    ]


# --- open-data CSV against a raw csv.writer -------------------------------------------


def csv_crudo() -> bytes:
    """The anchor: the public activities' columns through csv.writer, no framework."""
    from plan import selectors

    filas = selectors.actividades_publicas().values_list(
        "plan__slug", "plan__vigencia", "plan__entidad__nombre", "codigo",
        "subcomponente__nombre", "descripcion", "producto", "meta_texto", "meta_cantidad",
        "meta_unidad", "meta_tipo",
    )  # fmt: skip
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(["plan", "vigencia", "entidad", "codigo", "subcomponente", "actividad",
                       "producto", "meta", "meta_cantidad", "meta_unidad", "meta_tipo"])  # fmt: skip
    escritor.writerows(filas.iterator())
    return salida.getvalue().encode("utf-8")


def medir_csv(cliente, *, repeticiones: int, presupuesto: float) -> dict:
    from django.urls import reverse

    url = reverse("datos_descargar", args=["actividades", "csv"])
    cliente.get(url)
    app, ancla = [], []
    empezado = time.perf_counter()
    while len(app) < repeticiones and (
        len(app) < 3 or time.perf_counter() - empezado < presupuesto
    ):
        ancla.append(_cronometrar(csv_crudo))
        app.append(_cronometrar(lambda: _cuerpo(cliente.get(url))))
    return {
        "app": statistics.median(app),
        "ancla": statistics.median(ancla),
        "bytes_app": len(_cuerpo(cliente.get(url))),
        "bytes_ancla": len(csv_crudo()),
    }


# --- the import of the large plan's file ----------------------------------------------


class _FormularioConfirmacion(HTMLParser):
    """The hidden fields of import-export's confirmation form (action …/process_import/)."""

    def __init__(self) -> None:
        super().__init__()
        self.dentro = False
        self.accion = ""
        self.campos: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        atributos = dict(attrs)
        if tag == "form" and "process_import" in (atributos.get("action") or ""):
            self.dentro, self.accion = True, atributos["action"] or ""
        elif tag == "input" and self.dentro and atributos.get("name"):
            self.campos[atributos["name"] or ""] = atributos.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.dentro = False


def exportar_xlsx(cliente, plan) -> bytes:
    """The admin's «Exportar» of the plan's activities, as XLSX, every column."""
    from django.contrib.admin import site
    from django.urls import reverse

    from plan.models import Actividad

    modelo_admin = site._registry[Actividad]
    titulos = [f().get_title() for f in modelo_admin.get_export_formats()]
    recurso = modelo_admin.get_export_resource_classes(None)[0]
    datos = {"format": str(titulos.index("xlsx")), "resource": "0"}
    for campo in recurso().get_export_order():
        datos[f"{recurso.__name__.lower()}_{campo}"] = "on"
    url = reverse("admin:plan_actividad_export") + f"?plan__id__exact={plan.pk}"
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 200, respuesta.status_code
    return _cuerpo(respuesta)


def plan_vacio(modelo, vigencia: int):
    """A published plan with the same componentes and subcomponentes as `modelo`, no
    activities: where the file is imported."""
    from plan.models import Componente, Plan, Subcomponente

    plan = Plan.objects.create(
        entidad=modelo.entidad,
        vigencia=vigencia,
        titulo=modelo.titulo,
        dependencia=modelo.dependencia,
        publicado=True,
    )
    for componente in modelo.componentes.order_by("pk"):
        nuevo = Componente.objects.create(
            plan=plan, nombre=componente.nombre, orden=componente.orden
        )
        Subcomponente.objects.bulk_create(
            Subcomponente(componente=nuevo, numero=s.numero, nombre=s.nombre)
            for s in componente.subcomponentes.order_by("numero")
        )
    return plan


def para_vigencia(contenido: bytes, *, de: int, a: int, filas: int = 0) -> bytes:
    """The exported file, moved to another vigencia: the «Vigencia» column and the
    windows' dates (every other column as exported); its first `filas` rows (0: all)."""
    from openpyxl import Workbook, load_workbook

    filas_a_escribir = filas
    hoja = load_workbook(io.BytesIO(contenido), read_only=True).active
    filas = [list(fila) for fila in hoja.iter_rows(values_only=True)]
    encabezados = filas[0]
    i_vigencia, i_ventanas = encabezados.index("Vigencia"), encabezados.index("Ventanas")
    libro = Workbook(write_only=True)
    nueva = libro.create_sheet()
    nueva.append(encabezados)
    for fila in filas[1 : filas_a_escribir + 1] if filas_a_escribir else filas[1:]:
        fila[i_vigencia] = a
        fila[i_ventanas] = str(fila[i_ventanas] or "").replace(str(de), str(a))
        nueva.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def importar_crudo(contenido: bytes, plan) -> int:
    """The anchor: openpyxl reads the file; bulk_create writes the activities, their
    offices and their windows (lookups in dictionaries read once; no validation)."""
    from datetime import datetime
    from decimal import Decimal

    from openpyxl import load_workbook

    from plan.models import Actividad, ActividadResponsable, Responsable, Subcomponente, Ventana

    hoja = load_workbook(io.BytesIO(contenido), read_only=True).active
    filas = hoja.iter_rows(values_only=True)
    encabezados = list(next(filas))
    col = {nombre: i for i, nombre in enumerate(encabezados)}
    subs = {s.numero: s for s in Subcomponente.objects.filter(componente__plan=plan)}
    oficinas: dict[str, Responsable] = {}
    for r in Responsable.objects.all():
        oficinas[r.nombre.casefold()] = r
        if r.sigla:
            oficinas.setdefault(r.sigla.casefold(), r)
    tipos = {t.value: t for t in Actividad.TipoMeta} | {
        str(t.label).casefold(): t for t in Actividad.TipoMeta
    }
    nuevas, resto = [], []
    for fila in filas:
        cantidad = fila[col["Meta cantidad"]]
        nuevas.append(
            Actividad(
                plan=plan,
                subcomponente=subs[int(fila[col["Subcomponente"]])],
                codigo=str(fila[col["Código"]]),
                descripcion=fila[col["Actividad"]] or "",
                producto=fila[col["Producto"]] or "",
                meta_texto=fila[col["Meta"]] or "",
                meta_cantidad=None
                if cantidad in (None, "")
                else Decimal(str(cantidad).replace(",", ".")),
                meta_unidad=fila[col["Meta unidad"]] or "",
                meta_tipo=tipos[str(fila[col["Tipo de meta"]]).casefold()],
            )
        )
        resto.append((fila[col["Responsables"]] or "", fila[col["Ventanas"]] or ""))
    Actividad.objects.bulk_create(nuevas)
    asignaciones, ventanas = [], []
    for actividad, (responsables, fechas) in zip(nuevas, resto, strict=True):
        for n, nombre in enumerate(p.strip() for p in responsables.split(";") if p.strip()):
            asignaciones.append(
                ActividadResponsable(
                    actividad=actividad, responsable=oficinas[nombre.casefold()], orden=n + 1
                )
            )
        for tramo in (p.strip() for p in fechas.split(";") if p.strip()):
            inicio, fin = (
                datetime.strptime(parte.strip(), "%d/%m/%Y").date() for parte in tramo.split("-")
            )
            ventanas.append(Ventana(actividad=actividad, inicio=inicio, fin=fin))
    ActividadResponsable.objects.bulk_create(asignaciones)
    Ventana.objects.bulk_create(ventanas)
    return len(nuevas)


def importar_por_el_admin(cliente, contenido: bytes) -> dict:
    """The admin's import: the preview (the dry run) and the confirmation; seconds and
    queries of each request."""
    from django.contrib.admin import site
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from plan.models import Actividad

    titulos = [f().get_title() for f in site._registry[Actividad].get_import_formats()]
    datos = {
        "format": str(titulos.index("xlsx")),
        "resource": "0",
        "import_file": SimpleUploadedFile("plan.xlsx", contenido),
    }
    with Consultas() as consultas_previa:
        inicio = time.perf_counter()
        previa = cliente.post(reverse("admin:plan_actividad_import"), datos)
        segundos_previa = time.perf_counter() - inicio
    formulario = _FormularioConfirmacion()
    formulario.feed(previa.content.decode())
    if previa.status_code != 200 or not formulario.accion:
        raise RuntimeError(
            f"La vista previa no ofrece confirmar (HTTP {previa.status_code}); "
            "¿errores en el archivo?"
        )
    with Consultas() as consultas:
        inicio = time.perf_counter()
        confirmada = cliente.post(formulario.accion, formulario.campos)
        segundos = time.perf_counter() - inicio
    if confirmada.status_code not in (200, 302):
        raise RuntimeError(f"La confirmación respondió HTTP {confirmada.status_code}.")
    return {
        "previa": segundos_previa,
        "consultas_previa": consultas_previa.cantidad,
        "confirmacion": segundos,
        "consultas": consultas.cantidad,
    }


def medir_importacion(cliente, grande, *, repeticiones: int, filas: int) -> dict:
    from plan.models import Actividad

    inicio = time.perf_counter()
    exportado = exportar_xlsx(cliente, grande)
    exportacion = time.perf_counter() - inicio
    total = Actividad.objects.filter(plan=grande).count()
    esperadas = min(filas, total) if filas else total
    resultados: list[dict] = []
    anclas: list[float] = []
    for n in range(repeticiones):
        vigencia = 2040 + n
        destino = plan_vacio(grande, vigencia + 20)
        archivo = para_vigencia(exportado, de=grande.vigencia, a=vigencia + 20, filas=filas)
        anclas.append(_cronometrar(lambda: importar_crudo(archivo, destino)))  # noqa: B023
        destino = plan_vacio(grande, vigencia)
        archivo = para_vigencia(exportado, de=grande.vigencia, a=vigencia, filas=filas)
        resultados.append(importar_por_el_admin(cliente, archivo))
        importadas = Actividad.objects.filter(plan=destino).count()
        if importadas != esperadas:
            raise RuntimeError(f"Se importaron {importadas} actividades de {esperadas}.")
    return {
        "filas": esperadas,
        "de": total,
        "exportacion": exportacion,
        "ancla": statistics.median(anclas),
        **{
            clave: statistics.median(r[clave] for r in resultados)
            for clave in ("previa", "consultas_previa", "confirmacion", "consultas")
        },
    }


# --- printing ------------------------------------------------------------------------


def _t(segundos: float) -> str:
    return f"{segundos * 1000:.0f} ms" if segundos < 1 else f"{segundos:.2f} s"


def _b(cantidad: int) -> str:
    if cantidad < KB:
        return f"{cantidad} B"
    if cantidad < KB * KB:
        return f"{cantidad / KB:.0f} KB"
    return f"{cantidad / KB / KB:.1f} MB"


def _cumple(si: bool) -> str:
    return "cumple" if si else "NO cumple"


def _miles(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def imprimir(tamanos, medidas, csv_medida, importacion) -> None:
    cabeza = [f"{_miles(n)} act." for n in tamanos]
    grande = len(tamanos) - 1
    print()
    print("Páginas (mediana de las corridas; entre paréntesis, la primera petición)")
    print(
        f"{'página':<32}"
        + "".join(f"{c:>20}" for c in cabeza)
        + f"{'bytes a ' + _miles(tamanos[-1]):>16}{'consultas':>16}{'razón':>8}  meta"
    )
    cumplidas = []
    for nombre in medidas[0]:
        fila = [m[nombre] for m in medidas]
        razon = fila[grande].mediana / fila[0].mediana
        ok = razon <= RAZON_PAGINA and fila[grande].bytes < LIMITE_BYTES
        cumplidas.append(ok)
        estados = {m.estado for m in fila}
        aviso = "" if estados <= {200} else f"  (HTTP {'/'.join(str(m.estado) for m in fila)})"
        print(
            f"{nombre:<32}"
            + "".join(f"{_t(m.mediana) + ' (' + _t(m.primera) + ')':>20}" for m in fila)
            + f"{_b(fila[grande].bytes):>16}"
            + f"{'/'.join(str(m.consultas) for m in fila):>16}"
            + f"{razon:>7.1f}×  {_cumple(ok)}{aviso}"
        )
    pisos = [statistics.median(m.piso for m in t.values()) for t in medidas]
    corridas = [min(m.corridas for m in t.values()) for t in medidas]
    print(f"{'piso (vista mínima de Django)':<32}" + "".join(f"{_t(p):>20}" for p in pisos))
    print(f"corridas por página (mínimo): {'/'.join(str(c) for c in corridas)}")
    print(
        "razón = mediana con el plan grande / mediana con 23 actividades; meta: ≤ "
        f"{RAZON_PAGINA:.0f}× y menos de {LIMITE_BYTES // KB} KB."
    )

    print()
    razon_csv = csv_medida["app"] / csv_medida["ancla"]
    print(
        f"Datos abiertos, actividades.csv con {_miles(tamanos[-1])} actividades: "
        f"{_t(csv_medida['app'])} ({_b(csv_medida['bytes_app'])}) frente a csv.writer sobre "
        f".values(): {_t(csv_medida['ancla'])} ({_b(csv_medida['bytes_ancla'])}) → "
        f"{razon_csv:.1f}×, meta ≤ {RAZON_CSV:.0f}×: {_cumple(razon_csv <= RAZON_CSV)}"
    )

    metas = [
        (
            f"Cada página con {_miles(tamanos[-1])} actividades ≤ {RAZON_PAGINA:.0f}× su tiempo "
            f"con 23 y < {LIMITE_BYTES // KB} KB",
            f"{sum(cumplidas)} de {len(cumplidas)} páginas",
            all(cumplidas),
        ),
        (
            f"CSV de datos abiertos ≤ {RAZON_CSV:.0f}× csv.writer crudo",
            f"{razon_csv:.1f}×",
            razon_csv <= RAZON_CSV,
        ),
    ]
    if importacion:
        filas = importacion["filas"]
        r_previa = importacion["previa"] / importacion["ancla"]
        r_conf = importacion["confirmacion"] / importacion["ancla"]
        por_fila = max(importacion["consultas_previa"], importacion["consultas"]) / filas
        print()
        parte = "" if filas == importacion["de"] else f" de {_miles(importacion['de'])}"
        print(f"Importación en el admin del XLSX exportado ({_miles(filas)} filas{parte})")
        print(f"  exportación del admin (XLSX):          {_t(importacion['exportacion'])}")
        print(
            f"  vista previa (simulación):             {_t(importacion['previa'])}  "
            f"{importacion['consultas_previa']} consultas "
            f"({importacion['consultas_previa'] / filas:.2f} por fila)  {r_previa:.1f}×"
        )
        print(
            f"  confirmación (importación):            {_t(importacion['confirmacion'])}  "
            f"{importacion['consultas']} consultas "
            f"({importacion['consultas'] / filas:.2f} por fila)  {r_conf:.1f}×"
        )
        print(f"  ancla (openpyxl + bulk_create):        {_t(importacion['ancla'])}")
        metas += [
            (
                f"Importación ≤ {RAZON_IMPORTACION:.0f}× el ancla, simulación incluida",
                f"{r_previa:.1f}× y {r_conf:.1f}×",
                max(r_previa, r_conf) <= RAZON_IMPORTACION,
            ),
            (
                f"Consultas por fila ≤ {CONSULTAS_POR_FILA}",
                f"{por_fila:.2f}",
                por_fila <= CONSULTAS_POR_FILA,
            ),
        ]

    print()
    print("Metas del issue 17")
    for texto, valor, ok in metas:
        print(f"  [{'x' if ok else ' '}] {texto}: {valor} — {_cumple(ok)}")
    print(
        "  (PDF del seguimiento: benchmarks/informe_seguimiento.py; carga en gunicorn: "
        "benchmarks/carga.py)"
    )


# --- main ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--grande", type=int, default=9801)
    parser.add_argument("--medio", type=int, default=1000)
    parser.add_argument("--repeticiones", type=int, default=15)
    parser.add_argument("--segundos-por-pagina", type=float, default=5.0)
    parser.add_argument("--repeticiones-importacion", type=int, default=1)
    parser.add_argument("--filas-importacion", type=int, default=500)
    parser.add_argument("--sin-importacion", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pasto-rdc-escala-") as carpeta:
        borrar = _preparar_django(carpeta)
        try:
            medir_todo(args)
        finally:
            borrar()


def medir_todo(args) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from nucleo import roles
    from plan.models import Plan
    from plan.tests.fabricas import crear_plan_grande

    inicio = time.perf_counter()
    planes = [Plan.objects.get(vigencia=2022)]
    planes.append(crear_plan_grande(actividades=args.medio, vigencia=2030))
    planes.append(crear_plan_grande(actividades=args.grande, vigencia=2031))
    tamanos = [p.actividades.count() for p in planes]
    print(f"Datos: planes de {' / '.join(_miles(n) for n in tamanos)} actividades "
          f"({time.perf_counter() - inicio:.0f} s)", flush=True)  # fmt: skip

    usuarios = get_user_model().objects
    opgi = usuarios.create_user("opgi-escala", email="opgi@example.org", is_staff=True)
    opgi.groups.add(Group.objects.get(name=roles.OPGI))
    admin = usuarios.create_superuser("admin-escala", email="admin@example.org")
    anonimo, con_sesion, piso, en_admin = Client(), Client(), Client(), Client()
    con_sesion.force_login(opgi)
    en_admin.force_login(admin)

    medidas = []
    for plan, tamano in zip(planes, tamanos, strict=True):
        _solo_publicado(plan, opgi)
        por_pagina = {}
        for nombre, url, sesion in paginas_de(plan):
            print(f"  {_miles(tamano)} actividades: {nombre} …", end=" ", flush=True)
            medida = medir_pagina(
                con_sesion if sesion else anonimo,
                url,
                piso,
                repeticiones=args.repeticiones,
                presupuesto=args.segundos_por_pagina,
            )
            print(f"{_t(medida.mediana)} (HTTP {medida.estado})", flush=True)
            por_pagina[nombre] = medida
        medidas.append(por_pagina)

    # The large plan is the one published now.
    print("  CSV de datos abiertos frente a csv.writer …", flush=True)
    csv_medida = medir_csv(
        anonimo, repeticiones=args.repeticiones, presupuesto=args.segundos_por_pagina
    )
    importacion = None
    if not args.sin_importacion:
        print("  importación del XLSX del plan grande …", flush=True)
        importacion = medir_importacion(
            en_admin,
            planes[-1],
            repeticiones=args.repeticiones_importacion,
            filas=args.filas_importacion,
        )
    imprimir(tamanos, medidas, csv_medida, importacion)
    print(f"\nTotal: {time.perf_counter() - inicio:.0f} s")


if __name__ == "__main__":
    main()
