"""The follow-up rules: progress %, status (semáforo), cortes and «as of a corte».

Most tests are pure (unsaved activities, plain windows, dates); the last
section uses the database to check that the follow-up as of a corte reads
only the progress reports dated up to it.
"""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from plan import cortes as periodos
from plan import reglas, selectors
from plan.cortes import Corte
from plan.models import Actividad, Avance, Ventana
from plan.reglas import Estado

# --- Progress % (Actividad.porcentaje_de) -------------------------------------------------


def meta(cantidad, tipo=Actividad.TipoMeta.EXACTA) -> Actividad:
    """An unsaved activity with just the meta (porcentaje_de needs nothing else)."""
    return Actividad(meta_cantidad=Decimal(cantidad), meta_tipo=tipo)


@pytest.mark.parametrize(
    ("actividad", "cantidad", "esperado"),
    [
        # «1 informe de gestión formulado y publicado» (exacta).
        (meta(1), Decimal(1), Decimal("100.0")),
        (meta(2), Decimal(1), Decimal("50.0")),
        # «Al menos 50 encuestas aplicadas» (mínimo).
        (meta(50, Actividad.TipoMeta.MINIMO), Decimal(20), Decimal("40.0")),
        (meta(50, Actividad.TipoMeta.MINIMO), Decimal(50), Decimal("100.0")),
        # «100% líderes de área capacitados»: the report is itself a percentage.
        (meta(100, Actividad.TipoMeta.PORCENTAJE), Decimal(80), Decimal("80.0")),
        # «80% de …»: reaching 80 % is reaching the meta; 40 % is half of it.
        (meta(80, Actividad.TipoMeta.PORCENTAJE), Decimal(40), Decimal("50.0")),
        (meta(80, Actividad.TipoMeta.PORCENTAJE), Decimal(80), Decimal("100.0")),
    ],
)
def test_porcentaje_para_cada_tipo_de_meta(actividad, cantidad, esperado):
    assert actividad.porcentaje_de(cantidad) == esperado


@pytest.mark.parametrize(
    ("actividad", "cantidad"),
    [
        (meta(50, Actividad.TipoMeta.MINIMO), Decimal(60)),  # 60 of «al menos 50»
        (meta(29, Actividad.TipoMeta.MINIMO), Decimal(100)),
        (meta(1), Decimal(2)),
        (meta(80, Actividad.TipoMeta.PORCENTAJE), Decimal(100)),
    ],
)
def test_porcentaje_se_topa_en_100(actividad, cantidad):
    assert actividad.porcentaje_de(cantidad) == Decimal("100.0")


@pytest.mark.parametrize("cantidad", [None, Decimal(0), Decimal("0.00")])
def test_sin_reportes_o_en_cero_el_avance_es_0(cantidad):
    assert meta(29, Actividad.TipoMeta.MINIMO).porcentaje_de(cantidad) == Decimal(0)


@pytest.mark.parametrize(
    ("cantidad_meta", "cantidad", "texto"),
    [
        (3, Decimal(1), "33.3"),  # 33.333…
        (3, Decimal(2), "66.7"),  # 66.666…
        (29, Decimal(10), "34.5"),  # 34.482…
        (29, Decimal(1), "3.4"),  # 3.448…
        (50, Decimal("12.5"), "25.0"),  # decimal quantities are allowed
        (15000, Decimal(7500), "50.0"),
    ],
)
def test_porcentaje_se_redondea_a_un_decimal(cantidad_meta, cantidad, texto):
    porcentaje = meta(cantidad_meta).porcentaje_de(cantidad)

    assert porcentaje == Decimal(texto)
    assert str(porcentaje) == texto  # exactly one decimal place, as the pages show it


# --- Elapsed share of the windows --------------------------------------------------------


def ventanas(*pares: tuple[str, str]) -> list[Ventana]:
    """Windows from «dd/mm/aaaa» pairs (unsaved: the rules only read inicio and fin)."""
    return [Ventana(inicio=fecha(inicio), fin=fecha(fin)) for inicio, fin in pares]


def fecha(texto: str) -> date:
    dia, mes, anio = (int(parte) for parte in texto.split("/"))
    return date(anio, mes, dia)


# 1.1 of the 2022 plan: 01/02/2022 – 04/03/2022 is 32 days (28 of February + 4).
VENTANA_11 = ventanas(("01/02/2022", "04/03/2022"))
# 1.7 of the 2022 plan: two windows of 32 and 31 days, 63 in all.
VENTANAS_17 = ventanas(("01/07/2022", "01/08/2022"), ("01/11/2022", "01/12/2022"))


@pytest.mark.parametrize(
    ("hoy", "esperado"),
    [
        ("31/01/2022", Decimal(0)),  # the day before
        ("01/02/2022", Decimal(1) / 32),  # the first day counts
        ("16/02/2022", Decimal(16) / 32),
        ("04/03/2022", Decimal(1)),  # the last day counts
        ("05/03/2022", Decimal(1)),
    ],
)
def test_fraccion_transcurrida_de_una_ventana(hoy, esperado):
    assert reglas.fraccion_transcurrida(VENTANA_11, fecha(hoy)) == esperado


@pytest.mark.parametrize(
    ("hoy", "esperado"),
    [
        ("30/06/2022", Decimal(0)),
        ("01/08/2022", Decimal(32) / 63),  # first window complete
        ("15/09/2022", Decimal(32) / 63),  # between windows nothing elapses
        ("10/11/2022", Decimal(32 + 10) / 63),
        ("01/12/2022", Decimal(1)),
    ],
)
def test_fraccion_transcurrida_de_dos_ventanas(hoy, esperado):
    assert reglas.fraccion_transcurrida(VENTANAS_17, fecha(hoy)) == esperado


def test_fraccion_transcurrida_sin_ventanas_es_0():
    assert reglas.fraccion_transcurrida([], date(2022, 6, 1)) == Decimal(0)


# --- Status (semáforo) -------------------------------------------------------------------


def estado(ventanas_, porcentaje, hoy: str) -> Estado:
    return reglas.estado(ventanas=ventanas_, porcentaje=Decimal(porcentaje), hoy=fecha(hoy))


def test_el_margen_de_riesgo_es_el_documentado():
    # 25 points: changing it changes every dashboard, so it must be deliberate.
    assert Decimal(25) == reglas.MARGEN_RIESGO


@pytest.mark.parametrize(
    ("hoy", "porcentaje", "esperado"),
    [
        ("31/01/2022", 0, Estado.SIN_INICIAR),  # the day before the window opens
        ("31/01/2022", 99, Estado.SIN_INICIAR),
        ("01/02/2022", 0, Estado.EN_CURSO),  # first day: 1/32 elapsed, 0 is on time
        ("04/03/2022", 75, Estado.EN_CURSO),  # last day: still inside, not vencida
        ("04/03/2022", Decimal("74.9"), Estado.EN_RIESGO),
        ("05/03/2022", 99, Estado.VENCIDA),  # the day after, without the meta
        ("05/03/2022", 0, Estado.VENCIDA),
        ("31/12/2022", Decimal("99.9"), Estado.VENCIDA),
    ],
)
def test_estado_antes_dentro_y_despues_de_la_ventana(hoy, porcentaje, esperado):
    assert estado(VENTANA_11, porcentaje, hoy) == esperado


# A 100-day window (01/01–10/04/2022: 31 + 28 + 31 + 10 days): on its 50th
# day, 19/02/2022, exactly 50 % of it has elapsed.
VENTANA_100_DIAS = ventanas(("01/01/2022", "10/04/2022"))


def test_frontera_exacta_del_margen_de_riesgo():
    hoy = "19/02/2022"
    assert reglas.fraccion_transcurrida(VENTANA_100_DIAS, fecha(hoy)) == Decimal("0.5")
    frontera = Decimal(50) - reglas.MARGEN_RIESGO  # 25 %

    # Trailing by exactly the margin is still on time; by a bit more is at risk.
    assert estado(VENTANA_100_DIAS, frontera, hoy) == Estado.EN_CURSO
    assert estado(VENTANA_100_DIAS, frontera - Decimal("0.1"), hoy) == Estado.EN_RIESGO
    assert estado(VENTANA_100_DIAS, frontera + Decimal("0.1"), hoy) == Estado.EN_CURSO
    # Ahead of the elapsed share is on time too.
    assert estado(VENTANA_100_DIAS, 60, hoy) == Estado.EN_CURSO


def test_frontera_del_margen_el_dia_siguiente():
    # On day 51 (20/02/2022) 51 % has elapsed: 25 % now trails by 26 points.
    assert estado(VENTANA_100_DIAS, 25, "20/02/2022") == Estado.EN_RIESGO
    assert estado(VENTANA_100_DIAS, 26, "20/02/2022") == Estado.EN_CURSO


@pytest.mark.parametrize(
    ("hoy", "porcentaje", "esperado"),
    [
        ("30/06/2022", 0, Estado.SIN_INICIAR),
        ("15/07/2022", 0, Estado.EN_CURSO),  # 15/63 ≈ 23.8 % elapsed
        ("01/08/2022", 0, Estado.EN_RIESGO),  # 32/63 ≈ 50.8 % elapsed
        # Between the windows: 50.8 % elapsed. Neither sin iniciar nor vencida.
        ("15/09/2022", 30, Estado.EN_CURSO),  # 30 + 25 = 55 ≥ 50.8
        ("15/09/2022", 25, Estado.EN_RIESGO),  # 25 + 25 = 50 < 50.8
        ("31/10/2022", 0, Estado.EN_RIESGO),
        ("01/12/2022", 80, Estado.EN_CURSO),  # last day of the last window
        ("02/12/2022", 80, Estado.VENCIDA),
    ],
)
def test_estado_con_dos_ventanas_como_la_1_7(hoy, porcentaje, esperado):
    assert estado(VENTANAS_17, porcentaje, hoy) == esperado


@pytest.mark.parametrize("hoy", ["01/01/2022", "15/09/2022", "01/12/2022", "31/12/2023"])
def test_cumplida_sea_cual_sea_la_fecha(hoy):
    assert estado(VENTANAS_17, 100, hoy) == Estado.CUMPLIDA
    assert estado([], 100, hoy) == Estado.CUMPLIDA


def test_sin_ventanas_y_sin_cumplir_es_sin_iniciar():
    assert estado([], 0, "15/06/2022") == Estado.SIN_INICIAR
    assert estado([], Decimal("99.9"), "15/06/2022") == Estado.SIN_INICIAR


# --- Cortes (cuatrimestres) --------------------------------------------------------------


def test_cortes_de_2022():
    cortes = periodos.cortes_de(2022)

    assert [(c.inicio, c.fin) for c in cortes] == [
        (date(2022, 1, 1), date(2022, 4, 30)),
        (date(2022, 5, 1), date(2022, 8, 31)),
        (date(2022, 9, 1), date(2022, 12, 31)),
    ]
    assert [c.clave for c in cortes] == ["2022-1", "2022-2", "2022-3"]
    assert [c.nombre for c in cortes] == [
        "I cuatrimestre 2022",
        "II cuatrimestre 2022",
        "III cuatrimestre 2022",
    ]
    assert str(cortes[1]) == "II cuatrimestre 2022 (01/05/2022 – 31/08/2022)"


def test_los_cortes_cubren_el_año_sin_huecos():
    cortes = periodos.cortes_de(2024)  # leap year
    assert cortes[0].inicio == date(2024, 1, 1)
    assert cortes[-1].fin == date(2024, 12, 31)
    for anterior, siguiente in pairwise(cortes):
        assert siguiente.inicio == anterior.fin + timedelta(days=1)


def test_corte_desde_clave_valida():
    assert periodos.corte_desde_clave("2022-2", periodos.cortes_de(2022)) == Corte.cuatrimestre(
        2022, 2
    )
    assert periodos.corte_desde_clave("2030-3", periodos.cortes_de(2030)) == Corte.cuatrimestre(
        2030, 3
    )


@pytest.mark.parametrize(
    "clave",
    ["", "2022", "2022-4", "2022-0", "x-1", "2022-x", "2022-1-1", "1899-1", "-", None],
)
def test_corte_desde_clave_rechaza_basura(clave):
    assert periodos.corte_desde_clave(clave, periodos.cortes_de(2022)) is None


def test_fecha_de_referencia():
    hoy = date(2022, 10, 15)

    # A corte already closed is seen as of its last day …
    assert reglas.fecha_de_referencia(hoy=hoy, corte=Corte.cuatrimestre(2022, 1)) == date(
        2022, 4, 30
    )
    assert reglas.fecha_de_referencia(hoy=hoy, corte=Corte.cuatrimestre(2022, 2)) == date(
        2022, 8, 31
    )
    # … the current or a future one as of today (nothing after today is known).
    assert reglas.fecha_de_referencia(hoy=hoy, corte=Corte.cuatrimestre(2022, 3)) == hoy
    assert reglas.fecha_de_referencia(hoy=hoy, corte=Corte.cuatrimestre(2023, 1)) == hoy
    assert reglas.fecha_de_referencia(hoy=hoy, corte=None) == hoy
    # The corte's own last day is still that day.
    assert reglas.fecha_de_referencia(
        hoy=date(2022, 8, 31), corte=Corte.cuatrimestre(2022, 2)
    ) == date(2022, 8, 31)


# --- The follow-up as of a corte (database) ----------------------------------------------


def registrar(actividad, dia: str, cantidad) -> Avance:
    return Avance.objects.create(
        estado=Avance.Estado.APROBADO,
        actividad=actividad,
        fecha=fecha(dia),
        cantidad=Decimal(cantidad),
        narrativa="Avance.",
    )


def fila_al(actividad, corte: Corte) -> selectors.FilaSeguimiento:
    actividades = selectors.actividades_con_detalle(plan=actividad.plan).filter(pk=actividad.pk)
    [fila] = selectors.seguimiento(actividades=actividades, fecha=corte.fin)
    return fila


def test_seguimiento_al_corte_usa_solo_los_avances_hasta_su_fin(actividad):
    a22 = actividad("2.2")  # «Mínimo 29 espacios de diálogo», 01/02–30/11/2022
    # Reported out of order on purpose: the date decides, not the insertion.
    registrar(a22, "15/10/2022", 29)  # III cuatrimestre
    registrar(a22, "15/03/2022", 5)  # I
    registrar(a22, "30/04/2022", 8)  # I, on the corte's last day
    registrar(a22, "01/05/2022", 10)  # II, the day after corte I
    registrar(a22, "20/06/2022", 12)  # II

    primero, segundo, tercero = periodos.cortes_de(2022)

    fila = fila_al(a22, primero)
    assert (fila.cantidad, fila.porcentaje) == (Decimal(8), Decimal("27.6"))  # 8/29
    assert fila.estado == Estado.EN_CURSO  # 89/303 days ≈ 29.4 % elapsed
    fila = fila_al(a22, segundo)
    assert (fila.cantidad, fila.porcentaje) == (Decimal(12), Decimal("41.4"))  # 12/29
    assert fila.estado == Estado.EN_RIESGO  # 212/303 ≈ 70 % elapsed, 41.4 + 25 < 70
    fila = fila_al(a22, tercero)
    assert (fila.cantidad, fila.porcentaje) == (Decimal(29), Decimal("100.0"))
    assert fila.estado == Estado.CUMPLIDA


def test_seguimiento_sin_avances_hasta_el_corte(actividad):
    a31 = actividad("3.1")  # «Al menos 50 encuestas», 01/07–20/12/2022
    registrar(a31, "15/10/2022", 60)
    primero, segundo, tercero = periodos.cortes_de(2022)

    assert fila_al(a31, primero).cantidad is None
    assert fila_al(a31, primero).estado == Estado.SIN_INICIAR
    assert (fila_al(a31, segundo).cantidad, fila_al(a31, segundo).porcentaje) == (None, 0)
    assert fila_al(a31, segundo).estado == Estado.EN_RIESGO  # 62/173 ≈ 35.8 % elapsed
    assert fila_al(a31, tercero).porcentaje == Decimal("100.0")  # 60 of 50, capped
    assert fila_al(a31, tercero).estado == Estado.CUMPLIDA


def test_a_igual_fecha_gana_el_ultimo_registrado(actividad):
    a17 = actividad("1.7")  # 15.000 ejemplares
    registrar(a17, "01/08/2022", 7000)
    correccion = registrar(a17, "01/08/2022", 7500)  # a correction, same date
    segundo = Corte.cuatrimestre(2022, 2)

    assert fila_al(a17, segundo).cantidad == Decimal(7500)

    # It is the registration time that decides, not the primary key: make the
    # first report the most recently registered one.
    primera = Avance.objects.exclude(pk=correccion.pk).get(actividad=a17)
    Avance.objects.filter(pk=primera.pk).update(
        creado_en=correccion.creado_en + timedelta(minutes=5)
    )
    assert fila_al(a17, segundo).cantidad == Decimal(7000)


def test_seguimiento_de_varias_actividades_al_corte(plan_2022, actividad):
    registrar(actividad("1.1"), "01/03/2022", 1)
    registrar(actividad("1.2"), "20/04/2022", 80)
    registrar(actividad("1.7"), "01/08/2022", 7500)
    registrar(actividad("1.7"), "30/11/2022", 12000)

    actividades = selectors.actividades_con_detalle(plan=plan_2022).filter(
        codigo__in=["1.1", "1.2", "1.7"]
    )
    por_corte = {
        corte.numero: {
            f.actividad.codigo: (f.porcentaje, f.estado)
            for f in selectors.seguimiento(actividades=actividades, fecha=corte.fin)
        }
        for corte in periodos.cortes_de(2022)
    }

    assert por_corte[1] == {
        "1.1": (Decimal("100.0"), Estado.CUMPLIDA),
        "1.2": (Decimal("80.0"), Estado.VENCIDA),  # its window closed on 22/04
        "1.7": (Decimal(0), Estado.SIN_INICIAR),
    }
    assert por_corte[2] == {
        "1.1": (Decimal("100.0"), Estado.CUMPLIDA),
        "1.2": (Decimal("80.0"), Estado.VENCIDA),
        "1.7": (Decimal("50.0"), Estado.EN_CURSO),  # between windows: 50 + 25 ≥ 50.8
    }
    assert por_corte[3] == {
        "1.1": (Decimal("100.0"), Estado.CUMPLIDA),
        "1.2": (Decimal("80.0"), Estado.VENCIDA),
        "1.7": (Decimal("80.0"), Estado.VENCIDA),  # 12000/15000, last window closed 01/12
    }


def test_los_porcentajes_se_redondean_la_mitad_hacia_arriba():
    # 1 of 80 is exactly 1.25 %: reports round it as people do, to 1.3 (not 1.2).
    actividad = Actividad(meta_cantidad=Decimal("80"), meta_tipo=Actividad.TipoMeta.EXACTA)
    assert actividad.porcentaje_de(Decimal("1")) == Decimal("1.3")
    assert selectors.promedio([Decimal("0.5"), Decimal("0.0")]) == Decimal("0.3")
