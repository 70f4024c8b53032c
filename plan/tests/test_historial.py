"""Chain of trust: the history of everything (issue 12, part 5).

Every change leaves a history row with its user; OPGI and Control interno read an
activity's «Historial» field by field; nobody but the superuser hard-deletes; two
people editing the same activity in the admin cannot overwrite each other.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from nucleo import roles
from plan.models import Actividad, Avance, Evidencia, ObservacionSeguimiento
from plan.tests.test_admin import datos_formulario


def cambio_url(actividad):
    return f"/admin/plan/actividad/{actividad.pk}/change/"


def historial_url(actividad):
    return f"/actividades/{actividad.pk}/historial/"


def formulario_del_admin(client, actividad):
    """What the browser sends back: every hidden field, the version included (empty
    while the activity, loaded from the seed, has no history row yet)."""
    datos = datos_formulario(client.get(cambio_url(actividad)))
    datos.setdefault("version", "")
    return datos


def editar_en_el_admin(client, actividad, **cambios):
    datos = datos_formulario(client.get(cambio_url(actividad)))
    datos.update(cambios)
    return client.post(cambio_url(actividad), datos)


def otra_persona_de_opgi():
    usuario = get_user_model().objects.create_user("olga", password="clave-de-prueba")
    usuario.groups.add(Group.objects.get(name=roles.OPGI))
    usuario.is_staff = True
    usuario.save()
    return usuario


# --- every kind of change leaves its row, with its user -------------------------


def test_cada_tipo_de_cambio_deja_su_fila_de_historial_con_usuario_y_campos(
    client, alicia, bruno, actividad
):
    propia = actividad("1.3")
    client.force_login(alicia)
    assert editar_en_el_admin(client, propia, producto="Informe publicado").status_code == 302
    client.force_login(bruno)
    client.post(
        f"/actividades/{propia.pk}/avances/",
        {"fecha": "2022-09-15", "cantidad": "0.5", "narrativa": "Borrador"},
    )
    client.post(
        f"/actividades/{propia.pk}/evidencias/",
        {"descripcion": "Informe en el portal", "enlace": "https://www.pasto.gov.co/i"},
    )
    evidencia = Evidencia.objects.get(actividad=propia)
    client.force_login(alicia)
    client.post(f"/evidencias/{evidencia.pk}/revision/", {"accion": "aprobar", "comentario": ""})
    client.post(
        "/admin/plan/observacionseguimiento/add/",
        {"actividad": propia.pk, "corte": 3, "origen": "opgi", "texto": "Sin soporte."},
    )

    assert Actividad.history.filter(id=propia.pk, history_user=alicia).count() == 1
    assert Avance.history.filter(actividad_id=propia.pk, history_user=bruno).count() == 1
    assert Evidencia.history.filter(id=evidencia.pk, history_user=alicia).count() == 1
    assert ObservacionSeguimiento.history.filter(history_user=alicia).count() == 1
    html = client.get(historial_url(propia)).content.decode()
    assert "<caption>Historial de la actividad" in html
    assert re.search(r"<strong>Producto</strong>: sin registro anterior → Informe publicado", html)
    assert re.search(r"<strong>Estado</strong>: Enviada → Aprobada", html)
    assert re.search(r"<strong>Observaciones</strong>: — → Sin soporte.", html)
    assert "Avance n.º" in html and ">bruno<" in html and ">alicia<" in html


def test_control_interno_lee_el_historial_y_una_oficina_no(client, diana, bruno, actividad):
    propia = actividad("1.3")
    client.force_login(diana)
    assert client.get(historial_url(propia)).status_code == 200
    assert "Historial" in client.get(f"/actividades/{propia.pk}/").content.decode()
    client.force_login(bruno)
    assert client.get(historial_url(propia)).status_code == 403
    assert 'historial/"' not in client.get(f"/actividades/{propia.pk}/").content.decode()


def test_una_visita_anonima_va_al_ingreso(client, actividad):
    respuesta = client.get(historial_url(actividad("1.3")))
    assert respuesta.status_code == 302
    assert "/cuentas/" in respuesta.url or "login" in respuesta.url or "ingreso" in respuesta.url


def _cambios_del_producto(client, actividad, veces):
    for numero in range(veces):
        editar_en_el_admin(client, actividad, producto=f"Versión {numero}")


def test_el_historial_hace_las_mismas_consultas_con_pocos_o_muchos_cambios(
    client, alicia, actividad, django_assert_num_queries
):
    pocos, muchos = actividad("1.3"), actividad("1.4")
    client.force_login(alicia)
    _cambios_del_producto(client, pocos, 1)
    _cambios_del_producto(client, muchos, 6)
    client.get(historial_url(pocos))  # the session and role, read once

    # session, user, groups, the activity and its checks, six history querysets
    with django_assert_num_queries(12):
        client.get(historial_url(pocos))
    with django_assert_num_queries(12):
        assert client.get(historial_url(muchos)).content.decode().count("Versión") >= 6


# --- no hard deletion, but by the superuser (and it leaves its row) --------------


def test_opgi_no_borra_en_el_admin_ni_ve_la_accion_de_borrar(client, alicia, actividad):
    propia = actividad("1.3")
    client.force_login(alicia)
    assert client.get(f"/admin/plan/actividad/{propia.pk}/delete/").status_code == 403
    assert (
        client.post(f"/admin/plan/actividad/{propia.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    listado = client.get("/admin/plan/actividad/")
    assert "delete_selected" not in listado.content.decode()
    assert Actividad.objects.filter(pk=propia.pk).exists()


def test_el_superusuario_borra_y_queda_la_fila_de_historial_con_su_usuario(
    admin_client, admin_user, actividad
):
    observacion = ObservacionSeguimiento.objects.create(
        actividad=actividad("1.3"), corte=1, texto="Borrador"
    )
    url = f"/admin/plan/observacionseguimiento/{observacion.pk}/delete/"

    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert not ObservacionSeguimiento.objects.filter(pk=observacion.pk).exists()
    borrado = ObservacionSeguimiento.history.get(id=observacion.pk, history_type="-")
    assert borrado.history_user == admin_user


def test_el_historial_del_admin_no_revierte(client, alicia, actividad):
    propia = actividad("1.3")
    client.force_login(alicia)
    editar_en_el_admin(client, propia, producto="Nuevo")
    version = Actividad.history.filter(id=propia.pk).first().history_id
    url = f"/admin/plan/actividad/{propia.pk}/history/{version}/"
    assert client.get(f"/admin/plan/actividad/{propia.pk}/history/").status_code == 200
    assert client.post(url, {}).status_code == 403


# --- optimistic concurrency ----------------------------------------------------


def test_dos_ediciones_a_la_vez_la_segunda_se_rechaza_y_no_se_pierde_nada(
    client, alicia, actividad
):
    propia = actividad("1.3")
    olga = otra_persona_de_opgi()
    client.force_login(alicia)
    de_alicia = formulario_del_admin(client, propia)
    client.force_login(olga)
    de_olga = formulario_del_admin(client, propia)

    de_olga["producto"] = "Informe de Olga"
    assert client.post(cambio_url(propia), de_olga).status_code == 302
    client.force_login(alicia)
    de_alicia["producto"] = "Informe de Alicia"
    respuesta = client.post(cambio_url(propia), de_alicia)

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Mientras usted editaba, olga guardó cambios" in html
    assert "Producto: «Informe de Olga»" in html
    assert "Informe de Alicia" in html  # her input stays in the form
    propia.refresh_from_db()
    assert propia.producto == "Informe de Olga"
    # Having seen Olga's change, Alicia saves again: the renewed version is accepted.
    otra_vez = datos_formulario(respuesta)
    assert client.post(cambio_url(propia), otra_vez).status_code == 302
    propia.refresh_from_db()
    assert propia.producto == "Informe de Alicia"


def test_el_historial_de_una_actividad_muestra_50_cambios_por_pagina(client, alicia, actividad):
    """An activity changed 60 times: page 1 lists the 50 most recent changes, page 2 the
    other 10; the caption counts every change (a bounded page, issue 17)."""
    cambiada = actividad("1.3")
    for numero in range(60):
        cambiada.producto = f"Versión {numero}"
        cambiada.save()
    client.force_login(alicia)

    primera = client.get(historial_url(cambiada)).content.decode()
    segunda = client.get(historial_url(cambiada) + "?pagina=2").content.decode()

    assert primera.count("<tr data-historial=") == 50
    assert segunda.count("<tr data-historial=") == 10
    assert "Historial de la actividad: 60 cambios" in primera
    assert "Versión 59" in primera and "Versión 59" not in segunda
    assert 'aria-label="Paginación"' in primera
