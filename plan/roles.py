"""The role groups and their model permissions for the admin, created after every migrate.

The role names and how a user's role is read are the core's (nucleo/roles.py); which
objects each role may see or change is each app's policy (`permisos.py`). These groups
only open the admin screens to OPGI (everything) and Control interno (read only).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from nucleo.roles import CONTROL_INTERNO, OFICINA, OPGI

APPS_DEL_SISTEMA = ("plan", "dialogos", "encuestas")
# Of the core's models, OPGI edits only the entities (name, contact, data officer):
# e-mails and generated reports stay the superuser's, read-only.
MODELOS_DEL_NUCLEO = ("entidad",)


def asegurar_grupos(**kwargs) -> None:
    """Create the three groups and give them their admin permissions (idempotent)."""
    permisos = Permission.objects.filter(
        Q(content_type__app_label__in=APPS_DEL_SISTEMA)
        | Q(content_type__app_label="nucleo", content_type__model__in=MODELOS_DEL_NUCLEO)
    )
    opgi, _ = Group.objects.get_or_create(name=OPGI)
    opgi.permissions.set(permisos)
    control, _ = Group.objects.get_or_create(name=CONTROL_INTERNO)
    control.permissions.set(permisos.filter(codename__startswith="view_"))
    Group.objects.get_or_create(name=OFICINA)
