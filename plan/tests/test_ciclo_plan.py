"""The plan's lifecycle (issue 16): born a draft, published by OPGI, one plan in force.

The home page shows the plan in force of the site's entity: the one OPGI marked, else
the published one of this year, else the latest published before it, else the earliest
after it; never a draft. /planes/ is where OPGI publishes, withdraws and marks.
"""

import logging
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from nucleo.models import Entidad
from plan import selectors, servicios_ciclo
from plan.models import EstadoPlan, Instrumento, Plan

URL = reverse("planes")


@pytest.fixture
def hoy_fijo(monkeypatch):
    """Make «today» a given date for the views (timezone.localdate())."""
    original = timezone.localdate

    def fijar(dia: date):
        def localdate(value=None, timezone=None):
            return dia if value is None else original(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return fijar


def nuevo_plan(plan_2022, vigencia, *, instrumento=Instrumento.PAAC, publicado=False, **extra):
    return Plan.objects.create(
        entidad=plan_2022.entidad,
        vigencia=vigencia,
        titulo=f"Plan de prueba {vigencia} {instrumento}",
        instrumento=instrumento,
        publicado=publicado,
        **extra,
    )


def plan_de_inicio(client):
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 200
    return respuesta.context["plan"]


def actuar(client, plan, accion, **extra):
    return client.post(URL, {"plan": plan.pk, "accion": accion, "confirmado": "1", **extra})


def recargado(plan):
    return Plan.objects.get(pk=plan.pk)


# --- The model: state and guards ------------------------------------------------------------


def test_un_plan_nuevo_es_un_borrador_que_solo_puede_publicarse(plan_2022):
    borrador = nuevo_plan(plan_2022, 2023)

    assert borrador.estado == EstadoPlan.BORRADOR
    assert borrador.puede_publicarse
    assert not borrador.puede_retirarse
    assert not borrador.puede_marcarse_en_vigor


def test_un_plan_publicado_puede_retirarse_o_marcarse_en_vigor(plan_2022):
    assert plan_2022.estado == EstadoPlan.PUBLICADO
    assert (plan_2022.puede_publicarse, plan_2022.puede_retirarse) == (False, True)
    assert plan_2022.puede_marcarse_en_vigor


def test_un_borrador_marcado_en_vigor_sigue_siendo_un_borrador(plan_2022):
    # E.g. a stray edit in the database: the state says draft, the home ignores it.
    borrador = nuevo_plan(plan_2022, 2023, en_vigor=True)

    assert borrador.estado == EstadoPlan.BORRADOR
    assert not borrador.puede_marcarse_en_vigor


# --- Who may act: role × action ---------------------------------------------------------------


@pytest.mark.parametrize("accion", ["publicar", "retirar", "marcar_en_vigor"])
@pytest.mark.parametrize(("persona", "esperado"), [("diana", 403), ("bruno", 403)])
def test_solo_opgi_cambia_el_ciclo_de_un_plan(
    client, plan_2022, request, persona, esperado, accion
):
    borrador = nuevo_plan(plan_2022, 2023)
    objetivo = borrador if accion == "publicar" else plan_2022
    client.force_login(request.getfixturevalue(persona))

    assert client.get(URL).status_code == esperado
    assert actuar(client, objetivo, accion).status_code == esperado
    assert recargado(objetivo).estado == objetivo.estado


@pytest.mark.parametrize("accion", ["publicar", "retirar", "marcar_en_vigor"])
def test_un_visitante_anonimo_va_al_ingreso_y_no_cambia_nada(client, plan_2022, accion):
    borrador = nuevo_plan(plan_2022, 2023)
    objetivo = borrador if accion == "publicar" else plan_2022

    for respuesta in (client.get(URL), actuar(client, objetivo, accion)):
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))
    assert recargado(objetivo).estado == objetivo.estado


@pytest.mark.parametrize("persona", ["diana", "bruno"])
def test_los_servicios_rechazan_a_quien_no_es_opgi(plan_2022, request, persona):
    usuario = request.getfixturevalue(persona)
    borrador = nuevo_plan(plan_2022, 2023)

    with pytest.raises(PermissionDenied, match="Solo OPGI"):
        servicios_ciclo.publicar_plan(plan=borrador, usuario=usuario)
    with pytest.raises(PermissionDenied, match="Solo OPGI"):
        servicios_ciclo.retirar_plan(plan=plan_2022, usuario=usuario)
    with pytest.raises(PermissionDenied, match="Solo OPGI"):
        servicios_ciclo.marcar_en_vigor(plan=plan_2022, usuario=usuario)
    assert not recargado(borrador).publicado
    assert recargado(plan_2022).estado == EstadoPlan.PUBLICADO


def test_opgi_publica_retira_y_marca_en_vigor_desde_la_pagina_de_planes(client, alicia, plan_2022):
    borrador = nuevo_plan(plan_2022, 2023)
    client.force_login(alicia)

    publicado = actuar(client, borrador, "publicar")
    assert publicado.status_code == 302 and publicado["Location"] == URL
    assert recargado(borrador).estado == EstadoPlan.PUBLICADO

    marcado = client.get(actuar(client, borrador, "marcar_en_vigor")["Location"])
    assert recargado(borrador).estado == EstadoPlan.EN_VIGOR
    assert "es ahora el plan en vigor" in marcado.content.decode()

    retirado = client.get(actuar(client, borrador, "retirar")["Location"])
    assert recargado(borrador).estado == EstadoPlan.BORRADOR
    assert "vuelve a ser un borrador" in retirado.content.decode()


# --- The /planes/ page ------------------------------------------------------------------------


def test_la_pagina_de_planes_lista_cada_plan_con_su_estado_y_sus_botones(client, alicia, plan_2022):
    borrador = nuevo_plan(plan_2022, 2023)
    client.force_login(alicia)

    html = client.get(URL).content.decode()

    assert "<caption>" in html and '<th scope="col">Estado</th>' in html
    fila_2022 = html.split(f'data-plan="{plan_2022.pk}"')[1].split("</tr>")[0]
    fila_2023 = html.split(f'data-plan="{borrador.pk}"')[1].split("</tr>")[0]
    assert "<td>23</td>" in fila_2022 and "<td>0</td>" in fila_2023  # activities
    assert "Publicado" in fila_2022 and "Borrador" in fila_2023
    assert ">Publicar<" not in fila_2022
    assert "Retirar de la publicación" in fila_2022
    assert "Marcar como plan en vigor" in fila_2022
    assert ">Publicar<" in fila_2023
    assert "Retirar de la publicación" not in fila_2023
    assert "Marcar como plan en vigor" not in fila_2023


def test_la_pagina_de_planes_cuenta_las_actividades_en_una_sola_consulta(
    client, alicia, plan_2022, django_assert_max_num_queries
):
    for vigencia in (2023, 2024, 2025):
        nuevo_plan(plan_2022, vigencia)
    client.force_login(alicia)
    client.get(URL)  # session and role warmed up

    # session, user, groups, the plans with their count, the messages: never one per plan.
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200


def test_la_accion_pide_confirmacion_antes_de_publicar(client, alicia, plan_2022):
    borrador = nuevo_plan(plan_2022, 2023)
    client.force_login(alicia)

    pregunta = client.post(URL, {"plan": borrador.pk, "accion": "publicar"})

    assert pregunta.status_code == 200
    assert "¿Publicar el plan" in pregunta.content.decode()
    assert not recargado(borrador).publicado


def test_una_accion_desconocida_es_una_peticion_invalida(client, alicia, plan_2022):
    client.force_login(alicia)

    assert actuar(client, plan_2022, "borrar").status_code == 400
    assert (
        client.post(URL, {"plan": "x", "accion": "publicar", "confirmado": "1"}).status_code == 400
    )
    assert Plan.objects.filter(pk=plan_2022.pk).exists()


def test_publicar_un_plan_ya_publicado_dice_por_que_no(client, alicia, plan_2022):
    client.force_login(alicia)

    respuesta = client.get(actuar(client, plan_2022, "publicar")["Location"])

    assert "El plan ya está publicado." in respuesta.content.decode()


def test_un_borrador_no_puede_marcarse_en_vigor(plan_2022, alicia):
    borrador = nuevo_plan(plan_2022, 2023)

    with pytest.raises(ValidationError, match="Solo un plan publicado"):
        servicios_ciclo.marcar_en_vigor(plan=borrador, usuario=alicia)
    assert not recargado(borrador).en_vigor


def test_retirar_un_borrador_dice_que_no_hay_nada_que_retirar(plan_2022, alicia):
    with pytest.raises(ValidationError, match="no hay nada que retirar"):
        servicios_ciclo.retirar_plan(plan=nuevo_plan(plan_2022, 2023), usuario=alicia)


def test_el_enlace_a_planes_aparece_solo_para_opgi(client, alicia, diana):
    client.force_login(alicia)
    assert f'href="{URL}"' in client.get(reverse("tablero")).content.decode()
    client.force_login(diana)
    assert f'href="{URL}"' not in client.get(reverse("tablero")).content.decode()


# --- What the public sees ---------------------------------------------------------------------


def test_un_borrador_no_es_publico_y_publicarlo_lo_hace_publico(
    client, alicia, plan_2022, hoy_fijo
):
    hoy_fijo(date(2023, 3, 1))
    borrador = nuevo_plan(plan_2022, 2023)
    publico = reverse("plan_publico", args=[borrador.slug])

    assert client.get(publico).status_code == 404
    assert plan_de_inicio(client) == plan_2022  # the draft of this year is not shown
    assert borrador not in selectors.planes_publicados()

    servicios_ciclo.publicar_plan(plan=borrador, usuario=alicia)

    assert client.get(publico).status_code == 200
    assert plan_de_inicio(client) == borrador


def test_el_inicio_nunca_muestra_un_borrador_aunque_sea_del_anio_en_curso(
    client, plan_2022, hoy_fijo
):
    hoy_fijo(date(2023, 6, 1))
    nuevo_plan(plan_2022, 2023, en_vigor=True)  # even marked in force (a stray edit)

    assert plan_de_inicio(client) == plan_2022


def test_marcar_en_vigor_cambia_el_plan_del_inicio(client, alicia, plan_2022, hoy_fijo):
    hoy_fijo(date(2023, 6, 1))
    del_anio = nuevo_plan(plan_2022, 2023, publicado=True)
    assert plan_de_inicio(client) == del_anio

    servicios_ciclo.marcar_en_vigor(plan=plan_2022, usuario=alicia)

    assert plan_de_inicio(client) == plan_2022


def test_marcar_en_vigor_quita_la_marca_del_otro_plan_de_la_entidad(plan_2022, alicia):
    otro = nuevo_plan(plan_2022, 2023, publicado=True)
    servicios_ciclo.marcar_en_vigor(plan=plan_2022, usuario=alicia)

    servicios_ciclo.marcar_en_vigor(plan=otro, usuario=alicia)

    assert list(Plan.objects.filter(en_vigor=True)) == [otro]
    assert recargado(plan_2022).estado == EstadoPlan.PUBLICADO


def test_retirar_el_plan_en_vigor_le_quita_la_marca_y_el_inicio_vuelve_al_del_anio(
    client, alicia, plan_2022, hoy_fijo
):
    hoy_fijo(date(2023, 6, 1))
    del_anio = nuevo_plan(plan_2022, 2023, publicado=True)
    servicios_ciclo.marcar_en_vigor(plan=plan_2022, usuario=alicia)

    servicios_ciclo.retirar_plan(plan=plan_2022, usuario=alicia)

    assert (recargado(plan_2022).publicado, recargado(plan_2022).en_vigor) == (False, False)
    assert plan_de_inicio(client) == del_anio


@pytest.mark.parametrize(
    ("hoy", "esperada"),
    [
        (date(2024, 5, 1), 2024),  # this year's
        (date(2026, 5, 1), 2024),  # none this year: the latest before it (not 2027)
        (date(2021, 5, 1), 2022),  # none this year or before: the earliest after it
    ],
)
def test_sin_marca_el_inicio_elige_por_la_vigencia(client, plan_2022, hoy_fijo, hoy, esperada):
    for vigencia in (2024, 2027, 2028):
        nuevo_plan(plan_2022, vigencia, publicado=True)
    nuevo_plan(plan_2022, 2026)  # a draft of 2026: never chosen
    hoy_fijo(hoy)

    assert plan_de_inicio(client).vigencia == esperada


def test_con_paac_y_ptep_en_la_misma_vigencia_el_inicio_muestra_el_paac(
    client, plan_2022, hoy_fijo
):
    hoy_fijo(date(2023, 5, 1))
    nuevo_plan(plan_2022, 2023, instrumento=Instrumento.PTEP, publicado=True)
    paac = nuevo_plan(plan_2022, 2023, publicado=True)

    assert plan_de_inicio(client) == paac


def test_el_inicio_muestra_el_plan_de_la_entidad_del_sitio(plan_2022, hoy_fijo):
    hoy_fijo(date(2023, 5, 1))
    otra = Entidad.objects.create(nombre="Instituto de prueba", slug="instituto-de-prueba")
    Plan.objects.create(entidad=otra, vigencia=2023, titulo="Plan del instituto", publicado=True)

    assert selectors.plan_vigente() == plan_2022


# --- History and log -------------------------------------------------------------------------


def test_cada_accion_deja_su_historial_con_el_usuario_y_su_linea_de_registro(
    plan_2022, alicia, caplog
):
    borrador = nuevo_plan(plan_2022, 2023)
    caplog.set_level(logging.INFO, logger="rdc.cambios")

    servicios_ciclo.publicar_plan(plan=borrador, usuario=alicia)
    servicios_ciclo.marcar_en_vigor(plan=borrador, usuario=alicia)
    servicios_ciclo.retirar_plan(plan=borrador, usuario=alicia)

    historial = list(borrador.history.order_by("history_date", "history_id"))
    assert [(h.publicado, h.en_vigor) for h in historial] == [
        (False, False),  # created
        (True, False),
        (True, True),
        (False, False),
    ]
    assert all(h.history_user == alicia for h in historial[1:])
    lineas = [r.getMessage() for r in caplog.records if r.name == "rdc.cambios"]
    assert [linea.split()[0] for linea in lineas] == [
        "cambio=plan.publicado",
        "cambio=plan.en_vigor",
        "cambio=plan.retirado",
    ]
    assert all(f"usuario=alicia ({alicia.pk})" in linea for linea in lineas)
    assert "anterior=borrador" in lineas[0]


# --- The admin no longer toggles them --------------------------------------------------------


def test_el_admin_muestra_publicado_y_en_vigor_solo_para_leer(client, alicia, plan_2022):
    client.force_login(alicia)

    html = client.get(reverse("admin:plan_plan_change", args=[plan_2022.pk])).content.decode()

    assert 'name="publicado"' not in html and 'name="en_vigor"' not in html
    assert f'href="{URL}"' in html
