"""Reads of resultados: the figures of a hearing's report and of a vigencia's report.

Each report is built once as data (`informe_audiencia`, `informe_estrategia`) and
rendered to PDF and XLSX from that same object (resultados/informes.py), in a fixed
number of queries whatever the number of questions, responses or spaces (pinned in
resultados/tests/test_consultas.py).

Nothing here loads a citizen's personal data nor a question's radicado or original
texts: the questions are counted from their dates only, and listed through
dialogos.selectors.preguntas_publicadas (the published texts and the public
number). Survey results come from encuestas.selectors without the free texts.

Definitions the reports state:
- a question is «respondida a tiempo» / «tarde» by dialogos.reglas.plazo (answered
  on or before its `vence_el`, or after it); «abierta» if not answered yet;
- an activity is «cumplida» when its status (plan.reglas.estado, as of 31 December
  of the vigencia, or today if earlier) is «Cumplida»: its approved (or automatic)
  progress reaches 100 % of its meta;
- satisfaction is the mean of every answer to the scale questions (1 to 5) of the
  surveys (encuestas.reglas.promedio over the pooled counts);
- a space is «realizado» (held) when it was closed with its record.
"""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from dialogos import reglas as reglas_dialogos
from dialogos import selectors as dialogos_selectors
from dialogos.models import Compromiso, EspacioDialogo, Pregunta, Territorio
from encuestas import reglas as reglas_encuestas
from encuestas import selectors as encuestas_selectors
from encuestas.models import Encuesta
from encuestas.selectors import Resultados
from plan import reglas as reglas_plan
from plan import selectors as plan_selectors
from plan.models import Plan, Responsable, Subcomponente

from .models import InformePublicado

TIPOS_AUDIENCIA = (
    EspacioDialogo.Tipo.AUDIENCIA_PUBLICA,
    EspacioDialogo.Tipo.AUDIENCIA_SECTORIAL,
)


def _inicio_del_dia(fecha: date) -> datetime:
    return timezone.make_aware(datetime.combine(fecha, time.min))


def es_audiencia(espacio: EspacioDialogo) -> bool:
    return espacio.tipo in TIPOS_AUDIENCIA


def audiencias() -> QuerySet[EspacioDialogo]:
    return EspacioDialogo.objects.filter(tipo__in=TIPOS_AUDIENCIA)


# --- Shared figures ------------------------------------------------------------------


@dataclass(frozen=True)
class ConteoPreguntas:
    a_tiempo: int
    tarde: int
    abiertas: int  # not answered yet (a petition waiting for the citizen included)
    trasladadas: int  # forwarded to the competent authority (Ley 1755, art. 21)
    desistidas: int  # closed because the citizen did not complete it (art. 17)

    @property
    def respondidas(self) -> int:
        return self.a_tiempo + self.tarde

    @property
    def recibidas(self) -> int:
        return self.respondidas + self.abiertas + self.trasladadas + self.desistidas


def conteo_preguntas(preguntas: QuerySet[Pregunta], *, hoy: date) -> ConteoPreguntas:
    """Answered on time / late, open, forwarded, abandoned, by dialogos.reglas.plazo.

    One query, reading only the state and two dates of each question (no text, no
    personal data).
    """
    conteo = dict.fromkeys(("a_tiempo", "tarde", "abiertas", "trasladadas", "desistidas"), 0)
    filas = preguntas.order_by().values_list("estado", "vence_el", "respondida_en")
    for estado, vence_el, respondida_en in filas:
        if estado == Pregunta.Estado.TRASLADADA:
            conteo["trasladadas"] += 1
        elif estado == Pregunta.Estado.DESISTIDA:
            conteo["desistidas"] += 1
        elif respondida_en is None:
            conteo["abiertas"] += 1
        else:
            plazo = reglas_dialogos.plazo(
                vence_el=vence_el, hoy=hoy, respondida_el=timezone.localtime(respondida_en).date()
            )
            a_tiempo = plazo.estado == reglas_dialogos.EstadoPlazo.RESPONDIDA_A_TIEMPO
            conteo["a_tiempo" if a_tiempo else "tarde"] += 1
    return ConteoPreguntas(**conteo)


def satisfaccion(resultados: Iterable[Resultados]) -> Decimal | None:
    """The mean (1–5) of every answer to a scale question of these results; None without any."""
    return reglas_encuestas.promedio(
        (conteo.opcion.valor, conteo.cantidad)
        for resultado in resultados
        for seccion in resultado.secciones
        for pregunta in seccion.preguntas
        if pregunta.pregunta.es_escala
        for conteo in pregunta.opciones
    )


@dataclass(frozen=True)
class Conteo:
    """A labelled count (a row «tipo → n», «estado → n»)."""

    etiqueta: str
    cantidad: int


# --- The hearing's report (MURC) -------------------------------------------------------


@dataclass(frozen=True)
class InformeAudiencia:
    espacio: EspacioDialogo
    oficinas: list[Responsable]
    preguntas: ConteoPreguntas
    publicadas: list[Pregunta]  # their public number and published texts only
    encuesta: Encuesta | None
    evaluacion: Resultados | None  # without free texts
    satisfaccion: Decimal | None
    compromisos: list[Compromiso]
    generado_el: date
    publicado: InformePublicado | None

    @property
    def titulo(self) -> str:
        return f"Informe de la audiencia: {self.espacio.titulo}"

    @property
    def nombre(self) -> str:
        """The downloaded file's name, without its extension."""
        return f"informe-audiencia-{self.espacio.pk}"

    @property
    def respuestas_evaluacion(self) -> int:
        return self.evaluacion.total if self.evaluacion else 0

    @property
    def compromisos_por_estado(self) -> list[Conteo]:
        return [
            Conteo(etiqueta, sum(1 for c in self.compromisos if c.estado == valor))
            for valor, etiqueta in Compromiso.Estado.choices
        ]


def informe_audiencia(*, espacio: EspacioDialogo, hoy: date | None = None) -> InformeAudiencia:
    """Every figure of a hearing's report. Twelve queries with its survey, whatever the
    number of questions and responses (six fewer without a survey)."""
    hoy = hoy or timezone.localdate()
    espacio = (
        EspacioDialogo.objects.select_related("territorio", "actividad__plan")
        .prefetch_related(Prefetch("oficinas", queryset=Responsable.objects.order_by("nombre")))
        .get(pk=espacio.pk)
    )
    encuestas = Encuesta.objects.filter(espacio=espacio)
    evaluacion = encuestas_selectors.resultados(encuestas=encuestas, con_textos=False)
    encuesta = evaluacion.encuestas[0] if evaluacion.encuestas else None
    compromisos = list(
        # Not the follow-up note: it is internal (dialogos' staff pages only).
        Compromiso.objects.filter(espacio=espacio)
        .select_related("responsable")
        .only(
            "descripcion",
            "fecha_limite",
            "estado",
            "espacio_id",
            "responsable__nombre",
            "responsable__sigla",
        )
        .order_by("fecha_limite", "pk")
    )
    return InformeAudiencia(
        espacio=espacio,
        oficinas=list(espacio.oficinas.all()),
        preguntas=conteo_preguntas(Pregunta.objects.filter(espacio=espacio), hoy=hoy),
        publicadas=list(
            dialogos_selectors.preguntas_publicadas(espacio=espacio).order_by("recibida_el", "pk")
        ),
        encuesta=encuesta,
        evaluacion=evaluacion if encuesta else None,
        satisfaccion=satisfaccion([evaluacion]) if encuesta else None,
        compromisos=compromisos,
        generado_el=hoy,
        publicado=InformePublicado.objects.filter(
            tipo=InformePublicado.Tipo.AUDIENCIA, espacio=espacio
        ).first(),
    )


# --- The vigencia's report -------------------------------------------------------------


@dataclass(frozen=True)
class MetaSubcomponente:
    subcomponente: Subcomponente
    programadas: int
    cumplidas: int

    @property
    def porcentaje(self) -> Decimal:
        return reglas_encuestas.porcentaje(self.cumplidas, self.programadas)


@dataclass(frozen=True)
class FilaAudiencia:
    espacio: EspacioDialogo
    respuestas: int
    satisfaccion: Decimal | None


@dataclass(frozen=True)
class InformeEstrategia:
    plan: Plan
    fecha: date  # the follow-up's «as of» date
    metas: list[MetaSubcomponente]
    por_tipo: list[Conteo]
    por_territorio: list[tuple[Territorio, int]]
    audiencias: list[FilaAudiencia]
    preguntas: ConteoPreguntas
    encuestas: int
    respuestas_encuestas: int
    satisfaccion: Decimal | None
    compromisos: list[Conteo]
    generado_el: date
    publicado: InformePublicado | None
    definiciones: list[str] = field(default_factory=list)

    @property
    def vigencia(self) -> int:
        return self.plan.vigencia

    @property
    def titulo(self) -> str:
        return f"Informe de resultados de la estrategia de rendición de cuentas {self.vigencia}"

    @property
    def nombre(self) -> str:
        return f"informe-resultados-{self.vigencia}"

    @property
    def programadas(self) -> int:
        return sum(m.programadas for m in self.metas)

    @property
    def cumplidas(self) -> int:
        return sum(m.cumplidas for m in self.metas)

    @property
    def porcentaje_cumplidas(self) -> Decimal:
        return reglas_encuestas.porcentaje(self.cumplidas, self.programadas)

    @property
    def espacios_realizados(self) -> int:
        return sum(c.cantidad for c in self.por_tipo)

    @property
    def comunas(self) -> list[tuple[Territorio, int]]:
        return [f for f in self.por_territorio if f[0].tipo == Territorio.Tipo.COMUNA]

    @property
    def corregimientos(self) -> list[tuple[Territorio, int]]:
        return [f for f in self.por_territorio if f[0].tipo == Territorio.Tipo.CORREGIMIENTO]

    @property
    def filas_territorios(self) -> list[tuple[tuple[Territorio, int] | None, ...]]:
        """Comunas beside corregimientos, one pair per row (a table of two columns)."""
        return list(itertools.zip_longest(self.comunas, self.corregimientos))

    @property
    def total_compromisos(self) -> int:
        return sum(c.cantidad for c in self.compromisos)


DEFINICIONES = [
    "Actividad cumplida: su estado en el seguimiento es «Cumplida», es decir, su avance "
    "aprobado (o automático) alcanza el 100 % de la meta a la fecha de corte del informe.",
    "Espacio realizado: espacio de diálogo o audiencia cerrado con su acta en la vigencia.",
    "Pregunta respondida a tiempo: respondida hasta su fecha de vencimiento (15 días "
    "hábiles); tarde: después; abierta: sin respuesta todavía.",
    "Satisfacción: promedio de todas las respuestas a las preguntas de escala (1 a 5) "
    "de las encuestas.",
]


def espacios_del_informe(plan: Plan) -> QuerySet[EspacioDialogo]:
    """The spaces a vigencia's report may count: the public ones (dialogos' one rule) and
    those of this plan (so a draft of a plan not yet published counts its own spaces;
    its public download is a 404 until the plan is published)."""
    return EspacioDialogo.objects.filter(
        plan_selectors.q_actividad_publica(opcional=True) | Q(actividad__plan=plan)
    )


def informe_estrategia(*, plan: Plan, hoy: date | None = None) -> InformeEstrategia:
    """Every figure of the vigencia's report, in a fixed number of queries (14 with
    surveys, plus one per automatic progress source in use: plan.selectors.seguimiento)."""
    hoy = hoy or timezone.localdate()
    vigencia = plan.vigencia
    fecha = min(hoy, date(vigencia, 12, 31))
    desde, hasta = _inicio_del_dia(date(vigencia, 1, 1)), _inicio_del_dia(date(vigencia + 1, 1, 1))

    filas = plan_selectors.seguimiento(
        actividades=plan_selectors.actividades_con_detalle(plan=plan), fecha=fecha
    )
    grupos: dict[int, list] = {}
    for fila in filas:
        grupos.setdefault(fila.actividad.subcomponente_id, []).append(fila)
    metas = [
        MetaSubcomponente(
            subcomponente=grupo[0].actividad.subcomponente,
            programadas=len(grupo),
            cumplidas=sum(1 for f in grupo if f.estado == reglas_plan.Estado.CUMPLIDA),
        )
        for grupo in sorted(
            grupos.values(), key=lambda g: g[0].actividad.subcomponente.clave_de_orden
        )
    ]

    visibles = espacios_del_informe(plan)
    del_anio = visibles.filter(inicio__gte=desde, inicio__lt=hasta)
    realizados = list(
        del_anio.filter(estado=EspacioDialogo.Estado.REALIZADO)
        .select_related("territorio")
        .order_by("inicio", "pk")
    )
    por_tipo = [
        Conteo(etiqueta, sum(1 for e in realizados if e.tipo == valor))
        for valor, etiqueta in EspacioDialogo.Tipo.choices
    ]
    por_territorio_id: dict[int, int] = {}
    for espacio in realizados:
        if espacio.territorio_id:
            por_territorio_id[espacio.territorio_id] = (
                por_territorio_id.get(espacio.territorio_id, 0) + 1
            )
    territorios = [
        (t, por_territorio_id.get(t.pk, 0)) for t in Territorio.objects.order_by("orden")
    ]
    lista_audiencias = [e for e in realizados if es_audiencia(e)]

    encuestas = Encuesta.objects.filter(
        Q(espacio__isnull=True) | Q(espacio__in=visibles.values("pk")),
        Q(abre_en__gte=desde, abre_en__lt=hasta) | Q(espacio__in=[e.pk for e in lista_audiencias]),
    )
    por_encuesta = encuestas_selectors.resultados_por_encuesta(encuestas)
    por_espacio = {r.encuestas[0].espacio_id: r for r in por_encuesta if r.encuestas[0].espacio_id}
    del_anio_encuestas = [r for r in por_encuesta if desde <= r.encuestas[0].abre_en < hasta]

    preguntas = Pregunta.objects.filter(
        Q(espacio__isnull=True) | Q(espacio__in=visibles.values("pk")),
        recibida_el__gte=date(vigencia, 1, 1),
        recibida_el__lte=date(vigencia, 12, 31),
    )
    estados_compromisos = dict(
        Compromiso.objects.filter(espacio__in=del_anio.values("pk"))
        .order_by()
        .values("estado")
        .annotate(n=Count("pk"))
        .values_list("estado", "n")
    )
    return InformeEstrategia(
        plan=plan,
        fecha=fecha,
        metas=metas,
        por_tipo=por_tipo,
        por_territorio=territorios,
        audiencias=[
            FilaAudiencia(
                espacio=e,
                respuestas=por_espacio[e.pk].total if e.pk in por_espacio else 0,
                satisfaccion=satisfaccion([por_espacio[e.pk]]) if e.pk in por_espacio else None,
            )
            for e in lista_audiencias
        ],
        preguntas=conteo_preguntas(preguntas, hoy=hoy),
        encuestas=len(del_anio_encuestas),
        respuestas_encuestas=sum(r.total for r in del_anio_encuestas),
        satisfaccion=satisfaccion(del_anio_encuestas),
        compromisos=[
            Conteo(etiqueta, estados_compromisos.get(valor, 0))
            for valor, etiqueta in Compromiso.Estado.choices
        ],
        generado_el=hoy,
        publicado=InformePublicado.objects.filter(
            tipo=InformePublicado.Tipo.ESTRATEGIA, plan=plan
        ).first(),
        definiciones=DEFINICIONES,
    )


# --- What is public ----------------------------------------------------------------------


def informes_publicos() -> QuerySet[InformePublicado]:
    """The published reports citizens may download: of a public hearing, or of a published
    plan (a plan withdrawn after publication takes its report along)."""
    return (
        InformePublicado.objects.filter(
            Q(
                tipo=InformePublicado.Tipo.AUDIENCIA,
                espacio__in=dialogos_selectors.espacios_publicos().values("pk"),
            )
            | Q(
                tipo=InformePublicado.Tipo.ESTRATEGIA,
                plan__in=plan_selectors.planes_publicados().order_by().values("pk"),
            )
        )
        .select_related("espacio", "plan")
        .order_by("-publicado_en", "-pk")
    )


def informe_publico_de_audiencia(*, pk: int) -> InformePublicado | None:
    """The published report of hearing `pk`, if citizens may download it (one query)."""
    return informes_publicos().filter(tipo=InformePublicado.Tipo.AUDIENCIA, espacio_id=pk).first()


def informe_publico_de_plan(*, slug: str) -> InformePublicado | None:
    """The published results report of the plan of that slug, if it is public (one query)."""
    return (
        informes_publicos().filter(tipo=InformePublicado.Tipo.ESTRATEGIA, plan__slug=slug).first()
    )


# --- The staff page ------------------------------------------------------------------------


@dataclass(frozen=True)
class PaginaGestion:
    audiencias: list[EspacioDialogo]  # with `informe_publicado` (bool)
    planes: list[Plan]  # with `informe_publicado` (bool)


def pagina_de_gestion() -> PaginaGestion:
    """The realised hearings and every plan, each with whether its report is published.
    Two queries."""
    return PaginaGestion(
        audiencias=list(
            audiencias()
            .filter(estado=EspacioDialogo.Estado.REALIZADO)
            .select_related("territorio")
            .annotate(
                informe_publicado=Exists(
                    InformePublicado.objects.filter(
                        tipo=InformePublicado.Tipo.AUDIENCIA, espacio=OuterRef("pk")
                    )
                )
            )
            .order_by("-inicio", "-pk")
        ),
        planes=list(
            Plan.objects.annotate(
                informe_publicado=Exists(
                    InformePublicado.objects.filter(
                        tipo=InformePublicado.Tipo.ESTRATEGIA, plan=OuterRef("pk")
                    )
                )
            ).order_by("-vigencia", "pk")
        ),
    )
