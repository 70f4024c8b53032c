"""Fixtures of encuestas: a space organised by Educación, surveys and their answers.

Surveys are created through encuestas.services (as OPGI), so every test
starts from data the application itself would have written.
"""

from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from dialogos.models import EspacioDialogo
from encuestas import selectors, services
from encuestas.models import Cuestionario, Encuesta
from plan.models import Responsable

T = EspacioDialogo.Tipo


def hora(anio, mes, dia, h=9, m=0) -> datetime:
    return timezone.make_aware(datetime(anio, mes, dia, h, m))


@pytest.fixture(autouse=True)
def _contadores_limpios():
    """The per-IP counters of the public forms live in the cache: each test starts at zero."""
    cache.clear()
    yield
    cache.clear()


def crear_espacio(*, oficinas: list[str], titulo: str, inicio: datetime, **campos):
    espacio = EspacioDialogo.objects.create(
        tipo=campos.pop("tipo", T.JORNADA_TEMATICA),
        titulo=titulo,
        inicio=inicio,
        fin=inicio + timedelta(hours=3),
        lugar=campos.pop("lugar", "Auditorio Centro Cultural Pandiaco"),
        **campos,
    )
    espacio.oficinas.set(Responsable.objects.filter(slug__in=oficinas))
    return espacio


@pytest.fixture
def espacio_educacion(plan_2022):
    return crear_espacio(
        oficinas=["educacion"],
        titulo="Jornada de diálogo: calidad educativa",
        inicio=hora(2022, 8, 10),
    )


@pytest.fixture
def espacio_salud(plan_2022):
    return crear_espacio(
        oficinas=["salud"], titulo="Jornada de diálogo: salud pública", inicio=hora(2022, 9, 14)
    )


@pytest.fixture
def predeterminado(db) -> Cuestionario:
    return selectors.predeterminado()


def abierta_ahora() -> dict:
    ahora = timezone.now()
    return {"abre_en": ahora - timedelta(days=1), "cierra_en": ahora + timedelta(days=7)}


@pytest.fixture
def encuesta(espacio_educacion, predeterminado, alicia) -> Encuesta:
    """The default questionnaire at Educación's space, open right now."""
    return services.crear_encuesta(
        usuario=alicia, cuestionario=predeterminado, espacio=espacio_educacion, **abierta_ahora()
    )


@pytest.fixture
def encuesta_salud(espacio_salud, predeterminado, alicia) -> Encuesta:
    return services.crear_encuesta(
        usuario=alicia, cuestionario=predeterminado, espacio=espacio_salud, **abierta_ahora()
    )


@pytest.fixture
def cuestionario_completo(alicia) -> Cuestionario:
    """One question of each kind: scale*, single*, multiple, yes/no*, short text, long text
    (* required)."""
    cuestionario = services.crear_cuestionario(usuario=alicia, nombre="Todas las clases")
    for tipo, texto, obligatoria, opciones in [
        ("escala", "¿La información fue clara?", True, []),
        ("unica", "¿Cómo participó?", True, ["Presencial", "Virtual", "Por radio"]),
        ("multiple", "¿Cómo se enteró?", False, ["Radio", "Redes sociales", "Vecinos"]),
        ("si_no", "¿Volvería?", True, []),
        ("texto_corto", "Tema para el próximo espacio", False, []),
        ("texto_largo", "Sugerencias", False, []),
    ]:
        services.agregar_pregunta(
            usuario=alicia,
            cuestionario=cuestionario,
            tipo=tipo,
            texto=texto,
            obligatoria=obligatoria,
            opciones=opciones,
        )
    return cuestionario


def preguntas(cuestionario: Cuestionario) -> dict:
    """The questions by kind (each fixture questionnaire has one of each kind it uses)."""
    return {p.tipo: p for p in cuestionario.preguntas.prefetch_related("opciones")}


def opcion(pregunta, texto: str):
    return pregunta.opciones.get(texto=texto)


def respuestas(cuestionario: Cuestionario, **por_tipo) -> dict:
    """Answers keyed by field name from answers keyed by kind: escala=4, unica="Virtual",
    multiple=["Radio", "Vecinos"], si_no="Sí", texto_corto="…" (option texts, not pks)."""
    datos = {}
    por_clase = preguntas(cuestionario)
    for tipo, valor in por_tipo.items():
        pregunta = por_clase[tipo]
        if tipo == "escala" or not pregunta.con_opciones:
            datos[pregunta.campo] = valor
        elif tipo == "multiple":
            datos[pregunta.campo] = [str(opcion(pregunta, v).pk) for v in valor]
        else:
            datos[pregunta.campo] = str(opcion(pregunta, valor).pk)
    return datos


def minimas(cuestionario: Cuestionario) -> dict:
    """The required answers of the default or the complete questionnaire."""
    por_clase = preguntas(cuestionario)
    datos = {}
    for pregunta in cuestionario.preguntas.filter(obligatoria=True):
        if pregunta.tipo == "escala":
            datos[pregunta.campo] = "4"
        else:
            datos[pregunta.campo] = str(pregunta.opciones.order_by("orden").first().pk)
    assert por_clase  # the questionnaire has questions
    return datos


def responder_web(encuesta: Encuesta, datos: dict, *, ahora: datetime | None = None):
    """A web answer through the service, with a fresh one-time token."""
    return services.responder(
        encuesta=encuesta,
        respuestas=datos,
        testigo=services.nuevo_testigo(encuesta),
        ahora=ahora,
    )


# Six responses to the questionnaire with one question of each kind (4 web, 2 paper).
WEB = [
    dict(
        escala="5",
        unica="Presencial",
        multiple=["Radio", "Redes sociales"],
        si_no="Sí",
        texto_corto="Movilidad",
        texto_largo="Más tiempo para preguntar.",
    ),
    dict(escala="4", unica="Presencial", multiple=["Radio"], si_no="Sí"),
    dict(
        escala="4",
        unica="Virtual",
        multiple=["Redes sociales", "Vecinos", "Radio"],
        si_no="No",
        texto_largo="El sonido era malo.",
    ),
    dict(escala="2", unica="Presencial", si_no="Sí"),
]
PAPEL = [
    dict(escala="5", unica="Por radio", multiple=["Vecinos"], si_no="No"),
    dict(escala="3", unica="Presencial", si_no="Sí"),
]


@pytest.fixture
def encuesta_con_respuestas(espacio_educacion, cuestionario_completo, alicia):
    encuesta = services.crear_encuesta(
        usuario=alicia,
        cuestionario=cuestionario_completo,
        espacio=espacio_educacion,
        **abierta_ahora(),
    )
    for datos in WEB:
        responder_web(encuesta, respuestas(cuestionario_completo, **datos))
    for datos in PAPEL:
        services.registrar_papel(
            usuario=alicia,
            encuesta=encuesta,
            respuestas=respuestas(cuestionario_completo, **datos),
            fecha=date(2022, 8, 10),
        )
    return encuesta
