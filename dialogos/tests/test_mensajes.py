"""One rule, one message: each rule's Spanish message is written once (the model or the
service); the forms do not repeat the check, the page shows the service's message on its
field (nucleo.formularios.aplicar_errores) and still marks the field as required."""

from pathlib import Path

import pytest

from dialogos.models import AdjuntoEspacio, Compromiso, EspacioDialogo, Pregunta
from plan.models import Responsable

DIALOGOS = Path(__file__).resolve().parent.parent

MENSAJES_DE_REGLAS = [
    "Debe haber al menos un asistente.",
    "Describa el compromiso.",
    "Elija al menos una dependencia organizadora.",
    "Elija el archivo.",
    "Elija la dependencia que debe responder.",
    "Escriba el resumen o acta del espacio.",
    "Escriba la respuesta.",
    "Escriba su pregunta.",
    "Este texto no puede quedar vacío.",
    "Explique por qué se cancela el espacio.",
    "Indique cuántas personas asistieron.",
    "Para enviar la pregunta debe aceptar el aviso de tratamiento de datos personales.",
]


def _codigo_de_dialogos() -> str:
    """dialogos' code and templates, without its tests and migrations (history, not rules)."""
    archivos = [
        archivo
        for patron in ("*.py", "*.html")
        for archivo in DIALOGOS.rglob(patron)
        if not {"tests", "migrations"} & set(archivo.relative_to(DIALOGOS).parts)
    ]
    assert len(archivos) > 10  # the walk found the app
    return "\n".join(archivo.read_text(encoding="utf-8") for archivo in archivos)


@pytest.mark.parametrize("mensaje", MENSAJES_DE_REGLAS)
def test_el_mensaje_de_una_regla_ya_no_esta_escrito_en_el_formulario_y_en_el_servicio(mensaje):
    assert _codigo_de_dialogos().count(mensaje) == 1


def _post_espacio(accion, datos):
    def _post(client, crear_espacio, crear_pregunta):
        espacio = crear_espacio(realizado=accion in ("compromisos", "adjuntos"))
        # Posted as from the confirmation page: the service's own rules answer.
        return client.post(
            f"/dialogos/gestion/espacios/{espacio.pk}/{accion}/", {**datos, "confirmado": "1"}
        )

    return _post


def _post_asignar(client, crear_espacio, crear_pregunta):
    pregunta = crear_pregunta()
    return client.post(f"/dialogos/gestion/preguntas/{pregunta.pk}/asignar/", {"oficina": ""})


@pytest.mark.parametrize(
    ("enviar", "formulario", "campo", "mensaje"),
    [
        (
            _post_espacio("cancelar", {"motivo": ""}),
            "form_cancelar",
            "motivo",
            "Explique por qué se cancela el espacio.",
        ),
        (
            _post_espacio("realizacion", {"asistentes": "", "acta": ""}),
            "form_realizacion",
            "asistentes",
            "Indique cuántas personas asistieron.",
        ),
        (
            _post_espacio("realizacion", {"asistentes": "0", "acta": ""}),
            "form_realizacion",
            "acta",
            "Escriba el resumen o acta del espacio.",
        ),
        (
            _post_espacio("realizacion", {"asistentes": "0", "acta": "Acta"}),
            "form_realizacion",
            "asistentes",
            "Debe haber al menos un asistente.",
        ),
        (
            _post_espacio("adjuntos", {"tipo": "asistencia"}),
            "form_adjunto",
            "archivo",
            "Elija el archivo.",
        ),
        (_post_asignar, "form_asignar", "oficina", "Elija la dependencia que debe responder."),
    ],
)
def test_un_campo_vacio_muestra_en_su_campo_el_mensaje_del_servicio(
    client, alicia, crear_espacio, crear_pregunta, enviar, formulario, campo, mensaje
):
    client.force_login(alicia)
    respuesta = enviar(client, crear_espacio, crear_pregunta)
    assert respuesta.status_code == 400
    assert mensaje in respuesta.context[formulario].errors[campo]
    assert not Compromiso.objects.exists() and not AdjuntoEspacio.objects.exists()
    assert not Pregunta.objects.exclude(estado=Pregunta.Estado.RECIBIDA).exists()


def test_un_compromiso_sin_descripcion_dice_el_mensaje_del_servicio_una_sola_vez(
    client, alicia, crear_espacio
):
    espacio = crear_espacio(realizado=True)
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/compromisos/",
        {
            "descripcion": "  ",
            "responsable": Responsable.objects.get(slug="transito").pk,
            "fecha_limite": "2022-09-30",
        },
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form_compromiso"].errors["descripcion"] == ["Describa el compromiso."]


def test_una_dependencia_que_programa_sin_organizadoras_recibe_el_mensaje_no_un_403(client, bruno):
    client.force_login(bruno)
    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/",
        {
            "tipo": "jornada_tematica",
            "titulo": "Jornada de educación",
            "fecha": "2022-07-15",
            "hora_inicio": "15:00",
            "hora_fin": "17:30",
            "lugar": "Casa comunal",
        },
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["oficinas"] == [
        "Elija al menos una dependencia organizadora."
    ]
    assert not EspacioDialogo.objects.exists()


def test_un_campo_que_exige_el_servicio_sigue_marcado_obligatorio_en_la_pagina(
    client, alicia, crear_espacio, plan_2022
):
    espacio = crear_espacio()
    client.force_login(alicia)
    html = client.get(f"/dialogos/gestion/espacios/{espacio.pk}/").content.decode()
    assert 'name="asistentes" min="1" required' in html
    assert 'Número de asistentes <span class="obligatorio">(obligatorio)</span>' in html
    nuevo = client.get("/dialogos/gestion/espacios/nuevo/").content.decode()
    assert 'Dependencias organizadoras <span class="obligatorio">(obligatorio)</span>' in nuevo
    client.logout()
    publico = client.get("/dialogos/preguntar/").content.decode()
    assert 'maxlength="2000" required' in publico
    assert 'Su pregunta <span class="obligatorio">(obligatorio)</span>' in publico


def test_el_adjunto_sigue_pidiendo_el_archivo_en_el_navegador(client, alicia, crear_espacio):
    espacio = crear_espacio(realizado=True)
    client.force_login(alicia)
    html = client.get(f"/dialogos/gestion/espacios/{espacio.pk}/").content.decode()
    assert 'type="file" name="archivo" required' in html
