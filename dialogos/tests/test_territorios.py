"""The 29 territories of Pasto (a data migration) and the territorial coverage view."""

from django.utils import timezone

from dialogos.models import EspacioDialogo, Territorio
from dialogos.tests.conftest import momento

CORREGIMIENTOS = [
    "Buesaquillo", "Cabrera", "Catambuco", "El Encano", "El Socorro", "Genoy", "Gualmatán",
    "Jamondino", "Jongovito", "La Caldera", "La Laguna", "Mapachico", "Mocondino", "Morasurco",
    "Obonuco", "San Fernando", "Santa Bárbara",
]  # fmt: skip


def test_las_29_comunas_y_corregimientos_existen_en_toda_base_de_datos(db):
    comunas = list(
        Territorio.objects.filter(tipo=Territorio.Tipo.COMUNA).values_list("nombre", flat=True)
    )
    corregimientos = list(
        Territorio.objects.filter(tipo=Territorio.Tipo.CORREGIMIENTO).values_list(
            "nombre", flat=True
        )
    )
    assert comunas == [f"Comuna {n}" for n in range(1, 13)]
    assert corregimientos == CORREGIMIENTOS
    assert Territorio.objects.count() == 29


def test_cobertura_muestra_que_territorios_tuvieron_un_espacio_realizado(
    client, plan_2022, crear_espacio
):
    territorial = EspacioDialogo.Tipo.ESPACIO_TERRITORIAL
    crear_espacio(tipo=territorial, territorio="Genoy", codigo="2.2", realizado=True)
    crear_espacio(
        tipo=territorial,
        territorio="Genoy",
        codigo="2.2",
        inicio=momento(2022, 8, 2),
        realizado=True,
    )
    # Any kind of space counts where it was held.
    crear_espacio(territorio="Comuna 5", codigo="2.1", inicio=momento(2022, 6, 1), realizado=True)
    # Programmed, cancelled or of another year: not covered.
    crear_espacio(tipo=territorial, territorio="Catambuco", codigo="2.2")
    crear_espacio(tipo=territorial, territorio="Obonuco", codigo="2.2", cancelado=True)

    respuesta = client.get("/dialogos/cobertura/?anio=2022")

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'data-cubiertos="2"' in html
    assert "2 de 29" in html
    assert html.count('data-cubierto="si"') == 2
    assert html.count('data-cubierto="no"') == 27
    assert 'data-territorio="genoy" data-cubierto="si"' in html
    assert 'data-territorio="comuna-5" data-cubierto="si"' in html
    assert 'data-territorio="catambuco" data-cubierto="no"' in html
    assert 'data-territorio="obonuco" data-cubierto="no"' in html
    assert "02/08/2022" in html  # Genoy's latest space

    otro_anio = client.get("/dialogos/cobertura/?anio=2023").content.decode()
    assert 'data-cubiertos="0"' in otro_anio


def test_cobertura_por_defecto_es_la_del_plan_vigente(client, plan_2022, crear_espacio):
    crear_espacio(territorio="La Laguna", codigo="2.1", realizado=True)
    html = client.get("/dialogos/cobertura/").content.decode()
    assert "Cobertura territorial de los espacios de diálogo 2022" in html
    assert 'data-territorio="la-laguna" data-cubierto="si"' in html


def test_cobertura_con_anio_invalido_no_falla(client, db):
    respuesta = client.get("/dialogos/cobertura/?anio=dos-mil", follow=True)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Año no válido." in html
    assert f"de los espacios de diálogo {timezone.localdate().year}" in html
