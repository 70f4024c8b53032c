"""The plan's admin, through real HTTP requests of the Django test client."""

import hashlib
from datetime import date

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    Evidencia,
    ObservacionSeguimiento,
    Perfil,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

MODELOS = [
    Plan, Componente, Subcomponente, Responsable, Actividad, ActividadResponsable, Ventana,
    Evidencia, Perfil, Avance, ObservacionSeguimiento,
]  # fmt: skip
# Queries of a changelist page at most; far fewer than its rows (up to 30), so an
# N+1 (one query per row) cannot hide under the limit.
MAX_CONSULTAS = 10


def url(modelo, vista, *args):
    return reverse(f"admin:plan_{modelo._meta.model_name}_{vista}", args=args)


def listado(cliente, modelo, **parametros):
    respuesta = cliente.get(url(modelo, "changelist"), parametros)
    assert respuesta.status_code == 200
    assert "e" not in respuesta.wsgi_request.GET  # an unknown filter redirects with ?e=1
    return list(respuesta.context["cl"].result_list)


def codigos(actividades):
    return sorted(actividad.codigo for actividad in actividades)


def datos_formulario(respuesta):
    """The POST data that the change page would send back untouched."""
    formularios = [respuesta.context["adminform"].form]
    for inline in respuesta.context["inline_admin_formsets"]:
        formularios += [inline.formset.management_form, *inline.formset.forms]
    datos = {}
    for formulario in formularios:
        for campo in formulario:
            valor = campo.value()
            if isinstance(campo.field, forms.FileField):
                continue  # files are uploaded, never sent back
            if valor is True:
                datos[campo.html_name] = "on"
            elif valor is not None and valor is not False:  # 0 == False, but 0 is sent
                datos[campo.html_name] = valor
    return datos


# --- every page loads -------------------------------------------------------------


@pytest.mark.parametrize("modelo", MODELOS, ids=lambda m: m.__name__)
def test_listado_muestra_todos_los_registros(admin_client, datos_admin, modelo):
    assert len(listado(admin_client, modelo)) == modelo.objects.count() > 0


@pytest.mark.parametrize("modelo", MODELOS, ids=lambda m: m.__name__)
def test_listado_sin_consultas_por_fila(admin_client, datos_admin, modelo):
    with CaptureQueriesContext(connection) as consultas:
        filas = listado(admin_client, modelo)
    assert len(consultas) <= MAX_CONSULTAS, [q["sql"] for q in consultas]
    assert len(filas) == modelo.objects.count()


@pytest.mark.parametrize("modelo", MODELOS, ids=lambda m: m.__name__)
def test_pagina_de_edicion_carga(admin_client, datos_admin, modelo):
    objeto = modelo.objects.order_by("pk").last()
    respuesta = admin_client.get(url(modelo, "change", objeto.pk))
    assert respuesta.status_code == 200
    assert respuesta.context["original"] == objeto


@pytest.mark.parametrize(
    "modelo", [m for m in MODELOS if m is not Avance], ids=lambda m: m.__name__
)
def test_pagina_de_alta_carga(admin_client, plan_2022, modelo):
    respuesta = admin_client.get(url(modelo, "add"))
    assert respuesta.status_code == 200
    assert "adminform" in respuesta.context


# --- search and filters -------------------------------------------------------------


@pytest.mark.parametrize(
    ("termino", "esperados"),
    [
        ("periódico", ["1.7"]),
        ("OCS", ["1.7", "1.8", "2.8"]),  # sigla of a responsable, through the m2m
        ("Tránsito", ["1.4", "2.6"]),
        ("3.4", ["3.4"]),
    ],
)
def test_busqueda_de_actividades(admin_client, plan_2022, termino, esperados):
    assert codigos(listado(admin_client, Actividad, q=termino)) == esperados


def test_busqueda_en_otros_modelos(admin_client, evidencias):
    assert [r.slug for r in listado(admin_client, Responsable, q="salud")] == ["salud"]
    assert [e.nombre_original for e in listado(admin_client, Evidencia, q="escaneadas")] == [
        "encuestas.pdf"
    ]
    assert len(listado(admin_client, Plan, q="Pasto")) == 1
    assert listado(admin_client, Plan, q="Bogotá") == []


def test_filtros_de_actividades(admin_client, plan_2022):
    ocs = Responsable.objects.get(sigla="OCS")
    tercero = Subcomponente.objects.get(numero=3)
    plan = Plan.objects.get()
    assert codigos(listado(admin_client, Actividad, meta_tipo__exact="minimo")) == [
        "2.2", "3.1", "3.2", "3.3", "3.4",
    ]  # fmt: skip
    por_responsable = listado(admin_client, Actividad, responsables__id__exact=ocs.pk)
    assert codigos(por_responsable) == ["1.7", "1.8", "2.8"]
    por_subcomponente = listado(admin_client, Actividad, subcomponente__id__exact=tercero.pk)
    assert codigos(por_subcomponente) == ["3.1", "3.2", "3.3", "3.4"]
    assert len(listado(admin_client, Actividad, plan__id__exact=plan.pk)) == 23


def test_actividades_en_orden_numerico(admin_client, plan_2022):
    primeras = [a.codigo for a in listado(admin_client, Actividad)][:11]
    assert primeras == [f"1.{n}" for n in range(1, 12)]  # 1.10 after 1.9, not after 1.1


def test_filtros_de_evidencias(admin_client, evidencias):
    plan = Plan.objects.get()
    assert len(listado(admin_client, Evidencia, estado__exact="aprobada")) == 1
    assert len(listado(admin_client, Evidencia, publica__exact="1")) == 1
    assert len(listado(admin_client, Evidencia, publica__exact="0")) == 9
    assert len(listado(admin_client, Evidencia, actividad__plan__id__exact=plan.pk)) == 10


def test_filtro_de_responsables_por_tipo(admin_client, plan_2022):
    oficinas = listado(admin_client, Responsable, tipo__exact="oficina")
    assert sorted(r.slug for r in oficinas) == ["comunicacion-social", "opgi"]


def test_autocompletar_responsable_en_la_actividad(admin_client, plan_2022):
    respuesta = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "plan",
            "model_name": "actividadresponsable",
            "field_name": "responsable",
            "term": "salud",
        },
    )
    assert respuesta.status_code == 200
    assert [r["text"] for r in respuesta.json()["results"]] == ["Secretaría de Salud Municipal"]


# --- the activity's change page with its inlines -----------------------------------------


def test_edicion_de_actividad_muestra_responsables_en_orden_y_ventanas(admin_client, plan_2022):
    actividad = Actividad.objects.get(codigo="1.6")
    respuesta = admin_client.get(url(Actividad, "change", actividad.pk))
    asignaciones, ventanas = (i.formset for i in respuesta.context["inline_admin_formsets"])
    assert [f.instance.responsable.sigla for f in asignaciones.forms] == [
        "SBS", "DAJ", "MOSIG", "SGM",
    ]  # fmt: skip
    assert [str(f.instance) for f in ventanas.forms] == ["01/09/2022 – 20/12/2022"]


def test_guardar_actividad_reordena_responsables(admin_client, plan_2022):
    actividad = Actividad.objects.get(codigo="1.6")
    datos = datos_formulario(admin_client.get(url(Actividad, "change", actividad.pk)))
    datos["asignaciones-0-orden"], datos["asignaciones-3-orden"] = 4, 1
    datos["meta_cantidad"] = "2"
    respuesta = admin_client.post(url(Actividad, "change", actividad.pk), datos)
    assert respuesta.status_code == 302, respuesta.context["errors"]
    actividad.refresh_from_db()
    assert actividad.meta_cantidad == 2
    siglas = [a.responsable.sigla for a in actividad.asignaciones.order_by("orden")]
    assert siglas == ["SGM", "DAJ", "MOSIG", "SBS"]


def test_ventana_invertida_en_el_formulario_es_rechazada(admin_client, plan_2022):
    actividad = Actividad.objects.get(codigo="1.1")
    datos = datos_formulario(admin_client.get(url(Actividad, "change", actividad.pk)))
    datos["ventanas-0-inicio"], datos["ventanas-0-fin"] = "10/05/2022", "01/05/2022"
    respuesta = admin_client.post(url(Actividad, "change", actividad.pk), datos)
    assert respuesta.status_code == 200
    assert "La fecha final no puede ser anterior a la fecha de inicio." in respuesta.text
    assert list(actividad.ventanas.values_list("inicio", "fin")) == [
        (date(2022, 2, 1), date(2022, 3, 4))
    ]


# --- evidences: the file's metadata is read-only ------------------------------------------


def test_metadatos_de_evidencia_son_de_solo_lectura(admin_client, evidencias):
    evidencia = evidencias[-1]
    pagina = admin_client.get(url(Evidencia, "change", evidencia.pk))
    formulario = pagina.context["adminform"].form
    solo_lectura = {"sha256", "tamano", "tipo_contenido", "subida_por", "subida_en", "archivo"}
    assert solo_lectura.isdisjoint(formulario.fields)
    assert "a" * 64 in pagina.text
    datos = datos_formulario(pagina) | {"sha256": "b" * 64, "tamano": "1", "estado": "aprobada"}
    respuesta = admin_client.post(url(Evidencia, "change", evidencia.pk), datos)
    assert respuesta.status_code == 302
    evidencia.refresh_from_db()
    assert (evidencia.estado, evidencia.sha256, evidencia.tamano) == ("aprobada", "a" * 64, 1234)
    assert evidencia.revisada_por == respuesta.wsgi_request.user  # the review is signed


def test_evidencia_subida_por_el_admin_guarda_su_huella(admin_client, admin_user, plan_2022):
    contenido = b"%PDF-1.4 acta de la audiencia"
    datos = {
        "actividad": Actividad.objects.get(codigo="2.3").pk,
        "descripcion": "Acta de la audiencia pública",
        "archivo": SimpleUploadedFile("acta audiencia.pdf", contenido, "application/pdf"),
        "estado": "enviada",
    }
    respuesta = admin_client.post(url(Evidencia, "add"), datos)
    assert respuesta.status_code == 302, respuesta.context["errors"]
    evidencia = Evidencia.objects.get()
    assert evidencia.sha256 == hashlib.sha256(contenido).hexdigest()
    assert (evidencia.tamano, evidencia.tipo_contenido) == (len(contenido), "application/pdf")
    assert (evidencia.nombre_original, evidencia.subida_por) == ("acta audiencia.pdf", admin_user)


def test_evidencia_con_contenido_falso_es_rechazada(admin_client, plan_2022):
    datos = {
        "actividad": Actividad.objects.get(codigo="2.3").pk,
        "descripcion": "Supuesto PDF",
        "archivo": SimpleUploadedFile("acta.pdf", b"esto no es un PDF", "application/pdf"),
        "estado": "enviada",
    }
    respuesta = admin_client.post(url(Evidencia, "add"), datos)
    assert respuesta.status_code == 200
    assert "no corresponde a un tipo de archivo permitido" in respuesta.text
    assert not Evidencia.objects.exists()


def test_evidencia_publica_sin_aprobar_es_rechazada(admin_client, evidencias):
    evidencia = evidencias[0]
    datos = datos_formulario(admin_client.get(url(Evidencia, "change", evidencia.pk)))
    respuesta = admin_client.post(url(Evidencia, "change", evidencia.pk), datos | {"publica": "on"})
    assert respuesta.status_code == 200
    assert "Solo una evidencia aprobada puede ser pública." in respuesta.text
    evidencia.refresh_from_db()
    assert evidencia.publica is False


# --- follow-up records -------------------------------------------------------------


def test_avances_son_de_solo_lectura(admin_client, registros_de_seguimiento):
    avance = Avance.objects.order_by("pk").first()
    pagina = admin_client.get(url(Avance, "change", avance.pk))
    assert pagina.status_code == 200
    assert not pagina.context["adminform"].form.fields  # every field shown read-only
    assert admin_client.get(url(Avance, "add")).status_code == 403
    datos = {"fecha": "01/01/2022", "cantidad": "99", "narrativa": "cambiado"}
    assert admin_client.post(url(Avance, "change", avance.pk), datos).status_code == 403
    assert admin_client.post(url(Avance, "delete", avance.pk), {"post": "yes"}).status_code == 403
    avance.refresh_from_db()
    assert (avance.cantidad, avance.narrativa) == (1, "Avance número 1")


def test_observacion_guardada_registra_quien_la_cambio(
    admin_client, registros_de_seguimiento, admin_user
):
    observacion = ObservacionSeguimiento.objects.order_by("pk").first()
    observacion.actualizada_por = None
    observacion.save()
    datos = datos_formulario(
        admin_client.get(url(ObservacionSeguimiento, "change", observacion.pk))
    )
    datos["texto"] = "Falta publicar el informe."
    respuesta = admin_client.post(url(ObservacionSeguimiento, "change", observacion.pk), datos)
    assert respuesta.status_code == 302
    observacion.refresh_from_db()
    assert (observacion.texto, observacion.actualizada_por) == (datos["texto"], admin_user)


def test_busqueda_de_perfiles_por_oficina(admin_client, registros_de_seguimiento):
    perfiles = listado(admin_client, Perfil, q="OPGI")
    assert [p.usuario.username for p in perfiles] == ["enlace-opgi"]


# --- who can get in -------------------------------------------------------------------


RUTAS_PROTEGIDAS = [
    ("index", None),
    ("changelist", Actividad),
    ("import", Actividad),
    ("export", Actividad),
    ("changelist", Evidencia),
]


def ruta(vista, modelo):
    return reverse("admin:index") if modelo is None else url(modelo, vista)


@pytest.mark.parametrize(("vista", "modelo"), RUTAS_PROTEGIDAS)
def test_usuario_sin_staff_no_entra_al_admin(client, django_user_model, plan_2022, vista, modelo):
    ciudadano = django_user_model.objects.create_user("ciudadano", password="clave-larga-123")
    client.force_login(ciudadano)
    respuesta = client.get(ruta(vista, modelo))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(("vista", "modelo"), RUTAS_PROTEGIDAS)
def test_anonimo_no_entra_al_admin(client, plan_2022, vista, modelo):
    respuesta = client.get(ruta(vista, modelo))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("admin:login"))


def test_staff_de_solo_lectura_exporta_pero_no_importa(client, django_user_model, plan_2022):
    lector = django_user_model.objects.create_user("lector", password="x", is_staff=True)
    lector.user_permissions.add(Permission.objects.get(codename="view_actividad"))
    client.force_login(lector)
    assert client.get(url(Actividad, "changelist")).status_code == 200
    assert client.get(url(Actividad, "export")).status_code == 200
    assert client.get(url(Actividad, "import")).status_code == 403
    assert client.post(url(Actividad, "process_import"), {}).status_code == 403
