"""The legal publication deadline of each follow-up (Decreto 124 de 2016).

Each corte's follow-up is published within the first 10 business days of the
next month. 2022 counted by hand with Colombia's holidays:
- May: 1 (Labour day) is a Sunday; 2–6 and 9–13 → 13/05/2022.
- September: 1–2, 5–9, 12–14 → 14/09/2022.
- January 2023: 1 is a Sunday; 2–6 (5), 9 is Reyes (moved to Monday), 10–13 (9), 16 → 16/01/2023.
"""

import re
from datetime import date

import pytest
from django.utils import timezone

from nucleo import dias_habiles
from plan import cortes
from plan.cortes import Corte


@pytest.mark.parametrize(
    ("numero", "esperada"),
    [(1, date(2022, 5, 13)), (2, date(2022, 9, 14)), (3, date(2023, 1, 16))],
)
def test_el_plazo_de_publicacion_es_el_decimo_dia_habil_del_mes_siguiente(numero, esperada):
    assert Corte.cuatrimestre(2022, numero).publicacion == esperada


def test_el_calendario_del_nucleo_salta_el_festivo_de_reyes_de_2023():
    assert dias_habiles.festivo(date(2023, 1, 9))
    assert not dias_habiles.es_dia_habil(date(2023, 1, 9))
    assert dias_habiles.dias_habiles_despues(date(2022, 12, 31), date(2023, 1, 16)) == 10


@pytest.mark.parametrize(
    ("hoy", "numero", "texto"),
    [
        (date(2022, 3, 1), 1, "Quedan 50 días hábiles"),
        (date(2022, 5, 12), 1, "Queda 1 día hábil"),
        (date(2022, 5, 13), 1, "Vence hoy"),
        # Past corte I's deadline, the dashboard moves on to corte II's.
        (date(2022, 5, 14), 2, "Quedan 82 días hábiles"),
        (date(2023, 1, 17), 3, "Vencido hace 1 día hábil"),
        (date(2023, 1, 23), 3, "Vencido hace 5 días hábiles"),
    ],
)
def test_plazo_de_publicacion_del_corte_en_curso(hoy, numero, texto):
    plazo = cortes.plazo_de_publicacion(cortes=cortes.cortes_de(2022), hoy=hoy)

    assert plazo.corte == Corte.cuatrimestre(2022, numero)
    assert plazo.texto == texto
    assert plazo.vencido == texto.startswith("Vencido")


def test_el_corte_elegido_muestra_su_propio_plazo_aunque_este_vencido():
    plazo = cortes.plazo_de_publicacion(
        cortes=cortes.cortes_de(2022), hoy=date(2022, 9, 16), corte=Corte.cuatrimestre(2022, 1)
    )

    # (13/05, 16/09/2022]: 90 weekdays less 30/05, 20/06, 27/06, 04/07, 20/07 and 15/08.
    assert plazo.vence_el == date(2022, 5, 13)
    assert plazo.dias_vencido == 84
    assert plazo.texto == "Vencido hace 84 días hábiles"


@pytest.fixture
def cliente_de(client):
    def _cliente(usuario):
        client.force_login(usuario)
        return client

    return _cliente


@pytest.fixture
def hoy_fijo(monkeypatch):
    def fijar(dia: date):
        original = timezone.localdate
        monkeypatch.setattr(
            "django.utils.timezone.localdate",
            lambda value=None, timezone=None: dia if value is None else original(value, timezone),
        )

    return fijar


def _plazo_mostrado(respuesta) -> tuple[str, str] | None:
    html = respuesta.content.decode()
    encontrado = re.search(r'data-publicacion="([\d-]+)">.*?<strong>(.*?)</strong>', html, re.S)
    return encontrado.groups() if encontrado else None


@pytest.mark.parametrize("persona", ["alicia", "diana"])
def test_opgi_y_control_interno_ven_el_plazo_de_publicacion(cliente_de, persona, request, hoy_fijo):
    hoy_fijo(date(2022, 9, 12))
    cliente = cliente_de(request.getfixturevalue(persona))

    assert _plazo_mostrado(cliente.get("/tablero/")) == ("2022-09-14", "Quedan 2 días hábiles")
    assert _plazo_mostrado(cliente.get("/tablero/?corte=2022-1")) == (
        "2022-05-13",
        "Vencido hace 80 días hábiles",
    )


def test_el_tablero_de_una_oficina_no_muestra_el_plazo_de_publicacion(cliente_de, bruno):
    respuesta = cliente_de(bruno).get("/oficina/educacion/")

    assert respuesta.status_code == 200
    assert _plazo_mostrado(respuesta) is None
