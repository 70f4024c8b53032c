"""Dialogue spaces: programming, status transitions, the closing record, commitments, attachments."""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from dialogos import services
from dialogos.models import AdjuntoEspacio, Compromiso, EspacioDialogo, Territorio
from dialogos.tests.conftest import momento
from plan.models import Responsable
from tests.ayudas import PDF_MINIMO

Estado = EspacioDialogo.Estado


def _datos(**cambios):
    inicio = momento(2022, 5, 10)
    datos = {
        "tipo": EspacioDialogo.Tipo.JORNADA_TEMATICA,
        "titulo": "Jornada de salud",
        "oficinas": list(Responsable.objects.filter(slug="salud")),
        "inicio": inicio,
        "fin": inicio + timedelta(hours=2),
        "lugar": "Auditorio",
    }
    datos.update(cambios)
    return datos


# --- Programming -----------------------------------------------------------------


def test_programar_espacio_por_http(client, alicia, actividad):
    client.force_login(alicia)
    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/",
        {
            "tipo": "espacio_territorial",
            "titulo": "Diálogo en Catambuco",
            "oficinas": [Responsable.objects.get(slug="gobierno").pk],
            "actividad": actividad("2.2").pk,
            "fecha": "2022-07-15",
            "hora_inicio": "15:00",
            "hora_fin": "17:30",
            "territorio": Territorio.objects.get(nombre="Catambuco").pk,
            "lugar": "Casa comunal",
        },
    )
    espacio = EspacioDialogo.objects.get()
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"/dialogos/gestion/espacios/{espacio.pk}/"
    assert espacio.estado == Estado.PROGRAMADO
    assert espacio.territorio.nombre == "Catambuco"
    assert timezone.localtime(espacio.inicio) == momento(2022, 7, 15, 15)
    assert timezone.localtime(espacio.fin) == momento(2022, 7, 15, 17, 30)
    assert espacio.creado_por == alicia


@pytest.mark.parametrize(
    ("cambios", "campo", "mensaje"),
    [
        ({"tipo": "espacio_territorial"}, "territorio", "debe indicar su comuna o corregimiento"),
        ({"lugar": "", "enlace": ""}, "lugar", "Indique el lugar"),
        ({"fin": momento(2022, 5, 10, 8)}, "fin", "posterior a la de inicio"),
        ({"oficinas": []}, "oficinas", "al menos una dependencia"),
    ],
)
def test_programar_espacio_con_datos_incompletos_no_guarda_nada(
    alicia, plan_2022, cambios, campo, mensaje
):
    with pytest.raises(ValidationError) as error:
        services.programar_espacio(usuario=alicia, **_datos(**cambios))
    assert mensaje in " ".join(error.value.message_dict[campo])
    assert not EspacioDialogo.objects.exists()


def test_un_espacio_virtual_basta_con_el_enlace(alicia, plan_2022):
    espacio = services.programar_espacio(
        usuario=alicia, **_datos(lugar="", enlace="https://www.youtube.com/@alcaldiapasto")
    )
    assert espacio.es_virtual


def test_la_actividad_debe_ser_del_plan_del_anio_del_espacio(alicia, actividad):
    with pytest.raises(ValidationError) as error:
        services.programar_espacio(
            usuario=alicia,
            **_datos(
                actividad=actividad("2.1"), inicio=momento(2023, 2, 1), fin=momento(2023, 2, 1, 11)
            ),
        )
    assert "es del plan 2022" in error.value.message_dict["actividad"][0]


def test_editar_sube_la_secuencia_del_calendario(alicia, crear_espacio):
    espacio = crear_espacio()
    assert espacio.secuencia == 0
    nuevo_inicio = momento(2022, 5, 12, 14)
    services.editar_espacio(
        espacio=espacio,
        usuario=alicia,
        **_datos(
            titulo=espacio.titulo,
            oficinas=list(espacio.oficinas.all()),
            inicio=nuevo_inicio,
            fin=nuevo_inicio + timedelta(hours=2),
            lugar=espacio.lugar,
        ),
    )
    espacio.refresh_from_db()
    assert espacio.inicio == nuevo_inicio
    assert espacio.secuencia == 1


# --- Status transitions ----------------------------------------------------------


def test_programado_a_realizado_con_acta(client, alicia, crear_espacio):
    espacio = crear_espacio(codigo="2.1")
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/realizacion/",
        {
            "asistentes": "85",
            "organizaciones": "JAC Genoy",
            "acta": "Se presentó el informe.",
            "confirmado": "1",
        },
    )
    assert respuesta.status_code == 302
    espacio.refresh_from_db()
    assert espacio.estado == Estado.REALIZADO
    assert (espacio.asistentes, espacio.organizaciones) == (85, "JAC Genoy")
    assert espacio.cerrado_por == alicia and espacio.cerrado_en is not None
    assert espacio.secuencia == 1


@pytest.mark.parametrize(
    ("datos", "mensaje"),
    [
        ({"asistentes": "", "acta": "Acta"}, "Indique cuántas personas asistieron."),
        ({"asistentes": "0", "acta": "Acta"}, "Debe haber al menos un asistente."),
        ({"asistentes": "10", "acta": "   "}, "Escriba el resumen o acta del espacio."),
    ],
)
def test_el_acta_exige_asistentes_y_resumen(client, alicia, crear_espacio, datos, mensaje):
    espacio = crear_espacio()
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/realizacion/", {**datos, "confirmado": "1"}
    )
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    espacio.refresh_from_db()
    assert espacio.estado == Estado.PROGRAMADO and espacio.asistentes is None


def test_no_se_realiza_un_espacio_que_no_ha_empezado(alicia, crear_espacio):
    espacio = crear_espacio(inicio=timezone.now() + timedelta(days=3))
    with pytest.raises(ValidationError, match="todavía no ha empezado"):
        services.registrar_realizacion(espacio=espacio, usuario=alicia, asistentes=3, acta="Acta")


def test_programado_a_cancelado_exige_motivo(client, alicia, crear_espacio):
    espacio = crear_espacio()
    client.force_login(alicia)
    sin_motivo = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/cancelar/", {"motivo": " ", "confirmado": "1"}
    )
    assert sin_motivo.status_code == 400
    assert "Explique por qué se cancela el espacio." in sin_motivo.content.decode()
    espacio.refresh_from_db()
    assert espacio.estado == Estado.PROGRAMADO

    con_motivo = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/cancelar/",
        {"motivo": "Lluvias fuertes", "confirmado": "1"},
    )
    assert con_motivo.status_code == 302
    espacio.refresh_from_db()
    assert (espacio.estado, espacio.motivo_cancelacion) == (Estado.CANCELADO, "Lluvias fuertes")


@pytest.mark.parametrize("final", ["realizado", "cancelado"])
def test_realizado_y_cancelado_son_finales(alicia, crear_espacio, final):
    espacio = crear_espacio(**{final: True})
    with pytest.raises(ValidationError):
        services.cancelar_espacio(espacio=espacio, usuario=alicia, motivo="Otra vez")
    with pytest.raises(ValidationError):
        services.registrar_realizacion(espacio=espacio, usuario=alicia, asistentes=5, acta="Acta")
    with pytest.raises(ValidationError, match="no se puede modificar"):
        services.editar_espacio(espacio=espacio, usuario=alicia, **_datos())
    espacio.refresh_from_db()
    assert espacio.estado == final


def test_la_base_de_datos_rechaza_un_realizado_sin_acta_o_un_cancelado_sin_motivo(crear_espacio):
    espacio = crear_espacio()
    with pytest.raises(IntegrityError), transaction.atomic():
        EspacioDialogo.objects.filter(pk=espacio.pk).update(estado=Estado.REALIZADO)
    with pytest.raises(IntegrityError), transaction.atomic():
        EspacioDialogo.objects.filter(pk=espacio.pk).update(estado=Estado.CANCELADO)


# --- Commitments -----------------------------------------------------------------


def test_compromisos_solo_en_un_espacio_realizado(client, alicia, crear_espacio):
    programado = crear_espacio()
    with pytest.raises(ValidationError, match="ya realizado"):
        services.agregar_compromiso(
            espacio=programado,
            usuario=alicia,
            descripcion="Arreglar la vía",
            responsable=Responsable.objects.get(slug="transito"),
            fecha_limite=date(2022, 9, 30),
        )
    realizado = crear_espacio(realizado=True)
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{realizado.pk}/compromisos/",
        {
            "descripcion": "Señalizar el cruce de la escuela",
            "responsable": Responsable.objects.get(slug="transito").pk,
            "fecha_limite": "2022-09-30",
        },
    )
    assert respuesta.status_code == 302
    compromiso = Compromiso.objects.get()
    assert compromiso.espacio == realizado
    assert compromiso.estado == Compromiso.Estado.PENDIENTE
    # The public page of the space shows it (MURC's «responsabilidad»).
    publica = client.get(f"/dialogos/espacios/{realizado.pk}/").content.decode()
    assert "Señalizar el cruce de la escuela" in publica
    assert "30/09/2022" in publica


# --- Attachments -----------------------------------------------------------------


def test_adjuntos_se_guardan_como_evidencia_sin_sobrescribir(client, alicia, crear_espacio):
    espacio = crear_espacio(realizado=True)
    client.force_login(alicia)
    for _ in range(2):
        respuesta = client.post(
            f"/dialogos/gestion/espacios/{espacio.pk}/adjuntos/",
            {
                "tipo": "asistencia",
                "archivo": SimpleUploadedFile("asistencia.pdf", PDF_MINIMO, "application/pdf"),
            },
        )
        assert respuesta.status_code == 302
    primero, segundo = AdjuntoEspacio.objects.order_by("pk")
    assert primero.archivo.name != segundo.archivo.name  # same name, never overwritten
    assert primero.archivo.name.startswith(f"dialogos/2022/{espacio.uid.hex}/")
    assert primero.sha256 == hashlib.sha256(PDF_MINIMO).hexdigest()
    assert (primero.tipo_contenido, primero.tamano) == ("application/pdf", len(PDF_MINIMO))
    descarga = client.get(f"/dialogos/gestion/adjuntos/{primero.pk}/")
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == PDF_MINIMO


def test_adjunto_con_contenido_falso_se_rechaza(client, alicia, crear_espacio):
    espacio = crear_espacio(realizado=True)
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/adjuntos/",
        {"tipo": "foto", "archivo": SimpleUploadedFile("foto.jpg", b"MZ\x90\x00ejecutable")},
    )
    assert respuesta.status_code == 400
    assert "no corresponde a un tipo de archivo permitido" in respuesta.content.decode()
    assert not AdjuntoEspacio.objects.exists()


def test_un_espacio_cancelado_no_recibe_adjuntos(alicia, crear_espacio):
    espacio = crear_espacio(cancelado=True)
    with pytest.raises(ValidationError, match="cancelado"):
        services.subir_adjunto(
            espacio=espacio,
            usuario=alicia,
            tipo="foto",
            archivo=SimpleUploadedFile("acta.pdf", PDF_MINIMO, "application/pdf"),
        )


def test_la_lista_de_compromisos_preselecciona_el_estado_actual_de_cada_uno(
    client, alicia, crear_espacio
):
    """The follow-up select shows each commitment's own state (read from the model)."""
    realizado = crear_espacio(realizado=True)
    compromiso = services.agregar_compromiso(
        espacio=realizado,
        usuario=alicia,
        descripcion="Señalizar el cruce de la escuela",
        responsable=Responsable.objects.get(slug="transito"),
        fecha_limite=date(2022, 9, 30),
    )
    Compromiso.objects.filter(pk=compromiso.pk).update(estado=Compromiso.Estado.EN_CURSO)
    client.force_login(alicia)
    html = client.get("/dialogos/gestion/compromisos/").content.decode()
    assert '<option value="en_curso" selected>En ejecución</option>' in html
    assert '<option value="pendiente">Pendiente</option>' in html


# --- Confirmation of final actions ------------------------------------------------


def test_cancelar_sin_confirmar_muestra_la_confirmacion_y_no_cambia_nada(
    client, alicia, crear_espacio
):
    espacio = crear_espacio(titulo="Diálogo en Genoy")
    client.force_login(alicia)
    url = f"/dialogos/gestion/espacios/{espacio.pk}/cancelar/"

    pagina = client.post(url, {"motivo": "Lluvias fuertes"})

    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "¿Cancelar el espacio «Diálogo en Genoy»?" in html
    assert "Esta acción no se puede deshacer." in html
    assert "Sí, cancelar el espacio" in html
    assert f'action="{url}"' in html
    assert '<input type="hidden" name="motivo" value="Lluvias fuertes">' in html
    assert '<input type="hidden" name="confirmado" value="1">' in html
    assert f'href="/dialogos/gestion/espacios/{espacio.pk}/">Volver</a>' in html
    espacio.refresh_from_db()
    assert espacio.estado == Estado.PROGRAMADO and espacio.motivo_cancelacion == ""

    confirmada = client.post(url, {"motivo": "Lluvias fuertes", "confirmado": "1"})
    assert confirmada.status_code == 302
    espacio.refresh_from_db()
    assert espacio.estado == Estado.CANCELADO


def test_registrar_como_realizado_sin_confirmar_no_cambia_nada(client, alicia, crear_espacio):
    espacio = crear_espacio()
    client.force_login(alicia)
    pagina = client.post(
        f"/dialogos/gestion/espacios/{espacio.pk}/realizacion/",
        {"asistentes": "85", "acta": "Se presentó el informe."},
    )
    assert pagina.status_code == 200
    assert "Sí, registrar como realizado" in pagina.content.decode()
    espacio.refresh_from_db()
    assert espacio.estado == Estado.PROGRAMADO and espacio.asistentes is None
