"""Hostile values the URL fuzz test (tests/test_fuzz_urls.py) found in the plan app.

Each was a 500: a NUL byte is refused by PostgreSQL in any query text, and a number
wider than 64 bits cannot be bound by SQLite (nor a year of 31 digits by `date`).
"""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def superusuario(plan_2022):
    return get_user_model().objects.create_superuser("raiz", password="clave-de-prueba")


@pytest.mark.parametrize("codigo", ["%00", "a%00b", "1.1%00"])
def test_un_codigo_de_actividad_con_un_byte_nulo_es_404_y_no_500(client, plan_2022, codigo):
    assert client.get(f"/plan/alcaldia-de-pasto-paac-2022/actividades/{codigo}/").status_code == 404


@pytest.mark.parametrize(
    "consulta",
    [
        f"/admin/plan/actividad/?plan__exact={10**30}",
        f"/admin/plan/avance/?fecha__year={10**30}",
        f"/admin/plan/evidencia/?subida_en__year={10**30}",
        "/admin/plan/evidencia/?estado__exact=%00",
        "/admin/plan/actividad/?meta_tipo__exact=%00",
    ],
)
def test_un_filtro_del_admin_con_un_valor_imposible_se_ignora_con_un_mensaje(
    client, superusuario, consulta
):
    client.force_login(superusuario)

    respuesta = client.get(consulta, follow=True)

    assert respuesta.status_code == 200
    assert respuesta.redirect_chain[0][0] == consulta.split("?")[0] + "?"
    assert "Se ignoró un filtro con un valor no válido." in respuesta.content.decode()


def test_un_filtro_valido_del_admin_sigue_funcionando(client, superusuario):
    client.force_login(superusuario)
    respuesta = client.get("/admin/plan/evidencia/?estado__exact=aprobada")
    assert respuesta.status_code == 200
