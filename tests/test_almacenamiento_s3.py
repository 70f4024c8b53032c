"""Files on S3: with ALMACENAMIENTO=s3 evidence goes to a private bucket, and is still
served only through the app's permission views (README, «Almacenamiento de archivos»).

The bucket is real S3 protocol: moto's server, started on loopback by these tests, with
the STORAGES entry built by the same function the settings call
(pasto_rdc.almacenamiento) from the same environment variables production sets.
"""

import hashlib
import io
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.test import override_settings

from pasto_rdc.almacenamiento import almacenamiento_por_defecto
from plan.models import Evidencia
from tests.ayudas import PDF_MINIMO

moto_server = pytest.importorskip(
    "moto.server", reason="moto[server] no está instalado (pip install -e '.[dev]')"
)
boto3 = pytest.importorskip("boto3", reason="boto3 no está instalado (django-storages[s3])")
S3Storage = pytest.importorskip("storages.backends.s3").S3Storage

BUCKET = "evidencias-pasto-rdc"
CLAVES = {"AWS_ACCESS_KEY_ID": "prueba", "AWS_SECRET_ACCESS_KEY": "prueba-secreta"}
INFORME = PDF_MINIMO.replace(b"/Catalog", b"/Catalog /Lang (es-CO)")


@pytest.fixture(scope="session")
def servidor_s3() -> Iterator[str]:
    """An S3-compatible server on 127.0.0.1 (a free port), with an empty bucket."""
    servidor = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    servidor.start()
    host, puerto = servidor.get_host_and_port()
    url = f"http://{host}:{puerto}"
    cliente(url).create_bucket(Bucket=BUCKET)
    yield url
    servidor.stop()


def cliente(url: str):
    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=CLAVES["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CLAVES["AWS_SECRET_ACCESS_KEY"],
    )


@pytest.fixture
def s3(servidor_s3, monkeypatch) -> Iterator[str]:
    """This test's default storage is the bucket, configured as production would be."""
    for variable, valor in {
        "ALMACENAMIENTO": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": servidor_s3,
        "AWS_S3_REGION_NAME": "us-east-1",
        **CLAVES,
    }.items():
        monkeypatch.setenv(variable, valor)
    from django.conf import settings

    storages = {**settings.STORAGES, "default": almacenamiento_por_defecto()}
    # override_settings sends setting_changed: Django drops its cached storages and
    # default_storage (which every FileField without its own storage uses) follows.
    with override_settings(STORAGES=storages):
        yield servidor_s3


def subir(client, actividad, contenido=INFORME, nombre="informe.pdf"):
    return client.post(
        f"/actividades/{actividad.pk}/evidencias/",
        {
            "descripcion": "Informe de gestión",
            "enlace": "",
            "archivo": SimpleUploadedFile(nombre, contenido),
        },
    )


def test_la_configuracion_s3_es_privada_y_falla_sin_bucket(monkeypatch):
    monkeypatch.setenv("ALMACENAMIENTO", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        almacenamiento_por_defecto()

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    opciones = almacenamiento_por_defecto()["OPTIONS"]
    assert opciones["default_acl"] == "private"
    assert opciones["querystring_auth"] is True
    assert opciones["querystring_expire"] <= 300
    assert opciones["file_overwrite"] is False
    assert 0 < opciones["max_memory_size"] <= 2 * 1024 * 1024

    monkeypatch.setenv("ALMACENAMIENTO", "ftp")
    with pytest.raises(ImproperlyConfigured, match="ALMACENAMIENTO"):
        almacenamiento_por_defecto()
    monkeypatch.delenv("ALMACENAMIENTO")
    assert almacenamiento_por_defecto()["BACKEND"].endswith("FileSystemStorage")


def test_sin_bucket_la_instalacion_no_arranca():
    """The settings themselves refuse ALMACENAMIENTO=s3 without a bucket, at start-up."""
    entorno = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))},
        "DJANGO_SETTINGS_MODULE": "pasto_rdc.settings",
        "DEBUG": "1",
        "ALMACENAMIENTO": "s3",
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parent.parent,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode != 0
    assert "ImproperlyConfigured" in resultado.stderr
    assert "ALMACENAMIENTO=s3 necesita AWS_STORAGE_BUCKET_NAME" in resultado.stderr


def test_cada_archivo_de_cada_modelo_usa_el_almacenamiento_configurado():
    campos = [
        f"{modelo._meta.label}.{campo.name}"
        for modelo in apps.get_models()
        for campo in modelo._meta.concrete_fields
        if isinstance(campo, models.FileField) and campo.storage is not default_storage
    ]
    assert campos == []


def test_la_evidencia_subida_queda_en_el_bucket_privada(client, bruno, actividad, s3):
    propia = actividad("1.3")
    client.force_login(bruno)

    assert subir(client, propia).status_code == 302

    evidencia = Evidencia.objects.get()
    assert isinstance(evidencia.archivo.storage._wrapped, S3Storage)
    nombre = evidencia.archivo.name
    assert nombre.startswith("evidencias/2022/1.3/") and nombre.endswith("/informe.pdf")
    s3_cliente = cliente(s3)
    objeto = s3_cliente.get_object(Bucket=BUCKET, Key=nombre)
    contenido = objeto["Body"].read()
    assert contenido == INFORME
    assert evidencia.sha256 == hashlib.sha256(contenido).hexdigest()
    permisos = s3_cliente.get_object_acl(Bucket=BUCKET, Key=nombre)["Grants"]
    beneficiarios = {
        permiso["Grantee"].get("URI", permiso["Grantee"].get("ID")) for permiso in permisos
    }
    assert not any("AllUsers" in str(b) or "AuthenticatedUsers" in str(b) for b in beneficiarios)
    assert [permiso["Permission"] for permiso in permisos] == ["FULL_CONTROL"]  # the owner's

    # Anyone asking the bucket directly, without the keys, is refused.
    with pytest.raises(urllib.error.HTTPError) as rechazo:
        urllib.request.urlopen(f"{s3}/{BUCKET}/{nombre}", timeout=10)
    assert rechazo.value.code == 403


def test_opgi_descarga_por_la_vista_los_mismos_bytes_y_el_mismo_sha256(
    client, bruno, alicia, actividad, s3
):
    propia = actividad("1.3")
    client.force_login(bruno)
    subir(client, propia)
    evidencia = Evidencia.objects.get()

    client.force_login(alicia)
    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/")

    assert respuesta.status_code == 200
    descargado = b"".join(respuesta.streaming_content)
    assert descargado == INFORME
    assert hashlib.sha256(descargado).hexdigest() == evidencia.sha256
    assert respuesta["Content-Disposition"].startswith("attachment;")
    assert 'filename="informe.pdf"' in respuesta["Content-Disposition"]
    assert respuesta["Content-Type"] == "application/pdf"


def test_nadie_sin_permiso_la_descarga_y_ninguna_pagina_muestra_la_url_del_bucket(
    client, bruno, carla, actividad, s3
):
    propia = actividad("1.3")
    client.force_login(bruno)
    subir(client, propia)
    evidencia = Evidencia.objects.get()
    descarga = f"/evidencias/{evidencia.pk}/archivo/"

    html = client.get(f"/actividades/{propia.pk}/").content.decode()
    assert f'href="{descarga}"' in html
    for rastro in (s3, "127.0.0.1:", BUCKET, "X-Amz-", "Signature=", evidencia.archivo.name):
        assert rastro not in html

    client.logout()
    anonima = client.get(descarga)
    assert anonima.status_code == 302 and anonima.url.startswith("/cuentas/login/")
    client.force_login(carla)  # another office: the evidence is not hers to see
    assert client.get(descarga).status_code == 404


def test_un_segundo_archivo_con_el_mismo_nombre_no_reemplaza_al_primero(
    client, bruno, actividad, s3
):
    propia = actividad("1.3")
    client.force_login(bruno)
    subir(client, propia, contenido=PDF_MINIMO)
    subir(client, propia, contenido=INFORME)

    primera, segunda = Evidencia.objects.order_by("pk")
    assert primera.archivo.name != segunda.archivo.name
    assert primera.archivo.open("rb").read() == PDF_MINIMO
    assert segunda.archivo.open("rb").read() == INFORME


def test_los_archivos_huerfanos_se_buscan_y_borran_tambien_en_el_bucket(
    client, bruno, actividad, s3
):
    propia = actividad("1.3")
    client.force_login(bruno)
    subir(client, propia)
    evidencia = Evidencia.objects.get()
    s3_cliente = cliente(s3)
    huerfano = "evidencias/2022/1.3/abandonado/acta.pdf"
    s3_cliente.put_object(Bucket=BUCKET, Key=huerfano, Body=PDF_MINIMO)

    salida = io.StringIO()
    call_command("limpiar_archivos_huerfanos", "--minutos", "0", "--borrar", stdout=salida)

    assert huerfano in salida.getvalue()
    assert evidencia.archivo.name not in salida.getvalue()
    claves = {o["Key"] for o in s3_cliente.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert huerfano not in claves and evidencia.archivo.name in claves


def test_el_admin_tampoco_muestra_la_url_del_bucket(client, bruno, alicia, actividad, s3):
    propia = actividad("1.3")
    client.force_login(bruno)
    subir(client, propia)
    evidencia = Evidencia.objects.get()

    client.force_login(alicia)
    respuesta = client.get(f"/admin/plan/evidencia/{evidencia.pk}/change/")

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "informe.pdf" in html
    for rastro in (s3, "127.0.0.1:", BUCKET, "X-Amz-", "Signature="):
        assert rastro not in html
    # What Django itself renders as the file's URL is no way around the permission view.
    assert evidencia.archivo.url == f"/media/{evidencia.archivo.name}"
    assert client.get(evidencia.archivo.url).status_code == 404


def test_el_respaldo_de_archivos_lee_y_restaura_el_bucket(
    client, bruno, actividad, s3, tmp_path, monkeypatch
):
    """mediabackup / mediarestore (README, «Respaldos») go through the storage API too."""
    from dbbackup import settings as ajustes_dbbackup

    monkeypatch.setitem(ajustes_dbbackup.STORAGE_OPTIONS, "location", str(tmp_path))
    propia = actividad("1.3")
    client.force_login(bruno)
    subir(client, propia)
    evidencia = Evidencia.objects.get()
    s3_cliente = cliente(s3)

    call_command("mediabackup", output_filename="archivos.tar.gz", compress=True, interactive=False)
    s3_cliente.delete_object(Bucket=BUCKET, Key=evidencia.archivo.name)
    call_command(
        "mediarestore", input_filename="archivos.tar.gz", uncompress=True, interactive=False
    )

    restaurado = s3_cliente.get_object(Bucket=BUCKET, Key=evidencia.archivo.name)["Body"].read()
    assert hashlib.sha256(restaurado).hexdigest() == evidencia.sha256
    permisos = s3_cliente.get_object_acl(Bucket=BUCKET, Key=evidencia.archivo.name)["Grants"]
    assert [permiso["Permission"] for permiso in permisos] == ["FULL_CONTROL"]


def test_un_archivo_grande_va_y_vuelve_entero_por_la_vista(client, bruno, alicia, actividad, s3):
    """Above max_memory_size the download goes through a temporary file: still whole."""
    grande = PDF_MINIMO + b"%" + bytes(range(256)) * (3 * 1024 * 4)  # ~3 MB
    propia = actividad("1.3")
    client.force_login(bruno)
    assert subir(client, propia, contenido=grande).status_code == 302
    evidencia = Evidencia.objects.get()

    client.force_login(alicia)
    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/")

    descargado = b"".join(respuesta.streaming_content)
    assert len(descargado) == len(grande) > 3 * 1024 * 1024
    assert hashlib.sha256(descargado).hexdigest() == evidencia.sha256


def test_un_adjunto_de_un_dialogo_tambien_va_al_bucket_y_vuelve_por_la_vista(
    client, alicia, plan_2022, s3
):
    from django.utils import timezone

    from dialogos.models import AdjuntoEspacio, EspacioDialogo

    espacio = EspacioDialogo.objects.create(
        titulo="Audiencia", inicio=timezone.now(), fin=timezone.now(), lugar="Casa de la Cultura"
    )
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/adjuntos/",
        {"tipo": "otro", "archivo": SimpleUploadedFile("acta.pdf", INFORME, "application/pdf")},
    )
    assert respuesta.status_code == 302

    adjunto = AdjuntoEspacio.objects.get()
    guardado = cliente(s3).get_object(Bucket=BUCKET, Key=adjunto.archivo.name)["Body"].read()
    assert hashlib.sha256(guardado).hexdigest() == adjunto.sha256
    descarga = client.get(f"/dialogos/gestion/adjuntos/{adjunto.pk}/")
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == INFORME
