"""The follow-up's observaciones: stored per activity, corte and origin. Control Interno
writes its own; OPGI, the audited office, writes only its separate «Observación de OPGI»."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plan import services
from plan.models import ObservacionSeguimiento

URL = "/informes/seguimiento/alcaldia-de-pasto-paac-2022/{}/observaciones/"


def observaciones() -> dict[tuple[str, int, str], tuple[str, str]]:
    """Stored observaciones: (code, corte, origin) → (text, username of who wrote it last)."""
    return {
        (o.actividad.codigo, o.corte, o.origen): (o.texto, o.actualizada_por.username)
        for o in ObservacionSeguimiento.objects.select_related("actividad", "actualizada_por")
    }


CI = ObservacionSeguimiento.Origen.CONTROL_INTERNO
OPGI = ObservacionSeguimiento.Origen.OPGI


def campo(actividad) -> str:
    return f"observacion-{actividad.pk}"


def version(actividad) -> str:
    return f"version-{actividad.pk}"


# --- The service ------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "origen"), [("alicia", OPGI), ("diana", CI)])
def test_cada_rol_escribe_la_observacion_de_su_origen(request, actividad, persona, origen):
    usuario = request.getfixturevalue(persona)

    services.guardar_observacion(
        actividad=actividad("1.7"),
        corte=2,
        texto="  Primera edición distribuida. ",
        usuario=usuario,
    )

    assert observaciones() == {("1.7", 2, origen): ("Primera edición distribuida.", persona)}


def test_opgi_no_sobrescribe_la_observacion_de_control_interno(alicia, diana, actividad):
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="A", usuario=diana)
    services.guardar_observacion(actividad=actividad("1.7"), corte=3, texto="B", usuario=diana)
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="C", usuario=alicia)
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="D", usuario=diana)

    assert observaciones() == {
        ("1.7", 2, CI): ("D", "diana"),  # replaced only by Control Interno itself
        ("1.7", 3, CI): ("B", "diana"),
        ("1.7", 2, OPGI): ("C", "alicia"),  # OPGI's own, beside it
    }


def test_cada_cambio_de_una_observacion_queda_en_su_historial(diana, actividad):
    observacion = services.guardar_observacion(
        actividad=actividad("1.7"), corte=2, texto="A", usuario=diana
    )
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="B", usuario=diana)

    historial = list(observacion.history.order_by("history_id"))
    assert [(h.history_type, h.texto, h.history_user.username) for h in historial] == [
        ("+", "A", "diana"),
        ("~", "B", "diana"),
    ]


def test_una_edicion_concurrente_no_pisa_la_observacion_guardada_entre_tanto(
    alicia, diana, django_user_model, actividad
):
    from nucleo import roles

    otra = django_user_model.objects.create_user("ernesto", first_name="Ernesto")
    otra.groups.add(*diana.groups.all())
    assert roles.rol_de(otra) == roles.rol_de(diana)
    leida = services.version_observacion(None)  # both open the page: no observation yet
    services.guardar_observacion(
        actividad=actividad("1.7"), corte=2, texto="La de Ernesto", usuario=otra, visto=leida
    )

    with pytest.raises(ValidationError) as error:
        services.guardar_observacion(
            actividad=actividad("1.7"), corte=2, texto="La de Diana", usuario=diana, visto=leida
        )

    [mensaje] = error.value.message_dict["texto"]
    assert mensaje.startswith("Ernesto guardó esta observación el ")
    assert "«La de Ernesto»" in mensaje
    assert observaciones() == {("1.7", 2, CI): ("La de Ernesto", "ernesto")}


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


def test_la_pagina_muestra_cada_actividad_con_su_observacion_del_corte(
    client, alicia, diana, actividad
):
    services.guardar_observacion(actividad=actividad("1.7"), corte=2, texto="Del II", usuario=diana)
    services.guardar_observacion(actividad=actividad("1.7"), corte=1, texto="Del I", usuario=diana)
    services.guardar_observacion(
        actividad=actividad("1.7"), corte=2, texto="Nota de planeación", usuario=alicia
    )
    client.force_login(diana)

    html = client.get(URL.format(2)).content.decode()

    assert len(re.findall(r"<textarea ", html)) == 23
    assert re.findall(r'<tr data-actividad="([\d.]+)"', html)[:3] == ["1.1", "1.2", "1.3"]
    area = re.search(
        rf'<textarea name="{campo(actividad("1.7"))}"[^>]*>(.*?)</textarea>', html, re.S
    )
    assert area.group(1).strip() == "Del II"
    assert "Del I<" not in html
    # OPGI's observation is shown beside, read-only and labelled as OPGI's.
    assert "<strong>Observación de OPGI</strong>" in html
    assert "Nota de planeación" in html
    assert "Seguimiento Oficina de Control Interno – II cuatrimestre" in html


def test_un_post_guarda_solo_las_observaciones_que_cambiaron(client, diana, actividad):
    services.guardar_observacion(actividad=actividad("1.1"), corte=3, texto="Igual", usuario=diana)
    vieja = services.guardar_observacion(
        actividad=actividad("1.2"), corte=3, texto="Vieja", usuario=diana
    )
    client.force_login(diana)
    datos = {campo(actividad("1.1")): "Igual", campo(actividad("1.2")): "Nueva"}
    datos[version(actividad("1.2"))] = services.version_observacion(vieja)
    datos[campo(actividad("3.4"))] = "Sin informes publicados."

    respuesta = client.post(URL.format(3), datos, follow=True)

    assert respuesta.redirect_chain == [(URL.format(3), 302)]
    assert "Observaciones guardadas: 2 actividades." in respuesta.content.decode()
    assert observaciones() == {
        ("1.1", 3, CI): ("Igual", "diana"),
        ("1.2", 3, CI): ("Nueva", "diana"),
        ("3.4", 3, CI): ("Sin informes publicados.", "diana"),
    }
    assert vieja.history.count() == 2  # «Igual» was not rewritten: one save, one change


def test_un_post_sobre_una_observacion_cambiada_entre_tanto_la_muestra_y_no_la_pisa(
    client, diana, django_user_model, actividad
):
    ernesto = django_user_model.objects.create_user("ernesto", first_name="Ernesto")
    ernesto.groups.add(*diana.groups.all())
    client.force_login(diana)
    html = client.get(URL.format(2)).content.decode()
    leida = re.search(rf'name="{version(actividad("1.7"))}" value="(\d+)"', html).group(1)
    services.guardar_observacion(
        actividad=actividad("1.7"), corte=2, texto="La de Ernesto", usuario=ernesto
    )

    respuesta = client.post(
        URL.format(2),
        {
            campo(actividad("1.7")): "La de Diana",
            version(actividad("1.7")): leida,
            campo(actividad("1.1")): "Otra",
        },
    )

    assert respuesta.status_code == 409
    html = respuesta.content.decode()
    assert "Ernesto guardó esta observación el " in html
    assert "La de Diana</textarea>" in html  # what she typed is still there
    assert observaciones() == {
        ("1.7", 2, CI): ("La de Ernesto", "ernesto"),
        ("1.1", 2, CI): ("Otra", "diana"),  # the rest was saved
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
    [
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/4/observaciones/",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2019/1/observaciones/",
    ],
)
def test_plan_o_corte_desconocidos_son_404(client, alicia, url):
    client.force_login(alicia)
    assert client.get(url).status_code == 404
