"""Shared fixtures: the 2022 plan and the named personas of the permission tests.

- alicia: OPGI staff (sees and edits everything, reviews evidence)
- bruno: Secretaría de Educación Municipal (an office user)
- carla: Secretaría de Salud Municipal (another office)
- diana: Control interno (read-only)
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command

from nucleo import entidad, roles
from nucleo.models import Entidad
from plan.models import Actividad, Perfil, Plan, Responsable


@pytest.fixture(autouse=True)
def _entidad_sin_cache():
    """The cached entity (nucleo.entidad) does not leak from one test to the next: the
    locmem cache outlives the rolled-back rows of the test that filled it."""
    entidad.olvidar_ya()
    yield
    entidad.olvidar_ya()


@pytest.fixture(autouse=True)
def _cache_vacia():
    """Each test starts with an empty cache: the public pages and downloads kept by data
    version (nucleo/cache_publico.py) must not outlive the rolled-back rows that built
    them (rows from loaddata have no history, so two tests' versions can coincide)."""
    cache.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Prime the cached entity once every fixture has run, right before the test body:
    pages then read it from the cache as in production, and the tests that pin query
    counts (django_assert_num_queries) count only the page's own queries. A fixture that
    loads an Entidad drops the key, hence here rather than in a fixture."""
    usa_la_base = item.get_closest_marker("django_db") is not None or (
        "_django_db_helper" in getattr(item, "fixturenames", ())
    )
    if usa_la_base:
        entidad.entidad_actual()
    else:  # no database, so no Entidad row: the settings are the entity
        cache.set(entidad.CLAVE_CACHE, entidad.desde_ajustes())
    return (yield)


@pytest.fixture
def entidad_pasto(db):
    """Pasto's Alcaldía as the site's principal entity (fixtures/entidad_pasto.json)."""
    call_command("loaddata", "entidad_pasto", verbosity=0)
    return entidad.entidad_actual()


# A second entity, for the tests that check the site names whoever is configured.
OTRA = {
    "nombre": "Alcaldía Municipal de Villa de Leyva",
    "slug": "alcaldia-de-villa-de-leyva",
    "sigla": "AMVL",
    "nit": "800000000-1",
    "municipio": "Villa de Leyva",
    "departamento": "Boyacá",
    "direccion": "Carrera 9 # 13-11, Villa de Leyva",
    "horario": "Lunes a viernes de 7:00 a. m. a 5:00 p. m.",
    "telefono": "(608) 732 0232",
    "correo_notificaciones": "judiciales@villadeleyva.gov.co",
    "responsable_datos": "Secretaría General",
    "correo_datos": "datospersonales@villadeleyva.gov.co",
    "sitio": "https://www.villadeleyva.gov.co",
}


@pytest.fixture
def otra_entidad(db) -> Entidad:
    """A second entity as the site's principal one (Pasto's, if loaded, steps aside)."""
    Entidad.objects.filter(principal=True).update(principal=False)
    return Entidad.objects.create(principal=True, **OTRA)


@pytest.fixture
def territorios_pasto(db):
    """Pasto's 12 comunas and 17 corregimientos (fixtures/territorios_pasto.json): data,
    not a migration, so a test that needs them says so."""
    call_command("loaddata", "territorios_pasto", verbosity=0)


@pytest.fixture
def plan_2022(db) -> Plan:
    call_command("loaddata", "plan_2022", verbosity=0)
    return Plan.objects.get(vigencia=2022)


def crear_usuario(username: str, rol: str | None, oficina_slug: str | None = None):
    usuario = get_user_model().objects.create_user(
        username=username, password="clave-de-prueba", email=f"{username}@pasto.gov.co"
    )
    if rol:
        usuario.groups.add(Group.objects.get(name=rol))
        usuario.is_staff = rol in (roles.OPGI, roles.CONTROL_INTERNO)
        usuario.save()
    if oficina_slug:
        Perfil.objects.create(
            usuario=usuario, responsable=Responsable.objects.get(slug=oficina_slug)
        )
    return usuario


@pytest.fixture
def alicia(plan_2022):
    return crear_usuario("alicia", roles.OPGI)


@pytest.fixture
def bruno(plan_2022):
    return crear_usuario("bruno", roles.OFICINA, "educacion")


@pytest.fixture
def carla(plan_2022):
    return crear_usuario("carla", roles.OFICINA, "salud")


@pytest.fixture
def diana(plan_2022):
    return crear_usuario("diana", roles.CONTROL_INTERNO)


@pytest.fixture
def actividad(plan_2022):
    """Returns the 2022 activity with the given code."""

    def _actividad(codigo: str) -> Actividad:
        return Actividad.objects.get(plan=plan_2022, codigo=codigo)

    return _actividad
