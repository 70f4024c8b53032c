"""Reads of the plan, with their query tuning (HackSoft-style selectors)."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Page
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Abs
from django.utils import timezone

from nucleo import historial, paginacion
from nucleo.models import Entidad
from plan import fuentes, reglas
from plan.cortes import Corte
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    CortePlan,
    Evidencia,
    Instrumento,
    ObservacionSeguimiento,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)


def plan_vigente(*, solo_publicados: bool = True, hoy: date | None = None) -> Plan | None:
    """The plan in force, the one the home page shows (issue 16); one query.

    Among the **published** plans of the site's principal entity (of every entity while
    no Entidad row is principal), in this order:

    1. the one OPGI marked as in force (`en_vigor`, at most one per entity);
    2. the one whose vigencia is this year (`hoy`, default today in America/Bogota);
    3. the most recent vigencia before this year;
    4. the earliest vigencia after it.

    Two plans of one vigencia (the PAAC and the PTEP of the transition year): the PAAC,
    then the PTEP (`Instrumento` order), then the older row. A draft is never chosen.

    `solo_publicados=False` is the staff's default plan (dashboards, pending work):
    the latest vigencia of any plan, drafts included, as before.
    """
    if not solo_publicados:
        return Plan.objects.order_by("-vigencia", "pk").first()
    anio = (hoy or timezone.localdate()).year
    del_sitio = Q(entidad__principal=True) | ~Exists(Entidad.objects.filter(principal=True))
    grupo = Case(
        When(en_vigor=True, then=Value(0)),
        When(vigencia=anio, then=Value(1)),
        When(vigencia__lt=anio, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    instrumento = Case(
        *(When(instrumento=valor, then=Value(n)) for n, valor in enumerate(Instrumento.values)),
        default=Value(len(Instrumento.values)),
        output_field=IntegerField(),
    )
    return (
        planes_publicados()
        .filter(del_sitio)
        # Within groups 2 and 3 the nearest vigencia to this year comes first.
        .order_by(grupo, Abs(F("vigencia") - anio), instrumento, "pk")
        .first()
    )


def planes_con_estado() -> QuerySet[Plan]:
    """Every plan, drafts included, with `numero_actividades` (one aggregate query): the
    lifecycle page /planes/. The site's entity first, then the latest vigencia."""
    return Plan.objects.annotate(numero_actividades=Count("actividades")).order_by(
        "-entidad__principal", "entidad__nombre", "-vigencia", "instrumento", "pk"
    )


def actividades_con_detalle(*, plan: Plan) -> QuerySet[Actividad]:
    """The plan's activities in code order, with subcomponente, responsables and windows.

    Always three queries, whatever the number of activities.
    """
    return _con_detalle(Actividad.objects.filter(plan=plan)).order_by(*ORDEN_DEL_PLAN)


# Componente first, then the code: a whole PAAC numbers its subcomponentes from 1 in each
# componente, and its activities group under their componente in the plan's order.
ORDEN_DEL_PLAN = ("subcomponente__componente__orden", "subcomponente__componente_id", "orden")


def _con_detalle(actividades: QuerySet[Actividad]) -> QuerySet[Actividad]:
    asignaciones = ActividadResponsable.objects.select_related("responsable").order_by(
        "orden", "id"
    )
    return actividades.select_related(
        "subcomponente__componente", "plan__entidad"
    ).prefetch_related(Prefetch("asignaciones", queryset=asignaciones), "ventanas")


def subcomponentes_con_actividades(*, plan: Plan) -> list[tuple[Subcomponente, list[Actividad]]]:
    """The plan grouped as the seed document shows it: subcomponente → activities, the
    subcomponentes in their componente's order (`Subcomponente.clave_de_orden`)."""
    grupos: dict[int, tuple[Subcomponente, list[Actividad]]] = {}
    for actividad in actividades_con_detalle(plan=plan):
        sub = actividad.subcomponente
        grupos.setdefault(sub.pk, (sub, []))[1].append(actividad)
    return sorted(grupos.values(), key=lambda grupo: grupo[0].clave_de_orden)


# --- Follow-up: progress and status of activities as of a date ---------------


@dataclass(frozen=True)
class FilaSeguimiento:
    """An activity as of a date: what has been achieved, its % and status."""

    actividad: Actividad
    cantidad: Decimal | None
    porcentaje: Decimal
    estado: reglas.Estado
    proximo_fin: date | None
    # Its % at each of the earlier dates asked of `seguimiento` (the cortes' ends).
    porcentajes_al: tuple[Decimal, ...] = ()

    @property
    def responsables(self) -> list[Responsable]:
        return [asignacion.responsable for asignacion in self.actividad.asignaciones.all()]

    @property
    def ventanas(self) -> list[Ventana]:
        return list(self.actividad.ventanas.all())


def _cantidad_al(fecha: date) -> Subquery:
    """The latest approved (cumulative) quantity of the outer activity up to `fecha`:
    a report still under review, returned, replaced or annulled counts nowhere."""
    return Subquery(
        Avance.objects.filter(
            actividad=OuterRef("pk"), fecha__lte=fecha, estado=Avance.Estado.APROBADO
        )
        .order_by("-fecha", "-creado_en", "-pk")
        .values("cantidad")[:1]
    )


def seguimiento(
    *, actividades: QuerySet[Actividad], fecha: date, fechas: Sequence[date] = ()
) -> list[FilaSeguimiento]:
    """Progress and status of each activity as of `fecha`.

    Three queries, plus one per automatic source in use (see plan.fuentes). With
    `fechas`, each row also carries its % at each of them (`porcentajes_al`): in the
    same activities query (one subquery per date), plus one query per automatic
    source in use and date.
    """
    filas = []
    anteriores = {f"cantidad_al_{n}": _cantidad_al(f) for n, f in enumerate(fechas)}
    consulta = list(
        actividades.annotate(cantidad_al_corte=_cantidad_al(fecha)).annotate(**anteriores)
    )
    automaticas = fuentes.cantidades_automaticas(consulta, fecha)
    automaticas_al = [fuentes.cantidades_automaticas(consulta, f) for f in fechas]
    for actividad in consulta:
        ventanas = list(actividad.ventanas.all())
        cantidad = automaticas.get(actividad.pk, actividad.cantidad_al_corte)
        porcentaje = actividad.porcentaje_de(cantidad)
        porcentajes_al = tuple(
            actividad.porcentaje_de(
                automaticas_al[n].get(actividad.pk, getattr(actividad, f"cantidad_al_{n}"))
            )
            for n in range(len(fechas))
        )
        filas.append(
            FilaSeguimiento(
                actividad=actividad,
                cantidad=cantidad,
                porcentaje=porcentaje,
                estado=reglas.estado(ventanas=ventanas, porcentaje=porcentaje, hoy=fecha),
                proximo_fin=min((v.fin for v in ventanas if v.fin >= fecha), default=None),
                porcentajes_al=porcentajes_al,
            )
        )
    return filas


def promedio(valores: list[Decimal]) -> Decimal:
    """Mean progress, one decimal; 0 for no activities."""
    if not valores:
        return Decimal("0.0")
    return (sum(valores, Decimal("0")) / len(valores)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class AvanceSubcomponente:
    subcomponente: Subcomponente
    porcentaje: Decimal
    actividades: int


@dataclass(frozen=True)
class AvanceOficina:
    responsable: Responsable
    porcentaje: Decimal
    actividades: int


@dataclass(frozen=True)
class AvanceCorte:
    """The mean progress of the activities at a corte's end (or at the page's date,
    if the corte has not ended by then)."""

    corte: Corte
    fecha: date
    porcentaje: Decimal

    @property
    def en_curso(self) -> bool:
        return self.fecha < self.corte.fin


def _hitos(cortes: Sequence[Corte], fecha: date) -> list[tuple[Corte, date]]:
    """The cortes begun by `fecha`, each with the date its figure is taken at."""
    return [(corte, min(corte.fin, fecha)) for corte in cortes if corte.inicio <= fecha]


def _por_corte(
    hitos: list[tuple[Corte, date]], filas: Sequence["FilaSeguimiento | Situacion"]
) -> list[AvanceCorte]:
    return [
        AvanceCorte(
            corte=corte, fecha=fecha, porcentaje=promedio([f.porcentajes_al[n] for f in filas])
        )
        for n, (corte, fecha) in enumerate(hitos)
    ]


@dataclass(slots=True)
class _Ventana:
    inicio: date
    fin: date


@dataclass(frozen=True)
class Situacion:
    """An activity's figures as of a date and nothing more (no model instances): what the
    whole plan's summaries, the filters and the pagination of a page are computed from,
    so only the rows of the page shown need the activity's detail."""

    pk: int
    codigo: str
    subcomponente_id: int
    responsables: tuple[int, ...]
    cantidad: Decimal | None
    porcentaje: Decimal
    estado: reglas.Estado
    proximo_fin: date | None
    porcentajes_al: tuple[Decimal, ...] = ()
    # Code, description, product, meta and offices without accents (for the portal's
    # search); empty when no search was asked for.
    texto: str = ""

    @classmethod
    def de_fila(cls, fila: FilaSeguimiento, *, con_texto: bool = False) -> "Situacion":
        actividad = fila.actividad
        return cls(
            pk=fila.actividad.pk,
            codigo=fila.actividad.codigo,
            subcomponente_id=fila.actividad.subcomponente_id,
            responsables=tuple(r.pk for r in fila.responsables),
            cantidad=fila.cantidad,
            porcentaje=fila.porcentaje,
            estado=fila.estado,
            proximo_fin=fila.proximo_fin,
            porcentajes_al=fila.porcentajes_al,
            texto=_texto_de(actividad) if con_texto else "",
        )


def _texto_de(actividad: Actividad) -> str:
    """What the portal's search looks in, without accents or case (the offices apart)."""
    partes = [actividad.codigo, actividad.descripcion, actividad.producto, actividad.meta_texto]
    return _sin_tildes(" ".join(partes))


@dataclass(frozen=True)
class Tablero:
    plan: Plan
    fecha: date
    corte: Corte | None
    # The rows shown: every activity summarised, or only the page's (`pagina`).
    filas: list[FilaSeguimiento]
    conteos: dict[str, int]
    por_subcomponente: list[AvanceSubcomponente]
    avance_componente: Decimal
    proximas: list[Situacion]
    vencidas: list[Situacion]
    evidencias_pendientes: list[Evidencia] = field(default_factory=list)
    por_corte: list[AvanceCorte] = field(default_factory=list)
    # Mean progress of each office's activities (an activity shared by two offices
    # counts for both), by office name.
    por_oficina: list[AvanceOficina] = field(default_factory=list)
    # How many activities the figures describe (the whole plan, or the office's).
    total: int = 0
    pagina: Page | None = None
    # More evidence waits for review than the dashboard lists (see «Mis pendientes»).
    mas_evidencias_pendientes: bool = False

    @property
    def conteos_etiquetados(self) -> list[tuple[str, str, int]]:
        return [(valor, etiqueta, self.conteos[valor]) for valor, etiqueta in reglas.Estado.choices]

    @property
    def proximas_mostradas(self) -> list[Situacion]:
        """The first of `proximas`: a dashboard lists a page of them, and says how many more."""
        return self.proximas[: paginacion.tamano_pagina()]

    @property
    def proximas_no_mostradas(self) -> int:
        return max(0, len(self.proximas) - paginacion.tamano_pagina())

    @property
    def vencidas_mostradas(self) -> list[Situacion]:
        return self.vencidas[: paginacion.tamano_pagina()]

    @property
    def vencidas_no_mostradas(self) -> int:
        return max(0, len(self.vencidas) - paginacion.tamano_pagina())


DIAS_PROXIMAS = 30


def _resumir(
    *,
    plan: Plan,
    situaciones: Sequence[Situacion],
    fecha: date,
    corte: Corte | None,
    subcomponentes: dict[int, Subcomponente],
    responsables: dict[int, Responsable],
) -> Tablero:
    """Counts and means over every activity's figures (no queries); no rows."""
    conteos = {valor: 0 for valor in reglas.Estado.values}
    grupos: dict[int, list[Situacion]] = {}
    oficinas: dict[int, list[Decimal]] = {}
    for situacion in situaciones:
        conteos[situacion.estado] += 1
        grupos.setdefault(situacion.subcomponente_id, []).append(situacion)
        for responsable_id in situacion.responsables:
            oficinas.setdefault(responsable_id, []).append(situacion.porcentaje)
    por_subcomponente = [
        AvanceSubcomponente(
            subcomponente=subcomponentes[sub_id],
            porcentaje=promedio([s.porcentaje for s in grupo]),
            actividades=len(grupo),
        )
        for sub_id, grupo in sorted(
            grupos.items(), key=lambda g: subcomponentes[g[0]].clave_de_orden
        )
    ]
    por_oficina = [
        AvanceOficina(
            responsable=responsables[r_id], porcentaje=promedio(valores), actividades=len(valores)
        )
        for r_id, valores in sorted(
            oficinas.items(), key=lambda g: responsables[g[0]].nombre_corto.casefold()
        )
    ]
    limite = fecha + timedelta(days=DIAS_PROXIMAS)
    proximas = [
        s
        for s in situaciones
        if s.estado != reglas.Estado.CUMPLIDA and s.proximo_fin and s.proximo_fin <= limite
    ]
    return Tablero(
        plan=plan,
        fecha=fecha,
        corte=corte,
        filas=[],
        conteos=conteos,
        por_subcomponente=por_subcomponente,
        avance_componente=promedio([s.porcentaje for s in situaciones]),
        proximas=sorted(proximas, key=lambda s: s.proximo_fin or date.max),
        vencidas=[s for s in situaciones if s.estado == reglas.Estado.VENCIDA],
        por_oficina=por_oficina,
        total=len(situaciones),
    )


def resumen(
    *, plan: Plan, filas: list[FilaSeguimiento], fecha: date, corte: Corte | None
) -> Tablero:
    """Counts and means over rows already computed (no queries): the reports'."""
    datos = _resumir(
        plan=plan,
        situaciones=[Situacion.de_fila(f) for f in filas],
        fecha=fecha,
        corte=corte,
        subcomponentes={f.actividad.subcomponente_id: f.actividad.subcomponente for f in filas},
        responsables={r.pk: r for f in filas for r in f.responsables},
    )
    return replace(datos, filas=filas)


def situaciones(
    *,
    actividades: QuerySet[Actividad],
    fecha: date,
    fechas: Sequence[date] = (),
    con_texto: bool = False,
) -> list[Situacion]:
    """The figures of each activity of `actividades` as of `fecha` (and of `fechas`), in
    the queryset's order, from a few columns: three queries plus one per automatic source
    in use (and date), whatever the number of activities. The same rule as `seguimiento`
    (an approved cumulative report, or the automatic source; `reglas.estado`).
    """
    campos = ["id", "codigo", "subcomponente", "plan", "meta_cantidad", "fuente_avance"]
    if con_texto:
        campos += ["descripcion", "producto", "meta_texto"]
    anteriores = {f"cantidad_al_{n}": _cantidad_al(f) for n, f in enumerate(fechas)}
    consulta = list(
        actividades.only(*campos)
        .annotate(cantidad_al_corte=_cantidad_al(fecha))
        .annotate(**anteriores)
    )
    claves = actividades.order_by().values("pk")
    ventanas: dict[int, list[_Ventana]] = {}
    for actividad_id, inicio, fin_ in Ventana.objects.filter(actividad__in=claves).values_list(
        "actividad_id", "inicio", "fin"
    ):
        ventanas.setdefault(actividad_id, []).append(_Ventana(inicio, fin_))
    asignadas: dict[int, list[int]] = {}
    for actividad_id, responsable_id in (
        ActividadResponsable.objects.filter(actividad__in=claves)
        .order_by("orden", "id")
        .values_list("actividad_id", "responsable_id")
    ):
        asignadas.setdefault(actividad_id, []).append(responsable_id)
    automaticas = fuentes.cantidades_automaticas(consulta, fecha)
    automaticas_al = [fuentes.cantidades_automaticas(consulta, f) for f in fechas]
    resultado = []
    for actividad in consulta:
        suyas = ventanas.get(actividad.pk, [])
        cantidad = automaticas.get(actividad.pk, actividad.cantidad_al_corte)
        porcentaje = actividad.porcentaje_de(cantidad)
        resultado.append(
            Situacion(
                pk=actividad.pk,
                codigo=actividad.codigo,
                subcomponente_id=actividad.subcomponente_id,
                responsables=tuple(asignadas.get(actividad.pk, ())),
                cantidad=cantidad,
                porcentaje=porcentaje,
                estado=reglas.estado(ventanas=suyas, porcentaje=porcentaje, hoy=fecha),
                proximo_fin=min((v.fin for v in suyas if v.fin >= fecha), default=None),
                porcentajes_al=tuple(
                    actividad.porcentaje_de(
                        automaticas_al[n].get(actividad.pk, getattr(actividad, f"cantidad_al_{n}"))
                    )
                    for n in range(len(fechas))
                ),
                texto=_texto_de(actividad) if con_texto else "",
            )
        )
    return resultado


def _del_resumen(
    situaciones_: Sequence[Situacion],
) -> tuple[dict[int, Subcomponente], dict[int, Responsable]]:
    """The subcomponentes and offices the figures name: two queries."""
    subcomponentes = Subcomponente.objects.select_related("componente").in_bulk(
        {s.subcomponente_id for s in situaciones_}
    )
    responsables = Responsable.objects.in_bulk({r for s in situaciones_ for r in s.responsables})
    return subcomponentes, responsables


@dataclass(frozen=True)
class _Figuras:
    """Every activity's figures, the subcomponentes and offices they name, and the rows
    with their detail when they were built for every activity (`filas`)."""

    situaciones: list[Situacion]
    subcomponentes: dict[int, Subcomponente]
    responsables: dict[int, Responsable]
    filas: dict[int, FilaSeguimiento] | None


def _figuras(
    actividades: QuerySet[Actividad],
    *,
    detalle: QuerySet[Actividad],
    fecha: date,
    fechas: Sequence[date],
    con_texto: bool,
    por_paginas: bool,
) -> _Figuras:
    """`por_paginas`: the light pass (`situaciones`), whose rows are then built for one
    page; else every row with its `detalle` at once (the reports' and datasets' way: the
    same queries as before the pagination, no light pass on top)."""
    if por_paginas:
        todas = situaciones(
            actividades=actividades, fecha=fecha, fechas=fechas, con_texto=con_texto
        )
        subcomponentes, responsables = _del_resumen(todas)
        return _Figuras(todas, subcomponentes, responsables, filas=None)
    filas = seguimiento(actividades=detalle, fecha=fecha, fechas=fechas)
    return _Figuras(
        situaciones=[Situacion.de_fila(f, con_texto=con_texto) for f in filas],
        subcomponentes={f.actividad.subcomponente_id: f.actividad.subcomponente for f in filas},
        responsables={r.pk: r for f in filas for r in f.responsables},
        filas={f.actividad.pk: f for f in filas},
    )


def _filas_de(
    figuras: _Figuras, detalle: QuerySet[Actividad], elegidas: Sequence[Situacion]
) -> list[FilaSeguimiento]:
    """The rows of `elegidas` (a page, or every activity) with their activity's detail:
    from the rows already built, or the page's detail queries over `detalle`, with the
    figures already computed (none computed twice)."""
    if figuras.filas is not None:
        return [figuras.filas[s.pk] for s in elegidas]
    if not elegidas:
        return []
    por_pk = {a.pk: a for a in detalle.filter(pk__in=[s.pk for s in elegidas])}
    return [
        FilaSeguimiento(
            actividad=por_pk[s.pk],
            cantidad=s.cantidad,
            porcentaje=s.porcentaje,
            estado=s.estado,
            proximo_fin=s.proximo_fin,
            porcentajes_al=s.porcentajes_al,
        )
        for s in elegidas
        if s.pk in por_pk
    ]


def tablero(
    *,
    plan: Plan,
    hoy: date,
    corte: Corte | None = None,
    responsable: Responsable | None = None,
    subcomponente: Subcomponente | None = None,
    evidencias_visibles: QuerySet[Evidencia] | None = None,
    cortes: Sequence[Corte] = (),
    pagina: object = None,
) -> Tablero:
    """Everything a dashboard shows, for the whole plan or one office / subcomponente.

    With the plan's `cortes` (already loaded), also the mean progress at the end of
    each corte begun by the dashboard's date, in the same activities query.

    The figures always describe every activity chosen; with `pagina` (the query
    string's value) the rows are only that page's (`Tablero.pagina`), without it every row.
    """
    fecha = reglas.fecha_de_referencia(hoy=hoy, corte=corte)
    actividades = Actividad.objects.filter(plan=plan).order_by(*ORDEN_DEL_PLAN, "pk")
    if responsable is not None:
        actividades = actividades.filter(asignaciones__responsable=responsable)
    if subcomponente is not None:
        actividades = actividades.filter(subcomponente=subcomponente)
    hitos = _hitos(cortes, fecha)
    detalle = _con_detalle(actividades)
    figuras = _figuras(
        actividades,
        detalle=detalle,
        fecha=fecha,
        fechas=[f for _, f in hitos],
        con_texto=False,
        por_paginas=pagina is not None,
    )
    todas = figuras.situaciones
    datos = _resumir(
        plan=plan,
        situaciones=todas,
        fecha=fecha,
        corte=corte,
        subcomponentes=figuras.subcomponentes,
        responsables=figuras.responsables,
    )
    hoja = None if pagina is None else paginacion.pagina(todas, pagina)
    elegidas = todas if hoja is None else list(hoja.object_list)
    datos = replace(
        datos,
        filas=_filas_de(figuras, detalle, elegidas),
        por_corte=_por_corte(hitos, todas),
        pagina=hoja,
    )
    if evidencias_visibles is not None:
        pendientes = list(
            evidencias_visibles.filter(
                estado=Evidencia.Estado.ENVIADA, actividad__in=actividades.order_by().values("pk")
            )
            .select_related("actividad", "subida_por")
            .order_by("subida_en", "pk")[: paginacion.tamano_pagina() + 1]
        )
        datos = replace(
            datos,
            evidencias_pendientes=pendientes[: paginacion.tamano_pagina()],
            mas_evidencias_pendientes=len(pendientes) > paginacion.tamano_pagina(),
        )
    return datos


@dataclass(frozen=True)
class PorRevisar:
    """The next item waiting for OPGI's review: where it is on its activity's page."""

    tipo: str  # "evidencia" or "avance": the prefix of its anchor on the page
    pk: int
    actividad_id: int

    @property
    def ancla(self) -> str:
        return f"{self.tipo}-{self.pk}"


def siguiente_por_revisar(*, plan: Plan) -> PorRevisar | None:
    """The oldest evidence or progress report of the plan still waiting for review (the
    order of «Mis pendientes»: the first sent first), in one query (a UNION)."""
    evidencias = (
        Evidencia.objects.filter(estado=Evidencia.Estado.ENVIADA, actividad__plan=plan)
        .annotate(tipo=Value("evidencia", output_field=CharField()), momento=F("subida_en"))
        .values_list("tipo", "pk", "actividad_id", "momento")
        .order_by()
    )
    avances = (
        Avance.objects.filter(estado=Avance.Estado.ENVIADO, actividad__plan=plan)
        .annotate(tipo=Value("avance", output_field=CharField()), momento=F("creado_en"))
        .values_list("tipo", "pk", "actividad_id", "momento")
        .order_by()
    )
    filas = list(evidencias.union(avances, all=True).order_by("momento", "tipo", "pk")[:1])
    if not filas:
        return None
    tipo, pk, actividad_id, _ = filas[0]
    return PorRevisar(tipo=tipo, pk=pk, actividad_id=actividad_id)


def fila_de_actividad(*, actividad: Actividad, fecha: date) -> FilaSeguimiento:
    return seguimiento(
        actividades=actividades_con_detalle(plan=actividad.plan).filter(pk=actividad.pk),
        fecha=fecha,
    )[0]


@dataclass(frozen=True)
class FilaAvance:
    avance: Avance
    porcentaje: Decimal


def historial_de_avances(*, actividad: Actividad) -> list[FilaAvance]:
    """Every progress report, oldest first, with the % it meant."""
    avances = actividad.avances.select_related("reportado_por").order_by("fecha", "creado_en", "pk")
    return [FilaAvance(avance=a, porcentaje=actividad.porcentaje_de(a.cantidad)) for a in avances]


def evidencias_de_actividad(*, actividad: Actividad) -> list[Evidencia]:
    return list(
        actividad.evidencias.select_related("subida_por", "revisada_por").order_by(
            "-subida_en", "-pk"
        )
    )


# --- What an anonymous visitor may see of the plan: ONE rule ---------------------
#
# - a plan is public when it is published;
# - an activity (its windows, responsables, progress figures) when its plan is;
# - an evidence when it is approved, marked public and its activity is public.
#
# Every public page, feed, open-data set and download reads through these
# functions (the portal, pasto_rdc/datos_abiertos.py, plan/datos_abiertos.py), and
# the other apps filter their rows linked to an activity with `q_actividad_publica`,
# so «public» cannot mean two things in two places. Staff downloads of an
# unpublished plan are decided by plan/permisos.py with `es_publico`.


def q_plan_publico(ruta: str = "") -> Q:
    """The condition «the plan at `ruta` is public» («» for Plan itself, e.g. «actividad__plan»)."""
    return Q(**{f"{ruta}__publicado" if ruta else "publicado": True})


def q_actividad_publica(ruta: str = "actividad", *, opcional: bool = False) -> Q:
    """The condition «the activity at `ruta` is public».

    With `opcional`, a row that counts for no activity (a null link) is public too:
    a dialogue space or a survey without activity belongs to no plan.
    """
    condicion = q_plan_publico(f"{ruta}__plan")
    if opcional:
        condicion |= Q(**{f"{ruta}__isnull": True})
    return condicion


def es_publico(plan: Plan) -> bool:
    """Whether an anonymous visitor may see `plan` (the same rule as `planes_publicados`)."""
    return bool(plan.publicado)


def planes_publicados() -> QuerySet[Plan]:
    return Plan.objects.filter(q_plan_publico()).order_by("-vigencia")


def plan_publicado(*, slug: str) -> Plan | None:
    """The published plan of that slug (its address on every public page and dataset)."""
    return planes_publicados().filter(slug=slug).first()


def plan_de_gestion(*, slug: str) -> Plan | None:
    """The plan of that slug, published or not (staff pages: dashboards, follow-up)."""
    return Plan.objects.filter(slug=slug).first()


def planes_de_vigencia(*, vigencia: int, con_borradores: bool) -> list[Plan]:
    """Every plan of `vigencia` (only the published ones unless `con_borradores`), the
    site's entity first: the plans an old address by vigencia alone may have meant."""
    planes = Plan.objects.all() if con_borradores else planes_publicados()
    return list(
        planes.filter(vigencia=vigencia).order_by(
            "-entidad__principal", "entidad__nombre", "instrumento"
        )
    )


def actividades_publicas() -> QuerySet[Actividad]:
    """Activities a citizen may see: those of a published plan."""
    return Actividad.objects.filter(q_plan_publico("plan"))


def evidencias_publicas() -> QuerySet[Evidencia]:
    """Evidence a citizen may see: approved, marked public, of a public activity."""
    return Evidencia.objects.filter(
        q_actividad_publica("actividad"), publica=True, estado=Evidencia.Estado.APROBADA
    )


def seguimientos_publicados(*, plan: Plan) -> QuerySet[CortePlan]:
    """The closed and published follow-ups of a public plan, by corte (none otherwise)."""
    return (
        CortePlan.objects.filter(
            q_plan_publico("plan"),
            plan=plan,
            cerrado_en__isnull=False,
            publicado_en__isnull=False,
        )
        .select_related("cerrado_por")
        .order_by("numero")
    )


def _sin_tildes(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFD", texto.casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def _coincide(situacion: Situacion, busqueda: str, responsables: dict[int, Responsable]) -> bool:
    """Whether `busqueda` (already without accents) is in the activity's code, description,
    product, meta or its offices' names and acronyms."""
    suyos = [responsables[pk] for pk in situacion.responsables]
    textos = [r.nombre for r in suyos] + [r.sigla for r in suyos]
    return busqueda in situacion.texto or busqueda in _sin_tildes(" ".join(textos))


def _actividades_publicas(*, plan: Plan) -> QuerySet[Actividad]:
    return _con_evidencias_publicas(actividades_con_detalle(plan=plan))


def _con_evidencias_publicas(actividades: QuerySet[Actividad]) -> QuerySet[Actividad]:
    publicas = evidencias_publicas().order_by("-subida_en", "-pk")
    # Filtered by the rule too, not only by the callers' choice of a published plan.
    return actividades.filter(q_plan_publico("plan")).prefetch_related(
        Prefetch("evidencias", queryset=publicas, to_attr="evidencias_publicas")
    )


def filas_publicas(*, hoy: date) -> list[FilaSeguimiento]:
    """Every public activity of every published plan as citizens see it, newest plan first.

    In one pass (the same queries whatever the number of published plans): the open-data
    set of activities is built from it.
    """
    actividades = _con_detalle(Actividad.objects.all()).order_by(
        "-plan__vigencia", "plan_id", *ORDEN_DEL_PLAN
    )
    return seguimiento(actividades=_con_evidencias_publicas(actividades), fecha=hoy)


def fila_publica(*, plan: Plan, codigo: str, hoy: date) -> FilaSeguimiento | None:
    """One activity of a published plan as citizens see it (None if no such code)."""
    filas = seguimiento(
        actividades=_actividades_publicas(plan=plan).filter(codigo=codigo), fecha=hoy
    )
    return filas[0] if filas else None


@dataclass(frozen=True)
class Portal:
    tablero: Tablero
    # The rows shown: every activity that passes the filters, or only the page's.
    filas: list[FilaSeguimiento]
    # How many activities pass the filters (on every page).
    coincidencias: int = 0
    pagina: Page | None = None


def portal(
    *,
    plan: Plan,
    hoy: date,
    oficina: Responsable | None = None,
    estado: str = "",
    subcomponente: Subcomponente | None = None,
    busqueda: str = "",
    cortes: Sequence[Corte] = (),
    pagina: object = None,
) -> Portal:
    """The public view of a plan: whole-plan figures plus the filtered activities.

    The figures always describe the whole plan; the filters only narrow the
    list. Filtering happens on every activity's figures (status is derived, and the
    search ignores accents and case), so the query count never changes; with `pagina`
    (the query string's value) only that page's rows are built, without it every row.
    """
    # With the plan's `cortes`, the mean progress at each one's end too (the figures over
    # time are public like today's), in the same activities query.
    hitos = _hitos(cortes, hoy)
    texto = _sin_tildes(busqueda.strip())
    actividades = Actividad.objects.filter(q_plan_publico("plan"), plan=plan).order_by(
        *ORDEN_DEL_PLAN, "pk"
    )
    detalle = _con_evidencias_publicas(_con_detalle(actividades))
    figuras = _figuras(
        actividades,
        detalle=detalle,
        fecha=hoy,
        fechas=[f for _, f in hitos],
        con_texto=bool(texto),
        por_paginas=pagina is not None,
    )
    todas, responsables = figuras.situaciones, figuras.responsables
    datos = _resumir(
        plan=plan,
        situaciones=todas,
        fecha=hoy,
        corte=None,
        subcomponentes=figuras.subcomponentes,
        responsables=responsables,
    )
    datos = replace(datos, por_corte=_por_corte(hitos, todas))
    visibles = [
        s
        for s in todas
        if (oficina is None or oficina.pk in s.responsables)
        and (not estado or s.estado == estado)
        and (subcomponente is None or s.subcomponente_id == subcomponente.pk)
        and (not texto or _coincide(s, texto, responsables))
    ]
    hoja = None if pagina is None else paginacion.pagina(visibles, pagina)
    elegidas = visibles if hoja is None else list(hoja.object_list)
    filas = _filas_de(figuras, detalle, elegidas)
    return Portal(tablero=datos, filas=filas, coincidencias=len(visibles), pagina=hoja)


# --- History -------------------------------------------------------------------


def historial_de_actividad(*, actividad: Actividad) -> list[historial.FilaHistorial]:
    """Who changed what and when: the activity, its offices and windows, its progress,
    evidence and observations. One query per model, whatever the number of changes."""
    relacionados = (ActividadResponsable, Ventana, Avance, Evidencia, ObservacionSeguimiento)
    return historial.filas_de_historial(
        Actividad.history.filter(id=actividad.pk),
        *(modelo.history.filter(actividad_id=actividad.pk) for modelo in relacionados),
    )
