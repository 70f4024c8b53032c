"""Structured logs (nucleo/registro_json.py): one JSON line per request and per change of
state, parsed back; the user is an id, never a username or an e-mail."""

import io
import json
import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from nucleo import cambios
from nucleo.registro_json import FormatoJSON

RAIZ = Path(__file__).resolve().parent.parent


@pytest.fixture
def lineas_json():
    """The JSON lines of «rdc.peticiones», «rdc.cambios» and «django.request», as LOG_JSON=1."""
    salida = io.StringIO()
    manejador = logging.StreamHandler(salida)
    manejador.setFormatter(FormatoJSON())
    nombres = ("rdc.peticiones", "rdc.cambios", "django.request")
    registros = [logging.getLogger(n) for n in nombres]
    niveles = [r.level for r in registros]
    for registro in registros:
        registro.addHandler(manejador)
        registro.setLevel(logging.INFO)

    def leer(logger: str | None = None) -> list[dict]:
        lineas = [json.loads(linea) for linea in salida.getvalue().splitlines()]
        return [linea for linea in lineas if logger is None or linea["logger"] == logger]

    yield leer
    for registro, nivel in zip(registros, niveles, strict=True):
        registro.removeHandler(manejador)
        registro.setLevel(nivel)


@pytest.mark.django_db
def test_cada_peticion_deja_una_linea_json_con_hora_estado_y_duracion(client, lineas_json):
    client.get("/salud/?token=secreto")
    client.get("/no-existe/")

    salud, no_existe = lineas_json("rdc.peticiones")
    assert salud["method"] == "GET"
    assert salud["path"] == "/salud/"  # never the query string
    assert salud["status"] == 200
    assert isinstance(salud["duration_ms"], float)
    assert salud["user_id"] is None
    assert salud["time"].endswith("+00:00")
    assert salud["level"] == "INFO"
    assert "secreto" not in json.dumps(salud)
    assert no_existe["status"] == 404


@pytest.mark.django_db
def test_el_aviso_de_django_de_una_pagina_que_no_existe_no_lleva_la_consulta(client, lineas_json):
    client.get("/no-existe/?q=lo+que+busco+un+ciudadano")

    [aviso] = lineas_json("django.request")
    assert aviso["status_code"] == 404
    assert "/no-existe/" in aviso["message"]
    assert "busco" not in json.dumps(aviso)


def test_un_funcionario_queda_por_su_id_sin_usuario_ni_correo(client, alicia, lineas_json):
    client.force_login(alicia)
    assert client.get(reverse("mis_pendientes")).status_code == 200

    [linea] = lineas_json("rdc.peticiones")
    assert linea["user_id"] == alicia.pk
    texto = json.dumps(linea)
    assert alicia.email not in texto
    assert "alicia" not in texto


@pytest.mark.django_db
def test_el_enlace_para_cambiar_la_clave_se_registra_sin_su_token(client, lineas_json):
    client.get("/cuentas/clave/nueva/MQ/abc123-token-secreto/")

    [linea] = lineas_json("rdc.peticiones")
    assert linea["path"] == "/cuentas/clave/nueva/<uidb64>/<token>/"
    assert "token-secreto" not in json.dumps(linea)


def test_un_cambio_de_estado_es_una_linea_json_con_accion_modelo_pk_y_usuario(
    alicia, actividad, lineas_json
):
    objeto = actividad("1.1")
    cambios.registrar("actividad.revisada", usuario=alicia, objeto=objeto, anterior="enviada")

    [linea] = lineas_json("rdc.cambios")
    assert linea["action"] == "actividad.revisada"
    assert linea["model"] == "plan.actividad"
    assert linea["pk"] == objeto.pk
    assert linea["user_id"] == alicia.pk
    assert linea["details"] == {"anterior": "enviada"}
    assert alicia.email not in json.dumps(linea)


def test_un_cambio_de_un_ciudadano_no_tiene_usuario(plan_2022, actividad, lineas_json):
    cambios.registrar("pregunta.recibida", usuario=None, objeto=actividad("1.1"))

    [linea] = lineas_json("rdc.cambios")
    assert linea["user_id"] is None


def test_el_formato_escribe_la_excepcion_y_convierte_lo_que_no_es_json():
    registro = logging.getLogger("rdc.prueba")
    try:
        raise ValueError("algo salió mal")
    except ValueError:
        record = registro.makeRecord(
            "rdc.prueba",
            logging.ERROR,
            __file__,
            1,
            "falló %s",
            ("la tarea",),
            sys.exc_info(),
            extra={"fecha": date(2022, 6, 30)},
        )

    linea = json.loads(FormatoJSON().format(record))

    assert linea["message"] == "falló la tarea"
    assert linea["level"] == "ERROR"
    assert linea["fecha"] == "2022-06-30"
    assert "ValueError: algo salió mal" in linea["exception"]
    assert "\n" not in FormatoJSON().format(record)  # one line, whatever the traceback


def _registrar_en_un_proceso(log_json: str) -> list[str]:
    orden = "import logging; logging.getLogger('rdc.cambios').info('cambio=prueba')"
    entorno = {
        "PATH": os.environ["PATH"],
        "DEBUG": "1",
        "LOG_JSON": log_json,
        "DJANGO_SETTINGS_MODULE": "pasto_rdc.settings",
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", orden],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stderr
    return resultado.stderr.strip().splitlines()


def test_con_log_json_1_cada_linea_es_json_y_sin_el_texto_plano():
    lineas = [json.loads(linea) for linea in _registrar_en_un_proceso("1")]
    assert {"logger": "rdc.cambios", "message": "cambio=prueba"}.items() <= lineas[-1].items()

    assert _registrar_en_un_proceso("0")[-1] == "cambio=prueba"
