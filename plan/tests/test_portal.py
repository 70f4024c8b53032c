"""The citizens' portal of the plan: filters, search, public evidence only."""

import re

import pytest
from django.core.files.base import ContentFile

from plan.models import Evidencia, Plan
from tests.ayudas import PDF_MINIMO


def _codigos(respuesta) -> list[str]:
    return re.findall(r'class="actividad__codigo">([\d.]+)<', respuesta.content.decode())


def _evidencia(actividad, usuario, descripcion, *, estado="enviada", publica=False):
    evidencia = Evidencia(
        actividad=actividad,
        descripcion=descripcion,
        nombre_original="informe.pdf",
        sha256="b" * 64,
        tamano=len(PDF_MINIMO),
        tipo_contenido="application/pdf",
        subida_por=usuario,
        estado=estado,
        publica=publica,
    )
    evidencia.archivo.save("informe.pdf", ContentFile(PDF_MINIMO), save=False)
    evidencia.save()
    return evidencia


@pytest.mark.parametrize(
    ("consulta", "esperados"),
    [
        ("?oficina=educacion", ["1.3", "2.4"]),
        ("?q=dialogo+territoriales", []),
        ("?q=espacios+territoriales", ["2.2"]),
        ("?q=DIÁLOGO", ["1.9", "2.1", "2.2"]),
        ("?q=periodico", ["1.7"]),
        ("?q=MOSIG", ["1.6", "2.7"]),
    ],
)
def test_filtros_y_busqueda_sin_tildes_ni_mayusculas(client, plan_2022, consulta, esperados):
    assert _codigos(client.get("/" + consulta)) == esperados


def test_filtro_por_subcomponente_y_estado(client, plan_2022):
    subcomponente = plan_2022.componentes.get().subcomponentes.get(numero=3)
    assert _codigos(client.get(f"/?subcomponente={subcomponente.pk}")) == [
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]
    # Today (after 2022) nothing of the plan is pending: every activity without reports is vencida.
    assert len(_codigos(client.get("/?estado=vencida"))) == 23
    assert _codigos(client.get("/?estado=cumplida")) == []


def test_un_filtro_invalido_no_rompe_la_pagina(client, plan_2022):
    respuesta = client.get("/?oficina=no-existe&estado=raro")
    assert respuesta.status_code == 200
    assert len(_codigos(respuesta)) == 23


def test_solo_se_ven_las_evidencias_aprobadas_y_publicas(client, alicia, actividad):
    publica = _evidencia(
        actividad("1.3"), alicia, "Informe publicado", estado="aprobada", publica=True
    )
    _evidencia(actividad("1.3"), alicia, "Borrador enviado")
    _evidencia(actividad("1.3"), alicia, "Aprobado pero interno", estado="aprobada")

    html = client.get("/plan/alcaldia-de-pasto-paac-2022/actividades/1.3/").content.decode()

    assert "Informe publicado" in html
    assert "Borrador enviado" not in html
    assert "Aprobado pero interno" not in html
    descarga = client.get(f"/evidencias/{publica.pk}/publica/")
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == PDF_MINIMO


def test_una_evidencia_no_publica_no_se_descarga(client, alicia, actividad):
    interna = _evidencia(actividad("1.3"), alicia, "Interno", estado="aprobada")
    assert client.get(f"/evidencias/{interna.pk}/publica/").status_code == 404


def test_un_plan_sin_publicar_no_se_ve_ni_sus_evidencias(client, alicia, actividad, plan_2022):
    evidencia = _evidencia(actividad("1.3"), alicia, "Publicada", estado="aprobada", publica=True)
    Plan.objects.filter(pk=plan_2022.pk).update(publicado=False)

    assert client.get("/plan/alcaldia-de-pasto-paac-2022/").status_code == 404
    assert client.get("/plan/alcaldia-de-pasto-paac-2022/actividades/1.3/").status_code == 404
    assert client.get(f"/evidencias/{evidencia.pk}/publica/").status_code == 404


def test_pagina_publica_de_una_actividad(client, plan_2022):
    respuesta = client.get("/plan/alcaldia-de-pasto-paac-2022/actividades/2.2/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Mínimo 29 espacios de diálogo realizados" in html
    assert client.get("/plan/alcaldia-de-pasto-paac-2022/actividades/9.9/").status_code == 404
