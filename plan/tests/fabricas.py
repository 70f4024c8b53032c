"""Factories of large plans, for query-count tests and benchmarks.

    from plan.tests.fabricas import crear_plan_grande

    plan = crear_plan_grande(actividades=500)            # vigencia 2030
    plan = crear_plan_grande(actividades=2000, vigencia=2031, oficinas=20)

Everything is written with bulk_create (a dozen queries whatever the size),
and the data are deterministic (no randomness): activity number i always
gets the same meta, windows, offices, progress reports and evidence, so two
runs of a benchmark measure the same thing. Every row is valid for the
model's own rules (codes «n.m», or «c.n.m» with `tres_niveles`, each number
1–999 as PATRON_CODIGO says; windows inside the vigencia, percentage metas ≤ 100,
cumulative reports never above the meta…), and the factory checks it: before each
bulk_create it calls `full_clean()` on a sample of the objects (the first, the last
and three in between), so a factory that drifts from the models fails loudly
instead of writing rows SQLite keeps and PostgreSQL refuses.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from nucleo.models import Entidad
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    Evidencia,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

# Each number of an activity code is 1–999 (plan.models.PATRON_CODIGO): a
# subcomponente holds at most 999 activities, a componente at most 999 subcomponentes.
MAXIMO_POR_SUBCOMPONENTE = 999
MAXIMO_SUBCOMPONENTES = 999

SLUG_OFICINA = "oficina-de-prueba-{}"

_TIPOS = (Actividad.TipoMeta.EXACTA, Actividad.TipoMeta.MINIMO, Actividad.TipoMeta.PORCENTAJE)


def muestra(objetos: list) -> list:
    """The first, the last and three objects in between (each once)."""
    total = len(objetos)
    return [objetos[i] for i in sorted({0, total // 4, total // 2, 3 * total // 4, total - 1})]


def _validar(objetos: list) -> list:
    """full_clean() on a sample of objects about to be bulk-created (bulk_create itself
    validates nothing); returns them. ValidationError if one breaks a model's rule."""
    if objetos:
        for objeto in muestra(objetos):
            objeto.full_clean()
    return objetos


def oficinas_de_prueba(cantidad: int) -> list[Responsable]:
    """The offices «Oficina de prueba 1…n», created if missing (shared by every plan)."""
    slugs = [SLUG_OFICINA.format(n) for n in range(1, cantidad + 1)]
    existentes = set(Responsable.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    Responsable.objects.bulk_create(
        _validar(
            [
                Responsable(
                    entidad=Entidad.objects.del_sitio(),
                    nombre=f"Oficina de prueba {n}",
                    sigla=f"OP{n}",
                    slug=SLUG_OFICINA.format(n),
                    tipo=Responsable.Tipo.OFICINA,
                )
                for n in range(1, cantidad + 1)
                if SLUG_OFICINA.format(n) not in existentes
            ]
        )
    )
    por_slug = Responsable.objects.in_bulk(slugs, field_name="slug")
    return [por_slug[slug] for slug in slugs]


def crear_plan_grande(
    *,
    actividades: int,
    vigencia: int = 2030,
    subcomponentes: int = 3,
    oficinas: int = 8,
    usuario=None,
    entidad: str = "Alcaldía Municipal de Pasto",
    tres_niveles: bool = False,
) -> Plan:
    """A published plan with `actividades` activities and their whole follow-up.

    - `subcomponentes` subcomponentes (3 by default, like the real plan);
      more are added when needed, because a subcomponente holds at most 999
      activities (10,000 activities need 11). Activities are spread round-robin.
    - Codes «n.m» (subcomponente.actividad), or with `tres_niveles` «c.n.m»
      (componente.subcomponente.actividad, as a whole PAAC numbers them). A third
      level does not make room within a subcomponente (its last number is still
      1–999): the room comes from more subcomponentes, up to 999 × 999 activities.
    - Metas rotate exacta / mínimo / porcentaje.
    - Each activity has 1–3 responsible offices among `oficinas` shared
      test offices (slugs «oficina-de-prueba-1»…), and 1 window (2 for one
      activity in three).
    - Three activities in four have progress reports (one or two, the
      second one later and higher; one in ten reaches its meta).
    - One activity in five has an evidence link: enviada, aprobada (and
      public) or devuelta in turn.

    `usuario` reports the progress and uploads the evidence (a user
    «fabrica-de-planes» by default).
    """
    if actividades < 1:
        raise ValueError("El plan necesita al menos una actividad.")
    subcomponentes = max(subcomponentes, -(-actividades // MAXIMO_POR_SUBCOMPONENTE))
    if subcomponentes > MAXIMO_SUBCOMPONENTES:
        raise ValueError(
            f"Un componente tiene a lo sumo {MAXIMO_SUBCOMPONENTES} subcomponentes de "
            f"{MAXIMO_POR_SUBCOMPONENTE} actividades."
        )
    if usuario is None:
        usuario, _ = get_user_model().objects.get_or_create(username="fabrica-de-planes")

    plan = Plan(
        entidad=Entidad.objects.de_nombre(entidad),
        vigencia=vigencia,
        titulo="Estrategia de Rendición de Cuentas",
        dependencia="Oficina de Planeación de Gestión Institucional",
        publicado=True,
    )
    plan.full_clean()
    plan.save()
    componente = Componente(plan=plan, nombre="Rendición de cuentas")
    componente.full_clean()
    componente.save()
    Subcomponente.objects.bulk_create(
        _validar(
            [
                Subcomponente(
                    componente=componente, numero=n, nombre=f"Subcomponente de prueba {n}"
                )
                for n in range(1, subcomponentes + 1)
            ]
        )
    )
    subs = list(componente.subcomponentes.order_by("numero"))
    responsables = oficinas_de_prueba(oficinas)

    siguiente = dict.fromkeys(range(len(subs)), 0)
    nuevas = []
    for i in range(actividades):
        indice = i % len(subs)
        siguiente[indice] += 1
        tipo = _TIPOS[i % 3]
        cantidad = Decimal(100) if tipo == Actividad.TipoMeta.PORCENTAJE else Decimal(1 + i % 50)
        codigo = f"{subs[indice].numero}.{siguiente[indice]}"
        if tres_niveles:
            codigo = f"{componente.orden}.{codigo}"
        nuevas.append(
            Actividad(
                plan=plan,
                subcomponente=subs[indice],
                codigo=codigo,
                descripcion=f"Actividad de prueba número {i + 1} del plan {vigencia}.",
                producto="Producto de prueba.",
                meta_texto=f"{cantidad} unidades ({tipo.label.lower()}).",
                meta_cantidad=cantidad,
                meta_unidad="unidades",
                meta_tipo=tipo,
            )
        )
    Actividad.objects.bulk_create(_validar(nuevas))
    # Fetched again in creation order: not every backend returns the new pks.
    creadas = list(Actividad.objects.filter(plan=plan).order_by("pk"))

    ventanas, asignaciones, avances, evidencias = [], [], [], []
    ahora = timezone.now()
    for i, actividad in enumerate(creadas):
        mes = 1 + i % 6
        ventanas.append(
            Ventana(
                actividad=actividad, inicio=date(vigencia, mes, 1), fin=date(vigencia, mes + 2, 28)
            )
        )
        if i % 3 == 0:
            ventanas.append(
                Ventana(
                    actividad=actividad, inicio=date(vigencia, 10, 1), fin=date(vigencia, 12, 15)
                )
            )
        # 1–3 offices per activity, never the same one twice.
        for orden in range(1, 2 + i % min(3, len(responsables))):
            asignaciones.append(
                ActividadResponsable(
                    actividad=actividad,
                    responsable=responsables[(i + orden - 1) % len(responsables)],
                    orden=orden,
                )
            )
        if i % 4 != 3:
            meta = actividad.meta_cantidad
            avances.append(
                Avance(
                    estado=Avance.Estado.APROBADO,
                    actividad=actividad,
                    fecha=date(vigencia, 3, 15),
                    cantidad=(meta * Decimal("0.3")).quantize(Decimal("0.01")),
                    narrativa="Primer reporte de avance.",
                    reportado_por=usuario,
                )
            )
            if i % 2 == 0:
                final = meta if i % 10 == 0 else (meta * Decimal("0.7")).quantize(Decimal("0.01"))
                avances.append(
                    Avance(
                        estado=Avance.Estado.APROBADO,
                        actividad=actividad,
                        fecha=date(vigencia, 7, 20),
                        cantidad=final,
                        narrativa="Segundo reporte de avance.",
                        reportado_por=usuario,
                    )
                )
        if i % 5 == 0:
            estado = (
                Evidencia.Estado.ENVIADA,
                Evidencia.Estado.APROBADA,
                Evidencia.Estado.DEVUELTA,
            )[(i // 5) % 3]
            revisada = estado != Evidencia.Estado.ENVIADA
            evidencias.append(
                Evidencia(
                    actividad=actividad,
                    descripcion=f"Evidencia de la actividad {actividad.codigo}.",
                    enlace=f"https://example.org/evidencias/{vigencia}/{actividad.codigo}",
                    subida_por=usuario,
                    estado=estado,
                    comentario_revision="Revisada." if revisada else "",
                    revisada_por=usuario if revisada else None,
                    revisada_en=ahora if revisada else None,
                    publica=estado == Evidencia.Estado.APROBADA,
                )
            )
    Ventana.objects.bulk_create(_validar(ventanas))
    ActividadResponsable.objects.bulk_create(_validar(asignaciones))
    Avance.objects.bulk_create(_validar(avances))
    Evidencia.objects.bulk_create(_validar(evidencias))
    return plan
