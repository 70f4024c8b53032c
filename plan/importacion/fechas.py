"""Date cells → `VentanasLeidas` (step `fechas` of the import).

The offices write their dates every way: Excel date cells, «dd/mm/aaaa», «15 de abril
de 2017», «22 al 28 de abril de 2017», «Enero a marzo de 2021», «Permanente». This
module reads them into windows (inicio, fin), says what it inferred (`avisos`: a single
date taken as a deadline, a date outside the vigencia) or why it cannot (`error`,
Spanish, quoting the text). Pure: no database.

A single date is a deadline, not a one-day event: «30/06/2026» in a plan means «by the
end of June», so its window opens on 1 January of the vigencia.
"""

import calendar
import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from nucleo.fechas import MENSAJE_RANGO, en_rango, rango_de_vigencia
from nucleo.hojas import sin_prefijo
from plan.importacion.tipos import Celda, VentanasLeidas
from plan.models import MENSAJE_VENTANA_INVERTIDA

Ventana = tuple[datetime.date, datetime.date]

MENSAJE_SIN_FECHA = "Falta la fecha de la actividad."
MENSAJE_ILEGIBLE = (
    "No entendimos la fecha «{texto}»: escríbala como dd/mm/aaaa, «15 de abril de 2026» "
    "o «enero de 2026»."
)
MENSAJE_NO_EXISTE = "La fecha «{texto}» no existe."
MENSAJE_SIN_ANIO = (
    "Falta el año en «{texto}» y el plan no tiene vigencia: escríbalo, por ejemplo «15 de "
    "abril de 2026»."
)
MENSAJE_TODO_EL_ANIO_SIN_VIGENCIA = (
    "«{texto}» abarca toda la vigencia, pero el plan no tiene vigencia: escriba las fechas "
    "como dd/mm/aaaa-dd/mm/aaaa."
)
# The model's messages, naming the text that breaks them.
MENSAJE_INVERTIDA = MENSAJE_VENTANA_INVERTIDA.removesuffix(".") + ": «{texto}»."
MENSAJE_FUERA_DE_RANGO = MENSAJE_RANGO.removesuffix(".") + ": «{texto}»."
AVISO_PLAZO = "«{texto}» es una sola fecha: se tomó como plazo, del {inicio} al {fin}."
AVISO_COMENTARIO = "Se ignoró «{comentario}» en la fecha «{texto}»."
AVISO_SOLO_FIN = "«{texto}» es solo la fecha final: se tomó como plazo, del {inicio} al {fin}."
AVISO_SIN_FIN = "«{texto}» no tiene fecha final: se tomó hasta el {fin}."
AVISO_FUERA_DE_VIGENCIA = "La ventana del {inicio} al {fin} sale de la vigencia {vigencia}."
AVISO_FUERA_DE_RANGO = (
    "La ventana del {inicio} al {fin} sale de la vigencia {vigencia}: las fechas de una "
    "actividad del plan {vigencia} deben estar entre el {desde} y el {hasta}."
)

MESES = {
    "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3, "abril": 4,
    "abr": 4, "mayo": 5, "may": 5, "junio": 6, "jun": 6, "julio": 7, "jul": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "sep": 9, "sept": 9, "set": 9,
    "octubre": 10, "oct": 10, "noviembre": 11, "nov": 11, "diciembre": 12, "dic": 12,
}  # fmt: skip
_ORDINALES = {
    "primer": 1, "primero": 1, "primera": 1, "i": 1, "segundo": 2, "segunda": 2, "ii": 2,
    "tercer": 3, "tercero": 3, "tercera": 3, "iii": 3, "cuarto": 4, "cuarta": 4, "iv": 4,
    "quinto": 5, "sexto": 6,
}  # fmt: skip
_PERIODOS = {"bimestre": 2, "trimestre": 3, "cuatrimestre": 4, "semestre": 6}
_SUFIJOS_ORDINALES = frozenset({"er", "ro", "do", "to", "o"})
_RANGO = frozenset({"al", "a", "hasta", "-", "–", "—"})
_LISTA = frozenset({"y", ","})
_RELLENO = frozenset(
    {"de", "del", "el", "la", "los", "las", "desde", "entre", "dia", "dias", "mes", "meses",
     "ano", "vigencia", "durante", "en", "fecha", "plazo"}
)  # fmt: skip
_TODO_EL_ANIO = frozenset(
    {"permanente", "permanentemente", "todo el ano", "durante todo el ano", "durante el ano",
     "durante la vigencia", "durante toda la vigencia", "toda la vigencia", "anual",
     "continuo", "continua", "enero a diciembre", "enero diciembre", "todo el periodo"}
)  # fmt: skip

# A range written across New Year («28 de diciembre al 5 de enero de 2018») starts the
# year before when that makes it shorter than this many days.
_CRUCE_DE_ANIO_MAXIMO = 183

_FECHA_CON_MES = re.compile(r"\b(\d{1,2})[-/. ]([a-z]+)\.?[-/. ](\d{4}|\d{2})\b")
_COMENTARIO = re.compile(r"\([^()]*\)")

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|(?P<fecha>\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))(?!\d)"
    r"|(?P<num>\d+)(?:°|o\b)?"
    r"|(?P<palabra>[a-zñ]+)\.?"
    r"|(?P<signo>[-–—,])"
    r"|(?P<otro>\S)"
)


class _NoSeLee(ValueError):
    """A part of the cell that cannot be read; its message is the Spanish error."""


@dataclass
class _Punto:
    """One end of a window as written: a full date, or a day/month/year still to fill."""

    fecha: datetime.date | None = None
    dia: int | None = None
    mes_desde: int | None = None
    mes_hasta: int | None = None
    anio: int | None = None
    anio_inferido: bool = False


def _normalizar(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto)
    sin_tildes = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(sin_tildes.casefold().split())


def _fecha(anio: int, mes: int, dia: int, texto: str) -> datetime.date:
    try:
        fecha = datetime.date(anio, mes, dia)
    except ValueError:
        raise _NoSeLee(MENSAJE_NO_EXISTE.format(texto=texto)) from None
    if not en_rango(fecha):
        raise _NoSeLee(MENSAJE_FUERA_DE_RANGO.format(texto=texto))
    return fecha


def _fecha_numerica(escrita: str) -> datetime.date:
    """«15/04/2017», «15-04-17», «15.04.2017» (two-digit years are 20aa)."""
    dia, mes, anio = (int(parte) for parte in re.split(r"[/.\-]", escrita))
    if anio < 100:
        anio += 2000
    return _fecha(anio, mes, dia, escrita)


def _fecha_iso(escrita: str) -> datetime.date:
    anio, mes, dia = (int(parte) for parte in escrita.split("-"))
    return _fecha(anio, mes, dia, escrita)


def _en_fechas(d: datetime.date) -> str:
    return f"{d:%d/%m/%Y}"


def _fecha_con_mes_en_palabras(encontrado: re.Match[str]) -> str:
    """«30-abr-26» (Excel's dd-mmm-aa as text) → «30 de abr de 2026»."""
    dia, mes, anio = encontrado.groups()
    if mes not in MESES:
        return encontrado.group()
    return f"{dia} de {mes} de {int(anio) + 2000 if len(anio) == 2 else anio}"


def _periodo_numerado(tokens: list[tuple[str, str]], indice: int) -> bool:
    siguientes = [valor for _, valor in tokens[indice : indice + 2]]
    if siguientes[:1] and siguientes[0] in _PERIODOS:
        return True
    return (
        len(siguientes) == 2 and siguientes[0] in _SUFIJOS_ORDINALES and siguientes[1] in _PERIODOS
    )


def _periodo(numero: int, nombre: str, ilegible: _NoSeLee) -> _Punto:
    """The `numero`-th bimestre/trimestre/cuatrimestre/semestre of the year."""
    meses = _PERIODOS[nombre]
    if not 1 <= numero <= 12 // meses:
        raise ilegible
    return _Punto(mes_desde=numero * meses - meses + 1, mes_hasta=numero * meses)


def _puntos(texto: str) -> list[_Punto | str]:
    """The cell part (as written) as points and connectors («rango», «y»)."""
    elementos: list[_Punto | str] = []
    normal = _FECHA_CON_MES.sub(_fecha_con_mes_en_palabras, _normalizar(texto))
    tokens = [(t.lastgroup or "otro", t.group(t.lastgroup or 0)) for t in _TOKEN.finditer(normal)]
    ilegible = _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto))
    indice = 0
    while indice < len(tokens):
        clase, valor = tokens[indice]
        indice += 1
        anterior = elementos[-1] if elementos else None
        if clase == "iso":
            elementos.append(_Punto(fecha=_fecha_iso(valor)))
        elif clase == "fecha":
            elementos.append(_Punto(fecha=_fecha_numerica(valor)))
        elif clase == "num" and _periodo_numerado(tokens, indice):
            # «1er trimestre», «2do semestre», «3 cuatrimestre»
            if tokens[indice][1] not in _PERIODOS:
                indice += 1  # the ordinal's ending («er», «do»)
            elementos.append(_periodo(int(valor), tokens[indice][1], ilegible))
            indice += 1
        elif clase == "num":
            numero = int(valor)
            if len(valor) == 4:
                con_mes = isinstance(anterior, _Punto) and anterior.mes_desde is not None
                if isinstance(anterior, _Punto) and con_mes and anterior.anio is None:
                    anterior.anio = numero
                else:
                    elementos.append(_Punto(mes_desde=1, mes_hasta=12, anio=numero))
            elif 1 <= numero <= 31 and len(valor) <= 2:
                solo_mes = (
                    isinstance(anterior, _Punto)
                    and anterior.fecha is None
                    and anterior.dia is None
                    and anterior.mes_desde is not None
                    and anterior.mes_desde == anterior.mes_hasta
                    and anterior.anio is None
                    and tokens[indice - 2][0] == "palabra"
                )
                if isinstance(anterior, _Punto) and solo_mes:
                    anterior.dia = numero  # «abril 15 de 2017»
                else:
                    elementos.append(_Punto(dia=numero))
            else:
                raise ilegible
        elif clase == "palabra" and valor in MESES:
            mes = MESES[valor]
            if isinstance(anterior, _Punto) and anterior.dia is not None:
                if anterior.mes_desde is not None or anterior.fecha is not None:
                    raise ilegible
                anterior.mes_desde = anterior.mes_hasta = mes
            else:
                elementos.append(_Punto(mes_desde=mes, mes_hasta=mes))
        elif clase == "palabra" and valor in _ORDINALES:
            if indice >= len(tokens) or tokens[indice][1] not in _PERIODOS:
                raise ilegible
            elementos.append(_periodo(_ORDINALES[valor], tokens[indice][1], ilegible))
            indice += 1
        elif valor in _RANGO:
            elementos.append("rango")
        elif valor in _LISTA:
            elementos.append("y")
        elif clase == "palabra" and valor in _RELLENO:
            continue
        else:
            raise ilegible
    return elementos


def _completar(puntos: list[_Punto], texto: str, vigencia: int | None) -> None:
    """Fill each point's month and year from the next point that has them («19 y 20 de
    abril de 2017», «28 de abril al 5 de mayo de 2017»), else from the vigencia."""
    for posicion, punto in enumerate(puntos):
        if punto.fecha is not None:
            continue
        siguientes = puntos[posicion + 1 :]
        if punto.mes_desde is None:
            fuente = next((p for p in siguientes if p.fecha or p.mes_desde), None)
            if fuente is None:
                raise _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto))
            mes = fuente.fecha.month if fuente.fecha else fuente.mes_desde
            punto.mes_desde = punto.mes_hasta = mes
        if punto.anio is None:
            fuente = next((p for p in siguientes if p.fecha or p.anio), None)
            if fuente is not None:
                punto.anio = fuente.fecha.year if fuente.fecha else fuente.anio
            elif vigencia is not None:
                punto.anio = vigencia
            else:
                raise _NoSeLee(MENSAJE_SIN_ANIO.format(texto=texto))
            punto.anio_inferido = True


def _primer_dia(punto: _Punto, texto: str) -> datetime.date:
    if punto.fecha is not None:
        return punto.fecha
    assert punto.anio is not None and punto.mes_desde is not None
    return _fecha(punto.anio, punto.mes_desde, punto.dia or 1, texto)


def _ultimo_dia(punto: _Punto, texto: str) -> datetime.date:
    if punto.fecha is not None:
        return punto.fecha
    assert punto.anio is not None and punto.mes_hasta is not None
    dia = punto.dia or calendar.monthrange(punto.anio, punto.mes_hasta)[1]
    return _fecha(punto.anio, punto.mes_hasta, dia, texto)


def _unir_contiguas(ventanas: list[Ventana]) -> list[Ventana]:
    """«19 y 20 de abril» → one window 19–20; «3 y 17 de mayo» stays two."""
    unidas: list[Ventana] = []
    for inicio, fin in sorted(ventanas):
        if unidas and inicio <= unidas[-1][1] + datetime.timedelta(days=1):
            unidas[-1] = (unidas[-1][0], max(fin, unidas[-1][1]))
        else:
            unidas.append((inicio, fin))
    return unidas


def _todo_el_anio(texto: str, vigencia: int | None) -> list[Ventana] | None:
    normal = _normalizar(texto).strip(" .")
    anios = re.findall(r"\b(?:19|20|21)\d\d\b", normal)
    sin_anio = " ".join(re.sub(r"\b(?:de|del)?\s*(?:19|20|21)\d\d\b", " ", normal).split())
    sin_anio = " ".join(re.sub(r"[-–—]", " ", sin_anio).split())
    if sin_anio not in _TODO_EL_ANIO:
        return None
    if len(anios) > 1:
        raise _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto))
    anio = int(anios[0]) if anios else vigencia
    if anio is None:
        raise _NoSeLee(MENSAJE_TODO_EL_ANIO_SIN_VIGENCIA.format(texto=texto))
    return [(_fecha(anio, 1, 1, texto), _fecha(anio, 12, 31, texto))]


def _leer_parte(texto: str, vigencia: int | None) -> tuple[list[Ventana], bool]:
    """One window expression («22 al 28 de abril de 2017») → its windows, and whether it
    was a single day (a deadline for the caller)."""
    todo = _todo_el_anio(texto, vigencia)
    if todo is not None:
        return todo, False
    elementos = _puntos(texto)
    while elementos and elementos[0] in ("rango", "y"):
        elementos.pop(0)  # «hasta el 30 de junio», «- 15/04/2017»
    puntos = [e for e in elementos if isinstance(e, _Punto)]
    if not puntos or elementos[-1] in ("rango", "y"):
        raise _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto))
    _completar(puntos, texto, vigencia)

    ventanas: list[Ventana] = []
    posicion = 0
    while posicion < len(elementos):
        elemento = elementos[posicion]
        if not isinstance(elemento, _Punto):
            posicion += 1
            continue
        siguiente = elementos[posicion + 1] if posicion + 1 < len(elementos) else None
        if siguiente == "rango":
            final = elementos[posicion + 2]
            if not isinstance(final, _Punto):
                raise _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto))
            inicio, fin = _primer_dia(elemento, texto), _ultimo_dia(final, texto)
            if inicio > fin and elemento.anio_inferido and elemento.fecha is None:
                # «28 de diciembre al 5 de enero de 2018»: the start is in 2017 — for a
                # short span only; «Marzo a enero de 2026» is a mistake, not 11 months.
                assert elemento.anio is not None
                anterior = _primer_dia(replace(elemento, anio=elemento.anio - 1), texto)
                if (fin - anterior).days < _CRUCE_DE_ANIO_MAXIMO:
                    inicio = anterior
            if inicio > fin:
                raise _NoSeLee(MENSAJE_INVERTIDA.format(texto=texto))
            ventanas.append((inicio, fin))
            posicion += 3
        else:
            ventanas.append((_primer_dia(elemento, texto), _ultimo_dia(elemento, texto)))
            posicion += 1
    un_dia = len(ventanas) == 1 and len(puntos) == 1 and ventanas[0][0] == ventanas[0][1]
    return _unir_contiguas(ventanas), un_dia


def _leer_parte_con_comentario(
    texto: str, vigencia: int | None, avisos: list[str]
) -> tuple[list[Ventana], bool]:
    """«15 de abril de 2026 (primer informe)»: a remark in parentheses is ignored, with an
    aviso, when the dates read without it."""
    try:
        return _leer_parte(texto, vigencia)
    except _NoSeLee:
        comentarios = _COMENTARIO.findall(texto)
        sin_comentario = " ".join(_COMENTARIO.sub(" ", texto).split()).strip(" .")
        if not comentarios or not sin_comentario:
            raise
        try:
            leidas = _leer_parte(sin_comentario, vigencia)
        except _NoSeLee:
            raise _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto)) from None
        for comentario in comentarios:
            avisos.append(AVISO_COMENTARIO.format(comentario=comentario, texto=texto))
        return leidas


def _plazo(fin: datetime.date, vigencia: int | None) -> Ventana:
    """A deadline's window: from 1 January of the vigencia (or of the date's year)."""
    inicio = datetime.date(vigencia or fin.year, 1, 1)
    if inicio > fin:
        inicio = datetime.date(fin.year, 1, 1)
    return inicio, fin


def _como_fecha(valor: object) -> datetime.date | None:
    if isinstance(valor, datetime.datetime):
        return valor.date()
    if isinstance(valor, datetime.date):
        return valor
    return None


def _texto_de(celda: Celda | None) -> str:
    if celda is None or celda.valor is None:
        return ""
    return str(sin_prefijo(str(celda.valor))).strip()


def fuera_de_vigencia(ventanas: Iterable[Ventana], vigencia: int | None) -> list[str]:
    """An aviso per window that leaves the vigencia's year; the model refuses those beyond
    the vigencia ± 1 year (`rango_de_vigencia`), and the message says so."""
    if vigencia is None:
        return []
    desde, hasta = rango_de_vigencia(vigencia)
    avisos = []
    for inicio, fin in ventanas:
        if inicio.year == fin.year == vigencia:
            continue
        datos = {"inicio": _en_fechas(inicio), "fin": _en_fechas(fin), "vigencia": vigencia}
        if desde <= inicio and fin <= hasta:
            avisos.append(AVISO_FUERA_DE_VIGENCIA.format(**datos))
        else:
            avisos.append(
                AVISO_FUERA_DE_RANGO.format(
                    **datos, desde=_en_fechas(desde), hasta=_en_fechas(hasta)
                )
            )
    return avisos


def _resultado(
    ventanas: list[Ventana], avisos: list[str], errores: list[str], vigencia: int | None
) -> VentanasLeidas:
    unicas = sorted(set(ventanas))
    return VentanasLeidas(
        ventanas=tuple(unicas),
        avisos=tuple(avisos + fuera_de_vigencia(unicas, vigencia)),
        error=" ".join(errores) or None,
    )


def leer_ventanas(celda: Celda | None, *, vigencia: int | None) -> VentanasLeidas:
    """A «Fecha programada» cell → its windows: one or several separated by «;» or line
    breaks, each a date, a range, a month, a period of the vigencia or «Permanente»."""
    fecha = _como_fecha(celda.valor) if celda is not None else None
    if fecha is not None:
        ventana = _plazo(fecha, vigencia)
        aviso = AVISO_PLAZO.format(
            texto=_en_fechas(fecha), inicio=_en_fechas(ventana[0]), fin=_en_fechas(ventana[1])
        )
        if not en_rango(fecha):
            return VentanasLeidas(
                ventanas=(), error=MENSAJE_FUERA_DE_RANGO.format(texto=_en_fechas(fecha))
            )
        return _resultado([ventana], [aviso], [], vigencia)
    texto = _texto_de(celda)
    if not texto:
        return VentanasLeidas(ventanas=(), error=MENSAJE_SIN_FECHA)
    ventanas: list[Ventana] = []
    avisos: list[str] = []
    errores: list[str] = []
    for parte in re.split(r"[;\n\r]+", texto):
        parte = " ".join(parte.split()).strip(" .")
        if not parte:
            continue
        try:
            leidas, un_dia = _leer_parte_con_comentario(parte, vigencia, avisos)
        except _NoSeLee as problema:
            errores.append(str(problema))
            continue
        if un_dia:
            ventana = _plazo(leidas[0][1], vigencia)
            avisos.append(
                AVISO_PLAZO.format(
                    texto=parte, inicio=_en_fechas(ventana[0]), fin=_en_fechas(ventana[1])
                )
            )
            leidas = [ventana]
        ventanas.extend(leidas)
    return _resultado(ventanas, avisos, errores, vigencia)


def _extremo(celda: Celda | None, vigencia: int | None) -> tuple[Ventana | None, str]:
    """An «inicio» or «fin» cell → the span it names (a day, a month…) and its text."""
    fecha = _como_fecha(celda.valor) if celda is not None else None
    if fecha is not None:
        if not en_rango(fecha):
            raise _NoSeLee(MENSAJE_FUERA_DE_RANGO.format(texto=_en_fechas(fecha)))
        return (fecha, fecha), _en_fechas(fecha)
    texto = " ".join(_texto_de(celda).split()).strip(" .")
    if not texto:
        return None, ""
    ventanas, _ = _leer_parte(texto, vigencia)
    if len(ventanas) != 1:
        raise _NoSeLee(MENSAJE_ILEGIBLE.format(texto=texto))
    return ventanas[0], texto


def leer_inicio_fin(
    inicio: Celda | None, fin: Celda | None, *, vigencia: int | None
) -> VentanasLeidas:
    """Separate «Fecha inicio» / «Fecha fin» columns → one window. A month as the start
    counts from its first day, as the end up to its last («Enero 2021» – «Marzo 2021»).
    Only the end: a deadline; only the start: until 31 December."""
    errores: list[str] = []
    try:
        desde, texto_desde = _extremo(inicio, vigencia)
    except _NoSeLee as problema:
        desde, texto_desde = None, ""
        errores.append(str(problema))
    try:
        hasta, texto_hasta = _extremo(fin, vigencia)
    except _NoSeLee as problema:
        hasta, texto_hasta = None, ""
        errores.append(str(problema))
    if errores:
        return VentanasLeidas(ventanas=(), error=" ".join(errores))
    if desde is None and hasta is None:
        return VentanasLeidas(ventanas=(), error=MENSAJE_SIN_FECHA)
    avisos: list[str] = []
    if desde is None:
        assert hasta is not None
        ventana = _plazo(hasta[1], vigencia)
        avisos.append(
            AVISO_SOLO_FIN.format(
                texto=texto_hasta, inicio=_en_fechas(ventana[0]), fin=_en_fechas(ventana[1])
            )
        )
    elif hasta is None:
        cierre = datetime.date(vigencia or desde[0].year, 12, 31)
        if cierre < desde[1]:
            cierre = datetime.date(desde[1].year, 12, 31)
        ventana = (desde[0], max(cierre, desde[1]))
        avisos.append(AVISO_SIN_FIN.format(texto=texto_desde, fin=_en_fechas(ventana[1])))
    else:
        ventana = (desde[0], hasta[1])
        if ventana[1] < ventana[0]:
            texto = f"{texto_desde} – {texto_hasta}"
            return VentanasLeidas(ventanas=(), error=MENSAJE_INVERTIDA.format(texto=texto))
    return _resultado([ventana], avisos, [], vigencia)
