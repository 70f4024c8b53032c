"""`/salud/` (nucleo/salud.py): the load balancer's health check.

Database, cache, storage and pending tasks, each with its state and time; 200 while
the server can serve (ok, degradado), 503 when a check fails; nothing cached, no
cookie, no detail of a failure, a fixed number of queries.
"""

import logging
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from nucleo import salud

pytestmark = pytest.mark.django_db

COMPROBACIONES = {"base_de_datos", "cache", "almacenamiento", "tareas"}


class AlmacenamientoSoloLectura(FileSystemStorage):
    """A MEDIA_ROOT the server cannot write (systemd's ProtectSystem without ReadWritePaths)."""

    def _save(self, name, content):
        raise PermissionError(13, "Read-only file system", name)


def _tarea(*, hace_minutos: int, estado=TaskResultStatus.READY, run_after=None) -> DBTaskResult:
    tarea = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="nucleo.correo.enviar",
        backend_name="default",
        status=estado,
        run_after=run_after or get_date_max(),
    )
    # enqueued_at is auto_now_add: move it back as a worker that stopped would leave it.
    DBTaskResult.objects.filter(pk=tarea.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=hace_minutos)
    )
    return tarea


def test_con_todo_en_orden_responde_ok_con_cada_comprobacion_y_su_tiempo(client):
    respuesta = client.get("/salud/")

    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/json"
    datos = respuesta.json()
    assert datos["estado"] == "ok"
    assert set(datos["comprobaciones"]) == COMPROBACIONES
    for nombre, comprobacion in datos["comprobaciones"].items():
        assert comprobacion["estado"] == "ok", nombre
        assert isinstance(comprobacion["ms"], float)
    assert datos["comprobaciones"]["tareas"]["atrasadas"] == 0


def test_nunca_se_guarda_en_cache_ni_escribe_una_cookie(client):
    respuesta = client.get("/salud/")

    assert "no-store" in respuesta["Cache-Control"]
    assert "Set-Cookie" not in respuesta.headers
    assert not respuesta.cookies
    # The security headers stay, as on every page.
    assert "Content-Security-Policy" in respuesta.headers
    assert respuesta["X-Content-Type-Options"] == "nosniff"


def test_la_prueba_de_almacenamiento_no_deja_archivos(client):
    client.get("/salud/")
    client.get("/salud/")

    _carpetas, archivos = default_storage.listdir("salud")
    assert archivos == []


def test_hace_un_numero_fijo_de_consultas(client, django_assert_num_queries):
    _tarea(hace_minutos=60)
    _tarea(hace_minutos=90)
    # SELECT 1 and the COUNT of late tasks (the tests' cache is in memory).
    with django_assert_num_queries(2):
        client.get("/salud/")


def test_una_falla_de_la_base_de_datos_responde_503_sin_detalles(client, monkeypatch, caplog):
    def sin_base_de_datos():
        raise OperationalError('could not connect to server "db-interna.example" port 5432')

    monkeypatch.setitem(salud.COMPROBACIONES, "base_de_datos", sin_base_de_datos)
    with caplog.at_level(logging.ERROR, logger="rdc.salud"):
        respuesta = client.get("/salud/")

    assert respuesta.status_code == 503
    datos = respuesta.json()
    assert datos["estado"] == "falla"
    assert datos["comprobaciones"]["base_de_datos"]["estado"] == "falla"
    assert datos["comprobaciones"]["cache"]["estado"] == "ok"
    # The detail (a host name) goes to the log, never to whoever asks.
    assert "db-interna" not in respuesta.content.decode()
    assert any("OperationalError" in r.getMessage() for r in caplog.records)


@override_settings(
    STORAGES={
        "default": {"BACKEND": "tests.test_salud.AlmacenamientoSoloLectura"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
def test_un_almacenamiento_que_no_se_puede_escribir_responde_503(client):
    respuesta = client.get("/salud/")

    assert respuesta.status_code == 503
    comprobaciones = respuesta.json()["comprobaciones"]
    assert comprobaciones["almacenamiento"]["estado"] == "falla"
    assert comprobaciones["base_de_datos"]["estado"] == "ok"


def test_tareas_atrasadas_por_encima_del_umbral_es_degradado_pero_sirve(client, settings):
    settings.SALUD_TAREAS_MINUTOS = 15
    settings.SALUD_TAREAS_MAXIMO = 1
    _tarea(hace_minutos=30)
    _tarea(hace_minutos=45)
    # None of these is late: recent, finished, or due only in the future.
    _tarea(hace_minutos=2)
    _tarea(hace_minutos=60, estado=TaskResultStatus.SUCCESSFUL)
    _tarea(hace_minutos=60, run_after=timezone.now() + timedelta(hours=1))

    respuesta = client.get("/salud/")

    assert respuesta.status_code == 200
    datos = respuesta.json()
    assert datos["estado"] == "degradado"
    assert datos["comprobaciones"]["tareas"] == {
        "estado": "degradado",
        "atrasadas": 2,
        "minutos": 15,
        "ms": datos["comprobaciones"]["tareas"]["ms"],
    }


def test_tareas_atrasadas_hasta_el_umbral_sigue_ok(client, settings):
    settings.SALUD_TAREAS_MAXIMO = 1
    _tarea(hace_minutos=30)

    datos = client.get("/salud/").json()

    assert datos["estado"] == "ok"
    assert datos["comprobaciones"]["tareas"]["atrasadas"] == 1


def test_una_tarea_programada_que_vencio_hace_rato_cuenta_como_atrasada(client):
    _tarea(hace_minutos=120, run_after=timezone.now() - timedelta(minutes=60))

    assert client.get("/salud/").json()["comprobaciones"]["tareas"]["atrasadas"] == 1


def test_solo_lectura_head_sirve_y_post_no(client):
    assert client.head("/salud/").status_code == 200
    assert client.post("/salud/").status_code == 405


def test_el_balanceador_que_llama_por_ip_debe_estar_en_allowed_hosts(client, settings):
    assert client.get("/salud/", HTTP_HOST="10.0.0.7").status_code == 400
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "10.0.0.7"]
    assert client.get("/salud/", HTTP_HOST="10.0.0.7").status_code == 200


def test_por_http_no_redirige_a_https_a_diferencia_de_las_paginas(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/salud/").status_code == 200
    assert client.get("/").status_code == 301
