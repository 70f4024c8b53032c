"""Paper forms typed in by staff: quick («Guardar y siguiente»), marked as paper, dated."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from encuestas import services
from encuestas.models import Respuesta

from .conftest import minimas, preguntas


def _url(encuesta) -> str:
    return f"/encuestas/gestion/{encuesta.pk}/papel/"


def _formato(encuesta, fecha="2022-08-10", **extra) -> dict:
    return {"fecha": fecha, **minimas(encuesta.cuestionario), **extra}


def test_el_formulario_de_papel_es_de_teclado(client, bruno, encuesta):
    client.force_login(bruno)
    respuesta = client.get(_url(encuesta))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    # The date first, prefilled with the space's day; scales are typed as a digit.
    assert html.index('name="fecha"') < html.index('name="p')
    assert 'value="2022-08-10"' in html
    assert html.count('class="escala-papel"') == 3 and 'inputmode="numeric"' in html
    assert "1 – Totalmente en desacuerdo · 2 – En desacuerdo" in html
    # «Guardar y siguiente» is the first button, the one Enter presses.
    assert html.index('name="siguiente"') < html.index('name="terminar"')
    assert 'name="sitio_web"' not in html and 'name="testigo"' not in html


def test_guardar_y_siguiente_abre_un_formato_nuevo_con_la_misma_fecha(client, bruno, encuesta):
    client.force_login(bruno)
    respuesta = client.post(_url(encuesta), {**_formato(encuesta), "siguiente": ""})
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"{_url(encuesta)}?fecha=2022-08-10"
    guardada = Respuesta.objects.get()
    assert guardada.canal == "papel" and guardada.registrada_por == bruno
    assert guardada.fecha == date(2022, 8, 10) and guardada.token is None
    siguiente = client.get(respuesta["Location"])
    html = siguiente.content.decode()
    assert "Formatos en papel digitados en esta encuesta: 1" in html
    assert 'value="2022-08-10"' in html
    # An empty form again: no answer of the previous one is carried over.
    assert "checked" not in html


def test_guardar_y_terminar_vuelve_a_la_encuesta(client, alicia, encuesta):
    client.force_login(alicia)
    respuesta = client.post(_url(encuesta), {**_formato(encuesta), "terminar": ""})
    assert respuesta["Location"] == f"/encuestas/gestion/{encuesta.pk}/"
    assert Respuesta.objects.filter(canal="papel").count() == 1


def test_la_escala_digitada_fuera_de_rango_se_rechaza(client, bruno, encuesta):
    client.force_login(bruno)
    escala = encuesta.cuestionario.preguntas.filter(tipo="escala").first()
    respuesta = client.post(_url(encuesta), _formato(encuesta, **{escala.campo: "6"}))
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors[escala.campo] == ["Elija un valor de 1 a 5."]
    assert not Respuesta.objects.exists()


def test_la_fecha_del_formato_debe_ser_de_la_encuesta_y_no_futura(encuesta, alicia):
    datos = minimas(encuesta.cuestionario)
    hoy = timezone.localdate()
    for fecha, mensaje in [
        (hoy + timedelta(days=1), "posterior a hoy"),
        (date(2022, 8, 9), "no puede ser anterior al 10/08/2022"),
    ]:
        with pytest.raises(ValidationError, match=mensaje):
            services.registrar_papel(
                usuario=alicia, encuesta=encuesta, respuestas=datos, fecha=fecha
            )
    assert not Respuesta.objects.exists()


def test_el_papel_se_digita_aun_con_la_encuesta_cerrada(encuesta, alicia):
    # The web form closed, but the forms collected at the event are still typed in.
    abre, cierra = timezone.now() - timedelta(days=9), timezone.now() - timedelta(days=2)
    encuesta = services.editar_encuesta(
        usuario=alicia,
        encuesta=encuesta,
        cuestionario=encuesta.cuestionario,
        abre_en=abre,
        cierra_en=cierra,
    )
    respuesta = services.registrar_papel(
        usuario=alicia,
        encuesta=encuesta,
        respuestas=minimas(encuesta.cuestionario),
        fecha=timezone.localdate(abre),
    )
    assert respuesta.canal == "papel"


def test_solo_opgi_y_la_oficina_organizadora_digitan(encuesta, carla, diana, bruno):
    datos = minimas(encuesta.cuestionario)
    for usuario in (carla, diana):
        with pytest.raises(PermissionDenied):
            services.registrar_papel(
                usuario=usuario, encuesta=encuesta, respuestas=datos, fecha=date(2022, 8, 10)
            )
    por_clase = preguntas(encuesta.cuestionario)
    assert (
        services.registrar_papel(
            usuario=bruno,
            encuesta=encuesta,
            respuestas={**datos, por_clase["texto_largo"].campo: "Más horarios en la tarde."},
            fecha=date(2022, 8, 10),
        )
        .valores.filter(texto="Más horarios en la tarde.")
        .exists()
    )
    assert Respuesta.objects.count() == 1
