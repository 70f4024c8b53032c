"""The core's small pieces: downloads and the <formato:…> converter, rate limits, honeypot."""

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from nucleo import documentos, formularios, limites
from nucleo.documentos import Columna, Hoja, Tipo

PLANTILLAS = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {"prueba.html": "<html><body><h1>{{ titulo }}</h1></body></html>"},
                )
            ]
        },
    }
]


def _descarga(formato, hojas=None):
    return documentos.descarga(
        RequestFactory().get("/"),
        formato=formato,
        nombre="informe-de-prueba",
        plantilla="prueba.html",
        contexto={"titulo": "Informe de prueba"},
        hojas=hojas or (lambda: pytest.fail("un PDF no construye las hojas")),
    )


@override_settings(TEMPLATES=PLANTILLAS)
def test_la_descarga_en_pdf_es_la_plantilla_con_su_nombre_de_archivo():
    respuesta = _descarga("pdf")
    assert respuesta["Content-Type"] == documentos.TIPO_PDF
    assert 'filename="informe-de-prueba.pdf"' in respuesta["Content-Disposition"]
    assert respuesta["Content-Disposition"].startswith("attachment")
    texto = PdfReader(io.BytesIO(respuesta.content)).pages[0].extract_text()
    assert "Informe de prueba" in texto


def test_la_descarga_en_xlsx_son_las_hojas_con_su_nombre_de_archivo():
    hojas = [
        Hoja("Actividades", [Columna("Código"), Columna("Avance", tipo=Tipo.NUMERO)], [["1.1", 3]])
    ]
    respuesta = _descarga("xlsx", hojas=lambda: hojas)
    assert respuesta["Content-Type"] == documentos.TIPO_XLSX
    assert 'filename="informe-de-prueba.xlsx"' in respuesta["Content-Disposition"]
    libro = load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames == ["Actividades"]
    assert [[c.value for c in fila] for fila in libro["Actividades"].iter_rows()] == [
        ["Código", "Avance"],
        ["1.1", 3],
    ]


def test_la_descarga_en_un_formato_desconocido_se_rechaza():
    with pytest.raises(ValueError, match="desconocido"):
        _descarga("doc")


def test_un_informe_con_extension_doc_es_un_404(client, alicia):
    client.force_login(alicia)
    url = reverse("informe_plan", kwargs={"plan": "alcaldia-de-pasto-paac-2022", "formato": "xlsx"})
    assert client.get(url).status_code == 200
    assert client.get(url.removesuffix(".xlsx") + ".doc").status_code == 404
    assert client.get(url.removesuffix(".xlsx") + ".PDF").status_code == 404


def _peticion(ip):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def test_un_limite_registrado_se_excede_despues_de_su_tasa():
    grupo = f"prueba-{uuid.uuid4().hex}"
    limites.registrar(grupo, ajuste="LIMITE_DE_PRUEBA", por_defecto="2/m")
    assert [limites.excedido(_peticion("10.1.1.1"), grupo) for _ in range(3)] == [
        False,
        False,
        True,
    ]
    # Counted per IP: another address starts from zero.
    assert not limites.excedido(_peticion("10.1.1.2"), grupo)


def test_el_ajuste_del_limite_manda_sobre_el_valor_por_defecto():
    grupo = f"prueba-{uuid.uuid4().hex}"
    limites.registrar(grupo, ajuste="LIMITE_DE_PRUEBA", por_defecto="100/m")
    with override_settings(LIMITE_DE_PRUEBA="1/m"):
        assert limites.tasa(grupo) == "1/m"
        assert [limites.excedido(_peticion("10.2.2.2"), grupo) for _ in range(2)] == [
            False,
            True,
        ]


def test_un_limite_con_ajuste_none_no_limita():
    grupo = f"prueba-{uuid.uuid4().hex}"
    limites.registrar(grupo, ajuste="LIMITE_DE_PRUEBA", por_defecto="1/m")
    with override_settings(LIMITE_DE_PRUEBA=None):
        assert not any(limites.excedido(_peticion("10.3.3.3"), grupo) for _ in range(5))


def test_la_trampa_vacia_deja_pasar_el_formulario():
    formularios.revisar_trampa({formularios.CAMPO_TRAMPA: "", "texto": "hola"})
    formularios.revisar_trampa({"texto": "hola"})


def test_la_trampa_llena_rechaza_el_formulario_con_su_mensaje():
    with pytest.raises(ValidationError) as error:
        formularios.revisar_trampa({formularios.CAMPO_TRAMPA: "http://spam.example"})
    assert error.value.messages == [formularios.MENSAJE_TRAMPA]
    assert error.value.code == "trampa"
