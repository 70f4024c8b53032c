"""Who may see and publish the results reports, on the core's permission base.

- OPGI (and superusers): downloads every draft and publishes the reports.
- Control interno: downloads every draft (to review the figures); publishes nothing.
- Oficina: nothing here (an office sees a report once it is public, like anyone).
- Anyone else (anonymous): only the published reports (no rule: resultados.selectors).

Drafts are not scoped per object: a role that may download one draft may download all,
so the policy needs no `alcance_oficina` (the base gives an office nothing).
"""

from enum import StrEnum

from nucleo import roles
from nucleo.permisos import Politica

from .models import InformePublicado


class Accion(StrEnum):
    VER = "ver"  # the staff page and the drafts (PDF, XLSX)
    PUBLICAR = "publicar_informe_resultados"


ACCIONES_POR_ROL: dict[str, frozenset[Accion]] = {
    roles.OPGI: frozenset(Accion),
    roles.CONTROL_INTERNO: frozenset({Accion.VER}),
}


class PoliticaInformeResultados(Politica[InformePublicado]):
    modelo = InformePublicado
    acciones_por_rol = ACCIONES_POR_ROL
    mensaje_no_existe = "No existe el informe o no tiene acceso a él."
    mensaje_sin_permiso = "Solo OPGI puede publicar los informes de resultados."


INFORMES = PoliticaInformeResultados()
