"""Outgoing e-mail: stored first, sent by a background task, retried, never twice.

An action that notifies someone (a question filed, evidence returned…) calls
`programar` inside its own transaction. The message is rendered from its Spanish
templates (`<plantilla>.txt` and `<plantilla>.html`, which extend correo/base.*: the
entity's name and a link back) and stored as a `Correo` row, and the task `enviar_correo`
(Django's tasks API, the django-tasks backport) is enqueued for it:

- in production, on the database backend (django-tasks-db): the task row commits, or
  not, with the action; `manage.py db_worker` sends it afterwards;
- in development and tests, on the immediate backend: it is sent at once.

Sending never raises into the action that asked for it: a failure is written on the
row (`intentos`, `error`) and `manage.py enviar_correos` (cron, also part of
`enviar_resumenes`) retries it, up to MAXIMO_INTENTOS; then it is «fallido». A
`clave` (e.g. «respuesta:ABC-123») makes a message idempotent: programming it again
stores and sends nothing.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from nucleo.entidad import entidad_actual
from nucleo.models import Correo

logger = logging.getLogger("rdc.correo")

MAXIMO_INTENTOS = 5


def contexto_base() -> dict[str, str]:
    """What every message says besides its own content: who sends it, where to go."""
    return {"entidad": entidad_actual().nombre, "sitio": settings.SITIO_URL.rstrip("/")}


def enlace(ruta: str) -> str:
    """An absolute link to a page of the site (e-mails cannot use relative ones)."""
    return settings.SITIO_URL.rstrip("/") + ruta


def programar(
    *,
    para: str,
    asunto: str,
    plantilla: str,
    contexto: Mapping[str, Any] | None = None,
    clave: str | None = None,
) -> Correo | None:
    """Store the message and enqueue its sending; None if there is no address or a
    message with the same `clave` was already programmed."""
    para = (para or "").strip()
    if not para:
        return None
    datos = {**contexto_base(), **(contexto or {}), "asunto": asunto}
    asunto_completo = f"{asunto} · {entidad_actual().nombre}"
    try:
        with (
            transaction.atomic()
        ):  # a savepoint: a repeated key leaves the caller's transaction intact
            correo = Correo.objects.create(
                para=para,
                asunto=asunto_completo[:200],
                texto=render_to_string(f"{plantilla}.txt", datos),
                html=render_to_string(f"{plantilla}.html", datos),
                clave=clave,
            )
    except IntegrityError:
        if clave and Correo.objects.filter(clave=clave).exists():
            return None
        raise
    _encolar(correo)
    return correo


@task()
def enviar_correo(correo_id: int) -> str:
    """The background task: send one stored message (see `enviar`)."""
    return enviar(correo_id)


def _encolar(correo: Correo) -> None:
    try:
        enviar_correo.enqueue(correo.pk)
    except Exception:  # a queue that is down must not undo the action; cron retries
        logger.exception("correo=%s no se pudo encolar", correo.pk)


def enviar(correo_id: int) -> str:
    """Send one stored message (the task's body). Returns its state; never raises."""
    with transaction.atomic():
        correo = Correo.objects.select_for_update().filter(pk=correo_id).first()
        if correo is None or correo.estado != Correo.Estado.PENDIENTE:
            return correo.estado if correo else "inexistente"
        mensaje = EmailMultiAlternatives(
            subject=correo.asunto,
            body=correo.texto,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[correo.para],
        )
        if correo.html:
            mensaje.attach_alternative(correo.html, "text/html")
        correo.intentos += 1
        try:
            mensaje.send()
        except Exception as error:  # SMTP, DNS, TLS… all the same to the sender
            correo.error = f"{type(error).__name__}: {error}"[:2000]
            if correo.intentos >= MAXIMO_INTENTOS:
                correo.estado = Correo.Estado.FALLIDO
            logger.warning("correo=%s intento=%s error=%s", correo.pk, correo.intentos, error)
        else:
            correo.estado = Correo.Estado.ENVIADO
            correo.enviado_en = timezone.now()
            correo.error = ""
        correo.save(update_fields=["intentos", "error", "estado", "enviado_en"])
        return correo.estado


def reintentar_pendientes() -> dict[str, int]:
    """Send again every message still pending (those that failed before included)."""
    conteo: dict[str, int] = {}
    pendientes = Correo.objects.filter(
        estado=Correo.Estado.PENDIENTE, intentos__lt=MAXIMO_INTENTOS
    ).values_list("pk", flat=True)
    for pk in list(pendientes):
        estado = enviar(pk)
        conteo[estado] = conteo.get(estado, 0) + 1
    return conteo
