"""Numbers in URLs and query strings: a hostile value is a 404 or a form error, never a 500."""

import pytest
from django.contrib.auth.models import Group
from django.urls import resolve
from django.urls.exceptions import Resolver404

from nucleo.parametros import entero, slug
from nucleo.roles import OPGI

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("2022", 2022),
        (" 7 ", 7),
        ("²", None),  # str.isdigit() says yes, int() says no
        ("٣", None),  # int() would read 3: only ASCII digits are numbers here
        ("１２", None),
        ("-1", None),
        ("1e3", None),
        ("", None),
        (None, None),
        ("9" * 19, None),  # wider than a 64-bit integer
        ("9" * 18, 10**18 - 1),
    ],
)
def test_entero_reads_only_ascii_digits_within_a_bigint(texto, esperado):
    assert entero(texto) == esperado


def test_entero_outside_the_asked_range_is_none():
    assert entero("1999", minimo=2000, maximo=2100) is None
    assert entero("2101", minimo=2000, maximo=2100) is None
    assert entero("2100", minimo=2000, maximo=2100) == 2100


def test_unicode_digit_in_anio_was_a_500_on_cobertura(client):
    respuesta = client.get("/dialogos/cobertura/", {"anio": "²"})
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/dialogos/cobertura/"


def test_unicode_digit_in_vigencia_was_a_500(client, django_user_model):
    usuario = django_user_model.objects.create_user("opgi-prueba", password="x")
    usuario.groups.add(Group.objects.get(name=OPGI))
    client.force_login(usuario)
    assert client.get("/tablero/", {"vigencia": "²"}).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/actividades/" + "9" * 30 + "/",
        "/dialogos/espacios/" + "9" * 30 + "/",
        "/encuestas/gestion/" + "9" * 30 + "/",
    ],
)
def test_huge_id_in_url_was_a_500_on_sqlite(client, url):
    with pytest.raises(Resolver404):
        resolve(url)
    assert client.get(url).status_code == 404


def test_largest_id_the_converter_accepts_is_a_404_not_an_overflow(client):
    assert client.get("/dialogos/espacios/" + "9" * 18 + "/").status_code == 404


def test_slug_refuses_a_nul_byte_and_non_ascii():
    assert slug("genoy") == "genoy"
    assert slug("comuna-5") == "comuna-5"
    assert slug("gen\x00oy") is None
    assert slug("génoy") is None
    assert slug("") is None
    assert slug(None) is None


def test_nul_byte_in_territorio_was_a_500_on_postgresql(client):
    respuesta = client.get("/dialogos/respuestas/", {"territorio": "\x00"})
    assert respuesta.status_code == 200
