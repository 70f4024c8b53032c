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

import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# The business-day calendar lives in the core (plan counts its deadlines with it
# too); re-exported here so dialogos' callers keep `reglas.fecha_habil` & co.
from nucleo.dias_habiles import (
    dias_habiles_despues,
    es_dia_habil,  # noqa: F401
    fecha_habil,
    festivo,  # noqa: F401
)

DIAS_HABILES_PARA_RESPONDER = 15

# Crockford's base 32: no I, L, O, U, so a number read aloud or copied from
# paper is not mistaken; lookups map the look-alikes back (O→0, I/L→1).
ALFABETO_RADICADO = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIJO_RADICADO = "RDC"


def vencimiento(recibida_el: date) -> date:
    """The last day to answer: the 15th business day after the day of receipt."""
    return fecha_habil(recibida_el, DIAS_HABILES_PARA_RESPONDER)


class EstadoPlazo(StrEnum):
    A_TIEMPO = "a_tiempo"
    POR_VENCER = "por_vencer"
    VENCE_HOY = "vence_hoy"
    VENCIDA = "vencida"
    RESPONDIDA_A_TIEMPO = "respondida_a_tiempo"
    RESPONDIDA_TARDE = "respondida_tarde"


# An open question is «por vencer» when this many business days or fewer are left.
DIAS_POR_VENCER = 3

ETIQUETAS_PLAZO = {
    EstadoPlazo.A_TIEMPO: "A tiempo",
    EstadoPlazo.POR_VENCER: "Por vencer",
    EstadoPlazo.VENCE_HOY: "Vence hoy",
    EstadoPlazo.VENCIDA: "Vencida",
    EstadoPlazo.RESPONDIDA_A_TIEMPO: "Respondida a tiempo",
    EstadoPlazo.RESPONDIDA_TARDE: "Respondida fuera de plazo",
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


def plazo(*, vence_el: date, hoy: date, respondida_el: date | None = None) -> Plazo:
    """The deadline status of a question due `vence_el`, as of `hoy`.

    An answered question keeps the status it had on the day it was answered.
    """
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
