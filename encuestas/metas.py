"""Meta 3.1 counts itself: encuestas' automatic progress source (plan.fuentes).

Registered in EncuestasConfig.ready(). An activity whose `fuente_avance` is
RESPUESTAS takes as achieved quantity the satisfaction-survey responses
(web and paper, of every survey) dated in the activity's plan year up to
the date the follow-up is computed for — as dialogos counts the citizens'
questions for 3.2. One query (a grouped subquery), whatever the number of
activities.
"""

from datetime import date
from decimal import Decimal

from plan import fuentes

from .models import Respuesta

PREFIJO = "encuestas."
RESPUESTAS = PREFIJO + "respuestas"

# The seed activity the source was made for («Al menos 50 encuestas aplicadas»).
SUGERIDAS = {"3.1": RESPUESTAS}


def contar_respuestas(actividades: list, fecha: date) -> dict[int, Decimal]:
    respuestas = Respuesta.objects.filter(fecha__lte=fecha)
    return fuentes.contar_por_vigencia(actividades, respuestas, "fecha__year")


def registrar() -> None:
    fuentes.registrar(
        RESPUESTAS, "Encuestas de satisfacción respondidas (web y papel)", contar_respuestas
    )


def es_de_encuestas(clave: str) -> bool:
    return clave.startswith(PREFIJO)
