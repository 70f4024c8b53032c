"""What every dialogos service shares: the permission guard, the acting account."""

from typing import TypeVar, cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from nucleo.permisos import Politica
from nucleo.roles import Usuario

from ..permisos import Accion

M = TypeVar("M", bound=Model)


def exigir_permiso(politica: Politica[M], usuario: Usuario, accion: Accion, objeto: M) -> None:
    """403 with the policy's one message unless `usuario` may do `accion` on `objeto`."""
    if not politica.permite(usuario, accion, objeto):
        raise PermissionDenied(politica.mensaje_sin_permiso)


def cuenta(usuario: Usuario) -> User:
    """The account to store as «programmed/answered/published by»: the services check the
    permission first, so only an authenticated staff user gets here, never AnonymousUser."""
    return cast(User, usuario)
