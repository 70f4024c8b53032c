"""The demo year is never loaded in production: without DEBUG, only when forced."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dialogos.models import EspacioDialogo


@pytest.mark.django_db
def test_sin_debug_cargar_demo_se_niega(settings, plan_2022):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("cargar_demo")
    assert not EspacioDialogo.objects.exists()


@pytest.mark.django_db
def test_forzada_pasa_la_guarda_y_sin_usuarios_de_demostracion_no_escribe_nada(settings, plan_2022):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Faltan los usuarios de demostración"):
        call_command("cargar_demo", forzar=True)
    assert not EspacioDialogo.objects.exists()


@pytest.mark.django_db
def test_sin_el_plan_2022_pide_preparar_demo(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="preparar_demo"):
        call_command("cargar_demo")
