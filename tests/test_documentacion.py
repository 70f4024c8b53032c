"""The README documents what the code does: its permission table is the policies' grid."""

from pathlib import Path

from dialogos import permisos as permisos_dialogos
from encuestas import permisos as permisos_encuestas
from nucleo import roles
from plan import permisos as permisos_plan
from resultados import permisos as permisos_resultados

README = Path(__file__).resolve().parent.parent / "README.md"
APPS = (
    ("plan", permisos_plan),
    ("dialogos", permisos_dialogos),
    ("encuestas", permisos_encuestas),
    ("resultados", permisos_resultados),
)


def filas_de_la_tabla() -> list[str]:
    filas = []
    for app, modulo in APPS:
        for accion in modulo.Accion:
            marcas = [
                "sí" if accion in modulo.ACCIONES_POR_ROL.get(rol, frozenset()) else "—"
                for rol in (roles.OPGI, roles.CONTROL_INTERNO, roles.OFICINA)
            ]
            filas.append(f"| `{accion.value}` | {app} | " + " | ".join(marcas) + " |")
    return filas


def test_la_tabla_de_permisos_del_readme_es_la_de_las_politicas():
    texto = README.read_text(encoding="utf-8")
    faltan = [fila for fila in filas_de_la_tabla() if fila not in texto]
    assert not faltan, "El README no documenta estas filas de permisos:\n" + "\n".join(faltan)


def test_cada_permiso_tiene_un_solo_nombre_en_todo_el_sistema():
    nombres = [accion.value for _, modulo in APPS for accion in modulo.Accion]
    repetidos = {n for n in nombres if nombres.count(n) > 1} - {"ver"}
    assert not repetidos
