"""The deployment examples of deploy/ agree with the application they deploy.

The nginx body limit is the app's upload limit; the example environment names every
variable the settings read, and is a production configuration `check --deploy`
accepts; the systemd units start commands with options that exist, and may write
where the environment puts the files.
"""

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nucleo import limites

RAIZ = Path(__file__).resolve().parent.parent
DEPLOY = RAIZ / "deploy"
NGINX = (DEPLOY / "nginx" / "pasto-rdc.conf").read_text(encoding="utf-8")
PROXY = (DEPLOY / "nginx" / "proxy_params_pasto_rdc").read_text(encoding="utf-8")


def _entorno_ejemplo() -> dict[str, str]:
    """deploy/entorno.ejemplo as systemd reads it (NAME=value, optional double quotes)."""
    variables = {}
    for linea in (DEPLOY / "entorno.ejemplo").read_text(encoding="utf-8").splitlines():
        if not linea.strip() or linea.lstrip().startswith("#"):
            continue
        nombre, _, valor = linea.partition("=")
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", nombre), linea
        variables[nombre] = valor[1:-1] if valor.startswith('"') else valor
    return variables


def _comentadas() -> set[str]:
    texto = (DEPLOY / "entorno.ejemplo").read_text(encoding="utf-8")
    return set(re.findall(r"^#([A-Z][A-Z0-9_]*)=", texto, re.MULTILINE))


def _unidad(nombre: str) -> dict[str, list[str]]:
    """A systemd unit's directives (continuation lines joined), each with its values."""
    texto = (DEPLOY / nombre).read_text(encoding="utf-8").replace("\\\n", " ")
    directivas: dict[str, list[str]] = {}
    for linea in texto.splitlines():
        if "=" in linea and not linea.startswith(("#", "[")):
            clave, _, valor = linea.partition("=")
            directivas.setdefault(clave, []).append(valor.strip())
    return directivas


def test_nginx_admite_el_envio_mas_grande_que_acepta_la_aplicacion(settings):
    [megas] = re.findall(r"client_max_body_size (\d+)m;", NGINX)
    assert int(megas) * 1024 * 1024 == limites.limite_de_subida()
    assert int(megas) * 1024 * 1024 >= limites.limite_general()


def test_nginx_envia_las_cabeceras_que_lee_la_configuracion(settings):
    # SECURE_PROXY_SSL_HEADER names the header nginx must set from the real scheme.
    encabezado, valor = settings.SECURE_PROXY_SSL_HEADER
    assert (encabezado, valor) == ("HTTP_X_FORWARDED_PROTO", "https")
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in PROXY
    # Django validates Host (USE_X_FORWARDED_HOST off): nginx passes the visitor's.
    assert not getattr(settings, "USE_X_FORWARDED_HOST", False)
    assert "proxy_set_header Host $host;" in PROXY
    # The client's IP that IP_CLIENTE_ENCABEZADO=HTTP_X_REAL_IP reads.
    assert _entorno_ejemplo()["IP_CLIENTE_ENCABEZADO"] == "HTTP_X_REAL_IP"
    assert "proxy_set_header X-Real-IP $remote_addr;" in PROXY


def test_nginx_sirve_los_estaticos_desde_static_root_y_la_salud_por_http():
    [raiz] = re.findall(r"location /static/ \{\s*root ([^;]+);", NGINX)
    assert f"{raiz}/static" == _entorno_ejemplo()["STATIC_ROOT"]
    # Port 80 redirects everything to HTTPS except the health check.
    puerto_80 = NGINX.split("listen 443 ssl http2;")[0]
    assert "location = /salud/" in puerto_80
    assert "return 301 https://$host$request_uri;" in puerto_80


def test_el_entorno_de_ejemplo_nombra_cada_variable_que_leen_los_ajustes():
    # The settings, and the module that builds their STORAGES (S3 by configuration).
    ajustes = "".join(
        (RAIZ / "pasto_rdc" / nombre).read_text(encoding="utf-8")
        for nombre in ("settings.py", "almacenamiento.py")
    )
    leidas = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_0-9]+)"', ajustes))
    leidas.add("DATABASE_URL")  # read by dj_database_url
    ejemplo = set(_entorno_ejemplo()) | _comentadas()
    assert leidas - ejemplo == set()
    assert ejemplo - leidas == set()


def test_el_entorno_de_ejemplo_es_una_configuracion_que_check_deploy_acepta(tmp_path):
    entorno = {
        **_entorno_ejemplo(),
        "PATH": os.environ["PATH"],
        # As its comment asks (its placeholder is refused: security.W009).
        "SECRET_KEY": secrets.token_urlsafe(50),
        # The example's PostgreSQL and folders do not exist here.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


@pytest.mark.parametrize("nombre", ["pasto-rdc.service", "pasto-rdc-tareas.service"])
def test_las_unidades_leen_el_entorno_y_escriben_solo_en_media_root(nombre):
    unidad = _unidad(nombre)
    assert unidad["EnvironmentFile"] == ["/etc/pasto-rdc/entorno"]
    assert unidad["User"] == ["pasto-rdc"]
    assert unidad["ProtectSystem"] == ["strict"]
    assert unidad["ReadWritePaths"] == [_entorno_ejemplo()["MEDIA_ROOT"]]
    assert unidad["NoNewPrivileges"] == ["true"]


def _opciones(orden: list[str]) -> list[str]:
    return [parte.split("=")[0] for parte in orden if parte.startswith("--")]


def _ayuda(orden: list[str]) -> str:
    return subprocess.run(
        orden, cwd=RAIZ, capture_output=True, text=True, timeout=120, check=True
    ).stdout


def test_la_unidad_de_gunicorn_usa_opciones_que_existen():
    [exec_start] = _unidad("pasto-rdc.service")["ExecStart"]
    orden = shlex.split(exec_start)
    assert orden[0].endswith("/gunicorn")
    assert orden[1] == "pasto_rdc.wsgi"
    assert (RAIZ / "pasto_rdc" / "wsgi.py").exists()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip("gunicorn no está instalado")
    ayuda = _ayuda([str(gunicorn), "--help"])
    for opcion in _opciones(orden):
        assert re.search(rf"{opcion}\b", ayuda), opcion
    # Only nginx reaches gunicorn.
    assert orden[orden.index("--bind") + 1].startswith("127.0.0.1:")


def test_la_unidad_de_tareas_corre_db_worker_con_opciones_que_existen():
    [exec_start] = _unidad("pasto-rdc-tareas.service")["ExecStart"]
    orden = shlex.split(exec_start)
    assert orden[1:3] == ["manage.py", "db_worker"]
    ayuda = _ayuda([sys.executable, "manage.py", "db_worker", "--help"])
    for opcion in _opciones(orden):
        assert re.search(rf"{opcion}\b", ayuda), opcion
    # A task in progress (a large report takes minutes) may finish before systemd kills it.
    assert int(_unidad("pasto-rdc-tareas.service")["TimeoutStopSec"][0]) >= 300


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="sin systemd-analyze")
@pytest.mark.parametrize("nombre", ["pasto-rdc.service", "pasto-rdc-tareas.service"])
def test_systemd_entiende_cada_directiva_de_las_unidades(nombre, tmp_path):
    # The programs live in /srv/pasto-rdc only on the server: here, any executable.
    texto = (DEPLOY / nombre).read_text(encoding="utf-8")
    (tmp_path / nombre).write_text(
        re.sub(r"/srv/pasto-rdc/\.venv/bin/\w+", shutil.which("true") or "/bin/true", texto)
    )
    resultado = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / nombre)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode == 0, resultado.stderr
    assert resultado.stderr == ""


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx no está instalado")
def test_nginx_acepta_el_sitio(tmp_path):
    # The certificate and the paths of a server, replaced by a throw-away ones.
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=rdc.example.gov.co", "-keyout", str(tmp_path / "privkey.pem")]
        + ["-out", str(tmp_path / "fullchain.pem")],
        capture_output=True,
        check=True,
        timeout=60,
    )
    (tmp_path / "proxy_params_pasto_rdc").write_text(PROXY)
    sitio = (
        NGINX.replace("/etc/letsencrypt/live/rdc.example.gov.co/", f"{tmp_path}/")
        .replace("/etc/nginx/proxy_params_pasto_rdc", str(tmp_path / "proxy_params_pasto_rdc"))
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    (tmp_path / "pasto-rdc.conf").write_text(sitio)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include {tmp_path}/pasto-rdc.conf;\n}}\n"
    )
    resultado = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode == 0, resultado.stderr
