"""Commitments taken at a realised space, and their follow-up by the responsible office."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from nucleo import cambios
from nucleo.roles import Usuario
from plan.models import Responsable

from ..models import Compromiso, EspacioDialogo
from ..permisos import COMPROMISOS, ESPACIOS, Accion


@transaction.atomic
def agregar_compromiso(
    *,
    espacio: EspacioDialogo,
    usuario: Usuario,
    descripcion: str,
    responsable: Responsable,
    fecha_limite: date,
) -> Compromiso:
    """A commitment taken at a realised space."""
    ESPACIOS.exigir(usuario, Accion.CERRAR_ESPACIO, espacio)
    espacio.exigir("comprometer")
    compromiso = Compromiso(
        espacio=espacio,
        descripcion=descripcion.strip(),
        responsable=responsable,
        fecha_limite=fecha_limite,
    )
    errores: dict[str, list[str]] = {}
    try:
        # The date out of range is the model validator's (nucleo.fechas).
        compromiso.full_clean(exclude=["espacio"])
    except ValidationError as excepcion:
        errores = excepcion.message_dict
    if not compromiso.descripcion:
        errores["descripcion"] = ["Describa el compromiso."]
    if fecha_limite and "fecha_limite" not in errores and fecha_limite < espacio.fecha:
        errores["fecha_limite"] = ["La fecha límite no puede ser anterior al espacio."]
    if errores:
        raise ValidationError(errores)
    compromiso.save()
    return compromiso


@transaction.atomic
def actualizar_compromiso(
    *, compromiso: Compromiso, usuario: Usuario, estado: str, seguimiento: str = ""
) -> Compromiso:
    """The responsible office (or OPGI) reports the commitment's follow-up.

    The follow-up states (pendiente, en curso, cumplido) have no order: the office
    says where the commitment stands, so there is no transition table.
    """
    if not COMPROMISOS.permite(usuario, Accion.SEGUIR_COMPROMISO, compromiso):
        raise PermissionDenied("Solo la dependencia responsable actualiza este compromiso.")
    if estado not in Compromiso.Estado.values:
        raise ValidationError({"estado": "Elija un estado de seguimiento válido."})
    anterior = compromiso.estado
    compromiso.estado = estado
    compromiso.seguimiento = seguimiento.strip()
    compromiso.save(update_fields=["estado", "seguimiento", "actualizado_en"])
    cambios.registrar(f"compromiso.{estado}", usuario=usuario, objeto=compromiso, anterior=anterior)
    return compromiso
