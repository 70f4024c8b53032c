"""The empty template for a new plan's activities: the import's headers, one example row
and Spanish instructions; filled in, it imports as it is."""

import io

from django.urls import reverse
from import_export.formats.base_formats import XLSX
from openpyxl import load_workbook

from nucleo.models import Entidad
from plan.models import Actividad, Componente, Plan, Subcomponente
from plan.resources import ActividadResource


def descargar(cliente):
    respuesta = cliente.get(reverse("admin:plan_actividad_plantilla"))
    assert respuesta.status_code == 200
    assert "Plantilla-actividades-del-plan.xlsx" in respuesta["Content-Disposition"]
    return load_workbook(io.BytesIO(respuesta.content))


def test_la_plantilla_trae_los_encabezados_de_la_importacion_un_ejemplo_e_instrucciones(
    admin_client, plan_2022
):
    libro = descargar(admin_client)
    assert libro.sheetnames == ["Actividades", "Instrucciones"]
    filas = list(libro["Actividades"].iter_rows(values_only=True))
    encabezados = [campo.column_name for campo in ActividadResource().get_export_fields()]
    assert list(filas[0]) == encabezados  # the same as an export of the admin
    assert len(filas) == 2  # the header and one example
    instrucciones = " ".join(
        str(celda) for fila in libro["Instrucciones"].iter_rows(values_only=True) for celda in fila
    )
    assert "dd/mm/aaaa-dd/mm/aaaa" in instrucciones and "«;»" in instrucciones
    # The import page links to it.
    pagina = admin_client.get(reverse("admin:plan_actividad_import"))
    assert reverse("admin:plan_actividad_plantilla") in pagina.text


def test_la_plantilla_con_una_fila_se_importa_sin_errores_en_un_plan_nuevo(admin_client, plan_2022):
    plan = Plan.objects.create(
        entidad=Entidad.objects.de_nombre("Alcaldía Municipal de Pasto"),
        vigencia=2027,
        titulo="Plan",
    )
    componente = Componente.objects.create(plan=plan, nombre="Información", orden=1)
    Subcomponente.objects.create(componente=componente, numero=1, nombre="Datos abiertos")
    libro = descargar(admin_client)
    hoja = libro["Actividades"]
    hoja["D2"] = "1.1"  # the person writes their own code
    salida = io.BytesIO()
    libro.save(salida)

    datos = XLSX().create_dataset(salida.getvalue())
    resultado = ActividadResource().import_data(datos, dry_run=True)

    assert not resultado.has_errors() and not resultado.has_validation_errors()
    assert resultado.totals["new"] == 1
    assert not Actividad.objects.filter(plan=plan).exists()  # a dry run writes nothing


def test_una_oficina_no_descarga_la_plantilla(client, bruno):
    client.force_login(bruno)
    respuesta = client.get(reverse("admin:plan_actividad_plantilla"))
    assert respuesta.status_code in (302, 403)
