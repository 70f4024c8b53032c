"""Reviewed progress: an office's report counts nowhere public until OPGI approves it.

Bruno (Educación) reports on 1.3 (meta 1 informe; window 01/09–20/12/2022). OPGI
(alicia) approves, returns with a comment, or annuls with a reason; her own reports
are approved on save. Nothing is edited or deleted: every row stays, with its state.
A lower cumulative value or a date outside the windows asks for confirmation and a
reason, and the message says why.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plan import services, servicios_avances, servicios_cortes
from plan.models import Avance

PAGINA_PUBLICA = "/plan/alcaldia-de-pasto-paac-2022/actividades/1.3/"


def reportar(actividad, usuario, *, fecha=date(2022, 9, 15), cantidad=1, **extra):
    return services.registrar_avance(
        actividad=actividad("1.3"),
        usuario=usuario,
        fecha=fecha,
        cantidad=Decimal(cantidad),
        narrativa="Informe de gestión publicado.",
        **extra,
    )


def porcentaje_publico(client) -> Decimal:
    respuesta = client.get(PAGINA_PUBLICA)
    assert respuesta.status_code == 200
    return respuesta.context["fila"].porcentaje


def porcentaje_en_datos_abiertos(client, formato: str):
    contenido = client.get(f"/datos-abiertos/actividades.{formato}").content
    if formato == "csv":
        filas = csv.DictReader(io.StringIO(contenido.decode("utf-8-sig")))
        return next(f for f in filas if f["codigo"] == "1.3")["porcentaje_avance"]
    if formato == "json":
        import json

        datos = json.loads(contenido)["datos"]
        return next(f for f in datos if f["codigo"] == "1.3")["porcentaje_avance"]
    hoja = openpyxl.load_workbook(io.BytesIO(contenido)).active
    encabezado = [c.value for c in hoja[1]]
    for fila in hoja.iter_rows(2, values_only=True):
        datos = dict(zip(encabezado, fila, strict=True))
        if datos["codigo"] == "1.3":
            return float(datos["porcentaje_avance (%)"])
    raise AssertionError("1.3 no está en el XLSX")


# --- Invisible until approved -----------------------------------------------------------


def test_el_avance_de_una_oficina_no_es_publico_hasta_que_opgi_lo_aprueba(
    client, alicia, bruno, actividad
):
    avance = reportar(actividad, bruno)

    assert avance.estado == Avance.Estado.ENVIADO
    assert porcentaje_publico(client) == 0
    assert porcentaje_en_datos_abiertos(client, "csv") in ("0", "0.0")
    assert porcentaje_en_datos_abiertos(client, "json") == 0
    assert porcentaje_en_datos_abiertos(client, "xlsx") == 0

    servicios_avances.aprobar_avance(avance=avance, revisor=alicia)

    assert porcentaje_publico(client) == 100
    assert porcentaje_en_datos_abiertos(client, "csv") == "100.0"
    assert porcentaje_en_datos_abiertos(client, "json") == 100
    assert porcentaje_en_datos_abiertos(client, "xlsx") == 100  # 0 to 100, as CSV and JSON


def test_el_seguimiento_publicado_cuenta_solo_avances_aprobados(client, bruno, diana, actividad):
    reportar(actividad, bruno, fecha=date(2022, 12, 15))
    servicios_cortes.cerrar_corte(plan=actividad("1.3").plan, numero=3, usuario=diana)

    hoja = openpyxl.load_workbook(
        io.BytesIO(client.get("/plan/alcaldia-de-pasto-paac-2022/seguimiento/3.xlsx").content)
    )["Seguimiento"]
    encabezado = [c.value for c in hoja[1]]
    [fila] = [
        dict(zip(encabezado, f, strict=True))
        for f in hoja.iter_rows(2, values_only=True)
        if f[0] == "1.3"
    ]
    assert fila["% de avance"] == 0
    assert "Informe de gestión publicado." not in (fila["Actividades realizadas"] or "")


def test_un_avance_devuelto_sigue_sin_contar_y_guarda_el_comentario(
    client, alicia, bruno, actividad
):
    avance = reportar(actividad, bruno)

    servicios_avances.devolver_avance(
        avance=avance, revisor=alicia, comentario="Falta el enlace del informe."
    )

    avance.refresh_from_db()
    assert avance.leyenda_estado == "Devuelto: Falta el enlace del informe."
    assert avance.revisado_por == alicia
    assert porcentaje_publico(client) == 0


def test_devolver_sin_comentario_no_cambia_nada(alicia, bruno, actividad):
    avance = reportar(actividad, bruno)

    with pytest.raises(ValidationError):
        servicios_avances.devolver_avance(avance=avance, revisor=alicia, comentario=" ")

    avance.refresh_from_db()
    assert avance.estado == Avance.Estado.ENVIADO


def test_el_avance_de_opgi_queda_aprobado_al_guardarlo(client, alicia, actividad):
    avance = reportar(actividad, alicia)

    assert avance.estado == Avance.Estado.APROBADO
    assert avance.revisado_por == alicia and avance.revisado_en is not None
    assert porcentaje_publico(client) == 100


@pytest.mark.parametrize("persona", ["bruno", "diana"])
def test_solo_opgi_aprueba_o_anula(request, bruno, actividad, persona):
    avance = reportar(actividad, bruno)
    usuario = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        servicios_avances.aprobar_avance(avance=avance, revisor=usuario)
    with pytest.raises(PermissionDenied):
        servicios_avances.anular_avance(avance=avance, usuario=usuario, motivo="Error")

    avance.refresh_from_db()
    assert avance.estado == Avance.Estado.ENVIADO


# --- Annulment keeps every row ----------------------------------------------------------


def test_anular_conserva_la_fila_con_motivo_quien_y_cuando_y_la_cifra_vuelve_atras(
    client, alicia, actividad
):
    avance = reportar(actividad, alicia)

    servicios_avances.anular_avance(avance=avance, usuario=alicia, motivo="Era de otra actividad.")

    avance.refresh_from_db()
    assert avance.estado == Avance.Estado.ANULADO
    assert (avance.motivo_anulacion, avance.anulado_por) == ("Era de otra actividad.", alicia)
    assert avance.anulado_en is not None
    assert Avance.objects.count() == 1
    assert porcentaje_publico(client) == 0
    assert [h.estado for h in avance.history.order_by("history_id")] == ["aprobado", "anulado"]


def test_anular_sin_motivo_no_cambia_nada(alicia, actividad):
    avance = reportar(actividad, alicia)

    with pytest.raises(ValidationError):
        servicios_avances.anular_avance(avance=avance, usuario=alicia, motivo="")

    avance.refresh_from_db()
    assert avance.estado == Avance.Estado.APROBADO


def test_una_correccion_aprobada_reemplaza_al_avance_que_corrige(alicia, bruno, actividad):
    original = reportar(actividad, alicia)
    correccion = Avance.objects.create(
        actividad=actividad("1.3"),
        fecha=date(2022, 9, 20),
        cantidad=Decimal(1),
        narrativa="Con el enlace correcto.",
        motivo="El primero tenía el enlace equivocado.",
        corrige=original,
        reportado_por=bruno,
    )

    servicios_avances.aprobar_avance(avance=correccion, revisor=alicia)

    original.refresh_from_db()
    assert original.estado == Avance.Estado.REEMPLAZADO
    assert Avance.objects.count() == 2


# --- Doubtful reports need confirmation -------------------------------------------------


def test_un_valor_acumulado_menor_pide_confirmacion_y_dice_por_que(alicia, actividad):
    services.registrar_avance(
        actividad=actividad("2.2"),
        usuario=alicia,
        fecha=date(2022, 6, 1),
        cantidad=Decimal(20),
        narrativa="Veinte espacios.",
    )

    with pytest.raises(ValidationError) as error:
        services.registrar_avance(
            actividad=actividad("2.2"),
            usuario=alicia,
            fecha=date(2022, 7, 1),
            cantidad=Decimal(10),
            narrativa="Diez espacios.",
        )

    [motivo, pedido] = error.value.message_dict["confirmado"]
    assert motivo.startswith("El valor acumulado (10")
    assert "del 01/06/2022" in motivo
    assert pedido == services.MENSAJE_CONFIRMAR
    assert Avance.objects.count() == 1


def test_una_fecha_fuera_de_las_ventanas_pide_confirmacion_y_motivo(alicia, actividad):
    with pytest.raises(ValidationError) as error:
        reportar(actividad, alicia, fecha=date(2022, 3, 1))
    assert (
        "fuera de las fechas programadas de la actividad (01/09/2022 – 20/12/2022)"
        in (error.value.message_dict["confirmado"][0])
    )

    with pytest.raises(ValidationError) as error:
        reportar(actividad, alicia, fecha=date(2022, 3, 1), confirmado=True)
    assert error.value.message_dict == {"motivo": [services.MENSAJE_MOTIVO_CONFIRMACION]}

    avance = reportar(
        actividad, alicia, fecha=date(2022, 3, 1), confirmado=True, motivo="Se adelantó."
    )
    assert avance.motivo == "Se adelantó."


def test_la_pagina_pide_la_confirmacion_cuando_el_servicio_la_pide(client, bruno, actividad):
    client.force_login(bruno)
    url = f"/actividades/{actividad('1.3').pk}/avances/"
    datos = {"fecha": "2022-03-01", "cantidad": "1", "narrativa": "Temprano"}

    respuesta = client.post(url, datos)

    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "fuera de las fechas programadas" in html
    assert 'name="confirmado"' in html and 'name="motivo"' in html
    respuesta = client.post(url, {**datos, "confirmado": "on", "motivo": "Se adelantó."})
    assert respuesta.status_code == 302
    assert Avance.objects.get().estado == Avance.Estado.ENVIADO


# --- The staff page ---------------------------------------------------------------------


def test_opgi_aprueba_desde_la_pagina_de_la_actividad(client, alicia, bruno, actividad):
    avance = reportar(actividad, bruno)
    client.force_login(alicia)
    pagina = f"/actividades/{actividad('1.3').pk}/"
    html = client.get(pagina).content.decode()
    assert "Enviado (pendiente de revisión)" in html
    assert "(no cuenta en las cifras)" in html

    respuesta = client.post(f"/avances/{avance.pk}/revision/", {"accion": "aprobar"})

    assert respuesta.status_code == 302
    avance.refresh_from_db()
    assert avance.estado == Avance.Estado.APROBADO


def test_una_oficina_no_revisa_avances_por_http(client, bruno, actividad):
    avance = reportar(actividad, bruno)
    client.force_login(bruno)

    respuesta = client.post(f"/avances/{avance.pk}/revision/", {"accion": "aprobar"})

    assert respuesta.status_code == 403
    avance.refresh_from_db()
    assert avance.estado == Avance.Estado.ENVIADO
    assert (
        'action="/avances/'
        not in client.get(f"/actividades/{actividad('1.3').pk}/").content.decode()
    )


def test_los_botones_de_revision_no_cuestan_una_consulta_por_avance(
    client, alicia, bruno, actividad, django_assert_max_num_queries
):
    """The activity page with one report to review and with six: the same queries."""
    client.force_login(alicia)
    pagina = f"/actividades/{actividad('1.3').pk}/"
    reportar(actividad, bruno, fecha=date(2022, 9, 1))
    with CaptureQueriesContext(connection) as con_uno:
        assert client.get(pagina).status_code == 200
    for dia in range(2, 7):
        reportar(actividad, bruno, fecha=date(2022, 9, dia))
    servicios_avances.aprobar_avance(avance=Avance.objects.latest("pk"), revisor=alicia)

    with django_assert_max_num_queries(len(con_uno.captured_queries)):
        respuesta = client.get(pagina)

    assert respuesta.content.decode().count(">Aprobar</button>") == 5
    assert respuesta.content.decode().count("/correccion/") == 1
