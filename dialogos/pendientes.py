"""What is pending in the dialogue with citizens, for «Mis pendientes» (nucleo/pendientes.py).

Office: the questions assigned to it, with the business days left of their legal
term (red at 3 or fewer, or late), and the commitments of its spaces due within 15
days or overdue. OPGI: questions to assign, answers to review and publish, every
open question close to or past its term, and the spaces whose date passed without a
closing record, and the programmed hearings whose management report is missing or
was published less than 30 days before them (dialogos.murc). One query per group.
"""

from datetime import date, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from nucleo.pendientes import Grupo, Pendiente
from plan.models import Responsable

from . import murc, reglas
from .models import Compromiso, EspacioDialogo, Pregunta

DIAS_DE_AVISO = 15


def _plazo(pregunta: Pregunta, hoy: date) -> reglas.Plazo:
    return reglas.plazo(vence_el=pregunta.vence_el, hoy=hoy)


def _urgente(plazo: reglas.Plazo) -> bool:
    return plazo.vencida or plazo.dias_restantes <= reglas.DIAS_POR_VENCER


def _item_pregunta(pregunta: Pregunta, hoy: date, accion: str) -> Pendiente:
    plazo = _plazo(pregunta, hoy)
    return Pendiente(
        texto=f"{accion} la pregunta {pregunta.radicado}",
        enlace=reverse("dialogos:pregunta", args=(pregunta.pk,)),
        detalle=f"Vence el {pregunta.vence_el:%d/%m/%Y}: {plazo.texto}",
        urgente=_urgente(plazo),
    )


def _por_plazo(preguntas: QuerySet[Pregunta]) -> QuerySet[Pregunta]:
    return preguntas.order_by("vence_el", "pk")


def preguntas_de_oficina(*, responsable: Responsable, hoy: date) -> Grupo:
    preguntas = _por_plazo(
        Pregunta.objects.filter(oficina=responsable, estado=Pregunta.Estado.ASIGNADA)
    )
    return Grupo(
        "preguntas",
        "Preguntas ciudadanas por responder",
        [_item_pregunta(p, hoy, "Responder") for p in preguntas],
        "No tiene preguntas por responder.",
    )


def compromisos_de_oficina(*, responsable: Responsable, hoy: date) -> Grupo:
    compromisos = (
        Compromiso.objects.filter(
            responsable=responsable, fecha_limite__lte=hoy + timedelta(days=DIAS_DE_AVISO)
        )
        .exclude(estado=Compromiso.Estado.CUMPLIDO)
        .select_related("espacio")
        .order_by("fecha_limite", "pk")
    )
    items = [
        Pendiente(
            texto=f"Compromiso de «{c.espacio.titulo}»: {c.descripcion[:120]}",
            enlace=reverse("dialogos:compromisos") + f"#compromiso-{c.pk}",
            detalle=f"Fecha límite: {c.fecha_limite:%d/%m/%Y}",
            urgente=c.fecha_limite < hoy,
        )
        for c in compromisos
    ]
    return Grupo(
        "compromisos",
        "Compromisos de los espacios de diálogo",
        items,
        "No hay compromisos que venzan en los próximos 15 días.",
    )


def preguntas_para_opgi(*, hoy: date) -> list[Grupo]:
    """To assign, to publish, and every unanswered one close to or past its term."""
    abiertas = _por_plazo(
        Pregunta.objects.filter(
            estado__in=[
                Pregunta.Estado.RECIBIDA,
                Pregunta.Estado.ASIGNADA,
                Pregunta.Estado.RESPONDIDA,
            ]
        ).select_related("oficina")
    )
    por_asignar, por_publicar, plazos = [], [], []
    for pregunta in abiertas:
        if pregunta.estado == Pregunta.Estado.RECIBIDA:
            por_asignar.append(_item_pregunta(pregunta, hoy, "Asignar"))
        elif pregunta.estado == Pregunta.Estado.RESPONDIDA:
            por_publicar.append(_item_pregunta(pregunta, hoy, "Revisar y publicar"))
            continue  # answered: its term is met
        plazo = _plazo(pregunta, hoy)
        if _urgente(plazo):
            oficina = pregunta.oficina.nombre if pregunta.oficina else "sin asignar"
            plazos.append(
                Pendiente(
                    texto=f"Pregunta {pregunta.radicado} ({oficina})",
                    enlace=reverse("dialogos:pregunta", args=(pregunta.pk,)),
                    detalle=f"Vence el {pregunta.vence_el:%d/%m/%Y}: {plazo.texto}",
                    urgente=True,
                )
            )
    return [
        Grupo("por_asignar", "Preguntas por asignar", por_asignar, "No hay preguntas por asignar."),
        Grupo(
            "por_publicar",
            "Respuestas por revisar y publicar",
            por_publicar,
            "No hay respuestas por publicar.",
        ),
        Grupo(
            "plazos",
            "Plazos legales por vencer o vencidos (Ley 1755 de 2015)",
            plazos,
            "Ninguna pregunta vence en los próximos 3 días hábiles.",
        ),
    ]


def espacios_sin_acta(*, oficina: Responsable | None = None) -> Grupo:
    """Spaces whose end passed while still «programado»: their closing record is due."""
    espacios = EspacioDialogo.objects.filter(
        estado=EspacioDialogo.Estado.PROGRAMADO, fin__lt=timezone.now()
    )
    if oficina is not None:
        espacios = espacios.filter(oficinas=oficina)
    items = [
        Pendiente(
            texto=f"Registrar el cierre de «{e.titulo}»",
            enlace=reverse("dialogos:gestion_espacio", args=(e.pk,)),
            detalle=f"Fue el {timezone.localtime(e.inicio):%d/%m/%Y}",
            urgente=True,
        )
        for e in espacios.order_by("inicio", "pk")
    ]
    return Grupo(
        "espacios_sin_acta",
        "Espacios realizados sin acta de cierre",
        items,
        "Todos los espacios pasados tienen su cierre registrado.",
    )


def audiencias_sin_informe(*, hoy: date) -> Grupo:
    """OPGI: programmed hearings whose management report is missing or late (the MURC's
    30 days); urgent once the last day to publish it in time has come."""
    audiencias = EspacioDialogo.objects.filter(
        estado=EspacioDialogo.Estado.PROGRAMADO, tipo__in=murc.TIPOS_AUDIENCIA
    ).order_by("inicio", "pk")
    items = [
        Pendiente(
            texto=f"Informe de gestión de «{e.titulo}»",
            enlace=reverse("dialogos:gestion_espacio", args=(e.pk,)),
            detalle=f"Audiencia del {e.fecha:%d/%m/%Y}. {avisos[0].mensaje}",
            urgente=hoy >= murc.limite_del_informe(e.fecha),
        )
        for e in audiencias
        if (avisos := murc.avisos_informe(e))
    ]
    return Grupo(
        "audiencias_sin_informe",
        "Audiencias sin informe de gestión publicado a tiempo (MURC)",
        items,
        "Todas las audiencias programadas tienen su informe de gestión publicado a tiempo.",
    )
