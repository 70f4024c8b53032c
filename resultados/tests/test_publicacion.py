"""Publication of the results reports: who may download drafts and publish (the grid),
the service's rules, and what the public sees (only published reports, else 404)."""

import hashlib
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from dialogos import services as dialogos
from dialogos.models import EspacioDialogo
from nucleo import documentos
from plan.models import Plan
from resultados import services
from resultados.models import InformePublicado
from resultados.tests.datos import momento
from resultados.tests.lectura import dato, hojas_xlsx
from tests.ayudas import PDF_FALSO

# Their hearings and spaces are held in Pasto's comunas and corregimientos (a fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territorios_pasto")]


@pytest.fixture(autouse=True)
def sin_weasyprint():
    """Who may download is checked here, not the PDF itself (test_informe_*.py reads it)."""
    with mock.patch.object(documentos, "pdf_desde_html", return_value=PDF_FALSO):
        yield


def _cliente(usuario) -> Client:
    cliente = Client()
    if usuario is not None:
        cliente.force_login(usuario)
    return cliente


def _borradores(espacio) -> list[str]:
    return [
        reverse("resultados:audiencia_borrador", args=[espacio.pk, formato])
        for formato in ("pdf", "xlsx")
    ] + [
        reverse("resultados:estrategia_borrador", args=["alcaldia-de-pasto-paac-2022", formato])
        for formato in ("pdf", "xlsx")
    ]


def _publicas(espacio) -> list[str]:
    return [
        reverse("resultados:audiencia", args=[espacio.pk, formato]) for formato in ("pdf", "xlsx")
    ] + [
        reverse("resultados:estrategia", args=["alcaldia-de-pasto-paac-2022", formato])
        for formato in ("pdf", "xlsx")
    ]


# Role → (drafts, staff page, publishing): the README's grid.
GRID = {
    "alicia": (200, 200, 302),  # OPGI: publishes, then back to the staff page
    "diana": (200, 200, 403),  # Control interno: reviews the drafts, publishes nothing
    "bruno": (403, 403, 403),  # an office: nothing before publication
    None: (302, 302, 302),  # anonymous: to the login page
}


@pytest.mark.parametrize("persona", list(GRID), ids=lambda p: p or "anonimo")
def test_permisos_de_borradores_y_publicacion(request, datos, persona):
    usuario = request.getfixturevalue(persona) if persona else None
    borrador, gestion, publicar = GRID[persona]
    cliente = _cliente(usuario)
    for url in _borradores(datos.publica):
        respuesta = cliente.get(url)
        assert respuesta.status_code == borrador, url
        if persona is None:
            assert respuesta["Location"].startswith(reverse("login"))
    assert cliente.get(reverse("resultados:gestion")).status_code == gestion
    # Before publication nobody gets the public downloads, whatever the role.
    assert {cliente.get(url).status_code for url in _publicas(datos.publica)} == {404}
    for url in (
        reverse("resultados:audiencia_publicar", args=[datos.publica.pk]),
        reverse("resultados:estrategia_publicar", args=["alcaldia-de-pasto-paac-2022"]),
    ):
        respuesta = cliente.post(url, {"confirmado": "1"})
        assert respuesta.status_code == publicar, url
    publicados = InformePublicado.objects.count()
    assert publicados == (2 if persona == "alicia" else 0)
    # Once published (by OPGI if not by this persona), everyone downloads them.
    if not publicados:
        services.publicar_informe_audiencia(
            espacio=datos.publica, usuario=request.getfixturevalue("alicia")
        )
        services.publicar_informe_resultados(
            plan=Plan.objects.get(vigencia=2022), usuario=request.getfixturevalue("alicia")
        )
    for url in _publicas(datos.publica):
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200, url
        assert respuesta["Content-Disposition"].startswith("attachment")


def test_publicar_se_hace_por_post_con_csrf(alicia, datos):
    cliente = Client(enforce_csrf_checks=True)
    cliente.force_login(alicia)
    url = reverse("resultados:audiencia_publicar", args=[datos.publica.pk])
    assert cliente.get(url).status_code == 405
    assert cliente.post(url).status_code == 403  # no CSRF token
    assert not InformePublicado.objects.exists()
    pagina = cliente.get(reverse("resultados:gestion")).content.decode()
    assert "csrfmiddlewaretoken" in pagina
    assert "Descargar borrador PDF" in pagina and "Descargar borrador XLSX" in pagina
    assert f'action="{url}"' in pagina


def test_control_interno_no_ve_el_boton_publicar(client, diana, datos):
    client.force_login(diana)
    pagina = client.get(reverse("resultados:gestion")).content.decode()
    assert "Descargar borrador PDF" in pagina
    assert ">Publicar<" not in pagina


def test_el_servicio_exige_el_rol_de_opgi(bruno, diana, datos):
    for usuario in (bruno, diana):
        with pytest.raises(PermissionDenied):
            services.publicar_informe_audiencia(espacio=datos.publica, usuario=usuario)
        with pytest.raises(PermissionDenied):
            services.publicar_informe_resultados(
                plan=Plan.objects.get(vigencia=2022), usuario=usuario
            )


def test_solo_se_publica_el_informe_de_una_audiencia_realizada(alicia, datos):
    programada = dialogos.programar_espacio(
        usuario=alicia,
        tipo=EspacioDialogo.Tipo.AUDIENCIA_PUBLICA,
        titulo="Audiencia por venir",
        oficinas=list(datos.publica.oficinas.all()),
        inicio=momento(2022, 12, 1),
        fin=momento(2022, 12, 1, 12),
        lugar="Concejo",
    )
    with pytest.raises(ValidationError, match="cuando la audiencia ya se realizó"):
        services.publicar_informe_audiencia(espacio=programada, usuario=alicia)
    with pytest.raises(ValidationError, match="Solo una audiencia"):
        services.publicar_informe_audiencia(espacio=datos.territorial, usuario=alicia)
    assert not InformePublicado.objects.exists()


def test_un_informe_se_publica_una_sola_vez(alicia, datos):
    informe = services.publicar_informe_audiencia(espacio=datos.publica, usuario=alicia)
    assert (informe.publicado_por, informe.tipo) == (alicia, "audiencia")
    assert informe.history.count() == 1
    assert informe.history.first().history_user == alicia
    with pytest.raises(ValidationError, match="ya está publicado"):
        services.publicar_informe_audiencia(espacio=datos.publica, usuario=alicia)
    services.publicar_informe_resultados(plan=Plan.objects.get(vigencia=2022), usuario=alicia)
    with pytest.raises(ValidationError, match="ya está publicado"):
        services.publicar_informe_resultados(plan=Plan.objects.get(vigencia=2022), usuario=alicia)
    assert InformePublicado.objects.count() == 2


def test_el_informe_de_una_vigencia_exige_su_plan_publicado(alicia, datos):
    Plan.objects.filter(vigencia=2022).update(publicado=False)
    with pytest.raises(ValidationError, match="cuando su plan está publicado"):
        services.publicar_informe_resultados(plan=Plan.objects.get(vigencia=2022), usuario=alicia)


def test_la_base_de_datos_exige_la_clave_correcta_de_cada_tipo(alicia, datos):
    ahora = momento(2023, 1, 1)
    malos = [
        {"tipo": "audiencia", "vigencia": 2022},
        {"tipo": "estrategia", "espacio": datos.publica},
        {"tipo": "audiencia", "espacio": datos.publica, "vigencia": 2022},
        {"tipo": "estrategia"},
        {"tipo": "estrategia", "vigencia": 2022},  # a vigencia's report names its plan
    ]
    for campos in malos:
        with pytest.raises(IntegrityError), transaction.atomic():
            InformePublicado.objects.create(publicado_por=alicia, publicado_en=ahora, **campos)
    plan = Plan.objects.get(vigencia=2022)
    del_plan = {"tipo": "estrategia", "plan": plan, "vigencia": 2022}
    InformePublicado.objects.create(publicado_por=alicia, publicado_en=ahora, **del_plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        InformePublicado.objects.create(publicado_por=alicia, publicado_en=ahora, **del_plan)


def test_la_pagina_publica_lista_solo_lo_publicado(client, alicia, datos):
    pagina = client.get(reverse("resultados:inicio"))
    assert pagina.status_code == 200
    assert "Todavía no hay informes de resultados publicados." in pagina.content.decode()
    services.publicar_informe_audiencia(espacio=datos.publica, usuario=alicia)
    services.publicar_informe_resultados(plan=Plan.objects.get(vigencia=2022), usuario=alicia)
    html = client.get(reverse("resultados:inicio")).content.decode()
    for url in _publicas(datos.publica):
        assert f'href="{url}"' in html
    assert datos.sectorial.titulo not in html  # realised, but its report is not published
    # The hearing's public page links its report; the other hearing's page does not.
    espacio = client.get(reverse("dialogos:espacio", args=[datos.publica.pk])).content.decode()
    assert f'href="{reverse("resultados:audiencia", args=[datos.publica.pk, "pdf"])}"' in espacio
    otra = client.get(reverse("dialogos:espacio", args=[datos.sectorial.pk])).content.decode()
    assert "data-informe-audiencia" not in otra


def test_un_plan_retirado_retira_su_informe_publicado(client, alicia, datos):
    services.publicar_informe_resultados(plan=Plan.objects.get(vigencia=2022), usuario=alicia)
    assert (
        client.get(
            reverse("resultados:estrategia", args=["alcaldia-de-pasto-paac-2022", "xlsx"])
        ).status_code
        == 200
    )
    Plan.objects.filter(vigencia=2022).update(publicado=False)
    assert (
        client.get(
            reverse("resultados:estrategia", args=["alcaldia-de-pasto-paac-2022", "xlsx"])
        ).status_code
        == 404
    )
    assert "2022" not in client.get(reverse("resultados:inicio")).content.decode().split("<main")[1]


def test_la_navegacion_publica_enlaza_los_informes_de_resultados(client, plan_2022):
    html = client.get(reverse("dialogos:cronograma")).content.decode()
    assert html.count(f'href="{reverse("resultados:inicio")}"') == 2  # menu and footer


def test_el_informe_publicado_de_una_audiencia_de_un_plan_retirado_da_404(client, alicia, datos):
    """A hearing that counts for an activity of a plan withdrawn after publication."""
    services.publicar_informe_audiencia(espacio=datos.publica, usuario=alicia)
    url = reverse("resultados:audiencia", args=[datos.publica.pk, "xlsx"])
    assert client.get(url).status_code == 200
    plan = Plan.objects.get(vigencia=2022)
    EspacioDialogo.objects.filter(pk=datos.publica.pk).update(
        actividad=plan.actividades.get(codigo="2.2")
    )
    Plan.objects.filter(pk=plan.pk).update(publicado=False)
    assert client.get(url).status_code == 404
    assert datos.publica.titulo not in client.get(reverse("resultados:inicio")).content.decode()


def test_el_informe_publicado_queda_congelado_aunque_cambien_los_datos(client, alicia, datos):
    """Citizens read the figures OPGI reviewed: a question received after publication
    shows in the draft, not in the published report, whose stored file keeps its SHA-256."""
    publicado = services.publicar_informe_audiencia(espacio=datos.publica, usuario=alicia)
    dialogos.registrar_pregunta_formato(
        usuario=alicia,
        texto="Una pregunta que llega después de publicar.",
        acepta_datos=True,
        recibida_el=datos.publica.fecha,
        espacio=datos.publica,
    )
    url = reverse("resultados:audiencia", args=[datos.publica.pk, "xlsx"])
    descargado = client.get(url).content
    assert hashlib.sha256(descargado).hexdigest() == publicado.sha256_xlsx
    assert dato(hojas_xlsx(descargado)["Resumen"], "Preguntas recibidas") == 5
    borrador = _cliente(alicia).get(
        reverse("resultados:audiencia_borrador", args=[datos.publica.pk, "xlsx"])
    )
    assert dato(hojas_xlsx(borrador.content)["Resumen"], "Preguntas recibidas") == 6


def test_publicar_un_informe_sin_confirmar_no_publica_nada(client, alicia, datos):
    client.force_login(alicia)
    for url in (
        reverse("resultados:audiencia_publicar", args=[datos.publica.pk]),
        reverse("resultados:estrategia_publicar", args=["alcaldia-de-pasto-paac-2022"]),
    ):
        pagina = client.post(url)
        assert pagina.status_code == 200, url
        html = pagina.content.decode()
        assert "Esta acción no se puede deshacer." in html and "Sí, publicar el informe" in html
    assert not InformePublicado.objects.exists()
