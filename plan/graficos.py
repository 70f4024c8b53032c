"""The dashboard's and the portal's charts, from a Tablero already computed (no queries).

Each chart comes with the table of its figures (nucleo.graficos.Grafico), shown
next to it by plan/templates/plan/_grafico.html.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.text import Truncator

from nucleo.graficos import Dato, Grafico, barras, cifra, columnas
from plan import reglas
from plan.selectors import AvanceCorte, Tablero

# The status tags' colours (static/css/pasto_rdc.css), each ≥ 3:1 against white.
COLORES_ESTADO = {
    reglas.Estado.SIN_INICIAR: "#5b636a",
    reglas.Estado.EN_CURSO: "#00543c",
    reglas.Estado.EN_RIESGO: "#8a5a00",
    reglas.Estado.VENCIDA: "#b00020",
    reglas.Estado.CUMPLIDA: "#1e6b34",
}
# A label above its bar: about 36 characters fit 360 units at 16 (the table has it whole).
LARGO_ETIQUETA = 36


def _porcentaje(parte: int, total: int) -> Decimal:
    """Share of the total, one decimal (0 of nothing)."""
    if not total:
        return Decimal("0.0")
    return (Decimal(parte) * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _corta(texto: str) -> str:
    return Truncator(texto).chars(LARGO_ETIQUETA)


def _fecha(fecha: date) -> str:
    return formats.date_format(fecha, "d/m/Y")


def del_tablero(tablero: Tablero, *, prefijo: str) -> list[Grafico]:
    """Progress by subcomponente, by office, over the cortes, and activities by status.

    `prefijo` keeps the SVG ids unique on the page.
    """
    al = f"al {_fecha(tablero.fecha)}"
    graficos = [_por_subcomponente(tablero, prefijo, al), _por_oficina(tablero, prefijo, al)]
    if tablero.por_corte:
        graficos.append(_por_corte(tablero, prefijo))
    graficos.append(_por_estado(tablero, prefijo, al))
    return graficos


def _por_subcomponente(tablero: Tablero, prefijo: str, al: str) -> Grafico:
    titulo = f"Avance promedio por subcomponente {al}"
    grupos = tablero.por_subcomponente
    return Grafico(
        id=f"{prefijo}-subcomponentes",
        titulo=titulo,
        svg=barras(
            [Dato(_corta(str(g.subcomponente)), g.porcentaje) for g in grupos],
            id=f"{prefijo}-subcomponentes",
            titulo=titulo,
            descripcion="; ".join(f"{g.subcomponente}: {cifra(g.porcentaje)}" for g in grupos),
        ),
        encabezados=("Subcomponente", "Actividades", "Avance promedio"),
        filas=tuple(
            (str(g.subcomponente), str(g.actividades), cifra(g.porcentaje)) for g in grupos
        ),
    )


def _por_oficina(tablero: Tablero, prefijo: str, al: str) -> Grafico:
    titulo = f"Avance promedio por oficina responsable {al}"
    oficinas = tablero.por_oficina
    return Grafico(
        id=f"{prefijo}-oficinas",
        titulo=titulo,
        svg=barras(
            [Dato(_corta(o.responsable.nombre_corto), o.porcentaje) for o in oficinas],
            id=f"{prefijo}-oficinas",
            titulo=titulo,
            descripcion="Una actividad a cargo de varias oficinas cuenta para cada una. "
            + "; ".join(f"{o.responsable.nombre_corto}: {cifra(o.porcentaje)}" for o in oficinas),
        ),
        encabezados=("Oficina", "Actividades", "Avance promedio"),
        filas=tuple(
            (o.responsable.nombre_corto, str(o.actividades), cifra(o.porcentaje)) for o in oficinas
        ),
    )


def _nombre_de_corte(avance: AvanceCorte) -> str:
    fecha = _fecha(avance.fecha)
    if avance.en_curso:
        return f"{avance.corte.nombre} (en curso, al {fecha})"
    return f"{avance.corte.nombre} (al {fecha})"


def _por_corte(tablero: Tablero, prefijo: str) -> Grafico:
    titulo = "Avance promedio al final de cada corte"
    cortes = tablero.por_corte
    return Grafico(
        id=f"{prefijo}-cortes",
        titulo=titulo,
        svg=columnas(
            [Dato(a.corte.romano, a.porcentaje) for a in cortes],
            id=f"{prefijo}-cortes",
            titulo=titulo,
            descripcion="; ".join(f"{_nombre_de_corte(a)}: {cifra(a.porcentaje)}" for a in cortes),
        ),
        encabezados=("Corte", "Fecha", "Avance promedio"),
        filas=tuple((_nombre_de_corte(a), _fecha(a.fecha), cifra(a.porcentaje)) for a in cortes),
    )


def _por_estado(tablero: Tablero, prefijo: str, al: str) -> Grafico:
    titulo = f"Actividades por estado {al}"
    conteos = tablero.conteos_etiquetados
    total = sum(cantidad for _, _, cantidad in conteos)
    return Grafico(
        id=f"{prefijo}-estados",
        titulo=titulo,
        svg=barras(
            [
                Dato(etiqueta, cantidad, COLORES_ESTADO[reglas.Estado(valor)])
                for valor, etiqueta, cantidad in conteos
            ],
            id=f"{prefijo}-estados",
            titulo=titulo,
            descripcion=f"{total} actividades: "
            + "; ".join(f"{etiqueta}: {cantidad}" for _, etiqueta, cantidad in conteos),
            maximo=total,
            unidad="",
        ),
        encabezados=("Estado", "Actividades", "Porcentaje"),
        filas=tuple(
            (
                etiqueta,
                str(cantidad),
                cifra(_porcentaje(cantidad, total)),
            )
            for _, etiqueta, cantidad in conteos
        ),
    )
