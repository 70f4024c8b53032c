"""E-mails of the plan's workflow (nucleo/correo.py stores, sends and retries them).

To an office: the evidence or progress report OPGI returned, with OPGI's comment and a
link to the activity. Sent to every active user of each office of the activity who
has an e-mail address.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from nucleo import correo
from plan.models import Actividad, Avance, Evidencia, Responsable


def correos_de_oficinas(oficinas: Iterable[Responsable]) -> list[str]:
    """The addresses of the active users of `oficinas` (one query)."""
    direcciones = (
        get_user_model()
        .objects.filter(perfil__responsable__in=list(oficinas), is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(direcciones)


def _oficinas(actividad: Actividad) -> list[Responsable]:
    return [a.responsable for a in actividad.asignaciones.select_related("responsable")]


def _avisar_oficinas(
    *, actividad: Actividad, asunto: str, plantilla: str, contexto: dict[str, Any], clave: str
) -> None:
    contexto = {
        **contexto,
        "actividad": actividad,
        "enlace": correo.enlace(reverse("actividad", args=(actividad.pk,))),
    }
    for para in correos_de_oficinas(_oficinas(actividad)):
        correo.programar(
            para=para,
            asunto=asunto,
            plantilla=plantilla,
            contexto=contexto,
            clave=f"{clave}:{para}",
        )


def evidencia_devuelta(evidencia: Evidencia) -> None:
    momento = timezone.localtime(evidencia.revisada_en).isoformat()
    _avisar_oficinas(
        actividad=evidencia.actividad,
        asunto=f"OPGI devolvió una evidencia de la actividad {evidencia.actividad.codigo}",
        plantilla="plan/correo/evidencia_devuelta",
        contexto={"evidencia": evidencia},
        clave=f"evidencia-devuelta:{evidencia.pk}:{momento}",
    )


def avance_devuelto(avance: Avance) -> None:
    momento = timezone.localtime(avance.revisado_en).isoformat()
    _avisar_oficinas(
        actividad=avance.actividad,
        asunto=f"OPGI devolvió un avance de la actividad {avance.actividad.codigo}",
        plantilla="plan/correo/avance_devuelto",
        contexto={"avance": avance},
        clave=f"avance-devuelto:{avance.pk}:{momento}",
    )
