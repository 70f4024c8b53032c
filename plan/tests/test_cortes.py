"""A corte is a value that validates itself; a plan has its own cortes (by default the
three cuatrimestres) and URLs take only the numbers it has."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plan.cortes import Corte, mensaje_corte


@pytest.mark.parametrize("numero", [0, 4, -1, True, "2"])
def test_un_corte_fuera_de_1_a_3_no_existe(numero):
    with pytest.raises(ValidationError) as error:
        Corte.cuatrimestre(2022, numero)

    assert error.value.messages == [mensaje_corte(3)]
    assert error.value.messages == ["Este plan tiene 3 cortes: el número debe estar entre 1 y 3."]


def test_un_corte_de_una_vigencia_fuera_de_rango_no_existe():
    with pytest.raises(ValidationError, match="La vigencia debe ser un año entre"):
        Corte.cuatrimestre(1999, 1)


def test_un_corte_sabe_sus_fechas_y_su_nombre():
    corte = Corte.cuatrimestre(2024, 1)  # leap year: February does not matter, April does

    assert (corte.inicio, corte.fin) == (date(2024, 1, 1), date(2024, 4, 30))
    assert (corte.romano, corte.etiqueta) == ("I", "I cuatrimestre")
    assert Corte.cuatrimestre(2024, 3).nombre == "III cuatrimestre 2024"


@pytest.mark.parametrize(
    "ruta",
    [
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/4.pdf",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/0.xlsx",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/12.pdf",
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/4/observaciones/",
        "/informes/oficina/educacion/alcaldia-de-pasto-paac-2022/4.pdf",
    ],
)
def test_una_url_con_un_corte_que_no_existe_es_404(client, alicia, ruta):
    client.force_login(alicia)

    assert client.get(ruta).status_code == 404


def test_las_rutas_de_los_informes_no_cambian():
    assert reverse("observaciones_seguimiento", args=("alcaldia-de-pasto-paac-2022", 2)) == (
        "/informes/seguimiento/alcaldia-de-pasto-paac-2022/2/observaciones/"
    )
