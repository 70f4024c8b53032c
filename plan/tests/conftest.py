"""Fixtures of the plan tests: evidences and follow-up records (plan_2022 is in the root conftest)."""

from datetime import date
from decimal import Decimal

import pytest

from plan.models import Actividad, Avance, Evidencia, ObservacionSeguimiento, Perfil, Responsable


def _evidencia_enlace(actividad, usuario, numero, **extra):
    return Evidencia.objects.create(
        actividad=actividad,
        descripcion=f"Publicación {numero} en el portal",
        enlace=f"https://www.pasto.gov.co/rendicion/{numero}",
        subida_por=usuario,
        **extra,
    )


@pytest.fixture
def evidencias(plan_2022, admin_user):
    """Ten evidences: links on several activities (one approved and public) and one file."""
    actividades = list(Actividad.objects.order_by("orden")[:8])
    enlaces = [_evidencia_enlace(a, admin_user, n) for n, a in enumerate(actividades, 1)]
    aprobada = _evidencia_enlace(
        Actividad.objects.get(codigo="1.7"),
        admin_user,
        "periodico",
        estado=Evidencia.Estado.APROBADA,
        publica=True,
        revisada_por=admin_user,
    )
    archivo = Evidencia.objects.create(
        actividad=Actividad.objects.get(codigo="3.1"),
        descripcion="Encuestas de satisfacción escaneadas",
        archivo="evidencias/2022/3.1/abc/encuestas.pdf",
        nombre_original="encuestas.pdf",
        sha256="a" * 64,
        tamano=1234,
        tipo_contenido="application/pdf",
        subida_por=admin_user,
    )
    return [*enlaces, aprobada, archivo]


@pytest.fixture
def registros_de_seguimiento(plan_2022, admin_user, django_user_model):
    """Progress reports, observations and office profiles on several activities."""
    actividades = list(Actividad.objects.order_by("orden")[:6])
    for numero, actividad in enumerate(actividades, 1):
        Avance.objects.create(
            estado=Avance.Estado.APROBADO,
            actividad=actividad,
            fecha=date(2022, numero, 15),
            cantidad=Decimal(numero),
            narrativa=f"Avance número {numero}",
            reportado_por=admin_user,
        )
        ObservacionSeguimiento.objects.create(
            actividad=actividad, corte=1, texto="Sin novedad", actualizada_por=admin_user
        )
    for responsable in Responsable.objects.order_by("pk")[:6]:
        usuario = django_user_model.objects.create_user(f"enlace-{responsable.slug}")
        Perfil.objects.create(usuario=usuario, responsable=responsable)


@pytest.fixture
def datos_admin(evidencias, registros_de_seguimiento):
    """Rows in every model of the plan app."""
