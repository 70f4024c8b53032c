"""What is pending in the plan, for «Mis pendientes» (see nucleo/pendientes.py).

Office: the evidence and progress OPGI returned to it; its activities whose window
ends within 15 days, or ended this corte, without a report this corte. OPGI: the
evidence and progress waiting for review, the offices that have not reported this
corte, the follow-up publication deadline. Control Interno: the cortes to observe and
close, with their legal dates. Each group is one query (the plan's cortes one more).
"""

from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from nucleo.pendientes import Grupo, Pendiente
from plan import cortes as periodos
from plan.models import Actividad, Avance, Evidencia, Plan, Responsable

DIAS_DE_AVISO = 15  # «window ends within 15 days»
# A report counts as «this corte's» unless OPGI returned or annulled it.
_SIN_VALOR = [Avance.Estado.DEVUELTO, Avance.Estado.ANULADO]


def corte_en_curso(plan: Plan, hoy: date) -> periodos.Corte | None:
    return next((c for c in plan.cortes_del_seguimiento if c.inicio <= hoy <= c.fin), None)


def _dia(momento: datetime) -> str:
    return f"{timezone.localtime(momento):%d/%m/%Y}"


def _enlace_actividad(actividad_id: int, ancla: str = "") -> str:
    return reverse("actividad", args=(actividad_id,)) + (f"#{ancla}" if ancla else "")


def devueltos(*, responsable: Responsable) -> Grupo:
    """Evidence and progress OPGI returned to the office (and not reported again since)."""
    evidencias = Evidencia.objects.filter(
        actividad__asignaciones__responsable=responsable, estado=Evidencia.Estado.DEVUELTA
    ).select_related("actividad")
    posterior = Avance.objects.filter(
        actividad=OuterRef("actividad"), creado_en__gt=OuterRef("creado_en")
    )
    avances = (
        Avance.objects.filter(
            actividad__asignaciones__responsable=responsable, estado=Avance.Estado.DEVUELTO
        )
        .filter(~Exists(posterior))
        .select_related("actividad")
    )
    items = [
        Pendiente(
            texto=f"Evidencia devuelta: {e.descripcion} (actividad {e.actividad.codigo})",
            enlace=_enlace_actividad(e.actividad_id, f"evidencia-{e.pk}"),
            detalle=e.comentario_revision,
        )
        for e in evidencias.order_by("-revisada_en", "-pk")
    ] + [
        Pendiente(
            texto=f"Avance devuelto del {a.fecha:%d/%m/%Y} (actividad {a.actividad.codigo})",
            enlace=_enlace_actividad(a.actividad_id, "reportar"),
            detalle=a.comentario_revision,
        )
        for a in avances.order_by("-revisado_en", "-pk")
    ]
    return Grupo(
        "devueltos",
        "Devuelto por OPGI para corregir",
        items,
        "OPGI no le ha devuelto evidencias ni avances.",
    )


def _sin_reporte_en(corte: periodos.Corte) -> Q:
    reportes = Avance.objects.filter(
        actividad=OuterRef("pk"), fecha__gte=corte.inicio, fecha__lte=corte.fin
    ).exclude(estado__in=_SIN_VALOR)
    return ~Q(Exists(reportes))


def por_reportar(*, plan: Plan, responsable: Responsable, hoy: date) -> Grupo:
    """The office's activities due soon or overdue this corte, without a report this corte."""
    corte = corte_en_curso(plan, hoy)
    items: list[Pendiente] = []
    if corte is not None:
        actividades = (
            Actividad.objects.filter(plan=plan, asignaciones__responsable=responsable)
            .filter(
                ventanas__fin__gte=corte.inicio,
                ventanas__fin__lte=hoy + timedelta(days=DIAS_DE_AVISO),
            )
            .filter(_sin_reporte_en(corte))
            .distinct()
            .prefetch_related("ventanas")
            .order_by("orden")
        )
        for actividad in actividades:
            fin = min(
                (v.fin for v in actividad.ventanas.all() if v.fin >= corte.inicio),
                default=hoy,
            )
            vencida = fin < hoy
            items.append(
                Pendiente(
                    texto=f"Reportar el avance de la actividad {actividad.codigo}",
                    enlace=_enlace_actividad(actividad.pk, "reportar"),
                    detalle=(
                        f"Su fecha programada terminó el {fin:%d/%m/%Y}"
                        if vencida
                        else f"Su fecha programada termina el {fin:%d/%m/%Y}"
                    ),
                    urgente=vencida,
                )
            )
    return Grupo(
        "por_reportar",
        "Actividades por reportar en este corte",
        items,
        "Ninguna actividad vence en los próximos 15 días sin reporte.",
    )


def por_revisar() -> Grupo:
    """For OPGI: the evidence and progress reports the offices sent."""
    evidencias = Evidencia.objects.filter(estado=Evidencia.Estado.ENVIADA).select_related(
        "actividad"
    )
    avances = Avance.objects.filter(estado=Avance.Estado.ENVIADO).select_related("actividad")
    items = [
        Pendiente(
            texto=f"Revisar la evidencia «{e.descripcion}» (actividad {e.actividad.codigo})",
            enlace=_enlace_actividad(e.actividad_id, f"evidencia-{e.pk}"),
            detalle=f"Enviada el {_dia(e.subida_en)}",
        )
        for e in evidencias.order_by("subida_en", "pk")
    ] + [
        Pendiente(
            texto=f"Revisar el avance del {a.fecha:%d/%m/%Y} (actividad {a.actividad.codigo})",
            enlace=_enlace_actividad(a.actividad_id),
            detalle=f"Enviado el {_dia(a.creado_en)}",
        )
        for a in avances.order_by("creado_en", "pk")
    ]
    return Grupo(
        "por_revisar", "Evidencias y avances por revisar", items, "No hay nada por revisar."
    )


def oficinas_sin_reporte(*, plan: Plan, hoy: date) -> Grupo:
    """Offices with activities programmed in this corte (up to today) and no report in it."""
    corte = corte_en_curso(plan, hoy)
    items: list[Pendiente] = []
    if corte is not None:
        con_actividades = Actividad.objects.filter(
            plan=plan,
            asignaciones__responsable=OuterRef("pk"),
            ventanas__inicio__lte=hoy,
            ventanas__fin__gte=corte.inicio,
        )
        reportes = Avance.objects.filter(
            actividad__plan=plan,
            actividad__asignaciones__responsable=OuterRef("pk"),
            fecha__gte=corte.inicio,
            fecha__lte=corte.fin,
        ).exclude(estado__in=_SIN_VALOR)
        oficinas = Responsable.objects.filter(
            Exists(con_actividades), entidad_id=plan.entidad_id
        ).filter(~Exists(reportes))
        items = [
            Pendiente(
                texto=f"{oficina.nombre} no ha reportado avances en el {corte.nombre}",
                enlace=reverse("tablero_oficina", args=(oficina.slug,)),
            )
            for oficina in oficinas.order_by("nombre")
        ]
    return Grupo(
        "oficinas_sin_reporte",
        "Oficinas sin reportes en este corte",
        items,
        "Todas las oficinas con actividades en curso han reportado en este corte.",
    )


def cortes_por_cerrar(*, plan: Plan, hoy: date, para_control_interno: bool) -> Grupo:
    """Cortes already ended and not closed: Control Interno observes and closes them; OPGI
    sees their legal publication deadline (Decreto 124 de 2016)."""
    cerrados = set(plan.cortes.filter(cerrado_en__isnull=False).values_list("numero", flat=True))
    items = []
    for corte in plan.cortes_del_seguimiento:
        if corte.fin >= hoy or corte.numero in cerrados:
            continue
        plazo = periodos.PlazoPublicacion(corte=corte, hoy=hoy)
        accion = "Observar y cerrar" if para_control_interno else "Publicar el seguimiento del"
        items.append(
            Pendiente(
                texto=f"{accion} {corte.nombre}",
                enlace=reverse("observaciones_seguimiento", args=(plan.slug, corte.numero)),
                detalle=f"Publicación a más tardar el {plazo.vence_el:%d/%m/%Y}: {plazo.texto}",
                urgente=plazo.vencido or plazo.dias_restantes <= 3,
            )
        )
    return Grupo(
        "cortes",
        "Cortes del seguimiento por cerrar",
        items,
        "No hay cortes terminados sin cerrar.",
    )
