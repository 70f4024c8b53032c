"""Metas that count themselves: dialogos' automatic progress sources (plan.fuentes).

Registered in DialogosConfig.ready(). An activity whose `fuente_avance` holds
one of these claves takes its achieved quantity from the records, as of the
date the follow-up is computed for:

- spaces: realised spaces of the kind, linked to the activity, held on or
  before the date (2.1 jornadas, 2.2 territoriales, 2.3 audiencias públicas,
  2.4–2.7 audiencias sectoriales);
- questions: questions received in the activity's plan year up to the date
  (3.2), and those of them answered up to the date (3.3);
- reports: answer reports of the plan year published up to the date (3.4).

Each counting function runs one query (GROUP BY), whatever the number of
activities.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from nucleo.fechas import FECHA_MAXIMA
from plan import fuentes

from .models import EspacioDialogo, InformeRespuestas, Pregunta

PREFIJO = "dialogos."

JORNADAS = PREFIJO + "jornadas_tematicas"
TERRITORIALES = PREFIJO + "espacios_territoriales"
AUDIENCIAS_PUBLICAS = PREFIJO + "audiencias_publicas"
AUDIENCIAS_SECTORIALES = PREFIJO + "audiencias_sectoriales"
PREGUNTAS_RECIBIDAS = PREFIJO + "preguntas_recibidas"
PREGUNTAS_RESPONDIDAS = PREFIJO + "preguntas_respondidas"
INFORMES = PREFIJO + "informes_respuestas"

# The seed activity each source was made for (a suggestion on the OPGI form).
SUGERIDAS = {
    "2.1": JORNADAS,
    "2.2": TERRITORIALES,
    "2.3": AUDIENCIAS_PUBLICAS,
    "2.4": AUDIENCIAS_SECTORIALES,
    "2.5": AUDIENCIAS_SECTORIALES,
    "2.6": AUDIENCIAS_SECTORIALES,
    "2.7": AUDIENCIAS_SECTORIALES,
    "3.2": PREGUNTAS_RECIBIDAS,
    "3.3": PREGUNTAS_RESPONDIDAS,
    "3.4": INFORMES,
}


def _fin_del_dia(fecha: date) -> datetime:
    """The first instant after `fecha` in Bogotá (spaces are dated in local time).

    Capped at the last date dialogos accepts, so date.max cannot overflow.
    """
    fecha = min(fecha, FECHA_MAXIMA)
    return timezone.make_aware(datetime.combine(fecha + timedelta(days=1), time.min))


def espacios_realizados(tipo: str) -> Callable[[list, date], dict[int, Decimal]]:
    """Counter of the realised spaces of `tipo` linked to each activity, held by the date."""

    def contar(actividades: list, fecha: date) -> dict[int, Decimal]:
        filas = (
            EspacioDialogo.objects.filter(
                actividad__in=[a.pk for a in actividades],
                tipo=tipo,
                estado=EspacioDialogo.Estado.REALIZADO,
                inicio__lt=_fin_del_dia(fecha),
            )
            .order_by()
            .values("actividad")
            .annotate(n=Count("pk"))
            .values_list("actividad", "n")
        )
        return {pk: Decimal(n) for pk, n in filas}

    return contar


def contar_preguntas_recibidas(actividades: list, fecha: date) -> dict[int, Decimal]:
    recibidas = Pregunta.objects.filter(recibida_el__lte=fecha)
    return fuentes.contar_por_vigencia(actividades, recibidas, "recibida_el__year")


def contar_preguntas_respondidas(actividades: list, fecha: date) -> dict[int, Decimal]:
    respondidas = Pregunta.objects.filter(
        Q(estado__in=[Pregunta.Estado.RESPONDIDA, Pregunta.Estado.PUBLICADA]),
        respondida_en__lt=_fin_del_dia(fecha),
    )
    return fuentes.contar_por_vigencia(actividades, respondidas, "recibida_el__year")


def contar_informes(actividades: list, fecha: date) -> dict[int, Decimal]:
    publicados = InformeRespuestas.objects.filter(publicado_el__lte=fecha)
    return fuentes.contar_por_vigencia(actividades, publicados, "vigencia")


def registrar() -> None:
    Tipo = EspacioDialogo.Tipo
    fuentes.registrar(
        JORNADAS,
        "Jornadas temáticas de diálogo realizadas",
        espacios_realizados(Tipo.JORNADA_TEMATICA),
    )
    fuentes.registrar(
        TERRITORIALES,
        "Espacios territoriales de diálogo realizados",
        espacios_realizados(Tipo.ESPACIO_TERRITORIAL),
    )
    fuentes.registrar(
        AUDIENCIAS_PUBLICAS,
        "Audiencias públicas de rendición de cuentas realizadas",
        espacios_realizados(Tipo.AUDIENCIA_PUBLICA),
    )
    fuentes.registrar(
        AUDIENCIAS_SECTORIALES,
        "Audiencias sectoriales realizadas",
        espacios_realizados(Tipo.AUDIENCIA_SECTORIAL),
    )
    fuentes.registrar(
        PREGUNTAS_RECIBIDAS, "Preguntas ciudadanas recibidas (formatos)", contar_preguntas_recibidas
    )
    fuentes.registrar(
        PREGUNTAS_RESPONDIDAS, "Preguntas ciudadanas respondidas", contar_preguntas_respondidas
    )
    fuentes.registrar(INFORMES, "Informes de respuestas publicados", contar_informes)


def es_de_dialogos(clave: str) -> bool:
    return clave.startswith(PREFIJO)
