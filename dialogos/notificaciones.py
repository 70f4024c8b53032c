"""E-mails of the citizens' questions (nucleo/correo.py stores, sends and retries them).

To the citizen who asked to receive the answer and left an e-mail: the receipt with
the radicado and the legal deadline when the question is filed, and the answer, with
its date, when it is published (Ley 1755 de 2015: the answer is notified). To the
office a question is assigned to: the question, its deadline and a link to answer it.
"""

from django.urls import reverse
from django.utils import timezone

from nucleo import correo
from plan.notificaciones import correos_de_oficinas

from . import reglas
from .models import EventoPlazo, Pregunta


def _al_ciudadano(
    pregunta: Pregunta,
    *,
    asunto: str,
    plantilla: str,
    clave: str,
    contexto: dict[str, object] | None = None,
) -> None:
    if not (pregunta.quiere_respuesta and pregunta.correo):
        return
    correo.programar(
        para=pregunta.correo,
        asunto=asunto,
        plantilla=plantilla,
        contexto={
            "pregunta": pregunta,
            "consulta": correo.enlace(reverse("dialogos:consulta")),
            "respuestas": correo.enlace(reverse("dialogos:respuestas")),
            **(contexto or {}),
        },
        clave=clave,
    )


def acuse_de_recibo(pregunta: Pregunta) -> None:
    _al_ciudadano(
        pregunta,
        asunto=f"Recibimos su pregunta: radicado {pregunta.radicado}",
        plantilla="dialogos/correo/acuse_de_recibo",
        clave=f"pregunta-recibida:{pregunta.pk}",
    )


def respuesta_publicada(pregunta: Pregunta) -> None:
    _al_ciudadano(
        pregunta,
        asunto=f"Respuesta a su pregunta {pregunta.radicado}",
        plantilla="dialogos/correo/respuesta",
        clave=f"pregunta-respondida:{pregunta.pk}",
    )


ASUNTOS_DE_EVENTO: dict[str, str] = {
    EventoPlazo.Tipo.PRORROGA: "Se amplió el plazo para responder su pregunta {radicado}",
    EventoPlazo.Tipo.TRASLADO: "Su pregunta {radicado} fue trasladada a otra entidad",
    EventoPlazo.Tipo.SOLICITUD_COMPLETAR: "Complete su pregunta {radicado}",
    EventoPlazo.Tipo.DESISTIDA: "Su pregunta {radicado} se cerró por desistimiento",
}


def evento_de_plazo(evento: EventoPlazo) -> None:
    """Tell the citizen of an extension, a forwarding, a request to complete, a closing
    (Ley 1755 de 2015, arts. 14, 17 and 21: each is communicated to the petitioner)."""
    pregunta = evento.pregunta
    contexto: dict[str, object] = {"evento": evento}
    if evento.tipo == EventoPlazo.Tipo.SOLICITUD_COMPLETAR:
        contexto["completar_hasta"] = reglas.limite_para_completar(evento.fecha)
    _al_ciudadano(
        pregunta,
        asunto=ASUNTOS_DE_EVENTO[evento.tipo].format(radicado=pregunta.radicado),
        plantilla=f"dialogos/correo/{evento.tipo}",
        clave=f"pregunta-{evento.tipo}:{evento.pk}",
        contexto=contexto,
    )


def pregunta_asignada(pregunta: Pregunta) -> None:
    if pregunta.oficina is None:
        return
    momento = timezone.localtime(pregunta.asignada_en).isoformat()
    contexto = {
        "pregunta": pregunta,
        "enlace": correo.enlace(reverse("dialogos:pregunta", args=(pregunta.pk,))),
    }
    for para in correos_de_oficinas([pregunta.oficina]):
        correo.programar(
            para=para,
            asunto=f"Pregunta ciudadana {pregunta.radicado} para responder",
            plantilla="dialogos/correo/pregunta_asignada",
            contexto=contexto,
            clave=f"pregunta-asignada:{pregunta.pk}:{momento}:{para}",
        )
