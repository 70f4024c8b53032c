"""OPGI's review lands back on the reviewed item (or on the next one) with a message that
names it; staff preview PDFs and images inline, never any other type."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plan import selectors, services
from plan.models import Avance, Evidencia
from tests.ayudas import PDF_MINIMO


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png() -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 102, 51)).save(salida, "PNG")
    return salida.getvalue()


def evidencia_de(usuario, actividad, *, descripcion, nombre="informe.pdf", contenido=PDF_MINIMO):
    return services.subir_evidencia(
        actividad=actividad,
        usuario=usuario,
        descripcion=descripcion,
        archivo=SimpleUploadedFile(nombre, contenido),
    )


def avance_de(usuario, actividad) -> Avance:
    return services.registrar_avance(
        actividad=actividad,
        usuario=usuario,
        fecha=date(2022, 9, 15),
        cantidad=Decimal(1),
        narrativa="Informe de gestión publicado.",
    )


def revisar(client, evidencia, accion, comentario="", siguiente=False):
    url = f"/evidencias/{evidencia.pk}/revision/" + ("?siguiente=1" if siguiente else "")
    return client.post(url, {"accion": accion, "comentario": comentario})


# --- Back to the reviewed item, named ---------------------------------------------------


def test_aprobar_una_evidencia_vuelve_a_ella_y_la_nombra(client, alicia, bruno, actividad):
    evidencia = evidencia_de(bruno, actividad("1.3"), descripcion="Lista de asistencia")
    client.force_login(alicia)

    respuesta = revisar(client, evidencia, "aprobar")

    assert respuesta.status_code == 302
    assert respuesta.url == f"/actividades/{evidencia.actividad_id}/#evidencia-{evidencia.pk}"
    html = client.get(respuesta.url).content.decode()
    assert "Evidencia «Lista de asistencia» aprobada." in html
    assert f'id="evidencia-{evidencia.pk}"' in html


def test_devolver_una_evidencia_dice_a_que_oficina_vuelve(client, alicia, bruno, actividad):
    evidencia = evidencia_de(bruno, actividad("1.3"), descripcion="Lista de asistencia")
    client.force_login(alicia)

    respuesta = revisar(client, evidencia, "devolver", "Falta la firma.")

    html = client.get(respuesta.url).content.decode()
    assert "Evidencia «Lista de asistencia» devuelta a Secretaría de Educación Municipal." in html
    evidencia.refresh_from_db()
    assert evidencia.estado == Evidencia.Estado.DEVUELTA


def test_aprobar_un_avance_vuelve_a_su_fila_y_lo_nombra(client, alicia, bruno, actividad):
    avance = avance_de(bruno, actividad("1.3"))
    client.force_login(alicia)

    respuesta = client.post(f"/avances/{avance.pk}/revision/", {"accion": "aprobar"})

    assert respuesta.url == f"/actividades/{avance.actividad_id}/#avance-{avance.pk}"
    html = client.get(respuesta.url).content.decode()
    assert "Avance del 15/09/2022 aprobado." in html
    assert f'<tr id="avance-{avance.pk}"' in html


# --- «Aprobar y siguiente» ---------------------------------------------------------------


def test_aprobar_y_siguiente_lleva_a_la_siguiente_revision_pendiente_del_plan(
    client, alicia, bruno, carla, actividad
):
    primera = evidencia_de(bruno, actividad("1.3"), descripcion="Lista de asistencia")
    segunda = evidencia_de(carla, actividad("1.5"), descripcion="Acta de Salud")
    avance = avance_de(bruno, actividad("1.3"))
    client.force_login(alicia)

    respuesta = revisar(client, primera, "aprobar", siguiente=True)

    assert respuesta.url == f"/actividades/{segunda.actividad_id}/#evidencia-{segunda.pk}"
    html = client.get(respuesta.url).content.decode()
    assert "Evidencia «Lista de asistencia» aprobada." in html
    assert "Aprobar y siguiente" in html

    respuesta = revisar(client, segunda, "aprobar", siguiente=True)
    assert respuesta.url == f"/actividades/{avance.actividad_id}/#avance-{avance.pk}"

    respuesta = client.post(f"/avances/{avance.pk}/revision/?siguiente=1", {"accion": "aprobar"})
    assert respuesta.url == "/tablero/"
    html = client.get(respuesta.url).content.decode()
    assert "Avance del 15/09/2022 aprobado." in html
    assert "No quedan revisiones pendientes." in html


def test_la_siguiente_revision_se_busca_en_una_consulta(
    alicia, bruno, carla, actividad, plan_2022, django_assert_num_queries
):
    evidencia_de(bruno, actividad("1.3"), descripcion="Una")
    primera = evidencia_de(carla, actividad("1.5"), descripcion="Dos")
    services.aprobar_evidencia(
        evidencia=Evidencia.objects.get(descripcion="Una"), revisor=alicia, comentario=""
    )
    with django_assert_num_queries(1):
        siguiente = selectors.siguiente_por_revisar(plan=plan_2022)
    assert siguiente is not None
    assert (siguiente.ancla, siguiente.actividad_id) == (
        f"evidencia-{primera.pk}",
        primera.actividad_id,
    )


def test_una_revision_fallida_no_salta_a_la_siguiente(client, alicia, bruno, actividad):
    evidencia = evidencia_de(bruno, actividad("1.3"), descripcion="Lista de asistencia")
    client.force_login(alicia)
    revisar(client, evidencia, "aprobar")

    respuesta = revisar(client, evidencia, "aprobar", siguiente=True)  # already approved

    assert respuesta.url == f"/actividades/{evidencia.actividad_id}/#evidencia-{evidencia.pk}"
    assert "La evidencia ya está aprobada." in client.get(respuesta.url).content.decode()


# --- Inline preview ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nombre", "contenido", "tipo"),
    [("informe.pdf", PDF_MINIMO, "application/pdf"), ("foto.png", _png(), "image/png")],
    ids=["pdf", "png"],
)
def test_un_pdf_o_una_imagen_se_ven_en_linea_en_un_documento_aislado(
    client, alicia, bruno, actividad, nombre, contenido, tipo
):
    evidencia = evidencia_de(
        bruno, actividad("1.3"), descripcion="Vista", nombre=nombre, contenido=contenido
    )
    client.force_login(alicia)

    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/?ver=1")

    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"].startswith("inline")
    assert respuesta["Content-Type"] == tipo
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(respuesta.streaming_content) == contenido
    # Without ?ver=1 it is still a download.
    descarga = client.get(f"/evidencias/{evidencia.pk}/archivo/")
    assert descarga["Content-Disposition"].startswith("attachment")


def test_la_pagina_de_la_actividad_ofrece_la_vista_previa_y_la_miniatura(
    client, alicia, bruno, actividad
):
    pdf = evidencia_de(bruno, actividad("1.3"), descripcion="Informe")
    png = evidencia_de(
        bruno, actividad("1.3"), descripcion="Foto", nombre="f.png", contenido=_png()
    )
    client.force_login(alicia)

    html = client.get(f"/actividades/{pdf.actividad_id}/").content.decode()

    bloque_pdf = html.split(f'id="evidencia-{pdf.pk}"')[1].split("</li>")[0]
    bloque_png = html.split(f'id="evidencia-{png.pk}"')[1].split("</li>")[0]
    assert f'href="/evidencias/{pdf.pk}/archivo/?ver=1"' in bloque_pdf
    assert "Vista previa" in bloque_pdf and "<img" not in bloque_pdf
    assert f'src="/evidencias/{png.pk}/archivo/?ver=1"' in bloque_png
    assert 'loading="lazy"' in bloque_png


@pytest.mark.parametrize(
    ("nombre", "contenido", "tipo"),
    [
        ("pagina.html", b"<script>alert(1)</script>", "text/html"),
        ("dibujo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "image/svg+xml"),
        ("paquete.zip", b"PK\x03\x04", "application/zip"),
    ],
    ids=["html", "svg", "zip"],
)
def test_ningun_otro_tipo_se_ve_en_linea(client, alicia, bruno, actividad, nombre, contenido, tipo):
    """Rows such types could only come from outside the upload form (an old import):
    even then they are downloads, under the stored type, never sniffed."""
    evidencia = Evidencia(
        actividad=actividad("1.3"),
        descripcion="Archivo raro",
        subida_por=bruno,
        nombre_original=nombre,
        tipo_contenido=tipo,
        sha256="0" * 64,
        tamano=len(contenido),
    )
    evidencia.archivo.save(nombre, ContentFile(contenido), save=True)
    client.force_login(alicia)

    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/?ver=1")

    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"].startswith("attachment")
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert (
        "Vista previa" not in client.get(f"/actividades/{evidencia.actividad_id}/").content.decode()
    )


def test_la_vista_previa_tiene_el_permiso_de_la_descarga(client, bruno, carla, actividad):
    evidencia = evidencia_de(bruno, actividad("1.3"), descripcion="Informe")
    url = f"/evidencias/{evidencia.pk}/archivo/?ver=1"

    anonima = client.get(url)
    assert anonima.status_code == 302 and anonima.url.startswith("/cuentas/login/")
    client.force_login(carla)  # Salud: not her activity
    assert client.get(url).status_code == 404
    client.force_login(bruno)
    assert client.get(url)["Content-Disposition"].startswith("inline")
