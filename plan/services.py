"""Writes of the plan app: progress reports and the evidence workflow.

Each service checks its permission itself (views may not forget) and runs
in a transaction, so bad input writes nothing.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from nucleo import cambios, historial
from nucleo.roles import Usuario, cuenta
from plan import fuentes, notificaciones, permisos
from plan.models import (
    MENSAJE_ARCHIVO_O_ENLACE,
    MENSAJE_CANTIDAD_NEGATIVA,
    MENSAJE_CUMPLIMIENTO_MAXIMO,
    Actividad,
    Avance,
    Evidencia,
    ObservacionSeguimiento,
)
from plan.permisos import ACTIVIDADES, EVIDENCIAS, Accion


def mensaje_avance_automatico(actividad: Actividad) -> str:
    """Why a hand report on an automatic activity is refused, and what to do instead."""
    registrada = fuentes.fuente(actividad.fuente_avance)
    origen = registrada.etiqueta if registrada else actividad.fuente_avance
    return (
        f"Esta actividad cuenta su avance automáticamente a partir de «{origen}»: un "
        "reporte manual no se tendría en cuenta, por eso no se registró. Si necesita "
        "reportar el avance a mano, pida a OPGI que cambie la actividad a avance manual."
    )


@transaction.atomic
def registrar_avance(
    *,
    actividad: Actividad,
    usuario: Usuario,
    fecha: date,
    cantidad: Decimal,
    narrativa: str,
    hoy: date | None = None,
    confirmado: bool = False,
    motivo: str = "",
    corrige: Avance | None = None,
) -> Avance:
    """Add a progress report (never edits an earlier one).

    An office's report is «enviado» until OPGI reviews it (plan/servicios_avances.py);
    OPGI's own is approved on save, by OPGI. A cumulative value lower than the latest
    approved one, or a date outside every window of the activity, is stored only when
    the reporter confirms it (`confirmado`) and says why (`motivo`).

    A **correction** of an approved report (`corrige`) is such a new report, with its
    reason in `motivo`; once approved (at once if OPGI writes it) it replaces the one
    it corrects, which stays, marked «reemplazado».
    """
    ACTIVIDADES.exigir(usuario, Accion.REPORTAR_AVANCE, actividad)
    if corrige is not None and (corrige.actividad_id != actividad.pk or not corrige.corregible):
        raise ValidationError(MENSAJE_SOLO_APROBADOS_SE_CORRIGEN, code="no_corregible")
    if actividad.es_automatica:
        # The activity counts its own records (plan.fuentes): a hand report would be
        # stored, ignored by every figure, and would come back if OPGI switched the
        # activity to manual. The page hides the form; the rule lives here.
        raise ValidationError(mensaje_avance_automatico(actividad), code="avance_automatico")
    hoy = hoy or timezone.localdate()
    errores: dict[str, str | list[str]] = {}
    errores_fecha: list[str] = []
    if fecha > hoy:
        errores_fecha.append("La fecha del avance no puede ser posterior a hoy.")
    if fecha.year != actividad.plan.vigencia:
        errores_fecha.append(
            f"La fecha debe estar dentro de la vigencia {actividad.plan.vigencia}."
        )
    if errores_fecha:
        errores["fecha"] = errores_fecha
    if cantidad < 0:
        errores["cantidad"] = MENSAJE_CANTIDAD_NEGATIVA
    elif actividad.es_porcentaje and cantidad > 100:
        errores["cantidad"] = "En una meta en porcentaje, el avance no puede superar 100 %."
    elif actividad.es_cualitativa and cantidad > 100:
        # No quantity to count against: the office reports how far along it is.
        errores["cantidad"] = MENSAJE_CUMPLIMIENTO_MAXIMO
    if not narrativa.strip():
        errores["narrativa"] = "Describa el avance realizado."
    if errores:
        raise ValidationError(errores)
    motivo = motivo.strip()
    if corrige is not None and not motivo:
        raise ValidationError({"motivo": MENSAJE_MOTIVO_CORRECCION})
    dudas = _dudas_del_avance(
        actividad=actividad, fecha=fecha, cantidad=cantidad, sin_contar=corrige
    )
    if dudas and not confirmado:
        raise ValidationError(
            {"confirmado": [*dudas, MENSAJE_CONFIRMAR]}, code="requiere_confirmacion"
        )
    if dudas and not motivo:
        raise ValidationError({"motivo": MENSAJE_MOTIVO_CONFIRMACION})
    revisa = ACTIVIDADES.puede(usuario, Accion.REVISAR_AVANCE)
    avance = Avance(
        actividad=actividad,
        fecha=fecha,
        cantidad=cantidad,
        narrativa=narrativa.strip(),
        motivo=motivo if dudas or corrige else "",
        reportado_por=cuenta(usuario),
        corrige=corrige,
    )
    if revisa:  # OPGI's own report: approved on save, and recorded as such
        avance.estado = Avance.Estado.APROBADO
        avance.revisado_por = cuenta(usuario)
        avance.revisado_en = timezone.now()
    cambios.autor_del_historial(avance, usuario)
    avance.save()
    cambios.registrar(
        "avance.aprobado" if revisa else "avance.enviado",
        usuario=usuario,
        objeto=avance,
        actividad=actividad.pk,
        **({"corrige": corrige.pk} if corrige else {}),
    )
    if revisa and corrige is not None:
        reemplazar_corregido(avance, usuario=usuario)
    return avance


def reemplazar_corregido(avance: Avance, *, usuario: Usuario) -> None:
    """Once `avance` is approved, the report it corrects stops counting (it stays)."""
    corregido = avance.corrige
    if corregido is not None and corregido.admite("reemplazar"):
        corregido.aplicar("reemplazar")
        cambios.autor_del_historial(corregido, usuario)
        corregido.save()
        cambios.registrar("avance.reemplazado", usuario=usuario, objeto=corregido, por=avance.pk)


MENSAJE_SOLO_APROBADOS_SE_CORRIGEN = "Solo se corrige un avance aprobado de esta actividad."
MENSAJE_MOTIVO_CORRECCION = "Indique el motivo de la corrección."
MENSAJE_CONFIRMAR = "Si el dato es correcto, marque la confirmación e indique el motivo."
MENSAJE_MOTIVO_CONFIRMACION = "Indique el motivo por el que confirma este avance."


def _dudas_del_avance(
    *, actividad: Actividad, fecha: date, cantidad: Decimal, sin_contar: Avance | None = None
) -> list[str]:
    """Why a report looks wrong (a lower cumulative value, a date outside the windows).

    A correction is not compared with the report it corrects (`sin_contar`)."""
    dudas = []
    aprobados = actividad.avances.filter(estado=Avance.Estado.APROBADO, fecha__lte=fecha)
    if sin_contar is not None:
        aprobados = aprobados.exclude(pk=sin_contar.pk)
    anterior = aprobados.order_by("-fecha", "-creado_en", "-pk").first()
    if anterior is not None and cantidad < anterior.cantidad:
        dudas.append(
            f"El valor acumulado ({cantidad:n}) es menor que el del último avance aprobado "
            f"({anterior.cantidad:n}, del {anterior.fecha:%d/%m/%Y}): el avance es lo logrado "
            "en total, no solo lo nuevo."
        )
    ventanas = list(actividad.ventanas.all())
    if ventanas and not any(v.inicio <= fecha <= v.fin for v in ventanas):
        fechas = ", ".join(f"{v.inicio:%d/%m/%Y} – {v.fin:%d/%m/%Y}" for v in ventanas)
        dudas.append(
            f"La fecha {fecha:%d/%m/%Y} está fuera de las fechas programadas de la "
            f"actividad ({fechas})."
        )
    return dudas


@transaction.atomic
def subir_evidencia(
    *,
    actividad: Actividad,
    usuario: Usuario,
    descripcion: str,
    archivo: UploadedFile | None = None,
    enlace: str = "",
) -> Evidencia:
    """Attach a file or a link to an activity, in state «enviada»."""
    ACTIVIDADES.exigir(usuario, Accion.SUBIR_EVIDENCIA, actividad)
    if not descripcion.strip():
        raise ValidationError({"descripcion": "Describa la evidencia."})
    if bool(archivo) == bool(enlace):
        raise ValidationError(MENSAJE_ARCHIVO_O_ENLACE)
    evidencia = Evidencia(
        actividad=actividad,
        descripcion=descripcion.strip(),
        enlace=enlace,
        subida_por=cuenta(usuario),
    )
    if archivo:
        evidencia.guardar_archivo(archivo)
    else:
        evidencia.full_clean()
        evidencia.save()
    cambios.registrar(
        "evidencia.enviada", usuario=usuario, objeto=evidencia, actividad=actividad.pk
    )
    return evidencia


def _revisada(
    evidencia: Evidencia, revisor: Usuario, transicion: str, comentario: str
) -> Evidencia:
    EVIDENCIAS.exigir(revisor, Accion.REVISAR_EVIDENCIA, evidencia)
    anterior = evidencia.aplicar(transicion)
    evidencia.comentario_revision = comentario
    evidencia.revisada_por = cuenta(revisor)
    evidencia.revisada_en = timezone.now()
    if evidencia.estado != Evidencia.Estado.APROBADA:
        evidencia.publica = False  # only an approved evidence is public
    evidencia.save()
    cambios.registrar(
        f"evidencia.{evidencia.estado}", usuario=revisor, objeto=evidencia, anterior=anterior
    )
    return evidencia


@transaction.atomic
def aprobar_evidencia(*, evidencia: Evidencia, revisor: Usuario, comentario: str = "") -> Evidencia:
    return _revisada(evidencia, revisor, "aprobar", comentario.strip())


@transaction.atomic
def devolver_evidencia(*, evidencia: Evidencia, revisor: Usuario, comentario: str) -> Evidencia:
    if not comentario.strip():
        raise ValidationError(
            {"comentario": "Explique a la oficina por qué se devuelve la evidencia."}
        )
    _revisada(evidencia, revisor, "devolver", comentario.strip())
    notificaciones.evidencia_devuelta(evidencia)
    return evidencia


@transaction.atomic
def cambiar_publicacion(*, evidencia: Evidencia, revisor: Usuario, publica: bool) -> Evidencia:
    EVIDENCIAS.exigir(revisor, Accion.REVISAR_EVIDENCIA, evidencia)
    if publica:
        evidencia.exigir("publicar")
    evidencia.publica = publica
    evidencia.save(update_fields=["publica"])
    cambios.registrar(
        "evidencia.publicada" if publica else "evidencia.retirada",
        usuario=revisor,
        objeto=evidencia,
    )
    return evidencia


MAX_OBSERVACION = 4000
MENSAJE_CORTE_CERRADO = (
    "Ese corte está cerrado por Control Interno: sus observaciones ya no cambian. "
    "Para corregirlas, Control Interno lo reabre indicando el motivo."
)


def version_observacion(observacion: ObservacionSeguimiento | None) -> int:
    """The latest history id of an observation (0 when there is none yet: unlike an
    activity's form, the observations page also offers the ones not written yet)."""
    if observacion is None or observacion.pk is None:
        return 0
    return historial.ultima_version(observacion) or 0


def _exigir_sin_conflicto(*, actividad: Actividad, corte: int, origen: str, visto: int) -> None:
    actual = (
        actividad.observaciones.filter(corte=corte, origen=origen)
        .select_related("actualizada_por")
        .first()
    )
    if version_observacion(actual) == visto:
        return
    assert actual is not None
    autor = historial.nombre_de_usuario(actual.actualizada_por, sin_usuario="Otra persona")
    cuando = timezone.localtime(actual.actualizada_en)
    raise ValidationError(
        {
            "texto": (
                f"{autor} guardó esta observación el {cuando:%d/%m/%Y a las %H:%M} "
                f"mientras usted la editaba: «{actual.texto}». Su texto no se guardó "
                "(se conserva en el formulario): revíselo y guarde de nuevo."
            )
        },
        code="conflicto",
    )


@transaction.atomic
def guardar_observacion(
    *,
    actividad: Actividad,
    corte: int,
    texto: str,
    usuario: Usuario,
    visto: int | None = None,
) -> ObservacionSeguimiento:
    """Store the follow-up's observation on an activity at corte number `corte` of its
    plan's vigencia (the number is what ObservacionSeguimiento keeps), replacing the
    earlier one.

    The origin comes from the role: Control Interno writes its own observation
    (Accion.ESCRIBIR_OBSERVACION_CI), OPGI its separate «Observación de OPGI»
    (ESCRIBIR_OBSERVACION_OPGI), never Control Interno's; an office writes none.
    `visto` is the latest history id of that observation the author saw (0: none):
    if someone saved it since, nothing is written and the error shows their text.
    Returns the ObservacionSeguimiento.
    """
    origen = permisos.origen_observacion(usuario)
    if origen is None:  # writes no observation: the policy's refusal and message
        ACTIVIDADES.exigir(usuario, Accion.ESCRIBIR_OBSERVACION_CI, actividad)
        raise AssertionError("unreachable: no origin means no permission")
    accion = (
        Accion.ESCRIBIR_OBSERVACION_CI
        if origen == ObservacionSeguimiento.Origen.CONTROL_INTERNO
        else Accion.ESCRIBIR_OBSERVACION_OPGI
    )
    ACTIVIDADES.exigir(usuario, accion, actividad)
    texto = texto.strip()
    try:
        actividad.plan.corte(corte)  # the one rule of a corte, and its message
    except ValidationError as error:
        raise ValidationError({"corte": error.messages}) from None
    if len(texto) > MAX_OBSERVACION:
        raise ValidationError(
            {"texto": f"Las observaciones no pueden pasar de {MAX_OBSERVACION} caracteres."}
        )
    if actividad.plan.cortes.filter(numero=corte, cerrado_en__isnull=False).exists():
        raise ValidationError({"texto": MENSAJE_CORTE_CERRADO}, code="corte_cerrado")
    if visto is not None:
        _exigir_sin_conflicto(actividad=actividad, corte=corte, origen=origen, visto=visto)
    observacion = actividad.observaciones.filter(
        corte=corte, origen=origen
    ).first() or ObservacionSeguimiento(actividad=actividad, corte=corte, origen=origen)
    observacion.texto = texto
    observacion.actualizada_por = cuenta(usuario)
    cambios.autor_del_historial(observacion, usuario)
    observacion.save()
    cambios.registrar(
        "observacion.guardada", usuario=usuario, objeto=observacion, actividad=actividad.pk
    )
    return observacion


@transaction.atomic
def cambiar_fuente_avance(*, actividad: Actividad, usuario: Usuario, fuente: str) -> Actividad:
    """OPGI switches an activity between hand-typed progress and an automatic source."""
    ACTIVIDADES.exigir(usuario, Accion.CAMBIAR_FUENTE_AVANCE, actividad)
    if fuente and fuentes.fuente(fuente) is None:
        raise ValidationError({"fuente": "Esa fuente automática de avance no existe."})
    anterior = actividad.fuente_avance
    actividad.fuente_avance = fuente
    actividad.save(update_fields=["fuente_avance"])
    cambios.registrar(
        "actividad.fuente_avance",
        usuario=usuario,
        objeto=actividad,
        anterior=anterior or "manual",
        nueva=fuente or "manual",
    )
    return actividad
