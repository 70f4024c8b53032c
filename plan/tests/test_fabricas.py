"""The large-plan factory (plan/tests/fabricas.py) writes only rows the models accept.

bulk_create validates nothing, and SQLite stores a code too long for its column: the
factory once wrote 294 invalid activities for a plan of 10,000. Now it calls
full_clean() on a sample before each bulk_create; here every row it wrote is checked.
(A plan of 10,000 activities takes minutes: these sizes cross the old limit of 99
activities per subcomponente cheaply.)
"""

import pytest
from django.core.exceptions import ValidationError

from plan.models import (
    FORMA_CODIGO,
    Actividad,
    ActividadResponsable,
    Avance,
    Evidencia,
    Subcomponente,
    Ventana,
)
from plan.tests import fabricas
from plan.tests.fabricas import crear_plan_grande

pytestmark = pytest.mark.django_db


def _todo_valido(plan) -> int:
    filas = [
        *Subcomponente.objects.filter(componente__plan=plan),
        *Actividad.objects.filter(plan=plan),
        *Ventana.objects.filter(actividad__plan=plan),
        *ActividadResponsable.objects.filter(actividad__plan=plan),
        *Avance.objects.filter(actividad__plan=plan),
        *Evidencia.objects.filter(actividad__plan=plan),
    ]
    for fila in filas:
        fila.full_clean()
    return len(filas)


def test_un_subcomponente_con_150_actividades_tiene_codigos_validos_mas_alla_de_99():
    plan = crear_plan_grande(actividades=150, subcomponentes=1)

    codigos = list(plan.actividades.values_list("codigo", flat=True))
    assert len(codigos) == len(set(codigos)) == 150
    assert plan.actividades.filter(subcomponente__numero=1).count() == 150
    assert codigos[-1] == "1.150"  # ordered by the numeric key: 1.100 after 1.99
    assert all(FORMA_CODIGO.match(codigo) for codigo in codigos)
    assert _todo_valido(plan) > 150


def test_los_codigos_de_tres_niveles_empiezan_por_el_componente_y_son_validos():
    plan = crear_plan_grande(actividades=120, subcomponentes=1, tres_niveles=True)

    codigos = list(plan.actividades.values_list("codigo", flat=True))
    assert codigos[0] == "1.1.1" and codigos[-1] == "1.1.120"
    assert _todo_valido(plan) > 120


def test_mas_actividades_de_las_que_caben_en_un_subcomponente_abren_otros():
    plan = crear_plan_grande(actividades=1001, subcomponentes=1, oficinas=2)

    assert plan.componentes.get().subcomponentes.count() == 2
    assert set(plan.actividades.values_list("subcomponente__numero", flat=True)) == {1, 2}
    assert Actividad.objects.filter(plan=plan, codigo="1.501").exists()
    muestra = fabricas.muestra(list(plan.actividades.all()))
    for actividad in muestra:
        actividad.full_clean()


def test_una_fabrica_que_escribe_un_codigo_invalido_falla_antes_de_escribirlo(monkeypatch):
    # As if the factory still believed a subcomponente holds 1,000 activities.
    monkeypatch.setattr(fabricas, "MAXIMO_POR_SUBCOMPONENTE", 1000)

    with pytest.raises(ValidationError) as error:
        crear_plan_grande(actividades=1000, subcomponentes=1, oficinas=1)

    assert "codigo" in error.value.message_dict
    assert not Actividad.objects.filter(codigo="1.1000").exists()
