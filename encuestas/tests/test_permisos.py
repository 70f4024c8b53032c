"""Who may do what: the grid role × action, through real HTTP requests.

Roles: anonymous, OPGI (alicia), the organising office (bruno, Educación), another office
(carla, Salud) and Control interno (diana). 404: may not even see the survey; 403: sees
it but may not do this; 302 for anonymous: sent to log in.
"""

import pytest
from django.core.exceptions import PermissionDenied

from encuestas import services
from encuestas.models import Cuestionario, Encuesta

from .conftest import abierta_ahora

ROLES = ["anonimo", "alicia", "bruno", "carla", "diana"]

# action: (method, path template, expected status per role in ROLES order)
GRILLA = {
    "lista": ("get", "/encuestas/gestion/", [302, 200, 200, 200, 200]),
    "detalle": ("get", "/encuestas/gestion/{pk}/", [302, 200, 200, 404, 200]),
    "resultados": ("get", "/encuestas/gestion/{pk}/resultados/", [302, 200, 200, 404, 200]),
    "exportar": ("get", "/encuestas/gestion/{pk}/resultados.xlsx", [302, 200, 200, 404, 200]),
    "qr": ("get", "/encuestas/gestion/{pk}/qr.png", [302, 200, 200, 404, 200]),
    "digitar_papel": ("get", "/encuestas/gestion/{pk}/papel/", [302, 200, 200, 404, 403]),
    "editar": ("get", "/encuestas/gestion/{pk}/editar/", [302, 200, 200, 404, 403]),
    "crear": ("get", "/encuestas/gestion/nueva/", [302, 200, 200, 200, 403]),
    "publicar": ("post", "/encuestas/gestion/{pk}/publicacion/", [302, 302, 403, 404, 403]),
    "periodo": ("get", "/encuestas/gestion/resultados/", [302, 200, 200, 200, 200]),
    "ver_cuestionarios": ("get", "/encuestas/cuestionarios/", [302, 200, 200, 200, 200]),
    "crear_cuestionario": ("post", "/encuestas/cuestionarios/nuevo/", [302, 302, 403, 403, 403]),
}


@pytest.mark.parametrize("accion", list(GRILLA))
def test_grilla_de_permisos(client, request, encuesta, accion):
    metodo, ruta, esperados = GRILLA[accion]
    datos = (
        {"publicar": "1", "confirmado": "1", "nombre": "Cuestionario nuevo"}
        if metodo == "post"
        else None
    )
    obtenidos = []
    for rol in ROLES:
        client.logout()
        if rol != "anonimo":
            client.force_login(request.getfixturevalue(rol))
        respuesta = getattr(client, metodo)(ruta.format(pk=encuesta.pk), datos)
        obtenidos.append(respuesta.status_code)
        if rol == "anonimo":
            assert respuesta["Location"].startswith("/cuentas/login/")
    assert obtenidos == esperados
    if accion == "publicar":
        encuesta.refresh_from_db()
        assert encuesta.resultados_publicados  # only OPGI's POST did it
    if accion == "crear_cuestionario":
        assert Cuestionario.objects.filter(nombre="Cuestionario nuevo").count() == 1


def test_un_usuario_sin_rol_no_entra(client, encuesta, django_user_model):
    client.force_login(django_user_model.objects.create_user("sinrol", password="x"))
    assert client.get("/encuestas/gestion/").status_code == 403
    assert client.get(f"/encuestas/gestion/{encuesta.pk}/").status_code == 404


def test_cada_oficina_ve_solo_las_encuestas_de_sus_espacios(
    client, bruno, carla, encuesta, encuesta_salud
):
    client.force_login(carla)
    lista = client.get("/encuestas/gestion/").context["encuestas"]
    assert [e.pk for e in lista] == [encuesta_salud.pk]
    client.force_login(bruno)
    periodo = client.get("/encuestas/gestion/resultados/").context["resultados"]
    assert periodo.encuestas == []  # no responses yet; and never Salud's
    assert [e.pk for e in client.get("/encuestas/gestion/").context["encuestas"]] == [encuesta.pk]


def test_una_oficina_crea_la_encuesta_de_su_espacio_y_no_otra(
    client, bruno, espacio_educacion, espacio_salud, predeterminado
):
    ventana = abierta_ahora()
    with pytest.raises(PermissionDenied):
        services.crear_encuesta(
            usuario=bruno, cuestionario=predeterminado, espacio=espacio_salud, **ventana
        )
    with pytest.raises(PermissionDenied):
        services.crear_encuesta(
            usuario=bruno, cuestionario=predeterminado, titulo="General", **ventana
        )
    client.force_login(bruno)
    formulario = client.get(f"/encuestas/gestion/nueva/?espacio={espacio_educacion.pk}")
    opciones = list(formulario.context["form"].fields["espacio"].queryset)
    assert opciones == [espacio_educacion]
    assert formulario.context["form"].initial["cuestionario"] == predeterminado.pk
    datos = {
        "espacio": espacio_educacion.pk,
        "cuestionario": predeterminado.pk,
        "abre_en": ventana["abre_en"].strftime("%Y-%m-%dT%H:%M"),
        "cierra_en": ventana["cierra_en"].strftime("%Y-%m-%dT%H:%M"),
    }
    creada = client.post("/encuestas/gestion/nueva/", datos)
    assert creada.status_code == 302
    encuesta = Encuesta.objects.get()
    assert encuesta.espacio == espacio_educacion and encuesta.creada_por == bruno
    # Salud's space is not among the choices: the form refuses it.
    otra = client.post("/encuestas/gestion/nueva/", {**datos, "espacio": espacio_salud.pk})
    assert otra.status_code == 400 and Encuesta.objects.count() == 1
    # A space has one survey.
    client.force_login(bruno)
    assert client.post("/encuestas/gestion/nueva/", datos).status_code == 400
    assert Encuesta.objects.count() == 1


def test_control_interno_no_escribe_nada(encuesta, diana):
    with pytest.raises(PermissionDenied):
        services.publicar_resultados(usuario=diana, encuesta=encuesta, publicar=True)
    with pytest.raises(PermissionDenied):
        services.editar_encuesta(
            usuario=diana,
            encuesta=encuesta,
            cuestionario=encuesta.cuestionario,
            **abierta_ahora(),
        )
    with pytest.raises(PermissionDenied):
        services.crear_cuestionario(usuario=diana, nombre="x")
