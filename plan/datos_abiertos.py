"""The plan's open datasets (published plans and their activities) and the nested plan JSON.

The dataset framework (fields, formats, dictionary) is nucleo.datos_abiertos.
"""

from collections.abc import Iterable
from datetime import date

from django.urls import reverse
from django.utils import timezone

from nucleo.datos_abiertos import Cambios, Campo, Conjunto, Tipo, cambios_de
from nucleo.models import Entidad
from plan import selectors
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    Evidencia,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)


def _filas_actividades() -> Iterable[dict]:
    hoy = timezone.localdate()
    for fila in selectors.filas_publicas(hoy=hoy):
        actividad = fila.actividad
        plan = actividad.plan
        ventanas = fila.ventanas
        yield {
            "plan": plan.slug,
            "vigencia": plan.vigencia,
            "entidad": plan.entidad.nombre,
            "codigo": actividad.codigo,
            "subcomponente": str(actividad.subcomponente),
            "actividad": actividad.descripcion,
            "producto": actividad.producto,
            "meta": actividad.meta_texto,
            "meta_cantidad": actividad.meta_cantidad,
            "meta_unidad": actividad.meta_unidad,
            "meta_tipo": actividad.get_meta_tipo_display(),
            "responsables": "; ".join(r.nombre for r in fila.responsables),
            "fechas": "; ".join(f"{v.inicio.isoformat()}/{v.fin.isoformat()}" for v in ventanas),
            "fecha_inicio": min(v.inicio for v in ventanas) if ventanas else None,
            "fecha_final": max(v.fin for v in ventanas) if ventanas else None,
            "cantidad_lograda": fila.cantidad,
            "porcentaje_avance": fila.porcentaje,
            "estado": fila.estado.label,
            "fecha_corte": hoy,
            "evidencias_publicas": len(actividad.evidencias_publicas),
        }


def _cambios_actividades() -> Cambios:
    # Every stored row the dataset is computed from (state and cut-off date are computed
    # for the download's day; the dates here are of the data, not of that computation).
    actividades = selectors.actividades_publicas().values("pk")
    return cambios_de(
        (Actividad.history.filter(id__in=actividades), "history_date"),
        (Ventana.history.filter(actividad_id__in=actividades), "history_date"),
        (ActividadResponsable.history.filter(actividad_id__in=actividades), "history_date"),
        (Avance.history.filter(actividad_id__in=actividades), "history_date"),
        (Evidencia.history.filter(actividad_id__in=actividades), "history_date"),
        # Names the rows carry: a renamed subcomponente or office is a new file too.
        (
            Subcomponente.history.filter(
                id__in=selectors.actividades_publicas().values("subcomponente_id")
            ),
            "history_date",
        ),
        (
            Responsable.history.filter(
                id__in=ActividadResponsable.objects.filter(actividad_id__in=actividades).values(
                    "responsable_id"
                )
            ),
            "history_date",
        ),
        (Plan.history.filter(id__in=selectors.planes_publicados().values("pk")), "history_date"),
        (_entidades_publicadas(), "history_date"),
    )


ACTIVIDADES = Conjunto(
    slug="actividades",
    titulo="Actividades del plan de rendición de cuentas con su avance",
    descripcion=(
        "Una fila por actividad de cada plan publicado: meta, responsables, fechas, "
        "avance y estado calculados a la fecha de generación."
    ),
    campos=(
        Campo(
            "plan",
            Tipo.TEXTO,
            "Identificador del plan (entidad-instrumento-vigencia), el de su dirección "
            "/plan/<plan>/ y /datos-abiertos/planes/<plan>.json.",
            30,
        ),
        Campo("vigencia", Tipo.ENTERO, "Año del plan.", 10),
        Campo("entidad", Tipo.TEXTO, "Entidad que rinde cuentas.", 28),
        Campo(
            "codigo",
            Tipo.TEXTO,
            "Código de la actividad (subcomponente.número o componente.subcomponente.número).",
            10,
        ),
        Campo("subcomponente", Tipo.TEXTO, "Subcomponente al que pertenece.", 40),
        Campo("actividad", Tipo.TEXTO, "Descripción de la actividad.", 60),
        Campo("producto", Tipo.TEXTO, "Producto esperado.", 40),
        Campo("meta", Tipo.TEXTO, "Meta tal como está escrita en el plan.", 40),
        Campo(
            "meta_cantidad",
            Tipo.NUMERO,
            "Cantidad de la meta; vacía en una meta cualitativa (sin cantidad).",
            12,
        ),
        Campo("meta_unidad", Tipo.TEXTO, "Unidad de la meta.", 30),
        Campo(
            "meta_tipo",
            Tipo.TEXTO,
            "Cantidad exacta, al menos / mínimo, porcentaje, o cualitativa (se sigue por su "
            "porcentaje de cumplimiento).",
            18,
        ),
        Campo("responsables", Tipo.TEXTO, "Dependencias responsables, separadas por «; ».", 40),
        Campo("fechas", Tipo.TEXTO, "Ventanas de fechas inicio/fin, separadas por «; ».", 30),
        Campo("fecha_inicio", Tipo.FECHA, "Primera fecha de inicio.", 13),
        Campo("fecha_final", Tipo.FECHA, "Última fecha final.", 13),
        Campo(
            "cantidad_lograda",
            Tipo.NUMERO,
            "Cantidad lograda según el último reporte (en una meta cualitativa, su porcentaje "
            "de cumplimiento).",
            12,
        ),
        Campo("porcentaje_avance", Tipo.PORCENTAJE, "Avance: lograda / meta, máximo 100.", 12),
        Campo("estado", Tipo.TEXTO, "Sin iniciar, en curso, en riesgo, vencida o cumplida.", 16),
        Campo("fecha_corte", Tipo.FECHA, "Fecha a la que se calcularon avance y estado.", 13),
        Campo("evidencias_publicas", Tipo.ENTERO, "Evidencias publicadas de la actividad.", 12),
    ),
    filas=_filas_actividades,
    cambios=_cambios_actividades,
    palabras_clave=("plan de acción", "actividades", "avance", "metas", "seguimiento"),
    del_dia=True,
    # Recomputed every day (state, cut-off date), and whenever a progress is approved.
    periodicidad="R/P1D",
)


def _filas_planes() -> Iterable[dict]:
    for plan in selectors.planes_publicados().prefetch_related("componentes"):
        yield {
            "plan": plan.slug,
            "vigencia": plan.vigencia,
            "entidad": plan.entidad.nombre,
            "titulo": plan.titulo,
            "dependencia": plan.dependencia,
            "componentes": "; ".join(c.nombre for c in plan.componentes.all()),
            "introduccion": plan.introduccion,
        }


def _cambios_planes() -> Cambios:
    planes = selectors.planes_publicados().values("pk")
    return cambios_de(
        (Plan.history.filter(id__in=planes), "history_date"),
        (Componente.history.filter(plan_id__in=planes), "history_date"),
        (_entidades_publicadas(), "history_date"),
    )


def _entidades_publicadas():
    """The history of the entities of the published plans: each row carries its name."""
    return Entidad.history.filter(id__in=selectors.planes_publicados().values("entidad_id"))


PLANES = Conjunto(
    slug="planes",
    titulo="Planes de rendición de cuentas publicados",
    descripcion="Una fila por plan anual publicado.",
    campos=(
        Campo(
            "plan",
            Tipo.TEXTO,
            "Identificador del plan (entidad-instrumento-vigencia), el de su dirección "
            "/plan/<plan>/ y /datos-abiertos/planes/<plan>.json.",
            30,
        ),
        Campo("vigencia", Tipo.ENTERO, "Año del plan.", 10),
        Campo("entidad", Tipo.TEXTO, "Entidad que rinde cuentas.", 28),
        Campo("titulo", Tipo.TEXTO, "Título del plan.", 36),
        Campo("dependencia", Tipo.TEXTO, "Dependencia que elabora el plan.", 36),
        Campo("componentes", Tipo.TEXTO, "Componentes del plan, separados por «; ».", 30),
        Campo("introduccion", Tipo.TEXTO, "Texto de introducción del plan.", 80),
    ),
    filas=_filas_planes,
    cambios=_cambios_planes,
    palabras_clave=("plan anual", "estrategia de rendición de cuentas"),
    periodicidad="R/P1Y",
)

CONJUNTOS = (PLANES, ACTIVIDADES)


def plan_como_json(*, plan, hoy: date) -> dict:
    """A whole published plan, nested, for third parties (GET /datos-abiertos/planes/<plan>.json)."""
    portal = selectors.portal(plan=plan, hoy=hoy)
    tablero = portal.tablero
    return {
        "plan": plan.slug,
        "vigencia": plan.vigencia,
        "entidad": plan.entidad.nombre,
        "titulo": plan.titulo,
        "instrumento": plan.get_instrumento_display(),
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
            # A qualitative meta has no quantity (its progress is a % of completion).
            "cantidad": (
                float(actividad.meta_cantidad) if actividad.meta_cantidad is not None else None
            ),
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
