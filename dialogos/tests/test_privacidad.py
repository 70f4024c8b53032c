"""Issue 10, findings 1 and 2: the radicado stays private, and one rule decides what is public.

The radicado proves who asked: whoever holds it may look the question up. It
is never published (pages, attributes, open data, reports); a published
question is named by its `numero_publico`. The lookup shows, before
publication, only the status, the date of receipt and the legal deadline;
once published, the texts as published. A space linked to an activity of an
unpublished plan is not public, and neither are its questions nor its reports.
"""

import io
import re
from datetime import date, datetime, time

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from dialogos import reglas, selectors, services
from dialogos.models import InformeRespuestas, Pregunta
from dialogos.tests.conftest import BOGOTA
from plan.models import Responsable

PATRON_RADICADO = re.compile(r"RDC-?\d{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}", re.IGNORECASE)
ORIGINAL = "Soy Ana Pérez, vecina de Lucía Gómez (3001234567). ¿Cuándo abre el colegio?"
RESPUESTA_ORIGINAL = "Señora Ana Pérez: el colegio abre en febrero de 2023."
PUBLICO = "¿Cuándo abre el colegio?"
RESPUESTA_PUBLICA = "El colegio abre en febrero de 2023."


def _publicar(pregunta, *, alicia, bruno, texto=PUBLICO, respuesta=RESPUESTA_PUBLICA):
    educacion = Responsable.objects.get(slug="educacion")
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
    services.responder_pregunta(
        pregunta=pregunta,
        usuario=bruno,
        respuesta=RESPUESTA_ORIGINAL,
        ahora=datetime.combine(date(2022, 8, 3), time(10), tzinfo=BOGOTA),
    )
    return services.publicar_pregunta(
        pregunta=pregunta, usuario=alicia, texto_publico=texto, respuesta_publica=respuesta
    )


@pytest.fixture
def publicada(alicia, bruno, crear_pregunta):
    pregunta = crear_pregunta(
        ORIGINAL,
        nombre="Ana Pérez",
        correo="ana@example.org",
        quiere_respuesta=True,
        hoy=date(2022, 8, 1),
    )
    return _publicar(pregunta, alicia=alicia, bruno=bruno)


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(contenido)).pages)


def _celdas_xlsx(contenido: bytes) -> str:
    libro = load_workbook(io.BytesIO(contenido))
    return " ".join(
        str(celda) for hoja in libro for fila in hoja.iter_rows(values_only=True) for celda in fila
    )


# --- Finding 1: the radicado is a secret ----------------------------------------


def test_radicado_never_appears_in_open_data(client, publicada):
    for formato in ("csv", "json", "xlsx"):
        respuesta = client.get(f"/datos-abiertos/preguntas-y-respuestas.{formato}")
        assert respuesta.status_code == 200
        texto = (
            _celdas_xlsx(respuesta.content)
            if formato == "xlsx"
            else respuesta.content.decode("utf-8-sig")
        )
        assert PUBLICO in texto
        assert publicada.radicado not in texto
        assert not PATRON_RADICADO.search(texto)
        assert publicada.numero_publico in texto
    cabecera = client.get("/datos-abiertos/preguntas-y-respuestas.csv").content.decode("utf-8-sig")
    assert cabecera.splitlines()[0].split(",")[0] == "numero"


def test_radicado_never_appears_in_public_answers_html(client, crear_espacio, alicia, bruno):
    espacio = crear_espacio(titulo="Audiencia de educación", realizado=True)
    pregunta = services.recibir_pregunta(
        texto=ORIGINAL, acepta_datos=True, espacio=espacio, hoy=date(2022, 8, 1)
    )
    pregunta = _publicar(pregunta, alicia=alicia, bruno=bruno)
    for url in ("/dialogos/respuestas/", f"/dialogos/espacios/{espacio.pk}/"):
        html = client.get(url).content.decode()
        assert PUBLICO in html
        assert not PATRON_RADICADO.search(html), url
        assert f'data-pregunta="{pregunta.numero_publico}"' in html


def test_radicado_never_appears_in_answers_report_pdf_or_xlsx(client, alicia, publicada):
    informe = services.registrar_informe(
        usuario=alicia,
        titulo="Informe de agosto",
        desde=date(2022, 8, 1),
        hasta=date(2022, 8, 31),
        publicado_el=date(2022, 9, 1),
    )
    pdf = client.get(f"/dialogos/informes/{informe.pk}.pdf")
    xlsx = client.get(f"/dialogos/informes/{informe.pk}.xlsx")
    assert pdf.status_code == xlsx.status_code == 200
    for texto in (_texto_pdf(pdf.content), _celdas_xlsx(xlsx.content)):
        assert RESPUESTA_PUBLICA in " ".join(texto.split())
        assert publicada.radicado not in texto
        assert not PATRON_RADICADO.search(texto)
    assert publicada.numero_publico in _celdas_xlsx(xlsx.content)


def test_public_number_is_not_the_radicado_and_looks_nothing_like_it(crear_pregunta):
    pregunta = crear_pregunta(hoy=date(2022, 8, 1))
    assert re.fullmatch(r"P-[0-9A-Z]{8}", pregunta.numero_publico)
    assert pregunta.numero_publico[2:] not in pregunta.radicado.replace("-", "")
    # The lookup takes only radicados: a public number finds nothing.
    assert reglas.normalizar_radicado(pregunta.numero_publico) is None


def test_lookup_before_publication_shows_only_status_date_and_deadline(
    client, alicia, bruno, crear_pregunta
):
    pregunta = crear_pregunta(
        ORIGINAL,
        nombre="Ana Pérez",
        telefono="3001234567",
        quiere_respuesta=True,
        hoy=date(2022, 8, 1),
    )
    services.asignar_pregunta(
        pregunta=pregunta, usuario=alicia, oficina=Responsable.objects.get(slug="educacion")
    )
    services.responder_pregunta(pregunta=pregunta, usuario=bruno, respuesta=RESPUESTA_ORIGINAL)

    html = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado}).content.decode()

    assert 'data-estado="respondida"' in html
    assert "01/08/2022" in html  # received
    assert "23/08/2022" in html  # the legal deadline: 15 business days
    # Neither the original question nor the unreviewed answer: they hold personal data.
    for privado in ("Ana Pérez", "Lucía Gómez", "3001234567", "colegio", "Secretaría de Educación"):
        assert privado not in html


def test_lookup_after_publication_shows_the_published_texts_not_the_originals(client, publicada):
    html = client.post("/dialogos/consulta/", {"radicado": publicada.radicado}).content.decode()
    assert 'data-estado="publicada"' in html
    assert PUBLICO in html and RESPUESTA_PUBLICA in html
    for privado in ("Ana Pérez", "Lucía Gómez", "3001234567", "ana@example.org"):
        assert privado not in html


def test_lookup_never_echoes_the_radicado_in_the_page(client, publicada):
    escrito = publicada.radicado.lower()
    for radicado in (escrito, "RDC-2022-AAAA-BBBB"):
        html = client.post("/dialogos/consulta/", {"radicado": radicado}).content.decode()
        assert not PATRON_RADICADO.search(html)


def test_receipt_page_shows_the_radicado_once_but_in_no_attribute(client, plan_2022):
    respuesta = client.post(
        "/dialogos/preguntar/", {"texto": "¿Cuándo hay audiencia?", "acepta_datos": "on"}
    )
    assert respuesta.status_code == 302
    html = client.get("/dialogos/preguntar/recibida/").content.decode()
    radicado = Pregunta.objects.get().radicado
    assert radicado in html  # that is how the citizen learns it
    atributos = " ".join(re.findall(r'="([^"]*)"', html))
    assert radicado not in atributos


# --- Finding 2: one rule for «public» --------------------------------------------


@pytest.fixture
def plan_oculto(plan_2022, alicia, bruno, crear_espacio):
    """A space linked to activity 2.1 with a published question and report; then the plan
    is unpublished (as a plan under preparation would be)."""
    espacio = crear_espacio(
        titulo="Jornada secreta del plan en preparación",
        lugar="Salón secreto",
        codigo="2.1",
        realizado=True,
    )
    pregunta = services.recibir_pregunta(
        texto="¿Pregunta del espacio oculto?",
        acepta_datos=True,
        espacio=espacio,
        hoy=date(2022, 8, 1),
    )
    _publicar(pregunta, alicia=alicia, bruno=bruno, texto="¿Pregunta del espacio oculto?")
    informe = services.registrar_informe(
        usuario=alicia,
        titulo="Informe del espacio oculto",
        espacio=espacio,
        publicado_el=date(2022, 9, 1),
    )
    plan_2022.publicado = False
    plan_2022.save()
    return {"espacio": espacio, "pregunta": pregunta, "informe": informe}


def test_space_of_unpublished_plan_question_form_is_404(client, plan_oculto):
    espacio = plan_oculto["espacio"]
    assert client.get(f"/dialogos/espacios/{espacio.pk}/preguntar/").status_code == 404
    respuesta = client.post(
        f"/dialogos/espacios/{espacio.pk}/preguntar/",
        {"texto": "¿Hola?", "acepta_datos": "on"},
    )
    assert respuesta.status_code == 404
    assert Pregunta.objects.count() == 1


def test_space_of_unpublished_plan_leaks_nowhere_public(client, plan_oculto):
    secretos = (
        "Jornada secreta",
        "Salón secreto",
        "Pregunta del espacio oculto",
        "Informe del espacio oculto",
    )
    urls = [
        "/dialogos/",
        "/dialogos/calendario.ics",
        "/dialogos/respuestas/",
        "/dialogos/preguntar/",
        "/dialogos/cobertura/?anio=2022",
        *(
            f"/datos-abiertos/{slug}.{formato}"
            for slug in ("espacios-de-dialogo", "preguntas-y-respuestas")
            for formato in ("csv", "json")
        ),
    ]
    for url in urls:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        texto = respuesta.content.decode("utf-8-sig")
        for secreto in secretos:
            assert secreto not in texto, (url, secreto)


def test_answers_report_of_space_of_unpublished_plan_is_404(client, plan_oculto):
    informe = plan_oculto["informe"]
    for formato in ("pdf", "xlsx"):
        assert client.get(f"/dialogos/informes/{informe.pk}.{formato}").status_code == 404


def test_period_report_omits_questions_of_space_of_unpublished_plan(client, alicia, plan_oculto):
    periodo = InformeRespuestas.objects.create(
        titulo="Informe de agosto",
        desde=date(2022, 8, 1),
        hasta=date(2022, 8, 31),
        vigencia=2022,
        publicado_el=date(2022, 9, 2),
    )
    xlsx = client.get(f"/dialogos/informes/{periodo.pk}.xlsx")
    assert xlsx.status_code == 200
    celdas = _celdas_xlsx(xlsx.content)
    assert "Pregunta del espacio oculto" not in celdas and "Jornada secreta" not in celdas


def test_lookup_of_question_of_hidden_space_shows_no_published_texts(client, plan_oculto):
    pregunta = plan_oculto["pregunta"]
    html = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado}).content.decode()
    assert "Pregunta del espacio oculto" not in html and "Jornada secreta" not in html


def test_public_selectors_are_one_rule_per_model(plan_oculto):
    assert not selectors.espacios_publicos().filter(pk=plan_oculto["espacio"].pk).exists()
    assert not selectors.es_espacio_publico(plan_oculto["espacio"])
    assert not selectors.preguntas_publicas().filter(pk=plan_oculto["pregunta"].pk).exists()
    assert not selectors.informes_publicos().filter(pk=plan_oculto["informe"].pk).exists()


def test_radicado_in_the_url_of_the_lookup_reached_the_access_logs(client, publicada):
    """The lookup was a GET form: every radicado typed ended up in the query string, so in
    gunicorn's and the proxy's access logs and in the browser's history. It is a POST now,
    and a GET with ?radicado= (an old link) looks nothing up."""
    html = client.get("/dialogos/consulta/").content.decode()
    assert re.search(r'<form method="post"', html)
    por_url = client.get("/dialogos/consulta/", {"radicado": publicada.radicado})
    assert por_url.status_code == 200
    assert "data-consulta" not in por_url.content.decode()
    por_post = client.post("/dialogos/consulta/", {"radicado": publicada.radicado})
    assert "data-consulta" in por_post.content.decode()


def test_lookup_refuses_a_post_without_csrf_token(plan_2022, publicada):
    navegador = Client(enforce_csrf_checks=True)
    assert (
        navegador.post("/dialogos/consulta/", {"radicado": publicada.radicado}).status_code == 403
    )
