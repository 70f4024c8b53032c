"""Fixtures of the dialogos tests: spaces and questions made through the services.

Rate-limit counters live in the cache: it is emptied around every test so
that no test inherits another's count (the limits are settings, see
nucleo/limites.py).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from dialogos import services
from dialogos.models import EspacioDialogo, Territorio
from plan.models import Responsable

BOGOTA = ZoneInfo("America/Bogota")


def momento(anio, mes, dia, hora=9, minuto=0) -> datetime:
    """A moment in Pasto's local time."""
    return datetime(anio, mes, dia, hora, minuto, tzinfo=BOGOTA)


@pytest.fixture(autouse=True)
def cache_limpia():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _territorios(request):
    """Most dialogos tests hold spaces in a comuna or corregimiento: Pasto's 29 are loaded
    for every test that uses the database (they are data now, not a migration)."""
    if request.node.get_closest_marker("django_db") or (
        "_django_db_helper" in request.fixturenames
    ):
        request.getfixturevalue("territorios_pasto")


@pytest.fixture(autouse=True)
def media_temporal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def territorio():
    def _territorio(nombre: str) -> Territorio:
        return Territorio.objects.get(nombre=nombre)

    return _territorio


@pytest.fixture
def crear_espacio(alicia, actividad):
    """Program a space (by alicia, OPGI); optionally close it as realised or cancel it."""

    def _crear(
        *,
        tipo=EspacioDialogo.Tipo.JORNADA_TEMATICA,
        titulo="Jornada temática de educación",
        inicio=None,
        horas=2,
        oficinas=("educacion",),
        codigo=None,
        territorio=None,
        lugar="Casa de la Cultura",
        enlace="",
        tema="",
        realizado=False,
        asistentes=40,
        cancelado=False,
    ) -> EspacioDialogo:
        inicio = inicio or momento(2022, 5, 10)
        espacio = services.programar_espacio(
            usuario=alicia,
            tipo=tipo,
            titulo=titulo,
            tema=tema,
            oficinas=list(Responsable.objects.filter(slug__in=oficinas)),
            actividad=actividad(codigo) if codigo else None,
            inicio=inicio,
            fin=inicio + timedelta(hours=horas),
            territorio=Territorio.objects.get(nombre=territorio) if territorio else None,
            lugar=lugar,
            enlace=enlace,
        )
        if realizado:
            espacio = services.registrar_realizacion(
                espacio=espacio,
                usuario=alicia,
                asistentes=asistentes,
                acta="Se presentó el avance de la gestión y se recibieron preguntas.",
                organizaciones="Junta de Acción Comunal",
            )
        if cancelado:
            espacio = services.cancelar_espacio(
                espacio=espacio, usuario=alicia, motivo="Paro de transporte en la ciudad."
            )
        return espacio

    return _crear


@pytest.fixture
def crear_pregunta(plan_2022):
    """A question from the public web form, received on `hoy`."""

    def _crear(texto="¿Cuándo abren el nuevo colegio de la comuna?", *, hoy=None, **datos):
        datos.setdefault("acepta_datos", True)
        return services.recibir_pregunta(texto=texto, hoy=hoy, **datos)

    return _crear
