"""Shared fixtures of the plan tests: a few evidences (plan_2022 is in the root conftest)."""

import pytest

from plan.models import Actividad, Evidencia


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
