"""The MURC cycle of a hearing: its management report 30 days before, its convocatoria,
the warnings when they are missing (saved anyway, the audit says so), their public page."""

import logging
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from dialogos import murc, services
from dialogos.models import AdjuntoEspacio, EspacioDialogo
from dialogos.pendientes import audiencias_sin_informe
from dialogos.services import espacios as servicios_espacios
from plan.models import Responsable
from tests.ayudas import PDF_MINIMO

Tipo = EspacioDialogo.Tipo
# The fixture's spaces are on 10/05/2022 at 09:00 in Pasto.
DIA_AUDIENCIA = date(2022, 5, 10)


@pytest.fixture
def audiencia(crear_espacio):
    return crear_espacio(tipo=Tipo.AUDIENCIA_PUBLICA, titulo="Audiencia pública 2022")


def _mensajes(respuesta) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(respuesta.wsgi_request)]


def _avisos(respuesta) -> list[str]:
    return [texto for nivel, texto in _mensajes(respuesta) if nivel == "warning"]


def _informe(client, espacio, dias_antes: int, **datos):
    datos.setdefault("enlace", "/informes/plan/alcaldia-de-pasto-paac-2022.pdf")
    datos["publicado_el"] = (DIA_AUDIENCIA - timedelta(days=dias_antes)).isoformat()
    return client.post(f"/dialogos/gestion/espacios/{espacio.pk}/informe-de-gestion/", datos)


def _datos_espacio(tipo: str, oficina: str = "educacion") -> dict:
    return {
        "tipo": tipo,
        "titulo": "Audiencia de rendición de cuentas",
        "oficinas": [Responsable.objects.get(slug=oficina).pk],
        "fecha": DIA_AUDIENCIA.isoformat(),
        "hora_inicio": "09:00",
        "hora_fin": "12:00",
        "lugar": "Teatro Imperial",
    }


# --- The 30-day rule, a pure function --------------------------------------------------


@pytest.mark.parametrize(
    ("dias_antes", "codigo"),
    [(31, None), (30, None), (29, murc.INFORME_TARDIO), (0, murc.INFORME_TARDIO)],
)
def test_la_regla_de_los_30_dias_calendario(dias_antes, codigo):
    aviso = murc.aviso_informe(
        tipo="audiencia_sectorial",
        fecha_audiencia=DIA_AUDIENCIA,
        tiene_informe=True,
        publicado_el=DIA_AUDIENCIA - timedelta(days=dias_antes),
    )
    assert (aviso.codigo if aviso else None) == codigo


def test_el_aviso_de_informe_tardio_dice_la_fecha_los_dias_y_el_limite():
    aviso = murc.aviso_informe(
        tipo="audiencia_publica",
        fecha_audiencia=DIA_AUDIENCIA,
        tiene_informe=True,
        publicado_el=date(2022, 4, 11),
    )
    assert aviso is not None
    assert "11/04/2022, 29 días antes" in aviso.mensaje
    assert "a más tardar el 10/04/2022" in aviso.mensaje


def test_una_audiencia_sin_informe_tiene_su_aviso():
    aviso = murc.aviso_informe(
        tipo="audiencia_publica",
        fecha_audiencia=DIA_AUDIENCIA,
        tiene_informe=False,
        publicado_el=None,
    )
    assert aviso == murc.Aviso(murc.INFORME_SIN_PUBLICAR, murc.MENSAJE_INFORME_SIN_PUBLICAR)


@pytest.mark.parametrize("tipo", ["jornada_tematica", "espacio_territorial"])
def test_los_espacios_que_no_son_audiencias_nunca_tienen_aviso(tipo):
    assert (
        murc.aviso_informe(
            tipo=tipo, fecha_audiencia=DIA_AUDIENCIA, tiene_informe=False, publicado_el=None
        )
        is None
    )
    assert murc.aviso_convocatoria(tipo=tipo, convocada_el=None) is None


# --- Through the staff pages ------------------------------------------------------------


def test_informe_publicado_30_dias_antes_no_avisa(client, alicia, audiencia):
    client.force_login(alicia)

    respuesta = _informe(client, audiencia, 30)

    assert respuesta.status_code == 302
    assert _avisos(respuesta) == []
    audiencia.refresh_from_db()
    assert audiencia.informe_publicado_el == date(2022, 4, 10)
    assert audiencia.informe_enlace == "/informes/plan/alcaldia-de-pasto-paac-2022.pdf"
    pagina = client.get(f"/dialogos/gestion/espacios/{audiencia.pk}/").content.decode()
    assert 'data-aviso="informe' not in pagina


def test_informe_publicado_29_dias_antes_avisa_al_guardar_y_en_la_pagina(client, alicia, audiencia):
    client.force_login(alicia)

    respuesta = _informe(client, audiencia, 29)

    # Saved all the same: the law asks, the office decides.
    assert respuesta.status_code == 302
    audiencia.refresh_from_db()
    assert audiencia.informe_publicado_el == date(2022, 4, 11)
    [aviso] = _avisos(respuesta)
    assert "29 días antes de la audiencia" in aviso
    pagina = client.get(f"/dialogos/gestion/espacios/{audiencia.pk}/").content.decode()
    assert 'data-aviso="informe_tardio"' in pagina
    assert "29 días antes de la audiencia" in pagina


def test_programar_una_audiencia_sin_informe_avisa_al_guardar_y_en_la_pagina(client, alicia):
    client.force_login(alicia)

    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/", _datos_espacio("audiencia_publica")
    )

    assert respuesta.status_code == 302
    assert _avisos(respuesta) == [murc.MENSAJE_INFORME_SIN_PUBLICAR]
    pagina = client.get(respuesta.url).content.decode()
    assert 'data-aviso="informe_sin_publicar"' in pagina
    assert 'data-aviso="sin_convocatoria"' in pagina


def test_editar_una_audiencia_a_menos_de_30_dias_de_su_informe_avisa(client, alicia, audiencia):
    servicios_espacios.registrar_informe_gestion(
        espacio=audiencia, usuario=alicia, publicado_el=date(2022, 4, 5), enlace="/informes/a.pdf"
    )
    client.force_login(alicia)
    datos = _datos_espacio("audiencia_publica") | {"fecha": "2022-05-04"}

    respuesta = client.post(f"/dialogos/gestion/espacios/{audiencia.pk}/editar/", datos)

    assert respuesta.status_code == 302
    [aviso] = _avisos(respuesta)
    assert "05/04/2022, 29 días antes" in aviso


def test_programar_una_jornada_nunca_avisa(client, alicia):
    client.force_login(alicia)

    respuesta = client.post("/dialogos/gestion/espacios/nuevo/", _datos_espacio("jornada_tematica"))

    assert respuesta.status_code == 302
    assert _avisos(respuesta) == []
    pagina = client.get(respuesta.url).content.decode()
    assert "data-avisos-murc" not in pagina
    assert "Ciclo de la audiencia" not in pagina


def test_el_aviso_queda_en_la_linea_de_auditoria_y_en_el_historial(alicia, caplog, crear_espacio):
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        audiencia = crear_espacio(tipo=Tipo.AUDIENCIA_SECTORIAL)
        jornada = crear_espacio(tipo=Tipo.JORNADA_TEMATICA)

    [linea_audiencia] = [
        r.getMessage()
        for r in caplog.records
        if f" {audiencia.pk}" in r.getMessage() and "espacio.programado" in r.getMessage()
    ]
    assert "avisos_murc=informe_sin_publicar" in linea_audiencia
    assert audiencia.history.latest().history_change_reason == (
        "Guardado con aviso MURC: informe_sin_publicar"
    )
    lineas_jornada = [
        r.getMessage()
        for r in caplog.records
        if "espacio.programado" in r.getMessage() and r.getMessage().endswith(f" {jornada.pk}")
    ]
    assert lineas_jornada and "avisos_murc" not in lineas_jornada[0]
    assert jornada.history.latest().history_change_reason is None


def test_un_informe_tardio_queda_en_la_auditoria(alicia, audiencia, caplog):
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        servicios_espacios.registrar_informe_gestion(
            espacio=audiencia, usuario=alicia, publicado_el=date(2022, 4, 20), enlace="/i.pdf"
        )
    [linea] = [
        r.getMessage() for r in caplog.records if "espacio.informe_gestion" in r.getMessage()
    ]
    assert "avisos_murc=informe_tardio" in linea


def test_registrar_como_realizada_una_audiencia_sin_informe_ni_convocatoria_avisa(
    client, alicia, audiencia, caplog
):
    client.force_login(alicia)
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        respuesta = client.post(
            f"/dialogos/gestion/espacios/{audiencia.pk}/realizacion/",
            {"asistentes": 120, "acta": "Se rindió cuentas.", "confirmado": "1"},
        )

    assert respuesta.status_code == 302
    audiencia.refresh_from_db()
    assert audiencia.esta_realizado
    assert _avisos(respuesta) == [murc.MENSAJE_INFORME_SIN_PUBLICAR, murc.MENSAJE_SIN_CONVOCATORIA]
    [linea] = [r.getMessage() for r in caplog.records if "espacio.realizado" in r.getMessage()]
    assert "avisos_murc=informe_sin_publicar,sin_convocatoria" in linea


def test_registrar_como_realizada_una_jornada_no_avisa(client, alicia, crear_espacio):
    jornada = crear_espacio()
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{jornada.pk}/realizacion/",
        {"asistentes": 12, "acta": "Se dialogó.", "confirmado": "1"},
    )
    assert respuesta.status_code == 302
    assert _avisos(respuesta) == []


# --- The convocatoria -------------------------------------------------------------------


def test_la_convocatoria_se_guarda_y_se_muestra(client, alicia, audiencia):
    client.force_login(alicia)

    respuesta = client.post(
        f"/dialogos/gestion/espacios/{audiencia.pk}/convocatoria/",
        {
            "convocada_el": "2022-04-20",
            "canales": ["radio", "pagina_web", "perifoneo"],
            "nota": "Emisora Ecos de Pasto.",
        },
    )

    assert respuesta.status_code == 302
    audiencia.refresh_from_db()
    assert audiencia.convocada_el == date(2022, 4, 20)
    assert audiencia.convocatoria_canales == ["pagina_web", "radio", "perifoneo"]
    esperado = "Convocada el 20/04/2022 por: Página web, Emisora / radio, Perifoneo."
    gestion = client.get(f"/dialogos/gestion/espacios/{audiencia.pk}/").content.decode()
    assert esperado in gestion
    assert 'data-aviso="sin_convocatoria"' not in gestion
    client.logout()
    publica = client.get(f"/dialogos/espacios/{audiencia.pk}/").content.decode()
    assert esperado in publica
    assert "Emisora Ecos de Pasto." in publica


@pytest.mark.parametrize(
    ("datos", "campo", "mensaje"),
    [
        ({"canales": ["radio"]}, "convocada_el", "Indique la fecha de la convocatoria."),
        ({"convocada_el": "2022-04-20"}, "canales", "Elija al menos un canal de la convocatoria."),
        (
            {"convocada_el": "2022-04-20", "canales": ["telegrama"]},
            "canales",
            None,  # the form refuses a value outside the list
        ),
        (
            {"convocada_el": "9999-12-31", "canales": ["radio"]},
            "convocada_el",
            "La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
        ),
    ],
)
def test_una_convocatoria_incompleta_se_rechaza_con_su_mensaje(
    client, alicia, audiencia, datos, campo, mensaje
):
    client.force_login(alicia)
    respuesta = client.post(f"/dialogos/gestion/espacios/{audiencia.pk}/convocatoria/", datos)
    assert respuesta.status_code == 400
    errores = respuesta.context["form_convocatoria"].errors[campo]
    if mensaje:
        assert errores == [mensaje]
    audiencia.refresh_from_db()
    assert audiencia.convocada_el is None


def test_el_servicio_rechaza_un_canal_fuera_de_la_lista(alicia, audiencia):
    with pytest.raises(ValidationError) as error:
        servicios_espacios.registrar_convocatoria(
            espacio=audiencia, usuario=alicia, convocada_el=date(2022, 4, 1), canales=["fax"]
        )
    assert error.value.message_dict == {"canales": ["Elija los canales de la lista."]}


# --- The management report: link or document, public page ------------------------------


def test_la_pagina_publica_muestra_la_fecha_de_publicacion_del_informe(client, alicia, audiencia):
    antes = client.get(f"/dialogos/espacios/{audiencia.pk}/").content.decode()
    assert "El informe de gestión de esta audiencia aún no se ha publicado." in antes

    servicios_espacios.registrar_informe_gestion(
        espacio=audiencia,
        usuario=alicia,
        publicado_el=date(2022, 4, 1),
        enlace="https://www.pasto.gov.co/informe-2022",
    )

    despues = client.get(f"/dialogos/espacios/{audiencia.pk}/").content.decode()
    assert "Informe de gestión publicado el 01/04/2022" in despues
    assert 'href="https://www.pasto.gov.co/informe-2022"' in despues


def test_el_informe_subido_se_descarga_en_la_pagina_publica(client, alicia, audiencia):
    client.force_login(alicia)
    respuesta = _informe(
        client,
        audiencia,
        45,
        enlace="",
        archivo=SimpleUploadedFile("informe-2022.pdf", PDF_MINIMO, "application/pdf"),
    )
    assert respuesta.status_code == 302, respuesta.content[:400]
    audiencia.refresh_from_db()
    assert audiencia.informe_adjunto.tipo == AdjuntoEspacio.Tipo.INFORME
    assert audiencia.informe_adjunto.sha256
    client.logout()

    pagina = client.get(f"/dialogos/espacios/{audiencia.pk}/").content.decode()
    url = f"/dialogos/espacios/{audiencia.pk}/informe-de-gestion/"
    assert "Informe de gestión publicado el 26/03/2022" in pagina
    assert f'href="{url}"' in pagina
    descarga = client.get(url)
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == PDF_MINIMO


def test_los_demas_adjuntos_siguen_sin_publicarse(client, alicia, audiencia):
    services.subir_adjunto(
        espacio=audiencia,
        usuario=alicia,
        tipo="asistencia",
        archivo=SimpleUploadedFile("asistencia.pdf", PDF_MINIMO, "application/pdf"),
    )
    assert client.get(f"/dialogos/espacios/{audiencia.pk}/informe-de-gestion/").status_code == 404


def test_el_informe_de_una_audiencia_de_un_plan_sin_publicar_no_se_descarga(
    client, alicia, crear_espacio, plan_2022
):
    audiencia = crear_espacio(tipo=Tipo.AUDIENCIA_SECTORIAL, codigo="2.4")
    servicios_espacios.registrar_informe_gestion(
        espacio=audiencia,
        usuario=alicia,
        publicado_el=date(2022, 3, 1),
        archivo=SimpleUploadedFile("informe.pdf", PDF_MINIMO, "application/pdf"),
    )
    url = f"/dialogos/espacios/{audiencia.pk}/informe-de-gestion/"
    assert client.get(url).status_code == 200
    plan_2022.publicado = False
    plan_2022.save()

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("datos", "campo", "mensaje"),
    [
        (
            {"enlace": ""},
            "enlace",
            "Adjunte el documento del informe de gestión o escriba su enlace.",
        ),
        ({"enlace": "javascript:alert(1)"}, "enlace", None),
        ({"enlace": "//otro.sitio/x.pdf"}, "enlace", None),
        (
            {"archivo": SimpleUploadedFile("i.pdf", PDF_MINIMO, "application/pdf")},
            "enlace",
            "Adjunte el documento del informe de gestión o escriba su enlace, no ambos.",
        ),
    ],
)
def test_un_informe_sin_documento_ni_enlace_valido_se_rechaza(
    client, alicia, audiencia, datos, campo, mensaje
):
    client.force_login(alicia)
    respuesta = _informe(client, audiencia, 40, **datos)
    assert respuesta.status_code == 400
    errores = respuesta.context["form_informe_gestion"].errors[campo]
    if mensaje:
        assert errores == [mensaje]
    audiencia.refresh_from_db()
    assert audiencia.informe_publicado_el is None
    assert not AdjuntoEspacio.objects.filter(tipo=AdjuntoEspacio.Tipo.INFORME).exists()


def test_un_informe_fuera_del_rango_de_fechas_se_rechaza(client, alicia, audiencia):
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{audiencia.pk}/informe-de-gestion/",
        {"publicado_el": "1999-12-31", "enlace": "/informes/plan/alcaldia-de-pasto-paac-2022.pdf"},
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form_informe_gestion"].errors["publicado_el"]


def test_la_base_de_datos_exige_fecha_al_informe_y_un_solo_origen(audiencia):
    with transaction.atomic(), pytest.raises(IntegrityError):
        EspacioDialogo.objects.filter(pk=audiencia.pk).update(informe_enlace="/i.pdf")
    with transaction.atomic(), pytest.raises(IntegrityError):
        EspacioDialogo.objects.filter(pk=audiencia.pk).update(
            informe_publicado_el=date(9999, 1, 1), informe_enlace="/i.pdf"
        )


def test_una_jornada_no_registra_informe_ni_convocatoria(client, alicia, crear_espacio):
    jornada = crear_espacio()
    client.force_login(alicia)
    respuesta = _informe(client, jornada, 40)
    assert respuesta.status_code == 400
    # The page never offers the form for a jornada; a crafted POST gets the service's message.
    assert respuesta.context["form_informe_gestion"].non_field_errors() == [
        EspacioDialogo.MENSAJE_CICLO_SOLO_AUDIENCIAS
    ]
    jornada.refresh_from_db()
    assert jornada.informe_publicado_el is None


# --- OPGI's pendientes ------------------------------------------------------------------


def test_los_pendientes_de_opgi_listan_las_audiencias_sin_informe_a_tiempo(
    alicia, crear_espacio, django_assert_num_queries
):
    sin_informe = crear_espacio(tipo=Tipo.AUDIENCIA_PUBLICA, titulo="Sin informe")
    tardia = crear_espacio(tipo=Tipo.AUDIENCIA_SECTORIAL, titulo="Tardía")
    a_tiempo = crear_espacio(tipo=Tipo.AUDIENCIA_SECTORIAL, titulo="A tiempo")
    crear_espacio(tipo=Tipo.JORNADA_TEMATICA, titulo="Jornada")
    crear_espacio(tipo=Tipo.AUDIENCIA_PUBLICA, titulo="Cancelada", cancelado=True)
    for espacio, publicado in ((tardia, date(2022, 5, 1)), (a_tiempo, date(2022, 4, 1))):
        servicios_espacios.registrar_informe_gestion(
            espacio=espacio, usuario=alicia, publicado_el=publicado, enlace="/i.pdf"
        )

    with django_assert_num_queries(1):
        grupo = audiencias_sin_informe(hoy=date(2022, 4, 1))

    assert [i.texto for i in grupo.items] == [
        f"Informe de gestión de «{sin_informe.titulo}»",
        f"Informe de gestión de «{tardia.titulo}»",
    ]
    assert [i.urgente for i in grupo.items] == [False, False]
    assert audiencias_sin_informe(hoy=date(2022, 4, 10)).items[0].urgente


def test_mis_pendientes_de_opgi_muestra_las_audiencias_sin_informe(client, alicia, audiencia):
    client.force_login(alicia)
    pagina = client.get("/pendientes/").content.decode()
    assert "Informe de gestión de «Audiencia pública 2022»" in pagina
