"""Who may do what: the permission matrix of issue 3, through real HTTP requests.

Roles × objects × actions → the status each request must get:

- 200: the page or file is shown;
- HECHO: the write was done and the browser is sent back to the activity (302);
- LOGIN: anonymous (or inactive) users are sent to the login page (302);
- 403: the user sees the object but may not do the action;
- 404: the user may not even see the object.

«propia» is activity 1.3 (Secretaría de Educación, bruno's office) and «ajena»
is activity 1.5 (Secretaría de Salud, carla's office).
"""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404

from nucleo import roles
from plan import permisos
from plan.models import Actividad, Avance, Evidencia
from plan.permisos import Accion
from tests.ayudas import PDF_MINIMO

HECHO = "hecho"
LOGIN = "login"

ACCIONES = ("ver", "avance", "evidencia", "aprobar", "devolver", "publicar", "descargar")

# fmt: off
MATRIZ_ACTIVIDADES = [
    # rol              objeto     ver    avance  evidencia aprobar devolver publicar descargar
    ("anonimo",        "propia", (LOGIN, LOGIN,  LOGIN,    LOGIN,  LOGIN,   LOGIN,   LOGIN)),
    ("anonimo",        "ajena",  (LOGIN, LOGIN,  LOGIN,    LOGIN,  LOGIN,   LOGIN,   LOGIN)),
    ("alicia",         "propia", (200,   HECHO,  HECHO,    HECHO,  HECHO,   HECHO,   200)),
    ("alicia",         "ajena",  (200,   HECHO,  HECHO,    HECHO,  HECHO,   HECHO,   200)),
    ("bruno",          "propia", (200,   HECHO,  HECHO,    403,    403,     403,     200)),
    ("bruno",          "ajena",  (404,   404,    404,      404,    404,     404,     404)),
    ("carla",          "propia", (404,   404,    404,      404,    404,     404,     404)),
    ("carla",          "ajena",  (200,   HECHO,  HECHO,    403,    403,     403,     200)),
    ("diana",          "propia", (200,   403,    403,      403,    403,     403,     200)),
    ("diana",          "ajena",  (200,   403,    403,      403,    403,     403,     200)),
    ("sin_grupo",      "propia", (404,   404,    404,      404,    404,     404,     404)),
    ("sin_grupo",      "ajena",  (404,   404,    404,      404,    404,     404,     404)),
    ("opgi_inactivo",  "propia", (LOGIN, LOGIN,  LOGIN,    LOGIN,  LOGIN,   LOGIN,   LOGIN)),
    ("opgi_inactivo",  "ajena",  (LOGIN, LOGIN,  LOGIN,    LOGIN,  LOGIN,   LOGIN,   LOGIN)),
]

MATRIZ_TABLEROS = [
    # rol              /oficina/educacion/  /oficina/salud/  /tablero/
    ("anonimo",        (LOGIN,              LOGIN,           LOGIN)),
    ("alicia",         (200,                200,             200)),
    ("bruno",          (200,                403,             403)),
    ("carla",          (403,                200,             403)),
    ("diana",          (200,                200,             200)),
    ("sin_grupo",      (403,                403,             403)),
    ("opgi_inactivo",  (LOGIN,              LOGIN,           LOGIN)),
]
# fmt: on

CODIGO_DE = {"propia": "1.3", "ajena": "1.5"}
TABLEROS = ("/oficina/educacion/", "/oficina/salud/", "/tablero/")


def _casos_actividades():
    for rol, objeto, esperados in MATRIZ_ACTIVIDADES:
        for accion, esperado in zip(ACCIONES, esperados, strict=True):
            yield pytest.param(
                rol, objeto, accion, esperado, id=f"{rol}-{objeto}-{accion}-{esperado}"
            )


def _casos_tableros():
    for rol, esperados in MATRIZ_TABLEROS:
        for url, esperado in zip(TABLEROS, esperados, strict=True):
            yield pytest.param(rol, url, esperado, id=f"{rol}-{url.strip('/')}-{esperado}")


@pytest.fixture(autouse=True)
def media_temporal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sin_grupo(plan_2022):
    return get_user_model().objects.create_user(username="sin_grupo", password="clave-de-prueba")


@pytest.fixture
def opgi_inactivo(plan_2022):
    usuario = get_user_model().objects.create_user(
        username="opgi_inactivo", password="clave-de-prueba", is_staff=True, is_active=False
    )
    usuario.groups.add(Group.objects.get(name=roles.OPGI))
    return usuario


@pytest.fixture
def usuario_de(request, plan_2022):
    """The user playing a role of the matrix (None for anonymous)."""

    def _usuario_de(rol: str):
        return None if rol == "anonimo" else request.getfixturevalue(rol)

    return _usuario_de


def crear_evidencia(actividad: Actividad, estado=Evidencia.Estado.ENVIADA) -> Evidencia:
    evidencia = Evidencia(
        actividad=actividad,
        descripcion="Informe de gestión en PDF",
        nombre_original="informe.pdf",
        sha256=hashlib.sha256(PDF_MINIMO).hexdigest(),
        tamano=len(PDF_MINIMO),
        tipo_contenido="application/pdf",
        estado=estado,
    )
    evidencia.archivo.save("informe.pdf", ContentFile(PDF_MINIMO), save=True)
    return evidencia


def _peticion(client, accion: str, actividad: Actividad, evidencia: Evidencia):
    if accion == "ver":
        return client.get(f"/actividades/{actividad.pk}/")
    if accion == "avance":
        datos = {"fecha": "2022-09-15", "cantidad": "1", "narrativa": "Informe publicado."}
        return client.post(f"/actividades/{actividad.pk}/avances/", datos)
    if accion == "evidencia":
        archivo = ContentFile(PDF_MINIMO, name="informe-nuevo.pdf")
        datos = {"descripcion": "Informe firmado", "archivo": archivo, "enlace": ""}
        return client.post(f"/actividades/{actividad.pk}/evidencias/", datos)
    if accion == "descargar":
        return client.get(f"/evidencias/{evidencia.pk}/archivo/")
    datos = {"accion": accion, "comentario": "Falta la firma del secretario."}
    return client.post(f"/evidencias/{evidencia.pk}/revision/", datos)


def _estado_evidencia(evidencia: Evidencia) -> tuple:
    evidencia.refresh_from_db()
    return (evidencia.estado, evidencia.publica, evidencia.comentario_revision)


@pytest.mark.parametrize(("rol", "objeto", "accion", "esperado"), list(_casos_actividades()))
def test_matriz_de_permisos_sobre_actividades(
    client, usuario_de, actividad, rol, objeto, accion, esperado
):
    usuario = usuario_de(rol)
    if usuario is not None:
        client.force_login(usuario)
    objetivo = actividad(CODIGO_DE[objeto])
    # Only an approved evidence can be published: start there for «publicar».
    inicial = Evidencia.Estado.APROBADA if accion == "publicar" else Evidencia.Estado.ENVIADA
    evidencia = crear_evidencia(objetivo, estado=inicial)
    antes = (Avance.objects.count(), Evidencia.objects.count(), _estado_evidencia(evidencia))

    respuesta = _peticion(client, accion, objetivo, evidencia)

    if esperado == LOGIN:
        assert respuesta.status_code == 302
        assert respuesta.url.startswith("/cuentas/login/?next=")
    elif esperado == HECHO:
        assert respuesta.status_code == 302
        # Back to the activity; a review lands on the reviewed evidence.
        assert respuesta.url.split("#")[0] == f"/actividades/{objetivo.pk}/"
    else:
        assert respuesta.status_code == esperado
    if accion == "descargar" and esperado == 200:
        assert b"".join(respuesta.streaming_content) == PDF_MINIMO

    despues = (Avance.objects.count(), Evidencia.objects.count(), _estado_evidencia(evidencia))
    if esperado != HECHO:
        assert despues == antes, "a refused request must write nothing"
    elif accion == "avance":
        assert despues[0] == antes[0] + 1
        assert Avance.objects.get().reportado_por == usuario
    elif accion == "evidencia":
        assert despues[1] == antes[1] + 1
        assert Evidencia.objects.get(nombre_original="informe-nuevo.pdf").subida_por == usuario
    else:
        cambio = {
            "aprobar": ("aprobada", False, "Falta la firma del secretario."),
            "devolver": ("devuelta", False, "Falta la firma del secretario."),
            "publicar": ("aprobada", True, ""),
        }
        assert despues[2] == cambio[accion]


@pytest.mark.parametrize(("rol", "url", "esperado"), list(_casos_tableros()))
def test_matriz_de_permisos_sobre_tableros(client, usuario_de, rol, url, esperado):
    usuario = usuario_de(rol)
    if usuario is not None:
        client.force_login(usuario)

    respuesta = client.get(url)

    if esperado == LOGIN:
        assert respuesta.status_code == 302
        assert respuesta.url == f"/cuentas/login/?next={url}"
    else:
        assert respuesta.status_code == esperado


def test_el_tablero_de_una_oficina_solo_lista_sus_actividades(client, bruno):
    client.force_login(bruno)

    html = client.get("/oficina/educacion/").content.decode()

    assert 'data-actividad="1.3"' in html
    assert 'data-actividad="2.4"' in html
    assert 'data-actividad="1.5"' not in html
    assert html.count('<tr data-actividad="') == 2


def test_una_oficina_que_no_existe_da_404(client, alicia):
    client.force_login(alicia)
    assert client.get("/oficina/no-existe/").status_code == 404


def test_una_oficina_no_ve_las_evidencias_de_otra_en_su_tablero(client, bruno, carla, actividad):
    ajena = crear_evidencia(actividad("1.5"))
    propia = crear_evidencia(actividad("1.3"))
    client.force_login(bruno)

    html = client.get("/oficina/educacion/").content.decode()

    assert f'data-pendiente="{propia.pk}"' in html
    assert f'data-pendiente="{ajena.pk}"' not in html


# --- The admin -----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["bruno", "carla"])
@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/plan/actividad/", "/admin/plan/evidencia/", "/admin/auth/user/"],
)
def test_las_oficinas_no_entran_al_admin(client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))

    respuesta = client.get(url)

    assert respuesta.status_code == 302
    assert respuesta.url.startswith("/admin/login/?next=")


def test_una_oficina_no_puede_cambiar_una_actividad_por_el_admin(client, bruno, actividad):
    propia = actividad("1.3")
    client.force_login(bruno)

    respuesta = client.post(
        f"/admin/plan/actividad/{propia.pk}/change/", {"descripcion": "Cambiada"}
    )

    assert respuesta.status_code == 302
    assert respuesta.url.startswith("/admin/login/")
    propia.refresh_from_db()
    assert propia.descripcion.startswith("Formular y publicar")


def test_control_interno_ve_una_actividad_en_el_admin_sin_poder_guardar(client, diana, actividad):
    propia = actividad("1.3")
    client.force_login(diana)

    respuesta = client.get(f"/admin/plan/actividad/{propia.pk}/change/")

    assert respuesta.status_code == 200
    assert respuesta.context["has_change_permission"] is False
    html = respuesta.content.decode()
    assert propia.descripcion in html
    assert 'name="_save"' not in html
    assert 'name="descripcion"' not in html  # shown as text, not as an input


def test_control_interno_no_puede_cambiar_ni_crear_ni_borrar_en_el_admin(client, diana, actividad):
    propia = actividad("1.3")
    client.force_login(diana)
    datos = {
        "subcomponente": propia.subcomponente_id,
        "codigo": "1.3",
        "descripcion": "Descripción cambiada por Control interno",
        "producto": propia.producto,
        "meta_texto": propia.meta_texto,
        "meta_cantidad": "1",
        "meta_unidad": propia.meta_unidad,
        "meta_tipo": "exacta",
    }

    assert client.post(f"/admin/plan/actividad/{propia.pk}/change/", datos).status_code == 403
    assert client.get("/admin/plan/actividad/add/").status_code == 403
    assert (
        client.post(f"/admin/plan/actividad/{propia.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )

    propia.refresh_from_db()
    assert propia.descripcion.startswith("Formular y publicar")
    assert Actividad.objects.count() == 23


def test_opgi_si_puede_guardar_en_el_admin(client, alicia, actividad):
    client.force_login(alicia)

    respuesta = client.get(f"/admin/plan/actividad/{actividad('1.3').pk}/change/")

    assert respuesta.status_code == 200
    assert respuesta.context["has_change_permission"] is True
    assert 'name="_save"' in respuesta.content.decode()


# --- Unit level: the querysets every check derives from --------------------------

TODAS = {
    *(f"1.{n}" for n in range(1, 12)),
    *(f"2.{n}" for n in range(1, 9)),
    *(f"3.{n}" for n in range(1, 5)),
}
NINGUNA: set[str] = set()
EDUCACION = {"1.3", "2.4"}
SALUD = {"1.5", "2.5"}

# fmt: off
MATRIZ_QUERYSETS = [
    # rol              ver        reportar   subir      revisar    observaciones
    ("anonimo",        (NINGUNA,  NINGUNA,   NINGUNA,   NINGUNA,   NINGUNA)),
    ("alicia",         (TODAS,    TODAS,     TODAS,     TODAS,     TODAS)),
    ("bruno",          (EDUCACION, EDUCACION, EDUCACION, NINGUNA,  NINGUNA)),
    ("carla",          (SALUD,    SALUD,     SALUD,     NINGUNA,   NINGUNA)),
    ("diana",          (TODAS,    NINGUNA,   NINGUNA,   NINGUNA,   TODAS)),
    ("sin_grupo",      (NINGUNA,  NINGUNA,   NINGUNA,   NINGUNA,   NINGUNA)),
    ("opgi_inactivo",  (NINGUNA,  NINGUNA,   NINGUNA,   NINGUNA,   NINGUNA)),
]
# fmt: on

ACCIONES_QUERYSET = (
    Accion.VER,
    Accion.REPORTAR_AVANCE,
    Accion.SUBIR_EVIDENCIA,
    Accion.REVISAR_EVIDENCIA,
    Accion.EDITAR_OBSERVACIONES,
)


def _casos_querysets():
    for rol, esperados in MATRIZ_QUERYSETS:
        for accion, esperado in zip(ACCIONES_QUERYSET, esperados, strict=True):
            yield pytest.param(rol, accion, esperado, id=f"{rol}-{accion}")


@pytest.mark.parametrize(("rol", "accion", "esperado"), list(_casos_querysets()))
def test_actividades_para_cada_rol_y_accion(usuario_de, rol, accion, esperado):
    usuario = usuario_de(rol) or AnonymousUser()

    codigos = list(
        permisos.ACTIVIDADES.instancias_para(usuario, accion).values_list("codigo", flat=True)
    )

    assert set(codigos) == esperado
    assert len(codigos) == len(set(codigos)), "no activity may appear twice"


def test_un_superusuario_es_opgi_y_no_escribe_por_control_interno(plan_2022):
    """A superuser acts as OPGI: every activity, except Control Interno's own actions
    (its observations, closing and reopening cortes), which stay independent."""
    admin = get_user_model().objects.create_superuser("admin", password="clave-de-prueba")
    for accion in Accion:
        esperado = 0 if accion in permisos.SOLO_CONTROL_INTERNO else 23
        assert permisos.ACTIVIDADES.instancias_para(admin, accion).count() == esperado, accion


def test_una_oficina_sin_perfil_no_ve_ninguna_actividad(plan_2022):
    sin_perfil = get_user_model().objects.create_user("sin-perfil", password="clave-de-prueba")
    sin_perfil.groups.add(Group.objects.get(name=roles.OFICINA))

    assert permisos.ACTIVIDADES.instancias_para(sin_perfil, Accion.VER).count() == 0
    assert roles.oficina_de(sin_perfil) is None


def test_actividades_para_respeta_el_queryset_recibido(bruno):
    del_subcomponente_2 = Actividad.objects.filter(subcomponente__numero=2)

    codigos = permisos.ACTIVIDADES.instancias_para(
        bruno, Accion.VER, del_subcomponente_2
    ).values_list("codigo", flat=True)

    assert list(codigos) == ["2.4"]


def test_una_actividad_con_varias_oficinas_es_de_cada_una(bruno, carla, actividad):
    compartida = actividad("1.1")
    compartida.asignaciones.create(responsable=roles.oficina_de(bruno), orden=9)

    assert permisos.ACTIVIDADES.permite(bruno, Accion.REPORTAR_AVANCE, compartida)
    assert not permisos.ACTIVIDADES.permite(carla, Accion.REPORTAR_AVANCE, compartida)


def test_obtener_actividad_da_404_a_lo_que_no_ve_y_403_a_lo_que_no_puede_hacer(
    bruno, diana, actividad
):
    with pytest.raises(Http404):
        permisos.ACTIVIDADES.obtener(bruno, actividad("1.5").pk)
    with pytest.raises(PermissionDenied):
        permisos.ACTIVIDADES.obtener(diana, actividad("1.5").pk, Accion.REPORTAR_AVANCE)
    assert permisos.ACTIVIDADES.obtener(bruno, actividad("1.3").pk, Accion.REPORTAR_AVANCE) == (
        actividad("1.3")
    )


def test_evidencias_para_sigue_a_las_actividades(bruno, alicia, diana, actividad):
    propia = crear_evidencia(actividad("1.3"))
    ajena = crear_evidencia(actividad("1.5"))

    assert list(permisos.EVIDENCIAS.instancias_para(bruno, Accion.VER)) == [propia]
    assert not permisos.EVIDENCIAS.instancias_para(bruno, Accion.REVISAR_EVIDENCIA).exists()
    assert set(permisos.EVIDENCIAS.instancias_para(diana, Accion.VER)) == {propia, ajena}
    assert not permisos.EVIDENCIAS.instancias_para(diana, Accion.REVISAR_EVIDENCIA).exists()
    assert set(permisos.EVIDENCIAS.instancias_para(alicia, Accion.REVISAR_EVIDENCIA)) == {
        propia,
        ajena,
    }


def test_los_servicios_revisan_el_permiso_aunque_la_vista_lo_olvide(bruno, diana, actividad):
    from plan import services

    with pytest.raises(PermissionDenied):
        services.registrar_avance(
            actividad=actividad("1.5"),
            usuario=bruno,
            fecha=date(2022, 9, 15),
            cantidad=Decimal("1"),
            narrativa="No es de mi oficina.",
        )
    evidencia = crear_evidencia(actividad("1.3"))
    with pytest.raises(PermissionDenied):
        services.aprobar_evidencia(evidencia=evidencia, revisor=bruno)
    with pytest.raises(PermissionDenied):
        services.cambiar_publicacion(evidencia=evidencia, revisor=diana, publica=False)
    assert Avance.objects.count() == 0
    evidencia.refresh_from_db()
    assert evidencia.estado == Evidencia.Estado.ENVIADA
