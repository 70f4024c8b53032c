"""The cycle of a public hearing the MURC asks for (Manual Único de Rendición de Cuentas v2).

Before an audiencia (pública or sectorial) the Administration publishes its
management report (informe de gestión) at least DIAS_INFORME_ANTES calendar days
ahead, and announces the hearing (convocatoria); after it, it evaluates it (the
evaluation survey that encuestas attaches when the hearing is programmed) and reports
its results.

These are the law's requests, not the system's refusals: the office decides. So
nothing here raises; the functions say which `Aviso` applies, each with its one
Spanish message, and the services save anyway, recording in the audit line
(nucleo.cambios) and in the history row that the hearing was saved with the warning.
Pure functions of the hearing's fields: no query.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import EspacioDialogo

# Calendar days (not business days): the MURC counts «treinta (30) días».
DIAS_INFORME_ANTES = 30

TIPOS_AUDIENCIA = frozenset({"audiencia_publica", "audiencia_sectorial"})


@dataclass(frozen=True)
class Aviso:
    """A MURC request the hearing does not meet: its code (for the audit) and its message."""

    codigo: str
    mensaje: str

    def __str__(self) -> str:
        return self.mensaje


INFORME_SIN_PUBLICAR = "informe_sin_publicar"
INFORME_TARDIO = "informe_tardio"
SIN_CONVOCATORIA = "sin_convocatoria"

MENSAJE_INFORME_SIN_PUBLICAR = (
    "Esta audiencia no tiene registrado su informe de gestión: el MURC pide publicarlo al "
    f"menos {DIAS_INFORME_ANTES} días calendario antes de la audiencia."
)
MENSAJE_INFORME_TARDIO = (
    "El informe de gestión se publicó el {publicado:%d/%m/%Y}, {dias} días antes de la "
    f"audiencia: el MURC pide publicarlo al menos {DIAS_INFORME_ANTES} días calendario antes "
    "(a más tardar el {limite:%d/%m/%Y})."
)
MENSAJE_SIN_CONVOCATORIA = (
    "Esta audiencia no tiene registrada su convocatoria (fecha y canales): el MURC pide "
    "convocar a la ciudadanía antes de la audiencia."
)


def es_audiencia(tipo: str) -> bool:
    return tipo in TIPOS_AUDIENCIA


def limite_del_informe(fecha_audiencia: date) -> date:
    """The last day the report may be published to meet the rule."""
    return fecha_audiencia - timedelta(days=DIAS_INFORME_ANTES)


def aviso_informe(
    *, tipo: str, fecha_audiencia: date, tiene_informe: bool, publicado_el: date | None
) -> Aviso | None:
    """The 30-day rule: None if met (or not a hearing), else the warning."""
    if not es_audiencia(tipo):
        return None
    if not tiene_informe or publicado_el is None:
        return Aviso(INFORME_SIN_PUBLICAR, MENSAJE_INFORME_SIN_PUBLICAR)
    limite = limite_del_informe(fecha_audiencia)
    if publicado_el <= limite:
        return None
    dias = (fecha_audiencia - publicado_el).days
    return Aviso(
        INFORME_TARDIO,
        MENSAJE_INFORME_TARDIO.format(publicado=publicado_el, dias=dias, limite=limite),
    )


def aviso_convocatoria(*, tipo: str, convocada_el: date | None) -> Aviso | None:
    """A hearing held (or about to be) with no convocatoria recorded."""
    if not es_audiencia(tipo) or convocada_el is not None:
        return None
    return Aviso(SIN_CONVOCATORIA, MENSAJE_SIN_CONVOCATORIA)


def avisos_informe(espacio: "EspacioDialogo") -> list[Aviso]:
    """When programming or editing: the report's warning, if any."""
    aviso = aviso_informe(
        tipo=espacio.tipo,
        fecha_audiencia=espacio.fecha,
        tiene_informe=espacio.tiene_informe_gestion,
        publicado_el=espacio.informe_publicado_el,
    )
    return [aviso] if aviso else []


def avisos(espacio: "EspacioDialogo") -> list[Aviso]:
    """Everything the MURC asks that the hearing lacks: report and convocatoria (the staff
    page, and registering it as held)."""
    aviso = aviso_convocatoria(tipo=espacio.tipo, convocada_el=espacio.convocada_el)
    return avisos_informe(espacio) + ([aviso] if aviso else [])


def codigos(lista: list[Aviso]) -> str:
    """The warnings as the audit line and the history row record them."""
    return ",".join(aviso.codigo for aviso in lista)


def razon_del_historial(lista: list[Aviso]) -> str | None:
    """history_change_reason (100 characters at most) of a save with warnings."""
    return f"Guardado con aviso MURC: {codigos(lista)}"[:100] if lista else None
