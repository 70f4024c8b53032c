"""Every write service of the plan enforces its permission itself, not only the view.

Each service is called directly (no view in between) with users of the wrong office,
the wrong role, no role, an inactive account and no account: PermissionDenied,
nothing written. Then with the right user, so the refusal means something.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from plan import fuentes, services, servicios_avances, servicios_cortes
from plan.models import Actividad, Avance, CortePlan, Evidencia, ObservacionSeguimiento


@pytest.fixture
def sin_rol(plan_2022):
    return get_user_model().objects.create_user("sin-rol", password="clave-de-prueba")


@pytest.fixture
def bruno_inactivo(bruno):
    bruno.is_active = False
    bruno.save()
    return bruno


@pytest.fixture
def evidencia(actividad, bruno):
    """An evidence of Educación's activity 1.3, sent by Educación."""
    return services.subir_evidencia(
        actividad=actividad("1.3"),
        usuario=bruno,
        descripcion="Acta de la audiencia",
        enlace="https://www.pasto.gov.co/acta",
    )


@pytest.fixture
def aprobada(evidencia, alicia):
    return services.aprobar_evidencia(evidencia=evidencia, revisor=alicia)


def _reporte_de_educacion(actividad, bruno, dia):
    return services.registrar_avance(
        actividad=actividad("1.3"),
        usuario=bruno,
        fecha=date(2022, 9, dia),
        cantidad=Decimal(1),
        narrativa="Informe publicado.",
        hoy=date(2022, 12, 31),
    )


@pytest.fixture
def enviado(actividad, bruno):
    """Educación's report on 1.3, waiting for OPGI's review."""
    return _reporte_de_educacion(actividad, bruno, 20)


@pytest.fixture
def avance_aprobado(actividad, bruno, alicia):
    return servicios_avances.aprobar_avance(
        avance=_reporte_de_educacion(actividad, bruno, 10), revisor=alicia
    )


@pytest.fixture
def cerrado(plan_2022, diana):
    """Corte I, closed by Control Interno (the observations below are of corte II)."""
    return servicios_cortes.cerrar_corte(plan=plan_2022, numero=1, usuario=diana)


def _registrar_avance(actividad, usuario, **_):
    return services.registrar_avance(
        actividad=actividad("1.3"),
        usuario=usuario,
        fecha=date(2022, 9, 30),  # inside 1.3's window: nothing to confirm
        cantidad=Decimal(1),
        narrativa="Avance.",
        hoy=date(2022, 12, 31),
    )


def _subir_evidencia(actividad, usuario, **_):
    return services.subir_evidencia(
        actividad=actividad("1.3"),
        usuario=usuario,
        descripcion="Otra acta",
        enlace="https://www.pasto.gov.co/otra",
    )


def _aprobar(usuario, evidencia, **_):
    return services.aprobar_evidencia(evidencia=evidencia, revisor=usuario)


def _devolver(usuario, evidencia, **_):
    return services.devolver_evidencia(evidencia=evidencia, revisor=usuario, comentario="Falta.")


def _publicar(usuario, aprobada, **_):
    return services.cambiar_publicacion(evidencia=aprobada, revisor=usuario, publica=True)


def _observacion(actividad, usuario, **_):
    return services.guardar_observacion(
        actividad=actividad("1.3"), corte=2, texto="Observación.", usuario=usuario
    )


def _fuente(actividad, usuario, **_):
    clave = fuentes.opciones()[-1][0]
    return services.cambiar_fuente_avance(actividad=actividad("1.3"), usuario=usuario, fuente=clave)


def _aprobar_avance(usuario, enviado, **_):
    return servicios_avances.aprobar_avance(avance=enviado, revisor=usuario)


def _devolver_avance(usuario, enviado, **_):
    return servicios_avances.devolver_avance(avance=enviado, revisor=usuario, comentario="No.")


def _anular_avance(usuario, avance_aprobado, **_):
    return servicios_avances.anular_avance(avance=avance_aprobado, usuario=usuario, motivo="Error.")


def _corregir_avance(actividad, usuario, avance_aprobado, **_):
    return services.registrar_avance(
        actividad=actividad("1.3"),
        usuario=usuario,
        fecha=date(2022, 9, 10),
        cantidad=Decimal(0),
        narrativa="Aún no se publica.",
        hoy=date(2022, 12, 31),
        corrige=avance_aprobado,
        motivo="Se reportó por error.",
    )


def _cerrar_corte(actividad, usuario, **_):
    plan = actividad("1.3").plan
    return servicios_cortes.cerrar_corte(plan=plan, numero=3, usuario=usuario)


def _reabrir_corte(usuario, cerrado, **_):
    return servicios_cortes.reabrir_corte(
        plan=cerrado.plan, numero=cerrado.numero, usuario=usuario, motivo="Faltaba un soporte."
    )


# service: (users it must refuse, the user it accepts). 1.3 is Educación's (bruno);
# carla is Salud, diana Control interno, alicia OPGI.
SERVICIOS = {
    "registrar_avance": (_registrar_avance, ["carla", "diana"], "bruno"),
    "subir_evidencia": (_subir_evidencia, ["carla", "diana"], "bruno"),
    "aprobar_evidencia": (_aprobar, ["bruno", "carla", "diana"], "alicia"),
    "devolver_evidencia": (_devolver, ["bruno", "carla", "diana"], "alicia"),
    "cambiar_publicacion": (_publicar, ["bruno", "carla", "diana"], "alicia"),
    "guardar_observacion": (_observacion, ["bruno", "carla"], "diana"),
    "cambiar_fuente_avance": (_fuente, ["bruno", "carla", "diana"], "alicia"),
    "aprobar_avance": (_aprobar_avance, ["bruno", "carla", "diana"], "alicia"),
    "devolver_avance": (_devolver_avance, ["bruno", "carla", "diana"], "alicia"),
    "anular_avance": (_anular_avance, ["bruno", "carla", "diana"], "alicia"),
    "corregir_avance": (_corregir_avance, ["carla", "diana"], "bruno"),
    "cerrar_corte": (_cerrar_corte, ["alicia", "bruno", "carla"], "diana"),
    "reabrir_corte": (_reabrir_corte, ["alicia", "bruno", "carla"], "diana"),
}
SIEMPRE_RECHAZADOS = ["sin_rol", "bruno_inactivo", "anonimo"]

CASOS = [
    pytest.param(servicio, persona, id=f"{servicio}-{persona}")
    for servicio, (_, rechazados, _aceptado) in SERVICIOS.items()
    for persona in rechazados + SIEMPRE_RECHAZADOS
]


def _estado():
    """Everything these services write."""
    return (
        list(Avance.objects.order_by("pk").values_list("estado", "corrige")),
        list(CortePlan.objects.order_by("pk").values_list("numero", "cerrado_en")),
        list(Evidencia.objects.order_by("pk").values_list("estado", "publica")),
        ObservacionSeguimiento.objects.count(),
        list(Actividad.objects.exclude(fuente_avance="").values_list("pk", flat=True)),
    )


@pytest.mark.parametrize(("servicio", "persona"), CASOS)
def test_cada_servicio_del_plan_rechaza_al_usuario_equivocado_llamado_directamente(
    request,
    actividad,
    alicia,
    bruno,
    carla,
    diana,
    evidencia,
    aprobada,
    enviado,
    avance_aprobado,
    cerrado,
    servicio,
    persona,
):
    llamar = SERVICIOS[servicio][0]
    usuario = AnonymousUser() if persona == "anonimo" else request.getfixturevalue(persona)
    antes = _estado()

    with pytest.raises(PermissionDenied):
        llamar(
            actividad=actividad,
            usuario=usuario,
            evidencia=evidencia,
            aprobada=aprobada,
            enviado=enviado,
            avance_aprobado=avance_aprobado,
            cerrado=cerrado,
        )

    assert _estado() == antes


@pytest.mark.parametrize("servicio", list(SERVICIOS))
def test_cada_servicio_del_plan_acepta_al_usuario_correcto(
    request, actividad, alicia, bruno, diana, enviado, avance_aprobado, cerrado, servicio
):
    llamar, _, persona = SERVICIOS[servicio]
    # A fresh evidence per call: aprobar and devolver need one in «enviada».
    nueva = services.subir_evidencia(
        actividad=actividad("1.3"), usuario=bruno, descripcion="Acta", enlace="https://x.org/a"
    )
    lista = services.aprobar_evidencia(
        evidencia=services.subir_evidencia(
            actividad=actividad("1.3"), usuario=bruno, descripcion="B", enlace="https://x.org/b"
        ),
        revisor=alicia,
    )

    assert llamar(
        actividad=actividad,
        usuario=request.getfixturevalue(persona),
        evidencia=nueva,
        aprobada=lista,
        enviado=enviado,
        avance_aprobado=avance_aprobado,
        cerrado=cerrado,
    )
