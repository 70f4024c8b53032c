"""Reports too large for a request: asked for in the browser, built by a task.

A follow-up PDF of 1,000 activities takes about 25 s in WeasyPrint, near gunicorn's
30 s timeout. The view calls `pedir` instead: a `DocumentoGenerado` row is stored and
the task `generar_documento` is enqueued (django-tasks: the db_worker in production;
at once in development and tests). The task calls the row's `generador` — the dotted
path of an app's function `(*, formato, base_url, **parametros) -> bytes` — stores
the file, and e-mails whoever asked; «Mis pendientes» lists the user's documents with
their download link (`/documentos/<id>/`, for that user only).

The core imports no app: the generator is named by its path, as Django names backends.

A large PDF is rendered in sections inside that one task (nucleo.documentos.
pdf_por_secciones: the plan's follow-up and an office's report, plan.informes
.documento_seguimiento / documento_oficina), one section after the other, so the
worker's memory is bounded by a section whatever the plan's size; sections are not
spread over workers (a task's output is one file, and the join needs them all).
"""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from nucleo import correo
from nucleo.models import DocumentoGenerado
from nucleo.roles import Usuario, cuenta

logger = logging.getLogger("rdc.documentos")

MENSAJE_GENERANDO = (
    "Su informe se está generando. Cuando esté listo aparecerá en «Mis pendientes» con su "
    "enlace de descarga, y le llegará un correo."
)


def pedir(
    *,
    usuario: Usuario,
    titulo: str,
    nombre: str,
    formato: str,
    generador: str,
    parametros: dict[str, Any],
) -> DocumentoGenerado:
    documento = DocumentoGenerado.objects.create(
        pedido_por=cuenta(usuario),
        titulo=titulo,
        nombre=nombre,
        formato=formato,
        generador=generador,
        parametros=parametros,
    )
    try:
        generar_documento.enqueue(documento.pk)
    except Exception:  # the queue being down must not lose the request: it stays pending
        logger.exception("documento=%s no se pudo encolar", documento.pk)
    return documento


@task()
def generar_documento(documento_id: int) -> str:
    documento = DocumentoGenerado.objects.select_related("pedido_por").get(pk=documento_id)
    if documento.estado != DocumentoGenerado.Estado.PENDIENTE:
        return documento.estado
    construir = import_string(documento.generador)
    try:
        contenido: bytes = construir(
            formato=documento.formato, base_url=settings.SITIO_URL, **documento.parametros
        )
    except Exception as error:
        logger.exception("documento=%s no se pudo generar", documento.pk)
        documento.estado = DocumentoGenerado.Estado.FALLIDO
        documento.error = f"{type(error).__name__}: {error}"[:2000]
        documento.terminado_en = timezone.now()
        documento.save(update_fields=["estado", "error", "terminado_en"])
        return documento.estado
    documento.archivo.save(
        f"{documento.nombre}.{documento.formato}", ContentFile(contenido), save=False
    )
    documento.tamano = len(contenido)
    documento.nombre_original = f"{documento.nombre}.{documento.formato}"
    documento.estado = DocumentoGenerado.Estado.LISTO
    documento.terminado_en = timezone.now()
    documento.save()
    correo.programar(
        para=documento.pedido_por.email,
        asunto=f"Su informe está listo: {documento.titulo}",
        plantilla="correo/documento_listo",
        contexto={
            "documento": documento,
            "enlace": correo.enlace(reverse("documento_generado", args=(documento.pk,))),
        },
        clave=f"documento-listo:{documento.pk}",
    )
    return documento.estado


def recientes_de(usuario: Usuario, *, dias: int = 7) -> list[DocumentoGenerado]:
    """The user's documents asked for in the last `dias` days (one query)."""
    desde = timezone.now() - timedelta(days=dias)
    return list(DocumentoGenerado.objects.filter(pedido_por=cuenta(usuario), creado_en__gte=desde))
