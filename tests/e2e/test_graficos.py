"""The progress bars and charts as Chromium draws them (on a desk and on a phone)."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from plan import services
from plan.models import Actividad
from tests.e2e.test_accesibilidad import datos, violaciones_graves  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _ingresar(pagina, usuario="alicia"):
    pagina.goto("/cuentas/login/")
    pagina.get_by_label("Nombre de usuario").fill(usuario)
    pagina.get_by_label("Contraseña").fill("clave-de-prueba")
    pagina.get_by_role("button", name="Ingresar").click()
    pagina.wait_for_url("**/pendientes/")


def test_las_barras_de_avance_tienen_el_mismo_largo_con_0_y_con_100(page, datos):  # noqa: F811
    alicia = get_user_model().objects.get(username="alicia")
    services.registrar_avance(
        actividad=Actividad.objects.get(plan__vigencia=2022, codigo="1.1"),  # meta 1
        usuario=alicia,
        fecha=date(2022, 3, 1),
        cantidad=Decimal(1),
        narrativa="Hecho.",
    )
    _ingresar(page)
    page.goto("/tablero/")

    medidas = page.evaluate(
        """() => [...document.querySelectorAll('.tabla-actividades .barra-con-cifra')].map(b => {
            const pista = b.querySelector('.barra').getBoundingClientRect();
            const cifra = b.querySelector('.cifra').getBoundingClientRect();
            return [b.querySelector('.cifra').textContent, pista.width, cifra.left >= pista.right];
        })"""
    )
    cifras = {cifra.split(",")[0].rstrip(" %") for cifra, _, _ in medidas}
    assert {"0", "100"} <= cifras
    assert {round(ancho) for _, ancho, _ in medidas} == {128}  # 8rem, whatever the figure
    assert all(fuera for _, _, fuera in medidas)  # the figure is beside the track


def test_en_el_telefono_los_graficos_caben_y_su_letra_no_baja_de_12_px(movil, datos):  # noqa: F811
    movil.goto("/")

    letras = movil.evaluate(
        """() => [...document.querySelectorAll('svg.grafico')].flatMap(svg => {
            const escala = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(
                t => parseFloat(t.getAttribute('font-size')) * escala);
        })"""
    )
    assert len(letras) > 10
    assert min(letras) >= 12
    assert movil.evaluate("document.documentElement.scrollWidth") <= 360
    movil.get_by_text("Ver los datos en tabla").first.click()
    assert violaciones_graves(movil) == []
