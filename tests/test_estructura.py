"""The project's shape: the core imports no app, the apps depend one way, no import
cycle, and no template compares a status string (states are read through the model's
named properties, nucleo.estados).

Imports are read with `ast`, function-level ones included: an import inside a function
is still a dependency, only a later one.
"""

import ast
import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PAQUETES = ("nucleo", "pasto_rdc", "plan", "dialogos", "encuestas", "resultados", "pendientes")
APPS = ("plan", "dialogos", "encuestas", "resultados", "pendientes", "pasto_rdc")


def _modulo(ruta: Path) -> str:
    partes = list(ruta.relative_to(RAIZ).with_suffix("").parts)
    if partes[-1] == "__init__":
        partes.pop()
    return ".".join(partes)


def _archivos(paquete: str) -> list[Path]:
    return [
        ruta
        for ruta in sorted((RAIZ / paquete).rglob("*.py"))
        if not {"migrations", "tests"} & set(ruta.relative_to(RAIZ).parts)
    ]


def _importados(ruta: Path) -> set[str]:
    """Every module `ruta` imports (absolute names; relative imports resolved)."""
    modulo = _modulo(ruta)
    paquete = modulo if ruta.name == "__init__.py" else modulo.rpartition(".")[0]
    nombres: set[str] = set()
    for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.Import):
            nombres.update(alias.name for alias in nodo.names)
        elif isinstance(nodo, ast.ImportFrom):
            base = nodo.module or ""
            if nodo.level:
                partes = paquete.split(".")
                partes = partes[: len(partes) - nodo.level + 1]
                base = ".".join([*partes, base] if base else partes)
            nombres.add(base)
            # `from plan import selectors` imports the module plan.selectors.
            nombres.update(f"{base}.{alias.name}" for alias in nodo.names)
    return nombres


def _grafo() -> dict[str, set[str]]:
    archivos = [ruta for paquete in PAQUETES for ruta in _archivos(paquete)]
    modulos = {_modulo(ruta) for ruta in archivos}
    grafo: dict[str, set[str]] = {}
    for ruta in archivos:
        propio = _modulo(ruta)
        destinos = {nombre for nombre in _importados(ruta) if nombre in modulos}
        # A module's package __init__ runs first anyway: not an edge of its own.
        grafo[propio] = destinos - {propio}
    return grafo


def _ciclos(grafo: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component, as a path a → … → a."""
    ciclos, blanco, gris, pila = [], set(grafo), set(), []
    vistos: set[frozenset[str]] = set()

    def visitar(nodo: str) -> None:
        blanco.discard(nodo)
        gris.add(nodo)
        pila.append(nodo)
        for siguiente in sorted(grafo.get(nodo, ())):
            if siguiente in gris:
                ciclo = [*pila[pila.index(siguiente) :], siguiente]
                if frozenset(ciclo) not in vistos:
                    vistos.add(frozenset(ciclo))
                    ciclos.append(ciclo)
            elif siguiente in blanco:
                visitar(siguiente)
        pila.pop()
        gris.discard(nodo)

    for nodo in sorted(grafo):
        if nodo in blanco:
            visitar(nodo)
    return ciclos


def _importa(paquete: str, prohibidos: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{ruta.relative_to(RAIZ)} importa {nombre}"
        for ruta in _archivos(paquete)
        for nombre in _importados(ruta)
        if nombre.split(".")[0] in prohibidos
    )


def test_el_nucleo_no_importa_ninguna_app():
    assert _importa("nucleo", APPS) == []


def test_plan_no_importa_dialogos_ni_encuestas():
    assert _importa("plan", ("dialogos", "encuestas")) == []


def test_dialogos_no_importa_encuestas():
    assert _importa("dialogos", ("encuestas",)) == []


def test_ninguna_app_importa_pendientes_que_las_lee_a_todas():
    assert [
        linea
        for app in ("plan", "dialogos", "encuestas")
        for linea in _importa(app, ("pendientes",))
    ] == []


def test_ninguna_app_importa_resultados_que_las_lee_a_todas():
    assert [
        linea
        for app in ("plan", "dialogos", "encuestas", "pendientes")
        for linea in _importa(app, ("resultados",))
    ] == []


def test_no_hay_ciclos_de_importacion_entre_modulos_propios():
    ciclos = _ciclos(_grafo())
    assert not ciclos, "Ciclos de importación:\n" + "\n".join(" → ".join(c) for c in ciclos)


def test_el_detector_de_ciclos_encuentra_un_ciclo_y_su_camino():
    assert _ciclos({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _ciclos({"a": {"b"}, "b": set()}) == []


# --- Templates -------------------------------------------------------------------

# `estado`, `.estado` or `estado_x` compared with == / != (or `in`) inside {% if %} /
# {% elif %}, on either side. Form fields are compared by name (`campo.name == "estado"`):
# that is a field, not a state, and is allowed.
_ETIQUETA_IF = re.compile(r"{%-?\s*(?:if|elif)\b(.*?)-?%}", re.DOTALL)
_COMPARA_ESTADO = re.compile(
    r"""\b[\w.]*estado\w*\s*(?:==|!=|\bin\b|\bnot\s+in\b)"""
    r"""|(?:==|!=)\s*[\w.]*\.estado\b"""
)
_NOMBRE_DE_CAMPO = re.compile(r"""\.name\s*(?:==|!=)\s*["']estado\w*["']""")


def _plantillas() -> list[Path]:
    carpetas = [RAIZ / "templates", *sorted(RAIZ.glob("*/templates"))]
    return [ruta for carpeta in carpetas for ruta in sorted(carpeta.rglob("*.html"))]


def _comparaciones_de_estado(texto: str) -> list[str]:
    hallazgos = []
    for etiqueta in _ETIQUETA_IF.finditer(texto):
        condicion = _NOMBRE_DE_CAMPO.sub("", etiqueta.group(1))
        if _COMPARA_ESTADO.search(condicion):
            hallazgos.append(etiqueta.group(0).strip())
    return hallazgos


def test_el_detector_de_plantillas_distingue_estados_de_nombres_de_campo():
    assert _comparaciones_de_estado('{% if evidencia.estado == "aprobada" %}')
    assert _comparaciones_de_estado("{% elif e.estado != Estado.ENVIADA %}")
    assert _comparaciones_de_estado('{% if estado_publicacion == "publicada" %}')
    assert _comparaciones_de_estado('{% if "cerrado" == espacio.estado %}')
    assert _comparaciones_de_estado('{% if espacio.estado in "cancelado,cerrado" %}')
    assert not _comparaciones_de_estado('{% if campo.name == "estado" %}')
    assert not _comparaciones_de_estado("{% if espacio.puede_cerrarse %}")
    assert not _comparaciones_de_estado("{{ evidencia.get_estado_display }}")


def test_ninguna_plantilla_compara_una_cadena_de_estado():
    hallazgos = [
        f"{ruta.relative_to(RAIZ)}: {hallazgo}"
        for ruta in _plantillas()
        for hallazgo in _comparaciones_de_estado(ruta.read_text(encoding="utf-8"))
    ]
    assert not hallazgos, "Use las propiedades del modelo:\n" + "\n".join(hallazgos)
