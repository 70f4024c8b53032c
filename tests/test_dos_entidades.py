"""Two entities' plans of one vigencia, and a PAAC beside a PTEP (issue 16): each page,
dashboard, report, dataset and follow-up reaches the plan its address names, by slug;
the old addresses by vigencia alone redirect when they name one plan, offer a choice when
they name several, and never answer 500."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import OTRA
from nucleo.models import Entidad
from plan.models import (
    MENSAJE_SLUG_SOLO_DIGITOS,
    Actividad,
    ActividadResponsable,
    Componente,
    Instrumento,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)
from resultados import services as resultados_services

VILLA = "Socializar el presupuesto participativo de Villa de Leyva."
PTEP = "Publicar el programa de transparencia y ética pública."
PASTO = "Realizar jornada de sensibilización dirigida al equipo líder"  # 1.1 of the 2022 plan


def _plan_de_una_actividad(*, entidad, instrumento, descripcion, oficina) -> Plan:
    plan = Plan.objects.create(
        entidad=entidad,
        vigencia=2022,
        instrumento=instrumento,
        titulo=Instrumento(instrumento).label,
        dependencia="Oficina de Planeación",
        publicado=True,
    )
    componente = Componente.objects.create(plan=plan, nombre="Rendición de cuentas")
    sub = Subcomponente.objects.create(componente=componente, numero=1, nombre="Información")
    actividad = Actividad.objects.create(
        plan=plan,
        subcomponente=sub,
        codigo="1.1",
        descripcion=descripcion,
        producto="Documento publicado",
        meta_texto="1 documento",
        meta_cantidad=Decimal(1),
        meta_unidad="documento",
        meta_tipo=Actividad.TipoMeta.EXACTA,
    )
    Ventana.objects.create(actividad=actividad, inicio=date(2022, 2, 1), fin=date(2022, 11, 30))
    ActividadResponsable.objects.create(actividad=actividad, responsable=oficina)
    return plan


@pytest.fixture
def planes(plan_2022):
    """Pasto's PAAC 2022 (the site's entity), Villa de Leyva's PAAC 2022, Pasto's PTEP 2022."""
    villa = Entidad.objects.create(**{**OTRA, "principal": False})
    oficina_villa = Responsable.objects.create(
        entidad=villa, nombre="Secretaría de Hacienda", sigla="SH", tipo=Responsable.Tipo.SECRETARIA
    )
    return {
        "pasto": plan_2022,
        "villa": _plan_de_una_actividad(
            entidad=villa, instrumento=Instrumento.PAAC, descripcion=VILLA, oficina=oficina_villa
        ),
        "ptep": _plan_de_una_actividad(
            entidad=plan_2022.entidad,
            instrumento=Instrumento.PTEP,
            descripcion=PTEP,
            oficina=Responsable.objects.get(slug="educacion"),
        ),
    }


PROPIA = {"pasto": PASTO, "villa": VILLA, "ptep": PTEP}


def _solo_la_propia(texto: str, clave: str) -> None:
    assert PROPIA[clave] in texto, clave
    for otra, descripcion in PROPIA.items():
        if otra != clave:
            assert descripcion not in texto, (clave, otra)


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


def _texto_xlsx(contenido: bytes) -> str:
    libro = load_workbook(io.BytesIO(contenido), read_only=True)
    return " ".join(
        str(celda) for hoja in libro for fila in hoja.iter_rows(values_only=True) for celda in fila
    )


def _contenido(respuesta) -> bytes:
    assert respuesta.status_code == 200, respuesta.status_code
    return b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content


def test_los_tres_planes_de_2022_tienen_direcciones_distintas(planes):
    slugs = {clave: plan.slug for clave, plan in planes.items()}
    assert slugs == {
        "pasto": "alcaldia-de-pasto-paac-2022",
        "villa": "alcaldia-de-villa-de-leyva-paac-2022",
        "ptep": "alcaldia-de-pasto-ptep-2022",
    }


@pytest.mark.parametrize("clave", ["pasto", "villa", "ptep"])
def test_el_portal_la_actividad_y_los_datos_abiertos_muestran_su_propio_plan(client, planes, clave):
    plan = planes[clave]
    portal = client.get(reverse("plan_publico", args=[plan.slug]))
    _solo_la_propia(portal.content.decode(), clave)
    actividad = client.get(reverse("actividad_publica", args=[plan.slug, "1.1"]))
    _solo_la_propia(actividad.content.decode(), clave)
    datos = json.loads(_contenido(client.get(reverse("datos_plan_json", args=[plan.slug]))))
    _solo_la_propia(json.dumps(datos, ensure_ascii=False), clave)


@pytest.mark.parametrize("clave", ["pasto", "villa", "ptep"])
def test_el_tablero_el_documento_y_el_seguimiento_de_opgi_son_de_su_propio_plan(
    client, planes, alicia, clave
):
    plan = planes[clave]
    client.force_login(alicia)
    tablero = client.get(reverse("tablero"), {"plan": plan.slug})
    assert tablero.status_code == 200
    _solo_la_propia(tablero.content.decode(), clave)
    documento = client.get(reverse("informe_plan", args=[plan.slug, "xlsx"]))
    _solo_la_propia(_texto_xlsx(_contenido(documento)), clave)
    seguimiento = client.get(reverse("informe_seguimiento", args=[plan.slug, 1, "xlsx"]))
    _solo_la_propia(_texto_xlsx(_contenido(seguimiento)), clave)
    observaciones = client.get(reverse("observaciones_seguimiento", args=[plan.slug, 1]))
    assert observaciones.status_code == 200
    _solo_la_propia(observaciones.content.decode(), clave)


def test_el_pdf_del_plan_de_la_otra_entidad_lleva_su_actividad(client, planes, alicia):
    client.force_login(alicia)
    respuesta = client.get(reverse("informe_plan", args=[planes["villa"].slug, "pdf"]))
    texto = " ".join(_texto_pdf(_contenido(respuesta)).split())
    assert "Socializar el presupuesto participativo" in texto
    assert PASTO not in texto


def test_cada_plan_publica_su_propio_informe_de_resultados(client, planes, alicia):
    for clave in ("pasto", "villa"):
        resultados_services.publicar_informe_resultados(plan=planes[clave], usuario=alicia)
    client.logout()
    for clave in ("pasto", "villa"):
        respuesta = client.get(reverse("resultados:estrategia", args=[planes[clave].slug, "xlsx"]))
        assert respuesta.status_code == 200
    inicio = client.get(reverse("resultados:inicio")).content.decode()
    assert planes["pasto"].slug in inicio and planes["villa"].slug in inicio


def test_publicar_dos_veces_el_informe_de_un_plan_se_rechaza_sin_tocar_el_otro(planes, alicia):
    resultados_services.publicar_informe_resultados(plan=planes["pasto"], usuario=alicia)
    with pytest.raises(ValidationError, match="ya está publicado"):
        resultados_services.publicar_informe_resultados(plan=planes["pasto"], usuario=alicia)
    resultados_services.publicar_informe_resultados(plan=planes["ptep"], usuario=alicia)


# --- The addresses by vigencia alone ------------------------------------------------------


def test_la_direccion_antigua_de_una_vigencia_con_varios_planes_ofrece_elegir(client, planes):
    respuesta = client.get("/plan/2022/")
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    for plan in planes.values():
        assert reverse("plan_publico", args=[plan.slug]) in texto
    assert "Villa de Leyva" in texto


def test_la_direccion_antigua_de_una_vigencia_con_un_plan_redirige_para_siempre(client, plan_2022):
    respuesta = client.get("/plan/2022/actividades/1.1/?desde=correo")
    assert respuesta.status_code == 301
    assert (
        respuesta["Location"] == "/plan/alcaldia-de-pasto-paac-2022/actividades/1.1/?desde=correo"
    )
    datos = client.get("/datos-abiertos/planes/2022.json")
    assert datos.status_code == 301
    assert datos["Location"] == reverse("datos_plan_json", args=[plan_2022.slug])


def test_la_direccion_antigua_de_un_borrador_redirige_solo_al_personal_y_por_ahora(
    client, plan_2022, alicia
):
    Plan.objects.filter(pk=plan_2022.pk).update(publicado=False)
    assert client.get("/plan/2022/").status_code == 404
    client.force_login(alicia)
    respuesta = client.get("/informes/seguimiento/2022/1/observaciones/")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("observaciones_seguimiento", args=[plan_2022.slug, 1])


def test_una_vigencia_sin_plan_es_404_en_la_direccion_antigua(client, plan_2022):
    assert client.get("/plan/2031/").status_code == 404
    assert client.get("/datos-abiertos/planes/2031.json").status_code == 404


def test_el_tablero_con_una_vigencia_de_varios_planes_responde_404_y_no_500(client, planes, alicia):
    # Before: `Plan.objects.get(vigencia=…)` raised MultipleObjectsReturned (a 500).
    client.force_login(alicia)
    respuesta = client.get(reverse("tablero"), {"vigencia": "2022"})
    assert respuesta.status_code == 404
    unico = client.get(reverse("tablero"), {"vigencia": "2022", "plan": planes["villa"].slug})
    assert unico.status_code == 200


def test_un_slug_desconocido_o_con_caracteres_raros_es_404(client, planes, alicia):
    assert client.get("/plan/no-existe-2022/").status_code == 404
    client.force_login(alicia)
    assert client.get(reverse("tablero"), {"plan": "no\x00existe"}).status_code == 404
    assert client.get(reverse("tablero"), {"plan": "otro-plan"}).status_code == 404


def test_un_slug_de_solo_digitos_se_rechaza_porque_lo_tapa_la_direccion_por_vigencia(
    plan_2022,
):
    plan_2022.slug = "2022"
    with pytest.raises(ValidationError) as error:
        plan_2022.full_clean()
    assert error.value.message_dict["slug"] == [MENSAJE_SLUG_SOLO_DIGITOS]
