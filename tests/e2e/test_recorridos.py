"""The three journeys of issue 7, in a real Chromium against the live server.

a. OPGI: logs in, opens the dashboard, records progress, approves an office's
   evidence and makes it public, downloads the follow-up PDF.
b. An office: logs in, sees only its activities, uploads a real PDF, sees it
   «Enviada», cannot open another office's activity.
c. A citizen on a phone: finds activity 2.2, sees its progress and published
   evidence, asks a question, looks it up by tracking number, answers a survey.
"""

import importlib
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import crear_usuario
from dialogos import services as dialogos_services
from dialogos.models import EspacioDialogo, Pregunta, Territorio
from encuestas import selectors as encuestas_selectors
from encuestas import services as encuestas_services
from encuestas.models import Respuesta
from nucleo import roles
from nucleo.documentos import pdf_desde_html
from plan import services as plan_services
from plan.models import Actividad, Evidencia, Responsable


@pytest.fixture
def plan(transactional_db):
    call_command("loaddata", "plan_2022", verbosity=0)


@pytest.fixture
def datos_de_las_migraciones(transactional_db):
    """The rows the tests need (Pasto's 29 territories, a fixture; the default
    questionnaire, a data migration): transactional_db flushes them after each test, so
    they are written again here."""
    call_command("loaddata", "territorios_pasto", verbosity=0)
    importlib.import_module("encuestas.migrations.0002_cuestionario_predeterminado").crear(
        apps, None
    )


def ingresar(page, usuario: str) -> None:
    page.goto("/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill(usuario)
    page.get_by_label("Contraseña").fill("clave-de-prueba")
    page.get_by_role("button", name="Ingresar").click()


@pytest.fixture
def informe_pdf(tmp_path):
    ruta = tmp_path / "lista-de-asistencia.pdf"
    ruta.write_bytes(
        pdf_desde_html("<h1>Lista de asistencia</h1><p>Jornada 2022</p>", base_url=".")
    )
    return ruta


# --- a. OPGI follows the plan ---------------------------------------------------------


def evidencia_de_la_oficina(usuario, codigo: str, pdf: bytes) -> Evidencia:
    return plan_services.subir_evidencia(
        actividad=Actividad.objects.get(codigo=codigo),
        usuario=usuario,
        descripcion="Informe de gestión publicado en el portal",
        archivo=SimpleUploadedFile("informe-de-gestion.pdf", pdf),
    )


def texto_del_pdf(contenido: bytes) -> str:
    return "\n".join(hoja.extract_text() for hoja in PdfReader(io.BytesIO(contenido)).pages)


def revisar(page, evidencia: Evidencia, boton: str, mensaje: str) -> None:
    bloque = page.locator(f"#evidencia-{evidencia.pk}")
    bloque.get_by_role("button", name=boton, exact=True).click()
    expect(page.get_by_text(mensaje)).to_be_visible()


def test_a_opgi_sigue_el_plan(page, plan, informe_pdf):
    crear_usuario("alicia", roles.OPGI)
    bruno = crear_usuario("bruno", roles.OFICINA, "educacion")
    evidencia = evidencia_de_la_oficina(bruno, "1.3", informe_pdf.read_bytes())

    ingresar(page, "alicia")
    expect(page).to_have_url(re.compile(r"/pendientes/$"))
    expect(page.locator('[data-grupo="por_revisar"]')).to_contain_text(
        "Revisar la evidencia «Informe de gestión publicado en el portal» (actividad 1.3)"
    )
    page.get_by_role("link", name="Mi tablero").click()
    expect(page).to_have_url(re.compile(r"/tablero/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tablero del plan 2022")
    pendiente = page.locator(f'li[data-pendiente="{evidencia.pk}"]')
    expect(pendiente).to_contain_text("1.3 · Informe de gestión publicado en el portal")
    expect(pendiente).to_contain_text("por bruno")

    # From the dashboard's table to the activity, and a progress report.
    page.locator('tr[data-actividad="1.3"]').get_by_role("link", name="1.3").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.3")
    page.get_by_label("Fecha del avance").fill("2022-06-30")
    page.get_by_label("Cantidad lograda (acumulada)").fill("1")
    page.get_by_label("Descripción del avance").fill("Informe de gestión publicado el 30 de junio.")
    page.get_by_role("button", name="Registrar avance").click()
    # Before 1.3's window (01/09–20/12): the page says why and asks to confirm.
    expect(page.get_by_text("está fuera de las fechas programadas")).to_be_visible()
    page.get_by_label("Confirmo que el dato es correcto").check()
    page.get_by_label("Motivo de la confirmación").fill("El informe se publicó antes.")
    page.get_by_role("button", name="Registrar avance").click()

    expect(page.get_by_text("Avance registrado y aprobado.")).to_be_visible()
    historial = page.get_by_role("table", name="Reportes de avance (ninguno se sobrescribe)")
    fila = historial.locator("tbody tr")
    expect(fila).to_have_count(1)
    expect(fila).to_contain_text("30/06/2022")
    expect(fila).to_contain_text("Informe de gestión publicado el 30 de junio.")
    expect(fila).to_contain_text("alicia")

    # The office's evidence: approved, then made public.
    estado = page.locator(f"#evidencia-{evidencia.pk} .estado-evidencia")
    expect(estado).to_have_text("Enviada")
    revisar(
        page,
        evidencia,
        "Aprobar",
        "Evidencia «Informe de gestión publicado en el portal» aprobada.",
    )
    expect(estado).to_have_text("Aprobada")
    revisar(
        page,
        evidencia,
        "Publicar",
        "Evidencia «Informe de gestión publicado en el portal» publicada en la página pública.",
    )
    expect(page.locator(f"#evidencia-{evidencia.pk}")).to_contain_text("Pública")
    expect(page.locator(f"#evidencia-{evidencia.pk}").get_by_role("button")).to_have_text(
        ["Devolver", "Retirar de la página pública"]
    )
    evidencia.refresh_from_db()
    assert (evidencia.estado, evidencia.publica) == (Evidencia.Estado.APROBADA, True)

    # Back on the dashboard: nothing left to review, and the follow-up PDF.
    page.get_by_role("link", name="← Volver al tablero").click()
    expect(page.get_by_text("No hay evidencias esperando revisión.")).to_be_visible()
    page.get_by_text("Informes para descargar").click()
    enlace = page.get_by_role("link", name="Seguimiento – II cuatrimestre 2022 en PDF")
    with page.expect_download() as descarga:
        enlace.click()
    archivo = descarga.value
    assert archivo.suggested_filename == "seguimiento-rdc-2022-cuatrimestre-2.pdf"
    contenido = archivo.path().read_bytes()
    assert contenido.startswith(b"%PDF")
    texto = texto_del_pdf(contenido)
    assert "1.3 Formular y publicar" in texto
    assert "30/06/2022: Informe de gestión" in texto  # the progress she has just recorded


# --- d. OPGI reviews one item after another, and confirms what cannot be undone ------


def test_d_opgi_revisa_en_serie_y_confirma_lo_irreversible(page, plan, informe_pdf):
    alicia = crear_usuario("alicia", roles.OPGI)
    bruno = crear_usuario("bruno", roles.OFICINA, "educacion")
    carla = crear_usuario("carla", roles.OFICINA, "salud")
    pdf = informe_pdf.read_bytes()
    primera = plan_services.subir_evidencia(
        actividad=Actividad.objects.get(codigo="1.3"),
        usuario=bruno,
        descripcion="Lista de asistencia de Educación",
        archivo=SimpleUploadedFile("lista.pdf", pdf),
    )
    segunda = plan_services.subir_evidencia(
        actividad=Actividad.objects.get(codigo="1.5"),
        usuario=carla,
        descripcion="Acta de la jornada de Salud",
        archivo=SimpleUploadedFile("acta.pdf", pdf),
    )
    inicio = timezone.now() + timedelta(days=10)
    espacio = dialogos_services.programar_espacio(
        usuario=alicia,
        tipo=EspacioDialogo.Tipo.JORNADA_TEMATICA,
        titulo="Jornada temática de educación en Genoy",
        tema="",
        oficinas=list(Responsable.objects.filter(slug="educacion")),
        inicio=inicio,
        fin=inicio + timedelta(hours=2),
        lugar="Casa de la Cultura",
        enlace="",
    )

    ingresar(page, "alicia")
    page.goto(f"/actividades/{primera.actividad_id}/")
    bloque = page.locator(f"#evidencia-{primera.pk}")
    # «Aprobar» and «Devolver» do not look alike: different colours and borders.
    aprobar = bloque.get_by_role("button", name="Aprobar", exact=True)
    devolver = bloque.get_by_role("button", name="Devolver", exact=True)
    fondo = "el => getComputedStyle(el).backgroundColor"
    assert aprobar.evaluate(fondo) != devolver.evaluate(fondo)
    expect(bloque.get_by_role("link", name=re.compile("^Vista previa"))).to_have_attribute(
        "href", f"/evidencias/{primera.pk}/archivo/?ver=1"
    )

    # «Aprobar y siguiente»: on to Salud's evidence, the message names the first one.
    bloque.get_by_role("button", name="Aprobar y siguiente").click()
    expect(page).to_have_url(
        re.compile(rf"/actividades/{segunda.actividad_id}/#evidencia-{segunda.pk}$")
    )
    expect(
        page.get_by_text("Evidencia «Lista de asistencia de Educación» aprobada.")
    ).to_be_visible()

    # Returned with a reason: the message says to which office it goes back.
    bloque = page.locator(f"#evidencia-{segunda.pk}")
    bloque.get_by_label("Comentario de la revisión").fill("Falta la firma del secretario.")
    bloque.get_by_role("button", name="Devolver", exact=True).click()
    expect(
        page.get_by_text("Evidencia «Acta de la jornada de Salud» devuelta a Secretaría de Salud")
    ).to_be_visible()
    primera.refresh_from_db()
    segunda.refresh_from_db()
    assert (primera.estado, segunda.estado) == (
        Evidencia.Estado.APROBADA,
        Evidencia.Estado.DEVUELTA,
    )
    assert segunda.comentario_revision == "Falta la firma del secretario."

    # Cancelling a space: a confirmation page first; «Volver» changes nothing.
    page.goto(f"/dialogos/gestion/espacios/{espacio.pk}/")
    page.get_by_label("Motivo de la cancelación").fill("Paro de transporte.")
    page.get_by_role("button", name="Cancelar el espacio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "¿Cancelar el espacio «Jornada temática de educación en Genoy»?"
    )
    expect(page.get_by_text("Esta acción no se puede deshacer.")).to_be_visible()
    page.get_by_role("link", name="Volver").click()
    espacio.refresh_from_db()
    assert espacio.estado == EspacioDialogo.Estado.PROGRAMADO

    page.get_by_label("Motivo de la cancelación").fill("Paro de transporte.")
    page.get_by_role("button", name="Cancelar el espacio").click()
    page.get_by_role("button", name="Sí, cancelar el espacio").click()
    expect(page.get_by_text("Espacio cancelado.")).to_be_visible()
    espacio.refresh_from_db()
    assert (espacio.estado, espacio.motivo_cancelacion) == (
        EspacioDialogo.Estado.CANCELADO,
        "Paro de transporte.",
    )


# --- b. An office reports only on its own activities ----------------------------------


def test_b_una_oficina_reporta_solo_lo_suyo(page, plan, informe_pdf):
    crear_usuario("bruno", roles.OFICINA, "educacion")
    ingresar(page, "bruno")
    expect(page).to_have_url(re.compile(r"/pendientes/$"))
    page.get_by_role("link", name="Mi tablero").click()

    expect(page).to_have_url(re.compile(r"/oficina/educacion/$"))
    codigos = page.locator("tr[data-actividad]").evaluate_all(
        "filas => filas.map(f => f.dataset.actividad)"
    )
    assert codigos == ["1.3", "2.4"]

    page.locator('tr[data-actividad="1.3"]').get_by_role("link").click()
    page.get_by_label("Descripción", exact=True).fill("Lista de asistencia de la jornada")
    page.get_by_label("Archivo").set_input_files(informe_pdf)
    page.get_by_role("button", name="Enviar evidencia").click()

    expect(page.get_by_text("Evidencia enviada. OPGI la revisará.")).to_be_visible()
    evidencia = page.locator("li[data-evidencia]").first
    expect(evidencia).to_contain_text("Lista de asistencia de la jornada")
    expect(evidencia.locator(".estado-evidencia")).to_have_text("Enviada")
    assert Evidencia.objects.get().tipo_contenido == "application/pdf"

    otra = Actividad.objects.get(codigo="1.5")  # Secretaría de Salud
    respuesta = page.goto(f"/actividades/{otra.pk}/")
    assert respuesta.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Página no encontrada")


# --- c. A citizen on a phone ----------------------------------------------------------


def evidencia_publicada(opgi, codigo: str, pdf: bytes) -> Evidencia:
    actividad = Actividad.objects.get(codigo=codigo)
    evidencia = plan_services.subir_evidencia(
        actividad=actividad,
        usuario=opgi,
        descripcion="Acta del espacio territorial de la Comuna 5",
        archivo=SimpleUploadedFile("acta-comuna-5.pdf", pdf),
    )
    plan_services.aprobar_evidencia(evidencia=evidencia, revisor=opgi)
    return plan_services.cambiar_publicacion(evidencia=evidencia, revisor=opgi, publica=True)


def espacio_con_encuesta_abierta(opgi):
    ahora = timezone.now()
    espacio = dialogos_services.programar_espacio(
        usuario=opgi,
        tipo=EspacioDialogo.Tipo.ESPACIO_TERRITORIAL,
        titulo="Espacio territorial de diálogo – Comuna 5",
        oficinas=list(Responsable.objects.filter(slug="educacion")),
        inicio=ahora - timedelta(hours=3),
        fin=ahora - timedelta(hours=1),
        territorio=Territorio.objects.get(nombre="Comuna 5"),
        lugar="Salón comunal del barrio Chapal",
    )
    return encuestas_services.crear_encuesta(
        usuario=opgi,
        cuestionario=encuestas_selectors.predeterminado(),
        espacio=espacio,
        abre_en=ahora - timedelta(hours=1),
        cierra_en=ahora + timedelta(days=7),
    )


def menu(page, enlace: str) -> None:
    """Tap a link of the site's navigation (on a phone, behind the «Menú» button)."""
    navegacion = page.get_by_role("navigation", name="Navegación principal")
    destino = navegacion.get_by_role("link", name=enlace, exact=True)
    if not destino.is_visible():
        navegacion.locator("summary", has_text="Menú").tap()
    destino.tap()


def responder_lo_obligatorio(page) -> None:
    """Every required question of the default questionnaire: «4 – De acuerdo» on the three
    scales, then «Presencial» and «Sí»."""
    obligatorias = page.locator(".pregunta-encuesta").filter(has_text="(obligatoria)")
    expect(obligatorias).to_have_count(5)
    for numero in range(3):
        obligatorias.nth(numero).get_by_label("4 – De acuerdo").check()
    obligatorias.nth(3).get_by_label("Presencial").check()
    obligatorias.nth(4).get_by_label("Sí").check()


def test_c_ciudadano_en_el_telefono(movil, plan, datos_de_las_migraciones, informe_pdf):
    opgi = crear_usuario("alicia", roles.OPGI)
    plan_services.registrar_avance(
        actividad=Actividad.objects.get(codigo="2.2"),
        usuario=opgi,
        fecha=date(2022, 7, 29),
        cantidad=Decimal("10"),
        narrativa="Diez espacios territoriales realizados.",
    )
    evidencia = evidencia_publicada(opgi, "2.2", informe_pdf.read_bytes())
    encuesta = espacio_con_encuesta_abierta(opgi)
    page = movil

    # The portal: search, then the activity's public page.
    page.goto("/")
    page.get_by_label("Buscar", exact=True).fill("territoriales")
    page.get_by_role("button", name="Aplicar").tap()
    expect(page.get_by_role("status")).to_have_text("1 actividad con estos filtros.")
    expect(page.locator("#actividad-2\\.2")).to_contain_text("Realizar espacios territoriales")
    page.get_by_role("link", name="Ver detalle de la actividad 2.2").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actividad 2.2")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Realizar espacios territoriales")
    expect(page.locator(".actividad .cifra")).to_have_text("34,5 %")  # 10 of 29 spaces
    publicada = page.locator(f'li[data-evidencia-publica="{evidencia.pk}"]')
    expect(publicada.get_by_role("link")).to_have_text(
        "Acta del espacio territorial de la Comuna 5"
    )

    # A question, from the site's navigation.
    menu(page, "Preguntar")
    page.get_by_label("Su pregunta").fill("¿Cuándo será el próximo espacio en la Comuna 5?")
    page.get_by_label("Comuna o corregimiento donde vive").select_option(label="Comuna 5")
    page.get_by_label(re.compile("Acepto el aviso de tratamiento de datos")).check()
    page.get_by_role("button", name="Enviar pregunta").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Recibimos su pregunta")
    radicado = page.locator("[data-radicado]").inner_text().strip()
    pregunta = Pregunta.objects.get()
    assert radicado == pregunta.radicado
    assert pregunta.territorio.nombre == "Comuna 5"

    # Later, the lookup by tracking number, typed in as a citizen would.
    menu(page, "Respuestas")
    page.get_by_role("link", name="Consultar mi pregunta con el número de radicado").tap()
    page.get_by_label("Número de radicado").fill(radicado.lower())
    page.get_by_role("button", name="Consultar").tap()
    # The answer page never echoes the radicado back: it is the citizen's secret.
    resultado = page.locator("section[data-consulta]")
    expect(resultado.get_by_role("heading")).to_have_text("Su pregunta")
    expect(resultado.locator("[data-estado]")).to_have_text("Recibida")
    expect(resultado).not_to_contain_text(radicado)

    # The survey of the space, from the list of open surveys.
    menu(page, "Encuestas")
    page.get_by_role("link", name=encuesta.nombre).tap()
    responder_lo_obligatorio(page)
    page.get_by_role("button", name="Enviar mis respuestas").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("¡Gracias por responder!")
    respuesta = Respuesta.objects.get()  # exactly one, from the web form
    assert (respuesta.encuesta, respuesta.canal) == (encuesta, Respuesta.Canal.WEB)
    assert respuesta.valores.count() == 5
