"""Domain rules of dialogos: the legal answer deadline and the tracking numbers.

Pure functions of dates and strings, so the dashboards, the public lookup and
the reports get the deadline from one place and cannot disagree.

Deadline (Ley 1755 de 2015, art. 14): a petition is answered within 15
business days counted from the day after it was received. Business days are
Monday to Friday except Colombia's public holidays (nucleo.dias_habiles, on
the `holidays` package, which follows the Ley Emiliani moves to Monday). A
question received on a Saturday starts counting on the next business day after
the Saturday, exactly as the law words it.
"""

import calendar
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

# The business-day calendar lives in the core (plan counts its deadlines with it
# too); re-exported here so dialogos' callers keep `reglas.fecha_habil` & co.
from nucleo.dias_habiles import (
    dias_habiles_despues,
    es_dia_habil,
    fecha_habil,
    festivo,
)

DIAS_HABILES_PARA_RESPONDER = 15  # petición general; each TipoPeticion says its own
# Art. 21: a petition for another authority is forwarded within 5 business days.
DIAS_HABILES_PARA_TRASLADAR = 5

# Crockford's base 32: no I, L, O, U, so a number read aloud or copied from
# paper is not mistaken; lookups map the look-alikes back (O→0, I/L→1).
ALFABETO_RADICADO = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIJO_RADICADO = "RDC"


def vencimiento(recibida_el: date, dias: int = DIAS_HABILES_PARA_RESPONDER) -> date:
    """The last day to answer: the `dias`-th business day after the day of receipt."""
    return fecha_habil(recibida_el, dias)


# --- How a deadline is computed (Ley 1755 de 2015, arts. 14, 17 and 21) ----------
#
# The stored `Pregunta.vence_el` is always the result of `calcular_plazo` over the
# question's reception, its type's term and its clock events: the services call it
# after each of them, and `manage.py recalcular_vencimientos` repairs any drift.

PRORROGA = "prorroga"
SOLICITUD_COMPLETAR = "solicitud_completar"
COMPLETADA = "completada"


@dataclass(frozen=True)
class EventoDelPlazo:
    """What the calculation needs of a clock event (dialogos.models.EventoPlazo)."""

    tipo: str
    fecha: date
    nueva_fecha: date | None = None


@dataclass(frozen=True)
class DiaNoHabil:
    fecha: date
    motivo: str  # «sábado», «domingo» or the holiday's name


@dataclass(frozen=True)
class Suspension:
    desde: date  # the day the entity asked the citizen to complete the petition
    hasta: date | None  # the day the citizen completed it (None: still suspended)
    dias: int  # business days not counted: those in (desde, hasta]


@dataclass(frozen=True)
class CalculoPlazo:
    """The due date and the reasons for it, for the staff page and the citizen's lookup."""

    recibida_el: date
    primer_dia: date  # the first business day counted
    dias: int  # the term, in business days
    vence_inicial: date  # the term alone, before extensions and suspensions
    vence_el: date  # while a suspension is open: the due date before it
    no_habiles: list[DiaNoHabil]  # weekends and holidays skipped within the term
    prorrogada_hasta: date | None
    suspensiones: list[Suspension] = field(default_factory=list)

    @property
    def festivos(self) -> list[DiaNoHabil]:
        return [d for d in self.no_habiles if d.motivo not in ("sábado", "domingo")]

    @property
    def fines_de_semana(self) -> int:
        return len(self.no_habiles) - len(self.festivos)

    @property
    def suspendida(self) -> bool:
        return any(s.hasta is None for s in self.suspensiones)

    @property
    def lineas(self) -> list[str]:
        """The explanation in plain Spanish, one sentence per line."""
        lineas = [
            f"Recibida el {self.recibida_el:%d/%m/%Y}; el día de recibo no se cuenta.",
            f"Primer día hábil contado: {self.primer_dia:%d/%m/%Y}.",
            f"Término: {self.dias} días hábiles; sin prórrogas ni suspensiones vence el "
            f"{self.vence_inicial:%d/%m/%Y}.",
            f"Se saltaron {self.fines_de_semana} días de fin de semana.",
        ]
        if self.festivos:
            lineas.append(
                "Festivos saltados: "
                + "; ".join(f"{d.fecha:%d/%m/%Y} ({d.motivo})" for d in self.festivos)
                + "."
            )
        else:
            lineas.append("No hubo festivos dentro del término.")
        if self.prorrogada_hasta is not None:
            lineas.append(
                f"Prórroga (art. 14, parágrafo) hasta el {self.prorrogada_hasta:%d/%m/%Y}."
            )
        for s in self.suspensiones:
            if s.hasta is None:
                lineas.append(
                    f"Término suspendido desde el {s.desde:%d/%m/%Y} hasta que se complete "
                    "la petición (art. 17)."
                )
            else:
                lineas.append(
                    f"Término suspendido del {s.desde:%d/%m/%Y} al {s.hasta:%d/%m/%Y} "
                    f"(art. 17): se corre {s.dias} día{'s' if s.dias != 1 else ''} "
                    f"hábil{'es' if s.dias != 1 else ''}."
                )
        if not self.suspendida:
            lineas.append(f"Vence el {self.vence_el:%d/%m/%Y}.")
        return lineas


def _no_habiles(desde: date, hasta: date) -> list[DiaNoHabil]:
    """The days in (desde, hasta] that are not business days, with why."""
    dias = []
    dia = desde + timedelta(days=1)
    while dia <= hasta:
        if not es_dia_habil(dia):
            nombre = festivo(dia)
            if nombre is None:
                nombre = "sábado" if dia.weekday() == 5 else "domingo"
            dias.append(DiaNoHabil(dia, nombre))
        dia += timedelta(days=1)
    return dias


def calcular_plazo(
    *, recibida_el: date, dias: int, eventos: Iterable[EventoDelPlazo] = ()
) -> CalculoPlazo:
    """The due date of a petition received `recibida_el` with a term of `dias` business
    days, after its clock events (in date order):

    - a prórroga sets the due date to its new date (art. 14, parágrafo);
    - a request to complete suspends the term until the citizen completes it (art. 17):
      the due date moves by exactly the business days in (request, completion].
    While a suspension is open the result has `vence_el` = the due date before it.
    """
    vence_inicial = fecha_habil(recibida_el, dias)
    vence = vence_inicial
    prorrogada_hasta = None
    suspensiones: list[Suspension] = []
    abierta: date | None = None
    for evento in sorted(eventos, key=lambda e: e.fecha):
        if evento.tipo == PRORROGA and evento.nueva_fecha is not None:
            vence = prorrogada_hasta = evento.nueva_fecha
        elif evento.tipo == SOLICITUD_COMPLETAR:
            abierta = evento.fecha
        elif evento.tipo == COMPLETADA and abierta is not None:
            corridos = dias_habiles_despues(abierta, evento.fecha)
            suspensiones.append(Suspension(abierta, evento.fecha, corridos))
            vence = fecha_habil(vence, corridos) if corridos else vence
            abierta = None
    if abierta is not None:
        suspensiones.append(Suspension(abierta, None, 0))
    return CalculoPlazo(
        recibida_el=recibida_el,
        primer_dia=fecha_habil(recibida_el, 1),
        dias=dias,
        vence_inicial=vence_inicial,
        vence_el=vence,
        no_habiles=_no_habiles(recibida_el, vence_inicial),
        prorrogada_hasta=prorrogada_hasta,
        suspensiones=suspensiones,
    )


def limite_de_prorroga(recibida_el: date, dias: int) -> date:
    """The latest date an extension may set: the initial term counted twice."""
    return fecha_habil(recibida_el, 2 * dias)


def limite_de_traslado(recibida_el: date) -> date:
    """The last day to forward a petition to the competent authority in time (art. 21)."""
    return fecha_habil(recibida_el, DIAS_HABILES_PARA_TRASLADAR)


def limite_para_completar(solicitada_el: date) -> date:
    """The last day the citizen may complete the petition (art. 17: one calendar month):
    the same day of the next month, or its last day if shorter (31/01 → 28/02)."""
    anio, mes = solicitada_el.year + solicitada_el.month // 12, solicitada_el.month % 12 + 1
    return solicitada_el.replace(
        year=anio, month=mes, day=min(solicitada_el.day, calendar.monthrange(anio, mes)[1])
    )


class EstadoPlazo(StrEnum):
    A_TIEMPO = "a_tiempo"
    POR_VENCER = "por_vencer"
    VENCE_HOY = "vence_hoy"
    VENCIDA = "vencida"
    RESPONDIDA_A_TIEMPO = "respondida_a_tiempo"
    RESPONDIDA_TARDE = "respondida_tarde"
    SUSPENDIDO = "suspendido"  # waiting for the citizen to complete the petition
    CERRADA = "cerrada"  # forwarded to another authority, or closed by desistimiento


# An open question is «por vencer» when this many business days or fewer are left.
DIAS_POR_VENCER = 3

ETIQUETAS_PLAZO = {
    EstadoPlazo.A_TIEMPO: "A tiempo",
    EstadoPlazo.POR_VENCER: "Por vencer",
    EstadoPlazo.VENCE_HOY: "Vence hoy",
    EstadoPlazo.VENCIDA: "Vencida",
    EstadoPlazo.RESPONDIDA_A_TIEMPO: "Respondida a tiempo",
    EstadoPlazo.RESPONDIDA_TARDE: "Respondida fuera de plazo",
    EstadoPlazo.SUSPENDIDO: "Término suspendido",
    EstadoPlazo.CERRADA: "Sin término en curso",
}


@dataclass(frozen=True)
class Plazo:
    """Where a question stands against its deadline on a given day."""

    vence_el: date
    estado: EstadoPlazo
    dias_restantes: int  # business days left after today (0 once due)
    dias_vencida: int  # business days past the deadline (0 if not overdue)

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS_PLAZO[self.estado]

    @property
    def texto(self) -> str:
        """«Quedan 4 días hábiles», «Vence hoy», «Vencida hace 2 días hábiles»…"""
        if self.estado in (EstadoPlazo.A_TIEMPO, EstadoPlazo.POR_VENCER):
            dias = self.dias_restantes
            return f"Queda{'n' if dias != 1 else ''} {dias} día{'s' if dias != 1 else ''} hábil{'es' if dias != 1 else ''}"
        if self.estado == EstadoPlazo.VENCIDA:
            dias = self.dias_vencida
            return f"Vencida hace {dias} día{'s' if dias != 1 else ''} hábil{'es' if dias != 1 else ''}"
        return self.etiqueta

    @property
    def vencida(self) -> bool:
        return self.estado in (EstadoPlazo.VENCIDA, EstadoPlazo.RESPONDIDA_TARDE)


def plazo(
    *,
    vence_el: date,
    hoy: date,
    respondida_el: date | None = None,
    suspendido: bool = False,
    cerrada: bool = False,
) -> Plazo:
    """The deadline status of a question due `vence_el`, as of `hoy`.

    An answered question keeps the status it had on the day it was answered; a
    suspended one (art. 17) does not run; a forwarded or abandoned one has no term.
    """
    if cerrada or suspendido:
        estado = EstadoPlazo.CERRADA if cerrada else EstadoPlazo.SUSPENDIDO
        return Plazo(vence_el=vence_el, estado=estado, dias_restantes=0, dias_vencida=0)
    if respondida_el is not None:
        a_tiempo = respondida_el <= vence_el
        return Plazo(
            vence_el=vence_el,
            estado=EstadoPlazo.RESPONDIDA_A_TIEMPO if a_tiempo else EstadoPlazo.RESPONDIDA_TARDE,
            dias_restantes=0,
            dias_vencida=dias_habiles_despues(vence_el, respondida_el),
        )
    if hoy > vence_el:
        return Plazo(
            vence_el=vence_el,
            estado=EstadoPlazo.VENCIDA,
            dias_restantes=0,
            dias_vencida=dias_habiles_despues(vence_el, hoy),
        )
    if hoy == vence_el:
        return Plazo(
            vence_el=vence_el, estado=EstadoPlazo.VENCE_HOY, dias_restantes=0, dias_vencida=0
        )
    restantes = dias_habiles_despues(hoy, vence_el)
    return Plazo(
        vence_el=vence_el,
        estado=EstadoPlazo.POR_VENCER if restantes <= DIAS_POR_VENCER else EstadoPlazo.A_TIEMPO,
        dias_restantes=restantes,
        dias_vencida=0,
    )


# --- Tracking numbers (radicados) ----------------------------------------------
#
# «RDC-2022-7KQ4-XM2P»: the year of receipt and 8 random characters of
# Crockford's base 32 (32⁸ ≈ 10¹² values). The lookup page shows a question's
# status and answer to whoever has its number, so the number must not be
# guessable: a sequential number would let anyone walk through every
# citizen's question. Lookups are rate-limited per IP as well.

LARGO_CODIGO = 8


def nuevo_radicado(anio: int) -> str:
    codigo = "".join(secrets.choice(ALFABETO_RADICADO) for _ in range(LARGO_CODIGO))
    return f"{PREFIJO_RADICADO}-{anio}-{codigo[:4]}-{codigo[4:]}"


_EQUIVALENTES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalizar_radicado(texto: str) -> str | None:
    """The canonical form of a number typed by a citizen, or None if it cannot be one.

    Accepts lower case, spaces, missing or extra hyphens and the look-alike
    letters O/I/L: « rdc 2022 7kq4xm2p » → «RDC-2022-7KQ4-XM2P».
    """
    limpio = "".join(c for c in (texto or "").upper() if c.isalnum())
    if not limpio.startswith(PREFIJO_RADICADO):
        return None
    resto = limpio[len(PREFIJO_RADICADO) :]
    anio, codigo = resto[:4], resto[4:].translate(_EQUIVALENTES)
    if not (anio.isascii() and anio.isdigit()) or len(codigo) != LARGO_CODIGO:
        return None
    if any(c not in ALFABETO_RADICADO for c in codigo):
        return None
    return f"{PREFIJO_RADICADO}-{anio}-{codigo[:4]}-{codigo[4:]}"


# --- Public numbers ------------------------------------------------------------
#
# A published question is named on public pages, open data and reports by
# «P-7KQ4XM2P»: random like the radicado but unrelated to it, so that knowing
# it gives no way to the lookup page (which takes only the radicado).

PREFIJO_PUBLICO = "P"


def nuevo_numero_publico() -> str:
    codigo = "".join(secrets.choice(ALFABETO_RADICADO) for _ in range(LARGO_CODIGO))
    return f"{PREFIJO_PUBLICO}-{codigo}"
