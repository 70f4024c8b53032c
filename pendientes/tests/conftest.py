"""The known data set of «Mis pendientes» (see test_mis_pendientes.py), shared with the digests."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from dialogos.models import EspacioDialogo
from dialogos.services import preguntas as servicios_preguntas
from plan import services, servicios_avances
from plan.models import Responsable

HOY = date(2022, 12, 10)
BOGOTA = ZoneInfo("America/Bogota")


@pytest.fixture
def hoy(monkeypatch):
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return HOY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


def reportar(actividad, usuario, codigo, dia):
    return services.registrar_avance(
        actividad=actividad(codigo),
        usuario=usuario,
        fecha=date(2022, 9, dia),
        cantidad=Decimal(1),
        narrativa="Avance de la actividad.",
        hoy=HOY,
    )


def evidencia(actividad, usuario, codigo, descripcion):
    return services.subir_evidencia(
        actividad=actividad(codigo),
        usuario=usuario,
        descripcion=descripcion,
        enlace="https://www.pasto.gov.co/soporte",
    )


def pregunta(alicia, oficina, recibida_el, texto="¿Cuándo abre el colegio de la comuna 10?"):
    nueva = servicios_preguntas.recibir_pregunta(texto=texto, acepta_datos=True, hoy=recibida_el)
    if oficina:
        servicios_preguntas.asignar_pregunta(
            pregunta=nueva, usuario=alicia, oficina=Responsable.objects.get(slug=oficina)
        )
    return nueva


@pytest.fixture
def datos(actividad, alicia, bruno, carla, hoy):
    reportar(actividad, bruno, "1.3", 15)
    devuelto = reportar(actividad, bruno, "2.4", 16)
    servicios_avances.devolver_avance(avance=devuelto, revisor=alicia, comentario="Sin soporte.")
    acta = evidencia(actividad, bruno, "1.3", "Acta de la jornada")
    services.devolver_evidencia(evidencia=acta, revisor=alicia, comentario="Ilegible.")
    evidencia(actividad, carla, "1.5", "Lista de asistencia de Salud")
    espacio = EspacioDialogo.objects.create(
        tipo=EspacioDialogo.Tipo.JORNADA_TEMATICA,
        titulo="Jornada de educación en la comuna 5",
        inicio=datetime(2022, 11, 20, 9, tzinfo=BOGOTA),
        fin=datetime(2022, 11, 20, 11, tzinfo=BOGOTA),
        lugar="Institución Educativa Municipal Ciudad de Pasto",
    )
    espacio.oficinas.add(Responsable.objects.get(slug="educacion"))
    return {
        "educacion": pregunta(alicia, "educacion", date(2022, 11, 25)),
        "salud": pregunta(alicia, "salud", date(2022, 11, 28), "¿Qué pasa con el hospital?"),
        "sin_asignar": pregunta(alicia, None, date(2022, 12, 1), "¿Hay becas este año?"),
    }
