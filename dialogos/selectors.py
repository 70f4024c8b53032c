"""Reads of dialogos, with their query tuning.

Every list runs a fixed number of queries whatever the number of records
(tested in dialogos/tests/test_consultas.py). Public reads never load the
citizens' personal data (name, e-mail, phone): they defer those columns.

What an anonymous visitor may see is decided here, once per model, and every
public page, feed, dataset and download of dialogos (and the encuestas app)
starts from these selectors:

- `espacios_publicos()`: spaces not linked to an activity of an unpublished plan;
- `preguntas_publicas()`: questions OPGI published whose space (if any) is public;
- `informes_publicos()`: answer reports already published whose space (if any)
  is public.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page
from django.db.models import (
    Count,
    DateTimeField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from nucleo import fechas, historial, paginacion
from nucleo.roles import Usuario
from plan import selectors as plan_selectors
from plan.models import Plan, Responsable

from . import permisos, reglas
from .models import (
    AdjuntoEspacio,
    Compromiso,
    EspacioDialogo,
    EventoPlazo,
    InformeRespuestas,
    Pregunta,
    Territorio,
)
from .permisos import Accion

DATOS_PERSONALES = ("nombre", "correo", "telefono")


def _inicio_del_dia(fecha: date) -> datetime:
    return timezone.make_aware(datetime.combine(fecha, time.min))


def _oficinas_ordenadas() -> Prefetch:
    return Prefetch("oficinas", queryset=Responsable.objects.order_by("nombre"))


def _con_detalle(queryset: QuerySet[EspacioDialogo]) -> QuerySet[EspacioDialogo]:
    return queryset.select_related("territorio", "actividad").prefetch_related(
        _oficinas_ordenadas()
    )


def espacios_publicos() -> QuerySet[EspacioDialogo]:
    """Spaces citizens may see: not linked to an activity of an unpublished plan.

    The one rule for «public space»; the encuestas app uses it too.
    """
    return EspacioDialogo.objects.filter(plan_selectors.q_actividad_publica(opcional=True))


def es_espacio_publico(espacio: EspacioDialogo | None) -> bool:
    return espacio is not None and espacios_publicos().filter(pk=espacio.pk).exists()


def preguntas_publicas() -> QuerySet[Pregunta]:
    """Questions citizens may see: published by OPGI, and of a public space if of any."""
    return Pregunta.objects.filter(
        plan_selectors.q_actividad_publica("espacio__actividad", opcional=True),
        estado=Pregunta.Estado.PUBLICADA,
    )


def version_de_informe_publico(registro: InformeRespuestas) -> str:
    """The version of a published answers report's data, in one query: the latest
    change of any question, space or plan (the report's counts, texts and letterhead),
    the record's own fields and the day (the report says when it was generated).
    Its PDF is rendered once per version (nucleo.cache_publico)."""
    # Coalesced: SQLite's GREATEST is NULL as soon as one table has no history yet.
    nunca = Value(datetime(1900, 1, 1, tzinfo=UTC))
    ultimos = [
        Coalesce(
            Subquery(modelo.history.order_by("-history_date").values("history_date")[:1]),
            nunca,
            output_field=DateTimeField(),
        )
        for modelo in (EspacioDialogo, Plan)
    ]
    ultimo = Pregunta.history.aggregate(
        ultimo=Greatest(
            Coalesce(Max("history_date"), nunca, output_field=DateTimeField()), *ultimos
        )
    )["ultimo"]
    partes = (registro.pk, registro.titulo, registro.desde, registro.hasta, registro.publicado_el)
    return f"{partes}|{ultimo}|{timezone.localdate()}"


def informes_publicos(*, hoy: date | None = None) -> QuerySet[InformeRespuestas]:
    """Answer reports citizens may download: published (not in the future), of a public space."""
    hoy = hoy or timezone.localdate()
    return InformeRespuestas.objects.filter(
        plan_selectors.q_actividad_publica("espacio__actividad", opcional=True),
        publicado_el__lte=hoy,
    )


def _filtrar_espacios(
    queryset: QuerySet[EspacioDialogo],
    *,
    tipo: str = "",
    territorio: Territorio | None = None,
    mes: date | None = None,
    estado: str = "",
) -> QuerySet[EspacioDialogo]:
    if tipo:
        queryset = queryset.filter(tipo=tipo)
    if territorio is not None:
        queryset = queryset.filter(territorio=territorio)
    if estado:
        queryset = queryset.filter(estado=estado)
    if mes is not None:
        if not fechas.en_rango(mes):
            # No space lies outside the range (and 9999-12 + 32 days would overflow).
            return queryset.none()
        primero = mes.replace(day=1)
        siguiente = (primero + timedelta(days=32)).replace(day=1)
        queryset = queryset.filter(
            inicio__gte=_inicio_del_dia(primero), inicio__lt=_inicio_del_dia(siguiente)
        )
    return queryset


# --- Public schedule ----------------------------------------------------------


@dataclass(frozen=True)
class Cronograma:
    proximos: list[EspacioDialogo]
    pasados: list[EspacioDialogo]


def cronograma(
    *,
    ahora: datetime,
    tipo: str = "",
    territorio: Territorio | None = None,
    mes: date | None = None,
) -> Cronograma:
    """Upcoming spaces (soonest first) and past ones (latest first). Two queries."""
    espacios = list(
        _con_detalle(
            _filtrar_espacios(espacios_publicos(), tipo=tipo, territorio=territorio, mes=mes)
        ).order_by("inicio", "pk")
    )
    proximos = [e for e in espacios if e.fin >= ahora]
    pasados = [e for e in reversed(espacios) if e.fin < ahora]
    return Cronograma(proximos=proximos, pasados=pasados)


def espacios_para_calendario() -> QuerySet[EspacioDialogo]:
    """Every space, for the iCal feed (two queries)."""
    return _con_detalle(espacios_publicos()).order_by("inicio", "pk")


def espacio_publico(*, pk: int) -> EspacioDialogo | None:
    """A space with its organisers and commitments, for the public page."""
    compromisos = Compromiso.objects.select_related("responsable").order_by("fecha_limite", "pk")
    return (
        _con_detalle(espacios_publicos().filter(pk=pk))
        .prefetch_related(Prefetch("compromisos", queryset=compromisos))
        .first()
    )


def informe_gestion_publico(*, pk: int) -> AdjuntoEspacio | None:
    """The management report uploaded for a public hearing (the only public attachment:
    the others, attendance lists among them, carry personal data)."""
    return (
        AdjuntoEspacio.objects.filter(
            tipo=AdjuntoEspacio.Tipo.INFORME,
            informe_de__pk=pk,
            informe_de__in=espacios_publicos(),
        )
        .only("archivo", "nombre_original", "tipo_contenido")
        .first()
    )


# --- Citizens' questions, public side -----------------------------------------


def preguntas_publicadas(
    *, espacio: EspacioDialogo | None = None, territorio: Territorio | None = None
) -> QuerySet[Pregunta]:
    """Public questions and answers, without any personal data (nor the radicado) loaded."""
    publicadas = preguntas_publicas()
    if espacio is not None:
        publicadas = publicadas.filter(espacio=espacio)
    if territorio is not None:
        publicadas = publicadas.filter(territorio=territorio)
    return (
        publicadas.select_related("espacio", "territorio", "oficina", "tipo")
        .only(
            "numero_publico",
            "tipo__nombre",
            "recibida_el",
            "texto_publico",
            "respuesta_publica",
            "publicada_en",
            "respondida_en",
            "espacio__titulo",
            "espacio__inicio",
            "territorio__nombre",
            "oficina__nombre",
            "oficina__sigla",
        )
        .order_by("-publicada_en", "-pk")
    )


def pagina(queryset: QuerySet[Any], numero: int | str | None) -> Page[Any]:
    """One page of a list (two queries: the count and the page), TAMANO_PAGINA rows."""
    return paginacion.pagina(queryset, numero)


@dataclass(frozen=True)
class Consulta:
    """What the lookup by radicado shows the citizen who holds it.

    Before publication only the status, the date of receipt, the type of petition
    and the legal deadline with how it was computed (dates, holidays, extensions,
    suspensions: no personal data), and where it was forwarded to: the original
    texts have not been reviewed by OPGI and may hold personal data (the asker's or
    someone else's). Once published, the question and answer exactly as published
    (`publicada`). Never a name or a contact, nor the staff's reasons.
    """

    estado: str
    estado_texto: str
    recibida_el: date
    tipo: str
    plazo: reglas.Plazo
    calculo: reglas.CalculoPlazo
    traslado: EventoPlazo | None
    publicada: Pregunta | None


def consulta_por_radicado(*, radicado: str, hoy: date) -> Consulta | None:
    """The lookup page's content for a radicado, or None if no question has it. Three
    queries: the question with its type, its clock events, the published texts."""
    pregunta = (
        Pregunta.objects.filter(radicado=radicado)
        .select_related("tipo")
        .only(
            "estado",
            "recibida_el",
            "vence_el",
            "respondida_en",
            "tipo__nombre",
            "tipo__dias_habiles",
        )
        .first()
    )
    if pregunta is None:
        return None
    eventos = list(
        pregunta.eventos.only(
            "pregunta_id", "tipo", "fecha", "nueva_fecha", "entidad_destino", "fuera_de_termino"
        ).order_by("fecha", "pk")
    )
    traslado = next((e for e in eventos if e.tipo == EventoPlazo.Tipo.TRASLADO), None)
    calculo = calculo_de_plazo(pregunta, eventos)
    return Consulta(
        estado=pregunta.estado,
        estado_texto=pregunta.get_estado_display(),
        recibida_el=pregunta.recibida_el,
        tipo=pregunta.tipo.nombre,
        plazo=plazo_de(pregunta, hoy, calculo.vence_el),
        calculo=calculo,
        traslado=traslado,
        publicada=preguntas_publicadas().filter(pk=pregunta.pk).first(),
    )


# --- Territorial coverage -----------------------------------------------------


@dataclass(frozen=True)
class FilaCobertura:
    territorio: Territorio
    realizados: int
    ultimo: datetime | None

    @property
    def cubierto(self) -> bool:
        return self.realizados > 0


@dataclass(frozen=True)
class Cobertura:
    anio: int
    filas: list[FilaCobertura]

    @property
    def cubiertos(self) -> int:
        return sum(1 for f in self.filas if f.cubierto)

    @property
    def total(self) -> int:
        return len(self.filas)

    def de_tipo(self, tipo: str) -> list[FilaCobertura]:
        return [f for f in self.filas if f.territorio.tipo == tipo]

    @property
    def comunas(self) -> list[FilaCobertura]:
        return self.de_tipo(Territorio.Tipo.COMUNA)

    @property
    def corregimientos(self) -> list[FilaCobertura]:
        return self.de_tipo(Territorio.Tipo.CORREGIMIENTO)


def cobertura(*, anio: int) -> Cobertura:
    """Which comunas and corregimientos had a realised space in `anio`. One query."""
    # Only public spaces count: the same rule as espacios_publicos(), written
    # positively because it filters an aggregate over the reverse relation.
    publico = Q(espacios__actividad__isnull=True) | Q(espacios__actividad__plan__publicado=True)
    realizado = publico & Q(
        espacios__estado=EspacioDialogo.Estado.REALIZADO,
        espacios__inicio__gte=_inicio_del_dia(date(anio, 1, 1)),
        espacios__inicio__lt=_inicio_del_dia(date(anio + 1, 1, 1)),
    )
    territorios = Territorio.objects.annotate(
        realizados=Count("espacios", filter=realizado),
        ultimo=Max("espacios__inicio", filter=realizado),
    ).order_by("orden")
    return Cobertura(
        anio=anio,
        filas=[
            FilaCobertura(territorio=t, realizados=t.realizados, ultimo=t.ultimo)
            for t in territorios
        ],
    )


# --- Staff side ---------------------------------------------------------------


def espacios_de_gestion(
    *,
    usuario: Usuario,
    tipo: str = "",
    estado: str = "",
    territorio: Territorio | None = None,
    mes: date | None = None,
) -> QuerySet[EspacioDialogo]:
    """The spaces the user may see, newest first, with their number of questions."""
    visibles = permisos.ESPACIOS.instancias_para(usuario, Accion.VER)
    return (
        _con_detalle(
            _filtrar_espacios(visibles, tipo=tipo, estado=estado, territorio=territorio, mes=mes)
        )
        .annotate(num_preguntas=Count("preguntas"))
        .order_by("-inicio", "-pk")
    )


def espacio_de_gestion(*, espacio: EspacioDialogo) -> dict:
    """Everything the staff page of a space shows besides the space itself."""
    return {
        "oficinas": list(espacio.oficinas.order_by("nombre")),
        "compromisos": list(
            espacio.compromisos.select_related("responsable").order_by("fecha_limite", "pk")
        ),
        "adjuntos": list(espacio.adjuntos.select_related("subido_por").order_by("subido_en", "pk")),
        "num_preguntas": espacio.preguntas.count(),
    }


# Their term runs (counted on the dashboards: due, overdue…).
ABIERTAS = (Pregunta.Estado.RECIBIDA, Pregunta.Estado.ASIGNADA)
# Still to be answered here, the suspended ones included (their deadline is recomputed).
EN_TRAMITE = (*ABIERTAS, Pregunta.Estado.EN_ESPERA)

FILTROS_ESTADO = {
    "abiertas": Q(estado__in=EN_TRAMITE),
    "sin_asignar": Q(estado=Pregunta.Estado.RECIBIDA),
    "en_espera": Q(estado=Pregunta.Estado.EN_ESPERA),
    "cerradas": Q(estado__in=[Pregunta.Estado.TRASLADADA, Pregunta.Estado.DESISTIDA]),
    "por_publicar": Q(estado=Pregunta.Estado.RESPONDIDA),
    "publicadas": Q(estado=Pregunta.Estado.PUBLICADA),
    "todas": Q(),
}


@dataclass(frozen=True)
class FilaPregunta:
    pregunta: Pregunta
    plazo: reglas.Plazo


@dataclass(frozen=True)
class TableroPreguntas:
    hoy: date
    pagina: Page
    filas: list[FilaPregunta]
    abiertas: int
    vencidas: int
    vencen_hoy: int
    por_vencer: int
    sin_asignar: int
    por_publicar: int


def plazo_de(pregunta: Pregunta, hoy: date, vence_el: date | None = None) -> reglas.Plazo:
    """Where the question stands on `hoy`; `vence_el`: the deadline computed from the
    calendar (calculo_de_plazo), when the page has it, instead of the stored one."""
    respondida_el = (
        timezone.localtime(pregunta.respondida_en).date() if pregunta.respondida_en else None
    )
    return reglas.plazo(
        vence_el=vence_el or pregunta.vence_el,
        hoy=hoy,
        respondida_el=respondida_el,
        suspendido=pregunta.en_espera,
        cerrada=pregunta.cerrada_sin_respuesta,
    )


def calculo_de_plazo(
    pregunta: Pregunta, eventos: list[EventoPlazo] | None = None
) -> reglas.CalculoPlazo:
    """The deadline computed from the calendar, the question's type and its clock events
    (the stored `vence_el` is this result; the services store it after each change)."""
    if eventos is None:
        eventos = list(pregunta.eventos.all())
    return reglas.calcular_plazo(
        recibida_el=pregunta.recibida_el,
        dias=pregunta.tipo.dias_habiles,
        eventos=[e.para_calculo() for e in eventos],
    )


@dataclass(frozen=True)
class DetallePregunta:
    """What the staff page of a question shows besides the question itself."""

    eventos: list[EventoPlazo]
    calculo: reglas.CalculoPlazo
    traslado: EventoPlazo | None

    @property
    def prorrogada(self) -> bool:
        return any(e.tipo == EventoPlazo.Tipo.PRORROGA for e in self.eventos)


def detalle_de_pregunta(pregunta: Pregunta) -> DetallePregunta:
    """The clock events (one query) and the deadline computed from them."""
    eventos = list(pregunta.eventos.select_related("registrado_por").order_by("fecha", "pk"))
    return DetallePregunta(
        eventos=eventos,
        calculo=calculo_de_plazo(pregunta, eventos),
        traslado=next((e for e in eventos if e.tipo == EventoPlazo.Tipo.TRASLADO), None),
    )


def tablero_preguntas(
    *,
    usuario: Usuario,
    hoy: date,
    estado: str = "abiertas",
    oficina: Responsable | None = None,
    espacio: EspacioDialogo | None = None,
    numero_pagina: int | str | None = 1,
) -> TableroPreguntas:
    """The staff questions dashboard: counts, and the chosen questions by deadline.

    An office user sees only the questions assigned to its office. Three
    queries (counts, page count, page), whatever the number of questions.
    """
    visibles = permisos.PREGUNTAS.instancias_para(usuario, Accion.VER)
    if oficina is not None:
        visibles = visibles.filter(oficina=oficina)
    if espacio is not None:
        visibles = visibles.filter(espacio=espacio)
    abierta = Q(estado__in=ABIERTAS)  # its term runs: may be due or overdue
    limite_por_vencer = reglas.fecha_habil(hoy, reglas.DIAS_POR_VENCER)
    conteos = visibles.aggregate(
        abiertas=Count("pk", filter=Q(estado__in=EN_TRAMITE)),
        vencidas=Count("pk", filter=abierta & Q(vence_el__lt=hoy)),
        vencen_hoy=Count("pk", filter=abierta & Q(vence_el=hoy)),
        por_vencer=Count(
            "pk", filter=abierta & Q(vence_el__gt=hoy, vence_el__lte=limite_por_vencer)
        ),
        sin_asignar=Count("pk", filter=Q(estado=Pregunta.Estado.RECIBIDA)),
        por_publicar=Count("pk", filter=Q(estado=Pregunta.Estado.RESPONDIDA)),
    )
    lista = (
        visibles.filter(FILTROS_ESTADO.get(estado, FILTROS_ESTADO["abiertas"]))
        .select_related("espacio", "territorio", "oficina")
        .defer("respuesta", "texto_publico", "respuesta_publica")
        .order_by("vence_el", "pk")
    )
    pag = pagina(lista, numero_pagina)
    filas = [FilaPregunta(pregunta=p, plazo=plazo_de(p, hoy)) for p in pag.object_list]
    return TableroPreguntas(hoy=hoy, pagina=pag, filas=filas, **conteos)


# --- Answer reports -----------------------------------------------------------


def informes() -> QuerySet[InformeRespuestas]:
    """Every recorded report, for the staff page."""
    return InformeRespuestas.objects.select_related("espacio", "publicado_por").order_by(
        "-publicado_el", "-pk"
    )


def informes_para_publico() -> QuerySet[InformeRespuestas]:
    """The reports listed on the public answers page."""
    return informes_publicos().select_related("espacio").order_by("-publicado_el", "-pk")


# --- History -------------------------------------------------------------------


def historial_de_espacio(espacio: EspacioDialogo) -> list[historial.FilaHistorial]:
    """Who changed what and when in the space, its commitments and attachments (its
    questions have their own history, which keeps the citizens' data out)."""
    return historial.filas_de_historial(
        EspacioDialogo.history.filter(id=espacio.pk),
        Compromiso.history.filter(espacio_id=espacio.pk),
        AdjuntoEspacio.history.filter(espacio_id=espacio.pk),
    )


def historial_de_pregunta(pregunta: Pregunta) -> list[historial.FilaHistorial]:
    """The question's history without the asker's personal data (DATOS_PERSONALES)."""
    return historial.filas_de_historial(
        Pregunta.history.filter(id=pregunta.pk),
        EventoPlazo.history.filter(pregunta_id=pregunta.pk),
        excluidos=DATOS_PERSONALES,
    )
