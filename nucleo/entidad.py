"""Who the site speaks for: the entity's name, logo and contact data, on every page.

The GOV.CO header, the institutional footer (Resolución 1519 de 2020, anexo 1), the
Ley 1581 notice, the reports, the iCal feed, the open-data catalogue and the survey
poster read them here (issue 16: nothing hard-coded). The principal `nucleo.Entidad`
row, edited in the admin, wins; with no such row the ENTIDAD_* settings stand in, so a
fresh install still renders. Templates use {{ institucion.nombre }},
{{ institucion.logo_url }}… (not «entidad»: the e-mails' context already calls the name
alone so, nucleo/correo.py).

Every page reads it, so it is cached (Django cache, one key): a page does not gain a
query. The key is dropped when an Entidad row is saved or deleted (signals connected in
nucleo/apps.py) and when a test changes an ENTIDAD_* setting.
"""

import re
from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.checks import CheckMessage, Warning, register
from django.db import transaction
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

# Bump the suffix when the dataclass gains or loses a field: a value pickled with the
# old shape would come back without the new attribute.
CLAVE_CACHE = "nucleo.entidad_actual:2"
# A bound on staleness should an invalidation ever be missed (a raw SQL update).
DURACION_CACHE = 600


@dataclass(frozen=True)
class Entidad:
    """The common read shape of the entity, built from the row or from the settings."""

    nombre: str
    logo: str
    direccion: str
    horario: str
    telefono: str
    correo_notificaciones: str
    sitio: str
    sigla: str = ""
    nit: str = ""
    municipio: str = ""
    departamento: str = ""
    correo_contacto: str = ""
    responsable_datos: str = ""
    correo_datos: str = ""

    @property
    def logo_url(self) -> str:
        """A static path («img/escudo.svg») through the static storage; a full URL as is."""
        if self.logo.startswith(("http://", "https://", "/")):
            return self.logo
        return static(self.logo)

    @property
    def telefono_enlace(self) -> str:
        """tel: link of the phone as written («(602) 729 2000» → «tel:6027292000»)."""
        return "tel:" + re.sub(r"[^\d+]", "", self.telefono)

    @property
    def lugar(self) -> str:
        """«Municipio, Departamento» as far as they are known («» if neither is)."""
        return ", ".join(parte for parte in (self.municipio, self.departamento) if parte)

    @property
    def nombre_css(self) -> SafeString:
        """The name as the body of a CSS string inside <style> (WeasyPrint's
        `content: "…"`): every character but letters, digits, spaces and «.,·-()» is
        written as a CSS escape («\\22 » for a quote), so no name ends the string, the
        rule or the <style> element; HTML escaping would not help there (&quot; is
        literal text inside <style>)."""
        return mark_safe("".join(_caracter_css(c) for c in self.nombre))  # noqa: S308


def _caracter_css(caracter: str) -> str:
    if caracter.isalnum() or caracter in " .,·-()":
        return caracter
    return f"\\{ord(caracter):x} "


def desde_ajustes() -> Entidad:
    """The entity the ENTIDAD_* settings describe (neutral defaults, see settings.py)."""
    return Entidad(
        nombre=settings.ENTIDAD_NOMBRE,
        logo=settings.ENTIDAD_LOGO,
        direccion=settings.ENTIDAD_DIRECCION,
        horario=settings.ENTIDAD_HORARIO,
        telefono=settings.ENTIDAD_TELEFONO,
        correo_notificaciones=settings.ENTIDAD_CORREO_NOTIFICACIONES,
        sitio=settings.ENTIDAD_SITIO,
        sigla=settings.ENTIDAD_SIGLA,
        nit=settings.ENTIDAD_NIT,
        municipio=settings.ENTIDAD_MUNICIPIO,
        departamento=settings.ENTIDAD_DEPARTAMENTO,
        correo_contacto=settings.ENTIDAD_CORREO_CONTACTO,
        responsable_datos=settings.ENTIDAD_RESPONSABLE_DATOS,
        correo_datos=settings.ENTIDAD_CORREO_DATOS,
    )


def desde_fila(fila: Any) -> Entidad:
    """The entity a `nucleo.Entidad` row describes. A blank field falls back to its
    ENTIDAD_* setting: a row created with only a name (plan migration 0009 makes one
    from the plans' text) keeps the address, phone or logo production had configured;
    with the neutral defaults that fallback is blank too, or the neutral shield."""
    respaldo = desde_ajustes()
    return Entidad(
        **{
            campo.name: getattr(fila, campo.name) or getattr(respaldo, campo.name)
            for campo in fields(Entidad)
        }
    )


def _principal() -> Any | None:
    from nucleo.models import Entidad as Fila  # models import this module's neighbours

    return Fila.objects.filter(principal=True).first()


def entidad_actual() -> Entidad:
    """The principal Entidad row if there is one, else the settings; cached."""
    entidad = cache.get(CLAVE_CACHE)
    if entidad is None:
        fila = _principal()
        entidad = desde_fila(fila) if fila else desde_ajustes()
        cache.set(CLAVE_CACHE, entidad, DURACION_CACHE)
    return entidad


def olvidar_ya() -> None:
    """Drop the cached entity: the next read builds it again."""
    cache.delete(CLAVE_CACHE)


def olvidar(**kwargs: Any) -> None:
    """Signal receiver: drop the cached entity now and again once the transaction
    commits (a reader between the two would otherwise cache the row being replaced)."""
    olvidar_ya()
    transaction.on_commit(olvidar_ya)


def olvidar_si_ajuste(*, setting: str, **kwargs: Any) -> None:
    """setting_changed receiver (override_settings, the `settings` test fixture)."""
    if setting.startswith("ENTIDAD_"):
        olvidar_ya()


def institucion(request: HttpRequest) -> dict[str, Entidad]:
    """Context processor: {{ institucion }} on every page rendered with a request."""
    return {"institucion": entidad_actual()}


@register()
def revisar_entidad(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """`manage.py check`: a production site with no entity would call itself «Entidad sin
    configurar» on every page, notice and report."""
    if settings.DEBUG or settings.ENTIDAD_NOMBRE != ENTIDAD_SIN_CONFIGURAR:
        return []
    from django.db import DatabaseError

    try:
        if _principal() is not None:
            return []
    except DatabaseError:  # not migrated yet: the warning still applies
        pass
    return [
        Warning(
            "No hay una entidad principal ni ENTIDAD_NOMBRE: el sitio se presenta como "
            f"«{ENTIDAD_SIN_CONFIGURAR}».",
            hint="Cree la entidad en la administración (Núcleo compartido › Entidades, "
            "marcada como la entidad del sitio) o defina ENTIDAD_NOMBRE y las demás "
            "variables ENTIDAD_* (README, «Configuración»).",
            id="nucleo.W001",
        )
    ]


# The settings' default name (pasto_rdc/settings.py): the check compares with it.
ENTIDAD_SIN_CONFIGURAR = "Entidad sin configurar"
