"""Production serving: DEBUG=0 settings pass `check --deploy`; gunicorn + whitenoise serve the app."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")


def _entorno_produccion(tmp_path: Path) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "una-clave-de-produccion-larga-y-aleatoria-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1,rdc.example.org",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        # Production names its entity (or creates it in the admin), see nucleo.W001.
        "ENTIDAD_NOMBRE": "Alcaldía de Prueba",
    }


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=RAIZ, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_sin_advertencias(tmp_path):
    entorno = _entorno_produccion(tmp_path)
    entorno["SECURE_SSL_REDIRECT"] = "1"
    resultado = _manage("check", "--deploy", "--fail-level", "WARNING", env=entorno)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "no issues" in resultado.stdout


def test_check_avisa_si_produccion_no_tiene_entidad(tmp_path):
    """Regression (issue 16): the neutral default would name every page «Entidad sin
    configurar»; `check` says so (nucleo.W001) when neither the admin nor the
    environment names the entity."""
    entorno = _entorno_produccion(tmp_path)
    del entorno["ENTIDAD_NOMBRE"]
    resultado = _manage("check", "--fail-level", "WARNING", env=entorno)
    assert resultado.returncode == 1
    assert "(nucleo.W001) No hay una entidad principal ni ENTIDAD_NOMBRE" in resultado.stderr


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _esperar(url: str, segundos: float = 20) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn no respondió en {url}")


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn no está instalado")
def test_gunicorn_y_whitenoise_sirven_la_aplicacion(tmp_path):
    entorno = _entorno_produccion(tmp_path)
    ordenes = (
        ("migrate", "--noinput"),
        ("createcachetable",),
        ("loaddata", "plan_2022"),
        ("collectstatic", "--noinput"),
    )
    for orden in ordenes:
        resultado = _manage(*orden, env=entorno)
        assert resultado.returncode == 0, resultado.stderr
    puerto = _puerto_libre()
    servidor = subprocess.Popen(
        [str(GUNICORN), "pasto_rdc.wsgi", "-b", f"127.0.0.1:{puerto}", "-w", "1"],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{puerto}"
        _esperar(base + "/datos-abiertos/")
        pagina = urllib.request.urlopen(base + "/").read().decode()
        assert "Estrategia de Rendición de Cuentas 2022" in pagina
        assert urllib.request.urlopen(base + "/dialogos/preguntar/").status == 200
        # whitenoise serves the hashed (cache-forever) file the page links to.
        hoja = pagina.split('href="/static/')[1].split('"')[0]
        assert hoja.startswith("css/pasto_rdc.") and hoja.endswith(".css")
        respuesta = urllib.request.urlopen(f"{base}/static/{hoja}")
        assert respuesta.status == 200
        assert "max-age" in respuesta.headers["Cache-Control"]
    finally:
        servidor.terminate()
        servidor.wait(timeout=10)
