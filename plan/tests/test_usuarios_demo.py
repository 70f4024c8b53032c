"""`preparar_demo` gives a newcomer the 2022 plan and one account per role and office."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from nucleo import roles
from plan.models import Actividad, Responsable


def _peticion():
    # django-axes checks every login against the request's IP.
    return RequestFactory().post("/cuentas/login/")


@pytest.mark.django_db
def test_preparar_demo_carga_el_plan_y_crea_usuarios(settings, capsys):
    settings.DEBUG = True
    call_command("preparar_demo", password="clave-demo-123")

    salida = capsys.readouterr().out
    assert Actividad.objects.count() == 23
    opgi = authenticate(_peticion(), username="opgi", password="clave-demo-123")
    assert opgi is not None and opgi.groups.filter(name=roles.OPGI).exists()
    assert authenticate(_peticion(), username="admin", password="clave-demo-123").is_superuser
    for responsable in Responsable.objects.exclude(slug="opgi"):
        usuario = authenticate(_peticion(), username=responsable.slug, password="clave-demo-123")
        assert usuario.perfil.responsable == responsable
        assert usuario.groups.filter(name=roles.OFICINA).exists()
        assert not usuario.is_staff
    assert "educacion" in salida and "clave-demo-123" in salida


@pytest.mark.django_db
def test_el_plan_cargado_por_preparar_demo_ya_tiene_su_primer_historial(settings):
    settings.DEBUG = True
    call_command("preparar_demo", password="clave-demo-123")

    sin_historial = Actividad.objects.exclude(pk__in=Actividad.history.values("id"))
    assert not sin_historial.exists()
    assert Actividad.history.filter(history_type="+").count() == 23


@pytest.mark.django_db
def test_preparar_demo_no_sobrescribe_un_plan_ya_cargado(settings):
    settings.DEBUG = True
    call_command("preparar_demo", password="x-clave-demo-1")
    Actividad.objects.filter(codigo="1.1").update(producto="Editado por OPGI")
    call_command("preparar_demo", password="x-clave-demo-1")
    assert Actividad.objects.get(codigo="1.1").producto == "Editado por OPGI"


@pytest.mark.django_db
def test_usuarios_demo_solo_en_desarrollo(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("crear_usuarios_demo")
