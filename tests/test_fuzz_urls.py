"""Hostile values in every URL and query parameter: never a 5xx (issue 10, «the lows»).

Every URL pattern of the project is read from the URL resolver (as the
unpublished-data crawl does, tests/test_nada_sin_publicar.py, with its data and its
values for each path parameter), plus the admin's changelist, add and change views
of every registered model. Each is requested:

- as an anonymous visitor and as OPGI (the admin also as a superuser);
- with each hostile value of HOSTILES in every path parameter whose converter
  accepts it (an `<id:…>` takes digits only, so «²» or 10**30 never reach a view:
  that is the converter's job, pasto_rdc/parametros.py);
- with each hostile value in every query parameter the page reads, one at a time.
  The parameters are discovered, not listed: a first request counts every key the
  page (middleware, view, forms) looks up in `request.GET` (QueryDictEspia); a page
  that reads none gets one request with all GENERICOS at once (its answer cannot
  depend on them). All GENERICOS also go together in one request per value.

The main forms are POSTed with each hostile value in each of their fields: the
public ones anonymously (question, question for a space, survey, login) and the
plan's own as OPGI (progress report, evidence, review, source, observaciones).

Nothing may answer 5xx. Every failure is collected (method, URL, user, exception) so
that one run lists them all. Each request runs inside a savepoint rolled back after
it: a database error (PostgreSQL refuses a NUL byte in a text value) cannot abort
the transaction under the next requests, and a POST writes nothing for the next.
"""

import itertools
import re
import traceback
from dataclasses import dataclass
from urllib.parse import urlencode

import django.core.handlers.wsgi
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from plan.models import Actividad, Evidencia
from tests import datos_portal
from tests.ayudas import PDF_FALSO
from tests.test_nada_sin_publicar import patrones, valores

pytestmark = pytest.mark.django_db

HOSTILES = [
    "²",  # a Unicode superscript digit: str.isdigit() says yes, int() says no
    "٣",  # an Arabic-Indic digit: int() reads it as 3
    "１２",  # full-width digits
    str(10**30),  # beyond any 64-bit integer
    "-1",
    "0",
    "9999-12-31",
    "0001-01-01",
    "2022-02-30",
    "99999-01-01",
    "\x00",  # PostgreSQL refuses NUL in text
    "a\x00b",
    "x" * 5000,
    "' OR 1=1 --",
    '<script>alert("x")</script>',
    "%;\\_*",
    "",
]

# One key at a time, the values that confuse a type (the others go in the requests with
# every key at once): digits that are not ASCII, numbers out of range, impossible or far
# dates, a NUL byte. Fewer requests, the same code paths (the suite stays under a minute).
POR_CLAVE = ["²", str(10**30), "-1", "99999-01-01", "2022-02-30", "\x00"]

# The admin is Django's own code but for our filters, dates and ids.
EN_ADMIN = ["²", str(10**30), "99999-01-01", "\x00"]
IDS_EN_ADMIN = ["²", str(10**30), "-1", "\x00", "x" * 5000, "' OR 1=1 --", "999999999999999999"]

# Query parameters every page gets, whether it reads them or not.
GENERICOS = [
    "page", "pagina", "q", "anio", "vigencia", "espacio", "tipo", "mes", "desde", "hasta",
    "estado", "oficina", "corte", "radicado", "formato", "o", "p", "territorio",
    "subcomponente", "e", "next",
]  # fmt: skip


# Extra values for an `<id:…>` path parameter (the converter takes only 1–18 ASCII digits).
IDS_HOSTILES = ["0", "000000000000000000", "999999999999999999"]


class QueryDictEspia(QueryDict):
    """A QueryDict that notes every key looked up (all of them for a full read)."""

    leidas: set[str] = set()

    def __getitem__(self, key):
        QueryDictEspia.leidas.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        QueryDictEspia.leidas.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        QueryDictEspia.leidas.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        QueryDictEspia.leidas.add(key)
        return super().__contains__(key)

    def _todo(self):
        QueryDictEspia.leidas.add("*")

    def items(self):
        self._todo()
        return super().items()

    def lists(self):
        self._todo()
        return super().lists()

    def keys(self):
        self._todo()
        return super().keys()

    def dict(self):
        self._todo()
        return super().dict()

    def __iter__(self):
        self._todo()
        return super().__iter__()


@dataclass(frozen=True)
class Falla:
    metodo: str
    url: str
    usuario: str
    estado: int
    error: str

    def __str__(self):
        return f"{self.metodo} {self.url[:160]!r} como {self.usuario}: {self.estado} {self.error}"


class Sonda:
    """Sends requests, each in a savepoint rolled back after it, and collects the 5xx."""

    def __init__(self):
        self.fallas: list[Falla] = []
        self.pedidos = 0

    def pedir(self, cliente, usuario: str, url: str, datos=None):
        self.pedidos += 1
        metodo = "GET" if datos is None else "POST"
        punto = transaction.savepoint()
        try:
            respuesta = cliente.get(url) if datos is None else cliente.post(url, datos)
        finally:
            transaction.savepoint_rollback(punto)
        if respuesta.status_code >= 500:
            error = ""
            if getattr(respuesta, "exc_info", None):
                tipo, valor, rastro = respuesta.exc_info
                lugar = traceback.extract_tb(rastro)[-1]
                error = f"{tipo.__name__}: {str(valor)[:200]} ({lugar.filename}:{lugar.lineno})"
            self.fallas.append(Falla(metodo, url, usuario, respuesta.status_code, error))
        return respuesta

    def leidas(self, cliente, usuario: str, url: str) -> set[str]:
        """The query keys the page reads (a probe request with one unknown key)."""
        QueryDictEspia.leidas = set()
        self.pedir(cliente, usuario, _con_consulta(url, {"_sonda": "1"}))
        return QueryDictEspia.leidas - {"_sonda"}


def _con_consulta(url: str, parametros: dict) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(parametros)}"


def _reemplazar(patron, base: dict, nombre: str, valor: str) -> str | None:
    try:
        return reverse(patron.nombre, kwargs={**base, nombre: valor})
    except NoReverseMatch:
        return None  # the converter does not accept the value: no view would see it


def _bases(patron, tabla, cliente, limite=25):
    """Parameter values that build a URL of the pattern (the first to answer 200), its URL
    and its status (None if unknown)."""
    primera = None
    combinaciones = itertools.product(*(tabla[p] for p in patron.parametros))
    for combinacion in itertools.islice(combinaciones, limite):
        kwargs = dict(zip(patron.parametros, (str(v) for v in combinacion), strict=True))
        try:
            url = reverse(patron.nombre, kwargs=kwargs)
        except NoReverseMatch:
            continue
        primera = primera or (kwargs, url, None)
        if (estado := cliente.get(url).status_code) == 200:
            return kwargs, url, estado
    return primera


def _consultas(sonda, cliente, usuario, url, *, leidas=None):
    """Every hostile value in all the keys at once, and the POR_CLAVE values in each key the
    page reads, one at a time. Returns the keys read."""
    leidas = sonda.leidas(cliente, usuario, url) if leidas is None else leidas
    if not leidas:
        sonda.pedir(cliente, usuario, _con_consulta(url, dict.fromkeys(GENERICOS, HOSTILES[0])))
        return leidas
    claves = sorted(leidas - {"*"})
    for valor in HOSTILES:
        todas = dict.fromkeys([*GENERICOS, *claves], valor)
        sonda.pedir(cliente, usuario, _con_consulta(url, todas))
    for valor in POR_CLAVE:
        for clave in claves:
            sonda.pedir(cliente, usuario, _con_consulta(url, {clave: valor}))
    return leidas


def _rutas(sonda, clientes, portal):
    tabla = {clave: [str(v) for v in lista] for clave, lista in valores(portal).items()}
    for patron in patrones():
        if not patron.nombre:
            continue
        publica = {}  # url → the keys its page read for an anonymous visitor (a 200)
        for usuario, cliente in clientes.items():
            base = (
                _bases(patron, tabla, cliente)
                if patron.parametros
                else ({}, reverse(patron.nombre), None)
            )
            if base is None:
                continue
            kwargs, url, estado = base
            leidas = sonda.leidas(cliente, usuario, url)
            # A public page OPGI sees too, reading the same keys: tried once is enough.
            if publica.get(url) == leidas:
                leidas = set()
            _consultas(sonda, cliente, usuario, url, leidas=leidas)
            if usuario == "anónimo" and (estado or cliente.get(url).status_code) == 200:
                publica[url] = leidas
            for nombre in patron.parametros:
                for valor in [*HOSTILES, *IDS_HOSTILES]:
                    if (hostil := _reemplazar(patron, kwargs, nombre, valor)) is not None:
                        sonda.pedir(cliente, usuario, hostil)


def _claves_del_admin(modelo_admin) -> list[str]:
    """The changelist's own query keys: ordering, page, search, filters, date hierarchy."""
    claves = {"o", "p", "q", "_to_field"}
    for filtro in modelo_admin.list_filter:
        if isinstance(filtro, str):
            claves |= {f"{filtro}__exact", f"{filtro}__id__exact"}
    if modelo_admin.date_hierarchy:
        jerarquia = modelo_admin.date_hierarchy
        claves |= {f"{jerarquia}__year", f"{jerarquia}__month", f"{jerarquia}__day"}
    return sorted(claves)


def _admin(sonda, clientes):
    """Anonymous: each view once (the login page). OPGI: the models of the system's apps;
    a superuser: the others (users, groups, django-axes)."""
    del_sistema = {"plan", "dialogos", "encuestas"}
    for modelo, modelo_admin in admin.site._registry.items():
        app, nombre = modelo._meta.app_label, modelo._meta.model_name
        lista = reverse(f"admin:{app}_{nombre}_changelist")
        objeto = modelo._default_manager.order_by("pk").first()
        vistas = [lista, reverse(f"admin:{app}_{nombre}_add")]
        if objeto is not None:
            vistas.append(reverse(f"admin:{app}_{nombre}_change", args=[objeto.pk]))
        for vista in vistas:
            sonda.pedir(clientes["anónimo"], "anónimo", vista)
        usuario = "OPGI" if app in del_sistema else "superusuario"
        cliente = clientes[usuario]
        for vista in vistas[1:]:
            sonda.pedir(cliente, usuario, vista)
        for valor in EN_ADMIN:
            for clave in _claves_del_admin(modelo_admin):
                sonda.pedir(cliente, usuario, _con_consulta(lista, {clave: valor}))
        for valor in ("x" * 5000, "' OR 1=1 --", '<script>"%_'):
            sonda.pedir(cliente, usuario, _con_consulta(lista, {"q": valor}))
        for valor in IDS_EN_ADMIN:
            sonda.pedir(cliente, usuario, reverse(f"admin:{app}_{nombre}_change", args=[valor]))


CAMPO = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


def _campos(cliente, url: str) -> list[str]:
    html = cliente.get(url).content.decode()
    return sorted(set(CAMPO.findall(html)) - {"csrfmiddlewaretoken"})


def _formulario(sonda, cliente, usuario, url, campos, validos: dict | None = None):
    """Each hostile value in each field (the others valid or empty), and in all at once."""
    validos = validos or {}
    for valor in HOSTILES:
        sonda.pedir(cliente, usuario, url, dict.fromkeys(campos, valor))
    for valor in [*POR_CLAVE, "x" * 5000]:
        for campo in campos:
            sonda.pedir(cliente, usuario, url, {**validos, campo: valor})


def _formularios(sonda, anonimo, opgi, portal):
    publicos = [
        "/dialogos/preguntar/",
        f"/dialogos/espacios/{portal.programado.pk}/preguntar/",
        f"/encuestas/responder/{portal.encuesta_abierta.codigo}/",
        "/cuentas/login/",
    ]
    for url in publicos:
        _formulario(sonda, anonimo, "anónimo", url, _campos(anonimo, url))
    actividad = Actividad.objects.get(plan__vigencia=2022, codigo="1.3")
    evidencia = Evidencia.objects.filter(actividad=actividad).order_by("pk").first()
    propios = {
        f"/actividades/{actividad.pk}/avances/": {
            "fecha": "2022-06-30",
            "cantidad": "1",
            "narrativa": "Avance.",
        },
        f"/actividades/{actividad.pk}/evidencias/": {"descripcion": "Acta"},
        f"/actividades/{actividad.pk}/fuente/": {"fuente": ""},
        f"/evidencias/{evidencia.pk}/revision/": {"accion": "aprobar"},
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/observaciones/": {},
    }
    for url, validos in propios.items():
        campos = sorted(set(validos) | ({"enlace"} if "evidencias" in url else set()))
        if "observaciones" in url:  # one textarea per activity: three of them are enough
            campos = _campos(opgi, url)[:3]
        _formulario(sonda, opgi, "OPGI", url, campos, validos)


@dataclass
class Resultado:
    rutas: list[Falla]
    admin: list[Falla]
    formularios: list[Falla]
    pedidos: int


@pytest.fixture(scope="module")
def resultado(django_db_setup, django_db_blocker, tmp_path_factory) -> Resultado:
    limites = {
        "DIALOGOS_LIMITE_PREGUNTAS": None,
        "DIALOGOS_LIMITE_CONSULTAS": None,
        "ENCUESTAS_LIMITE_RESPUESTAS": None,
        "AXES_ENABLED": False,  # hostile logins would lock the test's own address out
    }
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, **limites),
        pytest.MonkeyPatch.context() as parche,
        transaction.atomic(),
    ):
        parche.setattr(django.core.handlers.wsgi, "QueryDict", QueryDictEspia)
        # The template and its data are built; only WeasyPrint (a second a PDF) is skipped.
        parche.setattr("nucleo.documentos.pdf_desde_html", lambda html, *, base_url: PDF_FALSO)
        cache.clear()
        datos_portal.crear_territorios()
        call_command("loaddata", "plan_2022", verbosity=0)
        alicia, bruno, diana = datos_portal.usuarios()
        portal = datos_portal.poblar_portal(alicia=alicia, bruno=bruno, diana=diana)
        datos_portal.crear_plan_sin_publicar(portal)
        raiz = get_user_model().objects.create_superuser("raiz", password="clave-de-prueba")

        def cliente(usuario=None):
            nuevo = Client(raise_request_exception=False)
            if usuario is not None:
                nuevo.force_login(usuario)
            return nuevo

        anonimo, opgi, superusuario = cliente(), cliente(alicia), cliente(raiz)
        sonda = Sonda()
        _rutas(sonda, {"anónimo": anonimo, "OPGI": opgi}, portal)
        rutas, sonda.fallas = sonda.fallas, []
        _admin(sonda, {"anónimo": anonimo, "OPGI": opgi, "superusuario": superusuario})
        en_admin, sonda.fallas = sonda.fallas, []
        _formularios(sonda, anonimo, opgi, portal)
        transaction.set_rollback(True)
    cache.clear()
    return Resultado(rutas, en_admin, sonda.fallas, sonda.pedidos)


def _lista(fallas: list[Falla]) -> str:
    return "\n".join(str(falla) for falla in fallas)


def test_ningun_parametro_hostil_en_una_url_da_5xx(resultado):
    fallas = resultado.rutas
    assert fallas == [], "Respuestas 5xx:\n" + _lista(fallas)
    assert resultado.pedidos > 3000  # every pattern, parameter and value was tried


def test_ningun_parametro_hostil_en_el_admin_da_5xx(resultado):
    fallas = resultado.admin
    assert fallas == [], "Respuestas 5xx en el admin:\n" + _lista(fallas)


def test_ningun_valor_hostil_en_un_formulario_da_5xx(resultado):
    fallas = resultado.formularios
    assert fallas == [], "Respuestas 5xx a formularios:\n" + _lista(fallas)
