"""Evidence of an activity: which files are accepted, how they are stored, reviewed and served.

Everything goes through the activity page as an office user would use it
(bruno, Secretaría de Educación, activity 1.3) and OPGI reviews (alicia).
"""

import hashlib
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plan.models import Evidencia
from tests.ayudas import PDF_MINIMO

OTRO_PDF = PDF_MINIMO.replace(b"/Catalog", b"/Catalog /Lang (es-CO)")
CSV = "nombre;barrio;asistió\nAna Pérez;Centro;sí\nLuis Rosero;Lorenzo;no\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
TEXTO = b"Esto es una nota de texto, no una imagen.\n"

TIPOS = "PDF, imágenes (JPG, PNG, WEBP), documentos de Office u OpenDocument y CSV"  # archivos.py


def _imagen(formato: str) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 102, 51)).save(salida, formato)
    return salida.getvalue()


def _xlsx() -> bytes:
    libro = openpyxl.Workbook()
    libro.active.append(["Asistente", "Barrio"])
    libro.active.append(["Ana Pérez", "Centro"])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _zip() -> bytes:
    import zipfile

    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as archivo:
        archivo.writestr("informe.txt", "hola")
    return salida.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """A fresh MEDIA_ROOT per test, so «no file left behind» can be checked."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def archivos_en(media: Path) -> list[Path]:
    return [ruta for ruta in media.rglob("*") if ruta.is_file()] if media.exists() else []


def subir(client, actividad, *, nombre=None, contenido=b"", enlace="", descripcion="Informe"):
    datos = {"descripcion": descripcion, "enlace": enlace}
    if nombre is not None:
        datos["archivo"] = SimpleUploadedFile(nombre, contenido)
    return client.post(f"/actividades/{actividad.pk}/evidencias/", datos)


# --- Accepted files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("nombre", "contenido", "tipo"),
    [
        ("informe.pdf", PDF_MINIMO, "application/pdf"),
        ("foto-audiencia.png", _imagen("PNG"), "image/png"),
        ("foto-audiencia.jpg", _imagen("JPEG"), "image/jpeg"),
        ("Foto.JPEG", _imagen("JPEG"), "image/jpeg"),
        (
            "asistentes.xlsx",
            _xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("asistentes.csv", CSV, "text/csv"),
    ],
    ids=["pdf", "png", "jpg", "jpeg-mayusculas", "xlsx", "csv"],
)
def test_se_aceptan_los_tipos_permitidos_por_su_contenido(
    client, bruno, actividad, media, nombre, contenido, tipo
):
    propia = actividad("1.3")
    client.force_login(bruno)

    respuesta = subir(client, propia, nombre=nombre, contenido=contenido)

    assert respuesta.status_code == 302
    assert respuesta.url == f"/actividades/{propia.pk}/"
    evidencia = Evidencia.objects.get()
    assert evidencia.actividad == propia
    assert evidencia.tipo_contenido == tipo
    assert evidencia.tamano == len(contenido)
    assert evidencia.sha256 == hashlib.sha256(contenido).hexdigest()
    assert evidencia.nombre_original == nombre
    assert evidencia.subida_por == bruno
    assert evidencia.estado == Evidencia.Estado.ENVIADA
    assert evidencia.publica is False
    assert evidencia.enlace == ""
    guardado = Path(evidencia.archivo.path)
    assert guardado.is_relative_to(media / "evidencias" / "2022" / "1.3")
    assert guardado.read_bytes() == contenido
    assert archivos_en(media) == [guardado]


def test_la_evidencia_subida_aparece_en_la_pagina_de_la_actividad(client, bruno, actividad):
    propia = actividad("1.3")
    client.force_login(bruno)

    respuesta = subir(
        client, propia, nombre="informe.pdf", contenido=PDF_MINIMO, descripcion="Informe de gestión"
    )
    html = client.get(respuesta.url).content.decode()

    evidencia = Evidencia.objects.get()
    assert "Evidencia enviada. OPGI la revisará." in html
    bloque = html.split(f'id="evidencia-{evidencia.pk}"')[1].split("</li>")[0]
    assert "Informe de gestión" in bloque
    assert f'href="/evidencias/{evidencia.pk}/archivo/">informe.pdf</a>' in bloque
    assert "Enviada" in bloque
    assert "por bruno" in bloque


# --- Rejected files: a Spanish message, status 400 and nothing written --------------

NO_PERMITIDO = (
    "El contenido de «{}» no corresponde a un tipo de archivo permitido "
    f"({TIPOS}) o no coincide con su extensión."
)


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("informe.pdf", EXE, NO_PERMITIDO.format("informe.pdf")),
        ("informe.pdf", _zip(), NO_PERMITIDO.format("informe.pdf")),
        ("foto.png", TEXTO, NO_PERMITIDO.format("foto.png")),
        ("informe.docx", PDF_MINIMO, NO_PERMITIDO.format("informe.docx")),
        ("informe.csv", PDF_MINIMO, NO_PERMITIDO.format("informe.csv")),
        ("programa.exe", EXE, NO_PERMITIDO.format("programa.exe")),
        ("vacio.pdf", b"", "El archivo «vacio.pdf» está vacío."),
    ],
    ids=[
        "exe-como-pdf",
        "zip-como-pdf",
        "texto-como-png",
        "pdf-como-docx",
        "pdf-como-csv",
        "exe",
        "vacio",
    ],  # fmt: skip
)
def test_se_rechaza_lo_que_no_es_lo_que_dice_ser(
    client, bruno, actividad, media, nombre, contenido, mensaje
):
    client.force_login(bruno)

    respuesta = subir(client, actividad("1.3"), nombre=nombre, contenido=contenido)

    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert Evidencia.objects.count() == 0
    assert archivos_en(media) == []


def test_se_rechaza_un_archivo_mas_grande_que_el_maximo(client, bruno, actividad, media, settings):
    settings.EVIDENCIA_MAX_MB = 1
    client.force_login(bruno)
    grande = PDF_MINIMO + b"0" * (1024 * 1024)

    respuesta = subir(client, actividad("1.3"), nombre="escaneo.pdf", contenido=grande)

    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "El archivo «escaneo.pdf» pesa 1,0 MB; el máximo permitido es 1 MB." in html
    assert "hasta 1 MB" in html
    assert Evidencia.objects.count() == 0
    assert archivos_en(media) == []


def test_un_archivo_justo_del_tamano_maximo_se_acepta(client, bruno, actividad, settings):
    settings.EVIDENCIA_MAX_MB = 1
    client.force_login(bruno)
    justo = PDF_MINIMO + b"0" * (1024 * 1024 - len(PDF_MINIMO))

    respuesta = subir(client, actividad("1.3"), nombre="escaneo.pdf", contenido=justo)

    assert respuesta.status_code == 302
    assert Evidencia.objects.get().tamano == 1024 * 1024


def test_no_se_sube_evidencia_a_la_actividad_de_otra_oficina(client, carla, actividad, media):
    client.force_login(carla)

    respuesta = subir(client, actividad("1.3"), nombre="informe.pdf", contenido=PDF_MINIMO)

    assert respuesta.status_code == 404
    assert Evidencia.objects.count() == 0
    assert archivos_en(media) == []


@pytest.mark.parametrize(
    ("datos", "mensaje"),
    [
        (
            {
                "nombre": "informe.pdf",
                "contenido": PDF_MINIMO,
                "enlace": "https://www.pasto.gov.co/x",
            },
            "Adjunte un archivo o un enlace (uno de los dos, no ambos).",
        ),
        ({}, "Adjunte un archivo o un enlace (uno de los dos, no ambos)."),
        (
            {"nombre": "informe.pdf", "contenido": PDF_MINIMO, "descripcion": ""},
            "Este campo es obligatorio.",
        ),
    ],
    ids=["archivo-y-enlace", "ni-archivo-ni-enlace", "sin-descripcion"],
)
def test_formulario_de_evidencia_incompleto(client, bruno, actividad, media, datos, mensaje):
    client.force_login(bruno)

    respuesta = subir(client, actividad("1.3"), **datos)

    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert Evidencia.objects.count() == 0
    assert archivos_en(media) == []


# --- Storage -------------------------------------------------------------------------


def test_dos_archivos_con_el_mismo_nombre_se_guardan_los_dos(client, bruno, actividad, media):
    client.force_login(bruno)

    subir(
        client, actividad("1.3"), nombre="informe.pdf", contenido=PDF_MINIMO, descripcion="Primero"
    )
    subir(client, actividad("1.3"), nombre="informe.pdf", contenido=OTRO_PDF, descripcion="Otro")

    primera = Evidencia.objects.get(descripcion="Primero")
    segunda = Evidencia.objects.get(descripcion="Otro")
    assert primera.archivo.name != segunda.archivo.name
    assert Path(primera.archivo.path).name == Path(segunda.archivo.path).name == "informe.pdf"
    assert Path(primera.archivo.path).read_bytes() == PDF_MINIMO
    assert Path(segunda.archivo.path).read_bytes() == OTRO_PDF
    assert primera.nombre_original == segunda.nombre_original == "informe.pdf"
    assert primera.sha256 != segunda.sha256
    assert len(archivos_en(media)) == 2


def test_un_nombre_con_ruta_o_caracteres_raros_no_sale_de_su_carpeta(client, bruno, actividad):
    client.force_login(bruno)

    subir(client, actividad("1.3"), nombre="../../informe final.pdf", contenido=PDF_MINIMO)

    evidencia = Evidencia.objects.get()
    assert evidencia.archivo.name.startswith("evidencias/2022/1.3/")
    assert evidencia.archivo.name.endswith("/informe_final.pdf")
    assert ".." not in evidencia.archivo.name


def test_evidencia_como_enlace(client, bruno, actividad, media):
    propia = actividad("1.3")
    client.force_login(bruno)

    respuesta = subir(
        client,
        propia,
        enlace="https://www.pasto.gov.co/index.php/informe-educacion-2022",
        descripcion="Informe publicado en el portal",
    )

    assert respuesta.status_code == 302
    evidencia = Evidencia.objects.get()
    assert evidencia.es_enlace
    assert evidencia.enlace == "https://www.pasto.gov.co/index.php/informe-educacion-2022"
    assert not evidencia.archivo
    assert evidencia.sha256 == "" and evidencia.tamano is None
    assert archivos_en(media) == []
    html = client.get(respuesta.url).content.decode()
    assert 'href="https://www.pasto.gov.co/index.php/informe-educacion-2022"' in html
    # A link has no file to download.
    assert client.get(f"/evidencias/{evidencia.pk}/archivo/").status_code == 404


def test_un_enlace_invalido_se_rechaza(client, bruno, actividad):
    client.force_login(bruno)

    respuesta = subir(client, actividad("1.3"), enlace="javascript:alert(1)")

    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Ingrese una URL válida." in html
    # The link was given, only badly: no «adjunte uno de los dos» on top.
    assert "uno de los dos" not in html.split('id="subir"')[1].split("<small>")[0]
    assert Evidencia.objects.count() == 0


# --- Review workflow: enviada → aprobada / devuelta; only approved evidence is public -------


@pytest.fixture
def enviada(client, bruno, actividad):
    """A PDF bruno sent for activity 1.3; the client is left logged out."""
    client.force_login(bruno)
    subir(client, actividad("1.3"), nombre="informe.pdf", contenido=PDF_MINIMO)
    client.logout()
    return Evidencia.objects.get()


def revisar(client, evidencia, accion, comentario=""):
    return client.post(
        f"/evidencias/{evidencia.pk}/revision/",
        {"accion": accion, "comentario": comentario},
        follow=True,
    )


def test_opgi_aprueba_una_evidencia(client, alicia, enviada):
    client.force_login(alicia)

    respuesta = revisar(client, enviada, "aprobar", "Completa.")

    assert respuesta.redirect_chain == [
        (f"/actividades/{enviada.actividad_id}/#evidencia-{enviada.pk}", 302)
    ]
    enviada.refresh_from_db()
    assert enviada.estado == Evidencia.Estado.APROBADA
    assert enviada.revisada_por == alicia
    assert enviada.revisada_en is not None
    assert enviada.comentario_revision == "Completa."
    assert enviada.publica is False
    html = respuesta.content.decode()
    assert "Evidencia «Informe» aprobada." in html
    bloque = html.split(f'id="evidencia-{enviada.pk}"')[1].split("</li>")[0]
    assert 'data-estado="aprobada"' in html
    assert "Aprobada" in bloque
    assert 'value="publicar"' in bloque


def test_devolver_exige_un_comentario(client, alicia, enviada):
    client.force_login(alicia)

    respuesta = revisar(client, enviada, "devolver", "   ")

    assert "Explique a la oficina por qué se devuelve la evidencia." in respuesta.content.decode()
    enviada.refresh_from_db()
    assert enviada.estado == Evidencia.Estado.ENVIADA
    assert enviada.revisada_por is None


def test_opgi_devuelve_una_evidencia_con_su_comentario(client, alicia, bruno, enviada):
    client.force_login(alicia)

    revisar(client, enviada, "devolver", "Falta la firma del secretario.")

    enviada.refresh_from_db()
    assert enviada.estado == Evidencia.Estado.DEVUELTA
    assert enviada.comentario_revision == "Falta la firma del secretario."
    # The office sees why it was returned.
    client.force_login(bruno)
    html = client.get(f"/actividades/{enviada.actividad_id}/").content.decode()
    bloque = html.split(f'id="evidencia-{enviada.pk}"')[1].split("</li>")[0]
    assert "Devuelta" in bloque
    assert "Comentario de OPGI: Falta la firma del secretario." in bloque


@pytest.mark.parametrize("estado", [Evidencia.Estado.ENVIADA, Evidencia.Estado.DEVUELTA])
def test_solo_se_publica_una_evidencia_aprobada(client, alicia, enviada, estado):
    Evidencia.objects.filter(pk=enviada.pk).update(estado=estado)
    client.force_login(alicia)

    respuesta = revisar(client, enviada, "publicar")

    assert "Solo una evidencia aprobada puede publicarse." in respuesta.content.decode()
    enviada.refresh_from_db()
    assert enviada.publica is False
    assert enviada.estado == estado


def test_publicar_y_retirar_una_evidencia_aprobada(client, alicia, enviada):
    client.force_login(alicia)
    revisar(client, enviada, "aprobar")

    html = revisar(client, enviada, "publicar").content.decode()

    enviada.refresh_from_db()
    assert enviada.publica is True
    bloque = html.split(f'id="evidencia-{enviada.pk}"')[1].split("</li>")[0]
    assert "<span>Pública</span>" in bloque
    assert 'value="despublicar"' in bloque

    revisar(client, enviada, "despublicar")

    enviada.refresh_from_db()
    assert enviada.publica is False
    assert enviada.estado == Evidencia.Estado.APROBADA


def test_devolver_una_evidencia_publicada_la_retira(client, alicia, enviada):
    client.force_login(alicia)
    revisar(client, enviada, "aprobar")
    revisar(client, enviada, "publicar")

    revisar(client, enviada, "devolver", "El documento tiene datos personales.")

    enviada.refresh_from_db()
    assert enviada.estado == Evidencia.Estado.DEVUELTA
    assert enviada.publica is False


def test_una_accion_de_revision_desconocida_no_cambia_nada(client, alicia, enviada):
    client.force_login(alicia)

    respuesta = revisar(client, enviada, "borrar")

    assert "Elija una acción de revisión válida." in respuesta.content.decode()
    enviada.refresh_from_db()
    assert enviada.estado == Evidencia.Estado.ENVIADA


@pytest.mark.parametrize(("persona", "codigo"), [("bruno", 403), ("carla", 404), ("diana", 403)])
@pytest.mark.parametrize("accion", ["aprobar", "devolver", "publicar", "despublicar"])
def test_solo_opgi_revisa_evidencias(client, request, enviada, persona, codigo, accion):
    client.force_login(request.getfixturevalue(persona))

    respuesta = client.post(
        f"/evidencias/{enviada.pk}/revision/", {"accion": accion, "comentario": "Lo reviso yo."}
    )

    assert respuesta.status_code == codigo
    enviada.refresh_from_db()
    assert (enviada.estado, enviada.publica, enviada.comentario_revision) == ("enviada", False, "")


def test_la_oficina_no_ve_botones_de_revision(client, bruno, alicia, enviada):
    client.force_login(bruno)
    html_oficina = client.get(f"/actividades/{enviada.actividad_id}/").content.decode()
    client.force_login(alicia)
    html_opgi = client.get(f"/actividades/{enviada.actividad_id}/").content.decode()

    assert f'action="/evidencias/{enviada.pk}/revision/"' not in html_oficina
    assert f'action="/evidencias/{enviada.pk}/revision/"' in html_opgi


# --- Download ----------------------------------------------------------------------------


def test_la_descarga_devuelve_los_mismos_bytes_con_el_nombre_original(client, bruno, actividad):
    client.force_login(bruno)
    subir(client, actividad("1.3"), nombre="informe.pdf", contenido=PDF_MINIMO)
    evidencia = Evidencia.objects.get()

    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/")

    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == PDF_MINIMO
    assert respuesta["Content-Disposition"] == 'attachment; filename="informe.pdf"'
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Length"] == str(len(PDF_MINIMO))


def test_la_descarga_conserva_un_nombre_original_con_tildes_y_espacios(client, bruno, actividad):
    client.force_login(bruno)
    contenido = _xlsx()
    subir(
        client, actividad("1.3"), nombre="Asistencia audiencia Educación.xlsx", contenido=contenido
    )
    evidencia = Evidencia.objects.get()
    assert evidencia.archivo.name.endswith("/Asistencia_audiencia_Educación.xlsx")

    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/")

    assert b"".join(respuesta.streaming_content) == contenido
    assert respuesta["Content-Disposition"] == (
        "attachment; filename*=utf-8''Asistencia%20audiencia%20Educaci%C3%B3n.xlsx"
    )
