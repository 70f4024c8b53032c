"""The entity as configuration (issue 16): the principal nucleo.Entidad row, edited in the
admin, is what the site calls itself; without one, the ENTIDAD_* settings; read once and
cached (nucleo.entidad)."""

import io

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from pypdf import PdfReader

from conftest import OTRA, crear_usuario
from nucleo import roles
from nucleo.entidad import CLAVE_CACHE, ENTIDAD_SIN_CONFIGURAR, entidad_actual
from nucleo.models import Entidad
from plan.tests.fabricas import crear_plan_grande
from tests.test_sin_pasto import menciones


def test_sin_entidad_principal_el_sitio_lee_los_ajustes_neutros(db, settings):
    assert not Entidad.objects.filter(principal=True).exists()
    assert entidad_actual().nombre == settings.ENTIDAD_NOMBRE == ENTIDAD_SIN_CONFIGURAR
    assert entidad_actual().direccion == entidad_actual().sitio == ""


def test_una_entidad_que_no_es_la_principal_no_cambia_el_sitio(db):
    Entidad.objects.create(nombre="Instituto de Prueba", slug="instituto")
    assert entidad_actual().nombre == ENTIDAD_SIN_CONFIGURAR


def test_la_entidad_principal_gana_sobre_los_ajustes(otra_entidad, settings):
    settings.ENTIDAD_NOMBRE = "Nombre de los ajustes"
    entidad = entidad_actual()
    assert entidad.nombre == OTRA["nombre"]
    assert entidad.lugar == "Villa de Leyva, Boyacá"
    assert entidad.correo_datos == OTRA["correo_datos"]


def test_un_dato_vacio_de_la_fila_toma_el_de_los_ajustes(db, settings):
    """A row made from the plans' text has only a name: the configured address stays."""
    settings.ENTIDAD_DIRECCION = "Calle de los ajustes"
    Entidad.objects.create(nombre="Entidad migrada", slug="migrada", principal=True)
    assert entidad_actual().nombre == "Entidad migrada"
    assert entidad_actual().direccion == "Calle de los ajustes"
    assert entidad_actual().logo == settings.ENTIDAD_LOGO


def test_la_entidad_se_lee_de_la_cache_sin_consultas(otra_entidad, django_assert_num_queries):
    entidad_actual()
    with django_assert_num_queries(0):
        assert entidad_actual().nombre == OTRA["nombre"]


def test_guardar_o_borrar_la_entidad_renueva_la_cache(otra_entidad, client):
    assert OTRA["nombre"] in client.get("/").content.decode()

    otra_entidad.nombre = "Alcaldía de Villa de Leyva (renombrada)"
    otra_entidad.save()
    assert "Alcaldía de Villa de Leyva (renombrada)" in client.get("/").content.decode()

    otra_entidad.delete()
    assert entidad_actual().nombre == ENTIDAD_SIN_CONFIGURAR


def test_la_entidad_en_cache_no_pasa_de_una_prueba_a_otra(db):
    """Regression guard of the root conftest: the previous tests' entity is gone."""
    from django.core.cache import cache

    assert cache.get(CLAVE_CACHE).nombre == ENTIDAD_SIN_CONFIGURAR


# --- What a second entity's site shows ------------------------------------------------


def test_la_pagina_de_inicio_muestra_la_otra_entidad_y_no_a_pasto(client, otra_entidad):
    html = client.get("/").content.decode()
    assert f'<span class="marca__entidad">{OTRA["nombre"]}</span>' in html
    assert f"<title>Rendición de cuentas · {OTRA['nombre']}</title>" in html
    assert OTRA["direccion"] in html and 'href="tel:6087320232"' in html
    assert menciones(html) == []


def test_el_aviso_de_datos_personales_nombra_la_entidad_su_responsable_y_su_correo(
    client, otra_entidad
):
    html = client.get("/dialogos/preguntar/").content.decode()
    aviso = html[html.index("Aviso de tratamiento de datos personales") :]
    aviso = aviso[: aviso.index("</details>")]
    assert f"Si los da, {OTRA['nombre']} los usará solo para responder su pregunta" in aviso
    assert "Responsable del tratamiento: Secretaría General." in aviso
    assert (
        '<a href="mailto:datospersonales@villadeleyva.gov.co">'
        "datospersonales@villadeleyva.gov.co</a>" in aviso
    )
    assert menciones(html) == []


def test_sin_correo_de_datos_el_aviso_remite_a_la_entidad(client, db):
    aviso = client.get("/dialogos/preguntar/").content.decode()
    assert f"Si los da, {ENTIDAD_SIN_CONFIGURAR} los usará" in aviso
    assert "escribiendo a la entidad." in aviso
    assert "Responsable del tratamiento" not in aviso


def test_el_pdf_del_plan_lleva_la_otra_entidad_en_el_pie_de_cada_pagina(client, otra_entidad):
    plan = crear_plan_grande(actividades=30, vigencia=2030, entidad=OTRA["nombre"])
    client.force_login(crear_usuario("olga", roles.OPGI))

    respuesta = client.get(f"/informes/plan/{plan.slug}.pdf")

    assert respuesta.status_code == 200, respuesta.content[:300]
    paginas = [p.extract_text() for p in PdfReader(io.BytesIO(respuesta.content)).pages]
    assert len(paginas) >= 2
    for texto in paginas:
        assert f"{OTRA['nombre']} · Oficina de Planeación de Gestión Institucional" in texto
    assert menciones("\n".join(paginas)) == []


def test_un_nombre_con_comillas_no_rompe_el_pie_del_pdf(client, db):
    """Regression: the footer is a CSS string (`content: "…"`); a quote, a backslash or
    «</style>» in the name must neither end it nor the stylesheet."""
    nombre = 'Instituto "La Estrella" \\ </style> de Prueba'
    Entidad.objects.create(nombre=nombre, slug="estrella", principal=True)
    plan = crear_plan_grande(actividades=2, vigencia=2031, entidad=nombre)
    client.force_login(crear_usuario("olga", roles.OPGI))

    respuesta = client.get(f"/informes/plan/{plan.slug}.pdf")

    texto = PdfReader(io.BytesIO(respuesta.content)).pages[0].extract_text()
    assert f"{nombre} · Oficina de Planeación de Gestión Institucional" in texto


# --- The admin ------------------------------------------------------------------------


def test_opgi_edita_la_entidad_en_el_admin_y_el_sitio_la_muestra(client, otra_entidad):
    opgi = crear_usuario("olga", roles.OPGI)
    client.force_login(opgi)
    url = f"/admin/nucleo/entidad/{otra_entidad.pk}/change/"
    html = client.get(url).content.decode()
    assert "Datos personales (Ley 1581 de 2012)" in html
    assert "responsable del tratamiento de datos personales" in html.lower()

    datos = {**OTRA, "nombre": "Alcaldía de Villa de Leyva", "principal": "on"}
    respuesta = client.post(url, datos)

    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    assert client.get("/").content.decode().count("Alcaldía de Villa de Leyva") >= 2
    historial = client.get(f"/admin/nucleo/entidad/{otra_entidad.pk}/history/")
    assert historial.status_code == 200 and "olga" in historial.content.decode()


def test_opgi_tiene_los_permisos_de_entidad_y_control_interno_solo_los_ve(db):
    opgi = set(Group.objects.get(name=roles.OPGI).permissions.values_list("codename", flat=True))
    assert {"add_entidad", "change_entidad", "view_entidad"} <= opgi
    assert "change_correo" not in opgi  # the e-mails stay the superuser's
    control = Group.objects.get(name=roles.CONTROL_INTERNO).permissions
    assert set(
        control.filter(content_type__model="entidad").values_list("codename", flat=True)
    ) == {"view_entidad"}
    assert Permission.objects.filter(codename="delete_entidad").exists()


def test_el_fixture_de_pasto_trae_su_entidad_como_principal(db):
    call_command("loaddata", "entidad_pasto", verbosity=0)
    entidad = Entidad.objects.get(principal=True)
    assert (entidad.nombre, entidad.municipio, entidad.nit) == (
        "Alcaldía Municipal de Pasto",
        "Pasto",
        "891280000-3",
    )
    assert entidad_actual().sitio == "https://www.pasto.gov.co"
