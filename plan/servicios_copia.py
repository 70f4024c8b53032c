"""«Copiar a la vigencia siguiente»: next year's plan, unpublished, from this year's.

The copy has the same componentes, subcomponentes and actividades (goals, offices in
their order, progress source) and every date window one year later (29/02 → 28/02);
the plan's own cortes move too. Nothing of the year's execution travels: no progress
reports, evidence, observations or closed cortes. OPGI reviews it in the admin and
publishes it when it is adopted.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model

from nucleo import cambios, roles
from nucleo.roles import Usuario
from plan.copia import correr_ventanas, fines_de_cortes_propios, ya_existe
from plan.models import (
    Actividad,
    ActividadResponsable,
    Componente,
    CortePlan,
    Plan,
    Subcomponente,
    Ventana,
)

MENSAJE_SOLO_OPGI = "Solo OPGI copia un plan a la vigencia siguiente."

M = TypeVar("M", bound=Model)


def _guardar(objeto: M, usuario: Usuario) -> M:
    """Validate and save one row, its history row naming `usuario`."""
    cambios.autor_del_historial(objeto, usuario)
    objeto.full_clean()
    objeto.save()
    return objeto


@transaction.atomic
def copiar_plan(*, plan: Plan, usuario: Usuario, vigencia: int | None = None) -> Plan:
    """Create the unpublished plan of `vigencia` (default: the next) as a copy of `plan`."""
    if not roles.es_opgi(usuario):
        raise PermissionDenied(MENSAJE_SOLO_OPGI)
    vigencia = vigencia or plan.vigencia + 1
    anios = vigencia - plan.vigencia
    # Lock the source so that two clicks cannot both pass the check below.
    Plan.objects.select_for_update().filter(pk=plan.pk).exists()
    mensaje = ya_existe(plan, vigencia)
    if mensaje:
        raise ValidationError(mensaje, code="plan_ya_existe")
    nuevo = _guardar(
        Plan(
            entidad=plan.entidad,
            vigencia=vigencia,
            titulo=plan.titulo,
            dependencia=plan.dependencia,
            introduccion=plan.introduccion,
            instrumento=plan.instrumento,
            publicado=False,
        ),
        usuario,
    )
    for numero, fin in enumerate(fines_de_cortes_propios(plan, vigencia), start=1):
        _guardar(CortePlan(plan=nuevo, numero=numero, fin=fin), usuario)
    subcomponentes: dict[int, Subcomponente] = {}
    for componente in plan.componentes.order_by("orden", "pk").prefetch_related("subcomponentes"):
        copia = _guardar(
            Componente(plan=nuevo, nombre=componente.nombre, orden=componente.orden), usuario
        )
        for sub in componente.subcomponentes.all():
            subcomponentes[sub.pk] = _guardar(
                Subcomponente(componente=copia, numero=sub.numero, nombre=sub.nombre), usuario
            )
    actividades = (
        Actividad.objects.filter(plan=plan)
        .order_by("orden")
        .prefetch_related("ventanas", "asignaciones")
    )
    for actividad in actividades:
        copia_actividad = _guardar(
            Actividad(
                subcomponente=subcomponentes[actividad.subcomponente_id],
                codigo=actividad.codigo,
                descripcion=actividad.descripcion,
                producto=actividad.producto,
                meta_texto=actividad.meta_texto,
                meta_cantidad=actividad.meta_cantidad,
                meta_unidad=actividad.meta_unidad,
                meta_tipo=actividad.meta_tipo,
                fuente_avance=actividad.fuente_avance,
            ),
            usuario,
        )
        for asignacion in sorted(actividad.asignaciones.all(), key=lambda a: (a.orden, a.pk)):
            _guardar(
                ActividadResponsable(
                    actividad=copia_actividad,
                    responsable_id=asignacion.responsable_id,
                    orden=asignacion.orden,
                ),
                usuario,
            )
        ventanas = sorted((v.inicio, v.fin) for v in actividad.ventanas.all())
        for inicio, fin in correr_ventanas(ventanas, anios):
            _guardar(Ventana(actividad=copia_actividad, inicio=inicio, fin=fin), usuario)
    cambios.registrar(
        "plan.copiado", usuario=usuario, objeto=nuevo, origen=plan.pk, vigencia=vigencia
    )
    return nuevo
