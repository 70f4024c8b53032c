"""A hand progress report on an activity that counts its progress automatically.

The defect: plan/services.py accepted the report (only the page hid the form), the
user read «Avance registrado» and the report never counted. Now the service refuses
it, says why (the activity counts itself from its source) and what to do (OPGI
switches it to manual), and writes nothing.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from plan import fuentes, services


@pytest.fixture
def automatica(actividad, alicia):
    """Educación's activity 1.3, switched by OPGI to the last registered automatic source."""
    educacion = actividad("1.3")
    clave = fuentes.opciones()[-1][0]
    services.cambiar_fuente_avance(actividad=educacion, usuario=alicia, fuente=clave)
    educacion.refresh_from_db()
    return educacion


def _etiqueta(actividad) -> str:
    registrada = fuentes.fuente(actividad.fuente_avance)
    assert registrada is not None
    return registrada.etiqueta


def test_un_avance_manual_en_una_actividad_automatica_se_rechaza_con_un_mensaje(automatica, bruno):
    with pytest.raises(ValidationError) as error:
        services.registrar_avance(
            actividad=automatica,
            usuario=bruno,
            fecha=date(2022, 6, 30),
            cantidad=Decimal(1),
            narrativa="A mano.",
            hoy=date(2022, 12, 31),
        )

    mensaje = " ".join(error.value.messages)
    assert f"cuenta su avance automáticamente a partir de «{_etiqueta(automatica)}»" in mensaje
    assert "pida a OPGI que cambie la actividad a avance manual" in mensaje
    assert not automatica.avances.exists()


def test_un_avance_manual_en_una_actividad_automatica_se_rechaza_tambien_por_http(
    client, automatica, bruno
):
    client.force_login(bruno)
    respuesta = client.post(
        f"/actividades/{automatica.pk}/avances/",
        {"fecha": "2022-06-30", "cantidad": "1", "narrativa": "A mano."},
    )

    pagina = respuesta.content.decode()
    assert respuesta.status_code == 400
    assert f"a partir de «{_etiqueta(automatica)}»" in pagina
    assert "Avance registrado" not in pagina
    assert not automatica.avances.exists()


def test_al_volver_a_avance_manual_la_oficina_reporta_de_nuevo(automatica, alicia, bruno):
    """The refusal is about the source, not the activity: switched back, it takes reports."""
    services.cambiar_fuente_avance(actividad=automatica, usuario=alicia, fuente="")

    avance = services.registrar_avance(
        actividad=automatica,
        usuario=bruno,
        fecha=date(2022, 6, 30),
        cantidad=Decimal(1),
        narrativa="A mano.",
        hoy=date(2022, 12, 31),
        confirmado=True,
        motivo="Fuera de la ventana de la actividad.",
    )

    assert list(automatica.avances.all()) == [avance]
