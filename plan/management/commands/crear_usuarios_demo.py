"""Demo accounts for trying the system locally: never for a real server."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nucleo import roles
from plan.models import Perfil, Responsable
from plan.roles import asegurar_grupos


class Command(BaseCommand):
    help = (
        "Crea usuarios de demostración (superusuario, OPGI, control interno y uno por oficina) "
        "e imprime sus contraseñas. Solo para uso local (requiere DEBUG=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Contraseña común para todos los usuarios (por defecto, una aleatoria por usuario).",
        )

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Los usuarios de demostración solo se crean con DEBUG=1 (uso local)."
            )
        asegurar_grupos()
        cuentas = [("admin", None, None, True), ("opgi", roles.OPGI, "opgi", False)]
        cuentas.append(("control", roles.CONTROL_INTERNO, None, False))
        for responsable in Responsable.objects.exclude(slug="opgi").order_by("nombre"):
            cuentas.append((responsable.slug, roles.OFICINA, responsable.slug, False))
        self.stdout.write("Usuarios de demostración (solo para uso local):")
        for usuario, grupo, slug, es_super in cuentas:
            clave = password or secrets.token_urlsafe(9)
            self._crear(usuario, grupo, slug, es_super, clave)
            self.stdout.write(f"  {usuario:<26} {clave:<16} {grupo or 'superusuario'}")

    def _crear(self, username, grupo, slug, es_super, clave):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=username)
        user.is_superuser = es_super
        user.is_staff = es_super or grupo in (roles.OPGI, roles.CONTROL_INTERNO)
        user.set_password(clave)
        user.save()
        if grupo:
            user.groups.set([Group.objects.get(name=grupo)])
        if slug:
            Perfil.objects.update_or_create(
                usuario=user, defaults={"responsable": Responsable.objects.get(slug=slug)}
            )
