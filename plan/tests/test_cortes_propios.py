"""A plan says which instrument it belongs to and carries its own cortes.

By default a plan is followed up by the three cuatrimestres (30/04, 31/08, 31/12);
OPGI may give it others in the admin (here: two semesters). Then every place that
lists, validates, prints or publishes a corte uses the plan's cortes: the dashboard
filter, the downloads, the URLs (a corte the plan lacks is a 404), the observations,
the closing, the publication deadline and the reports' labels.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from plan import cortes, services, servicios_cortes
from plan.models import CortePlan, Instrumento, Plan
from plan.tests.test_admin import datos_formulario
from plan.tests.test_informes_descargas import descargar, libro, texto_pdf

CAMBIO_PLAN = "/admin/plan/plan/{pk}/change/"


@pytest.fixture
def semestral(plan_2022) -> Plan:
    """The 2022 plan, as a PTEP followed up by semester."""
    plan_2022.instrumento = Instrumento.PTEP
    plan_2022.save()
    CortePlan.objects.create(plan=plan_2022, numero=1, fin=date(2022, 6, 30))
    CortePlan.objects.create(plan=plan_2022, numero=2, fin=date(2022, 12, 31))
    return Plan.objects.get(pk=plan_2022.pk)


def test_sin_cortes_propios_un_plan_tiene_los_tres_cuatrimestres(plan_2022):
    assert [(c.inicio, c.fin, c.nombre) for c in plan_2022.cortes_del_seguimiento] == [
        (date(2022, 1, 1), date(2022, 4, 30), "I cuatrimestre 2022"),
        (date(2022, 5, 1), date(2022, 8, 31), "II cuatrimestre 2022"),
        (date(2022, 9, 1), date(2022, 12, 31), "III cuatrimestre 2022"),
    ]


def test_los_cortes_propios_dan_sus_periodos_nombres_y_plazos(semestral):
    primero, segundo = semestral.cortes_del_seguimiento

    assert (primero.inicio, primero.fin, primero.nombre) == (
        date(2022, 1, 1),
        date(2022, 6, 30),
        "Corte I 2022",
    )
    assert (segundo.inicio, segundo.fin) == (date(2022, 7, 1), date(2022, 12, 31))
    # Ten business days after 30/06/2022: 4 July (San Pedro y San Pablo) and 20 July
    # are holidays, so the count ends on 15 July.
    assert primero.publicacion == date(2022, 7, 15)
    assert segundo.publicacion == date(2023, 1, 16)


def test_el_tablero_ofrece_los_cortes_del_plan_y_su_plazo(client, alicia, semestral):
    client.force_login(alicia)

    respuesta = client.get("/tablero/", {"corte": "2022-1"})

    opciones = [etiqueta for _, etiqueta in respuesta.context["filtros"].fields["corte"].choices]
    assert opciones == ["Hoy", "Corte I 2022", "Corte II 2022"]
    assert respuesta.context["tablero"].fecha == date(2022, 6, 30)
    assert "a más tardar el 15/07/2022" in respuesta.content.decode()


def test_un_corte_que_el_plan_no_tiene_es_404(client, alicia, diana, semestral):
    client.force_login(alicia)
    assert client.get("/informes/seguimiento/alcaldia-de-pasto-paac-2022/3.pdf").status_code == 404
    assert (
        client.get("/informes/seguimiento/alcaldia-de-pasto-paac-2022/3/observaciones/").status_code
        == 404
    )
    assert (
        client.get("/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/3.xlsx").status_code
        == 404
    )
    assert client.get("/tablero/", {"corte": "2022-3"}).context["tablero"].corte is None
    client.force_login(diana)
    assert (
        client.post("/informes/seguimiento/alcaldia-de-pasto-paac-2022/3/cerrar/").status_code
        == 404
    )


def test_una_observacion_de_un_corte_que_el_plan_no_tiene_se_rechaza(semestral, diana, actividad):
    with pytest.raises(ValidationError) as error:
        services.guardar_observacion(actividad=actividad("1.10"), corte=3, texto="…", usuario=diana)

    assert error.value.message_dict == {"corte": [cortes.mensaje_corte(2)]}


def datos_del_informe(respuesta) -> list[tuple]:
    return list(libro(respuesta)["Datos del informe"].iter_rows(values_only=True))


def test_el_seguimiento_imprime_el_corte_propio_y_el_instrumento(client, alicia, semestral):
    pdf, _ = texto_pdf(
        descargar(client, alicia, "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.pdf")
    )
    hoja = datos_del_informe(
        descargar(client, alicia, "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.xlsx")
    )

    assert "Seguimiento Oficina de Control Interno – Corte II" in pdf
    assert "Corte II: 01/07/2022 – 31/12/2022" in pdf
    assert "Programa de Transparencia y Ética Pública" in pdf
    assert ("Periodo", "01/07/2022 – 31/12/2022") in hoja
    assert ("Instrumento", "Programa de Transparencia y Ética Pública") in hoja


def test_cerrar_un_corte_propio_guarda_su_periodo_y_se_publica(client, diana, semestral):
    servicios_cortes.cerrar_corte(plan=semestral, numero=1, usuario=diana)

    assert CortePlan.objects.filter(plan=semestral).count() == 2  # no cuatrimestre was added
    pdf, _ = texto_pdf(client.get("/plan/alcaldia-de-pasto-paac-2022/seguimiento/1.pdf"))
    assert "Corte I: 01/01/2022 – 30/06/2022" in pdf
    assert "Programa de Transparencia y Ética Pública" in pdf
    assert "Corte I (01/01/2022 – 30/06/2022)" in client.get("/").content.decode()


def test_un_plan_de_cuatro_cortes_tiene_su_cuarto_corte(client, alicia, plan_2022):
    for numero, fin in enumerate(
        [date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30), date(2022, 12, 31)], start=1
    ):
        CortePlan.objects.create(plan=plan_2022, numero=numero, fin=fin)

    pdf, _ = texto_pdf(
        descargar(client, alicia, "/informes/seguimiento/alcaldia-de-pasto-paac-2022/4.pdf")
    )

    assert "Corte IV: 01/10/2022 – 31/12/2022" in pdf


# --- OPGI sets the cortes in the admin --------------------------------------------------


def enviar_cortes(client, plan, fines):
    """The plan's admin form with the cortes `fines` (the rest as the page has it)."""
    datos = datos_formulario(client.get(CAMBIO_PLAN.format(pk=plan.pk)))
    datos["cortes-TOTAL_FORMS"] = str(len(fines))
    for indice, (numero, fin) in enumerate(fines):
        datos[f"cortes-{indice}-numero"] = str(numero)
        datos[f"cortes-{indice}-fin"] = fin
        datos[f"cortes-{indice}-plan"] = str(plan.pk)
    return client.post(CAMBIO_PLAN.format(pk=plan.pk), datos)


def test_opgi_define_cortes_semestrales_en_el_admin(client, alicia, plan_2022):
    client.force_login(alicia)

    respuesta = enviar_cortes(client, plan_2022, [(1, "30/06/2022"), (2, "31/12/2022")])

    assert respuesta.status_code == 302, respuesta.context["errors"]
    plan = Plan.objects.get(pk=plan_2022.pk)
    assert [c.nombre for c in plan.cortes_del_seguimiento] == ["Corte I 2022", "Corte II 2022"]
    assert CortePlan.history.filter(plan=plan, history_user=alicia).count() == 2


@pytest.mark.parametrize(
    ("fines", "mensaje"),
    [
        ([(1, "31/08/2022"), (2, "30/06/2022")], cortes.MENSAJE_CORTES_EN_ORDEN),
        ([(1, "30/06/2022"), (3, "31/12/2022")], cortes.MENSAJE_CORTES_CONSECUTIVOS),
        ([(1, "30/06/2022"), (2, "31/01/2023")], cortes.mensaje_fin_fuera_de_vigencia(2022)),
    ],
)
def test_el_admin_rechaza_cortes_mal_definidos(client, alicia, plan_2022, fines, mensaje):
    client.force_login(alicia)

    respuesta = enviar_cortes(client, plan_2022, fines)

    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert not CortePlan.objects.filter(plan=plan_2022).exists()


def test_la_fecha_de_un_corte_cerrado_no_cambia_en_el_admin(client, alicia, diana, plan_2022):
    servicios_cortes.cerrar_corte(plan=plan_2022, numero=1, usuario=diana)
    client.force_login(alicia)
    datos = datos_formulario(client.get(CAMBIO_PLAN.format(pk=plan_2022.pk)))
    datos["cortes-0-fin"] = "31/05/2022"

    respuesta = client.post(CAMBIO_PLAN.format(pk=plan_2022.pk), datos)

    assert respuesta.status_code == 200
    assert "Un corte cerrado conserva su fecha" in respuesta.content.decode()
    assert CortePlan.objects.get(plan=plan_2022, numero=1).fin == date(2022, 4, 30)
