"""Writes of resultados: OPGI publishes a report once its figures were reviewed.

Publishing freezes the report: its PDF and XLSX are rendered here, once, and stored
with their SHA-256 on the InformePublicado row; every public download serves them.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dialogos.models import EspacioDialogo
from nucleo import cambios
from nucleo.roles import Usuario, cuenta
from plan import selectors as plan_selectors
from plan.models import Plan

from . import informes, selectors
from .models import MENSAJE_AUDIENCIA_YA, MENSAJE_VIGENCIA_YA, InformePublicado
from .permisos import INFORMES, Accion

MENSAJE_NO_ES_AUDIENCIA = "Solo una audiencia pública o sectorial tiene este informe."
MENSAJE_NO_REALIZADA = "El informe de una audiencia se publica cuando la audiencia ya se realizó."
MENSAJE_PLAN_SIN_PUBLICAR = "El informe de resultados se publica cuando su plan está publicado."


def _exigir_permiso(usuario: Usuario) -> None:
    if not INFORMES.puede(usuario, Accion.PUBLICAR):
        raise PermissionDenied(INFORMES.mensaje_sin_permiso)


def _congelar(informe: InformePublicado, documento: informes.Documento) -> None:
    """Store the report's files on the row (saved by the caller)."""
    informe.nombre = documento.nombre
    for formato, datos in documento.contenidos.items():
        informe.archivo(formato).save(
            f"{documento.nombre}.{formato}", ContentFile(datos), save=False
        )
        setattr(informe, f"sha256_{formato}", hashlib.sha256(datos).hexdigest())


@transaction.atomic
def publicar_informe_audiencia(*, espacio: EspacioDialogo, usuario: Usuario) -> InformePublicado:
    """Publish a realised hearing's report (its figures are then public)."""
    _exigir_permiso(usuario)
    # Locked: two OPGI clicks at once publish once (the second gets the message).
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    if not selectors.es_audiencia(espacio):
        raise ValidationError(MENSAJE_NO_ES_AUDIENCIA, code="tipo")
    if not espacio.esta_realizado:
        raise ValidationError(MENSAJE_NO_REALIZADA, code="estado")
    tipo = InformePublicado.Tipo.AUDIENCIA
    if InformePublicado.objects.filter(tipo=tipo, espacio=espacio).exists():
        raise ValidationError(MENSAJE_AUDIENCIA_YA, code="publicado")
    informe = InformePublicado(
        tipo=tipo, espacio=espacio, publicado_por=cuenta(usuario), publicado_en=timezone.now()
    )
    _congelar(informe, informes.documento_audiencia(selectors.informe_audiencia(espacio=espacio)))
    cambios.autor_del_historial(informe, usuario)
    informe.save()
    cambios.registrar(
        "informe_resultados.publicado", usuario=usuario, objeto=informe, espacio=espacio.pk
    )
    return informe


@transaction.atomic
def publicar_informe_resultados(*, plan: Plan, usuario: Usuario) -> InformePublicado:
    """Publish the results report of `plan`'s vigencia (only for a published plan)."""
    _exigir_permiso(usuario)
    if not plan_selectors.es_publico(plan):
        raise ValidationError(MENSAJE_PLAN_SIN_PUBLICAR, code="plan")
    tipo = InformePublicado.Tipo.ESTRATEGIA
    if InformePublicado.objects.filter(tipo=tipo, plan=plan).exists():
        raise ValidationError(MENSAJE_VIGENCIA_YA, code="publicado")
    informe = InformePublicado(
        tipo=tipo,
        plan=plan,
        vigencia=plan.vigencia,
        publicado_por=cuenta(usuario),
        publicado_en=timezone.now(),
    )
    _congelar(informe, informes.documento_estrategia(selectors.informe_estrategia(plan=plan)))
    cambios.autor_del_historial(informe, usuario)
    informe.save()
    cambios.registrar(
        "informe_resultados.publicado", usuario=usuario, objeto=informe, plan=plan.slug
    )
    return informe
