"""An office is told by e-mail when OPGI returns its evidence or its progress report.

Bruno (Educación) owns 1.3; carla (Salud) does not. A second Educación user and an
inactive one show who receives: every active user of the activity's offices.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from conftest import crear_usuario
from nucleo import roles
from nucleo.models import Correo
from plan import services, servicios_avances


@pytest.fixture
def educacion(bruno):
    crear_usuario("elena", roles.OFICINA, "educacion")
    inactivo = crear_usuario("ernesto", roles.OFICINA, "educacion")
    inactivo.is_active = False
    inactivo.save()


def test_la_evidencia_devuelta_se_avisa_a_la_oficina_con_el_comentario_y_el_enlace(
    settings, actividad, alicia, bruno, carla, educacion
):
    settings.SITIO_URL = "https://rdc.pasto.gov.co"
    evidencia = services.subir_evidencia(
        actividad=actividad("1.3"), usuario=bruno, descripcion="Acta", enlace="https://x.org/a"
    )
    mail.outbox.clear()

    services.devolver_evidencia(evidencia=evidencia, revisor=alicia, comentario="Falta la firma.")

    assert sorted(m.to[0] for m in mail.outbox) == ["bruno@pasto.gov.co", "elena@pasto.gov.co"]
    mensaje = mail.outbox[0]
    assert mensaje.subject.startswith("OPGI devolvió una evidencia de la actividad 1.3")
    assert "Falta la firma." in mensaje.body
    assert f"https://rdc.pasto.gov.co/actividades/{actividad('1.3').pk}/#evidencias" in mensaje.body


def test_el_avance_devuelto_se_avisa_una_vez_y_aprobar_no_avisa(actividad, alicia, bruno):
    avance = services.registrar_avance(
        actividad=actividad("1.3"),
        usuario=bruno,
        fecha=date(2022, 9, 15),
        cantidad=Decimal(1),
        narrativa="Informe.",
        hoy=date(2022, 12, 31),
    )
    servicios_avances.aprobar_avance(
        avance=services.registrar_avance(
            actividad=actividad("1.3"),
            usuario=bruno,
            fecha=date(2022, 9, 20),
            cantidad=Decimal(1),
            narrativa="Otro.",
            hoy=date(2022, 12, 31),
        ),
        revisor=alicia,
    )
    assert mail.outbox == []

    servicios_avances.devolver_avance(avance=avance, revisor=alicia, comentario="Sin soporte.")

    [mensaje] = mail.outbox
    assert mensaje.to == ["bruno@pasto.gov.co"]
    assert "avance del 15/09/2022" in mensaje.body and "Sin soporte." in mensaje.body
    assert Correo.objects.get().estado == Correo.Estado.ENVIADO
