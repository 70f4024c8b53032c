"""«Importar un plan completo» through the wizard's pages, with real files (issue 16)."""

import io
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nucleo.documentos import xlsx_desde_hojas
from plan import informes, plantilla_plan, servicios_importacion
from plan.importacion import construccion
from plan.models import (
    Actividad,
    ActividadResponsable,
    Componente,
    ImportacionPlan,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

DATOS = Path(__file__).resolve().parents[2] / "tests" / "data"
ENTIDAD = "Alcaldía Municipal de Pasto"


@pytest.fixture
def opgi(client, alicia):
    client.force_login(alicia)
    return client


def subir(cliente, contenido: bytes, nombre: str, *, vigencia: int, instrumento="paac", **extra):
    return cliente.post(
        reverse("importacion_plan"),
        {
            "archivo": SimpleUploadedFile(nombre, contenido),
            "entidad": extra.get("entidad", ENTIDAD),
            "instrumento": instrumento,
            "vigencia": vigencia,
            "titulo": "Plan Anticorrupción y de Atención al Ciudadano",
        },
    )


def importar(cliente, contenido, nombre, *, vigencia, instrumento="paac", ediciones=None):
    """The four steps, as a person goes through them; the import row."""
    respuesta = subir(cliente, contenido, nombre, vigencia=vigencia, instrumento=instrumento)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    importacion = ImportacionPlan.objects.latest("pk")
    pagina = cliente.get(reverse("importacion_plan_columnas", args=[importacion.pk]))
    assert pagina.status_code == 200
    formulario = pagina.context["form"]
    datos = {"hoja": formulario.initial["hoja"]}
    datos |= {n: formulario.initial.get(n, "") for n in formulario.columnas}
    respuesta = cliente.post(reverse("importacion_plan_columnas", args=[importacion.pk]), datos)
    assert respuesta.status_code == 302
    por_fila: dict[int, dict[str, str]] = {}
    for nombre, valor in (ediciones or {}).items():
        fila, campo = nombre.split("-", 1)
        por_fila.setdefault(int(fila), {})[campo] = valor
    for fila, valores in por_fila.items():
        corregir_fila(cliente, importacion, fila, valores)
    return importacion


def corregir_fila(cliente, importacion, fila: int, valores: dict[str, str]):
    """«Corregir la fila» from the preview: the row's form, as shown, with `valores`."""
    url = reverse("importacion_plan_fila", args=[importacion.pk]) + f"?fila={fila}"
    pagina = cliente.get(url)
    assert pagina.status_code == 200
    formulario = pagina.context["form"]
    enviado = {n: formulario.initial.get(n, "") for n in formulario.fields} | valores
    respuesta = cliente.post(url, enviado)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    return respuesta


def confirmar(cliente, importacion):
    return cliente.post(reverse("importacion_plan_confirmar", args=[importacion.pk]))


def plan_importado(importacion) -> Plan:
    importacion.refresh_from_db()
    assert importacion.plan is not None
    return importacion.plan


def archivo(nombre: str) -> bytes:
    return (DATOS / nombre).read_bytes()


# --- The test files, end to end ----------------------------------------------------------


def test_el_plan_de_funcion_publica_se_importa_como_borrador_con_sus_valores(opgi):
    importacion = importar(opgi, archivo("plan_funcion_publica.xlsx"), "paac.xlsx", vigencia=2026)

    respuesta = confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("tablero") + "?plan=" + plan.slug
    assert (plan.vigencia, plan.publicado, plan.entidad.nombre) == (2026, False, ENTIDAD)
    assert Actividad.objects.filter(plan=plan).count() == 13
    (componente,) = Componente.objects.filter(plan=plan)
    assert (componente.orden, componente.nombre) == (3, "Rendición de cuentas")
    assert Subcomponente.objects.filter(componente__plan=plan).count() == 4
    sub = Subcomponente.objects.get(componente__plan=plan, numero=1)
    assert sub.nombre == "Información de calidad y en lenguaje comprensible"
    actualizaciones = Actividad.objects.get(plan=plan, codigo="1.2")
    assert (actualizaciones.meta_cantidad, actualizaciones.meta_tipo) == (Decimal(4), "exacta")
    assert actualizaciones.ventanas.count() == 4
    audiencia = Actividad.objects.get(plan=plan, codigo="2.1")
    assert [(v.inicio.isoformat(), v.fin.isoformat()) for v in audiencia.ventanas.all()][0][
        1
    ] == "2026-11-15"  # «15 de noviembre de 2026», a date in words
    assert audiencia.responsables.get().nombre == "Despacho del Alcalde"
    assert plan.history.get().history_user.username == "alicia"
    assert Actividad.history.filter(plan_id=plan.pk).count() == 13


def test_un_plan_de_tres_niveles_conserva_sus_codigos_y_una_meta_cualitativa(opgi):
    importacion = importar(opgi, archivo("plan_tres_niveles.xlsx"), "ptep.xlsx", vigencia=2024,
                           instrumento="ptep", ediciones={"8-fechas": "Enero a diciembre de 2024"})  # fmt: skip

    confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    assert Actividad.objects.filter(plan=plan).count() == 12
    assert [c.nombre for c in Componente.objects.filter(plan=plan).order_by("orden")] == [
        "Gestión de riesgos de corrupción",
        "Rendición de cuentas",
        "Atención al ciudadano",
    ]
    politica = Actividad.objects.get(plan=plan, codigo="1.1.1")
    assert (politica.meta_tipo, politica.meta_cantidad) == ("cualitativa", None)
    assert Actividad.objects.get(plan=plan, codigo="3.2.2").ventanas.count() == 2


def test_varios_componentes_que_numeran_desde_1_1_reciben_codigos_de_tres_niveles(opgi):
    importacion = importar(opgi, archivo("plan_varios_componentes.xlsx"), "paac.xlsx",
                           vigencia=2025, ediciones={"20-fechas": "31/03/2025; 30/06/2025"})  # fmt: skip

    confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    assert Actividad.objects.filter(plan=plan).count() == 13
    tramites = Actividad.objects.get(plan=plan, codigo="2.1.1")
    assert tramites.codigo_oficial == "1.1"
    assert (tramites.meta_cantidad, tramites.meta_tipo) == (Decimal(100), "porcentaje")
    assert Actividad.objects.get(plan=plan, codigo="3.1.2").ventanas.count() == 2


def test_una_celda_de_excel_con_100_por_ciento_se_guarda_como_100_porcentaje(opgi):
    importacion = importar(opgi, archivo("plan_segunda_hoja.xlsx"), "plan.xlsx", vigencia=2025)

    confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    informe = Actividad.objects.get(plan=plan, codigo="1.1")
    assert (informe.meta_cantidad, informe.meta_tipo) == (Decimal(100), "porcentaje")
    assert Actividad.objects.get(plan=plan, codigo="1.4").meta_cantidad == Decimal(50)
    assert Actividad.objects.get(plan=plan, codigo="1.2").producto == "Boletines publicados"


def test_un_csv_de_excel_en_espanol_con_tildes_y_punto_y_coma(opgi):
    contenido = archivo("plan_excel_espanol.csv")
    assert contenido.decode("cp1252")  # Windows-1252, not UTF-8
    importacion = importar(opgi, contenido, "plan.csv", vigencia=2024)

    confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    assert Actividad.objects.filter(plan=plan).count() == 10
    campana = Actividad.objects.get(plan=plan, codigo="1.1")
    assert "Túquerres" in campana.descripcion
    assert [a.responsable.nombre for a in campana.asignaciones.order_by("orden")] == [
        "Secretaría de Salud",
        "Oficina de Comunicaciones",
    ]
    assert Actividad.objects.get(plan=plan, codigo="2.2").meta_tipo == "minimo"


def test_dos_informes_en_palabras_y_un_subcomponente_combinado(opgi):
    contenido = archivo("plan_fechas_en_palabras.xlsx")
    corregidas = {f"{fila}-fechas": "15 de abril de 2026" for fila in (3, 4, 5, 6, 7)}
    importacion = importar(opgi, contenido, "plan.xlsx", vigencia=2026, ediciones=corregidas)

    confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    assert Actividad.objects.filter(plan=plan).count() == 12
    informes_ = Actividad.objects.get(plan=plan, codigo="1.1")
    assert (informes_.meta_cantidad, informes_.meta_unidad) == (Decimal(2), "informes")
    assert informes_.ventanas.get().fin.isoformat() == "2026-04-15"
    # «2. Diálogo» merged over four rows: one subcomponente with its four activities.
    dialogo = Subcomponente.objects.get(componente__plan=plan, numero=2)
    assert (dialogo.nombre, dialogo.actividades.count()) == ("Diálogo", 4)


# --- A bad row writes nothing -------------------------------------------------------------


def libro(filas) -> bytes:
    from openpyxl import Workbook

    hoja_libro = Workbook()
    hoja = hoja_libro.active
    for fila in filas:
        hoja.append(fila)
    salida = io.BytesIO()
    hoja_libro.save(salida)
    return salida.getvalue()


ENCABEZADOS = ["Subcomponente", "Código", "Actividad", "Meta", "Responsable", "Fecha programada"]


def test_un_archivo_con_una_fila_mala_no_guarda_nada_y_dice_fila_y_columna(opgi):
    contenido = libro(
        [
            ENCABEZADOS,
            ["1. Información", "1.1", "Publicar el informe.", "Un (1) informe", "OPGI", "31/01/2026"],
            ["1. Información", "1.2", "Publicar boletines.", "Cuatro (4) boletines", "OPGI", "32/13/2026"],
        ]
    )  # fmt: skip
    importacion = importar(opgi, contenido, "malo.xlsx", vigencia=2026)
    antes = (Plan.objects.count(), Actividad.objects.count(), Responsable.objects.count())

    pagina = opgi.get(reverse("importacion_plan_vista_previa", args=[importacion.pk]))
    respuesta = confirmar(opgi, importacion)

    html = pagina.content.decode()
    assert "Fila 3, columna F (Fecha programada):" in html
    assert respuesta.status_code == 302
    assert (Plan.objects.count(), Actividad.objects.count(), Responsable.objects.count()) == antes
    importacion.refresh_from_db()
    assert importacion.plan is None


def test_corregir_un_valor_en_la_vista_previa_cambia_lo_que_se_guarda(opgi):
    contenido = libro(
        [
            ENCABEZADOS,
            ["1. Información", "1.1", "Publicar el informe.", "Un (1) informe", "OPGI", "31/01/2026"],
        ]
    )  # fmt: skip
    importacion = importar(
        opgi,
        contenido,
        "plan.xlsx",
        vigencia=2026,
        ediciones={
            "2-meta_cantidad": "3",
            "2-meta_unidad": "informes publicados",
            "2-responsables": "Secretaría de Hacienda; OPGI",
            "2-fechas": "01/02/2026-28/02/2026; 01/06/2026-30/06/2026",
        },
    )

    confirmar(opgi, importacion)

    actividad = Actividad.objects.get(plan=plan_importado(importacion), codigo="1.1")
    assert (actividad.meta_cantidad, actividad.meta_unidad) == (Decimal(3), "informes publicados")
    assert actividad.ventanas.count() == 2
    nombres = [a.responsable.nombre for a in actividad.asignaciones.order_by("orden")]
    assert nombres[0] == "Secretaría de Hacienda" and len(nombres) == 2
    hacienda = Responsable.objects.get(nombre="Secretaría de Hacienda")
    assert hacienda.tipo == "secretaria"


def test_al_confirmar_se_va_al_tablero_del_plan_y_no_a_la_administracion(opgi):
    importacion = importar(opgi, archivo("plan_funcion_publica.xlsx"), "paac.xlsx", vigencia=2026)

    respuesta = confirmar(opgi, importacion)
    otra_vez = opgi.get(reverse("importacion_plan_vista_previa", args=[importacion.pk]))

    plan = plan_importado(importacion)
    tablero = reverse("tablero") + "?plan=" + plan.slug
    assert (respuesta.status_code, respuesta["Location"]) == (302, tablero)
    assert (otra_vez.status_code, otra_vez["Location"]) == (302, tablero)
    (exito,) = [str(m) for m in get_messages(respuesta.wsgi_request)]
    assert "como borrador, sin publicar" in exito and "desde «Planes»" in exito
    # (the first message stays unread: the test client follows no redirect)
    aviso = [str(m) for m in get_messages(otra_vez.wsgi_request)][-1]
    assert aviso == (
        f"Este archivo ya se importó: es el plan «{plan}». "
        "Está como borrador, sin publicar: se publica desde «Planes»."
    )


class CamposPorFormulario(HTMLParser):
    """How many named fields each <form> of a page posts."""

    def __init__(self) -> None:
        super().__init__()
        self.formularios: list[int] = []
        self.dentro = False

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.dentro = True
            self.formularios.append(0)
        elif (
            self.dentro
            and tag in ("input", "select", "textarea", "button")
            and (dict(attrs).get("name"))
        ):
            self.formularios[-1] += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self.dentro = False


def plan_de(numero: int) -> bytes:
    return libro(
        [ENCABEZADOS]
        + [
            ["1. Información", f"1.{i}", f"Publicar el informe {i}.", "Un (1) informe", "OPGI",
             "31/01/2026"]
            for i in range(1, numero + 1)
        ]
    )  # fmt: skip


def test_la_vista_previa_de_500_actividades_no_pasa_del_limite_de_campos_y_se_importa(
    opgi, settings
):
    importacion = importar(opgi, plan_de(500), "grande.xlsx", vigencia=2026)
    pagina = opgi.get(reverse("importacion_plan_vista_previa", args=[importacion.pk]))
    assert pagina.status_code == 200
    campos = CamposPorFormulario()
    campos.feed(pagina.content.decode())
    # Every form on the page (the preview's own, if any) stays far below Django's limit.
    assert all(n < 20 for n in campos.formularios), campos.formularios
    assert pagina.content.decode().count("Corregir la fila ") == 500

    corregida = corregir_fila(opgi, importacion, 400, {"meta_cantidad": "3"})
    respuesta = confirmar(opgi, importacion)

    assert corregida["Location"].endswith("#fila-400")
    assert respuesta.status_code == 302
    plan = plan_importado(importacion)
    assert Actividad.objects.filter(plan=plan).count() == 500
    assert Actividad.objects.get(plan=plan, codigo="1.399").meta_cantidad == Decimal(3)
    assert Actividad.objects.get(plan=plan, codigo="1.398").meta_cantidad == Decimal(1)


def test_corregir_una_fila_guarda_solo_lo_que_cambio_y_acumula_las_correcciones(opgi):
    importacion = importar(opgi, plan_de(2), "plan.xlsx", vigencia=2026)

    sin_cambios = corregir_fila(opgi, importacion, 2, {})
    corregir_fila(opgi, importacion, 2, {"fechas": "30/06/2026"})
    corregir_fila(opgi, importacion, 3, {"responsables": "Secretaría de Salud"})
    corregir_fila(opgi, importacion, 2, {"meta_unidad": "informes"})

    importacion.refresh_from_db()
    assert importacion.ediciones == {
        "2": {"fechas": "30/06/2026", "meta_unidad": "informes"},
        "3": {"responsables": "Secretaría de Salud"},
    }
    aviso = [str(m) for m in get_messages(sin_cambios.wsgi_request)][-1]
    assert aviso == "No cambió ningún valor de la fila 2."
    pagina = opgi.get(reverse("importacion_plan_vista_previa", args=[importacion.pk]))
    assert "nueva: Secretaría de Salud" in pagina.content.decode()


def test_una_fila_que_no_esta_en_la_vista_previa_da_404(opgi):
    importacion = importar(opgi, plan_de(2), "plan.xlsx", vigencia=2026)

    url = reverse("importacion_plan_fila", args=[importacion.pk])

    respuestas = [opgi.get(url, {"fila": f}) for f in ("9", "1", "x", "²", "")] + [opgi.get(url)]

    assert [r.status_code for r in respuestas] == [404] * 6


def test_guardar_ediciones_exige_opgi_y_no_cambia_una_importacion_ya_hecha(opgi, bruno, alicia):
    importacion = importar(opgi, plan_de(1), "plan.xlsx", vigencia=2026)
    with pytest.raises(PermissionDenied):
        servicios_importacion.guardar_ediciones(
            importacion=importacion, ediciones={"2": {"fechas": "x"}}, usuario=bruno
        )
    confirmar(opgi, importacion)

    with pytest.raises(ValidationError, match="Este archivo ya se importó"):
        servicios_importacion.guardar_ediciones(
            importacion=importacion, ediciones={"2": {"fechas": "x"}}, usuario=alicia
        )
    importacion.refresh_from_db()
    assert importacion.ediciones == {}


def test_sin_columna_de_componente_el_plan_queda_en_el_componente_rendicion_de_cuentas(opgi):
    importacion = importar(opgi, plan_de(2), "plan.xlsx", vigencia=2026)  # no «Componente»

    confirmar(opgi, importacion)

    (componente,) = Componente.objects.filter(plan=plan_importado(importacion))
    assert componente.nombre == construccion.COMPONENTE_POR_DEFECTO == "Rendición de cuentas"
    assert Actividad.objects.filter(subcomponente__componente=componente).count() == 2


# --- The admin ---------------------------------------------------------------------------


def test_las_importaciones_estan_en_la_administracion_solo_para_leer(opgi):
    importacion = importar(opgi, archivo("plan_funcion_publica.xlsx"), "paac.xlsx", vigencia=2026)
    confirmar(opgi, importacion)
    plan = plan_importado(importacion)
    listado = reverse("admin:plan_importacionplan_changelist")

    pagina = opgi.get(listado)
    cambio = opgi.get(reverse("admin:plan_importacionplan_change", args=[importacion.pk]))
    agregar = opgi.get(reverse("admin:plan_importacionplan_add"))

    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert "paac.xlsx" in html and str(plan) in html and "alicia" in html
    assert "Importada el " in html
    assert reverse("admin:plan_importacionplan_add") not in html
    assert agregar.status_code == 403
    assert cambio.status_code == 200 and not cambio.context["has_change_permission"]
    enviado = opgi.post(
        reverse("admin:plan_importacionplan_change", args=[importacion.pk]), {"titulo": "Otro"}
    )
    assert enviado.status_code == 403
    importacion.refresh_from_db()
    assert importacion.titulo == "Plan Anticorrupción y de Atención al Ciudadano"


def test_el_archivo_de_una_importacion_lo_descarga_solo_el_personal(client, opgi, bruno):
    importacion = importar(opgi, archivo("plan_funcion_publica.xlsx"), "paac.xlsx", vigencia=2026)
    url = reverse("admin:plan_importacionplan_archivo", args=[importacion.pk])

    descarga = opgi.get(url)
    lista = opgi.get(reverse("admin:plan_importacionplan_changelist")).content.decode()
    client.force_login(bruno)  # the same client: now an office's person
    ajena = client.get(url)

    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == archivo("plan_funcion_publica.xlsx")
    assert 'filename="paac.xlsx"' in descarga["Content-Disposition"]
    assert url in lista
    assert ajena.status_code == 302 and "/login/" in ajena["Location"]


# --- Permissions -------------------------------------------------------------------------


@pytest.fixture
def importacion_ajena(plan_2022, alicia):
    contenido = libro(
        [ENCABEZADOS, ["1", "1.1", "Una actividad.", "1 informe", "OPGI", "31/01/2026"]]
    )
    importacion = ImportacionPlan(
        nombre_archivo="plan.xlsx",
        entidad=ENTIDAD,
        instrumento="paac",
        vigencia=2026,
        titulo="Plan",
        creada_por=alicia,
    )
    importacion.archivo.save("plan.xlsx", io.BytesIO(contenido), save=False)
    importacion.save()
    return importacion


@pytest.mark.parametrize("persona", ["bruno", "diana", None])
@pytest.mark.parametrize(
    "ruta", ["subir", "plantilla", "columnas", "vista_previa", "fila", "confirmar"]
)
def test_solo_opgi_entra_a_cada_paso(client, request, persona, ruta, importacion_ajena):
    nombres = {
        "subir": ("importacion_plan", []),
        "plantilla": ("importacion_plan_plantilla", []),
        "columnas": ("importacion_plan_columnas", [importacion_ajena.pk]),
        "vista_previa": ("importacion_plan_vista_previa", [importacion_ajena.pk]),
        "fila": ("importacion_plan_fila", [importacion_ajena.pk]),
        "confirmar": ("importacion_plan_confirmar", [importacion_ajena.pk]),
    }
    nombre, argumentos = nombres[ruta]
    if persona:
        client.force_login(request.getfixturevalue(persona))
    url = reverse(nombre, args=argumentos)

    # The preview only shows (each row is corrected on its own page): no POST.
    respuestas = [client.get(url)] + ([] if ruta == "vista_previa" else [client.post(url)])

    for respuesta in respuestas:
        if persona is None:
            assert (
                respuesta.status_code == 302
                and "/login" in respuesta["Location"]
                or (respuesta.status_code == 302 and "ingreso" in respuesta["Location"])
            )
        else:
            assert respuesta.status_code == 403
    assert not Plan.objects.filter(vigencia=2026).exists()


def test_opgi_entra_a_cada_paso(opgi, importacion_ajena):
    for nombre in ("importacion_plan_columnas", "importacion_plan_vista_previa"):
        assert opgi.get(reverse(nombre, args=[importacion_ajena.pk])).status_code == 200
    fila = reverse("importacion_plan_fila", args=[importacion_ajena.pk]) + "?fila=2"
    assert opgi.get(fila).status_code == 200
    assert opgi.get(reverse("importacion_plan")).status_code == 200
    assert opgi.get(reverse("importacion_plan_plantilla")).status_code == 200


# --- The template and the round trip ----------------------------------------------------


def test_plantilla_importacion_exportacion_e_importacion_dan_las_mismas_actividades(opgi):
    primera = importar(opgi, plantilla_plan.plantilla_plan(2026), "plantilla.xlsx", vigencia=2026)
    confirmar(opgi, primera)
    plan = plan_importado(primera)
    exportado = xlsx_desde_hojas(informes.hojas_plan(informes.informe_plan(plan=plan)))

    segunda = importar(opgi, exportado, "plan-rdc-2026.xlsx", vigencia=2026, instrumento="ptep")
    confirmar(opgi, segunda)
    otro = plan_importado(segunda)

    def actividades(p):
        return [
            (
                a.codigo,
                a.descripcion,
                a.producto,
                a.meta_texto,
                a.meta_cantidad,
                a.meta_tipo,
                [r.responsable_id for r in a.asignaciones.order_by("orden")],
                [(v.inicio, v.fin) for v in a.ventanas.order_by("inicio")],
            )
            for a in Actividad.objects.filter(plan=p).order_by("orden")
        ]

    assert len(actividades(plan)) == 4
    assert actividades(otro) == actividades(plan)
    assert Ventana.objects.filter(actividad__plan=otro).count() == 5
    assert ActividadResponsable.objects.filter(actividad__plan=otro).count() == 5


def test_la_vista_previa_muestra_las_oficinas_nuevas_y_el_resumen_de_problemas(opgi):
    contenido = libro(
        [
            ENCABEZADOS,
            ["1. Información", "1.1", "Publicar el informe.", "Un (1) informe", "Secretaría de Turismo", "31/01/2026"],
            ["1. Información", "1.2", "", "Un (1) boletín", "OPGI", "31/01/2026"],
        ]
    )  # fmt: skip
    importacion = importar(opgi, contenido, "plan.xlsx", vigencia=2026)

    html = opgi.get(
        reverse("importacion_plan_vista_previa", args=[importacion.pk])
    ).content.decode()

    assert "nueva: Secretaría de Turismo (tipo secretaría)" in html
    assert "1 problema en 1 fila" in html
    assert "Fila 3, columna C (Actividad): Falta la descripción de la actividad." in html
    assert 'class="tabla-apilable' in html and 'data-etiqueta="Meta"' in html


def test_un_archivo_que_no_es_un_plan_se_rechaza_con_un_mensaje_en_espanol(opgi):
    respuesta = subir(opgi, b"%PDF-1.4 no es una hoja", "plan.xlsx", vigencia=2026)

    assert respuesta.status_code == 200
    assert respuesta.context["form"].errors["archivo"]
    assert "Traceback" not in respuesta.content.decode()
    assert not ImportacionPlan.objects.exists()


def test_un_plan_que_ya_existe_se_rechaza_en_el_primer_paso(opgi, plan_2022):
    respuesta = subir(opgi, archivo("plan_funcion_publica.xlsx"), "paac.xlsx", vigencia=2022,
                      entidad=plan_2022.entidad.nombre)  # fmt: skip

    assert respuesta.status_code == 200
    assert "Ya existe un plan" in " ".join(respuesta.context["form"].errors["vigencia"])


def test_el_plan_de_otra_entidad_con_numeros_en_su_columna_crea_la_entidad_y_sus_oficinas(opgi):
    respuesta = subir(opgi, archivo("plan_actividades_numeradas.xlsx"), "sandona.xlsx",
                      vigencia=2023, entidad="Alcaldía Municipal de Sandoná")  # fmt: skip
    assert respuesta.status_code == 302
    importacion = ImportacionPlan.objects.latest("pk")
    opgi.post(
        reverse("importacion_plan_columnas", args=[importacion.pk]),
        {"hoja": "Atención al ciudadano"}
        | {f"columna_{i}": c for i, c in enumerate(
            ["subcomponente", "codigo", "actividad", "meta", "responsable", "fecha"])},
    )  # fmt: skip

    confirmar(opgi, importacion)

    plan = plan_importado(importacion)
    assert plan.entidad.nombre == "Alcaldía Municipal de Sandoná"
    assert Actividad.objects.filter(plan=plan).count() == 10
    assert Componente.objects.get(plan=plan).orden == 4
    pqrsd = Actividad.objects.get(plan=plan, codigo="1.1")  # typed as the number 1.1
    assert pqrsd.ventanas.count() == 2
    assert pqrsd.responsables.get().entidad == plan.entidad
    assert Responsable.objects.filter(entidad=plan.entidad).count() >= 3


def test_escribir_el_plan_hace_las_mismas_consultas_con_2_o_con_13_actividades(opgi, alicia):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plan import servicios_importacion
    from plan.importacion.construccion import vista_previa_de

    pequena = libro(
        [
            ENCABEZADOS,
            ["1. Información", "1.1", "Publicar el informe.", "Un (1) informe", "OPGI", "31/01/2026"],
            ["1. Información", "1.2", "Publicar boletines.", "Dos (2) boletines", "Despacho", "31/01/2026"],
        ]
    )  # fmt: skip
    consultas = []
    for contenido, instrumento in (
        (pequena, "paac"),
        (archivo("plan_funcion_publica.xlsx"), "ptep"),
    ):
        importacion = importar(opgi, contenido, "plan.xlsx", vigencia=2026, instrumento=instrumento)
        previa = vista_previa_de(importacion)
        with CaptureQueriesContext(connection) as capturadas:
            servicios_importacion.importar_plan(
                vista_previa=previa, usuario=alicia, importacion=importacion
            )
        consultas.append(len(capturadas))

    assert consultas[0] == consultas[1]


def test_otra_hoja_del_libro_se_elige_en_el_paso_de_columnas(opgi):
    subir(opgi, archivo("plan_segunda_hoja.xlsx"), "plan.xlsx", vigencia=2025)
    importacion = ImportacionPlan.objects.latest("pk")
    url = reverse("importacion_plan_columnas", args=[importacion.pk])
    hojas = [valor for valor, _ in opgi.get(url).context["form"].fields["hoja"].choices]
    assert len(hojas) >= 2
    otra = next(h for h in hojas if h != opgi.get(url).context["tabla"].hoja)

    respuesta = opgi.post(url, {"hoja": otra, "cambiar_hoja": "1"})

    assert respuesta.status_code in (200, 302)
    if respuesta.status_code == 200:
        assert respuesta.context["tabla"].hoja == otra


def test_la_lista_de_planes_de_la_administracion_enlaza_el_asistente(opgi):
    html = opgi.get(reverse("admin:plan_plan_changelist")).content.decode()

    assert f'href="{reverse("importacion_plan")}"' in html
    assert "Importar un plan completo" in html


def test_el_error_del_archivo_queda_ligado_a_su_campo(opgi):
    respuesta = subir(opgi, b"", "plan.txt", vigencia=2026)

    html = respuesta.content.decode()
    assert 'aria-describedby="id_archivo_helptext id_archivo_errores"' in html
    assert 'id="id_archivo_errores"' in html


# --- construccion on its own: how groups and codes are inferred ---------------------------


def filas_leidas(encabezados, *filas_):
    from plan.importacion.tipos import Campo, Celda, FilaLeida

    letras = "ABCDEFGHIJ"
    return [
        FilaLeida(
            numero=numero,
            celdas={
                Campo(campo): Celda(valor=valor, fila=numero, columna=letras[i])
                for i, (campo, valor) in enumerate(zip(encabezados, fila, strict=True))
                if campo
            },
        )
        for numero, fila in enumerate(filas_, start=2)
    ]


@pytest.mark.parametrize(
    ("escrito", "numero", "nombre"),
    [
        ("Subcomponente 2: Diálogo de doble vía", 2, "Diálogo de doble vía"),
        ("2. Diálogo de doble vía", 2, "Diálogo de doble vía"),
        ("2", 2, "Subcomponente 2"),
        ("Diálogo de doble vía", 1, "Diálogo de doble vía"),
    ],
)
def test_el_subcomponente_se_lee_con_su_numero_o_se_numera(db, escrito, numero, nombre):
    from plan.importacion.construccion import DatosDelPlan, construir

    leidas = filas_leidas(
        ["subcomponente", "actividad", "meta", "responsable", "fecha"],
        [escrito, "Hacer algo.", "Un (1) informe", "OPGI", "31/03/2026"],
    )

    (actividad,) = construir(leidas, datos=DatosDelPlan(ENTIDAD, "paac", 2026, "Plan")).actividades

    assert (actividad.subcomponente_numero, actividad.subcomponente_nombre) == (numero, nombre)
    assert actividad.codigo == f"{numero}.1"  # no code column: numbered s.n
    assert actividad.componente == "Rendición de cuentas"


def test_un_codigo_repetido_o_malformado_se_renumera_y_se_conserva(db):
    from plan.importacion.construccion import DatosDelPlan, construir

    campos = ["subcomponente", "codigo", "actividad", "meta", "responsable", "fecha"]
    leidas = filas_leidas(
        campos,
        ["1", "1.1", "Primera.", "1 informe", "OPGI", "31/03/2026"],
        ["1", "A-3", "Segunda.", "1 informe", "OPGI", "31/03/2026"],
        ["1", "1.1", "Tercera, otra actividad.", "1 informe", "OPGI", "31/03/2026"],
    )

    previa = construir(leidas, datos=DatosDelPlan(ENTIDAD, "paac", 2026, "Plan"))

    assert [(a.codigo, a.codigo_oficial) for a in previa.actividades] == [
        ("1.1", ""),
        ("1.2", "A-3"),
        ("1.3", "1.1"),
    ]
    assert not previa.hay_errores
