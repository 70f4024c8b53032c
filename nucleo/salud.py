"""`/salud/`: is this server fit to take requests? For the load balancer and monitoring.

Four checks, each cheap and timed:

- **base_de_datos**: one trivial query (`SELECT 1`).
- **cache**: a key written to and read back from the default cache (the rate limits
  and the entity live there: a cache that does not answer breaks public pages).
- **almacenamiento**: a tiny file written, read back and deleted under `salud/` of the
  default storage (evidence files): a read-only MEDIA_ROOT (systemd's ProtectSystem
  without ReadWritePaths) or a bucket without write permission shows here.
- **tareas**: background tasks (django-tasks-db) still READY more than
  SALUD_TAREAS_MINUTOS after they were due. Above SALUD_TAREAS_MAXIMO the worker is
  behind or stopped: «degradado», the site still serves (HTTP 200).

The answer is `{"estado": "ok"|"degradado"|"falla", "comprobaciones": {...}}`: HTTP 200
for ok and degradado, 503 when a check fails, so the balancer takes this server out.
It says nothing about the failure beyond its name (the detail, which may name hosts,
goes to the log «rdc.salud»), no personal data, no cookie, never cached, not rate
limited. The balancer's Host header must be in ALLOWED_HOSTS (its IP, when it calls
by IP): the host check stays on.
"""

import logging
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger("rdc.salud")

OK = "ok"
DEGRADADO = "degradado"
FALLA = "falla"

# One key per process: concurrent checks of several workers never read each other's value.
_CLAVE_CACHE = f"rdc.salud.{uuid.uuid4().hex}"


def tareas_minutos() -> int:
    return getattr(settings, "SALUD_TAREAS_MINUTOS", 15)


def tareas_maximo() -> int:
    return getattr(settings, "SALUD_TAREAS_MAXIMO", 0)


def comprobar_base_de_datos() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"estado": OK}


def comprobar_cache() -> dict[str, object]:
    valor = uuid.uuid4().hex
    cache.set(_CLAVE_CACHE, valor, timeout=60)
    if cache.get(_CLAVE_CACHE) != valor:
        raise RuntimeError("la caché no devolvió el valor escrito")
    return {"estado": OK}


def comprobar_almacenamiento() -> dict[str, object]:
    contenido = b"ok"
    nombre = default_storage.save(f"salud/{uuid.uuid4().hex}.txt", ContentFile(contenido))
    try:
        with default_storage.open(nombre, "rb") as archivo:
            leido = archivo.read()
    finally:
        default_storage.delete(nombre)
    if leido != contenido:
        raise RuntimeError("el almacenamiento no devolvió el archivo escrito")
    return {"estado": OK}


def comprobar_tareas() -> dict[str, object]:
    """READY tasks due more than SALUD_TAREAS_MINUTOS ago: one COUNT query."""
    limite = timezone.now() - timedelta(minutes=tareas_minutos())
    # A task without `run_after` is stored with the far-future date and due when enqueued.
    atrasadas = DBTaskResult.objects.filter(
        Q(run_after=get_date_max(), enqueued_at__lt=limite) | Q(run_after__lt=limite),
        status=TaskResultStatus.READY,
    ).count()
    return {
        "estado": DEGRADADO if atrasadas > tareas_maximo() else OK,
        "atrasadas": atrasadas,
        "minutos": tareas_minutos(),
    }


COMPROBACIONES: dict[str, Callable[[], dict[str, object]]] = {
    "base_de_datos": comprobar_base_de_datos,
    "cache": comprobar_cache,
    "almacenamiento": comprobar_almacenamiento,
    "tareas": comprobar_tareas,
}


def _medir(nombre: str, comprobar: Callable[[], dict[str, object]]) -> dict[str, object]:
    inicio = time.perf_counter()
    try:
        resultado = comprobar()
    except Exception as error:  # any failure is an answer, never a 500
        logger.error("salud: falla %s (%s)", nombre, type(error).__name__, exc_info=True)
        resultado = {"estado": FALLA}
    resultado["ms"] = round((time.perf_counter() - inicio) * 1000, 1)
    return resultado


@never_cache
@require_safe
def salud(request: HttpRequest) -> JsonResponse:
    comprobaciones = {nombre: _medir(nombre, f) for nombre, f in COMPROBACIONES.items()}
    estados = {c["estado"] for c in comprobaciones.values()}
    estado = FALLA if FALLA in estados else DEGRADADO if DEGRADADO in estados else OK
    return JsonResponse(
        {"estado": estado, "comprobaciones": comprobaciones},
        status=503 if estado == FALLA else 200,
        json_dumps_params={"ensure_ascii": False},
    )
