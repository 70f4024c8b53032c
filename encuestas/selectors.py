"""Reads of encuestas, with their query tuning: the surveys' lists and their results.

`resultados` computes every figure of a set of surveys (one survey, or all
the visible ones with responses in a period) in a fixed number of queries
whatever the number of responses: the counts come from GROUP BY queries and
the figures from encuestas.reglas. The results page, the PDF summary, the
XLSX export, the public page and the open data all read it, so they agree.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from dialogos.models import EspacioDialogo
from dialogos.selectors import espacios_publicos
from nucleo import documentos, paginacion

from . import reglas
from .models import Cuestionario, Encuesta, Opcion, PreguntaEncuesta, Respuesta, ValorRespuesta


def con_detalle(encuestas: QuerySet[Encuesta]) -> QuerySet[Encuesta]:
    return encuestas.select_related("cuestionario", "espacio__territorio")


def encuestas_con_conteo(encuestas: QuerySet[Encuesta]) -> QuerySet[Encuesta]:
    """The surveys with their number of responses (`total_respuestas`), newest first."""
    return (
        con_detalle(encuestas)
        .annotate(total_respuestas=Count("respuestas"))
        .order_by("-abre_en", "-pk")
    )


# --- What citizens may see: one rule ---------------------------------------------------


def encuestas_publicas() -> QuerySet[Encuesta]:
    """The one rule for «public survey»: a general survey, or one whose space is public
    (dialogos.selectors.espacios_publicos: not linked to an activity of an unpublished plan).

    Every public page (the list, the answer form and its notices, «gracias», the results)
    and the open data start from here, so none shows the title or place of a space of an
    unpublished plan. Below, the two views of it citizens get: open now, results published.
    """
    return Encuesta.objects.filter(
        Q(espacio__isnull=True) | Q(espacio__in=espacios_publicos().values("pk"))
    )


def encuestas_abiertas(*, ahora: datetime | None = None) -> QuerySet[Encuesta]:
    """The public surveys citizens may answer right now (for the public page)."""
    ahora = ahora or timezone.now()
    return (
        con_detalle(encuestas_publicas().filter(abre_en__lte=ahora, cierra_en__gt=ahora))
        .exclude(espacio__estado=EspacioDialogo.Estado.CANCELADO)
        .order_by("cierra_en", "pk")
    )


def encuestas_publicadas() -> QuerySet[Encuesta]:
    """The public surveys whose results OPGI published (public page and open data)."""
    return encuestas_con_conteo(encuestas_publicas().filter(resultados_publicados=True))


def _respuestas(
    encuestas: QuerySet[Encuesta], desde: date | None, hasta: date | None
) -> QuerySet[Respuesta]:
    respuestas = Respuesta.objects.filter(encuesta__in=encuestas.values("pk"))
    if desde is not None:
        respuestas = respuestas.filter(fecha__gte=desde)
    if hasta is not None:
        respuestas = respuestas.filter(fecha__lte=hasta)
    return respuestas


def con_respuestas_en(
    encuestas: QuerySet[Encuesta], *, desde: date | None, hasta: date | None
) -> QuerySet[Encuesta]:
    """The surveys with at least one response in the period."""
    en_periodo = _respuestas(Encuesta.objects.all(), desde, hasta).filter(encuesta=OuterRef("pk"))
    return encuestas.filter(Exists(en_periodo))


# --- Results ----------------------------------------------------------------------


@dataclass(frozen=True)
class ConteoOpcion:
    opcion: Opcion
    cantidad: int
    porcentaje: Decimal


@dataclass(frozen=True)
class TextoLibre:
    texto: str
    fecha: date
    encuesta: Encuesta


@dataclass(frozen=True)
class ResultadoPregunta:
    pregunta: PreguntaEncuesta
    respuestas: int  # responses of the questionnaire in scope
    respondidas: int  # of them, those that answered this question
    opciones: list[ConteoOpcion]
    promedio: Decimal | None  # scales only
    textos: list[TextoLibre]

    @property
    def sin_respuesta(self) -> int:
        return self.respuestas - self.respondidas

    @property
    def textos_recientes(self) -> list[TextoLibre]:
        """The latest TAMANO_PAGINA free texts, oldest first: what a web page lists (the
        PDF and the responses XLSX keep every one)."""
        return self.textos[-paginacion.tamano_pagina() :]

    @property
    def textos_no_mostrados(self) -> int:
        return len(self.textos) - len(self.textos_recientes)

    @property
    def porcentaje_respondidas(self) -> Decimal:
        return reglas.porcentaje(self.respondidas, self.respuestas)

    @property
    def grafico(self) -> SafeString | None:
        """Bars of each option's % (server-side SVG); the table beside it is the text alternative."""
        if not self.pregunta.con_opciones:
            return None
        return documentos.grafico_barras(
            [(c.opcion.etiqueta, c.porcentaje) for c in self.opciones],
            titulo=f"{self.pregunta.texto}: porcentaje de quienes respondieron, por opción",
        )


@dataclass(frozen=True)
class Seccion:
    """The results of one questionnaire (a period may gather several)."""

    cuestionario: Cuestionario
    respuestas: int
    preguntas: list[ResultadoPregunta]


@dataclass(frozen=True)
class Resultados:
    encuestas: list[Encuesta]
    desde: date | None
    hasta: date | None
    por_encuesta: dict[int, dict[str, int]]  # encuesta pk → {canal: responses}
    secciones: list[Seccion]
    con_textos: bool
    generado: date = field(default_factory=timezone.localdate)

    @property
    def total(self) -> int:
        return sum(sum(canales.values()) for canales in self.por_encuesta.values())

    def total_canal(self, canal: str) -> int:
        return sum(canales.get(canal, 0) for canales in self.por_encuesta.values())

    @property
    def web(self) -> int:
        return self.total_canal(Respuesta.Canal.WEB)

    @property
    def papel(self) -> int:
        return self.total_canal(Respuesta.Canal.PAPEL)

    @property
    def filas_encuestas(self) -> list[tuple[Encuesta, int, int, int]]:
        """(survey, web, paper, total) for the table of the surveys included."""
        filas = []
        for encuesta in self.encuestas:
            canales = self.por_encuesta.get(encuesta.pk, {})
            web = canales.get(Respuesta.Canal.WEB, 0)
            papel = canales.get(Respuesta.Canal.PAPEL, 0)
            filas.append((encuesta, web, papel, web + papel))
        return filas

    @property
    def periodo(self) -> str:
        if self.desde and self.hasta:
            return f"Del {self.desde:%d/%m/%Y} al {self.hasta:%d/%m/%Y}"
        if self.desde:
            return f"Desde el {self.desde:%d/%m/%Y}"
        if self.hasta:
            return f"Hasta el {self.hasta:%d/%m/%Y}"
        return "Todas las fechas"


def _preguntas(cuestionarios: Iterable[int]) -> list[PreguntaEncuesta]:
    return list(
        PreguntaEncuesta.objects.filter(cuestionario__in=list(cuestionarios))
        .select_related("cuestionario")
        .prefetch_related(Prefetch("opciones", queryset=Opcion.objects.order_by("orden", "pk")))
        .order_by("cuestionario__nombre", "cuestionario", "orden", "pk")
    )


def _por_canal(respuestas: QuerySet[Respuesta]) -> Iterable[tuple[int, str, int]]:
    return (
        respuestas.order_by()
        .values("encuesta", "canal")
        .annotate(n=Count("pk"))
        .values_list("encuesta", "canal", "n")
    )


def _secciones(
    *,
    preguntas: list[PreguntaEncuesta],
    por_cuestionario: dict[int, int],
    por_opcion: Mapping[tuple[int, int | None], int],
    respondidas: Mapping[int, int],
    textos: Mapping[int, list[TextoLibre]],
) -> list[Seccion]:
    """The figures per questionnaire and question, from the counts already fetched."""
    secciones: dict[int, Seccion] = {}
    for pregunta in preguntas:
        cuestionario = pregunta.cuestionario
        if cuestionario.pk not in por_cuestionario:
            continue
        total = por_cuestionario[cuestionario.pk]
        contestaron = respondidas.get(pregunta.pk, 0)
        conteos = [
            ConteoOpcion(
                opcion=opcion,
                cantidad=por_opcion.get((pregunta.pk, opcion.pk), 0),
                porcentaje=reglas.porcentaje(
                    por_opcion.get((pregunta.pk, opcion.pk), 0), contestaron
                ),
            )
            for opcion in pregunta.opciones.all()
        ]
        seccion = secciones.setdefault(
            cuestionario.pk, Seccion(cuestionario=cuestionario, respuestas=total, preguntas=[])
        )
        seccion.preguntas.append(
            ResultadoPregunta(
                pregunta=pregunta,
                respuestas=total,
                respondidas=contestaron,
                opciones=conteos,
                promedio=reglas.promedio((c.opcion.valor, c.cantidad) for c in conteos)
                if pregunta.es_escala
                else None,
                textos=textos.get(pregunta.pk, []),
            )
        )
    return list(secciones.values())


def resultados(
    *,
    encuestas: QuerySet[Encuesta],
    desde: date | None = None,
    hasta: date | None = None,
    con_textos: bool = True,
) -> Resultados:
    """Every figure of the surveys' responses dated in [desde, hasta] (either may be None).

    Seven queries whatever the number of responses (six without the texts):
    the surveys, responses per survey and channel, the questions, their
    options, answers per option, answering responses per question, and the
    free texts. Multiple choice counts each option on its own.
    """
    lista = list(con_detalle(encuestas).order_by("abre_en", "pk"))
    por_encuesta: dict[int, dict[str, int]] = {encuesta.pk: {} for encuesta in lista}
    respuestas = _respuestas(encuestas, desde, hasta)
    for encuesta_id, canal, cantidad in _por_canal(respuestas):
        por_encuesta.setdefault(encuesta_id, {})[canal] = cantidad
    por_cuestionario: dict[int, int] = {}
    for encuesta in lista:
        por_cuestionario.setdefault(encuesta.cuestionario_id, 0)
        por_cuestionario[encuesta.cuestionario_id] += sum(por_encuesta[encuesta.pk].values())

    preguntas = _preguntas(por_cuestionario)
    valores = ValorRespuesta.objects.filter(respuesta__in=respuestas.values("pk")).order_by()
    por_opcion: dict[tuple[int, int | None], int] = {
        (pregunta_id, opcion_id): n
        for pregunta_id, opcion_id, n in valores.values("pregunta", "opcion")
        .annotate(n=Count("pk"))
        .values_list("pregunta", "opcion", "n")
    }
    respondidas: dict[int, int] = dict(
        valores.values("pregunta")
        .annotate(n=Count("respuesta", distinct=True))
        .values_list("pregunta", "n")
    )
    textos: dict[int, list[TextoLibre]] = {}
    if con_textos:
        por_pk = {encuesta.pk: encuesta for encuesta in lista}
        for pregunta_id, texto, fecha, encuesta_id in (
            valores.filter(opcion__isnull=True)
            .order_by("respuesta__fecha", "respuesta_id")
            .values_list("pregunta", "texto", "respuesta__fecha", "respuesta__encuesta")
        ):
            textos.setdefault(pregunta_id, []).append(
                TextoLibre(texto=texto, fecha=fecha, encuesta=por_pk[encuesta_id])
            )
    return Resultados(
        encuestas=lista,
        desde=desde,
        hasta=hasta,
        por_encuesta=por_encuesta,
        secciones=_secciones(
            preguntas=preguntas,
            por_cuestionario=por_cuestionario,
            por_opcion=por_opcion,
            respondidas=respondidas,
            textos=textos,
        ),
        con_textos=con_textos,
    )


def resultados_por_encuesta(encuestas: QuerySet[Encuesta]) -> list[Resultados]:
    """Each survey's own figures (never its free texts), in six queries however many
    surveys there are: the same counts as `resultados`, grouped by survey too (the open
    data publishes one block per survey; one `resultados` call each would grow with them).
    """
    lista = list(con_detalle(encuestas).order_by("abre_en", "pk"))
    respuestas = _respuestas(encuestas, None, None)
    por_encuesta: dict[int, dict[str, int]] = {encuesta.pk: {} for encuesta in lista}
    for encuesta_id, canal, cantidad in _por_canal(respuestas):
        por_encuesta.setdefault(encuesta_id, {})[canal] = cantidad
    preguntas = _preguntas({encuesta.cuestionario_id for encuesta in lista})
    valores = ValorRespuesta.objects.filter(respuesta__in=respuestas.values("pk")).order_by()
    por_opcion: dict[int, dict[tuple[int, int | None], int]] = {}
    for encuesta_id, pregunta_id, opcion_id, n in (
        valores.values("respuesta__encuesta", "pregunta", "opcion")
        .annotate(n=Count("pk"))
        .values_list("respuesta__encuesta", "pregunta", "opcion", "n")
    ):
        por_opcion.setdefault(encuesta_id, {})[(pregunta_id, opcion_id)] = n
    respondidas: dict[int, dict[int, int]] = {}
    for encuesta_id, pregunta_id, n in (
        valores.values("respuesta__encuesta", "pregunta")
        .annotate(n=Count("respuesta", distinct=True))
        .values_list("respuesta__encuesta", "pregunta", "n")
    ):
        respondidas.setdefault(encuesta_id, {})[pregunta_id] = n
    return [
        Resultados(
            encuestas=[encuesta],
            desde=None,
            hasta=None,
            por_encuesta={encuesta.pk: por_encuesta[encuesta.pk]},
            secciones=_secciones(
                preguntas=preguntas,
                por_cuestionario={
                    encuesta.cuestionario_id: sum(por_encuesta[encuesta.pk].values())
                },
                por_opcion=por_opcion.get(encuesta.pk, {}),
                respondidas=respondidas.get(encuesta.pk, {}),
                textos={},
            ),
            con_textos=False,
        )
        for encuesta in lista
    ]


# --- Bursts from one connection (meta 3.1) --------------------------------------------


@dataclass(frozen=True)
class Rafagas:
    lista: list[reglas.Rafaga]
    minimo: int = reglas.RAFAGA_MINIMO
    minutos: int = int(reglas.RAFAGA_VENTANA.total_seconds() // 60)

    @property
    def respuestas(self) -> int:
        return sum(rafaga.respuestas for rafaga in self.lista)


def rafagas(encuesta: Encuesta) -> Rafagas:
    """The survey's web responses that came in bursts from one address (one query)."""
    marcas = (
        Respuesta.objects.filter(encuesta=encuesta, canal=Respuesta.Canal.WEB)
        .exclude(origen="")
        .order_by()
        .values_list("origen", "registrada_en")
    )
    return Rafagas(lista=reglas.rafagas(marcas))


# --- The export: one row per response ------------------------------------------------


def respuestas_completas(
    *, encuestas: QuerySet[Encuesta], desde: date | None = None, hasta: date | None = None
) -> list[Respuesta]:
    """Every response with its survey and values (three queries), oldest first."""
    valores = ValorRespuesta.objects.select_related("opcion").order_by("pk")
    return list(
        _respuestas(encuestas, desde, hasta)
        .select_related("encuesta__espacio", "encuesta__cuestionario")
        .prefetch_related(Prefetch("valores", queryset=valores))
        .order_by("fecha", "pk")
    )


def cuestionarios_en_uso() -> QuerySet[Cuestionario]:
    """Every questionnaire, with its number of questions, surveys and responses."""
    return Cuestionario.objects.annotate(
        total_preguntas=Count("preguntas", distinct=True),
        total_encuestas=Count("encuestas", distinct=True),
        total_respuestas=Count("encuestas__respuestas", distinct=True),
    ).order_by("-predeterminado", "nombre")


def predeterminado() -> Cuestionario | None:
    return Cuestionario.objects.filter(predeterminado=True).first()


def buscar_por_codigo(codigo: str) -> Encuesta | None:
    """A public survey by the code of its link (None if there is none, or it is not public)."""
    return con_detalle(encuestas_publicas().filter(codigo=codigo)).first()
