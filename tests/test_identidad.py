"""The site's identity (issue 15): the GOV.CO bar, the entity's header and the
institutional footer of Resolución 1519 de 2020 (anexo 1) on every public page, the
menu button of phones, the footer's policy pages, and the admin in the site's colours."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from nucleo import entidad
from nucleo.models import Entidad

# Public pages without parameters, with content from the 2022 plan.
PAGINAS = [
    "/",
    "/plan/alcaldia-de-pasto-paac-2022/",
    "/dialogos/",
    "/dialogos/preguntar/",
    "/dialogos/respuestas/",
    "/encuestas/",
    "/resultados/",
    "/datos-abiertos/",
    "/mapa-del-sitio/",
    "/politica-de-privacidad/",
    "/terminos-y-condiciones/",
    "/transparencia/",
    "/cuentas/login/",
    "/cuentas/clave/olvide/",
    "/no-existe/",  # the «not found» page too
]

PIE = [
    "Alcaldía Municipal de Pasto",
    "CAM Anganoy, vía Los Rosales II, San Juan de Pasto, Nariño, código postal 520001",
    "Lunes a viernes de 8:00 a. m. a 12:00 m. y de 2:00 p. m. a 6:00 p. m.",
    '<a href="tel:6027292000">(602) 729 2000</a>',
    "Correo para notificaciones judiciales",
    '<a href="mailto:notificacionesjudiciales@pasto.gov.co">',
    '<a href="https://www.pasto.gov.co">',
    '<a href="/politica-de-privacidad/">Política de privacidad y tratamiento de datos personales</a>',
    '<a href="/terminos-y-condiciones/">Términos y condiciones</a>',
    '<a href="/transparencia/">Transparencia y acceso a la información pública</a>',
    '<a href="/mapa-del-sitio/">Mapa del sitio</a>',
    '<a href="/datos-abiertos/">Datos abiertos</a>',
]


def parte(html: str, etiqueta: str, marca: str) -> str:
    """The element <etiqueta … marca …>…</etiqueta> (the first one), as text."""
    inicio = html.index(marca)
    inicio = html.rindex(f"<{etiqueta}", 0, inicio)
    return html[inicio : html.index(f"</{etiqueta}>", inicio)]


@pytest.mark.django_db
@pytest.mark.parametrize("ruta", PAGINAS)
def test_cada_pagina_publica_lleva_la_barra_gov_co_la_cabecera_y_el_pie_institucional(
    client, plan_2022, entidad_pasto, ruta
):
    respuesta = client.get(ruta)
    assert respuesta.status_code in (200, 404)
    html = respuesta.content.decode()

    # The GOV.CO bar first (after the skip link), linking to the State's portal.
    barra = parte(html, "div", "data-govco>")
    assert '<a class="govco__marca" href="https://www.gov.co"' in barra
    assert html.index("data-govco>") < html.index('<header class="cabecera">')
    # The header: the entity's logo (decorative: its name is beside it) and name.
    cabecera = parte(html, "header", 'class="cabecera"')
    assert '<img class="marca__logo" src="/static/img/escudo-generico.svg" alt=""' in cabecera
    assert '<span class="marca__entidad">Alcaldía Municipal de Pasto</span>' in cabecera
    assert re.search(r"<title>[^<]+ · Alcaldía Municipal de Pasto</title>", html)
    # The footer: contact data, the policy links, and the GOV.CO bar at the bottom.
    pie = html[html.index('<footer class="pie">') :]
    faltan = [texto for texto in PIE if texto not in pie]
    assert faltan == []
    assert "data-govco-pie" in pie and 'href="https://www.gov.co"' in pie


@pytest.mark.django_db
@override_settings(
    ENTIDAD_NOMBRE="Gobernación de Prueba",
    ENTIDAD_LOGO="img/otro-escudo.svg",
    ENTIDAD_DIRECCION="Calle 1 # 2-3, Mocoa",
    ENTIDAD_HORARIO="Lunes a jueves de 7:00 a. m. a 4:00 p. m.",
    ENTIDAD_TELEFONO="+57 608 420 0000",
    ENTIDAD_CORREO_NOTIFICACIONES="judiciales@prueba.gov.co",
    ENTIDAD_SITIO="https://www.prueba.gov.co",
)
def test_los_datos_de_la_entidad_salen_de_la_configuracion(client, plan_2022):
    sin_entidad_principal()  # the 2022 plan's fixture names Pasto's as principal
    html = client.get("/mapa-del-sitio/").content.decode()

    assert "<title>Mapa del sitio · Gobernación de Prueba</title>" in html
    assert '<span class="marca__entidad">Gobernación de Prueba</span>' in html
    assert 'src="/static/img/otro-escudo.svg"' in html
    assert "escudo-generico" not in html
    for texto in (
        "Calle 1 # 2-3, Mocoa",
        "Lunes a jueves de 7:00 a. m. a 4:00 p. m.",
        '<a href="tel:+576084200000">+57 608 420 0000</a>',
        '<a href="mailto:judiciales@prueba.gov.co">judiciales@prueba.gov.co</a>',
        '<a href="https://www.prueba.gov.co">',
    ):
        assert texto in html
    assert "Alcaldía Municipal de Pasto" not in html


@pytest.mark.django_db
def test_un_logo_con_direccion_completa_se_usa_tal_cual(client, plan_2022, entidad_pasto, settings):
    settings.ENTIDAD_LOGO = "https://cdn.prueba.gov.co/escudo.svg"
    html = client.get("/").content.decode()
    assert '<img class="marca__logo" src="https://cdn.prueba.gov.co/escudo.svg" alt=""' in html


@pytest.mark.django_db
def test_en_el_telefono_la_navegacion_se_abre_con_el_boton_menu_sin_javascript(client, plan_2022):
    """A native disclosure: <details> with «Menú» as its <summary>; no script on the page."""
    html = client.get("/").content.decode()
    nav = parte(html, "nav", 'aria-label="Navegación principal"')

    assert '<details class="menu" data-menu>' in nav
    assert '<summary class="menu__boton">Menú</summary>' in nav
    assert "<script" not in html
    for enlace in (
        "Plan",
        "Diálogos y audiencias",
        "Preguntar",
        "Respuestas",
        "Encuestas",
        "Informes de resultados",
        "Datos abiertos",
        "Ingresar",
    ):
        assert f">{enlace}</a></li>" in nav
    assert "Mi trabajo" not in nav  # a visitor has no staff links


@pytest.mark.django_db
def test_los_enlaces_del_personal_van_aparte_bajo_mi_trabajo(client, alicia):
    client.force_login(alicia)
    html = client.get("/").content.decode()
    nav = parte(html, "nav", 'aria-label="Navegación principal"')
    publicos = parte(nav, "ul", 'data-grupo-nav="publico"')
    personales = parte(nav, "ul", 'data-grupo-nav="mi_trabajo"')

    assert '<p class="nav__titulo" id="nav-mi-trabajo">Mi trabajo</p>' in nav
    assert 'aria-labelledby="nav-mi-trabajo"' in personales
    assert ">Datos abiertos</a>" in publicos and "Mis pendientes" not in publicos
    for enlace in (
        "Mis pendientes",
        "Mi tablero",
        "Gestión de diálogos",
        "Gestión de encuestas",
        "Gestión de informes de resultados",
        "Administración",
        "Mis notificaciones",
        "Cambiar contraseña",
    ):
        assert f">{enlace}" in personales
    assert "Salir (alicia)" in personales
    assert ">Ingresar</a>" not in nav


@pytest.mark.django_db
def test_las_paginas_de_la_entidad_estan_en_el_mapa_del_sitio_y_la_transparencia_enlaza_lo_publicado(
    client, plan_2022
):
    mapa = client.get("/mapa-del-sitio/").content.decode()
    contenido = mapa[mapa.index("<main") : mapa.index("</main>")]
    for ruta in ("/politica-de-privacidad/", "/terminos-y-condiciones/", "/transparencia/"):
        assert f'href="{ruta}"' in contenido

    transparencia = client.get("/transparencia/").content.decode()
    contenido = transparencia[transparencia.index("<main") : transparencia.index("</main>")]
    assert "<h1>Transparencia y acceso a la información pública</h1>" in contenido
    for ruta in (
        "/",
        "/resultados/",
        "/datos-abiertos/",
        "/dialogos/preguntar/",
        "/dialogos/respuestas/",
        "/dialogos/",
        "/encuestas/",
    ):
        assert f'href="{ruta}"' in contenido
    assert 'href="https://www.pasto.gov.co"' in contenido


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ruta", "titulo"),
    [
        ("/politica-de-privacidad/", "Política de privacidad y tratamiento de datos personales"),
        ("/terminos-y-condiciones/", "Términos y condiciones de uso"),
    ],
)
def test_las_politicas_del_pie_son_paginas_publicas(client, plan_2022, ruta, titulo):
    respuesta = Client().get(ruta)
    assert respuesta.status_code == 200
    assert f"<h1>{titulo}</h1>" in respuesta.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("ruta", PAGINAS)
def test_la_plantilla_base_no_salta_niveles_de_titulo(client, plan_2022, ruta):
    """The header and the footer add no heading: the page's first one is its <h1>."""
    html = client.get(ruta).content.decode()
    fuera_de_main = html[: html.index("<main")] + html[html.index("</main>") :]
    assert re.search(r"<h[1-6]", fuera_de_main) is None
    niveles = [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]
    assert niveles[0] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("ruta", ["/admin/", "/admin/plan/actividad/", "/admin/login/"])
def test_el_admin_lleva_el_nombre_de_la_entidad_y_los_colores_del_sitio(
    client, alicia, entidad_pasto, ruta
):
    if ruta != "/admin/login/":
        alicia.is_staff = alicia.is_superuser = True
        alicia.save()
        client.force_login(alicia)
    respuesta = client.get(ruta)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()

    assert '<link rel="stylesheet" href="/static/css/admin.css">' in html
    assert "Administración · Alcaldía Municipal de Pasto</a>" in html
    assert re.search(r"<title>[^<]+ \| Administración · Alcaldía Municipal de Pasto</title>", html)
    assert "Django" not in html.split("<body", 1)[1].split("</header>", 1)[0]
    assert 'href="https://www.gov.co"' in html  # the GOV.CO bar


@pytest.mark.django_db
def test_el_nombre_del_admin_sigue_a_la_configuracion(client, alicia, settings):
    settings.ENTIDAD_NOMBRE = "Gobernación de Prueba"
    sin_entidad_principal()
    alicia.is_staff = alicia.is_superuser = True
    alicia.save()
    client.force_login(alicia)
    html = client.get("/admin/").content.decode()
    assert "Administración · Gobernación de Prueba</a>" in html
    assert "Rendición de cuentas: administración del sitio" in html


def test_la_hoja_del_admin_cambia_solo_las_variables_de_django_al_verde_del_sitio():
    from django.conf import settings

    hoja = (settings.BASE_DIR / "static" / "css" / "admin.css").read_text(encoding="utf-8")
    for variable in ("--primary", "--secondary", "--header-bg", "--link-fg", "--button-bg"):
        assert re.search(rf"{variable}: #[0-9a-f]{{6}};", hoja), variable
    assert "--header-bg: #00543c;" in hoja


def sin_entidad_principal():
    """No Entidad row speaks for the site: the ENTIDAD_* settings do (nucleo.entidad)."""
    Entidad.objects.update(principal=False)
    cache.delete(entidad.CLAVE_CACHE)
