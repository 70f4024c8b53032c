"""The dashboards' figures on the 2022 plan, with a known set of progress reports.

Every expected figure is computed by hand in the comments from the fixture's
windows (fixtures/plan_2022.json) and the reports created below, so a change
of rule or of query that moves a figure fails here. The pages are read
through the data-* attributes the dashboard template exposes.
"""

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from plan import selectors, services
from plan.models import Evidencia, Subcomponente

# --- Reading a dashboard -----------------------------------------------------------------


def numero(texto: str) -> Decimal:
    """«24,5» (es-co: decimal comma, dot for thousands) → Decimal("24.5")."""
    return Decimal(texto.replace(".", "").replace(",", "."))


def cifras(respuesta) -> dict:
    """Everything a dashboard shows, as plain Python values."""
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    tarjetas = re.findall(
        r'<li class="tarjeta" data-estado="(\w+)"><span class="tarjeta__cifra">(\d+)</span>', html
    )
    subcomponentes = re.findall(
        r'<tr data-subcomponente="(\d+)">.*?<td>(\d+)</td>.*?<span class="cifra">([\d.,]+) %',
        html,
        re.S,
    )
    [componente] = re.findall(
        r"<tr data-componente>.*?<td>(\d+)</td>.*?<span class=\"cifra\">([\d.,]+) %", html, re.S
    )
    return {
        "conteos": {estado: int(cantidad) for estado, cantidad in tarjetas},
        # subcomponente number → (activities, mean %)
        "subcomponentes": {int(n): (int(a), numero(p)) for n, a, p in subcomponentes},
        "componente": (int(componente[0]), numero(componente[1])),
        "actividades": dict(re.findall(r'data-actividad="([\d.]+)" data-estado="(\w+)"', html)),
        "proximas": re.findall(r'data-proxima="([\d.]+)"', html),
        "vencidas": re.findall(r'data-vencida="([\d.]+)"', html),
        "pendientes": [int(pk) for pk in re.findall(r'data-pendiente="(\d+)"', html)],
    }


def conteos(**no_cero) -> dict[str, int]:
    """The status counts: the given ones, 0 for the rest."""
    todos = dict.fromkeys(["sin_iniciar", "en_curso", "en_riesgo", "vencida", "cumplida"], 0)
    return todos | no_cero


@pytest.fixture
def hoy_fijo(monkeypatch):
    """Make «today» a given date for the views (timezone.localdate())."""
    original = timezone.localdate

    def fijar(dia: date):
        def localdate(value=None, timezone=None):
            return dia if value is None else original(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return fijar


# --- The known follow-up of the 2022 plan -------------------------------------------------

# (code, date, cumulative quantity) – the plan's metas and windows are in the comments.
AVANCES = [
    ("1.1", date(2022, 3, 1), 1),  # meta 1; window 01/02–04/03
    ("1.2", date(2022, 4, 20), 80),  # «100% líderes»; window 01/02–22/04
    ("1.3", date(2022, 9, 15), 0),  # meta 1; window 01/09–20/12 (Educación)
    ("1.7", date(2022, 8, 1), 7500),  # meta 15000; windows 01/07–01/08 and 01/11–01/12
    ("1.7", date(2022, 11, 30), 12000),
    ("1.8", date(2022, 8, 20), 40),  # «100% de información»; window 03/01–31/12
    ("1.8", date(2022, 12, 1), 70),
    ("2.1", date(2022, 8, 15), 12),  # meta 20; window 04/04–20/12
    ("2.2", date(2022, 6, 30), 10),  # mínimo 29; window 01/02–30/11
    ("2.4", date(2022, 11, 10), 1),  # meta 1; window 01/09–20/12 (Educación)
    ("3.1", date(2022, 10, 15), 60),  # al menos 50; window 01/07–20/12
]


@pytest.fixture
def evidencias_y_avances(alicia, bruno, carla, actividad):
    """The reports above, and evidence: enviada on 1.3, 1.5 and 3.2, aprobada on 2.4."""
    for codigo, fecha, cantidad in AVANCES:
        services.registrar_avance(
            actividad=actividad(codigo),
            usuario=alicia,
            fecha=fecha,
            cantidad=Decimal(cantidad),
            narrativa=f"Avance de la actividad {codigo}.",
            # Known data, dates outside windows and lower values included.
            confirmado=True,
            motivo="Dato conocido de la prueba.",
        )

    def evidencia(codigo, usuario):
        return services.subir_evidencia(
            actividad=actividad(codigo),
            usuario=usuario,
            descripcion=f"Evidencia de {codigo}",
            enlace=f"https://www.pasto.gov.co/rendicion/{codigo}",
        )

    evidencias = {
        "1.3": evidencia("1.3", bruno),
        "1.5": evidencia("1.5", carla),
        "3.2": evidencia("3.2", alicia),
        "2.4": evidencia("2.4", bruno),
    }
    services.aprobar_evidencia(evidencia=evidencias["2.4"], revisor=alicia)
    # Upload times one day apart, in the order above (the pending list is oldest first).
    for dias, nueva in enumerate(evidencias.values()):
        Evidencia.objects.filter(pk=nueva.pk).update(
            subida_en=datetime(2022, 12, 1, 9, tzinfo=UTC) + timedelta(days=dias)
        )
    return evidencias


@pytest.fixture
def cliente_de(client):
    def _cliente(usuario):
        client.force_login(usuario)
        return client

    return _cliente


# --- The OPGI dashboard at corte II (31/08/2022) -----------------------------------------


def test_tablero_al_segundo_corte(cliente_de, alicia, evidencias_y_avances):
    datos = cifras(cliente_de(alicia).get("/tablero/?corte=2022-2"))

    # As of 31/08/2022 (reports dated later do not count yet):
    # - cumplida: 1.1 (1 of 1).
    # - vencida: 1.2 (80 %, closed 22/04), 1.9 (closed 30/06), 1.11 (closed 29/07).
    # - sin iniciar: 1.3–1.6 and 2.4–2.7 open on 01/09.
    # - en curso: 1.7 (50 %; between its windows 32 of 63 days = 50.8 % elapsed,
    #   50 + 25 ≥ 50.8) and 2.1 (12/20 = 60 %; 150 of 261 days = 57.5 % elapsed).
    # - en riesgo, the other 9: 1.8 (40 %; 241 of 363 days = 66.4 % elapsed,
    #   40 + 25 = 65 < 66.4), 1.10 (0 %; 32 of 64 days), 2.2 (10/29 = 34.5 %;
    #   212 of 303 days = 70 %), 2.3, 2.8, 3.1 (its report is of 15/10), 3.2–3.4.
    assert datos["conteos"] == conteos(
        cumplida=1, vencida=3, sin_iniciar=8, en_curso=2, en_riesgo=9
    )
    assert datos["actividades"]["1.7"] == "en_curso"
    assert datos["actividades"]["1.8"] == "en_riesgo"
    assert datos["actividades"]["3.1"] == "en_riesgo"
    # Subcomponente 1 (11 activities): 1.1 100 + 1.2 80 + 1.7 50 + 1.8 40 = 270;
    #   270 / 11 = 24.545… → 24.5
    # Subcomponente 2 (8): 2.1 60 + 2.2 34.5 = 94.5; 94.5 / 8 = 11.8125 → 11.8
    # Subcomponente 3 (4): nothing reported up to 31/08 → 0.0
    # Componente: (270 + 94.5) / 23 = 15.847… → 15.8
    assert datos["subcomponentes"] == {
        1: (11, Decimal("24.5")),
        2: (8, Decimal("11.8")),
        3: (4, Decimal("0.0")),
    }
    assert datos["componente"] == (23, Decimal("15.8"))
    # Nothing has a window ending between 31/08 and 30/09/2022.
    assert datos["proximas"] == []
    assert datos["vencidas"] == ["1.2", "1.9", "1.11"]


# --- The OPGI dashboard at corte III (31/12/2022) ----------------------------------------

VENCIDAS_AL_TERCER_CORTE = [
    *("1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.9", "1.10", "1.11"),
    *("2.1", "2.2", "2.3", "2.5", "2.6", "2.7", "2.8"),
    *("3.2", "3.3", "3.4"),
]


def test_tablero_al_tercer_corte(cliente_de, alicia, evidencias_y_avances):
    respuesta = cliente_de(alicia).get("/tablero/?corte=2022-3")
    datos = cifras(respuesta)

    # As of 31/12/2022 every window but 1.8's (03/01–31/12) has closed:
    # - cumplida: 1.1, 2.4 (1 of 1 on 10/11) and 3.1 (60 of «al menos 50», capped at 100).
    # - en riesgo: 1.8, on the last day of its window: 70 + 25 = 95 < 100.
    # - vencida: the other 19 (1.7 stayed at 12000 of 15000 = 80 %).
    assert datos["conteos"] == conteos(cumplida=3, en_riesgo=1, vencida=19)
    assert datos["vencidas"] == VENCIDAS_AL_TERCER_CORTE
    # Subcomponente 1: 1.1 100 + 1.2 80 + 1.7 80 + 1.8 70 = 330; 330 / 11 = 30.0
    # Subcomponente 2: 2.1 60 + 2.2 34.5 + 2.4 100 = 194.5; 194.5 / 8 = 24.3125 → 24.3
    # Subcomponente 3: 3.1 100; 100 / 4 = 25.0
    # Componente: (330 + 194.5 + 100) / 23 = 624.5 / 23 = 27.152… → 27.2
    assert datos["subcomponentes"] == {
        1: (11, Decimal("30.0")),
        2: (8, Decimal("24.3")),
        3: (4, Decimal("25.0")),
    }
    assert datos["componente"] == (23, Decimal("27.2"))
    # 1.8 ends on 31/12, within 30 days of 31/12 (and is not cumplida).
    assert datos["proximas"] == ["1.8"]
    html = respuesta.content.decode()
    assert "Situación al 31/12/2022 (III cuatrimestre 2022)" in html
    assert "vence el 31/12/2022 · 70,0 %" in html


def test_evidencias_por_revisar(cliente_de, alicia, evidencias_y_avances):
    datos = cifras(cliente_de(alicia).get("/tablero/?corte=2022-3"))

    # The three «enviada», oldest first; the approved one of 2.4 is not pending.
    assert datos["pendientes"] == [
        evidencias_y_avances["1.3"].pk,
        evidencias_y_avances["1.5"].pk,
        evidencias_y_avances["3.2"].pk,
    ]
    assert evidencias_y_avances["2.4"].pk not in datos["pendientes"]


def test_una_evidencia_revisada_sale_de_la_lista(cliente_de, alicia, evidencias_y_avances):
    services.devolver_evidencia(
        evidencia=evidencias_y_avances["1.5"], revisor=alicia, comentario="Falta la firma."
    )
    services.aprobar_evidencia(evidencia=evidencias_y_avances["3.2"], revisor=alicia)

    datos = cifras(cliente_de(alicia).get("/tablero/"))

    assert datos["pendientes"] == [evidencias_y_avances["1.3"].pk]


def test_proximas_a_vencer_a_partir_de_hoy(cliente_de, alicia, evidencias_y_avances, hoy_fijo):
    hoy_fijo(date(2022, 11, 15))

    respuesta = cliente_de(alicia).get("/tablero/")
    datos = cifras(respuesta)

    # Not cumplida, with a window ending from 15/11 to 15/12/2022 (both included),
    # soonest first: 2.2 (30/11), 1.7 (its second window, 01/12), 2.8 (15/12).
    # 2.4 (cumplida on 10/11) and the windows ending 20/12 or later are left out.
    assert datos["proximas"] == ["2.2", "1.7", "2.8"]
    assert "vence el 01/12/2022 · 50,0 %" in respuesta.content.decode()
    # Closed before 15/11 without reaching the meta.
    assert datos["vencidas"] == ["1.2", "1.9", "1.10", "1.11"]
    assert "Situación al 15/11/2022<" in respuesta.content.decode()


# --- Filters ------------------------------------------------------------------------------


def test_filtro_por_oficina(cliente_de, alicia, evidencias_y_avances):
    datos = cifras(cliente_de(alicia).get("/tablero/?corte=2022-3&oficina=educacion"))

    # Educación is responsable of 1.3 (0, vencida) and 2.4 (1 of 1, cumplida).
    assert datos["actividades"] == {"1.3": "vencida", "2.4": "cumplida"}
    assert datos["conteos"] == conteos(cumplida=1, vencida=1)
    # Subcomponente 1: 1.3 → 0.0; subcomponente 2: 2.4 → 100.0; componente (0 + 100) / 2.
    assert datos["subcomponentes"] == {1: (1, Decimal("0.0")), 2: (1, Decimal("100.0"))}
    assert datos["componente"] == (2, Decimal("50.0"))
    assert datos["proximas"] == []
    assert datos["vencidas"] == ["1.3"]
    # Only Educación's pending evidence (not Salud's 1.5 nor OPGI's 3.2).
    assert datos["pendientes"] == [evidencias_y_avances["1.3"].pk]


def test_filtro_por_oficina_con_varias_responsables(cliente_de, alicia, evidencias_y_avances):
    # 1.6 and 2.7 are shared by Bienestar Social, Juventud and MOSIG (1.6 also Gobierno).
    datos = cifras(cliente_de(alicia).get("/tablero/?corte=2022-2&oficina=juventud"))

    assert datos["actividades"] == {"1.6": "sin_iniciar", "2.7": "sin_iniciar"}
    assert datos["conteos"] == conteos(sin_iniciar=2)
    assert datos["pendientes"] == []


def test_filtro_por_subcomponente(cliente_de, alicia, evidencias_y_avances):
    tercero = Subcomponente.objects.get(componente__plan__vigencia=2022, numero=3)

    datos = cifras(cliente_de(alicia).get(f"/tablero/?corte=2022-3&subcomponente={tercero.pk}"))

    # 3.1 cumplida (100); 3.2, 3.3, 3.4 vencidas (0): (100 + 0 + 0 + 0) / 4 = 25.0
    assert datos["actividades"] == {
        "3.1": "cumplida",
        "3.2": "vencida",
        "3.3": "vencida",
        "3.4": "vencida",
    }
    assert datos["conteos"] == conteos(cumplida=1, vencida=3)
    assert datos["subcomponentes"] == {3: (4, Decimal("25.0"))}
    assert datos["componente"] == (4, Decimal("25.0"))
    assert datos["vencidas"] == ["3.2", "3.3", "3.4"]
    assert datos["pendientes"] == [evidencias_y_avances["3.2"].pk]


def test_filtros_combinados(cliente_de, alicia, evidencias_y_avances):
    segundo = Subcomponente.objects.get(componente__plan__vigencia=2022, numero=2)

    datos = cifras(
        cliente_de(alicia).get(
            f"/tablero/?corte=2022-3&oficina=educacion&subcomponente={segundo.pk}"
        )
    )

    assert datos["actividades"] == {"2.4": "cumplida"}
    assert datos["componente"] == (1, Decimal("100.0"))
    assert datos["pendientes"] == []  # 2.4's evidence is approved


# --- The office dashboard, and who sees what -----------------------------------------------


@pytest.mark.parametrize("corte", ["2022-2", "2022-3", ""])
def test_tablero_de_oficina_coincide_con_el_de_opgi(
    cliente_de, alicia, bruno, evidencias_y_avances, corte
):
    de_opgi = cifras(cliente_de(alicia).get(f"/tablero/?corte={corte}&oficina=educacion"))

    de_bruno = cifras(cliente_de(bruno).get(f"/oficina/educacion/?corte={corte}"))

    assert list(de_bruno["actividades"]) == ["1.3", "2.4"]
    assert de_bruno == de_opgi


def test_tablero_de_oficina_de_educacion(cliente_de, bruno, evidencias_y_avances):
    respuesta = cliente_de(bruno).get("/oficina/educacion/?corte=2022-3")
    datos = cifras(respuesta)

    assert datos["actividades"] == {"1.3": "vencida", "2.4": "cumplida"}
    assert datos["conteos"] == conteos(cumplida=1, vencida=1)
    assert datos["componente"] == (2, Decimal("50.0"))
    assert datos["pendientes"] == [evidencias_y_avances["1.3"].pk]
    html = respuesta.content.decode()
    assert "<h1>Secretaría de Educación Municipal</h1>" in html
    assert 'name="oficina"' not in html  # the office is fixed by the address


def test_una_oficina_no_abre_el_tablero_de_otra(cliente_de, bruno, evidencias_y_avances):
    assert cliente_de(bruno).get("/oficina/salud/").status_code == 403
    assert cliente_de(bruno).get("/tablero/").status_code == 403


def test_opgi_abre_el_tablero_de_cualquier_oficina(cliente_de, alicia, evidencias_y_avances):
    datos = cifras(cliente_de(alicia).get("/oficina/salud/?corte=2022-3"))

    # Salud: 1.5 and 2.5, nothing reported → both vencidas at 0; its evidence of 1.5.
    assert datos["actividades"] == {"1.5": "vencida", "2.5": "vencida"}
    assert datos["componente"] == (2, Decimal("0.0"))
    assert datos["pendientes"] == [evidencias_y_avances["1.5"].pk]


@pytest.mark.parametrize("consulta", ["?corte=2022-2", "?corte=2022-3&oficina=salud", ""])
def test_control_interno_ve_el_mismo_tablero(
    cliente_de, alicia, diana, evidencias_y_avances, consulta
):
    de_opgi = cifras(cliente_de(alicia).get(f"/tablero/{consulta}"))

    de_diana = cifras(cliente_de(diana).get(f"/tablero/{consulta}"))

    assert de_diana == de_opgi
    assert de_diana["pendientes"]  # she sees the evidence waiting for OPGI, too


# --- Bad values in the query string ---------------------------------------------------------


@pytest.mark.parametrize("corte", ["basura", "2022-4", "2021-2", "2022", "'; DROP TABLE"])
def test_corte_invalido_muestra_un_error_y_la_situacion_a_hoy(
    cliente_de, alicia, evidencias_y_avances, corte
):
    cliente = cliente_de(alicia)
    sin_filtros = cifras(cliente.get("/tablero/"))

    respuesta = cliente.get("/tablero/", {"corte": corte})

    assert respuesta.status_code == 200
    assert respuesta.context["filtros"].errors["corte"]
    assert respuesta.context["tablero"].corte is None
    assert respuesta.context["tablero"].fecha == timezone.localdate()
    assert "no es una de las opciones disponibles" in respuesta.content.decode()
    assert cifras(respuesta) == sin_filtros


def test_corte_invalido_no_descarta_los_demas_filtros(cliente_de, alicia, evidencias_y_avances):
    respuesta = cliente_de(alicia).get("/tablero/?corte=2022-9&oficina=educacion")

    # The bad corte is reported and ignored; the office chosen still applies.
    assert respuesta.context["filtros"].errors["corte"]
    assert list(cifras(respuesta)["actividades"]) == ["1.3", "2.4"]


def test_oficina_o_subcomponente_invalidos_no_rompen_el_tablero(
    cliente_de, alicia, evidencias_y_avances
):
    cliente = cliente_de(alicia)
    otro_plan = Subcomponente.objects.order_by("-pk").first().pk + 1000

    for consulta in (
        "?oficina=no-existe",
        "?oficina=%00",
        f"?subcomponente={otro_plan}",
        "?subcomponente=x",
        "?subcomponente=99999999999999999999999",  # beyond any integer column
    ):
        respuesta = cliente.get(f"/tablero/{consulta}&corte=2022-3")

        assert respuesta.status_code == 200
        assert respuesta.context["filtros"].errors
        assert cifras(respuesta)["conteos"] == conteos(cumplida=3, en_riesgo=1, vencida=19)


def test_vigencia_sin_plan_es_404(cliente_de, alicia, evidencias_y_avances):
    assert cliente_de(alicia).get("/tablero/?vigencia=1999").status_code == 404
    assert cliente_de(alicia).get("/tablero/?vigencia=dos-mil").status_code == 404


# --- The activity page ------------------------------------------------------------------------


def avance_y_estado(respuesta) -> tuple[Decimal, str, str]:
    """The activity's own progress figure and status label (not the reports' history)."""
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    [cifra] = re.findall(r'<dt>Avance</dt>\s*<dd>.*?<span class="cifra">([\d.,]+) %', html, re.S)
    [(clase, etiqueta)] = re.findall(
        r'<dt>Estado</dt>\s*<dd>\s*<span class="etiqueta etiqueta--(\w+)">([^<]+)<', html
    )
    return numero(cifra), clase, etiqueta


@pytest.mark.parametrize(
    ("codigo", "porcentaje", "estado", "etiqueta"),
    [
        # 15/09/2022: 1.7 is between its windows at 50 % (50.8 % elapsed) → en curso;
        ("1.7", Decimal("50.0"), "en_curso", "En curso / a tiempo"),
        # 2.2 at 10/29 = 34.5 % with 227 of 303 days (74.9 %) elapsed → en riesgo;
        ("2.2", Decimal("34.5"), "en_riesgo", "En riesgo"),
        # 1.3 opened on 01/09 and reported 0 on 15/09: 15 of 111 days → en curso;
        ("1.3", Decimal("0.0"), "en_curso", "En curso / a tiempo"),
        # 1.1 reached its meta; 2.5 (01/09–20/12) has nothing reported, 15/111 days elapsed.
        ("1.1", Decimal("100.0"), "cumplida", "Cumplida"),
        ("2.5", Decimal("0.0"), "en_curso", "En curso / a tiempo"),
    ],
)
def test_pagina_de_actividad_muestra_el_avance_y_el_estado(
    cliente_de,
    alicia,
    evidencias_y_avances,
    actividad,
    hoy_fijo,
    codigo,
    porcentaje,
    estado,
    etiqueta,
):
    hoy_fijo(date(2022, 9, 15))
    elegida = actividad(codigo)

    respuesta = cliente_de(alicia).get(f"/actividades/{elegida.pk}/")

    fila = selectors.fila_de_actividad(actividad=elegida, fecha=date(2022, 9, 15))
    assert (fila.porcentaje, fila.estado.value, fila.estado.label) == (porcentaje, estado, etiqueta)
    assert avance_y_estado(respuesta) == (porcentaje, estado, etiqueta)


@pytest.mark.parametrize("codigo", ["1.1", "1.7", "2.2", "3.1", "3.4"])
def test_pagina_de_actividad_coincide_con_el_selector_hoy(
    cliente_de, alicia, evidencias_y_avances, actividad, codigo
):
    elegida = actividad(codigo)

    respuesta = cliente_de(alicia).get(f"/actividades/{elegida.pk}/")

    fila = selectors.fila_de_actividad(actividad=elegida, fecha=timezone.localdate())
    assert avance_y_estado(respuesta) == (fila.porcentaje, fila.estado.value, fila.estado.label)


def test_pagina_de_actividad_y_tablero_coinciden(
    cliente_de, alicia, evidencias_y_avances, actividad
):
    cliente = cliente_de(alicia)
    tablero = cifras(cliente.get("/tablero/"))

    for codigo in ("1.7", "2.2", "3.1"):
        _, estado, _ = avance_y_estado(cliente.get(f"/actividades/{actividad(codigo).pk}/"))
        assert tablero["actividades"][codigo] == estado
