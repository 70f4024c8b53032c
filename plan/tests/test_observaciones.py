"""The follow-up's observaciones: stored per activity and corte, written by OPGI and Control interno."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plan import services
from plan.models import ObservacionSeguimiento

URL = "/informes/seguimiento/2022/{}/observaciones/"


def observaciones() -> dict[tuple[str, int], tuple[str, str]]:
    """Stored observaciones: (code, corte) → (text, username of who wrote it last)."""
    return {
        (o.actividad.codigo, o.corte): (o.texto, o.actualizada_por.username)
        for o in ObservacionSeguimiento.objects.select_related("actividad", "actualizada_por")
    }


def campo(actividad) -> str:
    return f"observacion-{actividad.pk}"


# --- The service ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alicia", "diana"])
def test_opgi_y_control_interno_guardan_observaciones(request, actividad, persona):
    usuario = request.getfixturevalue(persona)

    services.guardar_observacion(
        actividad=actividad("1.7"),
        corte=2,
        texto="  Primera edición distribuida. ",
        usuario=usuario,
    )

    assert observaciones() == {("1.7", 2): ("Primera edición distribuida.", persona)}


def test_guardar_de_nuevo_reemplaza_la_observacion_del_mismo_corte(alicia, diana, actividad):
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="A", usuario=alicia)
    services.guardar_observacion(actividad=actividad("1.7"), corte=3, texto="B", usuario=alicia)
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="C", usuario=diana)

    assert observaciones() == {("1.7", 2): ("C", "diana"), ("1.7", 3): ("B", "alicia")}


@pytest.mark.parametrize("persona", ["bruno", "carla"])
def test_una_oficina_no_escribe_observaciones_ni_en_sus_actividades(request, actividad, persona):
    usuario = request.getfixturevalue(persona)
    propia = {"bruno": "1.3", "carla": "1.5"}[persona]

    with pytest.raises(PermissionDenied):
        services.guardar_observacion(
            actividad=actividad(propia), corte=1, texto="Todo bien", usuario=usuario
        )
    assert observaciones() == {}


@pytest.mark.parametrize(
    ("corte", "texto", "campo_con_error"),
    [(0, "Bien", "corte"), (4, "Bien", "corte"), (1, "x" * 4001, "texto")],
)
def test_corte_o_texto_no_validos_no_escriben_nada(
    alicia, actividad, corte, texto, campo_con_error
):
    with pytest.raises(ValidationError) as error:
        services.guardar_observacion(
            actividad=actividad("1.1"), corte=corte, texto=texto, usuario=alicia
        )
    assert campo_con_error in error.value.message_dict
    assert observaciones() == {}


# --- The page ---------------------------------------------------------------------------


def test_la_pagina_muestra_cada_actividad_con_su_observacion_del_corte(client, diana, actividad):
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="Del II", usuario=diana)
    services.guardar_observacion(actividad=actividad("1.7"), corte=1, texto="Del I", usuario=diana)
    client.force_login(diana)

    html = client.get(URL.format(2)).content.decode()

    assert len(re.findall(r"<textarea ", html)) == 23
    assert re.findall(r'<tr data-actividad="([\d.]+)"', html)[:3] == ["1.1", "1.2", "1.3"]
    area = re.search(
        rf'<textarea name="{campo(actividad("1.7"))}"[^>]*>(.*?)</textarea>', html, re.S
    )
    assert area.group(1).strip() == "Del II"
    assert "Del I<" not in html
    assert "Seguimiento Oficina de Control Interno – II cuatrimestre" in html


def test_un_post_guarda_solo_las_observaciones_que_cambiaron(client, alicia, diana, actividad):
    services.guardar_observacion(actividad=actividad("1.1"), corte=3, texto="Igual", usuario=alicia)
    services.guardar_observacion(actividad=actividad("1.2"), corte=3, texto="Vieja", usuario=alicia)
    client.force_login(diana)
    datos = {campo(actividad("1.1")): "Igual", campo(actividad("1.2")): "Nueva"}
    datos[campo(actividad("3.4"))] = "Sin informes publicados."

    respuesta = client.post(URL.format(3), datos, follow=True)

    assert respuesta.redirect_chain == [(URL.format(3), 302)]
    assert "Observaciones guardadas: 2 actividades." in respuesta.content.decode()
    assert observaciones() == {
        ("1.1", 3): ("Igual", "alicia"),  # unchanged: not rewritten
        ("1.2", 3): ("Nueva", "diana"),
        ("3.4", 3): ("Sin informes publicados.", "diana"),
    }


def test_un_post_con_un_texto_demasiado_largo_no_guarda_nada(client, diana, actividad):
    client.force_login(diana)
    datos = {campo(actividad("1.1")): "Bien", campo(actividad("1.2")): "x" * 4001}

    respuesta = client.post(URL.format(1), datos)

    assert respuesta.status_code == 400
    assert 'role="alert"' in respuesta.content.decode()
    assert observaciones() == {}


@pytest.mark.parametrize("metodo", ["get", "post"])
def test_una_oficina_no_abre_la_pagina_de_observaciones(client, bruno, actividad, metodo):
    client.force_login(bruno)

    respuesta = getattr(client, metodo)(URL.format(1), {campo(actividad("1.3")): "Hecho"})

    assert respuesta.status_code == 403
    assert observaciones() == {}


def test_sin_sesion_la_pagina_pide_ingresar(client, plan_2022):
    respuesta = client.get(URL.format(1))

    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/cuentas/login/")


@pytest.mark.parametrize(
    "url",
    ["/informes/seguimiento/2022/4/observaciones/", "/informes/seguimiento/2019/1/observaciones/"],
)
def test_plan_o_corte_desconocidos_son_404(client, alicia, url):
    client.force_login(alicia)
    assert client.get(url).status_code == 404
