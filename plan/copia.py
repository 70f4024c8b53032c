"""Next year's plan from this year's: the one date rule and the preview (reads only).

The copy (plan/servicios_copia.py) keeps the plan's structure, goals and offices and
moves every date window one year forward; this module tells what it will create
before anything is written.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from plan import cortes
from plan.models import Actividad, ActividadResponsable, Plan, Subcomponente

MENSAJE_YA_EXISTE = (
    "Ya existe un plan de «{entidad}» para la vigencia {vigencia}: no se copió nada. "
    "Revise ese plan en la administración."
)

Ventanas = list[tuple[date, date]]


def misma_fecha_otro_anio(fecha: date, anios: int = 1) -> date:
    """The same day `anios` years later; 29/02 becomes 28/02 in a year without it."""
    anio = fecha.year + anios
    try:
        return fecha.replace(year=anio)
    except ValueError:  # 29 February → the last day of February
        return fecha.replace(year=anio, day=28)


def correr_ventanas(ventanas: Ventanas, anios: int = 1) -> Ventanas:
    return [(misma_fecha_otro_anio(i, anios), misma_fecha_otro_anio(f, anios)) for i, f in ventanas]


def fines_de_cortes_propios(plan: Plan, vigencia: int) -> list[date]:
    """The plan's own cortes moved to `vigencia`; none if they are the three cuatrimestres
    (a plan without rows gets them anyway)."""
    anios = vigencia - plan.vigencia
    fines = [misma_fecha_otro_anio(c.fin, anios) for c in plan.cortes.order_by("numero")]
    por_defecto = [corte.fin for corte in cortes.cortes_de(vigencia)]
    return [] if fines == por_defecto else fines


@dataclass(frozen=True)
class ActividadCopiada:
    codigo: str
    descripcion: str
    responsables: list[str]
    antes: Ventanas
    despues: Ventanas


@dataclass(frozen=True)
class VistaPreviaCopia:
    origen: Plan
    vigencia: int
    componentes: int
    subcomponentes: int
    actividades: list[ActividadCopiada] = field(default_factory=list)
    cortes: list[date] = field(default_factory=list)
    error: str = ""

    @property
    def numero_actividades(self) -> int:
        return len(self.actividades)

    @property
    def numero_ventanas(self) -> int:
        return sum(len(a.antes) for a in self.actividades)

    @property
    def primera_ventana(self) -> tuple[tuple[date, date], tuple[date, date]] | None:
        """(before, after) of the earliest window."""
        pares = sorted(zip(self._antes(), self._despues(), strict=True))
        return pares[0] if pares else None

    @property
    def ultima_ventana(self) -> tuple[tuple[date, date], tuple[date, date]] | None:
        pares = sorted(zip(self._antes(), self._despues(), strict=True), key=lambda p: p[0][1])
        return pares[-1] if pares else None

    @property
    def puede_copiarse(self) -> bool:
        return not self.error

    def _antes(self) -> Ventanas:
        return [v for a in self.actividades for v in a.antes]

    def _despues(self) -> Ventanas:
        return [v for a in self.actividades for v in a.despues]


def ya_existe(plan: Plan, vigencia: int) -> str:
    """The refusal message if the entity already has a plan for `vigencia`, else ""."""
    mismo = Plan.objects.filter(entidad=plan.entidad, instrumento=plan.instrumento)
    if mismo.filter(vigencia=vigencia).exists():
        return MENSAJE_YA_EXISTE.format(entidad=plan.entidad, vigencia=vigencia)
    return ""


def vista_previa(*, plan: Plan, vigencia: int | None = None) -> VistaPreviaCopia:
    """What copying `plan` to `vigencia` (default: the next one) would create, in six queries."""
    vigencia = vigencia or plan.vigencia + 1
    anios = vigencia - plan.vigencia
    actividades = (
        Actividad.objects.filter(plan=plan)
        .order_by("orden")
        .prefetch_related(
            Prefetch(
                "asignaciones",
                queryset=ActividadResponsable.objects.select_related("responsable").order_by(
                    "orden", "id"
                ),
            ),
            "ventanas",
        )
    )
    filas = []
    for actividad in actividades:
        antes = sorted((v.inicio, v.fin) for v in actividad.ventanas.all())
        filas.append(
            ActividadCopiada(
                codigo=actividad.codigo,
                descripcion=actividad.descripcion,
                responsables=[a.responsable.nombre_corto for a in actividad.asignaciones.all()],
                antes=antes,
                despues=correr_ventanas(antes, anios),
            )
        )
    return VistaPreviaCopia(
        origen=plan,
        vigencia=vigencia,
        componentes=plan.componentes.count(),
        subcomponentes=Subcomponente.objects.filter(componente__plan=plan).count(),
        actividades=filas,
        cortes=fines_de_cortes_propios(plan, vigencia),
        error=ya_existe(plan, vigencia),
    )
