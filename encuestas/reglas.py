"""Domain rules of encuestas: what a valid answer is, and the figures of the results.

Pure functions (no queries): the public form, the paper entry and the
services validate answers with `interpretar`, and the results pages, the
exports and the open data compute their figures with `porcentaje` and
`promedio`, so they cannot disagree.

Percentages are over the responses that answered the question (not over all
responses): in a multiple choice each option is counted on its own, so its
percentages may add up to more than 100 %.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from .models import MAXIMO_TEXTO_CORTO, MAXIMO_TEXTO_LARGO, Opcion, PreguntaEncuesta

Tipo = PreguntaEncuesta.Tipo

ESCALA = range(1, 6)
# The default labels of a scale's points, 1 to 5 (Likert, agreement).
ETIQUETAS_ESCALA = (
    "Totalmente en desacuerdo",
    "En desacuerdo",
    "Ni de acuerdo ni en desacuerdo",
    "De acuerdo",
    "Totalmente de acuerdo",
)
OPCIONES_SI_NO = ("Sí", "No")
MAXIMO_OPCIONES = 20
LARGO_OPCION = 150

MENSAJE_OBLIGATORIA = "Esta pregunta es obligatoria."
MENSAJE_ESCALA = "Elija un valor de 1 a 5."
MENSAJE_OPCION = "Elija una de las opciones de la pregunta."
MENSAJE_UNA_SOLA = "Elija una sola opción."
MENSAJE_SIN_FECHA = "Indique la fecha del formato."  # a paper form (service and form)


def maximo_texto(tipo: str) -> int:
    return MAXIMO_TEXTO_CORTO if tipo == Tipo.TEXTO_CORTO else MAXIMO_TEXTO_LARGO


# --- Questions of a questionnaire --------------------------------------------------


def opciones_de(tipo: str, textos: Iterable[str]) -> list[tuple[str, int | None]]:
    """The (text, scale value) options a question of `tipo` gets from the lines typed by OPGI.

    A scale has exactly 5 labels (the default ones if none are typed); a yes/no
    question always has «Sí» and «No»; a text question has none; a choice
    question needs at least two different options.
    """
    limpias = [" ".join(texto.split()) for texto in textos]
    limpias = [texto for texto in limpias if texto]
    if tipo == Tipo.SI_NO:
        return [(texto, None) for texto in OPCIONES_SI_NO]
    if tipo in (Tipo.TEXTO_CORTO, Tipo.TEXTO_LARGO):
        if limpias:
            raise ValidationError({"opciones": "Una pregunta de texto no tiene opciones."})
        return []
    if tipo == Tipo.ESCALA:
        etiquetas = limpias or list(ETIQUETAS_ESCALA)
        if len(etiquetas) != len(ESCALA):
            raise ValidationError(
                {"opciones": "Una escala tiene 5 etiquetas, una por línea (de 1 a 5)."}
            )
        _sin_repetidas(etiquetas)
        return [(texto, valor) for valor, texto in zip(ESCALA, etiquetas, strict=True)]
    if len(limpias) < 2:
        raise ValidationError({"opciones": "Escriba al menos dos opciones, una por línea."})
    if len(limpias) > MAXIMO_OPCIONES:
        raise ValidationError(
            {"opciones": f"Una pregunta tiene como máximo {MAXIMO_OPCIONES} opciones."}
        )
    _sin_repetidas(limpias)
    return [(texto, None) for texto in limpias]


def _sin_repetidas(textos: list[str]) -> None:
    if any(len(texto) > LARGO_OPCION for texto in textos):
        raise ValidationError(
            {"opciones": f"Cada opción tiene como máximo {LARGO_OPCION} caracteres."}
        )
    vistas = set()
    for texto in textos:
        if texto.casefold() in vistas:
            raise ValidationError({"opciones": f"La opción «{texto}» está repetida."})
        vistas.add(texto.casefold())


# --- Answers ------------------------------------------------------------------------


@dataclass(frozen=True)
class Valor:
    """One valid answer to one question: an option or a text (a ValorRespuesta to be)."""

    pregunta: PreguntaEncuesta
    opcion: Opcion | None = None
    texto: str = ""


def _vacio(valor: object) -> bool:
    if valor is None:
        return True
    if isinstance(valor, str):
        return not valor.strip()
    if isinstance(valor, list | tuple | set | frozenset):
        return not any(not _vacio(v) for v in valor)
    return False


def _entero(valor: object) -> int | None:
    if isinstance(valor, Opcion):
        return valor.pk
    try:
        return int(str(valor).strip())
    except (TypeError, ValueError):
        return None


def _valores_de_pregunta(pregunta: PreguntaEncuesta, valor: object) -> list[Valor]:
    if pregunta.tipo in (Tipo.TEXTO_CORTO, Tipo.TEXTO_LARGO):
        texto = str(valor).strip()
        maximo = maximo_texto(pregunta.tipo)
        if len(texto) > maximo:
            raise ValidationError(
                f"La respuesta tiene {len(texto)} caracteres; el máximo es {maximo}."
            )
        return [Valor(pregunta=pregunta, texto=texto)]
    opciones = list(pregunta.opciones.all())
    if pregunta.tipo == Tipo.ESCALA:
        por_valor = {opcion.valor: opcion for opcion in opciones}
        numero = _entero(valor)
        if numero not in por_valor:
            raise ValidationError(MENSAJE_ESCALA)
        return [Valor(pregunta=pregunta, opcion=por_valor[numero])]
    por_pk = {opcion.pk: opcion for opcion in opciones}
    if pregunta.tipo == Tipo.MULTIPLE:
        elegidas = valor if isinstance(valor, list | tuple | set | frozenset) else [valor]
    elif isinstance(valor, list | tuple | set | frozenset):
        elegidas = [v for v in valor if not _vacio(v)]
        if len(elegidas) > 1:
            raise ValidationError(MENSAJE_UNA_SOLA)
    else:
        elegidas = [valor]
    pks = []
    for elegida in elegidas:
        if _vacio(elegida):
            continue
        pk = _entero(elegida)
        if pk not in por_pk:
            raise ValidationError(MENSAJE_OPCION)
        if pk not in pks:
            pks.append(pk)
    return [
        Valor(pregunta=pregunta, opcion=por_pk[pk])
        for pk in sorted(pks, key=lambda pk: por_pk[pk].orden)
    ]


def interpretar(preguntas: Iterable[PreguntaEncuesta], datos: Mapping[str, object]) -> list[Valor]:
    """The answers in `datos` (keyed by each question's `campo`), checked against the questions.

    Values: a scale takes its number 1–5; a single choice or yes/no the pk of
    an option; a multiple choice a list of option pks; a text question its
    text. Raises ValidationError keyed by field: a required question left
    empty, a scale value out of 1–5, an option that is not the question's, a
    text too long. Keys that are no question's are ignored. The questions
    must come with their options prefetched.
    """
    valores: list[Valor] = []
    errores: dict[str, list[str]] = {}
    for pregunta in preguntas:
        valor = datos.get(pregunta.campo)
        if _vacio(valor):
            if pregunta.obligatoria:
                errores[pregunta.campo] = [MENSAJE_OBLIGATORIA]
            continue
        try:
            valores.extend(_valores_de_pregunta(pregunta, valor))
        except ValidationError as error:
            errores[pregunta.campo] = error.messages
    if errores:
        raise ValidationError(errores)
    return valores


# --- Figures ------------------------------------------------------------------------

UN_DECIMAL = Decimal("0.1")
DOS_DECIMALES = Decimal("0.01")


def porcentaje(parte: int, total: int) -> Decimal:
    """parte / total as a percentage with one decimal (0 when nobody answered)."""
    if not total:
        return Decimal("0.0")
    return (Decimal(parte) * 100 / Decimal(total)).quantize(UN_DECIMAL, rounding=ROUND_HALF_UP)


def promedio(conteos: Iterable[tuple[int | None, int]]) -> Decimal | None:
    """The mean of a scale from (value, count) pairs, two decimals; None without answers."""
    pares = [(valor, cantidad) for valor, cantidad in conteos if cantidad and valor is not None]
    total = sum(cantidad for _, cantidad in pares)
    if not total:
        return None
    suma = sum((Decimal(valor) * cantidad for valor, cantidad in pares), Decimal(0))
    return (suma / total).quantize(DOS_DECIMALES, rounding=ROUND_HALF_UP)


# --- Bursts from one connection (meta 3.1) --------------------------------------------

# A burst: at least RAFAGA_MINIMO web responses from the same address (its pseudonym) within
# RAFAGA_VENTANA. Several people on one Wi-Fi at an event look like this too, so a burst is
# shown to OPGI to judge before counting meta 3.1, never discarded automatically.
RAFAGA_MINIMO = 5
RAFAGA_VENTANA = timedelta(minutes=10)


@dataclass(frozen=True)
class Rafaga:
    conexion: int  # 1, 2, 3…: a label per address within the survey (never the address)
    respuestas: int
    desde: datetime
    hasta: datetime


def rafagas(
    marcas: Iterable[tuple[str, datetime]],
    *,
    minimo: int = RAFAGA_MINIMO,
    ventana: timedelta = RAFAGA_VENTANA,
) -> list[Rafaga]:
    """The bursts in (origin, instant) pairs: maximal runs of one origin's responses in which
    every response lies in some `ventana` holding at least `minimo` of them. Oldest first."""
    por_origen: dict[str, list[datetime]] = {}
    for origen, instante in marcas:
        if origen:
            por_origen.setdefault(origen, []).append(instante)
    encontradas: list[tuple[str, int, datetime, datetime]] = []
    for origen, instantes in por_origen.items():
        instantes.sort()
        marcada = [False] * len(instantes)
        fin = 0
        for inicio in range(len(instantes)):
            fin = max(fin, inicio)
            while fin + 1 < len(instantes) and instantes[fin + 1] - instantes[inicio] <= ventana:
                fin += 1
            if fin - inicio + 1 >= minimo:
                for i in range(inicio, fin + 1):
                    marcada[i] = True
        i = 0
        while i < len(instantes):
            if not marcada[i]:
                i += 1
                continue
            j = i
            # Marked responses closer than the window belong to the same burst.
            while (
                j + 1 < len(instantes)
                and marcada[j + 1]
                and instantes[j + 1] - instantes[j] <= ventana
            ):
                j += 1
            encontradas.append((origen, j - i + 1, instantes[i], instantes[j]))
            i = j + 1
    encontradas.sort(key=lambda r: r[2])
    etiquetas: dict[str, int] = {}
    return [
        Rafaga(
            conexion=etiquetas.setdefault(origen, len(etiquetas) + 1),
            respuestas=cantidad,
            desde=desde,
            hasta=hasta,
        )
        for origen, cantidad, desde, hasta in encontradas
    ]
