"""Writes of the plan app: progress reports and the evidence workflow.

Each service checks its permission itself (views may not forget) and runs
in a transaction, so bad input writes nothing.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo.permisos import M, Politica
from nucleo.roles import Usuario
from plan import fuentes
from plan.models import Actividad, Avance, Evidencia
from plan.permisos import ACTIVIDADES, EVIDENCIAS, Accion


def _exigir(politica: Politica[M], usuario: Usuario, accion: Accion, objeto: M) -> None:
    """Refuse with the policy's message unless `usuario` may do `accion` on `objeto`."""
    if not politica.permite(usuario, accion, objeto):
        raise PermissionDenied(politica.mensaje_sin_permiso)


@transaction.atomic
def registrar_avance(
    *,
    actividad: Actividad,
    usuario,
    fecha: date,
    cantidad: Decimal,
    narrativa: str,
    hoy: date | None = None,
) -> Avance:
    """Add a progress report (never replaces an earlier one)."""
    _exigir(ACTIVIDADES, usuario, Accion.REPORTAR_AVANCE, actividad)
    if actividad.es_automatica:
        # The activity counts its own records (plan.fuentes): a hand report would be
        # stored, ignored by every figure, and would come back if OPGI switched the
        # activity to manual. The page hides the form; the rule lives here.
        raise ValidationError(
            "El avance de esta actividad se calcula automáticamente: no recibe reportes "
            "manuales. Pida a OPGI que la cambie a avance manual si lo necesita."
        )
    hoy = hoy or timezone.localdate()
    errores = {}
    errores_fecha = []
    if fecha > hoy:
        errores_fecha.append("La fecha del avance no puede ser posterior a hoy.")
    if fecha.year != actividad.plan.vigencia:
        errores_fecha.append(
            f"La fecha debe estar dentro de la vigencia {actividad.plan.vigencia}."
        )
    if errores_fecha:
        errores["fecha"] = errores_fecha
    if cantidad < 0:
        errores["cantidad"] = "La cantidad no puede ser negativa."
    elif actividad.es_porcentaje and cantidad > 100:
        errores["cantidad"] = "En una meta en porcentaje, el avance no puede superar 100 %."
    if not narrativa.strip():
        errores["narrativa"] = "Describa el avance realizado."
    if errores:
        raise ValidationError(errores)
    return Avance.objects.create(
        actividad=actividad,
        fecha=fecha,
        cantidad=cantidad,
        narrativa=narrativa.strip(),
        reportado_por=usuario,
    )


@transaction.atomic
def subir_evidencia(
    *,
    actividad: Actividad,
    usuario,
    descripcion: str,
    archivo=None,
    enlace: str = "",
) -> Evidencia:
    """Attach a file or a link to an activity, in state «enviada»."""
    _exigir(ACTIVIDADES, usuario, Accion.SUBIR_EVIDENCIA, actividad)
    if not descripcion.strip():
        raise ValidationError({"descripcion": "Describa la evidencia."})
    if bool(archivo) == bool(enlace):
        raise ValidationError("Adjunte un archivo o un enlace (uno de los dos, no ambos).")
    evidencia = Evidencia(
        actividad=actividad, descripcion=descripcion.strip(), enlace=enlace, subida_por=usuario
    )
    if not archivo:
        evidencia.full_clean()
        evidencia.save()
        return evidencia
    evidencia.guardar_archivo(archivo)
    return evidencia


def _revisada(evidencia: Evidencia, revisor, estado: str, comentario: str) -> Evidencia:
    _exigir(EVIDENCIAS, revisor, Accion.REVISAR_EVIDENCIA, evidencia)
    evidencia.estado = estado
    evidencia.comentario_revision = comentario
    evidencia.revisada_por = revisor
    evidencia.revisada_en = timezone.now()
    if estado != Evidencia.Estado.APROBADA:
        evidencia.publica = False
    evidencia.save()
    return evidencia


@transaction.atomic
def aprobar_evidencia(*, evidencia: Evidencia, revisor, comentario: str = "") -> Evidencia:
    return _revisada(evidencia, revisor, Evidencia.Estado.APROBADA, comentario.strip())


@transaction.atomic
def devolver_evidencia(*, evidencia: Evidencia, revisor, comentario: str) -> Evidencia:
    if not comentario.strip():
        raise ValidationError(
            {"comentario": "Explique a la oficina por qué se devuelve la evidencia."}
        )
    return _revisada(evidencia, revisor, Evidencia.Estado.DEVUELTA, comentario.strip())


@transaction.atomic
def cambiar_publicacion(*, evidencia: Evidencia, revisor, publica: bool) -> Evidencia:
    _exigir(EVIDENCIAS, revisor, Accion.REVISAR_EVIDENCIA, evidencia)
    if publica and evidencia.estado != Evidencia.Estado.APROBADA:
        raise ValidationError("Solo una evidencia aprobada puede publicarse.")
    evidencia.publica = publica
    evidencia.save(update_fields=["publica"])
    return evidencia


MAX_OBSERVACION = 4000


@transaction.atomic
def guardar_observacion(*, actividad: Actividad, corte: int, texto: str, usuario):
    """Store the follow-up's observation on an activity at a corte (1–3), replacing the earlier one.

    Only OPGI and Control interno (Accion.EDITAR_OBSERVACIONES) write them.
    Returns the ObservacionSeguimiento.
    """
    _exigir(ACTIVIDADES, usuario, Accion.EDITAR_OBSERVACIONES, actividad)
    texto = texto.strip()
    if corte not in (1, 2, 3):
        raise ValidationError({"corte": "El cuatrimestre debe ser 1, 2 o 3."})
    if len(texto) > MAX_OBSERVACION:
        raise ValidationError(
            {"texto": f"Las observaciones no pueden pasar de {MAX_OBSERVACION} caracteres."}
        )
    observacion, _ = actividad.observaciones.update_or_create(
        corte=corte, defaults={"texto": texto, "actualizada_por": usuario}
    )
    return observacion


@transaction.atomic
def cambiar_fuente_avance(*, actividad: Actividad, usuario, fuente: str) -> Actividad:
    """OPGI switches an activity between hand-typed progress and an automatic source."""
    _exigir(ACTIVIDADES, usuario, Accion.CAMBIAR_FUENTE_AVANCE, actividad)
    if fuente and fuentes.fuente(fuente) is None:
        raise ValidationError({"fuente": "Esa fuente automática de avance no existe."})
    actividad.fuente_avance = fuente
    actividad.save(update_fields=["fuente_avance"])
    return actividad
