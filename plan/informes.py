"""The reports' data (selectors): the plan document, the follow-up and an office's report.

Each builder returns a dataclass read by both renderings — the PDF template
(plan/templates/plan/informes/) and the spreadsheet description (the
``hojas_*`` functions below, written by nucleo.documentos) — so a figure is
computed once and the formats cannot disagree. The follow-up figures come
from ``selectors.seguimiento`` and ``selectors.resumen``, the code behind the
dashboards, so a report and the dashboard for the same corte agree too.

Every builder runs a fixed number of queries, whatever the number of
activities: progress reports up to the corte, evidence and the corte's
observaciones are prefetched in one query each.

What a follow-up row shows «up to the corte» (the as-of date is
``reglas.fecha_de_referencia``: the corte's end, or today if it has not come):
- progress reports dated up to that date;
- evidence uploaded up to that date, except evidence OPGI returned (devuelta),
  which does not support the progress;
- the observaciones stored for that corte (ObservacionSeguimiento).

The official figure of a subcomponente and of the componente (the follow-up
format of the Secretaría de Transparencia) is cumplidas ÷ programadas:
programada, an activity with a window ending on or before the corte's end;
cumplida, a programada at 100 % of its meta at the corte. The mean of the
activities' percentages, what the dashboards show, stays as a second figure.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from nucleo import documentos, historial
from nucleo.documentos import Celda, Columna, Hoja, Tipo
from plan import reglas, selectors
from plan.cortes import Corte
from plan.models import (
    Actividad,
    Avance,
    CortePlan,
    Evidencia,
    ObservacionSeguimiento,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)


def _componente(plan: Plan) -> str:
    return " · ".join(plan.componentes.order_by("orden", "nombre").values_list("nombre", flat=True))


def _fechas(ventanas: list[Ventana]) -> str:
    return "\n".join(str(ventana) for ventana in ventanas)


def _responsables(actividad: Actividad) -> list[Responsable]:
    return [asignacion.responsable for asignacion in actividad.asignaciones.all()]


# --- The plan document ----------------------------------------------------------------


@dataclass(frozen=True)
class InformePlan:
    plan: Plan
    componente: str
    grupos: list[tuple[Subcomponente, list[Actividad]]]

    @property
    def actividades(self) -> list[Actividad]:
        return [actividad for _, actividades in self.grupos for actividad in actividades]

    @property
    def varios_componentes(self) -> bool:
        """A whole PAAC: its subcomponentes are numbered again in each componente, so the
        document names the componente of each group."""
        return len({sub.componente_id for sub, _ in self.grupos}) > 1

    @property
    def nombre(self) -> str:
        """The download's file name, without its extension (.pdf, .xlsx)."""
        return f"plan-rdc-{self.plan.vigencia}"


def informe_plan(*, plan: Plan) -> InformePlan:
    """The approved plan as the seed document lays it out (four queries)."""
    return InformePlan(
        plan=plan,
        componente=_componente(plan),
        grupos=selectors.subcomponentes_con_actividades(plan=plan),
    )


# --- The follow-up and the office report ---------------------------------------------


@dataclass(frozen=True)
class FilaInforme:
    """An activity at the corte: the dashboard's row plus what supports it."""

    seguimiento: selectors.FilaSeguimiento
    avances: list[Avance]
    evidencias: list[Evidencia]
    notas: list[ObservacionSeguimiento]  # the corte's observations, Control Interno's first
    programada: bool  # a window ends on or before the corte's end

    @property
    def cumplida(self) -> bool:
        """Programada and at 100 % of its meta at the corte."""
        return self.programada and self.porcentaje >= reglas.CIEN

    @property
    def programadas(self) -> int:
        """The official format's «Actividades programadas» of one activity: 1 or 0."""
        return int(self.programada)

    @property
    def cumplidas(self) -> int:
        return int(self.cumplida)

    @property
    def actividad(self) -> Actividad:
        return self.seguimiento.actividad

    @property
    def porcentaje(self) -> Decimal:
        return self.seguimiento.porcentaje

    @property
    def estado(self) -> reglas.Estado:
        return self.seguimiento.estado

    @property
    def responsables(self) -> list[Responsable]:
        return self.seguimiento.responsables

    @property
    def ventanas(self) -> list[Ventana]:
        return self.seguimiento.ventanas

    def observacion_de(self, origen: str) -> ObservacionSeguimiento | None:
        return next((nota for nota in self.notas if nota.origen == origen), None)

    @property
    def observacion(self) -> ObservacionSeguimiento | None:
        """Control Interno's observation (the audit's)."""
        return self.observacion_de(ObservacionSeguimiento.Origen.CONTROL_INTERNO)

    @property
    def observaciones(self) -> str:
        """Every observation of the corte, each labelled with its origin, author and date."""
        return "\n".join(_texto_nota(nota) for nota in self.notas if nota.texto)


def autor(usuario) -> str:
    """How a report names a user (nobody: blank)."""
    return historial.nombre_de_usuario(usuario, sin_usuario="")


def _datos_nota(nota: ObservacionSeguimiento) -> dict[str, str]:
    return {
        "origen": nota.get_origen_display(),
        "texto": nota.texto,
        "autor": autor(nota.actualizada_por),
        "fecha": f"{timezone.localtime(nota.actualizada_en):%d/%m/%Y}",
    }


def _texto_nota(nota: ObservacionSeguimiento | dict[str, str]) -> str:
    datos = _datos_nota(nota) if isinstance(nota, ObservacionSeguimiento) else nota
    return f"{datos['origen']} ({datos['autor']}, {datos['fecha']}): {datos['texto']}"


@dataclass(frozen=True)
class Cumplimiento:
    """The official figure of a set of activities: cumplidas ÷ programadas."""

    programadas: int
    cumplidas: int

    @property
    def porcentaje(self) -> Decimal | None:
        """One decimal; None when nothing was programada (the ratio does not exist)."""
        if self.programadas == 0:
            return None
        return (Decimal(100 * self.cumplidas) / self.programadas).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def cumplimiento(filas: Iterable[FilaInforme]) -> Cumplimiento:
    filas = list(filas)
    return Cumplimiento(
        programadas=sum(f.programadas for f in filas), cumplidas=sum(f.cumplidas for f in filas)
    )


# A large report's PDF is rendered this many table rows at a time (nucleo.documentos.
# pdf_por_secciones): WeasyPrint holds about 0.5 MB per row while it lays a section out,
# so a section stays near 100 MB whatever the plan's size.
RENGLONES_POR_SECCION = 200

# «Página X de Y» of a report in sections: the @page rule of plan/informes/base.html.
NUMERACION = documentos.Numeracion(
    tamano="letter landscape",
    margen="1.6cm 1.2cm 1.6cm 1.2cm",
    caja="bottom-right",
    estilo='font: 7.5pt "DejaVu Sans", sans-serif; color: #4a5259;',
)


def pdf_por_secciones(
    informe: "InformeSeguimiento",
    *,
    plantilla: str,
    base_url: str,
    por_seccion: int | None = None,
) -> bytes:
    """The PDF of a follow-up (or an office's report) rendered in sections of
    `por_seccion` rows (RENGLONES_POR_SECCION): the same pages as one pass, in bounded
    memory."""
    return documentos.contenido_por_secciones(
        plantilla=plantilla,
        contexto={"informe": informe, "plan": informe.plan},
        renglones=informe.renglones,
        por_seccion=por_seccion or RENGLONES_POR_SECCION,
        base_url=base_url,
        numeracion=NUMERACION,
    )


def _documento(
    informe: "InformeSeguimiento", *, formato: str, plantilla: str, base_url: str, hojas
) -> bytes:
    if formato == documentos.Formato.PDF:
        return pdf_por_secciones(informe, plantilla=plantilla, base_url=base_url)
    return documentos.contenido(
        formato=formato,
        plantilla=plantilla,
        contexto={"informe": informe, "plan": informe.plan},
        hojas=hojas,
        base_url=base_url,
    )


def documento_seguimiento(
    *, formato: str, base_url: str, plan_id: int, corte: int, hoy: str
) -> bytes:
    """The follow-up of a corte as bytes: what a background task stores
    (nucleo/generados.py) when the plan is too large to render inside a request. The
    PDF is rendered in sections, one after the other in this task (bounded memory)."""
    plan = Plan.objects.get(pk=plan_id)
    informe = informe_seguimiento(plan=plan, corte=plan.corte(corte), hoy=date.fromisoformat(hoy))
    return _documento(
        informe,
        formato=formato,
        plantilla="plan/informes/seguimiento.html",
        base_url=base_url,
        hojas=lambda: hojas_seguimiento(informe),
    )


def documento_oficina(
    *, formato: str, base_url: str, plan_id: int, corte: int, oficina_id: int, hoy: str
) -> bytes:
    """An office's report of a corte as bytes (built in the background, like the above)."""
    plan = Plan.objects.get(pk=plan_id)
    informe = informe_oficina(
        plan=plan,
        responsable=Responsable.objects.get(pk=oficina_id),
        corte=plan.corte(corte),
        hoy=date.fromisoformat(hoy),
    )
    return _documento(
        informe,
        formato=formato,
        plantilla="plan/informes/oficina.html",
        base_url=base_url,
        hojas=lambda: hojas_oficina(informe),
    )


def _palabra_del_corte(etiqueta: str) -> str:
    """«cuatrimestre» or «corte», for file names."""
    return "cuatrimestre" if etiqueta.endswith("cuatrimestre") else "corte"


def definicion_cumplimiento(corte: Corte) -> str:
    """The one sentence the report prints so its reader knows what the figure counts."""
    return (
        "Avance oficial = actividades cumplidas ÷ actividades programadas: programadas son "
        f"las actividades con una fecha programada que termina a más tardar el {corte.fin:%d/%m/%Y}, "
        "y cumplidas, las programadas que al corte alcanzan el 100 % de su meta."
    )


@dataclass(frozen=True)
class GrupoInforme:
    avance: selectors.AvanceSubcomponente
    filas: list[FilaInforme]

    @property
    def subcomponente(self) -> Subcomponente:
        return self.avance.subcomponente

    @property
    def cumplimiento(self) -> Cumplimiento:
        return cumplimiento(self.filas)


@dataclass(frozen=True)
class Renglon:
    """A row of the follow-up's table: an activity, or (fila None) its subcomponente's
    total after the subcomponente's last activity. `indice` is its place in the table
    (nucleo.documentos.ATRIBUTO_RENGLON, for a document in sections)."""

    indice: int
    grupo: GrupoInforme
    fila: FilaInforme | None
    primera: bool = False  # the subcomponente's first activity (it prints its name)


@dataclass(frozen=True)
class InformeSeguimiento:
    """The four-monthly follow-up of a plan, or of one office's activities."""

    plan: Plan
    corte: Corte
    fecha: date  # the date the figures are «as of»
    publicado_el: date
    componente: str
    responsable: Responsable | None
    filas: list[FilaInforme]
    resumen: selectors.Tablero

    @property
    def titulo(self) -> str:
        corte = self.corte.etiqueta
        if self.responsable is None:
            return f"Seguimiento Oficina de Control Interno – {corte}"
        return f"Informe de {self.responsable.nombre} – {corte}"

    @property
    def periodo(self) -> str:
        return self.corte.periodo

    @property
    def grupos(self) -> list[GrupoInforme]:
        por_sub: dict[int, list[FilaInforme]] = {}
        for fila in self.filas:
            por_sub.setdefault(fila.actividad.subcomponente_id, []).append(fila)
        return [
            GrupoInforme(avance=avance, filas=por_sub[avance.subcomponente.pk])
            for avance in self.resumen.por_subcomponente
        ]

    @property
    def renglones(self) -> list[Renglon]:
        """The table's rows in order: each subcomponente's activities, then its total."""
        renglones: list[Renglon] = []
        for grupo in self.grupos:
            for posicion, fila in enumerate(grupo.filas):
                renglones.append(
                    Renglon(indice=len(renglones), grupo=grupo, fila=fila, primera=posicion == 0)
                )
            renglones.append(Renglon(indice=len(renglones), grupo=grupo, fila=None))
        return renglones

    @property
    def avance_componente(self) -> Decimal:
        """The mean of the activities' percentages (the second, labelled figure)."""
        return self.resumen.avance_componente

    @property
    def cumplimiento(self) -> Cumplimiento:
        """The official figure of the componente (or of the office's activities)."""
        return cumplimiento(self.filas)

    @property
    def definicion(self) -> str:
        return definicion_cumplimiento(self.corte)

    @property
    def conteos(self) -> list[tuple[str, str, int]]:
        return self.resumen.conteos_etiquetados

    @property
    def etiqueta_total(self) -> str:
        """What the overall mean covers: the componente, or the office's activities."""
        if self.responsable is None:
            return f"Componente: {self.componente}"
        return f"Todas las actividades de {self.responsable.nombre_corto}"

    @property
    def grafico(self) -> SafeString:
        """Inline SVG bar chart of the official figure (0 where nothing is programada)."""
        datos = [
            (f"Subcomponente {g.subcomponente.numero}", g.cumplimiento.porcentaje or Decimal(0))
            for g in self.grupos
        ]
        total = self.cumplimiento.porcentaje or Decimal(0)
        return documentos.grafico_barras(
            [*datos, ("Componente" if self.responsable is None else "Oficina", total)],
            titulo=f"Actividades cumplidas ÷ programadas por subcomponente al {self.fecha:%d/%m/%Y}",
        )

    @property
    def evidencias(self) -> list[tuple[FilaInforme, Evidencia]]:
        return [(fila, evidencia) for fila in self.filas for evidencia in fila.evidencias]

    @property
    def nombre(self) -> str:
        """The download's file name, without its extension (.pdf, .xlsx)."""
        quien = "seguimiento-rdc" if self.responsable is None else f"rdc-{self.responsable.slug}"
        return f"{quien}-{self.plan.vigencia}-{_palabra_del_corte(self.corte.etiqueta)}-{self.corte.numero}"


def _con_soportes(actividades: QuerySet[Actividad], *, fecha: date, corte: Corte):
    avances = Avance.objects.filter(fecha__lte=fecha, estado=Avance.Estado.APROBADO).order_by(
        "fecha", "creado_en", "pk"
    )
    evidencias = (
        Evidencia.objects.filter(subida_en__date__lte=fecha)
        .exclude(estado=Evidencia.Estado.DEVUELTA)
        .order_by("subida_en", "pk")
    )
    observaciones = (
        ObservacionSeguimiento.objects.filter(corte=corte.numero)
        .select_related("actualizada_por")
        .order_by("origen")
    )
    return actividades.prefetch_related(
        Prefetch("avances", queryset=avances, to_attr="avances_al_corte"),
        Prefetch("evidencias", queryset=evidencias, to_attr="evidencias_al_corte"),
        Prefetch("observaciones", queryset=observaciones, to_attr="observaciones_del_corte"),
    )


def _informe(
    *, plan: Plan, corte: Corte, hoy: date, responsable: Responsable | None
) -> InformeSeguimiento:
    if corte.vigencia != plan.vigencia:
        raise ValueError(f"El corte {corte.nombre} no es de la vigencia {plan.vigencia}.")
    fecha = reglas.fecha_de_referencia(hoy=hoy, corte=corte)
    actividades = selectors.actividades_con_detalle(plan=plan)
    if responsable is not None:
        actividades = actividades.filter(asignaciones__responsable=responsable)
    filas = selectors.seguimiento(
        actividades=_con_soportes(actividades, fecha=fecha, corte=corte), fecha=fecha
    )
    return InformeSeguimiento(
        plan=plan,
        corte=corte,
        fecha=fecha,
        publicado_el=hoy,
        componente=_componente(plan),
        responsable=responsable,
        filas=[
            FilaInforme(
                seguimiento=fila,
                avances=fila.actividad.avances_al_corte,
                evidencias=fila.actividad.evidencias_al_corte,
                notas=list(fila.actividad.observaciones_del_corte),
                programada=any(v.fin <= corte.fin for v in fila.ventanas),
            )
            for fila in filas
        ],
        resumen=selectors.resumen(plan=plan, filas=filas, fecha=fecha, corte=corte),
    )


def informe_seguimiento(*, plan: Plan, corte: Corte, hoy: date) -> InformeSeguimiento:
    """The PAAC follow-up of the whole plan at a corte of its vigencia (the dashboard's figures)."""
    return _informe(plan=plan, corte=corte, hoy=hoy, responsable=None)


def informe_oficina(
    *, plan: Plan, responsable: Responsable, corte: Corte, hoy: date
) -> InformeSeguimiento:
    """The same follow-up restricted to the activities where `responsable` is responsible."""
    return _informe(plan=plan, corte=corte, hoy=hoy, responsable=responsable)


# --- Spreadsheets (declarative, written by nucleo.documentos.xlsx_desde_hojas) -------------


def _hoja_datos(titulo: str, datos: list[tuple[str, object]]) -> Hoja:
    return Hoja(
        titulo=titulo,
        columnas=[Columna("Dato", 26), Columna("Valor", 90)],
        filas=datos,
    )


def hojas_plan(informe: InformePlan) -> list[Hoja]:
    """One row per date window (as in the seed document), every column repeated."""
    plan = informe.plan
    # The componente's column only when there are several (the one of an Estrategia de
    # Rendición de Cuentas is in «Datos del plan»).
    varios = informe.varios_componentes
    filas = [
        (
            *([subcomponente.componente.nombre] if varios else []),
            str(subcomponente),
            actividad.codigo_mostrado,
            actividad.descripcion,
            actividad.producto,
            actividad.meta_mostrada,
            "\n".join(r.nombre for r in _responsables(actividad)),
            ventana.inicio,
            ventana.fin,
        )
        for subcomponente, actividades in informe.grupos
        for actividad in actividades
        for ventana in actividad.ventanas.all()
    ]
    return [
        Hoja(
            titulo="Plan",
            columnas=[
                *([Columna("Componente", 30)] if varios else []),
                Columna("Subcomponente / Proceso", 30),
                Columna("Código", 8),
                Columna("Actividades", 55),
                Columna("Producto", 40),
                Columna("Meta", 30),
                Columna("Responsable", 32),
                Columna("Fecha inicio", 12, Tipo.FECHA),
                Columna("Fecha final", 12, Tipo.FECHA),
            ],
            filas=filas,
        ),
        _hoja_datos(
            "Datos del plan",
            [
                ("Entidad", plan.entidad.nombre),
                ("Dependencia", plan.dependencia),
                ("Plan", plan.titulo),
                ("Vigencia", Celda(plan.vigencia, Tipo.NUMERO)),
                ("Componente", informe.componente),
                ("Introducción", plan.introduccion),
            ],
        ),
    ]


def _texto_realizadas(fila: FilaInforme) -> str:
    lineas = [f"{a.fecha:%d/%m/%Y}: {a.narrativa}" for a in fila.avances]
    if fila.evidencias:
        lineas.append("Evidencias:")
        lineas += [f"- {_texto_evidencia(e)}" for e in fila.evidencias]
    return "\n".join(lineas)


def _texto_evidencia(evidencia: Evidencia) -> str:
    soporte = evidencia.enlace or evidencia.nombre_original
    return f"{evidencia.descripcion} ({soporte}) – {evidencia.get_estado_display()}"


def _inicio(fila: FilaInforme) -> date | None:
    return min((v.inicio for v in fila.ventanas), default=None)


def _fin(fila: FilaInforme) -> date | None:
    return max((v.fin for v in fila.ventanas), default=None)


PROMEDIO = "Promedio del avance de las actividades"


def _fila_total(
    nombre: str, cifra: Cumplimiento, actividades: int, promedio: Decimal
) -> tuple[object, ...]:
    return (nombre, cifra.programadas, cifra.cumplidas, cifra.porcentaje, actividades, promedio)


_COLUMNAS_TOTALES = [
    Columna("Subcomponente", 60),
    Columna("Actividades programadas", 14, Tipo.NUMERO),
    Columna("Actividades cumplidas", 14, Tipo.NUMERO),
    Columna("Cumplidas ÷ programadas", 14, Tipo.PORCENTAJE),
    Columna("Actividades", 12, Tipo.NUMERO),
    Columna(PROMEDIO, 16, Tipo.PORCENTAJE),
]

_COLUMNAS_SEGUIMIENTO = [
    Columna("Código", 8),
    Columna("Subcomponente", 28),
    Columna("Actividad", 50),
    Columna("Actividades realizadas", 60),
    Columna("Meta / Producto", 40),
    Columna("Responsable", 30),
    Columna("Fecha programada (inicio)", 12, Tipo.FECHA),
    Columna("Fecha programada (final)", 12, Tipo.FECHA),
    Columna("Fechas programadas", 24),
    Columna("Logrado", 10, Tipo.NUMERO),
    Columna("Actividades programadas", 12, Tipo.NUMERO),
    Columna("Actividades cumplidas", 12, Tipo.NUMERO),
    Columna("% de avance", 10, Tipo.PORCENTAJE),
    Columna("Estado", 16),
    Columna("Observaciones", 40),
]


def _hojas_totales(informe: InformeSeguimiento) -> list[Hoja]:
    return [
        Hoja(
            titulo="Por subcomponente",
            columnas=_COLUMNAS_TOTALES,
            filas=[
                _fila_total(str(g.subcomponente), g.cumplimiento, len(g.filas), g.avance.porcentaje)
                for g in informe.grupos
            ],
            totales=[
                _fila_total(
                    informe.etiqueta_total,
                    informe.cumplimiento,
                    len(informe.filas),
                    informe.avance_componente,
                )
            ],
        ),
        Hoja(
            titulo="Por estado",
            columnas=[Columna("Estado", 30), Columna("Actividades", 12, Tipo.NUMERO)],
            filas=[(etiqueta, cantidad) for _, etiqueta, cantidad in informe.conteos],
            totales=[("Total", len(informe.filas))],
        ),
        _hoja_datos(
            "Datos del informe",
            [
                ("Informe", informe.titulo),
                ("Entidad", informe.plan.entidad.nombre),
                ("Instrumento", informe.plan.get_instrumento_display()),
                ("Vigencia", Celda(informe.plan.vigencia, Tipo.NUMERO)),
                ("Periodo", informe.periodo),
                ("Cifras al", Celda(informe.fecha, Tipo.FECHA)),
                ("Fecha de publicación", Celda(informe.publicado_el, Tipo.FECHA)),
                ("Componente", informe.componente),
                ("Oficina", informe.responsable.nombre if informe.responsable else "Todas"),
                ("Avance oficial", informe.definicion),
            ],
        ),
    ]


def hojas_seguimiento(informe: InformeSeguimiento) -> list[Hoja]:
    """The follow-up: one row per activity, then totals by subcomponente and by status."""
    filas = [
        (
            fila.actividad.codigo_mostrado,
            str(fila.actividad.subcomponente),
            fila.actividad.descripcion,
            _texto_realizadas(fila),
            f"Meta: {fila.actividad.meta_mostrada}\nProducto: {fila.actividad.producto}",
            "\n".join(r.nombre for r in fila.responsables),
            _inicio(fila),
            _fin(fila),
            _fechas(fila.ventanas),
            fila.seguimiento.cantidad,
            fila.programadas,
            fila.cumplidas,
            fila.porcentaje,
            fila.estado.label,
            fila.observaciones,
        )
        for fila in informe.filas
    ]
    principal = Hoja(
        titulo="Seguimiento" if informe.responsable is None else "Actividades",
        columnas=_COLUMNAS_SEGUIMIENTO,
        filas=filas,
    )
    return [principal, *_hojas_totales(informe)]


def hojas_oficina(informe: InformeSeguimiento) -> list[Hoja]:
    """The office report: its activities, then one row per evidence, then totals."""
    [actividades, *totales] = hojas_seguimiento(informe)
    evidencias = Hoja(
        titulo="Evidencias",
        columnas=[
            Columna("Código", 8),
            Columna("Descripción", 50),
            Columna("Archivo o enlace", 45),
            Columna("Estado", 12),
            Columna("Subida el", 12, Tipo.FECHA),
        ],
        filas=[
            (
                fila.actividad.codigo,
                evidencia.descripcion,
                evidencia.enlace or evidencia.nombre_original,
                evidencia.get_estado_display(),
                evidencia.subida_en,
            )
            for fila, evidencia in informe.evidencias
        ],
    )
    return [actividades, evidencias, *totales]


# --- A closed corte: the snapshot and the reports read from it ------------------------------
#
# When Control Interno closes a corte (plan/servicios_cortes.py) everything the follow-up
# prints is written to CortePlan.instantanea as JSON (texts, numbers as strings, dates in
# ISO); from then on the PDF and the XLSX of that corte are built from it, never from the
# live data, so a later report or observation cannot change what was closed and published.


def _cifra(valor: Decimal | None) -> str | None:
    return None if valor is None else str(valor)


def _decimal(valor: str | None) -> Decimal | None:
    return None if valor is None else Decimal(valor)


def _cifras(total: dict) -> dict:
    return {
        **total,
        "porcentaje": _decimal(total["porcentaje"]),
        "promedio": _decimal(total["promedio"]),
    }


def _fila_instantanea(fila: FilaInforme) -> dict[str, object]:
    actividad = fila.actividad
    return {
        "codigo": actividad.codigo,
        "subcomponente": str(actividad.subcomponente),
        "actividad": actividad.descripcion,
        "avances": [[a.fecha.isoformat(), a.narrativa] for a in fila.avances],
        "evidencias": [_texto_evidencia(e) for e in fila.evidencias],
        "realizadas": _texto_realizadas(fila),
        "meta": actividad.meta_mostrada,
        "producto": actividad.producto,
        "responsables": [r.nombre for r in fila.responsables],
        "ventanas": [[v.inicio.isoformat(), v.fin.isoformat()] for v in fila.ventanas],
        "logrado": _cifra(fila.seguimiento.cantidad),
        "programadas": fila.programadas,
        "cumplidas": fila.cumplidas,
        "porcentaje": _cifra(fila.porcentaje),
        "estado": fila.estado.label,
        "estado_valor": fila.estado.value,
        "observaciones": [_datos_nota(nota) for nota in fila.notas if nota.texto],
    }


def _total_instantanea(nombre: str, cifra: Cumplimiento, actividades: int, promedio: Decimal):
    return {
        "nombre": nombre,
        "programadas": cifra.programadas,
        "cumplidas": cifra.cumplidas,
        "porcentaje": _cifra(cifra.porcentaje),
        "actividades": actividades,
        "promedio": _cifra(promedio),
    }


def instantanea(informe: InformeSeguimiento, *, generado_en) -> dict[str, object]:
    """Everything the follow-up of `informe` prints, as JSON (CortePlan.instantanea)."""
    plan = informe.plan
    return {
        "version": 2,
        "generado_en": timezone.localtime(generado_en).isoformat(),
        "titulo": informe.titulo,
        "entidad": plan.entidad.nombre,
        "dependencia": plan.dependencia,
        "vigencia": plan.vigencia,
        "corte": informe.corte.numero,
        "romano": informe.corte.romano,
        "etiqueta": informe.corte.etiqueta,
        "instrumento": plan.get_instrumento_display(),
        "periodo": informe.periodo,
        "componente": informe.componente,
        "fecha": informe.fecha.isoformat(),
        "definicion": informe.definicion,
        "grupos": [
            {
                **_total_instantanea(
                    str(g.subcomponente), g.cumplimiento, len(g.filas), g.avance.porcentaje
                ),
                "numero": g.subcomponente.numero,
                "filas": [_fila_instantanea(fila) for fila in g.filas],
            }
            for g in informe.grupos
        ],
        "total": _total_instantanea(
            informe.etiqueta_total,
            informe.cumplimiento,
            len(informe.filas),
            informe.avance_componente,
        ),
        "conteos": [[etiqueta, cantidad] for _, etiqueta, cantidad in informe.conteos],
    }


@dataclass(frozen=True)
class SeguimientoCerrado:
    """The follow-up of a closed corte, read from its snapshot (what both renderings use)."""

    corte: CortePlan

    @property
    def datos(self) -> dict:
        return self.corte.instantanea or {}

    @property
    def etiqueta(self) -> str:
        """«II cuatrimestre» or «Corte II» (a version-1 snapshot had only the numeral)."""
        return self.datos.get("etiqueta") or f"{self.datos['romano']} cuatrimestre"

    @property
    def cerrado_el(self) -> date:
        return timezone.localtime(self.corte.cerrado_en).date()

    @property
    def cerrado_por(self) -> str:
        return autor(self.corte.cerrado_por)

    @property
    def leyenda_cierre(self) -> str:
        return f"Cerrado el {self.cerrado_el:%d/%m/%Y} por {self.cerrado_por}"

    @property
    def publicado_el(self) -> date:
        return timezone.localtime(self.corte.publicado_en or self.corte.cerrado_en).date()

    @property
    def fecha(self) -> date:
        return date.fromisoformat(self.datos["fecha"])

    @property
    def grupos(self) -> list[dict]:
        """The subcomponentes with their rows, dates and figures typed again (the
        templates format them as the live report does: dd/mm/aaaa, «32,7 %»)."""
        grupos = []
        for grupo in self.datos["grupos"]:
            filas = [
                {
                    **fila,
                    "logrado": _decimal(fila["logrado"]),
                    "porcentaje": _decimal(fila["porcentaje"]),
                    "avances": [(date.fromisoformat(f), texto) for f, texto in fila["avances"]],
                    "ventanas": [
                        (date.fromisoformat(i), date.fromisoformat(f)) for i, f in fila["ventanas"]
                    ],
                }
                for fila in grupo["filas"]
            ]
            grupos.append({**_cifras(grupo), "filas": filas})
        return grupos

    @property
    def total(self) -> dict:
        return _cifras(self.datos["total"])

    @property
    def filas(self) -> list[dict]:
        return [fila for grupo in self.grupos for fila in grupo["filas"]]

    @property
    def grafico(self) -> SafeString:
        datos = [
            (f"Subcomponente {g['numero']}", _decimal(g["porcentaje"]) or Decimal(0))
            for g in self.datos["grupos"]
        ]
        total = _decimal(self.datos["total"]["porcentaje"]) or Decimal(0)
        return documentos.grafico_barras(
            [*datos, ("Componente", total)],
            titulo=f"Actividades cumplidas ÷ programadas por subcomponente al {self.fecha:%d/%m/%Y}",
        )

    @property
    def nombre(self) -> str:
        palabra = _palabra_del_corte(self.etiqueta)
        return f"seguimiento-rdc-{self.datos['vigencia']}-{palabra}-{self.datos['corte']}"


def seguimiento_cerrado(*, plan: Plan, numero: int) -> SeguimientoCerrado | None:
    """The closed corte `numero` of `plan`, or None while it is open (or never closed)."""
    corte = (
        CortePlan.objects.filter(plan=plan, numero=numero, cerrado_en__isnull=False)
        .select_related("cerrado_por")
        .first()
    )
    return None if corte is None else SeguimientoCerrado(corte=corte)


def _fila_total_cerrado(total: dict) -> tuple[object, ...]:
    return (
        total["nombre"],
        total["programadas"],
        total["cumplidas"],
        _decimal(total["porcentaje"]),
        total["actividades"],
        _decimal(total["promedio"]),
    )


def hojas_seguimiento_cerrado(cerrado: SeguimientoCerrado) -> list[Hoja]:
    """The XLSX of a closed corte: the same sheets as `hojas_seguimiento`, from the snapshot."""
    datos = cerrado.datos
    principal = Hoja(
        titulo="Seguimiento",
        columnas=_COLUMNAS_SEGUIMIENTO,
        filas=[
            (
                fila["codigo"],
                fila["subcomponente"],
                fila["actividad"],
                fila["realizadas"],
                f"Meta: {fila['meta']}\nProducto: {fila['producto']}",
                "\n".join(fila["responsables"]),
                min((i for i, _ in fila["ventanas"]), default=None),
                max((f for _, f in fila["ventanas"]), default=None),
                "\n".join(f"{i:%d/%m/%Y} – {f:%d/%m/%Y}" for i, f in fila["ventanas"]),
                _decimal(fila["logrado"]),
                fila["programadas"],
                fila["cumplidas"],
                _decimal(fila["porcentaje"]),
                fila["estado"],
                "\n".join(_texto_nota(nota) for nota in fila["observaciones"]),
            )
            for fila in cerrado.filas
        ],
    )
    return [
        principal,
        Hoja(
            titulo="Por subcomponente",
            columnas=_COLUMNAS_TOTALES,
            filas=[_fila_total_cerrado(g) for g in datos["grupos"]],
            totales=[_fila_total_cerrado(datos["total"])],
        ),
        Hoja(
            titulo="Por estado",
            columnas=[Columna("Estado", 30), Columna("Actividades", 12, Tipo.NUMERO)],
            filas=[(etiqueta, cantidad) for etiqueta, cantidad in datos["conteos"]],
            totales=[("Total", datos["total"]["actividades"])],
        ),
        _hoja_datos(
            "Datos del informe",
            [
                ("Informe", datos["titulo"]),
                ("Entidad", datos["entidad"]),
                ("Instrumento", datos.get("instrumento", "")),
                ("Vigencia", Celda(datos["vigencia"], Tipo.NUMERO)),
                ("Periodo", datos["periodo"]),
                ("Cifras al", Celda(cerrado.fecha, Tipo.FECHA)),
                ("Fecha de publicación", Celda(cerrado.publicado_el, Tipo.FECHA)),
                ("Componente", datos["componente"]),
                ("Oficina", "Todas"),
                ("Avance oficial", datos["definicion"]),
                ("Cierre", cerrado.leyenda_cierre),
                ("Firma: nombre", cerrado.corte.firmado_nombre),
                ("Firma: cargo", cerrado.corte.firmado_cargo),
            ],
        ),
    ]
