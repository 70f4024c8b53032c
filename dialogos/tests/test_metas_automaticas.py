"""Metas that count themselves: the dialogue activities take their progress from the records.

Checked through plan.selectors.seguimiento and the plan dashboard, the code
every page and report of the plan uses.
"""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogos import metas, services
from dialogos.models import EspacioDialogo, Pregunta
from dialogos.tests.conftest import BOGOTA, momento
from plan import fuentes
from plan import selectors as plan_selectors
from plan.models import Actividad, Avance, Responsable

Tipo = EspacioDialogo.Tipo


def _fuente(codigo: str, clave: str):
    Actividad.objects.filter(codigo=codigo).update(fuente_avance=clave)


def _cantidades(plan, fecha: date) -> dict[str, Decimal | None]:
    filas = plan_selectors.seguimiento(
        actividades=plan_selectors.actividades_con_detalle(plan=plan), fecha=fecha
    )
    return {fila.actividad.codigo: fila.cantidad for fila in filas}


def test_dialogos_registra_sus_fuentes_en_el_plan():
    claves = {clave for clave, _ in fuentes.opciones()}
    assert {
        metas.JORNADAS,
        metas.TERRITORIALES,
        metas.AUDIENCIAS_PUBLICAS,
        metas.AUDIENCIAS_SECTORIALES,
        metas.PREGUNTAS_RECIBIDAS,
        metas.PREGUNTAS_RESPONDIDAS,
        metas.INFORMES,
    } <= claves


def test_opgi_cambia_la_fuente_desde_dialogos(client, alicia, actividad):
    client.force_login(alicia)
    pagina = client.get("/dialogos/gestion/metas/").content.decode()
    assert 'data-actividad="2.1" data-fuente=""' in pagina
    respuesta = client.post(
        "/dialogos/gestion/metas/", {"actividad": actividad("2.1").pk, "fuente": metas.JORNADAS}
    )
    assert respuesta.status_code == 302
    assert actividad("2.1").fuente_avance == metas.JORNADAS
    invalida = client.post(
        "/dialogos/gestion/metas/", {"actividad": actividad("2.1").pk, "fuente": "inventada"}
    )
    assert invalida.status_code == 302
    assert actividad("2.1").fuente_avance == metas.JORNADAS
    client.post("/dialogos/gestion/metas/", {"actividad": actividad("2.1").pk, "fuente": ""})
    assert actividad("2.1").fuente_avance == ""


def test_jornadas_tematicas_2_1(plan_2022, crear_espacio):
    _fuente("2.1", metas.JORNADAS)
    for mes in (3, 5, 9):
        crear_espacio(codigo="2.1", inicio=momento(2022, mes, 10), realizado=True)
    crear_espacio(codigo="2.1", inicio=momento(2022, 10, 1))  # programmed
    crear_espacio(codigo="2.1", inicio=momento(2022, 10, 2), cancelado=True)
    crear_espacio(inicio=momento(2022, 10, 3), realizado=True)  # not linked to 2.1
    crear_espacio(  # another kind, even if linked
        codigo="2.1", tipo=Tipo.ESPACIO_TERRITORIAL, territorio="Genoy", realizado=True
    )
    assert _cantidades(plan_2022, date(2022, 12, 31))["2.1"] == 3
    assert _cantidades(plan_2022, date(2022, 6, 30))["2.1"] == 2
    assert _cantidades(plan_2022, date(2022, 3, 9))["2.1"] == 0
    # A space counts on its own day (local time), not before.
    assert _cantidades(plan_2022, date(2022, 3, 10))["2.1"] == 1


def test_espacios_territoriales_2_2_y_audiencias(plan_2022, crear_espacio):
    _fuente("2.2", metas.TERRITORIALES)
    _fuente("2.3", metas.AUDIENCIAS_PUBLICAS)
    _fuente("2.4", metas.AUDIENCIAS_SECTORIALES)
    for nombre in ("Genoy", "Catambuco", "Comuna 3"):
        crear_espacio(
            codigo="2.2", tipo=Tipo.ESPACIO_TERRITORIAL, territorio=nombre, realizado=True
        )
    crear_espacio(codigo="2.3", tipo=Tipo.AUDIENCIA_PUBLICA, realizado=True)
    crear_espacio(codigo="2.4", tipo=Tipo.AUDIENCIA_SECTORIAL, realizado=True)
    filas = plan_selectors.seguimiento(
        actividades=plan_selectors.actividades_con_detalle(plan=plan_2022), fecha=date(2022, 12, 31)
    )
    por_codigo = {fila.actividad.codigo: fila for fila in filas}
    assert por_codigo["2.2"].cantidad == 3
    assert por_codigo["2.2"].porcentaje == Decimal("10.3")  # 3 of at least 29
    assert por_codigo["2.3"].cantidad == 1 and por_codigo["2.3"].porcentaje == 50
    assert por_codigo["2.4"].cantidad == 1 and por_codigo["2.4"].porcentaje == 100
    assert por_codigo["2.4"].estado == "cumplida"


def _respondida(pregunta, oficina, dia: date):
    Pregunta.objects.filter(pk=pregunta.pk).update(
        estado=Pregunta.Estado.RESPONDIDA,
        oficina=oficina,
        respuesta="Respuesta",
        respondida_en=datetime.combine(dia, time(16), tzinfo=BOGOTA),
    )


def test_preguntas_recibidas_3_2_y_respondidas_3_3(plan_2022, crear_pregunta):
    _fuente("3.2", metas.PREGUNTAS_RECIBIDAS)
    _fuente("3.3", metas.PREGUNTAS_RESPONDIDAS)
    educacion = Responsable.objects.get(slug="educacion")
    recibidas = [crear_pregunta(hoy=date(2022, mes, 15)) for mes in (2, 4, 6, 8, 10)]
    crear_pregunta(hoy=date(2023, 1, 20))  # next year's plan
    crear_pregunta(hoy=date(2021, 12, 20))  # last year's
    _respondida(recibidas[0], educacion, date(2022, 3, 1))
    _respondida(recibidas[1], educacion, date(2022, 4, 29))
    _respondida(recibidas[4], educacion, date(2023, 1, 10))  # a 2022 question answered in 2023

    assert _cantidades(plan_2022, date(2022, 12, 31))["3.2"] == 5
    assert _cantidades(plan_2022, date(2022, 5, 1))["3.2"] == 2
    assert _cantidades(plan_2022, date(2022, 12, 31))["3.3"] == 2
    assert _cantidades(plan_2022, date(2022, 4, 28))["3.3"] == 1
    assert _cantidades(plan_2022, date(2023, 1, 31))["3.3"] == 3


def test_informes_de_respuestas_3_4(plan_2022, alicia, crear_espacio):
    _fuente("3.4", metas.INFORMES)
    services.registrar_informe(
        usuario=alicia,
        titulo="Primer semestre",
        desde=date(2022, 1, 1),
        hasta=date(2022, 6, 30),
        publicado_el=date(2022, 7, 15),
    )
    services.registrar_informe(
        usuario=alicia,
        titulo="Audiencia",
        espacio=crear_espacio(realizado=True),
        publicado_el=date(2022, 12, 1),
    )
    assert _cantidades(plan_2022, date(2022, 12, 31))["3.4"] == 2
    assert _cantidades(plan_2022, date(2022, 9, 1))["3.4"] == 1


def test_el_tablero_del_plan_muestra_lo_contado(client, alicia, plan_2022, crear_espacio):
    actividad = Actividad.objects.get(codigo="2.1")
    # A hand-typed report is ignored once the activity is automatic.
    Avance.objects.create(
        actividad=actividad,
        fecha=date(2022, 4, 1),
        cantidad=15,
        narrativa="x",
        estado=Avance.Estado.APROBADO,
    )
    for dia in (4, 5):
        crear_espacio(codigo="2.1", inicio=momento(2022, 5, dia), realizado=True)
    client.force_login(alicia)

    def cantidad_en_tablero():
        tablero = client.get("/tablero/?vigencia=2022&corte=2022-3").context["tablero"]
        return next(f.cantidad for f in tablero.filas if f.actividad.codigo == "2.1")

    assert cantidad_en_tablero() == 15
    client.post("/dialogos/gestion/metas/", {"actividad": actividad.pk, "fuente": metas.JORNADAS})
    assert cantidad_en_tablero() == 2


@pytest.mark.parametrize(
    "clave",
    [metas.JORNADAS, metas.PREGUNTAS_RECIBIDAS, metas.PREGUNTAS_RESPONDIDAS, metas.INFORMES],
)
def test_cada_fuente_cuenta_con_una_sola_consulta(plan_2022, crear_espacio, crear_pregunta, clave):
    actividades = list(Actividad.objects.all())
    for _ in range(3):
        crear_espacio(codigo="2.1", realizado=True)
        crear_pregunta(hoy=date(2022, 5, 2))
    with CaptureQueriesContext(connection) as consultas:
        conteo = fuentes.fuente(clave).contar(actividades, date(2022, 12, 31))
    assert len(consultas) == 1
    assert "GROUP BY" in consultas[0]["sql"].upper()
    assert set(conteo) <= {a.pk for a in actividades}
