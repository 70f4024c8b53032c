"""nucleo.permisos.Politica: the 404/403 lookup, the office's scoping and the roles' reach.

The policy is declared here, over a real model (plan's Actividad), with its own grid of
actions, so these tests pin the base and not any app's choices.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from conftest import crear_usuario
from nucleo import roles
from nucleo.permisos import VER, Politica
from plan.models import Actividad, Responsable

EDITAR = "editar"
REPORTAR = "reportar"


class PoliticaDePrueba(Politica[Actividad]):
    modelo = Actividad
    acciones_por_rol = {
        roles.OPGI: frozenset({VER, EDITAR, REPORTAR}),
        roles.CONTROL_INTERNO: frozenset({VER}),
        roles.OFICINA: frozenset({VER, REPORTAR}),
    }
    mensaje_no_existe = "No existe la actividad de prueba o no tiene acceso a ella."
    mensaje_sin_permiso = "No tiene permiso para esto en la actividad de prueba."
    relacionados = ("plan",)

    def alcance_oficina(
        self, queryset: QuerySet[Actividad], oficina: Responsable, accion: str
    ) -> QuerySet[Actividad]:
        return queryset.filter(asignaciones__responsable=oficina)


POLITICA = PoliticaDePrueba()


@pytest.fixture
def de_educacion(plan_2022):
    return set(Actividad.objects.filter(asignaciones__responsable__slug="educacion"))


@pytest.fixture
def ajena(plan_2022):
    return Actividad.objects.exclude(asignaciones__responsable__slug="educacion").first()


def test_una_oficina_ve_solo_las_actividades_de_su_oficina(bruno, de_educacion, ajena):
    assert de_educacion, "the 2022 plan gives Educación activities"
    assert set(POLITICA.instancias_para(bruno, VER)) == de_educacion
    assert set(POLITICA.instancias_para(bruno, REPORTAR)) == de_educacion
    assert not POLITICA.permite(bruno, VER, ajena)


def test_una_actividad_de_otra_oficina_es_un_404_con_el_mensaje(bruno, ajena):
    with pytest.raises(Http404, match="No existe la actividad de prueba"):
        POLITICA.obtener(bruno, ajena.pk)
    # Even for an action the office may do: its existence does not leak.
    with pytest.raises(Http404):
        POLITICA.obtener(bruno, ajena.pk, REPORTAR)


def test_una_accion_que_el_rol_no_permite_sobre_una_actividad_visible_es_un_403(
    bruno, de_educacion
):
    propia = next(iter(de_educacion))
    assert POLITICA.obtener(bruno, propia.pk, REPORTAR) == propia
    with pytest.raises(PermissionDenied, match="No tiene permiso para esto"):
        POLITICA.obtener(bruno, propia.pk, EDITAR)


def test_una_actividad_que_no_existe_es_un_404(alicia):
    with pytest.raises(Http404):
        POLITICA.obtener(alicia, 10**12)


def test_opgi_actua_sobre_todas_las_actividades(alicia, ajena):
    todas = Actividad.objects.count()
    assert POLITICA.instancias_para(alicia, EDITAR).count() == todas
    assert POLITICA.obtener(alicia, ajena.pk, EDITAR) == ajena


def test_control_interno_ve_todo_pero_no_edita_nada(diana, ajena):
    assert POLITICA.instancias_para(diana, VER).count() == Actividad.objects.count()
    assert POLITICA.obtener(diana, ajena.pk) == ajena
    assert not POLITICA.instancias_para(diana, EDITAR).exists()
    with pytest.raises(PermissionDenied):
        POLITICA.obtener(diana, ajena.pk, EDITAR)


def test_el_queryset_dado_se_respeta(alicia, de_educacion):
    propias = Actividad.objects.filter(pk__in=[a.pk for a in de_educacion])
    assert set(POLITICA.instancias_para(alicia, VER, propias)) == de_educacion


def _sin_grupo(plan_2022):
    return get_user_model().objects.create_user(username="sin-grupo", password="x")


def _inactivo(plan_2022):
    usuario = crear_usuario("inactivo", roles.OPGI)
    usuario.is_active = False
    usuario.save()
    return usuario


def _oficina_sin_oficina(plan_2022):
    return crear_usuario("sin-oficina", roles.OFICINA)


@pytest.mark.parametrize(
    "usuario",
    [
        pytest.param(lambda plan: AnonymousUser(), id="anonimo"),
        pytest.param(_sin_grupo, id="sin-grupo"),
        pytest.param(_inactivo, id="inactivo"),
        pytest.param(_oficina_sin_oficina, id="oficina-sin-perfil"),
    ],
)
def test_quien_no_tiene_rol_activo_ni_oficina_no_obtiene_nada(usuario, plan_2022, ajena):
    quien = usuario(plan_2022)
    for accion in (VER, EDITAR, REPORTAR):
        assert not POLITICA.instancias_para(quien, accion).exists()
        assert not POLITICA.permite(quien, accion, ajena)
    with pytest.raises(Http404):
        POLITICA.obtener(quien, ajena.pk)


def test_puede_lee_la_grilla_de_acciones_del_rol(alicia, bruno, diana):
    assert POLITICA.puede(alicia, EDITAR)
    assert POLITICA.puede(bruno, REPORTAR) and not POLITICA.puede(bruno, EDITAR)
    assert POLITICA.puede(diana, VER) and not POLITICA.puede(diana, REPORTAR)
    assert not POLITICA.puede(AnonymousUser(), VER)
