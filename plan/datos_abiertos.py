"""Open data (Ley 1712 de 2014): datasets as CSV, JSON and XLSX with a data dictionary.

A dataset (`Conjunto`) declares its fields once — name, kind, description —
and a function that yields its rows as dicts; the three formats and the
dictionary page are all generated from that declaration, so they cannot
disagree. Each app declares its own datasets in its `datos_abiertos.py`;
the project's catalogue (pasto_rdc/datos_abiertos.py) lists them all.

Only published information goes into a dataset: published plans, public
evidence, published answers, aggregates — never personal data.

Conventions: dates in ISO 8601 (AAAA-MM-DD), decimals with a point, CSV in
UTF-8 (with BOM, so spreadsheet programs read the accents) separated by
commas, JSON as {"conjunto", "descripcion", "generado", "campos", "datos"}.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from pasto_rdc.hojas import texto_seguro
from plan import documentos, selectors
from plan.documentos import Columna, Hoja, Tipo


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: Tipo
    descripcion: str
    ancho: float = 18

    @property
    def tipo_legible(self) -> str:
        return NOMBRE_TIPO[self.tipo]


@dataclass(frozen=True)
class Conjunto:
    slug: str
    titulo: str
    descripcion: str
    campos: tuple[Campo, ...]
    filas: Callable[[], Iterable[dict]]

    def datos(self) -> list[dict]:
        nombres = [campo.nombre for campo in self.campos]
        return [{nombre: fila[nombre] for nombre in nombres} for fila in self.filas()]


FORMATOS = ("csv", "json", "xlsx")
TIPOS_MIME = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": documentos.TIPO_XLSX,
}
NOMBRE_TIPO = {
    Tipo.TEXTO: "texto",
    Tipo.FECHA: "fecha (AAAA-MM-DD)",
    Tipo.PORCENTAJE: "porcentaje (0 a 100)",
    Tipo.NUMERO: "número",
}


def _texto(valor) -> str:
    """A CSV cell: dates in ISO 8601; a text that a spreadsheet would run is neutralised."""
    if valor is None:
        return ""
    if isinstance(valor, date | datetime):
        return valor.isoformat()
    if isinstance(valor, str):
        return texto_seguro(valor)
    return str(valor)


def _json(valor):
    if isinstance(valor, Decimal):
        return float(valor)
    if isinstance(valor, date | datetime):
        return valor.isoformat()
    return valor


def como_csv(conjunto: Conjunto) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow([campo.nombre for campo in conjunto.campos])
    for fila in conjunto.datos():
        escritor.writerow([_texto(valor) for valor in fila.values()])
    return salida.getvalue().encode("utf-8-sig")


def como_json(conjunto: Conjunto) -> bytes:
    documento = {
        "conjunto": conjunto.slug,
        "titulo": conjunto.titulo,
        "descripcion": conjunto.descripcion,
        "generado": timezone.now().isoformat(timespec="seconds"),
        "campos": [
            {"nombre": c.nombre, "tipo": NOMBRE_TIPO[c.tipo], "descripcion": c.descripcion}
            for c in conjunto.campos
        ],
        "datos": [{k: _json(v) for k, v in fila.items()} for fila in conjunto.datos()],
    }
    return json.dumps(documento, ensure_ascii=False, indent=1).encode("utf-8")


def como_xlsx(conjunto: Conjunto) -> bytes:
    columnas = [Columna(c.nombre, ancho=c.ancho, tipo=c.tipo) for c in conjunto.campos]
    filas = [list(fila.values()) for fila in conjunto.datos()]
    return documentos.xlsx_desde_hojas([Hoja(conjunto.titulo, columnas, filas)])


GENERADORES = {"csv": como_csv, "json": como_json, "xlsx": como_xlsx}


# --- The plan's datasets -------------------------------------------------------


def _filas_actividades() -> Iterable[dict]:
    hoy = timezone.localdate()
    for plan in selectors.planes_publicados():
        for fila in selectors.portal(plan=plan, hoy=hoy).filas:
            actividad = fila.actividad
            ventanas = fila.ventanas
            yield {
                "vigencia": plan.vigencia,
                "entidad": plan.entidad,
                "codigo": actividad.codigo,
                "subcomponente": str(actividad.subcomponente),
                "actividad": actividad.descripcion,
                "producto": actividad.producto,
                "meta": actividad.meta_texto,
                "meta_cantidad": actividad.meta_cantidad,
                "meta_unidad": actividad.meta_unidad,
                "meta_tipo": actividad.get_meta_tipo_display(),
                "responsables": "; ".join(r.nombre for r in fila.responsables),
                "fechas": "; ".join(
                    f"{v.inicio.isoformat()}/{v.fin.isoformat()}" for v in ventanas
                ),
                "fecha_inicio": min(v.inicio for v in ventanas) if ventanas else None,
                "fecha_final": max(v.fin for v in ventanas) if ventanas else None,
                "cantidad_lograda": fila.cantidad,
                "porcentaje_avance": fila.porcentaje,
                "estado": fila.estado.label,
                "fecha_corte": hoy,
                "evidencias_publicas": len(actividad.evidencias_publicas),
            }


ACTIVIDADES = Conjunto(
    slug="actividades",
    titulo="Actividades del plan de rendición de cuentas con su avance",
    descripcion=(
        "Una fila por actividad de cada plan publicado: meta, responsables, fechas, "
        "avance y estado calculados a la fecha de generación."
    ),
    campos=(
        Campo("vigencia", Tipo.NUMERO, "Año del plan.", 10),
        Campo("entidad", Tipo.TEXTO, "Entidad que rinde cuentas.", 28),
        Campo("codigo", Tipo.TEXTO, "Código de la actividad (subcomponente.número).", 10),
        Campo("subcomponente", Tipo.TEXTO, "Subcomponente al que pertenece.", 40),
        Campo("actividad", Tipo.TEXTO, "Descripción de la actividad.", 60),
        Campo("producto", Tipo.TEXTO, "Producto esperado.", 40),
        Campo("meta", Tipo.TEXTO, "Meta tal como está escrita en el plan.", 40),
        Campo("meta_cantidad", Tipo.NUMERO, "Cantidad de la meta.", 12),
        Campo("meta_unidad", Tipo.TEXTO, "Unidad de la meta.", 30),
        Campo("meta_tipo", Tipo.TEXTO, "Cantidad exacta, al menos / mínimo, o porcentaje.", 18),
        Campo("responsables", Tipo.TEXTO, "Dependencias responsables, separadas por «; ».", 40),
        Campo("fechas", Tipo.TEXTO, "Ventanas de fechas inicio/fin, separadas por «; ».", 30),
        Campo("fecha_inicio", Tipo.FECHA, "Primera fecha de inicio.", 13),
        Campo("fecha_final", Tipo.FECHA, "Última fecha final.", 13),
        Campo("cantidad_lograda", Tipo.NUMERO, "Cantidad lograda según el último reporte.", 12),
        Campo("porcentaje_avance", Tipo.PORCENTAJE, "Avance: lograda / meta, máximo 100.", 12),
        Campo("estado", Tipo.TEXTO, "Sin iniciar, en curso, en riesgo, vencida o cumplida.", 16),
        Campo("fecha_corte", Tipo.FECHA, "Fecha a la que se calcularon avance y estado.", 13),
        Campo("evidencias_publicas", Tipo.NUMERO, "Evidencias publicadas de la actividad.", 12),
    ),
    filas=_filas_actividades,
)


def _filas_planes() -> Iterable[dict]:
    for plan in selectors.planes_publicados().prefetch_related("componentes"):
        yield {
            "vigencia": plan.vigencia,
            "entidad": plan.entidad,
            "titulo": plan.titulo,
            "dependencia": plan.dependencia,
            "componentes": "; ".join(c.nombre for c in plan.componentes.all()),
            "introduccion": plan.introduccion,
        }


PLANES = Conjunto(
    slug="planes",
    titulo="Planes de rendición de cuentas publicados",
    descripcion="Una fila por plan anual publicado.",
    campos=(
        Campo("vigencia", Tipo.NUMERO, "Año del plan.", 10),
        Campo("entidad", Tipo.TEXTO, "Entidad que rinde cuentas.", 28),
        Campo("titulo", Tipo.TEXTO, "Título del plan.", 36),
        Campo("dependencia", Tipo.TEXTO, "Dependencia que elabora el plan.", 36),
        Campo("componentes", Tipo.TEXTO, "Componentes del plan, separados por «; ».", 30),
        Campo("introduccion", Tipo.TEXTO, "Texto de introducción del plan.", 80),
    ),
    filas=_filas_planes,
)

CONJUNTOS = (PLANES, ACTIVIDADES)


def plan_como_json(*, plan, hoy: date) -> dict:
    """A whole published plan, nested, for third parties (GET /datos-abiertos/planes/<vigencia>.json)."""
    portal = selectors.portal(plan=plan, hoy=hoy)
    tablero = portal.tablero
    return {
        "vigencia": plan.vigencia,
        "entidad": plan.entidad,
        "titulo": plan.titulo,
        "dependencia": plan.dependencia,
        "fecha_corte": hoy.isoformat(),
        "avance_porcentaje": float(tablero.avance_componente),
        "actividades_por_estado": {
            etiqueta: cantidad for _, etiqueta, cantidad in tablero.conteos_etiquetados
        },
        "subcomponentes": [
            {
                "numero": grupo.subcomponente.numero,
                "nombre": grupo.subcomponente.nombre,
                "avance_porcentaje": float(grupo.porcentaje),
                "actividades": [
                    _actividad_json(fila)
                    for fila in portal.filas
                    if fila.actividad.subcomponente_id == grupo.subcomponente.pk
                ],
            }
            for grupo in tablero.por_subcomponente
        ],
    }


def _actividad_json(fila) -> dict:
    actividad = fila.actividad
    return {
        "codigo": actividad.codigo,
        "actividad": actividad.descripcion,
        "producto": actividad.producto,
        "meta": {
            "texto": actividad.meta_texto,
            "cantidad": float(actividad.meta_cantidad),
            "unidad": actividad.meta_unidad,
            "tipo": actividad.meta_tipo,
        },
        "responsables": [{"nombre": r.nombre, "sigla": r.sigla or None} for r in fila.responsables],
        "ventanas": [
            {"inicio": v.inicio.isoformat(), "fin": v.fin.isoformat()} for v in fila.ventanas
        ],
        "cantidad_lograda": float(fila.cantidad) if fila.cantidad is not None else None,
        "avance_porcentaje": float(fila.porcentaje),
        "estado": fila.estado.value,
        "evidencias_publicas": [
            {
                "descripcion": e.descripcion,
                "enlace": e.enlace or reverse("evidencia_publica", args=[e.pk]),
            }
            for e in actividad.evidencias_publicas
        ],
    }
