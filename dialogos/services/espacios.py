"""Spaces: programme, edit, cancel, close as realised (with the record), attach files.

EspacioDialogo: programado → realizado (with its record) | cancelado (with a reason);
the table is on the model (EspacioDialogo.TRANSICIONES).
"""

from datetime import date, datetime
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from nucleo import cambios
from nucleo.roles import Usuario, cuenta
from plan.models import Actividad, Responsable

from .. import murc, permisos
from ..models import (
    MENSAJE_INFORME_AMBOS,
    MENSAJE_SIN_ASISTENTES,
    AdjuntoEspacio,
    CanalConvocatoria,
    EspacioDialogo,
    Territorio,
)
from ..permisos import ESPACIOS, Accion
from ..signals import espacio_programado

# Fields whose change a subscribed calendar must see (iCal SEQUENCE goes up).
CAMPOS_DEL_CALENDARIO = ("titulo", "tema", "inicio", "fin", "territorio_id", "lugar", "enlace")


class DatosEspacio(TypedDict):
    """What staff fill in for a space, the same when programming and when editing it."""

    tipo: str
    titulo: str
    oficinas: list[Responsable]
    inicio: datetime
    fin: datetime
    tema: NotRequired[str]
    actividad: NotRequired[Actividad | None]
    territorio: NotRequired[Territorio | None]
    lugar: NotRequired[str]
    enlace: NotRequired[str]


def _auditoria(avisos: list[murc.Aviso]) -> dict[str, str]:
    """The audit line's detail of a hearing saved with MURC warnings (the office decides)."""
    return {"avisos_murc": murc.codigos(avisos)} if avisos else {}


def _guardar_con_avisos(
    espacio: EspacioDialogo, usuario: Usuario, avisos: list[murc.Aviso]
) -> None:
    """Save; the history row says it was saved with the warnings (history_change_reason)."""
    razon = murc.razon_del_historial(avisos)
    if razon:
        espacio._change_reason = razon  # type: ignore[attr-defined]  # django-simple-history
    cambios.autor_del_historial(espacio, usuario)
    espacio.save()


def _exigir_actividad_propia(usuario: Usuario, actividad: Actividad | None) -> None:
    """A space adds to its activity's meta: an office links only its own activities."""
    if actividad is not None and not permisos.puede_vincular_actividad(usuario, actividad):
        raise PermissionDenied(
            f"La actividad {actividad.codigo} no es de su dependencia: un espacio solo puede "
            "sumar a la meta de una actividad de la que su dependencia es responsable."
        )


def _poner_datos(espacio: EspacioDialogo, datos: DatosEspacio) -> None:
    espacio.tipo = datos["tipo"]
    espacio.titulo = datos["titulo"].strip()
    espacio.tema = datos.get("tema", "").strip()
    espacio.actividad = datos.get("actividad")
    espacio.inicio = datos["inicio"]
    espacio.fin = datos["fin"]
    espacio.territorio = datos.get("territorio")
    espacio.lugar = datos.get("lugar", "").strip()
    espacio.enlace = datos.get("enlace", "").strip()


def _validar_datos_espacio(espacio: EspacioDialogo, oficinas: list[Responsable]) -> None:
    """The rules of a programmed space, each message on its field."""
    try:
        espacio.full_clean(validate_constraints=False)
    except ValidationError as excepcion:
        errores = excepcion.message_dict
    else:
        errores = {}
    # The dates out of range are the model validators' (nucleo.fechas); the form's
    # field for both is «fecha», and the other rules need sound dates.
    fuera_de_rango = errores.pop("inicio", []) + errores.pop("fin", [])
    if fuera_de_rango:
        raise ValidationError({"fecha": fuera_de_rango[:1]})

    def error(campo: str, mensaje: str) -> None:
        errores.setdefault(campo, []).append(mensaje)

    if not oficinas:
        error("oficinas", "Elija al menos una dependencia organizadora.")
    if espacio.inicio and espacio.fin and espacio.fin <= espacio.inicio:
        error("fin", "La hora de fin debe ser posterior a la de inicio.")
    if not espacio.lugar and not espacio.enlace:
        error("lugar", "Indique el lugar (dirección) o el enlace de la reunión virtual.")
    if espacio.tipo == EspacioDialogo.Tipo.ESPACIO_TERRITORIAL and espacio.territorio_id is None:
        error("territorio", "Un espacio territorial debe indicar su comuna o corregimiento.")
    actividad = espacio.actividad
    vigencia = timezone.localtime(espacio.inicio).year if espacio.inicio else None
    if actividad is not None and vigencia is not None and vigencia != actividad.plan.vigencia:
        error(
            "actividad",
            f"La actividad {actividad.codigo} es del plan {actividad.plan.vigencia}; "
            "el espacio debe realizarse en ese año.",
        )
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def programar_espacio(*, usuario: Usuario, **datos: Unpack[DatosEspacio]) -> EspacioDialogo:
    """Add a space to the schedule, in state «programado»."""
    oficinas = list(datos["oficinas"])
    # No offices at all is a missing field (_validar_datos_espacio says so), not a refusal.
    if oficinas and not permisos.puede_programar_para(usuario, oficinas):
        raise PermissionDenied(
            "Solo OPGI, o una dependencia que esté entre las organizadoras, programa espacios."
        )
    _exigir_actividad_propia(usuario, datos.get("actividad"))
    espacio = EspacioDialogo(creado_por=cuenta(usuario))
    _poner_datos(espacio, datos)
    _validar_datos_espacio(espacio, oficinas)
    avisos = murc.avisos_informe(espacio)
    _guardar_con_avisos(espacio, usuario, avisos)
    espacio.oficinas.set(oficinas)
    cambios.registrar("espacio.programado", usuario=usuario, objeto=espacio, **_auditoria(avisos))
    espacio_programado.send(sender=EspacioDialogo, espacio=espacio, usuario=usuario)
    return espacio


@transaction.atomic
def editar_espacio(
    *, espacio: EspacioDialogo, usuario: Usuario, **datos: Unpack[DatosEspacio]
) -> EspacioDialogo:
    """Change a programmed space (a realised or cancelled one is final)."""
    ESPACIOS.exigir(usuario, Accion.PROGRAMAR_ESPACIO, espacio)
    oficinas = list(datos["oficinas"])
    # No offices at all is a missing field (_validar_datos_espacio says so).
    if oficinas and not permisos.puede_programar_para(usuario, oficinas):
        raise ValidationError(
            {"oficinas": "Su dependencia debe seguir entre las organizadoras del espacio."}
        )
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    espacio.exigir("editar")
    actividad = datos.get("actividad")
    if actividad is not None and actividad.pk != espacio.actividad_id:
        # Keeping the activity OPGI chose is allowed; choosing another is not.
        _exigir_actividad_propia(usuario, actividad)
    antes = {campo: getattr(espacio, campo) for campo in CAMPOS_DEL_CALENDARIO}
    _poner_datos(espacio, datos)
    _validar_datos_espacio(espacio, oficinas)
    if any(getattr(espacio, campo) != valor for campo, valor in antes.items()):
        espacio.secuencia += 1
    avisos = murc.avisos_informe(espacio)
    _guardar_con_avisos(espacio, usuario, avisos)
    espacio.oficinas.set(oficinas)
    cambios.registrar("espacio.editado", usuario=usuario, objeto=espacio, **_auditoria(avisos))
    # An edit may turn a space into a hearing: the receivers are idempotent.
    espacio_programado.send(sender=EspacioDialogo, espacio=espacio, usuario=usuario)
    return espacio


@transaction.atomic
def cancelar_espacio(*, espacio: EspacioDialogo, usuario: Usuario, motivo: str) -> EspacioDialogo:
    """programado → cancelado; the reason is published with the schedule."""
    ESPACIOS.exigir(usuario, Accion.PROGRAMAR_ESPACIO, espacio)
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    espacio.exigir("cancelar")
    if not motivo.strip():
        raise ValidationError({"motivo": "Explique por qué se cancela el espacio."})
    anterior = espacio.aplicar("cancelar")
    espacio.motivo_cancelacion = motivo.strip()
    espacio.secuencia += 1
    espacio.save()
    cambios.registrar("espacio.cancelado", usuario=usuario, objeto=espacio, anterior=anterior)
    return espacio


@transaction.atomic
def registrar_realizacion(
    *,
    espacio: EspacioDialogo,
    usuario: Usuario,
    asistentes: int | None,
    acta: str,
    organizaciones: str = "",
    ahora: datetime | None = None,
) -> EspacioDialogo:
    """programado → realizado, with the closing record (attendees and minutes required)."""
    ESPACIOS.exigir(usuario, Accion.CERRAR_ESPACIO, espacio)
    ahora = ahora or timezone.now()
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    espacio.exigir("realizar")
    errores = {}
    if espacio.inicio > ahora:
        errores["__all__"] = (
            "El espacio todavía no ha empezado: no se puede registrar como realizado."
        )
    if asistentes is None:
        errores["asistentes"] = "Indique cuántas personas asistieron."
    elif asistentes < 1:
        errores["asistentes"] = MENSAJE_SIN_ASISTENTES
    if not acta.strip():
        errores["acta"] = "Escriba el resumen o acta del espacio."
    if errores:
        raise ValidationError(errores)
    anterior = espacio.aplicar("realizar")
    espacio.asistentes = asistentes
    espacio.acta = acta.strip()
    espacio.organizaciones = organizaciones.strip()
    espacio.cerrado_por = cuenta(usuario)
    espacio.cerrado_en = ahora
    espacio.secuencia += 1
    avisos = murc.avisos(espacio)
    _guardar_con_avisos(espacio, usuario, avisos)
    cambios.registrar(
        "espacio.realizado",
        usuario=usuario,
        objeto=espacio,
        anterior=anterior,
        **_auditoria(avisos),
    )
    return espacio


@transaction.atomic
def subir_adjunto(
    *,
    espacio: EspacioDialogo,
    usuario: Usuario,
    tipo: str,
    archivo: UploadedFile | None,
    descripcion: str = "",
) -> AdjuntoEspacio:
    """Attach a file (attendance list, photo…), checked and stored like plan evidence."""
    ESPACIOS.exigir(usuario, Accion.CERRAR_ESPACIO, espacio)
    espacio.exigir_adjuntos()
    if not archivo:
        raise ValidationError({"archivo": "Elija el archivo."})
    adjunto = AdjuntoEspacio(
        espacio=espacio, tipo=tipo, descripcion=descripcion.strip(), subido_por=cuenta(usuario)
    )
    adjunto.guardar_archivo(archivo)
    return adjunto


# --- The MURC cycle of a hearing: its management report and its convocatoria ----------


@transaction.atomic
def registrar_informe_gestion(
    *,
    espacio: EspacioDialogo,
    usuario: Usuario,
    publicado_el: date | None,
    enlace: str = "",
    archivo: UploadedFile | None = None,
) -> EspacioDialogo:
    """Link the hearing's management report (a document uploaded here, or a link) and the
    date it was published. Saved even if late (dialogos.murc): the audit line says so."""
    ESPACIOS.exigir(usuario, Accion.REGISTRAR_CICLO, espacio)
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    espacio.exigir_ciclo()
    enlace = enlace.strip()
    errores: dict[str, str] = {}
    if archivo and enlace:
        errores["enlace"] = MENSAJE_INFORME_AMBOS
    elif not archivo and not enlace and espacio.informe_adjunto_id is None:
        errores["enlace"] = "Adjunte el documento del informe de gestión o escriba su enlace."
    if publicado_el is None:
        errores["publicado_el"] = "Indique la fecha en que se publicó el informe de gestión."
    if errores:
        raise ValidationError(errores)
    espacio.informe_publicado_el = publicado_el
    if enlace:
        espacio.informe_enlace = enlace
        espacio.informe_adjunto = None
    try:
        espacio.clean_fields(exclude=_campos_salvo("informe_enlace", "informe_publicado_el"))
    except ValidationError as error:
        raise ValidationError(
            _renombrar(error, {"informe_publicado_el": "publicado_el", "informe_enlace": "enlace"})
        ) from None
    if archivo:
        adjunto = AdjuntoEspacio(
            espacio=espacio,
            tipo=AdjuntoEspacio.Tipo.INFORME,
            descripcion="Informe de gestión de la audiencia",
            subido_por=cuenta(usuario),
        )
        adjunto.guardar_archivo(archivo)
        espacio.informe_adjunto = adjunto
        espacio.informe_enlace = ""
    avisos = murc.avisos_informe(espacio)
    _guardar_con_avisos(espacio, usuario, avisos)
    cambios.registrar(
        "espacio.informe_gestion", usuario=usuario, objeto=espacio, **_auditoria(avisos)
    )
    return espacio


@transaction.atomic
def registrar_convocatoria(
    *,
    espacio: EspacioDialogo,
    usuario: Usuario,
    convocada_el: date | None,
    canales: list[str],
    nota: str = "",
) -> EspacioDialogo:
    """Record how and when the hearing was announced (the MURC's convocatoria)."""
    ESPACIOS.exigir(usuario, Accion.REGISTRAR_CICLO, espacio)
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    espacio.exigir_ciclo()
    validos = set(CanalConvocatoria.values)
    errores: dict[str, str] = {}
    if convocada_el is None:
        errores["convocada_el"] = "Indique la fecha de la convocatoria."
    if not canales:
        errores["canales"] = "Elija al menos un canal de la convocatoria."
    elif not set(canales) <= validos:
        errores["canales"] = "Elija los canales de la lista."
    if errores:
        raise ValidationError(errores)
    espacio.convocada_el = convocada_el
    espacio.convocatoria_canales = [c for c in CanalConvocatoria.values if c in set(canales)]
    espacio.convocatoria_nota = nota.strip()
    try:
        espacio.clean_fields(exclude=_campos_salvo("convocada_el"))
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    cambios.autor_del_historial(espacio, usuario)
    espacio.save()
    cambios.registrar("espacio.convocatoria", usuario=usuario, objeto=espacio)
    return espacio


def _campos_salvo(*campos: str) -> list[str]:
    return [f.name for f in EspacioDialogo._meta.fields if f.name not in campos]


def _renombrar(error: ValidationError, nombres: dict[str, str]) -> dict[str, list[str]]:
    """The model's field names as the form's."""
    return {nombres.get(campo, campo): mensajes for campo, mensajes in error.message_dict.items()}
