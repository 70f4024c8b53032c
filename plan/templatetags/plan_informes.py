"""The report download links of a page (dashboard or activity), filtered by permission."""

from dataclasses import dataclass, field

from django import template
from django.urls import reverse

from nucleo import roles
from plan import permisos

register = template.Library()


@dataclass(frozen=True)
class Descarga:
    """One document, in PDF and XLSX."""

    titulo: str
    pdf: str
    xlsx: str


@dataclass
class Descargas:
    documentos: list[Descarga] = field(default_factory=list)
    observaciones: list[tuple[str, str]] = field(default_factory=list)  # (corte, url)

    def __bool__(self) -> bool:
        return bool(self.documentos or self.observaciones)


def _descarga(titulo: str, nombre: str, *args) -> Descarga:
    return Descarga(
        titulo=titulo,
        pdf=reverse(nombre, args=(*args, "pdf")),
        xlsx=reverse(nombre, args=(*args, "xlsx")),
    )


def descargas_para(user, *, plan, responsables) -> Descargas:
    """What `user` may download about `plan` and about each of `responsables`."""
    descargas = Descargas()
    if plan is None or roles.rol_de(user) is None:
        return descargas
    vigencia, slug = plan.vigencia, plan.slug
    # An unpublished plan's document is for OPGI and Control interno only; an office
    # still downloads its own report of that plan.
    if permisos.puede_descargar_plan(user, plan):
        descargas.documentos.append(
            _descarga(f"Plan {vigencia} (documento aprobado)", "informe_plan", slug)
        )
    cortes = plan.cortes_del_seguimiento
    if permisos.puede_descargar_seguimiento(user):
        for corte in cortes:
            descargas.documentos.append(
                _descarga(
                    f"Seguimiento – {corte.nombre}",
                    "informe_seguimiento",
                    slug,
                    corte.numero,
                )
            )
    for responsable in responsables:
        if permisos.puede_descargar_informe_oficina(user, responsable):
            for corte in cortes:
                descargas.documentos.append(
                    _descarga(
                        f"{responsable.nombre} – {corte.nombre}",
                        "informe_oficina",
                        responsable.slug,
                        slug,
                        corte.numero,
                    )
                )
    if permisos.puede_editar_observaciones(user):
        descargas.observaciones = [
            (corte.nombre, reverse("observaciones_seguimiento", args=(slug, corte.numero)))
            for corte in cortes
        ]
    return descargas


@register.simple_tag(takes_context=True)
def descargas_de_informes(context) -> Descargas:
    """Reads `plan`, `responsable` (a dashboard) or `actividad` (an activity page) from the page."""
    actividad = context.get("actividad") or None
    plan = context.get("plan") or (actividad.plan if actividad else None)
    if context.get("responsable"):
        responsables = [context["responsable"]]
    elif context.get("fila"):
        # The activity page's row already holds its responsables (prefetched).
        responsables = context["fila"].responsables
    else:
        responsables = []
    return descargas_para(context["request"].user, plan=plan, responsables=responsables)
