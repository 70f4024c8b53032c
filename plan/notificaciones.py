"""E-mails of the plan's workflow (nucleo/correo.py stores, sends and retries them).

To an office: the evidence or progress report OPGI returned, with OPGI's comment and a
link to the activity. Sent to every active user of each office of the activity who
has an e-mail address.
"""

from collections.abc import Iterable
from datetime import datetime
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


def _devuelto(objeto: Evidencia | Avance, *, revisado_en: datetime, que: str, tipo: str) -> None:
    """OPGI returned `objeto` (an evidence or a report): tell the activity's offices."""
    momento = timezone.localtime(revisado_en).isoformat()
    _avisar_oficinas(
        actividad=objeto.actividad,
        asunto=f"OPGI devolvió {que} de la actividad {objeto.actividad.codigo}",
        plantilla=f"plan/correo/{tipo}",
        contexto={tipo.split("_")[0]: objeto},
        clave=f"{tipo}:{objeto.pk}:{momento}",
    )


def evidencia_devuelta(evidencia: Evidencia) -> None:
    assert evidencia.revisada_en is not None  # set by the review that returned it
    _devuelto(
        evidencia, revisado_en=evidencia.revisada_en, que="una evidencia", tipo="evidencia_devuelta"
    )


def avance_devuelto(avance: Avance) -> None:
    assert avance.revisado_en is not None
    _devuelto(avance, revisado_en=avance.revisado_en, que="un avance", tipo="avance_devuelto")
