"""Stored files: long accented names, no orphan after a failed save, orphans cleaned on request."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from nucleo.archivos import nombre_para_guardar
from plan import services
from plan.models import Evidencia
from tests.ayudas import PDF_MINIMO


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _archivos(media: Path) -> list[Path]:
    return sorted(r for r in media.rglob("*") if r.is_file()) if media.exists() else []


def test_un_nombre_acentuado_de_mas_de_255_bytes_se_guarda_acortado_y_no_da_500(
    client, bruno, actividad, media
):
    nombre = "Informe_de_gestión_y_participación_ciudadana_" * 4 + "ñ" * 60 + "_2022.pdf"
    assert len(nombre.encode()) > 255 and len(nombre) < 255
    client.force_login(bruno)

    respuesta = client.post(
        f"/actividades/{actividad('1.3').pk}/evidencias/",
        {"descripcion": "Informe", "enlace": "", "archivo": SimpleUploadedFile(nombre, PDF_MINIMO)},
    )

    assert respuesta.status_code == 302
    evidencia = Evidencia.objects.get()
    assert evidencia.nombre_original == nombre  # what the user sees is untouched
    [guardado] = _archivos(media)
    assert len(guardado.name.encode()) <= 255 and guardado.name.endswith(".pdf")
    assert guardado.name.startswith("Informe_de_gestión")
    assert guardado.read_bytes() == PDF_MINIMO
    assert len(evidencia.archivo.name) <= Evidencia._meta.get_field("archivo").max_length


@pytest.mark.parametrize("letra", ["ó", "€", "😀"])
def test_el_nombre_se_corta_entre_caracteres_y_conserva_la_extension(letra):
    corto = nombre_para_guardar(letra * 200 + ".xlsx", max_bytes=100)
    assert corto.endswith(".xlsx") and len(corto.encode()) <= 100
    assert set(corto.removesuffix(".xlsx")) == {letra}
    # macOS sends «o» + combining accent: composed first, so nothing is split.
    assert nombre_para_guardar("informe_gestio\u0301n.pdf") == "informe_gestión.pdf"
    assert nombre_para_guardar("../../etc/passwd") == "passwd"


def test_si_el_worker_muere_al_guardar_la_fila_no_queda_el_archivo(
    bruno, actividad, media, monkeypatch
):
    def muere(*args, **kwargs):
        raise SystemExit(1)  # what gunicorn's worker timeout raises inside the request

    monkeypatch.setattr(Evidencia, "save", muere)

    with pytest.raises(SystemExit):
        services.subir_evidencia(
            actividad=actividad("1.3"),
            usuario=bruno,
            descripcion="Informe",
            archivo=SimpleUploadedFile("informe.pdf", PDF_MINIMO),
        )

    assert _archivos(media) == []


def _envejecer(ruta: Path, horas: float = 2) -> None:
    antes = time.time() - horas * 3600
    os.utime(ruta, (antes, antes))


def test_limpiar_archivos_huerfanos_lista_sin_borrar_y_borra_solo_con_la_opcion(
    bruno, actividad, media
):
    evidencia = services.subir_evidencia(
        actividad=actividad("1.3"),
        usuario=bruno,
        descripcion="Informe",
        archivo=SimpleUploadedFile("informe.pdf", PDF_MINIMO),
    )
    usado = media / evidencia.archivo.name
    huerfano = media / "evidencias/2022/1.3/abandonado/acta.pdf"
    reciente = media / "evidencias/2022/1.3/subiendo/acta.pdf"
    for ruta in (huerfano, reciente):
        ruta.parent.mkdir(parents=True)
        ruta.write_bytes(PDF_MINIMO)
    for ruta in (usado, huerfano):
        _envejecer(ruta)

    salida = io.StringIO()
    call_command("limpiar_archivos_huerfanos", stdout=salida)
    texto = salida.getvalue()
    assert "evidencias/2022/1.3/abandonado/acta.pdf" in texto
    assert "subiendo" not in texto and evidencia.archivo.name not in texto
    assert "No se borró nada" in texto
    assert huerfano.exists()

    call_command("limpiar_archivos_huerfanos", "--borrar", stdout=io.StringIO())

    assert _archivos(media) == sorted([usado, reciente])
    assert not huerfano.parent.exists()  # its empty folder went with it
    assert Evidencia.objects.get().archivo.read() == PDF_MINIMO


def test_limpiar_archivos_huerfanos_revisa_los_campos_de_archivo_de_todas_las_apps(
    espacio_con_adjunto, media
):
    adjunto = espacio_con_adjunto
    _envejecer(media / adjunto.archivo.name)
    salida = io.StringIO()
    call_command("limpiar_archivos_huerfanos", "--borrar", stdout=salida)
    assert "No hay archivos huérfanos." in salida.getvalue()
    assert (media / adjunto.archivo.name).exists()


@pytest.fixture
def espacio_con_adjunto(alicia, plan_2022):
    """An attachment of a dialogue space, stored directly (its app's rules are not tested here)."""
    from django.utils import timezone

    from dialogos.models import AdjuntoEspacio, EspacioDialogo

    campos = {f.name for f in EspacioDialogo._meta.concrete_fields}
    espacio = EspacioDialogo(titulo="Audiencia", inicio=timezone.now(), lugar="Casa de la Cultura")
    if "fin" in campos:
        espacio.fin = timezone.now()
    espacio.save()
    adjunto = AdjuntoEspacio(espacio=espacio)
    adjunto.archivo.save("acta.pdf", ContentFile(PDF_MINIMO), save=False)
    for campo in AdjuntoEspacio._meta.concrete_fields:
        if campo.name in {"nombre_original", "tipo_contenido", "sha256"}:
            setattr(adjunto, campo.name, "x")
    adjunto.tamano = len(PDF_MINIMO)
    adjunto.save()
    return adjunto
