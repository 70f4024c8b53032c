"""Who the site speaks for: the entity's name, logo and contact data, on every page.

The GOV.CO header and the institutional footer (Resolución 1519 de 2020, anexo 1) read
them from settings (ENTIDAD_*), so another entity, or a new address, needs no template
change. Templates use {{ institucion.nombre }}, {{ institucion.logo_url }}… (not
«entidad»: the e-mails' context already calls the name alone so, nucleo/correo.py).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static


@dataclass(frozen=True)
class Entidad:
    nombre: str
    logo: str
    direccion: str
    horario: str
    telefono: str
    correo_notificaciones: str
    sitio: str

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


def entidad_actual() -> Entidad:
    return Entidad(
        nombre=settings.ENTIDAD_NOMBRE,
        logo=settings.ENTIDAD_LOGO,
        direccion=settings.ENTIDAD_DIRECCION,
        horario=settings.ENTIDAD_HORARIO,
        telefono=settings.ENTIDAD_TELEFONO,
        correo_notificaciones=settings.ENTIDAD_CORREO_NOTIFICACIONES,
        sitio=settings.ENTIDAD_SITIO,
    )


def institucion(request: HttpRequest) -> dict[str, Entidad]:
    """Context processor: {{ institucion }} on every page rendered with a request."""
    return {"institucion": entidad_actual()}
