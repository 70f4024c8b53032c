"""The permission base: one policy per model, in the style of wagtail's permission policies.

Every app's `permisos.py` declares, per model it guards, a `Politica`:

- `acciones_por_rol`: which actions each role may do at all (the grid the README's
  table documents);
- `alcance_oficina(queryset, oficina, accion)`: which objects an office may do that
  action on (its scoping). OPGI and Control interno act on every object for the
  actions their role allows.

From that, the base derives the rest once, so a list and a detail page cannot
disagree and no app writes the 404/403 lookup again:

- `instancias_para(user, accion)` → the queryset of objects `user` may do `accion` on
  (wagtail's `instances_user_has_permission_for`);
- `permite(user, accion, objeto)` → bool (`user_has_permission_for_instance`);
- `obtener(user, pk, accion)` → the object; 404 when the user may not see it (its
  existence does not leak), 403 when they may see it but not do `accion`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from nucleo import roles
from nucleo.roles import Usuario

M = TypeVar("M", bound=Model)

# An action is a member of an app's StrEnum (or its plain string value: a StrEnum
# member equals and hashes as its value). Seeing an object is always «ver».
Accion = str
VER = "ver"


class Politica(Generic[M]):
    """The permission policy of one model. Subclasses declare; the base decides."""

    modelo: type[M]
    acciones_por_rol: ClassVar[Mapping[str, frozenset[Accion]]]
    # Spanish messages, e.g. «No existe la actividad o no tiene acceso a ella.»
    mensaje_no_existe: ClassVar[str]
    mensaje_sin_permiso: ClassVar[str]
    # select_related of the object `obtener` returns (what its page shows).
    relacionados: ClassVar[tuple[str, ...]] = ()

    def puede(self, user: Usuario, accion: Accion) -> bool:
        """Whether the user's role allows `accion` on at least some object."""
        return accion in self.acciones_por_rol.get(roles.rol_de(user) or "", frozenset())

    def alcance_oficina(self, queryset: QuerySet[M], oficina: Any, accion: Accion) -> QuerySet[M]:
        """The objects of `queryset` an office may do `accion` on. By default none."""
        return queryset.none()

    def todas(self) -> QuerySet[M]:
        return self.modelo._default_manager.all()

    def instancias_para(
        self, user: Usuario, accion: Accion, queryset: QuerySet[M] | None = None
    ) -> QuerySet[M]:
        """The objects (of `queryset`, by default all) on which `user` may do `accion`."""
        queryset = self.todas() if queryset is None else queryset
        if not self.puede(user, accion):
            return queryset.none()
        if roles.ve_todo(user):
            return queryset
        oficina = roles.oficina_de(user)
        if oficina is None:
            return queryset.none()
        return self.alcance_oficina(queryset, oficina, accion)

    def permite(self, user: Usuario, accion: Accion, instancia: M) -> bool:
        return self.instancias_para(user, accion).filter(pk=instancia.pk).exists()

    def exigir(self, user: Usuario, accion: Accion, instancia: M) -> None:
        """For services: 403 with the policy's one message unless `user` may do `accion`."""
        if not self.permite(user, accion, instancia):
            raise PermissionDenied(self.mensaje_sin_permiso)

    def obtener(self, user: Usuario, pk: int, accion: Accion | str = VER) -> M:
        """The object, or 404 if `user` may not see it, or 403 if they may not do `accion`."""
        visibles = self.instancias_para(user, VER)
        if self.relacionados:
            visibles = visibles.select_related(*self.relacionados)
        try:
            instancia = visibles.get(pk=pk)
        except ObjectDoesNotExist:
            raise Http404(self.mensaje_no_existe) from None
        if accion != VER and not self.instancias_para(user, accion).filter(pk=pk).exists():
            raise PermissionDenied(self.mensaje_sin_permiso)
        return instancia
