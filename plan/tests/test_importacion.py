"""Import and export of activities and offices through the admin, with real XLSX and CSV files."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin import site
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from plan import resources
from plan.models import Actividad, Responsable, Ventana
from plan.resources import ActividadResource, ResponsableResource

ENCABEZADOS = [
    "Vigencia", "Entidad", "Subcomponente", "Código", "Actividad", "Producto", "Meta",
    "Meta cantidad", "Meta unidad", "Tipo de meta", "Responsables", "Ventanas",
]  # fmt: skip
OPGI = "Oficina de Planeación de Gestión Institucional"
OCS = "Oficina de Comunicación Social"
RECURSOS = {Actividad: ActividadResource, Responsable: ResponsableResource}


# --- HTTP helpers -------------------------------------------------------------------


def url(modelo, vista):
    return reverse(f"admin:plan_{modelo._meta.model_name}_{vista}")


def indice_formato(modelo, formato):
    titulos = [f().get_title() for f in site._registry[modelo].get_import_formats()]
    return str(titulos.index(formato))


def exportar(cliente, modelo, formato):
    recurso = RECURSOS[modelo]
    datos = {"format": indice_formato(modelo, formato), "resource": "0"}
    for campo in recurso().get_export_order():
        datos[f"{recurso.__name__.lower()}_{campo}"] = "on"
    respuesta = cliente.post(url(modelo, "export"), datos)
    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"].endswith(f'.{formato}"')
    return respuesta.content


def vista_previa(cliente, modelo, contenido, formato):
    archivo = SimpleUploadedFile(f"plan.{formato}", contenido)
    datos = {"format": indice_formato(modelo, formato), "resource": "0", "import_file": archivo}
    respuesta = cliente.post(url(modelo, "import"), datos)
    assert respuesta.status_code == 200
    return respuesta


def confirmar(cliente, modelo, previa):
    respuesta = cliente.post(
        url(modelo, "process_import"), previa.context["confirm_form"].initial, follow=True
    )
    assert respuesta.status_code == 200
    return [str(mensaje) for mensaje in respuesta.context["messages"]]


def totales(previa):
    resultado = previa.context["result"]
    return {tipo: resultado.totals[tipo] for tipo in ("new", "update", "skip", "invalid", "error")}


# --- file helpers --------------------------------------------------------------------


def filas_xlsx(contenido):
    hoja = load_workbook(io.BytesIO(contenido)).active
    return [list(fila) for fila in hoja.iter_rows(values_only=True)]


def xlsx(filas):
    libro = Workbook()
    for fila in filas:
        libro.active.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def editar(filas, codigo, **cambios):
    """Change the cells (by header, «_» for spaces) of the row with that code."""
    encabezados = filas[0]
    for fila in filas[1:]:
        if fila[encabezados.index("Código")] == codigo:
            for columna, valor in cambios.items():
                fila[encabezados.index(columna.replace("_", " "))] = valor
            return filas
    raise AssertionError(f"no hay fila {codigo}")


def filas_csv(contenido):
    return [list(fila) for fila in csv.reader(io.StringIO(contenido.decode("utf-8-sig")))]


def a_csv(filas):
    salida = io.StringIO()
    csv.writer(salida).writerows(filas)
    return salida.getvalue().encode("utf-8-sig")


# --- database snapshots --------------------------------------------------------------


def foto():
    """Every activity with its offices (in order) and windows, ids included."""
    return {
        a.codigo: (
            a.pk,
            a.plan_id,
            a.subcomponente_id,
            a.descripcion,
            a.producto,
            a.meta_texto,
            a.meta_cantidad,
            a.meta_unidad,
            a.meta_tipo,
            tuple(
                a.asignaciones.order_by("orden", "id").values_list("pk", "responsable_id", "orden")
            ),
            tuple(a.ventanas.order_by("pk").values_list("pk", "inicio", "fin")),
        )  # fmt: skip
        for a in Actividad.objects.all()
    }


def foto_responsables():
    return list(
        Responsable.objects.order_by("pk").values_list("pk", "nombre", "sigla", "slug", "tipo")
    )


def siglas(codigo):
    actividad = Actividad.objects.get(codigo=codigo)
    return [a.responsable.nombre_corto for a in actividad.asignaciones.order_by("orden")]


@pytest.fixture
def xlsx_exportado(admin_client, plan_2022):
    return exportar(admin_client, Actividad, "xlsx")


# --- export ----------------------------------------------------------------------


def test_exportacion_xlsx_trae_el_plan_completo(xlsx_exportado):
    filas = filas_xlsx(xlsx_exportado)
    assert filas[0] == ENCABEZADOS
    assert [fila[3] for fila in filas[1:]] == [f"1.{n}" for n in range(1, 12)] + [
        f"2.{n}" for n in range(1, 9)
    ] + [f"3.{n}" for n in range(1, 5)]
    fila = dict(zip(filas[0], filas[6], strict=True))
    assert fila["Vigencia"] == 2022 and fila["Subcomponente"] == 1
    assert fila["Responsables"] == (
        "Secretaría de Bienestar Social; Dirección Administrativa de Juventud; "
        "Secretaría MOSIG; Secretaría de Gobierno Municipal"
    )
    assert fila["Ventanas"] == "01/09/2022-20/12/2022"
    periodico = dict(zip(filas[0], filas[7], strict=True))
    assert (periodico["Meta cantidad"], periodico["Tipo de meta"]) == (15000, "Cantidad exacta")
    assert periodico["Ventanas"] == "01/07/2022-01/08/2022; 01/11/2022-01/12/2022"


def test_exportacion_csv_es_utf8_legible_en_hojas_de_calculo(admin_client, plan_2022):
    contenido = exportar(admin_client, Actividad, "csv")
    assert contenido.startswith("\ufeff".encode())
    filas = filas_csv(contenido)
    assert filas[0] == ENCABEZADOS and len(filas) == 24
    assert filas[14][3:4] + filas[14][7:] == [
        "2.3", "2", "audiencias de rendición de cuentas realizadas", "Cantidad exacta",
        "Equipo líder del proceso de rendición de cuentas", "01/07/2022-20/12/2022",
    ]  # fmt: skip


def test_exportacion_respeta_los_filtros_del_listado(admin_client, plan_2022):
    contenido = admin_client.post(
        url(Actividad, "export") + "?meta_tipo__exact=porcentaje",
        {"format": indice_formato(Actividad, "xlsx"), "resource": "0"}
        | {f"actividadresource_{c}": "on" for c in ActividadResource().get_export_order()},
    ).content
    assert [fila[3] for fila in filas_xlsx(contenido)[1:]] == ["1.2", "1.8"]


# --- export → import changes nothing ------------------------------------------------------


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
def test_reimportar_lo_exportado_no_cambia_nada(admin_client, plan_2022, formato):
    antes = foto()
    contenido = exportar(admin_client, Actividad, formato)
    previa = vista_previa(admin_client, Actividad, contenido, formato)
    assert totales(previa) == {"new": 0, "update": 0, "skip": 23, "invalid": 0, "error": 0}
    mensajes = confirmar(admin_client, Actividad, previa)
    assert mensajes == [
        "Importación de actividades terminada. Nuevos: 0. Actualizados: 0. Sin cambios: 23."
    ]
    assert foto() == antes
    assert not LogEntry.objects.exists()


def test_csv_separado_por_punto_y_coma(admin_client, plan_2022):
    filas = editar(filas_csv(exportar(admin_client, Actividad, "csv")), "2.2", Meta_cantidad="30")
    salida = io.StringIO()
    csv.writer(salida, delimiter=";").writerows(filas)
    contenido = salida.getvalue().encode("utf-8-sig")
    previa = vista_previa(admin_client, Actividad, contenido, "csv")
    assert totales(previa) == {"new": 0, "update": 1, "skip": 22, "invalid": 0, "error": 0}
    confirmar(admin_client, Actividad, previa)
    assert Actividad.objects.get(codigo="2.2").meta_cantidad == 30


def test_exportacion_directa_del_recurso_va_en_orden_del_plan(plan_2022):
    Actividad.objects.create(
        subcomponente=Actividad.objects.get(codigo="1.2").subcomponente, codigo="1.12",
        descripcion="d", producto="p", meta_texto="m", meta_cantidad=1, meta_unidad="u",
    )  # fmt: skip
    codigos = [fila[3] for fila in ActividadResource().export()]
    assert codigos[10:13] == ["1.11", "1.12", "2.1"]  # by code, not by id


def test_reimportar_responsables_no_cambia_nada(admin_client, plan_2022):
    antes = foto_responsables()
    previa = vista_previa(
        admin_client, Responsable, exportar(admin_client, Responsable, "csv"), "csv"
    )
    assert totales(previa)["skip"] == 13 and totales(previa)["update"] == 0
    confirmar(admin_client, Responsable, previa)
    assert foto_responsables() == antes


# --- a modified file ---------------------------------------------------------------------


def test_vista_previa_muestra_el_cambio_sin_escribir(admin_client, xlsx_exportado):
    antes = foto()
    filas = editar(filas_xlsx(xlsx_exportado), "1.7", Meta_cantidad=20000)
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    assert totales(previa) == {"new": 0, "update": 1, "skip": 22, "invalid": 0, "error": 0}
    assert "confirm_form" in previa.context
    assert "Vista previa" in previa.text and previa.text.count('<tr class="update">') == 1
    cambiadas = [f for f in previa.context["result"].valid_rows() if f.import_type == "update"]
    assert [f.object_repr[:4] for f in cambiadas] == ["1.7 "]
    assert foto() == antes


def test_archivo_modificado_actualiza_solo_esa_actividad(admin_client, xlsx_exportado):
    antes = foto()
    filas = editar(
        filas_xlsx(xlsx_exportado),
        "1.7",
        Meta_cantidad=20000,
        Responsables=f"{OPGI}; {OCS}",
        Ventanas="01/11/2022-01/12/2022; 01/03/2022-31/03/2022; 01/07/2022-01/08/2022",
    )
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    assert confirmar(admin_client, Actividad, previa) == [
        "Importación de actividades terminada. Nuevos: 0. Actualizados: 1. Sin cambios: 22."
    ]
    despues = foto()
    assert {c for c in antes if antes[c] != despues[c]} == {"1.7"}
    assert LogEntry.objects.get().object_repr.startswith("1.7 ")
    actividad = Actividad.objects.get(codigo="1.7")
    assert actividad.meta_cantidad == Decimal("20000")
    assert siglas("1.7") == ["OPGI", "OCS"]
    ocs = Responsable.objects.get(nombre=OCS)
    assert despues["1.7"][9][1] == (antes["1.7"][9][0][0], ocs.pk, 2)  # same row, new place
    ventanas, viejas = set(despues["1.7"][10]), set(antes["1.7"][10])
    assert viejas < ventanas  # the windows that stay keep their id
    assert {(i, f) for _, i, f in ventanas - viejas} == {(date(2022, 3, 1), date(2022, 3, 31))}


def test_reordenar_responsables_en_csv_conserva_las_asignaciones(admin_client, plan_2022):
    filas = filas_csv(exportar(admin_client, Actividad, "csv"))
    nuevo_orden = "Secretaría de Gobierno Municipal; Secretaría MOSIG; " + (
        "Dirección Administrativa de Juventud; Secretaría de Bienestar Social"
    )
    antes = foto()
    previa = vista_previa(
        admin_client, Actividad, a_csv(editar(filas, "1.6", Responsables=nuevo_orden)), "csv"
    )
    assert totales(previa)["update"] == 1
    confirmar(admin_client, Actividad, previa)
    assert siglas("1.6") == ["SGM", "MOSIG", "DAJ", "SBS"]
    ids_antes = sorted(pk for pk, *_ in antes["1.6"][9])
    assert sorted(pk for pk, *_ in foto()["1.6"][9]) == ids_antes


def test_fila_nueva_crea_la_actividad_con_responsables_y_ventanas(admin_client, xlsx_exportado):
    filas = filas_xlsx(xlsx_exportado)
    filas.append(
        [2022, "Alcaldía Municipal de Pasto", 1, "1.12", "Publicar datos abiertos.",
         "Conjunto de datos publicado.", "1 conjunto publicado.", "1,5", "conjuntos publicados",
         "exacta", f"SBS; {OPGI}", "01/03/2022 - 30/04/2022;01/09/2022-30/09/2022"]
    )  # fmt: skip
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    assert totales(previa) == {"new": 1, "update": 0, "skip": 23, "invalid": 0, "error": 0}
    confirmar(admin_client, Actividad, previa)
    nueva = Actividad.objects.get(codigo="1.12")
    assert (nueva.plan.vigencia, nueva.subcomponente.numero) == (2022, 1)
    assert (nueva.meta_cantidad, nueva.meta_tipo) == (Decimal("1.5"), "exacta")
    assert siglas("1.12") == ["SBS", "OPGI"]
    assert list(nueva.ventanas.values_list("inicio", "fin")) == [
        (date(2022, 3, 1), date(2022, 4, 30)),
        (date(2022, 9, 1), date(2022, 9, 30)),
    ]
    assert [a.codigo for a in Actividad.objects.all()][10:12] == ["1.11", "1.12"]
    otra_vez = vista_previa(
        admin_client, Actividad, exportar(admin_client, Actividad, "xlsx"), "xlsx"
    )
    assert totales(otra_vez)["skip"] == 24  # 1,5 survives the round trip


# --- bad rows: the row's error is shown and nothing is written ---------------------------------


FILAS_MALAS = [
    (
        {"Responsables": "OPGI; Secretaría de Magia"},
        "No existe la dependencia «Secretaría de Magia»",
    ),
    ({"Responsables": ""}, "Indique al menos una dependencia responsable."),
    ({"Responsables": f"OCS; {OCS}"}, "Dependencia repetida en la misma actividad"),
    ({"Ventanas": "31/02/2022-15/03/2022"}, "La fecha «31/02/2022» no existe."),
    ({"Ventanas": "hola"}, "«hola» no es una ventana de fechas válida"),
    ({"Ventanas": "01/06/2022-01/05/2022"}, "la fecha final es anterior a la fecha de inicio"),
    (
        {"Ventanas": "01/03/2022-30/04/2022; 01/03/2025-30/04/2025"},
        "Las fechas de una actividad del plan 2022 deben estar entre el 01/01/2021",
    ),
    ({"Código": None}, "El código de la actividad es obligatorio."),
    ({"Código": "1-7"}, "El código debe tener la forma «número.número»"),
    ({"Código": 1.7}, "llegó como número"),
    ({"Código": "2.30"}, "El código 2.30 no corresponde al subcomponente 1"),
    ({"Tipo de meta": "Aproximada"}, "«Aproximada» no es un tipo de meta válido"),
    ({"Meta cantidad": "muchos"}, "«muchos» no es una cantidad válida."),
    ({"Meta cantidad": 0}, "La cantidad de la meta debe ser mayor que 0."),
    ({"Tipo de meta": "Porcentaje"}, "Una meta en porcentaje no puede superar el 100 %."),
    ({"Subcomponente": 9}, "El plan 2022 no tiene subcomponente 9."),
    (
        {"Vigencia": 2031},
        "No existe un plan de «Alcaldía Municipal de Pasto» para la vigencia 2031.",
    ),
    ({"Actividad": ""}, "Este campo no puede estar en blanco."),
]


@pytest.mark.parametrize(("cambios", "mensaje"), FILAS_MALAS, ids=[m for _, m in FILAS_MALAS])
def test_fila_mala_muestra_su_error_y_no_escribe(admin_client, xlsx_exportado, cambios, mensaje):
    antes = foto()
    filas = editar(filas_xlsx(xlsx_exportado), "1.1", Meta="2 jornadas realizadas.")
    encabezados = filas[0]
    for columna, valor in cambios.items():
        filas[7][encabezados.index(columna)] = valor  # the row of 1.7
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    assert mensaje in previa.text
    assert "confirm_form" not in previa.context
    # Numbered as the spreadsheet shows it: the header is row 1, so 1.7 is row 8.
    assert [fila.number for fila in previa.context["result"].invalid_rows] == [8]
    assert foto() == antes


def test_codigo_repetido_en_el_archivo(admin_client, xlsx_exportado):
    filas = filas_xlsx(xlsx_exportado)
    filas.append(list(filas[3]))
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    invalidas = previa.context["result"].invalid_rows
    assert [fila.number for fila in invalidas] == [4, 25]  # rows of the sheet (header = 1)
    assert "Esta fila está repetida; vea también la fila 25." in previa.text
    assert "confirm_form" not in previa.context


def test_columna_faltante(admin_client, xlsx_exportado):
    filas = [fila[:-1] for fila in filas_xlsx(xlsx_exportado)]
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    assert "Faltan columnas en el archivo: Ventanas." in previa.text
    assert "confirm_form" not in previa.context


def test_error_al_confirmar_no_escribe_nada(admin_client, xlsx_exportado):
    filas = editar(filas_xlsx(xlsx_exportado), "1.1", Meta="2 jornadas realizadas.")
    previa = vista_previa(admin_client, Actividad, xlsx(filas), "xlsx")
    assert totales(previa)["update"] == 1
    # Between the preview and the confirmation someone renames an office of row 1.7.
    Responsable.objects.filter(nombre=OCS).update(nombre="Oficina de Comunicaciones")
    antes = foto()
    mensajes = confirmar(admin_client, Actividad, previa)
    assert len(mensajes) == 1 and mensajes[0].startswith("No se importó nada")
    assert f"Fila 8 de la hoja: Responsables: No existe la dependencia «{OCS}»" in mensajes[0]
    assert foto() == antes


def test_importacion_directa_con_una_fila_mala_revierte_todo(plan_2022):
    recurso = ActividadResource()
    datos = recurso.export()
    filas = [list(fila) for fila in datos]
    filas[0][6] = "2 jornadas realizadas."  # 1.1, valid
    filas[22][11] = "01/07/2022-31/06/2022"  # 3.4, no 31 June
    datos.wipe()
    datos.headers, antes = ENCABEZADOS, foto()
    for fila in filas:
        datos.append(fila)
    resultado = recurso.import_data(datos, dry_run=False)
    assert resultado.has_validation_errors() and not resultado.has_errors()
    assert foto() == antes


def test_integrity_error_no_se_traga(plan_2022, monkeypatch):
    def ventana_invertida(cambios, actuales):
        Ventana.objects.bulk_create(
            [
                Ventana(actividad=a, inicio=date(2022, 5, 2), fin=date(2022, 5, 1))
                for a, _ in cambios
            ]
        )

    monkeypatch.setattr(resources, "guardar_ventanas", ventana_invertida)
    recurso, antes = ActividadResource(), foto()
    datos = recurso.export()
    fila = list(datos[0])
    fila[11] = "01/02/2022-05/03/2022"
    datos[0] = fila
    resultado = recurso.import_data(datos, dry_run=False)
    # Written in bulk, the database's refusal is the import's error, not one row's.
    errores = [e.error for e in resultado.base_errors]
    assert len(errores) == 1 and isinstance(errores[0], IntegrityError)
    assert resultado.has_errors()
    assert foto() == antes


# --- offices --------------------------------------------------------------------


def test_importar_responsables_acepta_tipo_por_etiqueta_o_valor(admin_client, plan_2022):
    filas = filas_csv(exportar(admin_client, Responsable, "csv"))
    filas += [
        ["Secretaría de Cultura", "SC", "cultura", "Secretaría"],
        ["Oficina de Control Interno", "OCI", "control-interno", "oficina"],
    ]
    previa = vista_previa(admin_client, Responsable, a_csv(filas), "csv")
    assert totales(previa) == {"new": 2, "update": 0, "skip": 13, "invalid": 0, "error": 0}
    confirmar(admin_client, Responsable, previa)
    nuevos = Responsable.objects.filter(slug__in=["cultura", "control-interno"])
    assert sorted(nuevos.values_list("slug", "tipo")) == [
        ("control-interno", "oficina"),
        ("cultura", "secretaria"),
    ]


@pytest.mark.parametrize(
    ("fila", "mensaje"),
    [
        (
            ["Secretaría de Cultura", "SC", "cultura", "Ministerio"],
            "«Ministerio» no es un tipo de dependencia válido",
        ),
        (["Secretaría de Cultura", "SC", "opgi", "Secretaría"], "Ya existe"),
        (["Secretaría de Cultura", "SC", "con espacios", "Secretaría"], "slug"),
    ],
)
def test_responsable_invalido_no_se_importa(admin_client, plan_2022, fila, mensaje):
    antes = foto_responsables()
    filas = [["Nombre", "Sigla", "Slug", "Tipo"], fila]
    previa = vista_previa(admin_client, Responsable, xlsx(filas), "xlsx")
    assert mensaje in previa.text
    assert "confirm_form" not in previa.context
    assert foto_responsables() == antes
