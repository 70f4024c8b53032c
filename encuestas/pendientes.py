"""What is pending in the satisfaction surveys, for «Mis pendientes» (nucleo/pendientes.py).

Office: the open surveys of the spaces it organized that already took place, whose
paper answers it types in. One query.
"""

from django.urls import reverse
from django.utils import timezone

from dialogos.models import EspacioDialogo
from nucleo.pendientes import Grupo, Pendiente
from plan.models import Responsable

from .models import Encuesta


def encuestas_por_digitar(*, responsable: Responsable) -> Grupo:
    ahora = timezone.now()
    encuestas = (
        Encuesta.objects.filter(
            espacio__oficinas=responsable,
            espacio__estado=EspacioDialogo.Estado.REALIZADO,
            abre_en__lte=ahora,
            cierra_en__gt=ahora,
        )
        .select_related("espacio")
        .order_by("cierra_en", "pk")
        .distinct()
    )
    items = [
        Pendiente(
            texto=f"Digitar las encuestas en papel de «{encuesta.nombre}»",
            enlace=reverse("encuestas:papel", args=(encuesta.pk,)),
            detalle=f"Recibe respuestas hasta el {timezone.localtime(encuesta.cierra_en):%d/%m/%Y}",
        )
        for encuesta in encuestas
    ]
    return Grupo(
        "encuestas",
        "Encuestas de sus espacios por digitar",
        items,
        "No hay encuestas abiertas de sus espacios realizados.",
    )
