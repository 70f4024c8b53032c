"""Large imports through the admin (issue 17): a fixed number of queries whatever the
number of rows, all or nothing, errors on the spreadsheet's rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan.models import Actividad, ActividadResponsable, Responsable, Ventana
from plan.tests.test_importacion import (
    ENCABEZADOS,
    OCS,
    OPGI,
    confirmar,
    foto,
    totales,
    vista_previa,
    xlsx,
)

ENTIDAD = "Alcaldía Municipal de Pasto"


def filas_nuevas(cantidad, subcomponente=1, desde=100):
    """`cantidad` new activities of the 2022 plan, codes «<sub>.<desde>», «<sub>.<desde+1>»…"""
    filas = [ENCABEZADOS]
    for n in range(cantidad):
        filas.append(
            [2022, ENTIDAD, subcomponente, f"{subcomponente}.{desde + n}",
             f"Actividad generada {n}.", "Informe publicado.", f"{n + 1} informes.",
             n + 1, "informes", "Cantidad exacta",
             f"{OPGI}; {OCS}" if n % 2 else "OPGI",
             "01/03/2022-30/04/2022; 01/09/2022-30/09/2022"]
        )  # fmt: skip
    return filas


def consultas(funcion):
    with CaptureQueriesContext(connection) as capturadas:
        funcion()
    return len(capturadas)


def test_las_consultas_no_crecen_con_las_filas(admin_client, plan_2022):
    pequeno, grande = xlsx(filas_nuevas(30, subcomponente=1)), xlsx(filas_nuevas(300, 2))
    previas = {}

    def previa(nombre, contenido):
        def _():
            previas[nombre] = vista_previa(admin_client, Actividad, contenido, "xlsx")

        return _

    preview_30 = consultas(previa(30, pequeno))
    preview_300 = consultas(previa(300, grande))
    assert totales(previas[30])["new"] == 30 and totales(previas[300])["new"] == 300
    confirmacion_30 = consultas(lambda: confirmar(admin_client, Actividad, previas[30]))
    confirmacion_300 = consultas(lambda: confirmar(admin_client, Actividad, previas[300]))

    # At most 0.1 query per extra row (issue 17: 25 per row before).
    assert preview_300 - preview_30 <= 0.1 * 270, (preview_30, preview_300)
    assert confirmacion_300 - confirmacion_30 <= 0.1 * 270, (confirmacion_30, confirmacion_300)
    assert Actividad.objects.filter(codigo__startswith="2.").count() == 300 + 8
    nueva = Actividad.objects.get(codigo="2.101")
    assert [a.responsable.sigla for a in nueva.asignaciones.order_by("orden")] == ["OPGI", "OCS"]
    assert nueva.ventanas.count() == 2 and nueva.meta_cantidad == 2
    assert nueva.history.get().history_user.username == "admin"  # who imported it


def test_reimportar_sin_cambios_tampoco_consulta_por_fila(admin_client, plan_2022):
    contenido = xlsx(filas_nuevas(300))
    confirmar(admin_client, Actividad, vista_previa(admin_client, Actividad, contenido, "xlsx"))
    antes = foto()
    with CaptureQueriesContext(connection) as capturadas:
        previa = vista_previa(admin_client, Actividad, contenido, "xlsx")
    assert totales(previa)["skip"] == 300
    assert len(capturadas) <= 30, len(capturadas)
    assert foto() == antes


def test_la_vista_previa_de_300_filas_no_escribe(admin_client, plan_2022):
    antes = foto(), ActividadResponsable.objects.count(), Ventana.objects.count()
    previa = vista_previa(admin_client, Actividad, xlsx(filas_nuevas(300)), "xlsx")
    assert totales(previa)["new"] == 300 and "confirm_form" in previa.context
    assert (foto(), ActividadResponsable.objects.count(), Ventana.objects.count()) == antes
    assert not Actividad.history.filter(codigo="1.100").exists()


MALAS = {
    "dependencia desconocida": (
        {"Responsables": "OPGI; Secretaría de Magia"},
        [151],
        "No existe la dependencia «Secretaría de Magia»",
    ),
    "código repetido": ({"Código": "1.120"}, [22, 151], "vea también la fila 151"),
    "código ajeno al subcomponente": (
        {"Código": "3.999"},
        [151],
        "El código 3.999 no corresponde al subcomponente 1",
    ),
    "cualitativa con cantidad": (
        {"Tipo de meta": "cualitativa"},
        [151],
        "Una meta cualitativa no lleva cantidad",
    ),
}


@pytest.mark.parametrize(("cambios", "filas", "mensaje"), MALAS.values(), ids=MALAS.keys())
def test_una_fila_mala_entre_300_no_escribe_nada_y_dice_su_fila(
    admin_client, plan_2022, cambios, filas, mensaje
):
    datos = filas_nuevas(300)
    for columna, valor in cambios.items():
        datos[150][ENCABEZADOS.index(columna)] = valor  # the sheet's row 151
    antes = foto()
    previa = vista_previa(admin_client, Actividad, xlsx(datos), "xlsx")
    assert mensaje in previa.text
    assert "confirm_form" not in previa.context
    assert [fila.number for fila in previa.context["result"].invalid_rows] == filas
    assert totales(previa)["new"] == 300 - len(filas)
    assert foto() == antes


# --- offices ------------------------------------------------------------------------


def oficinas(cantidad):
    return [["Nombre", "Sigla", "Slug", "Tipo"]] + [
        [f"Oficina generada {n}", f"OG{n}", "", "Oficina"] for n in range(cantidad)
    ]


def test_importar_oficinas_no_consulta_por_fila(admin_client, plan_2022):
    medidas = {}
    for cantidad in (10, 100):
        filas = oficinas(110)
        contenido = xlsx(filas[:11] if cantidad == 10 else filas[:1] + filas[11:])

        def importar(contenido=contenido):
            previa = vista_previa(admin_client, Responsable, contenido, "xlsx")
            assert "confirm_form" in previa.context
            confirmar(admin_client, Responsable, previa)

        medidas[cantidad] = consultas(importar)
    assert medidas[100] - medidas[10] <= 0.1 * 90, medidas
    nueva = Responsable.objects.get(nombre="Oficina generada 5")
    assert (nueva.slug, nueva.tipo) == ("og5", "oficina")  # the slug as save() fills it
    assert nueva.history.get().history_type == "+"


def test_dos_oficinas_nuevas_no_comparten_slug(admin_client, plan_2022):
    filas = [
        ["Nombre", "Sigla", "Slug", "Tipo"],
        ["Secretaría de Cultura", "SC", "cultura", "Secretaría"],
        ["Secretaría de Cultura Ciudadana", "SCC", "cultura", "Secretaría"],
        ["Secretaría de Cultura Física", "SC", "fisica", "Secretaría"],
    ]
    antes = Responsable.objects.count()
    previa = vista_previa(admin_client, Responsable, xlsx(filas), "xlsx")
    assert [fila.number for fila in previa.context["result"].invalid_rows] == [3, 4]
    assert "La entidad ya tiene una dependencia con esa sigla." in previa.text
    assert "confirm_form" not in previa.context
    assert Responsable.objects.count() == antes


# --- the wizard «Importar un plan completo» ------------------------------------------


def test_el_asistente_escribe_el_plan_con_las_mismas_consultas_con_30_o_300_filas(client, alicia):
    from plan.models import ImportacionPlan
    from plan.tests import test_asistente_importacion as asistente

    client.force_login(alicia)
    medidas = {}
    for filas, vigencia in ((30, 2026), (300, 2027)):
        importacion = asistente.importar(
            client, asistente.plan_de(filas), "plan.xlsx", vigencia=vigencia
        )
        url = reverse("importacion_plan_vista_previa", args=[importacion.pk])
        with CaptureQueriesContext(connection) as previa:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as escritura:
            assert asistente.confirmar(client, importacion).status_code == 302
        medidas[filas] = (len(previa), len(escritura))
        plan = ImportacionPlan.objects.get(pk=importacion.pk).plan
        assert Actividad.objects.filter(plan=plan).count() == filas
    assert medidas[300][0] - medidas[30][0] <= 0.1 * 270, medidas
    assert medidas[300][1] - medidas[30][1] <= 0.1 * 270, medidas
