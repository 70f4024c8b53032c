"""Benchmark (not a test): gunicorn under load, on loopback, with a large plan.

    .venv/bin/python benchmarks/carga.py [--actividades 9801] [--clientes 50,200]
        [--duracion 10] [--trabajadores 2] [--escenarios portal,cronograma,...]

    --actividades N   activities of the generated plan, the one in force (default 9,801).
    --clientes A,B    simultaneous clients of each round (default 50 and 200).
    --duracion S      seconds each scenario runs, per round (default 10).
    --trabajadores N  gunicorn's workers (default 2, sync).
    --escenarios …    a comma-separated subset of: portal, cronograma, datos, evidencias,
                      piso, estatico (default all).

What it does, bounded in time and on 127.0.0.1 only:

1. Prepares a database: a temporary SQLite file, or, with DATABASE_URL pointing at
   PostgreSQL, Django's test database beside it («test_<name>», dropped at the end);
   migrated, with the 2022 plan (`plan_2022`) and a plan of --actividades activities
   from plan/tests/fabricas.py (made the plan in force: the home page shows it), an
   office user with one session per client, `collectstatic` into a temporary
   STATIC_ROOT, and there a file as large as the anonymous home page (the floor).
2. For each scenario, starts gunicorn afresh (production settings: DEBUG=0, a random
   SECRET_KEY (the same the sessions were signed with), ALLOWED_HOSTS=127.0.0.1, no HTTPS redirect since there is no proxy in
   front), warms it (each address once), and runs the clients for --duracion seconds:
   each an asyncio loop with its own HTTP/1.1 connection (kept alive when the server
   allows; gunicorn's sync workers close it after each response). A fresh server per
   scenario: requests queued by the previous one are not served during the next.
3. Prints, per scenario and number of clients: req/s (responses finished within the
   window / the window), p50 and p95 of the latency (including requests that finished
   in a grace period after the window), errors (an unexpected HTTP status or a broken
   connection) and requests still unfinished when the grace period ended.

Scenarios: citizens browsing the portal (home, the plans' public pages); the schedule of
dialogue spaces (dialogos' public pages); the open data (catalogue, activities CSV, the
plan's JSON); offices uploading evidence (their activity's page for the CSRF token, then
the form with a small PDF); the floors: a minimal Django view through every middleware,
and whitenoise serving the static file of the home page's size.

Everything it starts is stopped at the end (gunicorn's process group), whatever happens.
"""

import argparse
import asyncio
import contextlib
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

ANFITRION = "127.0.0.1"
# One key for the preparation and for gunicorn: the sessions made here are signed with it.
CLAVE = secrets.token_urlsafe(50)
ESCENARIOS = ("portal", "cronograma", "datos", "evidencias", "piso", "estatico")

# The floor's view, in front of the project's URLs (imported by gunicorn's workers).
URLS_CON_PISO = """\
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("__piso__/", lambda request: HttpResponse("piso")),
    path("", include("pasto_rdc.urls")),
]
"""
WSGI_CON_PISO = """\
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
from django.conf import settings

settings.ROOT_URLCONF = "urls_con_piso"
from pasto_rdc.wsgi import application  # noqa: E402,F401
"""


# --- the database and the data ---------------------------------------------------------


def _entorno_de_produccion(carpeta: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": CLAVE,
        "ALLOWED_HOSTS": ANFITRION,
        # No TLS proxy in front on loopback: no redirect to https, no HSTS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": os.path.join(carpeta, "static"),
        "MEDIA_ROOT": os.path.join(carpeta, "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "pasto_rdc.settings",
    }


def preparar(carpeta: str, *, actividades: int, sesiones: int) -> dict:
    """Database, data, sessions and static files; what the scenarios need to know."""
    externa = os.environ.get("DATABASE_URL", "")
    if not externa or externa.startswith("sqlite"):
        externa = ""
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(carpeta, 'carga.sqlite3')}"
    os.environ.update(_entorno_de_produccion(carpeta))
    # The in-process test client (for the sessions and the home page's size) asks as
    # «testserver»; gunicorn gets ALLOWED_HOSTS=127.0.0.1 only.
    os.environ["ALLOWED_HOSTS"] = f"{ANFITRION},testserver"
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from nucleo import roles
    from plan import servicios_ciclo
    from plan.models import Actividad, Perfil, Plan, Responsable
    from plan.tests.fabricas import SLUG_OFICINA, crear_plan_grande
    from tests.ayudas import PDF_MINIMO

    logging.disable(logging.INFO)  # not one line per request of the preparation
    datos: dict = {"borrar": lambda: None, "database_url": os.environ["DATABASE_URL"]}
    if externa:
        original = connection.settings_dict["NAME"]
        prueba = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        partes = urlsplit(externa)
        datos["database_url"] = urlunsplit(partes._replace(path=f"/{prueba}"))
        datos["borrar"] = lambda: connection.creation.destroy_test_db(original, verbosity=0)
    else:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
    call_command("loaddata", "plan_2022", verbosity=0)
    inicio = time.perf_counter()
    grande = crear_plan_grande(actividades=actividades, vigencia=2031)
    usuarios = get_user_model().objects
    opgi = usuarios.create_user("opgi-carga", is_staff=True)
    opgi.groups.add(Group.objects.get(name=roles.OPGI))
    servicios_ciclo.marcar_en_vigor(plan=grande, usuario=opgi)
    print(
        f"Datos: plan 2022 y un plan de {actividades} actividades "
        f"({time.perf_counter() - inicio:.0f} s)",
        flush=True,
    )

    oficina = Responsable.objects.get(slug=SLUG_OFICINA.format(1))
    usuario = usuarios.create_user("oficina-carga")
    usuario.groups.add(Group.objects.get(name=roles.OFICINA))
    Perfil.objects.create(usuario=usuario, responsable=oficina)
    datos["actividades_oficina"] = list(
        Actividad.objects.filter(plan=grande, asignaciones__responsable=oficina)
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    datos["sesiones"] = []
    for _ in range(sesiones):
        cliente = Client()
        cliente.force_login(usuario)
        datos["sesiones"].append(cliente.cookies[settings.SESSION_COOKIE_NAME].value)
    datos["cookie_sesion"] = settings.SESSION_COOKIE_NAME
    datos["cookie_csrf"] = settings.CSRF_COOKIE_NAME

    call_command("collectstatic", interactive=False, verbosity=0)
    anonimo = Client()
    inicio_pagina = anonimo.get("/")
    assert inicio_pagina.status_code == 200, inicio_pagina.status_code
    tamano = len(inicio_pagina.content)
    destino = Path(settings.STATIC_ROOT) / "carga" / "inicio.html"
    destino.parent.mkdir(parents=True, exist_ok=True)
    destino.write_bytes((inicio_pagina.content * 2)[:tamano])
    datos["tamano_inicio"] = tamano
    datos["estatico"] = f"/{settings.STATIC_URL.strip('/')}/carga/inicio.html"

    # One upload through the test client: the scenario's request is a valid one.
    prueba_oficina = Client()
    prueba_oficina.force_login(usuario)
    pk = datos["actividades_oficina"][0]
    respuesta = prueba_oficina.post(
        reverse("subir_evidencia", args=[pk]),
        {"descripcion": "Evidencia de prueba de carga.", "archivo": _archivo(PDF_MINIMO)},
    )
    datos["evidencias_validas"] = respuesta.status_code == 302
    datos["pdf"] = PDF_MINIMO
    datos["url_actividad"] = reverse("actividad", args=[0]).replace("/0/", "/{}/")
    datos["url_evidencia"] = reverse("subir_evidencia", args=[0]).replace("/0/", "/{}/")

    datos["urls"] = {
        "portal": [
            reverse("inicio"),
            reverse("plan_publico", args=[grande.slug]),
            reverse("plan_publico", args=[Plan.objects.get(vigencia=2022).slug]),
        ],
        "cronograma": [
            reverse("dialogos:cronograma"),
            reverse("dialogos:respuestas"),
            reverse("dialogos:cobertura"),
            reverse("dialogos:calendario_ics"),
        ],
        "datos": [
            reverse("datos_abiertos"),
            reverse("datos_descargar", args=["actividades", "csv"]),
            reverse("datos_plan_json", args=[grande.slug]),
        ],
        "piso": ["/__piso__/"],
        "estatico": [datos["estatico"]],
    }
    connection.close()
    return datos


def _archivo(contenido: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("evidencia.pdf", contenido, content_type="application/pdf")


# --- gunicorn ------------------------------------------------------------------------


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind((ANFITRION, 0))
        return s.getsockname()[1]


class Servidor:
    """gunicorn in its own process group, stopped (the whole group) by `parar`."""

    def __init__(self, carpeta: str, *, trabajadores: int, database_url: str) -> None:
        self.carpeta = carpeta
        self.trabajadores = trabajadores
        self.entorno = {
            **os.environ,
            **_entorno_de_produccion(carpeta),
            "DATABASE_URL": database_url,
            "PYTHONPATH": os.pathsep.join([carpeta, str(RAIZ)]),
        }
        Path(carpeta, "urls_con_piso.py").write_text(URLS_CON_PISO)
        Path(carpeta, "wsgi_con_piso.py").write_text(WSGI_CON_PISO)
        self.proceso: subprocess.Popen | None = None
        self.puerto = 0

    def arrancar(self) -> None:
        self.puerto = puerto_libre()
        registro = open(os.path.join(self.carpeta, "gunicorn.log"), "ab")  # noqa: SIM115
        self.proceso = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "wsgi_con_piso:application",
                "--workers",
                str(self.trabajadores),
                "--bind",
                f"{ANFITRION}:{self.puerto}",
                "--chdir",
                str(RAIZ),
                "--timeout",
                "120",
                "--backlog",
                "2048",
            ],  # fmt: skip
            env=self.entorno,
            stdout=registro,
            stderr=registro,
            start_new_session=True,
        )
        registro.close()
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            if self.proceso.poll() is not None:
                raise RuntimeError(f"gunicorn terminó al arrancar; vea {registro.name}")
            try:
                estado, _, _ = asyncio.run(_una_peticion(self.puerto, "/__piso__/"))
                if estado == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn no respondió en 60 s")

    def parar(self) -> None:
        if self.proceso is None or self.proceso.poll() is not None:
            self.proceso = None
            return
        grupo = os.getpgid(self.proceso.pid)
        os.killpg(grupo, signal.SIGTERM)
        try:
            self.proceso.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(grupo, signal.SIGKILL)
            self.proceso.wait()
        # Workers left behind by the arbiter (they are in its group).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(grupo, signal.SIGKILL)
        self.proceso = None


# --- a small HTTP/1.1 client -----------------------------------------------------------


class Conexion:
    """One client's connection: HTTP/1.1, kept alive while the server allows it."""

    def __init__(self, puerto: int) -> None:
        self.puerto = puerto
        self.lector: asyncio.StreamReader | None = None
        self.escritor: asyncio.StreamWriter | None = None
        self.cookies: dict[str, str] = {}

    async def cerrar(self) -> None:
        if self.escritor is not None:
            self.escritor.close()
            with contextlib.suppress(OSError):
                await self.escritor.wait_closed()
        self.lector = self.escritor = None

    async def pedir(
        self, metodo: str, ruta: str, *, cuerpo: bytes = b"", tipo: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        if self.escritor is None:
            self.lector, self.escritor = await asyncio.open_connection(ANFITRION, self.puerto)
        assert self.lector is not None
        lineas = [f"{metodo} {ruta} HTTP/1.1", f"Host: {ANFITRION}:{self.puerto}"]
        if self.cookies:
            lineas.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if cuerpo or metodo == "POST":
            lineas += [f"Content-Type: {tipo}", f"Content-Length: {len(cuerpo)}"]
        try:
            self.escritor.write(("\r\n".join(lineas) + "\r\n\r\n").encode() + cuerpo)
            await self.escritor.drain()
            estado, cabeceras, contenido, seguir = await _leer_respuesta(self.lector)
        except BaseException:
            await self.cerrar()
            raise
        for valor in cabeceras.get("set-cookie", "").split("\n"):
            if "=" in valor:
                nombre, _, resto = valor.partition("=")
                self.cookies[nombre.strip()] = resto.split(";")[0]
        if not seguir:
            await self.cerrar()
        return estado, cabeceras, contenido


async def _leer_respuesta(lector: asyncio.StreamReader):
    linea = await lector.readline()
    if not linea:
        raise ConnectionError("el servidor cerró la conexión")
    version, estado = linea.decode("latin-1").split(" ", 2)[:2]
    cabeceras: dict[str, str] = {}
    while True:
        linea = await lector.readline()
        if linea in (b"\r\n", b"\n", b""):
            break
        nombre, _, valor = linea.decode("latin-1").partition(":")
        clave = nombre.strip().lower()
        cabeceras[clave] = (
            f"{cabeceras[clave]}\n{valor.strip()}" if clave in cabeceras else valor.strip()
        )
    if "chunked" in cabeceras.get("transfer-encoding", ""):
        partes = []
        while True:
            tamano = int((await lector.readline()).split(b";")[0], 16)
            if tamano == 0:
                while (await lector.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                break
            partes.append((await lector.readexactly(tamano + 2))[:-2])
        contenido = b"".join(partes)
    elif "content-length" in cabeceras:
        contenido = await lector.readexactly(int(cabeceras["content-length"]))
    else:
        contenido = await lector.read()
        return int(estado), cabeceras, contenido, False
    seguir = version == "HTTP/1.1" and cabeceras.get("connection", "").lower() != "close"
    return int(estado), cabeceras, contenido, seguir


async def _una_peticion(puerto: int, ruta: str):
    conexion = Conexion(puerto)
    try:
        return await asyncio.wait_for(conexion.pedir("GET", ruta), timeout=5)
    finally:
        await conexion.cerrar()


def _multipart(campos: dict[str, str], archivo: tuple[str, str, bytes]) -> tuple[bytes, str]:
    limite = secrets.token_hex(12)
    partes = []
    for nombre, valor in campos.items():
        partes.append(
            f'--{limite}\r\nContent-Disposition: form-data; name="{nombre}"\r\n\r\n{valor}\r\n'
        )
    nombre, archivo_nombre, contenido = archivo
    cuerpo = (
        "".join(partes).encode()
        + (
            f'--{limite}\r\nContent-Disposition: form-data; name="{nombre}"; '
            f'filename="{archivo_nombre}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
    )
    cuerpo += contenido + f"\r\n--{limite}--\r\n".encode()
    return cuerpo, f"multipart/form-data; boundary={limite}"


# --- scenarios -----------------------------------------------------------------------


@dataclass
class Resultado:
    latencias: list[float] = field(default_factory=list)
    en_ventana: int = 0
    errores: int = 0
    sin_terminar: int = 0
    ejemplos_error: list[str] = field(default_factory=list)


Paso = Callable[[Conexion, int], Awaitable[list[tuple[str, bool]]]]


def pasos_get(urls: list[str]) -> Paso:
    """Each client walks the addresses in turn (client i starts at the i-th)."""

    async def paso(conexion: Conexion, n: int) -> list[tuple[str, bool]]:
        url = urls[n % len(urls)]
        estado, _, _ = await conexion.pedir("GET", url)
        return [(f"{url} → {estado}", estado == 200)]

    return paso


def pasos_evidencia(datos: dict) -> Paso:
    """An office: its activity's page (the form's CSRF token), then the upload (302)."""
    patron = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

    async def paso(conexion: Conexion, n: int) -> list[tuple[str, bool]]:
        pk = datos["actividades_oficina"][n % len(datos["actividades_oficina"])]
        url = datos["url_actividad"].format(pk)
        estado, _, pagina = await conexion.pedir("GET", url)
        encontrado = patron.search(pagina)
        if estado != 200 or not encontrado:
            return [(f"{url} → {estado}{'' if encontrado else ' sin csrf'}", False)]
        cuerpo, tipo = _multipart(
            {
                "csrfmiddlewaretoken": encontrado.group(1).decode(),
                "descripcion": f"Evidencia {n} de la prueba de carga.",
            },
            ("archivo", "evidencia.pdf", datos["pdf"]),
        )
        envio = datos["url_evidencia"].format(pk)
        estado, _, _ = await conexion.pedir("POST", envio, cuerpo=cuerpo, tipo=tipo)
        return [(url, True), (f"{envio} → {estado}", estado == 302)]

    return paso


async def correr(
    puerto: int, paso: Paso, *, clientes: int, duracion: float, sesiones: list[str], datos
) -> tuple[Resultado, float]:
    resultado = Resultado()
    reloj = asyncio.get_running_loop().time
    inicio = reloj()
    fin = inicio + duracion

    async def cliente(i: int) -> None:
        conexion = Conexion(puerto)
        if sesiones:
            conexion.cookies[datos["cookie_sesion"]] = sesiones[i % len(sesiones)]
        n = i
        try:
            while reloj() < fin:
                empezada = reloj()
                try:
                    respuestas = await paso(conexion, n)
                except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as e:
                    respuestas = [(type(e).__name__, False)]
                terminada = reloj()
                resultado.latencias.append(terminada - empezada)
                for url, ok in respuestas:
                    if terminada <= fin:
                        resultado.en_ventana += 1
                    if not ok:
                        resultado.errores += 1
                        if len(resultado.ejemplos_error) < 3:
                            resultado.ejemplos_error.append(url)
                n += 1
        finally:
            await conexion.cerrar()

    tareas = [asyncio.create_task(cliente(i)) for i in range(clientes)]
    # A grace period for the requests in flight when the window closes; then they are cut.
    gracia = max(5.0, duracion)
    _, pendientes = await asyncio.wait(tareas, timeout=duracion + gracia)
    resultado.sin_terminar = len(pendientes)
    for tarea in pendientes:
        tarea.cancel()
    await asyncio.gather(*pendientes, return_exceptions=True)
    return resultado, duracion


def _ms(segundos: float) -> str:
    if segundos != segundos:  # NaN: no request finished
        return "—"
    return f"{segundos * 1000:.0f} ms" if segundos < 1 else f"{segundos:.1f} s"


def _percentil(valores: list[float], p: float) -> float:
    if not valores:
        return float("nan")
    if len(valores) == 1:
        return valores[0]
    return statistics.quantiles(valores, n=100, method="inclusive")[int(p) - 1]


async def calentar(puerto: int, urls: list[str], trabajadores: int) -> None:
    async def una_vuelta() -> None:
        conexion = Conexion(puerto)
        try:
            for url in urls:
                await asyncio.wait_for(conexion.pedir("GET", url), timeout=120)
        finally:
            await conexion.cerrar()

    await asyncio.gather(*(una_vuelta() for _ in range(trabajadores)), return_exceptions=True)


NOMBRES = {
    "portal": "ciudadanía: portal",
    "cronograma": "ciudadanía: cronograma (diálogos)",
    "datos": "ciudadanía: datos abiertos",
    "evidencias": "oficinas: subir evidencias",
    "piso": "piso: vista mínima de Django",
    "estatico": "piso: whitenoise, archivo estático",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--actividades", type=int, default=9801)
    parser.add_argument("--clientes", default="50,200")
    parser.add_argument("--duracion", type=float, default=10.0)
    parser.add_argument("--trabajadores", type=int, default=2)
    parser.add_argument("--escenarios", default=",".join(ESCENARIOS))
    args = parser.parse_args()
    rondas = [int(c) for c in args.clientes.split(",") if c.strip()]
    escenarios = [e.strip() for e in args.escenarios.split(",") if e.strip()]
    desconocidos = set(escenarios) - set(ESCENARIOS)
    if desconocidos:
        parser.error(f"escenarios desconocidos: {', '.join(sorted(desconocidos))}")

    inicio = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pasto-rdc-carga-") as carpeta:
        datos = preparar(carpeta, actividades=args.actividades, sesiones=max(rondas))
        servidor = Servidor(
            carpeta, trabajadores=args.trabajadores, database_url=datos["database_url"]
        )
        filas = []
        try:
            if "evidencias" in escenarios and not datos["evidencias_validas"]:
                print("La subida de prueba no fue aceptada: se omite «evidencias».")
                escenarios.remove("evidencias")
            for clientes in rondas:
                for escenario in escenarios:
                    print(f"  {clientes} clientes: {NOMBRES[escenario]} …", end=" ", flush=True)
                    servidor.arrancar()
                    if escenario == "evidencias":
                        paso, urls = pasos_evidencia(datos), [datos["url_actividad"].format(0)]
                        sesiones = datos["sesiones"]
                    else:
                        urls = datos["urls"][escenario]
                        paso, sesiones = pasos_get(urls), []
                    if escenario != "evidencias":
                        asyncio.run(calentar(servidor.puerto, urls, args.trabajadores))
                    resultado, ventana = asyncio.run(
                        correr(
                            servidor.puerto,
                            paso,
                            clientes=clientes,
                            duracion=args.duracion,
                            sesiones=sesiones,
                            datos=datos,
                        )
                    )
                    servidor.parar()
                    por_segundo = resultado.en_ventana / ventana
                    print(f"{por_segundo:.1f} req/s", flush=True)
                    filas.append((escenario, clientes, por_segundo, resultado))
        finally:
            servidor.parar()
            datos["borrar"]()
            excepciones = _excepciones(Path(carpeta, "gunicorn.log"))

    print()
    print(
        f"gunicorn, {args.trabajadores} trabajadores sync, {args.duracion:.0f} s por escenario; "
        f"plan en vigor de {args.actividades} actividades; base "
        f"{'PostgreSQL' if datos['database_url'].startswith('postgres') else 'SQLite'}"
    )
    print(
        f"{'escenario':<38}{'clientes':>9}{'req/s':>9}{'p50':>10}{'p95':>10}"
        f"{'errores':>9}{'sin terminar':>14}"
    )
    for escenario, clientes, por_segundo, r in filas:
        print(
            f"{NOMBRES[escenario]:<38}{clientes:>9}{por_segundo:>9.1f}"
            f"{_ms(_percentil(r.latencias, 50)):>10}{_ms(_percentil(r.latencias, 95)):>10}"
            f"{r.errores:>9}{r.sin_terminar:>14}"
            + (f"  p. ej. {', '.join(r.ejemplos_error)}" if r.ejemplos_error else "")
        )
    print(
        f"Página de inicio anónima: {datos['tamano_inicio'] / 1024:.0f} KB; el archivo "
        f"estático del piso ({datos['estatico']}) tiene el mismo tamaño."
    )
    print(
        "Latencia: de cada vuelta de un cliente (en «evidencias», la página y la subida). "
        "req/s: respuestas terminadas dentro de la ventana / la ventana. Sin terminar: "
        "clientes cuya petición seguía sin respuesta al final del periodo de gracia."
    )
    if excepciones:
        print(f"Excepciones en el registro de gunicorn: {len(excepciones)}; la última: "
              f"{excepciones[-1]}")  # fmt: skip
    _metas(filas)
    print(f"\nTotal: {time.perf_counter() - inicio:.0f} s")


def _excepciones(registro: Path) -> list[str]:
    """The last line of each traceback in gunicorn's log (the 500s' causes)."""
    if not registro.exists():
        return []
    lineas = registro.read_text(errors="replace").splitlines()
    ultimas, dentro = [], False
    for anterior, linea in zip(lineas, [*lineas[1:], ""], strict=True):
        dentro = dentro or anterior.startswith("Traceback")
        if dentro and linea and not linea.startswith((" ", "Traceback")):
            ultimas.append(linea.strip()[:200])
            dentro = False
    return ultimas


def _metas(filas) -> None:
    por = {(e, c): (s, r) for e, c, s, r in filas}
    rondas = sorted({c for _, c, _, _ in filas})
    if not rondas or ("portal", rondas[0]) not in por or ("estatico", rondas[0]) not in por:
        return
    portal, estatico = por[("portal", rondas[0])][0], por[("estatico", rondas[0])][0]
    print()
    print("Metas del issue 17")
    ok = estatico > 0 and portal * 3 >= estatico
    print(
        f"  [{'x' if ok else ' '}] portal a {rondas[0]} clientes ≥ 1/3 de los req/s de whitenoise: "
        f"{portal:.1f} frente a {estatico:.1f} — {'cumple' if ok else 'NO cumple'}"
    )
    mayor = rondas[-1]
    if ("portal", mayor) in por:
        r = por[("portal", mayor)][1]
        ok = r.errores == 0 and r.sin_terminar == 0
        print(
            f"  [{'x' if ok else ' '}] 0 errores a {mayor} clientes (portal): {r.errores} errores, "
            f"{r.sin_terminar} sin terminar — {'cumple' if ok else 'NO cumple'}"
        )


if __name__ == "__main__":
    main()
