"""«Importar un plan completo»: the preview of `plan.importacion.construccion` written as
a new draft plan, all or nothing (issue 16).

Every row is created with `bulk_create` (one insert per model and batch, the next
issue measures it), each with its history row naming the user
(`simple_history.utils.bulk_create_with_history`, as a `save()` would write it), and
one audit line for the whole plan. The models' own field and row rules run on every
object before the inserts (they need no query: the objects are linked in memory); the
database's constraints stay the last word.
"""

from collections.abc import Mapping, Sequence
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from nucleo import cambios, roles
from nucleo.models import Entidad
from nucleo.roles import Usuario
from plan.importacion.construccion import EDITABLES, ActividadPrevia, VistaPrevia
from plan.models import (
    Actividad,
    ActividadResponsable,
    Componente,
    ImportacionPlan,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

MENSAJE_SOLO_OPGI = "Solo OPGI importa un plan completo."
MENSAJE_CON_ERRORES = (
    "El plan tiene {numero} problema(s) por corregir: nada se guardó. Corríjalos en la "
    "vista previa o en el archivo y vuelva a intentarlo."
)
MENSAJE_YA_IMPORTADA = "Este archivo ya se importó: es el plan «{plan}»."
MENSAJE_BORRADOR = "Está como borrador, sin publicar: se publica desde «Planes»."
MENSAJE_IMPORTADO = (
    "Se importó el plan {vigencia} de {entidad} con {numero} actividades como borrador, "
    "sin publicar: revíselo en este tablero y publíquelo desde «Planes» cuando se adopte."
)
MENSAJE_PLAN_EXISTE = "Ya existe un plan de {entidad}, {instrumento}, para la vigencia {vigencia}."

M = TypeVar("M", bound=Model)


def _validar(objetos: Sequence[Model], fila: ActividadPrevia | None = None) -> None:
    """The model's field and row rules (no uniqueness query: the preview settled those)."""
    for objeto in objetos:
        # A foreign key's own validation queries its row: these are linked in memory.
        relaciones = [campo.name for campo in objeto._meta.fields if campo.is_relation]
        try:
            objeto.clean_fields(exclude=relaciones)
            objeto.clean()
        except ValidationError as error:
            donde = f"Fila {fila.fila}: " if fila is not None else ""
            raise ValidationError(f"{donde}{' '.join(error.messages)}") from error


def _crear(modelo: type[M], objetos: list[M], usuario: Usuario) -> list[M]:
    if not objetos:
        return []
    return bulk_create_with_history(objetos, modelo, default_user=usuario)


def mensaje_ya_importada(*, plan: Plan) -> str:
    mensaje = MENSAJE_YA_IMPORTADA.format(plan=plan)
    return mensaje if plan.publicado else f"{mensaje} {MENSAJE_BORRADOR}"


def plan_existente(*, entidad: str, instrumento: str, vigencia: int) -> Plan | None:
    return Plan.objects.filter(
        entidad__nombre=entidad, instrumento=instrumento, vigencia=vigencia
    ).first()


def mensaje_plan_existente(*, entidad: str, instrumento: str, vigencia: int) -> str | None:
    plan = plan_existente(entidad=entidad, instrumento=instrumento, vigencia=vigencia)
    if plan is None:
        return None
    return MENSAJE_PLAN_EXISTE.format(
        entidad=entidad, instrumento=plan.get_instrumento_display(), vigencia=vigencia
    )


@transaction.atomic
def guardar_ediciones(
    *,
    importacion: ImportacionPlan,
    ediciones: Mapping[str, Mapping[str, str]],
    usuario: Usuario,
) -> ImportacionPlan:
    """Keep the person's corrections of the preview («row number» → field of `EDITABLES`
    → value, only the values changed), merged over the earlier ones: the next preview
    reads those values as if the sheet said so."""
    if not roles.es_opgi(usuario):
        raise PermissionDenied(MENSAJE_SOLO_OPGI)
    # Locked: two corrections sent at once both stay (and none after the import).
    bloqueada = ImportacionPlan.objects.select_for_update().get(pk=importacion.pk)
    if bloqueada.plan is not None:
        raise ValidationError(mensaje_ya_importada(plan=bloqueada.plan))
    guardadas = dict(bloqueada.ediciones or {})
    for fila, valores in ediciones.items():
        ajenos = set(valores) - set(EDITABLES)
        if ajenos or not str(fila).isdigit():
            raise ValueError(f"Corrección fuera de la vista previa: fila {fila}, {sorted(ajenos)}")
        if valores:
            guardadas[str(fila)] = {**guardadas.get(str(fila), {}), **valores}
    bloqueada.ediciones = guardadas
    bloqueada.save(update_fields=["ediciones"])
    importacion.ediciones = guardadas
    return bloqueada


@transaction.atomic
def importar_plan(
    *, vista_previa: VistaPrevia, usuario: Usuario, importacion: ImportacionPlan | None = None
) -> Plan:
    """Write `vista_previa` as a new unpublished plan; refuse if any row has a problem."""
    if not roles.es_opgi(usuario):
        raise PermissionDenied(MENSAJE_SOLO_OPGI)
    if importacion is not None:
        # Locked: two clicks on «Importar» cannot both write the plan.
        importacion = ImportacionPlan.objects.select_for_update().get(pk=importacion.pk)
        if importacion.plan is not None:
            raise ValidationError(mensaje_ya_importada(plan=importacion.plan))
    if vista_previa.hay_errores:
        raise ValidationError(MENSAJE_CON_ERRORES.format(numero=len(vista_previa.errores)))
    datos = vista_previa.datos
    mensaje = mensaje_plan_existente(
        entidad=datos.entidad, instrumento=datos.instrumento, vigencia=datos.vigencia
    )
    if mensaje:
        raise ValidationError(mensaje, code="plan_ya_existe")

    entidad = Entidad.objects.filter(nombre=datos.entidad).first()
    if entidad is None:
        entidad = Entidad.objects.de_nombre(datos.entidad)
    plan = Plan(
        entidad=entidad,
        vigencia=datos.vigencia,
        titulo=datos.titulo,
        instrumento=datos.instrumento,
        publicado=False,
    )
    cambios.autor_del_historial(plan, usuario)
    plan.full_clean()
    plan.save()

    actividades = vista_previa.actividades
    componentes: dict[int, Componente] = {}
    for fila in actividades:
        componentes.setdefault(
            fila.componente_orden,
            Componente(plan=plan, nombre=fila.componente, orden=fila.componente_orden),
        )
    _validar(list(componentes.values()))
    _crear(Componente, list(componentes.values()), usuario)

    subcomponentes: dict[tuple[int, int], Subcomponente] = {}
    for fila in actividades:
        clave = (fila.componente_orden, fila.subcomponente_numero)
        if clave not in subcomponentes:
            subcomponentes[clave] = Subcomponente(
                componente=componentes[fila.componente_orden],
                numero=fila.subcomponente_numero,
                nombre=fila.subcomponente_nombre,
            )
    _validar(list(subcomponentes.values()))
    _crear(Subcomponente, list(subcomponentes.values()), usuario)

    nuevas: dict[str, Responsable] = {}
    for oficina in vista_previa.oficinas_nuevas:
        nuevas[oficina.slug] = Responsable(
            entidad=entidad,
            nombre=oficina.nombre,
            sigla=oficina.sigla,
            slug=oficina.slug,
            tipo=oficina.tipo,
        )
    _validar(list(nuevas.values()))
    _crear(Responsable, list(nuevas.values()), usuario)

    por_fila: list[tuple[ActividadPrevia, Actividad]] = []
    for fila in actividades:
        meta = fila.meta
        actividad = Actividad(
            plan=plan,
            subcomponente=subcomponentes[(fila.componente_orden, fila.subcomponente_numero)],
            codigo=fila.codigo,
            codigo_oficial=fila.codigo_oficial,
            descripcion=fila.descripcion,
            producto=fila.producto,
            meta_texto=meta.texto[:300] or fila.producto[:300],
            meta_cantidad=meta.cantidad,
            meta_unidad=(meta.unidad or fila.producto)[:150],
            meta_tipo=meta.tipo,
        )
        _validar([actividad], fila)
        por_fila.append((fila, actividad))
    _crear(Actividad, [actividad for _, actividad in por_fila], usuario)

    asignaciones: list[ActividadResponsable] = []
    ventanas: list[Ventana] = []
    for fila, actividad in por_fila:
        for orden, oficina in enumerate(fila.responsables, start=1):
            responsable_id = oficina.pk if oficina.pk is not None else nuevas[oficina.slug].pk
            asignaciones.append(
                ActividadResponsable(
                    actividad=actividad, responsable_id=responsable_id, orden=orden
                )
            )
        nuevas_ventanas = [
            Ventana(actividad=actividad, inicio=inicio, fin=fin)
            for inicio, fin in fila.ventanas.ventanas
        ]
        _validar(nuevas_ventanas, fila)
        ventanas += nuevas_ventanas
    _crear(ActividadResponsable, asignaciones, usuario)
    _crear(Ventana, ventanas, usuario)

    if importacion is not None:
        importacion.plan = plan
        importacion.importada_en = timezone.now()
        importacion.save(update_fields=["plan", "importada_en"])
    cambios.registrar(
        "plan.importado",
        usuario=usuario,
        objeto=plan,
        actividades=len(por_fila),
        oficinas_nuevas=len(nuevas),
        archivo=importacion.nombre_archivo if importacion is not None else "",
    )
    return plan
