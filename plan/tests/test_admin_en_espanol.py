"""The admin speaks the Spanish of Colombia, imports and exports included: no English left
by django-import-export, no Spain wording, column headers as the file writes them, the
sheet named after its data, the file dated in Bogotá and errors numbered as the sheet's rows."""

import contextlib
import io
import re
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.contrib.admin import site
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from openpyxl import Workbook, load_workbook

from plan.models import Actividad, Responsable
from plan.resources import ResponsableResource

# Seen on these pages before: import-export's English and its Spain translation.
NO_DEBEN_APARECER = [
    "This exporter will export the following fields",
    "This importer will import the following fields",
    "Select all",
    "File to import",
    "Confirm import",
    "Below is a preview",
    "Some rows failed to validate",
    "Line number",
    "Fichero",
    "fichero",
    "haz clic",
    "estás satisfecho",
    "Tablib Dataset",
    "Submit",
    "Codigo (Código)",
    "Meta Cantidad (Meta cantidad)",
    "Access attempts",
    "Task Results",
    "Tasks Database Backend",
]
PALABRAS_INGLESAS = re.compile(r"\b(Import|Export|Format|Preview|Errors|Row)\b")
ES_CO = {"HTTP_ACCEPT_LANGUAGE": "es-co"}
ENCABEZADOS_ACTIVIDAD = [
    "Vigencia", "Entidad", "Subcomponente", "Código", "Actividad", "Producto", "Meta",
    "Meta cantidad", "Meta unidad", "Tipo de meta", "Responsables", "Ventanas",
]  # fmt: skip


def texto_visible(html: str) -> str:
    """What a person reads: text and the words of buttons, without scripts or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    botones = " ".join(re.findall(r'(?:value|placeholder|title|aria-label)="([^"]*)"', html))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)) + " " + botones


def sin_ingles(respuesta) -> list[str]:
    texto = texto_visible(respuesta.content.decode())
    hallados = [cadena for cadena in NO_DEBEN_APARECER if cadena in texto]
    return hallados + PALABRAS_INGLESAS.findall(texto)


def paginas_del_admin():
    for modelo, modelo_admin in site._registry.items():
        info = (modelo._meta.app_label, modelo._meta.model_name)
        vistas = ["changelist", "add"]
        if isinstance(modelo_admin, ImportExportMixin):
            vistas += ["import", "export"]
        for vista in vistas:
            with contextlib.suppress(NoReverseMatch):  # e.g. a read-only admin without «add»
                yield reverse("admin:{}_{}_{}".format(*info, vista))


@pytest.fixture
def superusuario(plan_2022):
    return get_user_model().objects.create_superuser("root", "root@pasto.gov.co", "clave-1")


@pytest.mark.parametrize("persona", ["superusuario", "alicia"])
def test_ninguna_pagina_del_admin_queda_en_ingles_ni_con_palabras_de_espana(
    client, request, persona
):
    client.force_login(request.getfixturevalue(persona))
    vistas = 0
    for direccion in paginas_del_admin():
        respuesta = client.get(direccion, **ES_CO)
        if respuesta.status_code == 200:
            vistas += 1
            assert sin_ingles(respuesta) == [], direccion
    assert vistas > 10


def test_la_exportacion_ofrece_las_columnas_por_su_encabezado(admin_client):
    respuesta = admin_client.get(reverse("admin:plan_actividad_export"), **ES_CO)
    formulario = respuesta.context["form"]
    etiquetas = [
        c.label for c in formulario if not c.is_hidden and c.name not in ("resource", "format")
    ]
    assert etiquetas == ENCABEZADOS_ACTIVIDAD
    assert "Se exportarán las siguientes columnas" in respuesta.text
    assert "Seleccionar todas" in respuesta.text


def exportar(cliente, modelo, recurso_nombre, columnas):
    datos = {"format": "0", "resource": "0"}  # 0: xlsx
    datos.update({f"{recurso_nombre}_{columna}": "on" for columna in columnas})
    respuesta = cliente.post(reverse(f"admin:plan_{modelo}_export"), datos)
    assert respuesta.status_code == 200
    return respuesta


def test_la_hoja_exportada_lleva_el_nombre_de_sus_datos_y_los_encabezados_humanos(
    admin_client, plan_2022
):
    columnas = ["plan", "entidad", "subcomponente", "codigo", "descripcion", "producto"]
    columnas += ["meta_texto", "meta_cantidad", "meta_unidad", "meta_tipo"]
    columnas += ["responsables", "ventanas"]
    respuesta = exportar(admin_client, "actividad", "actividadresource", columnas)
    libro = load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames == ["Actividades"]
    assert [c.value for c in libro.active[1]] == ENCABEZADOS_ACTIVIDAD

    respuesta = exportar(
        admin_client, "responsable", "responsableresource", ["nombre", "sigla", "slug", "tipo"]
    )
    assert load_workbook(io.BytesIO(respuesta.content)).sheetnames == ["Responsables"]


def test_el_archivo_exportado_a_las_23_30_de_bogota_lleva_la_fecha_de_bogota(
    client, superusuario, settings
):
    # The frozen clock must not expire the session: log in without the idle timeout.
    settings.SESION_INACTIVIDAD_MINUTOS = 0
    client.force_login(superusuario)
    # 23:30 of 4 December in Bogotá is already 5 December in UTC.
    ahora = datetime(2026, 12, 5, 4, 30, tzinfo=UTC)
    with mock.patch.object(timezone, "now", return_value=ahora):
        respuesta = exportar(client, "responsable", "responsableresource", ["nombre"])
    assert respuesta["Content-Disposition"] == (
        'attachment; filename="Responsables-2026-12-04.xlsx"'
    )


def test_la_importacion_acepta_los_encabezados_humanos_y_los_nombres_de_campo_antiguos(db):
    for encabezado in ("Nombre", "nombre", "NOMBRE"):
        libro = Workbook()
        libro.active.append([encabezado, "Sigla", "slug", "TIPO"])
        libro.active.append(["Oficina de Pruebas", "OP", "oficina-de-pruebas", "Oficina"])
        salida = io.BytesIO()
        libro.save(salida)
        datos = XLSX().create_dataset(salida.getvalue())
        resultado = ResponsableResource().import_data(datos, dry_run=True)
        assert not resultado.has_errors() and not resultado.has_validation_errors(), encabezado


def test_un_error_de_importacion_lleva_el_numero_de_fila_de_la_hoja(admin_client, plan_2022):
    libro = Workbook()
    libro.active.append(["Nombre", "Sigla", "Slug", "Tipo"])
    libro.active.append(["Oficina Buena", "OB", "oficina-buena", "Oficina"])
    libro.active.append(["Oficina Buena 2", "OB2", "oficina-buena-2", "Oficina"])
    libro.active.append(["Oficina Mala", "OM", "oficina-mala", "Planeta"])  # row 4 of the sheet
    salida = io.BytesIO()
    libro.save(salida)
    archivo = SimpleUploadedFile("responsables.xlsx", salida.getvalue())
    respuesta = admin_client.post(
        reverse("admin:plan_responsable_import"),
        {"format": "0", "resource": "0", "import_file": archivo},
        **ES_CO,
    )
    assert respuesta.status_code == 200
    assert [fila.number for fila in respuesta.context["result"].invalid_rows] == [4]
    assert "Fila de la hoja" in respuesta.text
    assert sin_ingles(respuesta) == []
    assert not Responsable.objects.filter(nombre__startswith="Oficina Buena").exists()


def test_la_vista_previa_de_una_importacion_buena_habla_de_usted(admin_client, plan_2022):
    libro = Workbook()
    libro.active.append(["Nombre", "Sigla", "Slug", "Tipo"])
    libro.active.append(["Oficina Nueva", "ON", "oficina-nueva", "Oficina"])
    salida = io.BytesIO()
    libro.save(salida)
    archivo = SimpleUploadedFile("responsables.xlsx", salida.getvalue())
    respuesta = admin_client.post(
        reverse("admin:plan_responsable_import"),
        {"format": "0", "resource": "0", "import_file": archivo},
        **ES_CO,
    )
    assert "haga clic en «Confirmar importación»" in respuesta.text
    assert sin_ingles(respuesta) == []
    assert Actividad.objects.count() == 23
