"""An approved report is never edited: a correction is a new report that replaces it.

Bruno (Educación) reported «1 de 1» on 1.3 and OPGI approved it; the report was
wrong (the informe had not been published yet). He corrects it to 0, with a reason:
the correction goes to OPGI's review like any other report, the old figure counts
until then, and once approved the old report stays, marked «Reemplazado». OPGI's own
correction replaces at once.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from plan import services, servicios_avances
from plan.models import Avance
from plan.tests.test_revision_avances import porcentaje_publico, reportar

MOTIVO = "El informe no se había publicado: se reportó por error."


@pytest.fixture
def aprobado(actividad, alicia, bruno) -> Avance:
    avance = reportar(actividad, bruno)
    return servicios_avances.aprobar_avance(avance=avance, revisor=alicia)


def corregir(client, avance, **datos):
    valores = {"fecha": "2022-09-20", "cantidad": "0", "narrativa": "Aún en preparación."}
    return client.post(f"/avances/{avance.pk}/correccion/", valores | datos)


def test_la_correccion_de_una_oficina_espera_la_revision_y_luego_reemplaza(
    client, alicia, bruno, aprobado
):
    client.force_login(bruno)

    respuesta = corregir(client, aprobado, motivo=MOTIVO)

    assert respuesta.status_code == 302
    correccion = Avance.objects.get(corrige=aprobado)
    assert (correccion.estado, correccion.motivo) == (Avance.Estado.ENVIADO, MOTIVO)
    assert porcentaje_publico(client) == 100  # the approved figure counts until review

    servicios_avances.aprobar_avance(avance=correccion, revisor=alicia)

    aprobado.refresh_from_db()
    assert aprobado.estado == Avance.Estado.REEMPLAZADO
    assert porcentaje_publico(client) == 0
    assert Avance.objects.filter(actividad=aprobado.actividad).count() == 2  # nothing deleted


def test_una_correccion_exige_su_motivo(client, bruno, aprobado):
    client.force_login(bruno)

    respuesta = corregir(client, aprobado, motivo="  ")

    assert respuesta.status_code == 400
    assert services.MENSAJE_MOTIVO_CORRECCION in respuesta.content.decode()
    assert not Avance.objects.filter(corrige=aprobado).exists()


def test_una_correccion_menor_no_se_compara_con_el_avance_que_corrige(bruno, actividad, aprobado):
    correccion = reportar(
        actividad, bruno, fecha=date(2022, 9, 20), cantidad=0, corrige=aprobado, motivo=MOTIVO
    )

    assert correccion.estado == Avance.Estado.ENVIADO  # no «lower than approved» question


def test_la_correccion_de_opgi_reemplaza_al_guardarla(alicia, actividad, aprobado):
    correccion = reportar(actividad, alicia, cantidad=0, corrige=aprobado, motivo=MOTIVO)

    aprobado.refresh_from_db()
    assert correccion.estado == Avance.Estado.APROBADO
    assert aprobado.estado == Avance.Estado.REEMPLAZADO


def test_solo_se_corrige_un_avance_aprobado(client, bruno, actividad):
    pendiente = reportar(actividad, bruno)

    with pytest.raises(ValidationError) as error:
        reportar(actividad, bruno, cantidad=0, corrige=pendiente, motivo=MOTIVO)
    assert error.value.messages == [services.MENSAJE_SOLO_APROBADOS_SE_CORRIGEN]

    client.force_login(bruno)
    respuesta = client.get(f"/avances/{pendiente.pk}/correccion/", follow=True)
    assert services.MENSAJE_SOLO_APROBADOS_SE_CORRIGEN in respuesta.content.decode()


def test_otra_oficina_no_corrige_los_avances_de_educacion(client, carla, aprobado):
    client.force_login(carla)

    assert client.get(f"/avances/{aprobado.pk}/correccion/").status_code in (403, 404)
    assert corregir(client, aprobado, motivo=MOTIVO).status_code in (403, 404)
    assert not Avance.objects.filter(corrige=aprobado).exists()


def test_la_pagina_de_la_actividad_ofrece_corregir_solo_lo_aprobado(
    client, bruno, actividad, aprobado
):
    pendiente = reportar(actividad, bruno, fecha=date(2022, 9, 30))
    client.force_login(bruno)

    pagina = client.get(f"/actividades/{aprobado.actividad_id}/").content.decode()
    formulario = client.get(f"/avances/{aprobado.pk}/correccion/")

    assert f'href="/avances/{aprobado.pk}/correccion/"' in pagina
    assert f'href="/avances/{pendiente.pk}/correccion/"' not in pagina
    assert formulario.status_code == 200
    assert formulario.context["form"].initial["cantidad"] == Decimal(1)
