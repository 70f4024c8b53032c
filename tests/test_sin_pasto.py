"""No «Pasto» outside fixtures, demo and tests (issue 16, «the entity as configuration»).

The entity a site speaks for is data (nucleo.Entidad, or the ENTIDAD_* settings): its
name, municipality, address or territories written into code, a template or a migration
would show on another entity's site. So every `.py`, `.html`, `.txt`, `.css` and `.js`
file of the repository is read, and any «Pasto» (in any case) fails the test with its
file and line.

The rule:
- Allowed everywhere: the product's own name, «Pasto RdC», and its identifiers
  `pasto_rdc` (the settings package) and `pasto-rdc` (the iCal UID domain, which may
  never change or subscribed calendars duplicate every event): «pasto» followed by
  «_rdc», «-rdc» or « RdC».
- Not read: `.venv`, `.git` and the tools' caches; `fixtures/` (Pasto's entity,
  territories and 2022 plan are data); every `tests/` folder and `conftest.py` (tests
  may name the municipality they load); `benchmarks/`; the demo modules listed in
  DEMO (the demo is Pasto's).
- Allowed with a reason: HISTORIA, migrations that already ran on existing databases
  (a whole file, or one fragment of it); PENDIENTES, one fragment of a file another
  piece of work owns, until it is changed there.
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from dialogos.models import Territorio

RAIZ = Path(__file__).resolve().parent.parent
EXTENSIONES = {".py", ".html", ".txt", ".css", ".js"}
CARPETAS_FUERA = {
    ".venv",
    ".git",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "__pycache__",
    "node_modules",
    "fixtures",
    "tests",
    "benchmarks",
    "media",
    "staticfiles",
    "test-artifacts",
    "capturas",
}
DEMO = {
    "plan/management/commands/preparar_demo.py",
    "resultados/demo.py",
    "resultados/management/commands/cargar_demo.py",
}
HISTORIA = {
    # Its RunPython loaded Pasto's territories into every database; it is a no-op now,
    # and its docstring says what it did and why the history was edited.
    "dialogos/migrations/0002_territorios.py": None,
    # Migrations that already ran: a help_text's example slug, changed by a later one
    # (nucleo 0004); a migration's text is what the database once became.
    "nucleo/migrations/0003_entidad.py": "«alcaldia-de-pasto»",
    "plan/migrations/0009_entidad_como_dato.py": "«alcaldia-de-pasto-paac-2026»",
}
# Not history: the plan models' help_text, owned by the parallel work on plan/models.py.
# PENDIENTE for the integrator: a neutral example there (and its AlterField migration),
# then delete this entry and the one of plan 0009 above.
PENDIENTES = {"plan/models.py": "«alcaldia-de-pasto-paac-2026»"}
PERMITIDOS = {
    ruta: fragmento for ruta, fragmento in {**HISTORIA, **PENDIENTES}.items() if fragmento
}
PRODUCTO = re.compile(r"pasto(?:_rdc|-rdc| rdc)", re.IGNORECASE)
PASTO = re.compile(r"pasto", re.IGNORECASE)


def archivos_revisados() -> list[Path]:
    archivos = []
    for ruta in RAIZ.rglob("*"):
        relativa = ruta.relative_to(RAIZ)
        if ruta.suffix not in EXTENSIONES or not ruta.is_file():
            continue
        if any(p in CARPETAS_FUERA or p.endswith(".egg-info") for p in relativa.parts[:-1]):
            continue
        if ruta.name == "conftest.py" or relativa.as_posix() in DEMO:
            continue
        if relativa.as_posix() in HISTORIA and HISTORIA[relativa.as_posix()] is None:
            continue
        archivos.append(ruta)
    return archivos


def menciones(texto: str, permitido: str | None = None) -> list[int]:
    """The lines (from 1) that name Pasto once the product's name (and the file's
    allowed fragment, if any) is taken out."""
    lineas = enumerate(texto.splitlines(), start=1)
    return [
        numero
        for numero, linea in lineas
        if PASTO.search(PRODUCTO.sub("", linea.replace(permitido, "") if permitido else linea))
    ]


def test_ningun_archivo_del_proyecto_nombra_a_pasto_fuera_de_datos_demo_y_pruebas():
    hallazgos = [
        f"{ruta.relative_to(RAIZ)}:{numero}"
        for ruta in archivos_revisados()
        for numero in menciones(
            ruta.read_text(encoding="utf-8", errors="replace"),
            PERMITIDOS.get(ruta.relative_to(RAIZ).as_posix()),
        )
    ]
    assert hallazgos == []


def test_la_revision_lee_el_codigo_las_plantillas_y_los_estilos_del_proyecto():
    """The walk must reach what it guards, or the test above passes on nothing."""
    revisados = {ruta.relative_to(RAIZ).as_posix() for ruta in archivos_revisados()}
    for esperado in (
        "nucleo/entidad.py",
        "pasto_rdc/settings.py",
        "templates/base.html",
        "dialogos/templates/dialogos/preguntar.html",
        "plan/templates/plan/informes/base.html",
        "static/css/pasto_rdc.css",
        "encuestas/migrations/0002_cuestionario_predeterminado.py",
    ):
        assert esperado in revisados
    assert not any(r.startswith(("fixtures/", "tests/", "benchmarks/")) for r in revisados)
    assert not any("/tests/" in r or r.endswith("conftest.py") for r in revisados)
    assert "plan/management/commands/preparar_demo.py" not in revisados


def test_un_fragmento_permitido_no_excusa_otra_mencion_en_la_misma_linea():
    assert menciones("ejemplo «alcaldia-de-pasto».", "«alcaldia-de-pasto»") == []
    assert menciones("«alcaldia-de-pasto» de Pasto", "«alcaldia-de-pasto»") == [1]


@pytest.mark.parametrize(
    ("linea", "nombra"),
    [
        ("Settings of Pasto RdC", False),
        ("from pasto_rdc import datos_abiertos", False),
        ('DOMINIO_UID = "pasto-rdc"', False),
        ("Alcaldía Municipal de Pasto", True),
        ("notificaciones@PASTO.gov.co", True),
        ("San Juan de Pasto, Nariño; pasto_rdc", True),
    ],
)
def test_la_regla_separa_el_nombre_del_producto_del_municipio(linea, nombra):
    assert bool(menciones(linea)) is nombra


def test_una_base_nueva_no_trae_los_territorios_de_pasto(db):
    """Regression: migration 0002 of dialogos loaded Pasto's 29 territories everywhere."""
    assert not Territorio.objects.exists()


def test_el_fixture_de_pasto_trae_sus_12_comunas_y_17_corregimientos(territorios_pasto):
    comunas = Territorio.objects.filter(tipo=Territorio.Tipo.COMUNA)
    assert [t.nombre for t in comunas] == [f"Comuna {n}" for n in range(1, 13)]
    corregimientos = Territorio.objects.filter(tipo=Territorio.Tipo.CORREGIMIENTO)
    assert corregimientos.count() == 17
    assert [t.orden for t in Territorio.objects.all()] == list(range(1, 30))
    # Loaded again (an existing database already had them, by the old migration): same rows.
    call_command("loaddata", "territorios_pasto", verbosity=0)
    assert Territorio.objects.count() == 29
