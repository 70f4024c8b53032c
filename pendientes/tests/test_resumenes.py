"""The digests: each user's «Mis pendientes» by e-mail, on their role's days, once a day.

The data set is conftest.py's (Educación and Salud with work pending, a question to
assign, cortes I and II not closed). 12/12/2022 is a Monday; 13/12 a Tuesday; 21/12 is
10 days before the end of corte III (31/12).
"""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from pendientes import resumenes
from pendientes.models import PreferenciaNotificaciones

LUNES, MARTES, DIEZ_DIAS_ANTES_DEL_CORTE = (
    date(2022, 12, 12),
    date(2022, 12, 13),
    date(2022, 12, 21),
)


def destinatarios():
    return sorted(mensaje.to[0] for mensaje in mail.outbox)


@pytest.fixture
def bandeja_vacia(datos, diana):
    mail.outbox.clear()  # the receipts and notices of the data set itself


def test_el_lunes_cada_rol_recibe_su_resumen_y_una_segunda_corrida_no_repite(
    bandeja_vacia, alicia, bruno, carla, diana
):
    assert resumenes.enviar_resumenes(hoy=LUNES) == 4
    assert resumenes.enviar_resumenes(hoy=LUNES) == 0

    assert destinatarios() == [
        "alicia@pasto.gov.co",
        "bruno@pasto.gov.co",
        "carla@pasto.gov.co",
        "diana@pasto.gov.co",
    ]


def test_el_resumen_de_la_oficina_trae_solo_lo_suyo_con_enlaces_absolutos(
    settings, bandeja_vacia, bruno, actividad
):
    settings.SITIO_URL = "https://rdc.pasto.gov.co"

    resumenes.enviar_resumenes(hoy=LUNES)

    [mensaje] = [m for m in mail.outbox if m.to == ["bruno@pasto.gov.co"]]
    assert mensaje.subject.startswith("Sus pendientes al 12/12/2022")
    assert "Reportar el avance de la actividad 2.4" in mensaje.body
    assert f"https://rdc.pasto.gov.co/actividades/{actividad('2.4').pk}/#reportar" in mensaje.body
    assert "1.5" not in mensaje.body and "Salud" not in mensaje.body
    assert "https://rdc.pasto.gov.co/pendientes/notificaciones/" in mensaje.body


def test_entre_semana_solo_opgi_recibe_y_las_oficinas_diez_dias_antes_del_corte(bandeja_vacia):
    resumenes.enviar_resumenes(hoy=MARTES)
    assert destinatarios() == ["alicia@pasto.gov.co"]

    mail.outbox.clear()
    resumenes.enviar_resumenes(hoy=DIEZ_DIAS_ANTES_DEL_CORTE)
    assert destinatarios() == [
        "alicia@pasto.gov.co",
        "bruno@pasto.gov.co",
        "carla@pasto.gov.co",
    ]


def test_quien_desactiva_los_resumenes_no_los_recibe(client, bandeja_vacia, bruno):
    client.force_login(bruno)

    respuesta = client.post("/pendientes/notificaciones/", {}, follow=True)

    assert "Ya no recibirá los resúmenes por correo." in respuesta.content.decode()
    preferencia = PreferenciaNotificaciones.objects.get(usuario=bruno)
    assert not preferencia.resumenes
    assert preferencia.history.first().history_user == bruno
    resumenes.enviar_resumenes(hoy=LUNES)
    assert "bruno@pasto.gov.co" not in destinatarios()


def test_sin_pendientes_no_hay_resumen(plan_2022, bruno):
    # Monday 07/02/2022: Educación's activities run from September; nothing is due.
    resumenes.enviar_resumenes(hoy=date(2022, 2, 7))

    assert "bruno@pasto.gov.co" not in destinatarios()


def test_la_orden_diaria_envia_los_resumenes_de_hoy(bandeja_vacia, hoy, capsys):
    call_command("enviar_resumenes")  # «today» is Saturday 10/12/2022: no digest

    assert "Resúmenes programados hoy: 0." in capsys.readouterr().out
    assert mail.outbox == []


def test_control_interno_recibe_su_resumen_el_dia_siguiente_al_fin_de_un_corte(bandeja_vacia):
    resumenes.enviar_resumenes(hoy=date(2023, 1, 1))  # a Sunday, after corte III of 2022

    assert "diana@pasto.gov.co" in destinatarios()
