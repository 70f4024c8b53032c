"""Errors speak Spanish too: 403, 404 and a lost evidence file."""

from django.core.files.base import ContentFile

from plan.models import Evidencia


def test_pagina_no_encontrada_en_espanol(client, plan_2022):
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == 404
    assert "Página no encontrada" in respuesta.content.decode()


def test_acceso_no_permitido_en_espanol(client, bruno):
    client.force_login(bruno)
    respuesta = client.get("/tablero/")
    assert respuesta.status_code == 403
    assert "Acceso no permitido" in respuesta.content.decode()


def test_un_archivo_perdido_da_404_y_no_500(client, alicia, actividad):
    evidencia = Evidencia(
        actividad=actividad("1.3"),
        descripcion="Informe",
        nombre_original="informe.pdf",
        sha256="c" * 64,
        tamano=4,
        tipo_contenido="application/pdf",
        subida_por=alicia,
    )
    evidencia.archivo.save("informe.pdf", ContentFile(b"%PDF"), save=False)
    evidencia.save()
    evidencia.archivo.storage.delete(evidencia.archivo.name)

    client.force_login(alicia)
    respuesta = client.get(f"/evidencias/{evidencia.pk}/archivo/")

    assert respuesta.status_code == 404
    assert "Página no encontrada" in respuesta.content.decode()
