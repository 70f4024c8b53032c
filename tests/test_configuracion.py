"""Settings come from the environment and fail loudly on nonsense."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pasto_rdc.env import env_bool, env_int, env_list

RAIZ = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("valor", "esperado"), [("1", True), ("true", True), ("sí", True), ("0", False), ("no", False)]
)
def test_env_bool_entiende_valores_comunes(monkeypatch, valor, esperado):
    monkeypatch.setenv("X_BOOL", valor)
    assert env_bool("X_BOOL") is esperado


def test_env_bool_rechaza_lo_que_no_entiende(monkeypatch):
    monkeypatch.setenv("X_BOOL", "quizás")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")


def test_env_int_y_env_list(monkeypatch):
    monkeypatch.setenv("X_INT", "veinte")
    with pytest.raises(ImproperlyConfigured, match="no es un número entero"):
        env_int("X_INT", 20)
    monkeypatch.setenv("X_LIST", "a.org, b.org,,")
    assert env_list("X_LIST", []) == ["a.org", "b.org"]
    assert env_int("NO_DEFINIDA_X", 7) == 7


def _importar_settings(env):
    codigo = "import pasto_rdc.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", codigo], cwd=RAIZ, env=env, capture_output=True, text=True
    )


def test_sin_debug_la_aplicacion_no_arranca_sin_secret_key():
    resultado = subprocess.run(
        [sys.executable, "-c", "import pasto_rdc.wsgi"],
        cwd=RAIZ,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert resultado.returncode != 0
    assert "SECRET_KEY es obligatoria" in resultado.stderr


def test_sin_secret_key_las_ordenes_de_mantenimiento_funcionan():
    # Builds and CI run migrations checks without the production secret.
    resultado = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=RAIZ,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stderr
    assert "No changes detected" in resultado.stdout


def test_debug_apagado_por_defecto_y_postgres_por_database_url():
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@h/db"}
    resultado = _importar_settings(env)
    assert resultado.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_sqlite_por_defecto():
    resultado = _importar_settings({"PATH": "/usr/bin:/bin", "DEBUG": "1"})
    assert resultado.stdout.split() == ["True", "django.db.backends.sqlite3"]
