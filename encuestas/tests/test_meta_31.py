"""Meta 3.1 («Al menos 50 encuestas aplicadas») counts the survey responses by itself."""

from datetime import date
from decimal import Decimal

import pytest

from encuestas import metas, services
from plan import fuentes, selectors
from plan import services as servicios_plan
from plan.models import Actividad

from .conftest import hora, minimas, responder_web


@pytest.fixture
def encuesta_2022(espacio_educacion, predeterminado, alicia):
    """Open during the space of 10/08/2022 and the ten days after."""
    return services.crear_encuesta(
        usuario=alicia,
        cuestionario=predeterminado,
        espacio=espacio_educacion,
        abre_en=hora(2022, 8, 10, 9),
        cierra_en=hora(2022, 8, 20, 23, 59),
    )


def _responder(encuesta, alicia, *, web: int, papel: int, dia=date(2022, 8, 10)):
    datos = minimas(encuesta.cuestionario)
    for _ in range(web):
        responder_web(encuesta, datos, ahora=hora(dia.year, dia.month, dia.day, 12))
    for _ in range(papel):
        services.registrar_papel(
            usuario=alicia, encuesta=encuesta, respuestas=datos, fecha=dia, hoy=dia
        )


def _fila(codigo: str, fecha: date):
    actividades = selectors.actividades_con_detalle(plan=Actividad.objects.get(codigo=codigo).plan)
    return next(
        f
        for f in selectors.seguimiento(actividades=actividades, fecha=fecha)
        if f.actividad.codigo == codigo
    )


def test_la_fuente_esta_registrada_y_sugerida_para_la_31():
    fuente = fuentes.fuente(metas.RESPUESTAS)
    assert fuente is not None and "Encuestas de satisfacción" in fuente.etiqueta
    assert (metas.RESPUESTAS, fuente.etiqueta) in fuentes.opciones()
    assert metas.SUGERIDAS == {"3.1": metas.RESPUESTAS}


def test_las_respuestas_web_y_papel_hasta_la_fecha_son_el_avance(encuesta_2022, alicia, actividad):
    _responder(encuesta_2022, alicia, web=15, papel=5)
    _responder(encuesta_2022, alicia, web=3, papel=2, dia=date(2022, 8, 15))
    # Manual mode: the responses do not count until OPGI chooses the source.
    assert _fila("3.1", date(2022, 12, 31)).cantidad is None
    servicios_plan.cambiar_fuente_avance(
        actividad=actividad("3.1"), usuario=alicia, fuente=metas.RESPUESTAS
    )
    assert _fila("3.1", date(2022, 8, 9)).cantidad == Decimal(0)
    al_10 = _fila("3.1", date(2022, 8, 10))
    assert al_10.cantidad == Decimal(20) and al_10.porcentaje == Decimal("40.0")
    al_corte = _fila("3.1", date(2022, 8, 31))
    assert al_corte.cantidad == Decimal(25) and al_corte.porcentaje == Decimal("50.0")


def test_la_meta_se_cumple_con_50_y_no_cuenta_otros_anios(encuesta_2022, alicia, actividad):
    servicios_plan.cambiar_fuente_avance(
        actividad=actividad("3.1"), usuario=alicia, fuente=metas.RESPUESTAS
    )
    _responder(encuesta_2022, alicia, web=40, papel=12)
    fila = _fila("3.1", date(2022, 12, 20))
    assert fila.cantidad == Decimal(52) and fila.porcentaje == Decimal("100")
    assert fila.estado == "cumplida"
    # Paper forms of 2023 (typed for the same survey) do not count for the 2022 plan.
    _responder(encuesta_2022, alicia, web=0, papel=3, dia=date(2023, 1, 10))
    assert _fila("3.1", date(2023, 6, 30)).cantidad == Decimal(52)


def test_el_tablero_del_plan_muestra_el_avance_automatico(client, encuesta_2022, alicia, actividad):
    _responder(encuesta_2022, alicia, web=10, papel=0)
    client.force_login(alicia)
    # OPGI switches it on from the surveys' page (the form under «Meta de encuestas del plan»).
    pagina = client.get("/encuestas/gestion/").content.decode()
    assert "Contar las respuestas de las encuestas en la meta 3.1" in pagina
    a31 = actividad("3.1")
    assert (
        client.post(f"/encuestas/gestion/metas/{a31.pk}/", {"automatica": "1"}).status_code == 302
    )
    a31.refresh_from_db()
    assert a31.fuente_avance == metas.RESPUESTAS
    assert "Actividad <a" in client.get("/encuestas/gestion/").content.decode()
    tablero = client.get("/tablero/?vigencia=2022&corte=3")
    fila = next(f for f in tablero.context["tablero"].filas if f.actividad.codigo == "3.1")
    assert fila.cantidad == Decimal(10) and fila.porcentaje == Decimal("20.0")


def test_solo_opgi_cambia_la_fuente(client, bruno, diana, actividad, plan_2022):
    a31 = actividad("3.1")
    for usuario in (bruno, diana):
        client.force_login(usuario)
        assert (
            client.post(f"/encuestas/gestion/metas/{a31.pk}/", {"automatica": "1"}).status_code
            == 403
        )
    a31.refresh_from_db()
    assert a31.fuente_avance == ""


def test_contar_es_una_consulta_con_pocas_o_muchas_respuestas(
    encuesta_2022, alicia, actividad, django_assert_num_queries
):
    servicios_plan.cambiar_fuente_avance(
        actividad=actividad("3.1"), usuario=alicia, fuente=metas.RESPUESTAS
    )
    plan = actividad("3.1").plan
    for cuantas in (1, 30):
        _responder(encuesta_2022, alicia, web=cuantas, papel=0)
        # Activities, their responsables and windows, plus one query for this source.
        with django_assert_num_queries(4):
            filas = selectors.seguimiento(
                actividades=selectors.actividades_con_detalle(plan=plan),
                fecha=date(2022, 12, 31),
            )
        assert len(filas) == 23
    assert metas.contar_respuestas([actividad("3.1")], date(2022, 12, 31)) == {
        actividad("3.1").pk: Decimal(31)
    }


def test_cambiar_la_fuente_usa_el_permiso_del_plan_no_el_de_los_cuestionarios(
    client, alicia, actividad, plan_2022, monkeypatch
):
    """The switch is plan's CAMBIAR_FUENTE_AVANCE (through ACTIVIDADES), not encuestas'
    GESTIONAR_CUESTIONARIOS: without the questionnaire permission OPGI still switches it;
    without plan's permission the page refuses it."""
    from encuestas import permisos as permisos_encuestas
    from nucleo import roles
    from plan import permisos as permisos_plan

    a31 = actividad("3.1")
    client.force_login(alicia)
    sin_cuestionarios = permisos_encuestas.ACCIONES_POR_ROL[roles.OPGI] - {
        permisos_encuestas.Accion.GESTIONAR_CUESTIONARIOS
    }
    monkeypatch.setitem(permisos_encuestas.ACCIONES_POR_ROL, roles.OPGI, sin_cuestionarios)
    assert (
        client.post(f"/encuestas/gestion/metas/{a31.pk}/", {"automatica": "1"}).status_code == 302
    )
    a31.refresh_from_db()
    assert a31.fuente_avance == metas.RESPUESTAS
    sin_fuente = permisos_plan.ACCIONES_POR_ROL[roles.OPGI] - {
        permisos_plan.Accion.CAMBIAR_FUENTE_AVANCE
    }
    monkeypatch.setitem(permisos_plan.ACCIONES_POR_ROL, roles.OPGI, sin_fuente)
    assert client.post(f"/encuestas/gestion/metas/{a31.pk}/", {"automatica": ""}).status_code == 403
    a31.refresh_from_db()
    assert a31.fuente_avance == metas.RESPUESTAS
