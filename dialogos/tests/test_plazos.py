"""The legal answer deadline (Ley 1755 de 2015, art. 14) and the tracking numbers.

15 business days counted from the day after receipt, skipping weekends and
Colombia's public holidays (most moved to Monday by the Ley Emiliani).
"""

import re
from datetime import date

import pytest

from dialogos import reglas
from dialogos.reglas import EstadoPlazo


@pytest.mark.parametrize(
    ("recibida", "vence", "por_que"),
    [
        (date(2022, 2, 2), date(2022, 2, 23), "tres semanas sin festivos"),
        (date(2022, 1, 7), date(2022, 1, 31), "viernes antes del lunes festivo de Reyes (10/01)"),
        (
            date(2022, 3, 19),
            date(2022, 4, 11),
            "sábado antes del lunes festivo de San José (21/03)",
        ),
        (date(2022, 4, 11), date(2022, 5, 4), "Semana Santa: jueves y viernes santos (14 y 15/04)"),
        (date(2022, 12, 6), date(2022, 12, 28), "8 de diciembre, festivo en jueves"),
        (
            date(2022, 6, 17),
            date(2022, 7, 13),
            "tres lunes festivos seguidos (20/06, 27/06, 04/07)",
        ),
    ],
)
def test_vencimiento_cuenta_quince_dias_habiles_desde_el_dia_siguiente(recibida, vence, por_que):
    assert reglas.vencimiento(recibida) == vence, por_que


def test_el_dia_de_recibo_no_cuenta_aunque_sea_habil():
    # Received Monday 07/02/2022: the first day counted is Tuesday 08/02.
    assert reglas.vencimiento(date(2022, 2, 7)) == date(2022, 2, 28)
    assert reglas.dias_habiles_despues(date(2022, 2, 7), date(2022, 2, 28)) == 15


def test_los_festivos_vienen_del_paquete_holidays_en_espanol():
    assert reglas.festivo(date(2022, 1, 10))  # Reyes, moved to Monday
    assert not reglas.es_dia_habil(date(2022, 1, 10))
    assert not reglas.es_dia_habil(date(2022, 1, 8))  # Saturday
    assert reglas.es_dia_habil(date(2022, 1, 11))
    assert reglas.festivo(date(2022, 1, 11)) is None


VENCE = date(2022, 1, 31)  # a question received Friday 07/01/2022


@pytest.mark.parametrize(
    ("hoy", "estado", "restantes", "vencida", "texto"),
    [
        (date(2022, 1, 11), EstadoPlazo.A_TIEMPO, 14, 0, "Quedan 14 días hábiles"),
        (date(2022, 1, 26), EstadoPlazo.POR_VENCER, 3, 0, "Quedan 3 días hábiles"),
        (date(2022, 1, 29), EstadoPlazo.POR_VENCER, 1, 0, "Queda 1 día hábil"),
        (date(2022, 1, 31), EstadoPlazo.VENCE_HOY, 0, 0, "Vence hoy"),
        (date(2022, 2, 1), EstadoPlazo.VENCIDA, 0, 1, "Vencida hace 1 día hábil"),
        (date(2022, 2, 7), EstadoPlazo.VENCIDA, 0, 5, "Vencida hace 5 días hábiles"),
    ],
)
def test_plazo_de_una_pregunta_abierta(hoy, estado, restantes, vencida, texto):
    plazo = reglas.plazo(vence_el=VENCE, hoy=hoy)
    assert (plazo.estado, plazo.dias_restantes, plazo.dias_vencida) == (estado, restantes, vencida)
    assert plazo.texto == texto


def test_una_pregunta_respondida_conserva_el_plazo_del_dia_en_que_se_respondio():
    a_tiempo = reglas.plazo(vence_el=VENCE, hoy=date(2022, 6, 1), respondida_el=date(2022, 1, 31))
    tarde = reglas.plazo(vence_el=VENCE, hoy=date(2022, 6, 1), respondida_el=date(2022, 2, 2))
    assert a_tiempo.estado == EstadoPlazo.RESPONDIDA_A_TIEMPO and not a_tiempo.vencida
    assert tarde.estado == EstadoPlazo.RESPONDIDA_TARDE and tarde.vencida
    assert tarde.dias_vencida == 2


def test_la_pregunta_recibida_guarda_su_vencimiento(crear_pregunta):
    pregunta = crear_pregunta(hoy=date(2022, 1, 7))
    pregunta.refresh_from_db()
    assert pregunta.recibida_el == date(2022, 1, 7)
    assert pregunta.vence_el == date(2022, 1, 31)


# --- Tracking numbers ----------------------------------------------------------

FORMA = re.compile(r"\ARDC-2022-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\Z")


def test_radicado_con_el_anio_y_un_codigo_aleatorio_no_secuencial(crear_pregunta):
    radicados = [crear_pregunta(hoy=date(2022, 3, 1)).radicado for _ in range(20)]
    assert all(FORMA.match(r) for r in radicados), radicados
    assert len(set(radicados)) == 20
    # Not sequential: consecutive questions do not share their code's first half.
    assert len({r[9:13] for r in radicados}) > 10


@pytest.mark.parametrize(
    ("escrito", "canonico"),
    [
        ("RDC-2022-7KQ4-XM2P", "RDC-2022-7KQ4-XM2P"),
        ("  rdc 2022 7kq4xm2p ", "RDC-2022-7KQ4-XM2P"),
        ("rdc-2022-7kq4-xm2p.", "RDC-2022-7KQ4-XM2P"),
        ("RDC-2022-OOIL-1234", "RDC-2022-0011-1234"),  # look-alike letters
        ("RDC-2022-7KQ4", None),
        ("ABC-2022-7KQ4-XM2P", None),
        ("RDC-20A2-7KQ4-XM2P", None),
        ("RDC-2022-7KQ4-XM2U", None),  # U is not in the alphabet
        ("", None),
    ],
)
def test_normalizar_radicado(escrito, canonico):
    assert reglas.normalizar_radicado(escrito) == canonico
