"""A whole PAAC (issue 16): several componentes whose subcomponentes are numbered from 1 in
each, three-level codes with the entity's own code beside them, and a qualitative meta
followed by its percentage of completion — through the office's report, the OPGI
dashboard, the portal, the plan's PDF and XLSX and the open data, all read back."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from nucleo import documentos
from nucleo.models import Entidad
from plan import informes
from plan.models import (
    ETIQUETA_CUMPLIMIENTO,
    MENSAJE_CUMPLIMIENTO_MAXIMO,
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    Evidencia,
    Instrumento,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)
from tests.ayudas import PDF_MINIMO

META_CUALITATIVA = "Política de integridad adoptada por acto administrativo"


def _actividad(sub, codigo, descripcion, *, oficina, hoy, **meta):
    actividad = Actividad.objects.create(
        plan=sub.componente.plan,
        subcomponente=sub,
        codigo=codigo,
        descripcion=descripcion,
        producto="Documento publicado",
        **meta,
    )
    Ventana.objects.create(
        actividad=actividad, inicio=date(hoy.year, 1, 1), fin=date(hoy.year, 12, 31)
    )
    ActividadResponsable.objects.create(actividad=actividad, responsable=oficina)
    return actividad


@pytest.fixture
def paac(plan_2022):
    """This year's published PAAC of the site's entity: componente 1 «Gestión del riesgo
    de corrupción» (subcomponentes 1 and 2) and componente 2 «Racionalización de
    trámites» (its own subcomponente 1), with a qualitative activity 2.1.1 («A-3»)."""
    hoy = timezone.localdate()
    plan = Plan.objects.create(
        entidad=Entidad.objects.del_sitio(),
        vigencia=hoy.year,
        instrumento=Instrumento.PAAC,
        titulo="Plan Anticorrupción y de Atención al Ciudadano",
        dependencia="Oficina de Planeación de Gestión Institucional",
        publicado=True,
    )
    riesgo = Componente.objects.create(plan=plan, nombre="Gestión del riesgo de corrupción")
    tramites = Componente.objects.create(plan=plan, nombre="Racionalización de trámites", orden=2)
    politica = Subcomponente.objects.create(componente=riesgo, numero=1, nombre="Política")
    mapa = Subcomponente.objects.create(componente=riesgo, numero=2, nombre="Mapa de riesgos")
    priorizacion = Subcomponente.objects.create(
        componente=tramites, numero=1, nombre="Priorización de trámites"
    )
    educacion = Responsable.objects.get(slug="educacion")
    cantidad = {"meta_unidad": "documentos", "meta_tipo": Actividad.TipoMeta.EXACTA}
    _actividad(
        politica, "1.1.1", "Actualizar la política de riesgos.", oficina=educacion, hoy=hoy,
        meta_texto="1 política actualizada", meta_cantidad=Decimal(1), **cantidad,
    )  # fmt: skip
    _actividad(
        mapa, "1.2.1", "Publicar el mapa de riesgos.", oficina=educacion, hoy=hoy,
        meta_texto="2 mapas publicados", meta_cantidad=Decimal(2), **cantidad,
    )  # fmt: skip
    cualitativa = _actividad(
        priorizacion, "2.1.1", "Adoptar la política de integridad.", oficina=educacion, hoy=hoy,
        meta_texto=META_CUALITATIVA, meta_tipo=Actividad.TipoMeta.CUALITATIVA,
        meta_cantidad=None, codigo_oficial="A-3",
    )  # fmt: skip
    return plan, cualitativa


def _reportar(client, actividad, cantidad):
    return client.post(
        reverse("reportar_avance", args=[actividad.pk]),
        {
            "fecha": (timezone.localdate() - timedelta(days=1)).isoformat()
            if timezone.localdate().timetuple().tm_yday > 1
            else timezone.localdate().isoformat(),
            "cantidad": cantidad,
            "narrativa": "Proyecto de decreto revisado por Jurídica.",
        },
        follow=True,
    )


def _aprobado(actividad, alicia, cantidad):
    return Avance.objects.create(
        estado=Avance.Estado.APROBADO,
        actividad=actividad,
        fecha=timezone.localdate(),
        cantidad=Decimal(cantidad),
        narrativa="Avance aprobado.",
        reportado_por=alicia,
    )


# --- the qualitative meta ---------------------------------------------------------------


def test_la_oficina_reporta_el_porcentaje_de_cumplimiento_de_una_meta_cualitativa(
    client, paac, bruno
):
    _, cualitativa = paac
    client.force_login(bruno)
    pagina = client.get(reverse("actividad", args=[cualitativa.pk])).content.decode()
    assert ETIQUETA_CUMPLIMIENTO in pagina
    assert f"{META_CUALITATIVA} (cualitativa)" in pagina
    assert "None" not in pagina and "0 de" not in pagina
    assert "2.1.1 (A-3)" in pagina

    respuesta = _reportar(client, cualitativa, "40")
    assert respuesta.status_code == 200
    avance = Avance.objects.get(actividad=cualitativa)
    assert avance.cantidad == Decimal(40)
    assert cualitativa.porcentaje_de(avance.cantidad) == Decimal("40.0")


def test_un_cumplimiento_mayor_que_100_en_una_meta_cualitativa_se_rechaza_con_un_mensaje(
    client, paac, bruno
):
    _, cualitativa = paac
    client.force_login(bruno)
    respuesta = _reportar(client, cualitativa, "120")
    assert MENSAJE_CUMPLIMIENTO_MAXIMO in respuesta.content.decode()
    assert not Avance.objects.filter(actividad=cualitativa).exists()


def test_el_formulario_de_una_meta_con_cantidad_sigue_pidiendo_la_cantidad(client, paac, bruno):
    plan, _ = paac
    client.force_login(bruno)
    otra = Actividad.objects.get(plan=plan, codigo="1.2.1")
    pagina = client.get(reverse("actividad", args=[otra.pk])).content.decode()
    assert ETIQUETA_CUMPLIMIENTO not in pagina


# --- several componentes, three-level codes --------------------------------------------


def _orden_en(texto, *fragmentos):
    posiciones = [texto.find(fragmento) for fragmento in fragmentos]
    assert -1 not in posiciones, list(zip(fragmentos, posiciones, strict=True))
    return posiciones == sorted(posiciones)


def test_el_tablero_de_opgi_agrupa_por_componente_sin_mezclar_los_subcomponentes_1(
    client, paac, alicia
):
    plan, cualitativa = paac
    _aprobado(cualitativa, alicia, 60)
    client.force_login(alicia)
    pagina = client.get(reverse("tablero")).content.decode()
    filas = re.findall(r'<tr data-subcomponente="(\d+)"><th scope="row">([^<]+)</th>', pagina)
    # Two «Subcomponente 1», one per componente, never merged: componente 1's first.
    assert [numero for numero, _ in filas] == ["1", "2", "1"]
    assert filas[0][1].endswith("Política") and filas[2][1].endswith("Priorización de trámites")
    assert f"{META_CUALITATIVA} (cualitativa)" in pagina
    assert "60,0 %" in pagina  # its % of completion, in the es-CO format
    assert "2.1.1 (A-3)" in pagina
    # The subcomponente filter names the componente of each «Subcomponente 1».
    assert "Racionalización de trámites › Subcomponente 1. Priorización de trámites" in pagina


def test_el_portal_agrupa_componente_y_subcomponente_en_orden(client, paac, alicia):
    plan, cualitativa = paac
    _aprobado(cualitativa, alicia, 25)
    pagina = client.get(reverse("inicio")).content.decode()
    lista = pagina[pagina.index('id="resultados"') :]  # the list, after the filters
    assert _orden_en(
        lista,
        "Componente 1. Gestión del riesgo de corrupción",
        "Subcomponente 1. Política",
        "1.1.1",
        "Subcomponente 2. Mapa de riesgos",
        "1.2.1",
        "Componente 2. Racionalización de trámites",
        "Subcomponente 1. Priorización de trámites",
        "2.1.1 (A-3)",
    )
    assert lista.count('class="subcomponente"') == 3


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages)


def _documento(plan, formato):
    informe = informes.informe_plan(plan=plan)
    return documentos.contenido(
        formato=formato,
        plantilla="plan/informes/plan.html",
        contexto={"informe": informe, "plan": plan},
        hojas=lambda: informes.hojas_plan(informe),
        base_url="http://testserver/",
    )


def test_el_pdf_del_plan_agrupa_por_componente_con_la_meta_cualitativa(paac):
    plan, _ = paac
    texto = " ".join(_texto_pdf(_documento(plan, "pdf")).split())
    assert _orden_en(
        texto,
        "Componente 1: Gestión del riesgo de corrupción",
        "1.1.1",
        "1.2.1",
        "Componente 2: Racionalización de trámites",
        "2.1.1 (A-3)",
    )
    assert "(cualitativa)" in texto
    assert "None" not in texto


def test_el_xlsx_del_plan_tiene_la_columna_componente_y_la_meta_cualitativa(paac):
    plan, _ = paac
    hoja = load_workbook(io.BytesIO(_documento(plan, "xlsx")))["Plan"]
    filas = [list(fila) for fila in hoja.iter_rows(values_only=True)]
    encabezado = filas[0]
    assert encabezado[:3] == ["Componente", "Subcomponente / Proceso", "Código"]
    datos = [dict(zip(encabezado, fila, strict=False)) for fila in filas[1:]]
    assert [(d["Componente"], d["Código"]) for d in datos] == [
        ("Gestión del riesgo de corrupción", "1.1.1"),
        ("Gestión del riesgo de corrupción", "1.2.1"),
        ("Racionalización de trámites", "2.1.1 (A-3)"),
    ]
    assert datos[2]["Subcomponente / Proceso"] == "Subcomponente 1. Priorización de trámites"
    assert datos[2]["Meta"] == f"{META_CUALITATIVA} (cualitativa)"


def test_el_xlsx_de_un_plan_de_un_solo_componente_no_cambia_de_columnas(plan_2022):
    hoja = load_workbook(io.BytesIO(_documento(plan_2022, "xlsx")))["Plan"]
    assert next(hoja.iter_rows(values_only=True))[0] == "Subcomponente / Proceso"


def test_los_datos_abiertos_dejan_vacia_la_cantidad_de_una_meta_cualitativa(client, paac):
    respuesta = client.get("/datos-abiertos/actividades.csv")
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    fila = next(f for f in filas if f["codigo"] == "2.1.1")
    assert fila["meta_cantidad"] == ""
    assert fila["meta_tipo"].lower().startswith("cualitativa")
    assert fila["meta"] == META_CUALITATIVA
    documento = client.get("/datos-abiertos/actividades.json").json()
    campos = {campo["nombre"]: campo["descripcion"] for campo in documento["campos"]}
    assert "cualitativa" in campos["meta_cantidad"]
    assert "mayor que 0" not in campos["meta_cantidad"]


def test_una_evidencia_de_una_actividad_de_codigo_de_tres_niveles_se_guarda(
    client, paac, bruno, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _, cualitativa = paac
    client.force_login(bruno)
    client.post(
        reverse("subir_evidencia", args=[cualitativa.pk]),
        {
            "descripcion": "Borrador del decreto",
            "archivo": SimpleUploadedFile("decreto.pdf", PDF_MINIMO),
        },
    )
    evidencia = Evidencia.objects.get(actividad=cualitativa)
    assert evidencia.archivo.name.startswith(f"evidencias/{cualitativa.plan.vigencia}/2.1.1/")
    with evidencia.archivo.open("rb") as archivo:
        assert archivo.read() == PDF_MINIMO
