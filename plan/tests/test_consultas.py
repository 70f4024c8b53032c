"""Query counts of the dashboards and list pages: the same for 23 or 500 activities.

Each page is requested on the 2022 plan (23 activities) and on a generated
plan of 500 (plan/tests/fabricas.py), both with progress reports, windows,
several responsables per activity and evidence, and must run exactly the
same number of queries. A count that grows with the plan is an N+1.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from plan import services
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Evidencia,
    Plan,
    Responsable,
    Subcomponente,
)
from plan.tests.fabricas import crear_plan_grande


def _seguimiento_2022(alicia, bruno) -> Actividad:
    """Reports and evidence on the 2022 plan; returns 1.3 (Educación), the busiest."""
    actividades = {a.codigo: a for a in Actividad.objects.filter(plan__vigencia=2022)}
    for codigo, fecha, cantidad in [
        ("1.1", date(2022, 3, 1), 1),
        ("1.3", date(2022, 9, 15), 0),
        ("1.3", date(2022, 10, 15), 1),
        ("1.7", date(2022, 8, 1), 7500),
        ("2.2", date(2022, 6, 30), 10),
        ("2.4", date(2022, 11, 10), 1),
        ("3.1", date(2022, 10, 15), 60),
    ]:
        services.registrar_avance(
            actividad=actividades[codigo],
            usuario=alicia,
            fecha=fecha,
            cantidad=Decimal(cantidad),
            narrativa="Avance.",
            # Known data, dates outside windows and lower values included.
            confirmado=True,
            motivo="Dato conocido de la prueba.",
        )
    for codigo in ("1.3", "1.3", "2.4", "3.1"):
        services.subir_evidencia(
            actividad=actividades[codigo],
            usuario=bruno if codigo != "3.1" else alicia,
            descripcion=f"Evidencia de {codigo}",
            enlace=f"https://www.pasto.gov.co/rendicion/{codigo}",
        )
    services.aprobar_evidencia(
        evidencia=Evidencia.objects.filter(actividad__codigo="2.4").get(), revisor=alicia
    )
    return actividades["1.3"]


def _plan_de_500(alicia) -> Actividad:
    """The generated plan of 500, with Educación sharing one activity in two; returns
    its 1.1, given more reports and evidence than any activity of the 2022 plan."""
    plan = crear_plan_grande(actividades=500, usuario=alicia)
    educacion = Responsable.objects.get(slug="educacion")
    actividades = list(Actividad.objects.filter(plan=plan).order_by("pk"))
    ActividadResponsable.objects.bulk_create(
        ActividadResponsable(actividad=a, responsable=educacion, orden=9) for a in actividades[::2]
    )
    mas_ocupada = actividades[0]
    Avance.objects.bulk_create(
        Avance(
            estado=Avance.Estado.APROBADO,
            actividad=mas_ocupada,
            fecha=date(plan.vigencia, 8, dia),
            cantidad=Decimal("0.5"),
            narrativa="Otro reporte.",
            reportado_por=alicia,
        )
        for dia in range(1, 21)
    )
    Evidencia.objects.bulk_create(
        Evidencia(
            actividad=mas_ocupada,
            descripcion=f"Acta {n}",
            enlace=f"https://example.org/actas/{n}",
            subida_por=alicia,
        )
        for n in range(10)
    )
    return mas_ocupada


@pytest.fixture(params=[23, 500], ids=["23_actividades", "500_actividades"])
def escenario(request, alicia, bruno, diana):
    """(plan shown by default, its busiest activity shared with Educación)."""
    if request.param == 23:
        actividad = _seguimiento_2022(alicia, bruno)
    else:
        _seguimiento_2022(alicia, bruno)  # the 2022 plan is there too, as in production
        actividad = _plan_de_500(alicia)
    plan = Plan.objects.order_by("-vigencia").first()
    assert actividad.plan_id == plan.pk
    assert Actividad.objects.filter(plan=plan).count() == request.param
    return plan, actividad


@pytest.fixture
def cliente_de(client):
    def _cliente(usuario):
        client.force_login(usuario)
        return client

    return _cliente


def test_tablero(cliente_de, alicia, escenario, django_assert_num_queries):
    cliente = cliente_de(alicia)
    # session, user, groups; plan; every activity's figures (a few columns, latest
    # report as a subquery), their windows and offices, the subcomponentes and offices
    # the summaries name; the page's 50 activities (+subcomponente), assignments
    # (+office), windows; pending evidence (+activity, user); the filter form's offices
    # and subcomponentes; the plan's cortes.
    with django_assert_num_queries(16):
        respuesta = cliente.get("/tablero/")
    assert respuesta.status_code == 200


def test_tablero_de_control_interno(cliente_de, diana, escenario, django_assert_num_queries):
    cliente = cliente_de(diana)
    with django_assert_num_queries(16):
        respuesta = cliente.get("/tablero/")
    assert respuesta.status_code == 200


def test_tablero_filtrado_al_corte(cliente_de, alicia, escenario, django_assert_num_queries):
    plan, _ = escenario
    segundo = Subcomponente.objects.get(componente__plan=plan, numero=2)
    cliente = cliente_de(alicia)
    url = f"/tablero/?vigencia={plan.vigencia}&corte={plan.vigencia}-2&subcomponente={segundo.pk}"
    # As /tablero/, plus the subcomponente chosen (the form validates it).
    with django_assert_num_queries(17):
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    assert respuesta.context["tablero"].filas  # the filter kept some activities


def test_tablero_filtrado_por_oficina(cliente_de, alicia, escenario, django_assert_num_queries):
    plan, _ = escenario
    cliente = cliente_de(alicia)
    url = f"/tablero/?vigencia={plan.vigencia}&corte={plan.vigencia}-3&oficina=educacion"
    # As /tablero/, plus the office chosen (the form validates it).
    with django_assert_num_queries(17):
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    assert respuesta.context["tablero"].filas


@pytest.mark.parametrize("persona", ["alicia", "bruno"])
def test_tablero_de_oficina(cliente_de, escenario, persona, request, django_assert_num_queries):
    usuario = request.getfixturevalue(persona)
    cliente = cliente_de(usuario)
    # session, user; the office of the address; groups; (bruno: his profile and its
    # office, to check it is his); plan; every activity's figures, windows, offices;
    # the subcomponentes and offices named; the page's activities, assignments,
    # windows; pending evidence; the form's subcomponentes; the plan's cortes.
    with django_assert_num_queries(16 if persona == "alicia" else 18):
        respuesta = cliente.get("/oficina/educacion/")
    assert respuesta.status_code == 200
    assert respuesta.context["tablero"].evidencias_pendientes


@pytest.mark.parametrize("persona", ["alicia", "bruno"])
def test_pagina_de_actividad(cliente_de, escenario, persona, request, django_assert_num_queries):
    _, actividad = escenario
    usuario = request.getfixturevalue(persona)
    cliente = cliente_de(usuario)
    # session, user, groups; the activity (+plan, subcomponente) if visible; its row:
    # activity, assignments, windows; reports (+user); evidence (+users); may they
    # report / upload / review (bruno: profile and office too; «review» needs no query).
    # The report downloads reuse the row's responsables; they read the plan's cortes.
    with django_assert_num_queries(13 if persona == "alicia" else 14):
        respuesta = cliente.get(f"/actividades/{actividad.pk}/")
    assert respuesta.status_code == 200
    assert respuesta.context["avances"]
    assert respuesta.context["evidencias"]


def test_inicio(client, escenario, django_assert_num_queries):
    # The public home (anonymous): plan; every activity's figures, windows, offices;
    # the subcomponentes and offices named; the page's activities, assignments,
    # windows, public evidence; componentes; the other published plans; the closed and published
    # follow-ups; the filter form's offices and subcomponentes; the plan's cortes (for
    # the chart of progress over the cortes: its dates come with the activities query);
    # the page's figures over the whole plan (issue 17's pages); and first the version
    # of the public data, the key of the cached page (a miss here).
    with django_assert_num_queries(17):
        respuesta = client.get("/")
    assert respuesta.status_code == 200


def test_la_fabrica_crea_un_plan_completo(db):
    usuario = get_user_model().objects.create_user("medidor")

    plan = crear_plan_grande(actividades=500, vigencia=2031, usuario=usuario)

    actividades = Actividad.objects.filter(plan=plan)
    assert actividades.count() == 500
    # Codes stay valid (n.m with m ≤ 999): 500 activities fit in the 3 subcomponentes.
    assert Subcomponente.objects.filter(componente__plan=plan).count() == 3
    for actividad in list(actividades.order_by("pk"))[::25]:
        actividad.full_clean()
    assert not actividades.filter(ventanas__isnull=True).exists()
    assert not actividades.filter(asignaciones__isnull=True).exists()
    assert actividades.filter(avances__isnull=False).distinct().count() == 375
    estados = Evidencia.objects.filter(actividad__plan=plan).values_list("estado", flat=True)
    assert sorted(set(estados)) == ["aprobada", "devuelta", "enviada"]
    assert len(estados) == 100
    # A second plan reuses the same test offices.
    otro = crear_plan_grande(actividades=10, vigencia=2032, usuario=usuario)
    assert set(Responsable.objects.filter(asignaciones__actividad__plan=otro)) <= set(
        Responsable.objects.filter(asignaciones__actividad__plan=plan)
    )
