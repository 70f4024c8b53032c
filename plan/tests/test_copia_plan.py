"""«Copiar a la vigencia siguiente»: next year's plan, unpublished, with the windows a year later."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nucleo.models import Entidad
from plan import servicios_copia
from plan.copia import misma_fecha_otro_anio
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    CortePlan,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)


def ventanas(plan):
    return sorted(
        (v.actividad.codigo, v.inicio, v.fin)
        for v in Ventana.objects.filter(actividad__plan=plan).select_related("actividad")
    )


def test_una_fecha_pasa_al_mismo_dia_del_anio_siguiente_y_el_29_de_febrero_al_28():
    assert misma_fecha_otro_anio(date(2022, 3, 15)) == date(2023, 3, 15)
    assert misma_fecha_otro_anio(date(2024, 2, 29)) == date(2025, 2, 28)
    assert misma_fecha_otro_anio(date(2022, 12, 31)) == date(2023, 12, 31)


def test_copiar_2022_da_el_plan_2023_sin_publicar_con_las_ventanas_un_anio_despues(
    plan_2022, alicia
):
    nuevo = servicios_copia.copiar_plan(plan=plan_2022, usuario=alicia)

    assert (nuevo.vigencia, nuevo.entidad, nuevo.publicado) == (2023, plan_2022.entidad, False)
    assert Actividad.objects.filter(plan=nuevo).count() == 23
    assert Componente.objects.filter(plan=nuevo).count() == plan_2022.componentes.count()
    assert (
        Subcomponente.objects.filter(componente__plan=nuevo).count()
        == Subcomponente.objects.filter(componente__plan=plan_2022).count()
    )
    assert ventanas(nuevo) == [
        (codigo, misma_fecha_otro_anio(inicio), misma_fecha_otro_anio(fin))
        for codigo, inicio, fin in ventanas(plan_2022)
    ]
    original = Actividad.objects.get(plan=plan_2022, codigo="1.7")
    copia = Actividad.objects.get(plan=nuevo, codigo="1.7")
    assert (copia.meta_cantidad, copia.meta_tipo, copia.subcomponente.numero) == (
        original.meta_cantidad,
        original.meta_tipo,
        original.subcomponente.numero,
    )
    assert list(
        ActividadResponsable.objects.filter(actividad=copia).values_list("responsable", "orden")
    ) == list(
        ActividadResponsable.objects.filter(actividad=original).values_list("responsable", "orden")
    )
    # Nothing of the year's execution travels.
    assert not Avance.objects.filter(actividad__plan=nuevo).exists()
    assert not CortePlan.objects.filter(plan=nuevo).exists()
    # Every new row has its history, by alicia.
    assert copia.history.get().history_user == alicia
    assert nuevo.history.get().history_user == alicia


def test_un_plan_2024_con_una_ventana_del_29_de_febrero_se_copia_al_28_de_febrero_de_2025(
    plan_2022, alicia
):
    plan = Plan.objects.create(
        entidad=Entidad.objects.de_nombre("Alcaldía de Prueba"), vigencia=2024, titulo="Plan"
    )
    componente = Componente.objects.create(plan=plan, nombre="Información", orden=1)
    sub = Subcomponente.objects.create(componente=componente, numero=1, nombre="Datos")
    actividad = Actividad.objects.create(
        subcomponente=sub,
        codigo="1.1",
        descripcion="Publicar",
        producto="Informe",
        meta_texto="1 informe",
        meta_cantidad=1,
        meta_unidad="informe",
    )
    ActividadResponsable.objects.create(
        actividad=actividad, responsable=Responsable.objects.first()
    )
    Ventana.objects.create(actividad=actividad, inicio=date(2024, 2, 1), fin=date(2024, 2, 29))
    CortePlan.objects.create(plan=plan, numero=1, fin=date(2024, 6, 30))
    CortePlan.objects.create(plan=plan, numero=2, fin=date(2024, 12, 31))

    nuevo = servicios_copia.copiar_plan(plan=plan, usuario=alicia)

    assert ventanas(nuevo) == [("1.1", date(2025, 2, 1), date(2025, 2, 28))]
    # Its own cortes (two semesters) move with it, open.
    assert list(nuevo.cortes.values_list("numero", "fin", "cerrado_en")) == [
        (1, date(2025, 6, 30), None),
        (2, date(2025, 12, 31), None),
    ]


def test_copiar_a_una_vigencia_que_ya_tiene_plan_se_rechaza_sin_escribir_nada(plan_2022, alicia):
    servicios_copia.copiar_plan(plan=plan_2022, usuario=alicia)
    planes = Plan.objects.count()
    with pytest.raises(ValidationError) as error:
        servicios_copia.copiar_plan(plan=plan_2022, usuario=alicia)
    assert "Ya existe un plan de" in error.value.messages[0]
    assert "2023" in error.value.messages[0]
    assert Plan.objects.count() == planes


@pytest.mark.parametrize("persona", ["bruno", "diana"])
def test_solo_opgi_copia_un_plan(plan_2022, request, persona, client):
    usuario = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        servicios_copia.copiar_plan(plan=plan_2022, usuario=usuario)
    client.force_login(usuario)
    url = reverse("copiar_plan", args=[plan_2022.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Plan.objects.filter(vigencia=2023).exists()


def test_la_pagina_muestra_la_vista_previa_y_al_confirmar_crea_el_plan_sin_publicar(
    plan_2022, alicia, client
):
    client.force_login(alicia)
    url = reverse("copiar_plan", args=[plan_2022.pk])
    previa = client.get(url)
    assert previa.status_code == 200
    assert previa.context["previa"].numero_actividades == 23
    assert "Copiar el plan 2022 a la vigencia 2023" in previa.text
    assert "Crear el plan 2023 sin publicar" in previa.text
    assert not Plan.objects.filter(vigencia=2023).exists()  # the preview writes nothing

    respuesta = client.post(url)
    assert Plan.objects.get(vigencia=2023).es_borrador
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("planes")

    # Once it exists, the page says so and offers no button; a second POST copies nothing.
    otra = client.get(url)
    assert "Ya existe un plan de" in otra.text and "Crear el plan" not in otra.text
    client.post(url)
    assert Plan.objects.filter(vigencia=2023).count() == 1


def test_el_plan_copiado_no_se_ve_en_el_portal(plan_2022, alicia, client):
    servicios_copia.copiar_plan(plan=plan_2022, usuario=alicia)
    assert (
        client.get(reverse("plan_publico", args=["alcaldia-de-pasto-paac-2023"])).status_code == 404
    )
    assert (
        client.get(reverse("plan_publico", args=["alcaldia-de-pasto-paac-2022"])).status_code == 200
    )


def test_la_accion_del_admin_lleva_a_la_vista_previa(plan_2022, client):
    root = get_user_model().objects.create_superuser("root", "root@pasto.gov.co", "clave-1")
    client.force_login(root)
    respuesta = client.post(
        reverse("admin:plan_plan_changelist"),
        {"action": "copiar_a_la_vigencia_siguiente", "_selected_action": [plan_2022.pk]},
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("copiar_plan", args=[plan_2022.pk])
