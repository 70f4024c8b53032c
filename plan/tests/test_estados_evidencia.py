"""The review states of an evidence, declared once on the model (Evidencia.TRANSICIONES).

The services refuse what the table refuses, with its message; the activity page offers
only the buttons the table admits; every change is logged once (nucleo.cambios).
"""

import logging
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from plan import services
from plan.models import Evidencia


@pytest.fixture
def evidencia(actividad, bruno):
    return services.subir_evidencia(
        actividad=actividad("1.3"),
        usuario=bruno,
        descripcion="Acta de la audiencia",
        enlace="https://www.pasto.gov.co/acta",
    )


@pytest.mark.parametrize(
    ("estado", "aprobar", "devolver", "publicar"),
    [
        (Evidencia.Estado.ENVIADA, True, True, False),
        (Evidencia.Estado.APROBADA, False, True, True),
        (Evidencia.Estado.DEVUELTA, True, False, False),
    ],
)
def test_la_tabla_de_estados_dice_que_admite_cada_estado(estado, aprobar, devolver, publicar):
    evidencia = Evidencia(estado=estado)

    assert (evidencia.puede_aprobarse, evidencia.puede_devolverse) == (aprobar, devolver)
    assert evidencia.puede_publicarse == publicar
    assert not evidencia.puede_retirarse


def test_una_evidencia_publica_se_retira_y_no_se_publica_otra_vez():
    evidencia = Evidencia(estado=Evidencia.Estado.APROBADA, publica=True)

    assert evidencia.puede_retirarse
    assert not evidencia.puede_publicarse


def test_aprobar_dos_veces_se_rechaza_con_el_mensaje_de_la_tabla(evidencia, alicia):
    services.aprobar_evidencia(evidencia=evidencia, revisor=alicia)

    with pytest.raises(ValidationError, match="La evidencia ya está aprobada."):
        services.aprobar_evidencia(evidencia=evidencia, revisor=alicia)


def test_una_evidencia_no_aprobada_no_se_publica(evidencia, alicia):
    with pytest.raises(ValidationError, match="Solo una evidencia aprobada puede publicarse."):
        services.cambiar_publicacion(evidencia=evidencia, revisor=alicia, publica=True)

    evidencia.refresh_from_db()
    assert not evidencia.publica


def test_devolver_una_evidencia_publica_la_retira(evidencia, alicia):
    services.aprobar_evidencia(evidencia=evidencia, revisor=alicia)
    services.cambiar_publicacion(evidencia=evidencia, revisor=alicia, publica=True)

    services.devolver_evidencia(evidencia=evidencia, revisor=alicia, comentario="Falta la firma.")

    evidencia.refresh_from_db()
    assert (evidencia.estado, evidencia.publica) == (Evidencia.Estado.DEVUELTA, False)


def test_la_pagina_ofrece_solo_los_botones_que_admite_el_estado(client, evidencia, alicia):
    services.aprobar_evidencia(evidencia=evidencia, revisor=alicia)
    client.force_login(alicia)

    pagina = client.get(f"/actividades/{evidencia.actividad_id}/").content.decode()

    assert 'value="devolver"' in pagina
    assert 'value="publicar"' in pagina
    assert 'value="aprobar"' not in pagina


def test_cada_cambio_de_estado_se_registra_una_vez(evidencia, alicia, caplog):
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        services.aprobar_evidencia(evidencia=evidencia, revisor=alicia)
        services.cambiar_publicacion(evidencia=evidencia, revisor=alicia, publica=True)

    cambios = [r.getMessage() for r in caplog.records if r.name == "rdc.cambios"]
    assert len(cambios) == 2
    assert cambios[0].startswith("cambio=evidencia.aprobada ")
    assert "anterior=enviada" in cambios[0]
    assert cambios[1].startswith("cambio=evidencia.publicada ")


def test_el_avance_la_fuente_y_las_observaciones_tambien_se_registran(
    actividad, alicia, bruno, caplog
):
    educacion = actividad("1.3")
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        services.registrar_avance(
            actividad=educacion,
            usuario=bruno,
            fecha=date(2022, 6, 30),
            cantidad=Decimal(1),
            narrativa="Avance.",
            hoy=date(2022, 12, 31),
            confirmado=True,  # before the activity's window (01/09–20/12)
            motivo="Reportado antes de la ventana.",
        )
        services.guardar_observacion(actividad=educacion, corte=2, texto="Bien", usuario=alicia)
        services.cambiar_fuente_avance(actividad=educacion, usuario=alicia, fuente="")

    cambios = [r.getMessage().split()[0] for r in caplog.records if r.name == "rdc.cambios"]
    assert cambios == [
        "cambio=avance.enviado",
        "cambio=observacion.guardada",
        "cambio=actividad.fuente_avance",
    ]
