"""Control Interno closes a corte of the follow-up: a frozen snapshot, signed, published.

Closing writes everything the corte's follow-up prints to CortePlan.instantanea; the
corte's PDF and XLSX are then read from it, whatever happens to the live data, and
the portal publishes them with their real publication date. Only Control Interno
closes and reopens (with a reason); both are recorded.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from plan import services, servicios_cortes
from plan.models import Actividad, CortePlan, Plan
from plan.tests.test_informes_descargas import descargar, filas, libro, texto_pdf

PAGINA = "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/observaciones/"
PDF, XLSX = (
    "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.pdf",
    "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2.xlsx",
)
PORTAL_PDF, PORTAL_XLSX = (
    "/plan/alcaldia-de-pasto-paac-2022/seguimiento/2.pdf",
    "/plan/alcaldia-de-pasto-paac-2022/seguimiento/2.xlsx",
)


@pytest.fixture
def plan(plan_2022) -> Plan:
    return plan_2022


@pytest.fixture
def seguimiento(plan, alicia, diana, actividad):
    """A report on 1.10 (half its meta at corte II) and Control Interno's observation."""
    services.registrar_avance(
        actividad=actividad("1.10"),
        usuario=alicia,
        fecha=date(2022, 5, 31),
        cantidad=Decimal(1),
        narrativa="Primera jornada de diálogo.",
    )
    services.guardar_observacion(
        actividad=actividad("1.10"), corte=2, texto="Falta la segunda jornada.", usuario=diana
    )


def cerrar(plan, diana, **firma):
    return servicios_cortes.cerrar_corte(plan=plan, numero=2, usuario=diana, **firma)


def editar_despues_del_cierre(plan, alicia, actividad):
    """What could change a corte's figures later: a report inside its period, a new
    description (its observations cannot change: see below)."""
    services.registrar_avance(
        actividad=actividad("1.10"),
        usuario=alicia,
        fecha=date(2022, 8, 20),
        cantidad=Decimal(2),
        narrativa="Segunda jornada, reportada tarde.",
        confirmado=True,  # between 1.10's two windows
        motivo="Jornada adelantada.",
    )
    Actividad.objects.filter(pk=actividad("1.10").pk).update(descripcion="Descripción cambiada")


# --- Who closes -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alicia", "bruno"])
def test_solo_control_interno_cierra_un_corte(request, plan, persona):
    with pytest.raises(PermissionDenied):
        cerrar(plan, request.getfixturevalue(persona))

    assert not CortePlan.objects.filter(cerrado_en__isnull=False).exists()


@pytest.mark.parametrize("persona", ["alicia", "bruno"])
def test_solo_control_interno_reabre_un_corte(request, plan, diana, persona):
    cerrar(plan, diana)

    with pytest.raises(PermissionDenied):
        servicios_cortes.reabrir_corte(
            plan=plan, numero=2, usuario=request.getfixturevalue(persona), motivo="Error"
        )

    assert CortePlan.objects.get(plan=plan, numero=2).cerrado


@pytest.mark.parametrize(("persona", "estado"), [("alicia", 403), ("bruno", 403), ("diana", 302)])
def test_los_botones_de_cierre_respetan_el_permiso(client, request, plan, persona, estado):
    client.force_login(request.getfixturevalue(persona))

    respuesta = client.post(
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/cerrar/", {"confirmado": "1"}
    )

    assert respuesta.status_code == estado
    assert CortePlan.objects.filter(numero=2, cerrado_en__isnull=False).exists() == (estado == 302)


@override_settings(
    JEFE_CONTROL_INTERNO_NOMBRE="Diana Rosero", JEFE_CONTROL_INTERNO_CARGO="Jefe de Control Interno"
)
def test_al_cerrar_se_guardan_la_copia_la_firma_y_la_publicacion(plan, diana, seguimiento):
    corte = cerrar(plan, diana)

    corte.refresh_from_db()
    assert corte.cerrado and corte.cerrado_por == diana
    assert corte.publicado_en == corte.cerrado_en
    assert (corte.firmado_nombre, corte.firmado_cargo) == (
        "Diana Rosero",
        "Jefe de Control Interno",
    )
    [fila] = [f for g in corte.instantanea["grupos"] for f in g["filas"] if f["codigo"] == "1.10"]
    assert (fila["programadas"], fila["cumplidas"], fila["porcentaje"]) == (1, 0, "50.0")
    assert fila["observaciones"][0]["texto"] == "Falta la segunda jornada."
    assert [h.history_type for h in corte.history.all()] == ["~", "+"]


def test_un_corte_cerrado_no_se_cierra_dos_veces(plan, diana):
    cerrar(plan, diana)

    with pytest.raises(ValidationError, match="ya está cerrado"):
        cerrar(plan, diana)


# --- What a closed corte prints ---------------------------------------------------------


def test_el_pdf_y_el_xlsx_de_un_corte_cerrado_no_cambian_con_ediciones_posteriores(
    client, plan, alicia, diana, actividad, seguimiento
):
    cerrar(plan, diana, firmado_nombre="Diana Rosero", firmado_cargo="Jefe de Control Interno")
    pdf_antes, _ = texto_pdf(descargar(client, diana, PDF))
    xlsx_antes = [
        [c.value for c in fila]
        for fila in libro(descargar(client, diana, XLSX))["Seguimiento"].iter_rows()
    ]

    editar_despues_del_cierre(plan, alicia, actividad)

    pdf_despues, _ = texto_pdf(descargar(client, alicia, PDF))
    xlsx_despues = [
        [c.value for c in fila]
        for fila in libro(descargar(client, alicia, XLSX))["Seguimiento"].iter_rows()
    ]
    assert pdf_despues == pdf_antes
    assert xlsx_despues == xlsx_antes
    hoy = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Cerrado el {hoy} por diana" in pdf_antes
    assert "Diana Rosero Jefe de Control Interno" in pdf_antes
    assert "Falta la segunda jornada." in pdf_antes
    assert "Segunda jornada, reportada tarde." not in pdf_antes
    assert "Descripción cambiada" not in pdf_antes


def test_el_xlsx_de_un_corte_cerrado_dice_quien_lo_cerro_y_firma(client, plan, diana, seguimiento):
    cerrar(plan, diana, firmado_nombre="Diana Rosero", firmado_cargo="Jefe de Control Interno")

    documento = libro(descargar(client, diana, XLSX))

    datos = dict(documento["Datos del informe"].iter_rows(min_row=2, values_only=True))
    assert datos["Cierre"] == f"Cerrado el {timezone.localdate():%d/%m/%Y} por diana"
    assert (datos["Firma: nombre"], datos["Firma: cargo"]) == (
        "Diana Rosero",
        "Jefe de Control Interno",
    )
    [fila] = [f for f in filas(documento["Seguimiento"]) if f["Código"].value == "1.10"]
    assert fila["% de avance"].value == 0.5  # a percentage cell: 50 %


def test_en_un_corte_cerrado_nadie_cambia_las_observaciones(client, plan, diana, actividad):
    cerrar(plan, diana)

    with pytest.raises(ValidationError, match="está cerrado"):
        services.guardar_observacion(
            actividad=actividad("1.1"), corte=2, texto="Tarde", usuario=diana
        )
    client.force_login(diana)
    respuesta = client.post(PAGINA, {f"observacion-{actividad('1.1').pk}": "Tarde"}, follow=True)
    html = respuesta.content.decode()
    assert "está cerrado por Control Interno" in html
    assert '<textarea name="observacion-' not in html
    assert not actividad("1.1").observaciones.exists()


# --- Reopening --------------------------------------------------------------------------


def test_reabrir_pide_motivo(plan, diana):
    cerrar(plan, diana)

    with pytest.raises(ValidationError) as error:
        servicios_cortes.reabrir_corte(plan=plan, numero=2, usuario=diana, motivo="  ")

    assert error.value.message_dict == {"motivo": [servicios_cortes.MENSAJE_MOTIVO]}
    assert CortePlan.objects.get(plan=plan, numero=2).cerrado


def test_reabrir_queda_registrado_y_el_informe_vuelve_a_las_cifras_vigentes(
    client, plan, alicia, diana, actividad, seguimiento
):
    cerrar(plan, diana)
    editar_despues_del_cierre(plan, alicia, actividad)
    client.force_login(diana)

    respuesta = client.post(
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/reabrir/",
        {"motivo": "Reporte tardío de la oficina"},
    )

    assert respuesta.status_code == 302
    corte = CortePlan.objects.get(plan=plan, numero=2)
    assert not corte.cerrado and corte.publicado_en is None
    assert (corte.reabierto_por, corte.motivo_reapertura) == (diana, "Reporte tardío de la oficina")
    assert corte.history.count() == 3  # created, closed, reopened
    assert corte.instantanea  # the closed copy is kept in the row and its history
    documento = libro(descargar(client, diana, XLSX))
    [fila] = [f for f in filas(documento["Seguimiento"]) if f["Código"].value == "1.10"]
    assert fila["% de avance"].value == 1  # the late report counts again: 100 %
    assert client.get(PORTAL_XLSX).status_code == 404


# --- Published on the portal ------------------------------------------------------------


def test_el_portal_publica_el_seguimiento_cerrado_con_su_fecha(client, plan, diana, seguimiento):
    assert client.get(PORTAL_PDF).status_code == 404  # open: nothing published yet
    cerrar(plan, diana)
    client.logout()

    portada = client.get("/plan/alcaldia-de-pasto-paac-2022/").content.decode()
    documento = libro(client.get(PORTAL_XLSX))

    assert "Seguimientos de Control Interno publicados" in portada
    assert f"publicado el {timezone.localdate():%d/%m/%Y}" in portada
    assert PORTAL_PDF in portada and PORTAL_XLSX in portada
    datos = dict(documento["Datos del informe"].iter_rows(min_row=2, values_only=True))
    assert datos["Fecha de publicación"].date() == timezone.localdate()


def test_el_seguimiento_de_un_plan_sin_publicar_no_se_publica(client, plan, diana):
    cerrar(plan, diana)
    Plan.objects.filter(pk=plan.pk).update(publicado=False)

    assert client.get(PORTAL_XLSX).status_code == 404


def test_cerrar_un_corte_sin_confirmar_muestra_la_confirmacion_y_no_lo_cierra(client, plan, diana):
    client.force_login(diana)
    url = "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/cerrar/"

    pagina = client.post(url, {"firmado_nombre": "Diana Rosero", "firmado_cargo": "Jefe"})

    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "¿Cerrar y publicar el corte 2 del plan 2022?" in html
    assert "Sí, cerrar y publicar el corte" in html
    assert '<input type="hidden" name="firmado_nombre" value="Diana Rosero">' in html
    assert (
        'href="/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/observaciones/">Volver</a>'
        in html
    )
    assert not CortePlan.objects.filter(numero=2, cerrado_en__isnull=False).exists()

    client.post(url, {"firmado_nombre": "Diana Rosero", "firmado_cargo": "Jefe", "confirmado": "1"})
    corte = CortePlan.objects.get(plan=plan, numero=2)
    assert corte.cerrado and corte.firmado_nombre == "Diana Rosero"
