"""Reporting progress (avances) through the activity page.

Activity 1.3 (Secretaría de Educación, bruno): meta «1 informe de gestión
formulado y publicado», window 01/09/2022 – 20/12/2022.
"""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plan.models import Avance


def reportar(client, actividad, *, fecha="2022-09-15", cantidad="0.5", narrativa="Borrador"):
    return client.post(
        f"/actividades/{actividad.pk}/avances/",
        {"fecha": fecha, "cantidad": cantidad, "narrativa": narrativa},
    )


def avance_mostrado(html: str) -> str:
    """The «Avance» figure of the activity's summary (its latest progress %)."""
    dd = re.search(r"<dt>Avance</dt><dd>(.*?)</dd>", html, re.S).group(1)
    return re.search(r'<span class="cifra">([^<]*)</span>', dd).group(1)


def filas_del_historial(html: str) -> list[list[str]]:
    """Date, quantity, %, narrative and reporter of each report (its state aside)."""
    tabla = html.split("Reportes de avance (ninguno se sobrescribe)")[1].split("</table>")[0]
    filas = re.findall(r'<tr[^>]* data-avance="\d+"[^>]*><td>(.*?)</tr>', tabla, re.S)
    return [
        [re.sub(r"<[^>]+>", " ", celda).split() for celda in fila.split("</td><td>")][:5]
        for fila in filas
    ]


def test_reportar_un_avance_lo_guarda_y_vuelve_a_la_actividad(client, bruno, actividad):
    propia = actividad("1.3")
    client.force_login(bruno)

    respuesta = reportar(
        client, propia, fecha="2022-09-15", cantidad="0.5", narrativa="  Borrador del informe.  "
    )

    assert respuesta.status_code == 302
    assert respuesta.url == f"/actividades/{propia.pk}/"
    avance = Avance.objects.get()
    assert avance.actividad == propia
    assert avance.fecha == date(2022, 9, 15)
    assert avance.cantidad == Decimal("0.5")
    assert avance.narrativa == "Borrador del informe."
    assert avance.reportado_por == bruno
    html = client.get(respuesta.url).content.decode()
    # Under review until OPGI approves it: listed, labelled, not yet in the figure.
    assert "Avance enviado. OPGI lo revisará" in html
    assert "Enviado (pendiente de revisión)" in html
    assert avance_mostrado(html) == "0 %"


def test_la_fecha_se_acepta_tambien_como_dd_mm_aaaa(client, bruno, actividad):
    client.force_login(bruno)

    respuesta = reportar(client, actividad("1.3"), fecha="15/09/2022")

    assert respuesta.status_code == 302
    assert Avance.objects.get().fecha == date(2022, 9, 15)


def test_un_segundo_reporte_no_sobrescribe_el_primero(client, bruno, actividad):
    propia = actividad("1.3")
    client.force_login(bruno)
    reportar(client, propia, fecha="2022-09-15", cantidad="0.5", narrativa="Borrador del informe.")

    reportar(client, propia, fecha="2022-10-20", cantidad="1", narrativa="Informe publicado.")

    primero, segundo = Avance.objects.order_by("fecha")
    assert (primero.fecha, primero.cantidad, primero.narrativa) == (
        date(2022, 9, 15),
        Decimal("0.5"),
        "Borrador del informe.",
    )
    assert (segundo.fecha, segundo.cantidad, segundo.narrativa) == (
        date(2022, 10, 20),
        Decimal("1"),
        "Informe publicado.",
    )
    html = client.get(f"/actividades/{propia.pk}/").content.decode()
    assert filas_del_historial(html) == [
        [["15/09/2022"], ["0,50"], ["50,0", "%"], ["Borrador", "del", "informe."], ["bruno"]],
        [["20/10/2022"], ["1"], ["100,0", "%"], ["Informe", "publicado."], ["bruno"]],
    ]


def test_la_pagina_muestra_el_avance_del_reporte_mas_reciente(client, alicia, actividad):
    propia = actividad("1.3")
    client.force_login(alicia)  # OPGI's reports are approved on save
    reportar(client, propia, fecha="2022-10-20", cantidad="1", narrativa="Informe publicado.")
    # A report typed later but dated earlier does not replace the latest one.
    reportar(client, propia, fecha="2022-09-15", cantidad="0.5", narrativa="Borrador (tarde).")

    html = client.get(f"/actividades/{propia.pk}/").content.decode()

    assert avance_mostrado(html) == "100,0 %"
    assert re.search(r"<dt>Estado</dt><dd>.*?Cumplida.*?</dd>", html, re.S)
    assert [fila[0] for fila in filas_del_historial(html)] == [["15/09/2022"], ["20/10/2022"]]


def test_sin_reportes_la_pagina_lo_dice(client, bruno, actividad):
    client.force_login(bruno)

    html = client.get(f"/actividades/{actividad('1.3').pk}/").content.decode()

    assert "Aún no hay reportes de avance." in html
    assert avance_mostrado(html) == "0 %"
    assert "Sin reportes" in html


def test_solo_quien_puede_reportar_ve_el_formulario(client, bruno, diana, actividad):
    propia = actividad("1.3")
    client.force_login(bruno)
    assert 'id="reportar"' in client.get(f"/actividades/{propia.pk}/").content.decode()
    client.force_login(diana)
    assert 'id="reportar"' not in client.get(f"/actividades/{propia.pk}/").content.decode()


MANANA = "manana"


@pytest.mark.parametrize(
    ("codigo", "datos", "mensajes"),
    [
        (
            "1.3",
            {"fecha": MANANA},
            ["La fecha del avance no puede ser posterior a hoy."],
        ),
        (
            "1.3",
            {"fecha": "2021-12-31"},
            ["La fecha debe estar dentro de la vigencia 2022."],
        ),
        (
            "1.3",
            {"fecha": "2023-01-02"},
            ["La fecha debe estar dentro de la vigencia 2022."],
        ),
        ("1.3", {"fecha": "31/02/2022"}, ["Ingrese una fecha válida."]),
        ("1.3", {"cantidad": "-1"}, ["La cantidad no puede ser negativa."]),
        ("1.3", {"cantidad": "uno"}, ["Ingrese un número."]),
        (
            "1.2",
            {"cantidad": "100.5"},
            ["En una meta en porcentaje, el avance no puede superar 100 %."],
        ),
        ("1.3", {"narrativa": ""}, ["Describa el avance realizado."]),
        ("1.3", {"narrativa": "   \n  "}, ["Describa el avance realizado."]),
    ],
    ids=[
        "fecha-futura",
        "antes-de-la-vigencia",
        "despues-de-la-vigencia",
        "fecha-imposible",
        "cantidad-negativa",
        "cantidad-no-numerica",
        "porcentaje-mayor-a-100",
        "narrativa-vacia",
        "narrativa-en-blanco",
    ],  # fmt: skip
)
def test_un_avance_invalido_muestra_el_error_y_no_guarda_nada(
    client, alicia, actividad, codigo, datos, mensajes
):
    if datos.get("fecha") == MANANA:
        datos = {**datos, "fecha": (timezone.localdate() + timedelta(days=1)).isoformat()}
    client.force_login(alicia)

    respuesta = reportar(client, actividad(codigo), **datos)

    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    formulario = html.split('id="reportar"')[1].split("</form>")[0]
    for mensaje in mensajes:
        assert mensaje in formulario
    assert formulario.count('role="alert"') == 1, "exactly one field is wrong"
    assert Avance.objects.count() == 0


def test_una_fecha_futura_de_otro_ano_da_los_dos_motivos(client, bruno, actividad):
    # Today is after 2022, so a future date is also outside the 2022 vigencia: both are said.
    client.force_login(bruno)
    manana = timezone.localdate() + timedelta(days=1)

    respuesta = reportar(client, actividad("1.3"), fecha=manana.isoformat())

    html = respuesta.content.decode()
    assert "La fecha del avance no puede ser posterior a hoy." in html
    assert "La fecha debe estar dentro de la vigencia 2022." in html
    assert Avance.objects.count() == 0


def test_el_formulario_con_errores_conserva_lo_escrito(client, bruno, actividad):
    client.force_login(bruno)

    respuesta = reportar(
        client, actividad("1.3"), cantidad="-3", narrativa="Se publicó el informe en el portal."
    )

    html = respuesta.content.decode()
    assert "Se publicó el informe en el portal." in html
    assert 'value="2022-09-15"' in html


def test_un_porcentaje_de_100_exacto_se_acepta(client, alicia, actividad):
    client.force_login(alicia)

    respuesta = reportar(
        client, actividad("1.2"), fecha="2022-04-15", cantidad="100", narrativa="Todo el equipo."
    )

    assert respuesta.status_code == 302
    assert Avance.objects.get().cantidad == Decimal("100")


def test_la_pagina_no_hace_mas_consultas_con_mas_reportes(
    client, bruno, actividad, django_assert_num_queries
):
    propia = actividad("1.3")
    client.force_login(bruno)
    reportar(client, propia, fecha="2022-09-15", cantidad="0.2")
    with CaptureQueriesContext(connection) as con_uno:
        client.get(f"/actividades/{propia.pk}/")
    consultas_con_uno = len(con_uno)  # now: the next request empties connection.queries
    for dia in range(16, 21):
        reportar(client, propia, fecha=f"2022-09-{dia}", cantidad="0.3")

    with django_assert_num_queries(consultas_con_uno):
        respuesta = client.get(f"/actividades/{propia.pk}/")

    assert len(filas_del_historial(respuesta.content.decode())) == 6
