"""The report of the answers (seed activity 3.4): PDF and XLSX through nucleo.documentos."""

import io
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dialogos import services
from dialogos.models import InformeRespuestas
from dialogos.tests.conftest import BOGOTA
from plan.models import Responsable

PERSONAL = {
    "nombre": "Rosa Elvira Guerrero",
    "correo": "rosa@example.org",
    "quiere_respuesta": True,
}


@pytest.fixture
def preguntas(alicia, bruno, crear_pregunta, crear_espacio):
    """In the first half of 2022: two published, one answered (unpublished), one open."""
    educacion = Responsable.objects.get(slug="educacion")
    espacio = crear_espacio(titulo="Audiencia de educación", realizado=True)

    def respondida(texto, respuesta, *, hoy, respondida_el, publicar, **datos):
        pregunta = crear_pregunta(texto, hoy=hoy, **datos)
        services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
        services.responder_pregunta(
            pregunta=pregunta,
            usuario=bruno,
            respuesta=respuesta,
            ahora=datetime.combine(respondida_el, time(10), tzinfo=BOGOTA),
        )
        if publicar:
            services.publicar_pregunta(
                pregunta=pregunta,
                usuario=alicia,
                texto_publico=texto.replace("Soy Rosa Elvira Guerrero. ", ""),
                respuesta_publica=respuesta,
            )
        return pregunta

    return {
        "espacio": espacio,
        "publicada": respondida(
            "Soy Rosa Elvira Guerrero. ¿Cuántos docentes nuevos llegan?",
            "Llegan 45 docentes en marzo.",
            hoy=date(2022, 2, 10),
            respondida_el=date(2022, 2, 15),
            publicar=True,
            espacio=espacio,
            **PERSONAL,
        ),
        "otra_publicada": respondida(
            "¿Habrá transporte escolar rural?",
            "Sí, en 12 rutas.",
            hoy=date(2022, 5, 3),
            respondida_el=date(2022, 5, 6),
            publicar=True,
        ),
        "sin_publicar": respondida(
            "¿Y el restaurante escolar?",
            "Respuesta aún no revisada.",
            hoy=date(2022, 3, 1),
            respondida_el=date(2022, 4, 20),  # due 23/03/2022: answered late
            publicar=False,
        ),
        "abierta": crear_pregunta("¿Cuándo pintan la escuela?", hoy=date(2022, 4, 4)),
        "fuera": crear_pregunta("Pregunta de julio", hoy=date(2022, 7, 4)),
    }


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(contenido)).pages)


PERIODO = {"desde": "2022-01-01", "hasta": "2022-06-30"}


def test_informe_de_un_periodo_en_pdf(client, alicia, preguntas):
    client.force_login(alicia)
    respuesta = client.get("/dialogos/gestion/informes/descargar/", {**PERIODO, "formato": "pdf"})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert "informe-respuestas-20220101-20220630.pdf" in respuesta["Content-Disposition"]
    texto = " ".join(_texto_pdf(respuesta.content).split())
    assert "Llegan 45 docentes en marzo." in texto
    assert "Sí, en 12 rutas." in texto
    assert "4 preguntas recibidas" in texto
    assert "3 respondidas" in texto
    assert "Respuesta aún no revisada" not in texto  # answered but not published
    assert "Pregunta de julio" not in texto  # outside the period
    assert "Rosa" not in texto and "rosa@example.org" not in texto


def test_informe_de_un_periodo_en_xlsx(client, diana, preguntas):
    client.force_login(diana)  # Control interno reads the reports
    respuesta = client.get("/dialogos/gestion/informes/descargar/", {**PERIODO, "formato": "xlsx"})
    assert respuesta.status_code == 200
    libro = load_workbook(io.BytesIO(respuesta.content))
    hoja = libro["Preguntas y respuestas"]
    filas = list(hoja.iter_rows(min_row=2, values_only=True))
    assert [fila[0] for fila in filas] == [
        preguntas["publicada"].numero_publico,
        preguntas["otra_publicada"].numero_publico,
    ]
    assert filas[0][1].date() == date(2022, 2, 10)
    assert filas[0][4] == "¿Cuántos docentes nuevos llegan?"
    assert filas[0][6] == "Llegan 45 docentes en marzo."
    resumen = dict(libro["Resumen"].iter_rows(min_row=2, values_only=True))
    assert resumen["Preguntas recibidas"] == 4
    assert resumen["Preguntas respondidas"] == 3
    assert resumen["Respondidas dentro del plazo legal"] == 2
    assert resumen["Sin responder"] == 1
    celdas = " ".join(str(c) for fila in hoja.iter_rows(values_only=True) for c in fila if c)
    assert "Rosa" not in celdas and "rosa@example.org" not in celdas


def test_informe_de_un_espacio(client, alicia, preguntas):
    client.force_login(alicia)
    respuesta = client.get(
        "/dialogos/gestion/informes/descargar/",
        {"espacio": preguntas["espacio"].pk, "formato": "xlsx"},
    )
    filas = list(load_workbook(io.BytesIO(respuesta.content))["Preguntas y respuestas"].values)
    assert [fila[0] for fila in filas[1:]] == [preguntas["publicada"].numero_publico]


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        ({"formato": "pdf"}, "Elija un espacio o un periodo (desde y hasta)."),
        ({"desde": "2022-06-30", "hasta": "2022-01-01", "formato": "pdf"}, "no puede ser anterior"),
        ({**PERIODO, "formato": "doc"}, "Escoja una opción válida"),
    ],
)
def test_alcance_invalido_se_explica(client, alicia, plan_2022, consulta, mensaje):
    client.force_login(alicia)
    respuesta = client.get("/dialogos/gestion/informes/descargar/", consulta)
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()


def test_opgi_registra_un_informe_publicado_que_se_descarga_sin_cuenta(client, alicia, preguntas):
    client.force_login(alicia)
    respuesta = client.post(
        "/dialogos/gestion/informes/",
        {
            "titulo": "Informe de respuestas del primer semestre",
            **PERIODO,
            "publicado_el": "2022-07-15",
        },
    )
    assert respuesta.status_code == 302
    informe = InformeRespuestas.objects.get()
    assert (informe.vigencia, informe.publicado_por) == (2022, alicia)

    client.logout()
    assert f'data-informe="{informe.pk}"' in client.get("/dialogos/respuestas/").content.decode()
    pdf = client.get(f"/dialogos/informes/{informe.pk}.pdf")
    assert pdf.status_code == 200
    texto = " ".join(_texto_pdf(pdf.content).split())
    assert "Informe de respuestas del primer semestre" in texto
    assert "15/07/2022" in texto
    assert client.get(f"/dialogos/informes/{informe.pk}.xlsx").status_code == 200
    assert client.get(f"/dialogos/informes/{informe.pk}.doc").status_code == 404


@pytest.mark.parametrize(
    ("datos", "mensaje"),
    [
        ({"titulo": "X", "publicado_el": "2022-07-15"}, "Elija un espacio o un periodo"),
        ({"titulo": "X", **PERIODO, "publicado_el": "2099-01-01"}, "posterior a hoy"),
    ],
)
def test_registrar_informe_con_datos_malos(client, alicia, plan_2022, datos, mensaje):
    client.force_login(alicia)
    respuesta = client.post("/dialogos/gestion/informes/", datos)
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert not InformeRespuestas.objects.exists()


def test_solo_opgi_registra_informes(client, diana, plan_2022):
    client.force_login(diana)
    respuesta = client.post(
        "/dialogos/gestion/informes/", {"titulo": "X", **PERIODO, "publicado_el": "2022-07-15"}
    )
    assert respuesta.status_code == 403
    assert not InformeRespuestas.objects.exists()
