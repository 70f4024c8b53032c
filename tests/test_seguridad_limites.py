"""Request bodies have a maximum per kind of page, refused before they are read (413)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.ayudas import PDF_MINIMO

DOSCIENTOS_MIB = str(200 * 1024 * 1024)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _archivos(media: Path) -> list[Path]:
    return [r for r in media.rglob("*") if r.is_file()] if media.exists() else []


def test_un_post_anonimo_de_200_mib_a_preguntar_se_rechaza_sin_leerlo(client, plan_2022):
    # The body is not sent: had Django tried to read 200 MiB, the test client's
    # payload would have failed loudly instead of answering 413.
    respuesta = client.post(
        "/dialogos/preguntar/", {"texto": "hola"}, CONTENT_LENGTH=DOSCIENTOS_MIB
    )

    assert respuesta.status_code == 413
    html = respuesta.content.decode()
    assert "Envío demasiado grande" in html
    assert "(1 MB)" in html


def test_un_formulario_publico_con_un_archivo_de_2_mib_se_rechaza(client, plan_2022):
    archivo = SimpleUploadedFile("grande.pdf", PDF_MINIMO + b"0" * (2 * 1024 * 1024))

    respuesta = client.post("/dialogos/preguntar/", {"texto": "hola", "archivo": archivo})

    assert respuesta.status_code == 413


def test_la_subida_de_evidencia_admite_hasta_el_maximo_de_evidencias(
    client, bruno, actividad, settings, media
):
    settings.EVIDENCIA_MAX_MB = 2
    client.force_login(bruno)
    url = f"/actividades/{actividad('1.3').pk}/evidencias/"
    archivo = SimpleUploadedFile("escaneo.pdf", PDF_MINIMO + b"0" * (3 * 1024 * 1024 // 2))

    respuesta = client.post(url, {"descripcion": "Informe", "enlace": "", "archivo": archivo})

    assert respuesta.status_code == 302  # 1.5 MiB: more than a form, within the evidence limit
    assert len(_archivos(media)) == 1


def test_una_evidencia_mayor_que_el_maximo_mas_el_margen_se_rechaza_sin_guardar_nada(
    client, bruno, actividad, settings, media
):
    settings.EVIDENCIA_MAX_MB = 1
    client.force_login(bruno)
    url = f"/actividades/{actividad('1.3').pk}/evidencias/"
    archivo = SimpleUploadedFile("escaneo.pdf", PDF_MINIMO + b"0" * (3 * 1024 * 1024))

    respuesta = client.post(url, {"descripcion": "Informe", "enlace": "", "archivo": archivo})

    assert respuesta.status_code == 413
    assert "(2 MB)" in respuesta.content.decode()
    assert _archivos(media) == []
    respuesta = client.post(url, {"descripcion": "x"}, CONTENT_LENGTH=DOSCIENTOS_MIB)
    assert respuesta.status_code == 413


def test_sin_sesion_una_ruta_de_subida_solo_admite_el_limite_general(client, actividad, settings):
    settings.EVIDENCIA_MAX_MB = 20
    url = f"/actividades/{actividad('1.3').pk}/evidencias/"

    respuesta = client.post(url, {"descripcion": "x"}, CONTENT_LENGTH=str(5 * 1024 * 1024))

    assert respuesta.status_code == 413


def test_las_paginas_de_importar_del_admin_admiten_archivos_y_su_ingreso_no(
    client, alicia, settings
):
    settings.EVIDENCIA_MAX_MB = 2
    client.force_login(alicia)
    csv = SimpleUploadedFile("actividades.csv", b"codigo,producto\n" + b"1.1,x\n" * 250_000)

    respuesta = client.post("/admin/plan/actividad/import/", {"format": "0", "import_file": csv})

    assert respuesta.status_code == 200  # read and answered by import-export, not refused
    cinco_mib = str(5 * 1024 * 1024)
    assert client.post("/admin/login/", {}, CONTENT_LENGTH=cinco_mib).status_code == 413
