"""The reports' data (plan/informes.py) on the 2022 plan, with a known set of progress reports.

The follow-up's figures for cortes I, II and III are computed by hand in the
comments from the fixture's metas and windows (fixtures/plan_2022.json), and
must also equal the dashboard's (selectors.tablero) for the same corte.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from nucleo import documentos
from plan import informes, reglas, selectors, services
from plan.cortes import Corte
from plan.models import Evidencia, Plan
from plan.tests.fabricas import crear_plan_grande

# Every corte of 2022 has closed: the figures are as of each corte's last day.
HOY = date(2023, 1, 20)

# (code, date, cumulative quantity); metas and windows in the comments.
AVANCES = [
    ("1.1", date(2022, 3, 1), 1),  # meta 1; window 01/02–04/03
    ("1.2", date(2022, 4, 15), 50),  # «100% líderes»; window 01/02–22/04
    ("1.2", date(2022, 6, 10), 100),
    ("1.7", date(2022, 7, 30), 7500),  # meta 15000; windows 01/07–01/08, 01/11–01/12
    ("1.7", date(2022, 11, 30), 15000),
    ("1.8", date(2022, 4, 30), 30),  # «100% de información»; window 03/01–31/12
    ("1.8", date(2022, 4, 30), 25),  # same day, later: a correction (cumulative 25)
    ("1.8", date(2022, 8, 15), 60),
    ("1.8", date(2022, 12, 15), 90),
    ("1.10", date(2022, 5, 31), 1),  # meta 2; windows 01/05–01/06, 01/10–01/11
    ("1.10", date(2022, 10, 30), 2),
    ("2.1", date(2022, 5, 1), 6),  # meta 20; window 04/04–20/12; first day of corte II
    ("2.1", date(2022, 12, 31), 20),  # last day of corte III
    ("2.2", date(2022, 4, 30), 10),  # mínimo 29; window 01/02–30/11; last day of corte I
    ("2.2", date(2022, 8, 31), 20),
    ("2.2", date(2022, 11, 30), 29),
    ("3.1", date(2022, 9, 1), 60),  # al menos 50 (capped at 100 %); window 01/07–20/12
]


def conteos(**no_cero) -> dict[str, int]:
    return dict.fromkeys(reglas.Estado.values, 0) | no_cero


@pytest.fixture
def plan(plan_2022) -> Plan:
    return Plan.objects.get(vigencia=2022)


@pytest.fixture
def avances(plan, alicia, actividad):
    for codigo, fecha, cantidad in AVANCES:
        services.registrar_avance(
            actividad=actividad(codigo),
            usuario=alicia,
            fecha=fecha,
            cantidad=Decimal(cantidad),
            narrativa=f"Avance de {codigo} al {fecha:%d/%m/%Y}.",
            # Known data, dates outside windows and lower values included.
            confirmado=True,
            motivo="Dato conocido de la prueba.",
        )


def _evidencia(actividad, usuario, descripcion, subida, estado=Evidencia.Estado.ENVIADA):
    evidencia = services.subir_evidencia(
        actividad=actividad,
        usuario=usuario,
        descripcion=descripcion,
        enlace=f"https://www.pasto.gov.co/rdc/{descripcion.replace(' ', '-')}",
    )
    Evidencia.objects.filter(pk=evidencia.pk).update(subida_en=subida, estado=estado)
    return evidencia


# --- Hand-computed figures --------------------------------------------------------------


def test_seguimiento_al_primer_corte(plan, avances):
    informe = informes.informe_seguimiento(plan=plan, corte=Corte.cuatrimestre(2022, 1), hoy=HOY)

    assert informe.fecha == date(2022, 4, 30)
    por_codigo = {f.actividad.codigo: f.porcentaje for f in informe.filas}
    # 1.8: two reports on 30/04, the later one (25) corrects the first; 2.2: 10 / 29 = 34.48…
    assert {c: p for c, p in por_codigo.items() if p} == {
        "1.1": Decimal("100.0"),
        "1.2": Decimal("50.0"),
        "1.8": Decimal("25.0"),
        "2.2": Decimal("34.5"),
    }
    # Subcomponente 1 (11 activities): 100 + 50 + 25 = 175; 175 / 11 = 15.909… → 15.9
    # Subcomponente 2 (8): 34.5 / 8 = 4.3125 → 4.3 (2.1's report of 01/05 is in corte II)
    # Subcomponente 3 (4): 0.0
    # Componente: 209.5 / 23 = 9.108… → 9.1
    assert [(g.subcomponente.numero, g.avance.porcentaje) for g in informe.grupos] == [
        (1, Decimal("15.9")),
        (2, Decimal("4.3")),
        (3, Decimal("0.0")),
    ]
    assert informe.avance_componente == Decimal("9.1")
    # cumplida 1.1; vencida 1.2 (50 %, closed 22/04); sin iniciar: the 15 whose first
    # window opens after 30/04 (1.3–1.7, 1.10, 2.3–2.7, 3.1–3.4);
    # en curso: 1.8 (25 + 25 ≥ 118/363 = 32.5 % elapsed), 2.1 (0 + 25 ≥ 27/261 = 10.3 %),
    #   2.2 (34.5 + 25 ≥ 89/303 = 29.4 %);
    # en riesgo: 1.9 (28/58 = 48.3 %), 1.11 (89/179 = 49.7 %), 2.8 (89/318 = 28.0 %).
    assert informe.resumen.conteos == conteos(
        cumplida=1, vencida=1, sin_iniciar=15, en_curso=3, en_riesgo=3
    )


def test_seguimiento_al_segundo_corte(plan, avances):
    informe = informes.informe_seguimiento(plan=plan, corte=Corte.cuatrimestre(2022, 2), hoy=HOY)

    assert informe.fecha == date(2022, 8, 31)
    por_codigo = {f.actividad.codigo: f.porcentaje for f in informe.filas}
    assert {c: p for c, p in por_codigo.items() if p} == {
        "1.1": Decimal("100.0"),
        "1.2": Decimal("100.0"),
        "1.7": Decimal("50.0"),
        "1.8": Decimal("60.0"),
        "1.10": Decimal("50.0"),
        "2.1": Decimal("30.0"),
        "2.2": Decimal("69.0"),  # 20 / 29 = 68.97…
    }
    # Subcomponente 1: 100 + 100 + 50 + 60 + 50 = 360; 360 / 11 = 32.727… → 32.7
    # Subcomponente 2: 30 + 69 = 99; 99 / 8 = 12.375 → 12.4
    # Subcomponente 3: 0.0 (3.1 reports on 01/09)
    # Componente: 459 / 23 = 19.956… → 20.0
    assert [(g.subcomponente.numero, g.avance.porcentaje) for g in informe.grupos] == [
        (1, Decimal("32.7")),
        (2, Decimal("12.4")),
        (3, Decimal("0.0")),
    ]
    assert informe.avance_componente == Decimal("20.0")
    # cumplida 1.1, 1.2; vencida 1.9 (closed 30/06), 1.11 (closed 29/07);
    # sin iniciar 1.3–1.6 and 2.4–2.7 (open 01/09);
    # en curso 1.7 (32/63 days), 1.8 (241/363), 1.10 (32/64), 2.2 (212/303);
    # en riesgo 2.1 (30 + 25 < 150/261 = 57.5 %), 2.3, 2.8, 3.1–3.4.
    assert informe.resumen.conteos == conteos(
        cumplida=2, vencida=2, sin_iniciar=8, en_curso=4, en_riesgo=7
    )


def test_seguimiento_al_tercer_corte(plan, avances):
    informe = informes.informe_seguimiento(plan=plan, corte=Corte.cuatrimestre(2022, 3), hoy=HOY)

    assert informe.fecha == date(2022, 12, 31)
    por_codigo = {f.actividad.codigo: f.porcentaje for f in informe.filas}
    assert {c: p for c, p in por_codigo.items() if p} == {
        "1.1": Decimal("100.0"),
        "1.2": Decimal("100.0"),
        "1.7": Decimal("100.0"),
        "1.8": Decimal("90.0"),
        "1.10": Decimal("100.0"),
        "2.1": Decimal("100.0"),  # reported on 31/12, the corte's last day
        "2.2": Decimal("100.0"),
        "3.1": Decimal("100.0"),  # 60 of «al menos 50», capped
    }
    # Subcomponente 1: 4 × 100 + 90 = 490; 490 / 11 = 44.545… → 44.5
    # Subcomponente 2: 200 / 8 = 25.0; Subcomponente 3: 100 / 4 = 25.0
    # Componente: 790 / 23 = 34.347… → 34.3
    assert [(g.subcomponente.numero, g.avance.porcentaje) for g in informe.grupos] == [
        (1, Decimal("44.5")),
        (2, Decimal("25.0")),
        (3, Decimal("25.0")),
    ]
    assert informe.avance_componente == Decimal("34.3")
    # Every window but 1.8's (to 31/12) has closed; 1.8 at 90 + 25 ≥ 100 is en curso.
    assert informe.resumen.conteos == conteos(cumplida=7, en_curso=1, vencida=15)


@pytest.mark.parametrize("corte", [1, 2, 3])
def test_el_informe_tiene_las_cifras_del_tablero(plan, avances, corte):
    informe = informes.informe_seguimiento(
        plan=plan, corte=Corte.cuatrimestre(2022, corte), hoy=HOY
    )
    tablero = selectors.tablero(plan=plan, hoy=HOY, corte=Corte.cuatrimestre(2022, corte))

    assert [(f.actividad.codigo, f.porcentaje, f.estado) for f in informe.filas] == [
        (f.actividad.codigo, f.porcentaje, f.estado) for f in tablero.filas
    ]
    assert informe.resumen.por_subcomponente == tablero.por_subcomponente
    assert informe.avance_componente == tablero.avance_componente
    assert informe.resumen.conteos == tablero.conteos


def test_el_informe_de_oficina_tiene_las_cifras_del_tablero_de_la_oficina(plan, avances, bruno):
    educacion = bruno.perfil.responsable
    informe = informes.informe_oficina(
        plan=plan, responsable=educacion, corte=Corte.cuatrimestre(2022, 2), hoy=HOY
    )
    tablero = selectors.tablero(
        plan=plan, hoy=HOY, corte=Corte.cuatrimestre(2022, 2), responsable=educacion
    )

    assert [f.actividad.codigo for f in informe.filas] == ["1.3", "2.4"]
    assert [(f.porcentaje, f.estado) for f in informe.filas] == [
        (f.porcentaje, f.estado) for f in tablero.filas
    ]
    assert informe.avance_componente == tablero.avance_componente
    assert informe.titulo == "Informe de Secretaría de Educación Municipal – II cuatrimestre"
    assert informe.nombre == "rdc-educacion-2022-cuatrimestre-2"


def test_antes_del_fin_del_corte_las_cifras_son_a_hoy(plan, avances):
    informe = informes.informe_seguimiento(
        plan=plan, corte=Corte.cuatrimestre(2022, 3), hoy=date(2022, 10, 1)
    )

    assert informe.fecha == date(2022, 10, 1)
    assert informe.publicado_el == date(2022, 10, 1)
    por_codigo = {f.actividad.codigo: f.porcentaje for f in informe.filas}
    assert por_codigo["1.10"] == Decimal("50.0")  # its 30/10 report is still ahead
    assert por_codigo["3.1"] == Decimal("100.0")


# --- What supports each row -------------------------------------------------------------


def test_cada_fila_lleva_los_avances_evidencias_y_observaciones_hasta_el_corte(
    plan, avances, alicia, diana, actividad
):
    a17 = actividad("1.7")
    julio = _evidencia(a17, alicia, "Periodico julio", datetime(2022, 7, 31, 15, tzinfo=UTC))
    _evidencia(
        a17,
        alicia,
        "Foto borrosa",
        datetime(2022, 8, 1, 15, tzinfo=UTC),
        estado=Evidencia.Estado.DEVUELTA,
    )
    # 01/09 at 03:00 UTC is still 31/08 in Bogotá (UTC−5): it belongs to corte II.
    ultima_hora = _evidencia(a17, alicia, "Actas", datetime(2022, 9, 1, 3, tzinfo=UTC))
    _evidencia(a17, alicia, "Periodico noviembre", datetime(2022, 11, 30, 15, tzinfo=UTC))
    services.guardar_observacion(actividad=a17, corte=1, texto="Aún no empieza.", usuario=diana)
    services.guardar_observacion(actividad=a17, corte=2, texto="Primera edición.", usuario=diana)

    informe = informes.informe_seguimiento(plan=plan, corte=Corte.cuatrimestre(2022, 2), hoy=HOY)
    [fila] = [f for f in informe.filas if f.actividad.codigo == "1.7"]

    assert [a.fecha for a in fila.avances] == [date(2022, 7, 30)]
    assert fila.evidencias == [julio, ultima_hora]  # the returned one is left out
    hoy = timezone.localdate()
    assert (
        fila.observaciones
        == f"Observación de Control Interno (diana, {hoy:%d/%m/%Y}): Primera edición."
    )
    [otra] = [f for f in informe.filas if f.actividad.codigo == "1.8"]
    assert [a.cantidad for a in otra.avances] == [30, 25, 60]
    assert otra.observaciones == ""
    assert informe.evidencias == [(fila, julio), (fila, ultima_hora)]


def test_el_informe_de_seguimiento_usa_un_numero_fijo_de_consultas(
    plan, avances, alicia, actividad, django_assert_num_queries
):
    _evidencia(actividad("1.7"), alicia, "Periodico", datetime(2022, 7, 31, 15, tzinfo=UTC))
    # componentes, actividades, asignaciones, ventanas, avances, evidencias, observaciones
    with django_assert_num_queries(7):
        informe = informes.informe_seguimiento(
            plan=plan, corte=Corte.cuatrimestre(2022, 2), hoy=HOY
        )
        documentos.xlsx_desde_hojas(informes.hojas_seguimiento(informe))
    grande = crear_plan_grande(actividades=150)
    with django_assert_num_queries(7):
        informe = informes.informe_seguimiento(
            plan=grande, corte=Corte.cuatrimestre(grande.vigencia, 2), hoy=date(2031, 1, 1)
        )
        documentos.xlsx_desde_hojas(informes.hojas_seguimiento(informe))
    assert len(informe.filas) == 150


def test_el_documento_del_plan_usa_un_numero_fijo_de_consultas(plan, django_assert_num_queries):
    # componentes, actividades (+ subcomponente), asignaciones (+ responsable), ventanas
    with django_assert_num_queries(4):
        informe = informes.informe_plan(plan=plan)
        documentos.xlsx_desde_hojas(informes.hojas_plan(informe))
    assert [a.codigo for a in informe.actividades][:3] == ["1.1", "1.2", "1.3"]
    assert len(informe.actividades) == 23
    assert informe.componente == "Rendición de cuentas"


def test_un_corte_de_otra_vigencia_es_un_error(plan):
    with pytest.raises(ValueError, match="no es de la vigencia 2022"):
        informes.informe_seguimiento(plan=plan, corte=Corte.cuatrimestre(2023, 2), hoy=HOY)


def test_los_nombres_de_archivo_dicen_que_son(plan):
    seguimiento = informes.informe_seguimiento(
        plan=plan, corte=Corte.cuatrimestre(2022, 2), hoy=HOY
    )
    assert seguimiento.nombre == "seguimiento-rdc-2022-cuatrimestre-2"
    assert informes.informe_plan(plan=plan).nombre == "plan-rdc-2022"
