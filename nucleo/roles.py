"""The three roles (Django groups) and how a user's role and office are read.

Which objects each role may see or change is each app's policy (`permisos.py`,
built on nucleo.permisos.Politica); the groups and their admin permissions are
created by plan.roles.asegurar_grupos after every migrate.

An office user's office is `user.perfil.responsable` (plan.Perfil): read here by
attribute, so the core imports no app.
"""

from typing import Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin, User

# What request.user is: a user, or the anonymous visitor.
Usuario = AbstractBaseUser | AnonymousUser

OPGI = "OPGI"
OFICINA = "Oficina"
CONTROL_INTERNO = "Control interno"

_CACHE = "_rol_cache"

# In order of precedence: a user in several groups has the first.
TODOS = (OPGI, OFICINA, CONTROL_INTERNO)


def rol_de(user: Usuario) -> str | None:
    """The user's role; OPGI wins if a user is in several groups; superusers are OPGI."""
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "is_superuser", False):
        return OPGI
    # Read once per user object (i.e. per request): every policy check asks.
    if not hasattr(user, _CACHE):
        # Groups come with PermissionsMixin (auth.User), not with AbstractBaseUser.
        nombres: set[str] = (
            set(user.groups.values_list("name", flat=True))
            if isinstance(user, PermissionsMixin)
            else set()
        )
        setattr(user, _CACHE, next((rol for rol in TODOS if rol in nombres), None))
    rol: str | None = getattr(user, _CACHE)
    return rol


def es_opgi(user: Usuario) -> bool:
    return rol_de(user) == OPGI


def ve_todo(user: Usuario) -> bool:
    """OPGI and Control interno see every object of every app."""
    return rol_de(user) in (OPGI, CONTROL_INTERNO)


def oficina_de(user: Usuario) -> Any | None:
    """The office (plan.Responsable) an Oficina user acts for; None for other roles."""
    if rol_de(user) != OFICINA:
        return None
    perfil = getattr(user, "perfil", None)
    return perfil.responsable if perfil else None


def cuenta(usuario: Usuario) -> User:
    """The account to store as «reported/reviewed/answered by»: services check the
    permission first, and only active accounts with a role pass it, never AnonymousUser."""
    return cast(User, usuario)
