"""Answer reports: OPGI records that a report of the answers was published (meta 3.4)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo import cambios
from nucleo.roles import Usuario, cuenta

from ..models import EspacioDialogo, InformeRespuestas
from ..permisos import INFORMES, Accion


@transaction.atomic
def registrar_informe(
    *,
    usuario: Usuario,
    titulo: str,
    publicado_el: date,
    espacio: EspacioDialogo | None = None,
    desde: date | None = None,
    hasta: date | None = None,
    hoy: date | None = None,
) -> InformeRespuestas:
    """Record that a report of the answers was published (counts for meta 3.4)."""
    if not INFORMES.puede(usuario, Accion.GESTIONAR_INFORMES):
        raise PermissionDenied(INFORMES.mensaje_sin_permiso)
    hoy = hoy or timezone.localdate()
    informe = InformeRespuestas(
        titulo=titulo.strip(),
        espacio=espacio,
        desde=desde,
        hasta=hasta,
        publicado_el=publicado_el,
        publicado_por=cuenta(usuario),
    )
    errores: dict[str, list[str]] = {}
    try:
        # Dates out of range are the model validators' (nucleo.fechas); the check
        # constraints are the scope rule below, given with its own message.
        informe.full_clean(exclude=["vigencia"], validate_constraints=False)
    except ValidationError as error:
        errores = error.message_dict
    if not informe.titulo:
        errores["titulo"] = ["Escriba el título del informe."]
    if errores:
        raise ValidationError(errores)
    if publicado_el and publicado_el > hoy:
        errores["publicado_el"] = ["La fecha de publicación no puede ser posterior a hoy."]
    try:
        InformeRespuestas.validar_alcance(espacio, desde, hasta)
    except ValidationError as error:
        for campo, mensajes in error.message_dict.items():
            errores.setdefault(campo, []).extend(mensajes)
    if errores:
        raise ValidationError(errores)
    # The year of the plan it counts for: the space's, or (without one) the period's.
    if espacio is not None:
        informe.vigencia = espacio.fecha.year
    elif desde is not None:
        informe.vigencia = desde.year
    informe.full_clean()
    informe.save()
    cambios.registrar("informe.publicado", usuario=usuario, objeto=informe)
    return informe
