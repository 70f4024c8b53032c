"""The admin: every model listed with Spanish names; responses are read-only evidence."""

from django.contrib.auth.models import Permission
from django.utils import timezone

from encuestas.models import Respuesta

from .conftest import minimas, responder_web


def test_el_admin_de_encuestas_en_espanol(client, admin_user, encuesta):
    responder_web(encuesta, minimas(encuesta.cuestionario))
    client.force_login(admin_user)
    indice = client.get("/admin/").content.decode()
    for nombre in (
        "Encuestas de satisfacción",
        "Cuestionarios",
        "Preguntas del cuestionario",
        "Respuestas de encuestas",
    ):
        assert nombre in indice
    for modelo in ("cuestionario", "preguntaencuesta", "encuesta", "respuesta"):
        assert client.get(f"/admin/encuestas/{modelo}/").status_code == 200
    respuesta = Respuesta.objects.get()
    detalle = client.get(f"/admin/encuestas/respuesta/{respuesta.pk}/change/")
    assert detalle.status_code == 200
    assert 'name="_save"' not in detalle.content.decode()  # nothing to save: read-only
    assert client.get("/admin/encuestas/respuesta/add/").status_code == 403
    assert client.get(f"/admin/encuestas/encuesta/{encuesta.pk}/change/").status_code == 200


def _formulario_admin(encuesta, **cambios) -> dict:
    abre, cierra = timezone.localtime(encuesta.abre_en), timezone.localtime(encuesta.cierra_en)
    datos = {
        "titulo": encuesta.titulo,
        "abre_en_0": abre.strftime("%Y-%m-%d"),
        "abre_en_1": abre.strftime("%H:%M:%S"),
        "cierra_en_0": cierra.strftime("%Y-%m-%d"),
        "cierra_en_1": cierra.strftime("%H:%M:%S"),
        "maximo_por_hora": encuesta.maximo_por_hora,
        "_save": "Guardar",
    }
    if encuesta.resultados_publicados:
        datos["resultados_publicados"] = "on"
    datos.update(cambios)
    return {clave: valor for clave, valor in datos.items() if valor is not None}


def test_publicar_resultados_desde_el_admin_no_da_500(client, admin_user, encuesta):
    responder_web(encuesta, minimas(encuesta.cuestionario))
    client.force_login(admin_user)
    url = f"/admin/encuestas/encuesta/{encuesta.pk}/change/"
    guardada = client.post(url, _formulario_admin(encuesta, resultados_publicados="on"))
    assert guardada.status_code == 302
    encuesta.refresh_from_db()
    # Through the same service as the staff page: the date and who published are recorded.
    assert encuesta.resultados_publicados and encuesta.publicados_en is not None
    assert encuesta.publicados_por == admin_user
    assert client.get(f"/encuestas/resultados/{encuesta.codigo}/").status_code == 200
    # Withdrawn from the list's action, through the service too.
    retirada = client.post(
        "/admin/encuestas/encuesta/",
        {"action": "retirar", "_selected_action": [encuesta.pk]},
        follow=True,
    )
    assert "Se retiraron los resultados de 1 encuesta(s)." in retirada.content.decode()
    encuesta.refresh_from_db()
    assert not encuesta.resultados_publicados and encuesta.publicados_por is None
    assert client.get(f"/encuestas/resultados/{encuesta.codigo}/").status_code == 404


def test_en_el_admin_solo_opgi_publica_resultados(client, diana, encuesta):
    """Control interno with admin rights on surveys still may not publish their results."""
    diana.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_encuesta", "view_encuesta"])
    )
    client.force_login(diana)
    url = f"/admin/encuestas/encuesta/{encuesta.pk}/change/"
    negada = client.post(url, _formulario_admin(encuesta, resultados_publicados="on"))
    assert negada.status_code == 200
    assert "Solo OPGI publica o retira los resultados" in negada.content.decode()
    encuesta.refresh_from_db()
    assert not encuesta.resultados_publicados


def test_el_admin_rechaza_una_fecha_lejana(client, admin_user, encuesta):
    client.force_login(admin_user)
    url = f"/admin/encuestas/encuesta/{encuesta.pk}/change/"
    lejana = client.post(url, _formulario_admin(encuesta, cierra_en_0="9999-12-31"))
    assert lejana.status_code == 200
    assert "La fecha debe estar entre el 01/01/2000 y el 31/12/2100." in lejana.content.decode()
    encuesta.refresh_from_db()
    assert encuesta.cierra_en.year < 2100
    assert client.get("/admin/encuestas/encuesta/add/").status_code == 403  # staff pages create
