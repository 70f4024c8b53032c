"""A meta cell as the offices write it → `MetaLeida` (step `metas` of the import).

Offices write their metas in prose: «Dos (2) informes», «100 % de las PQRSD
respondidas», «Mínimo 29 espacios», «15.000 ejemplares», «N/A». This module reads
the quantity, the unit and the kind, and says what it inferred (`avisos`) or why the
row cannot be imported as written (`error`). Pure: no database, no Django models
loaded beyond the shared messages.

Numbers are read the Colombian way: «.» groups thousands, «,» separates decimals.
A dot followed by anything but groups of three digits («1.5») is refused: guessing
between one and a half and fifteen hundred would silently change a plan.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from nucleo.hojas import sin_prefijo
from plan.importacion.tipos import Celda, MetaLeida
from plan.models import MENSAJE_META_POSITIVA, MENSAJE_PORCENTAJE_MAXIMO

# `Actividad.TipoMeta` values; written here so the step does not depend on the model's
# choices (CUALITATIVA is being added to the model in parallel).
TIPO_EXACTA = "exacta"
TIPO_MINIMO = "minimo"
TIPO_PORCENTAJE = "porcentaje"
TIPO_CUALITATIVA = "cualitativa"
SUFIJO_CUALITATIVA = " (cualitativa)"

# The labels of the app's own template («Tipo de meta» column), as in the model.
ETIQUETAS_TIPO = {
    TIPO_EXACTA: "Cantidad exacta",
    TIPO_MINIMO: "Al menos / mínimo",
    TIPO_PORCENTAJE: "Porcentaje",
    TIPO_CUALITATIVA: "Cualitativa",
}

LARGO_UNIDAD = 150  # Actividad.meta_unidad max_length

MENSAJE_SIN_META = "Falta la meta de la actividad."
MENSAJE_SIN_CANTIDAD = "Falta la cantidad de la meta."
MENSAJE_CANTIDAD_ILEGIBLE = "«{texto}» no es una cantidad: escriba un número como 15, 2,5 o 15.000."
MENSAJE_PUNTO_AMBIGUO = (
    "¿{texto} es {miles} o {decimal}? En Colombia el punto separa los miles y la coma los "
    "decimales: escriba {miles} o {decimal}."
)
MENSAJE_TIPO_DESCONOCIDO = "«{texto}» no es un tipo de meta válido. Use uno de: {validos}."
AVISO_FRACCION = (
    "Se leyó {fraccion} como {porcentaje} %: la celda tiene un número entre 0 y 1 sin formato "
    "de porcentaje. Corríjalo si la meta no es un porcentaje."
)
AVISO_CUALITATIVA = (
    "La meta «{texto}» no tiene una cantidad: se seguirá por el porcentaje de cumplimiento."
)
AVISO_VARIOS_NUMEROS = (
    "La meta «{texto}» tiene más de una cantidad; se tomó la primera ({cantidad})."
)
AVISO_PALABRA_Y_NUMERO = (
    "En «{texto}» la palabra y el número no coinciden; se tomó el número ({cantidad})."
)
AVISO_UNIDAD_LARGA = "La unidad de la meta se recortó a 150 caracteres."
AVISO_CUALITATIVA_CON_CANTIDAD = "La meta es cualitativa: se ignoró la cantidad {cantidad} (se sigue por porcentaje de cumplimiento)."

_NO_APLICA = frozenset({"n/a", "na", "n.a", "n.a.", "no aplica", "-", "--", "—", "–", "n a"})

_UNIDADES = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9,
}  # fmt: skip
_ESPECIALES = {
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "veintiun": 21, "veintiuno": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
_DECENAS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
_CENTENAS = {
    "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}  # fmt: skip

# A number in digits: Colombian groups («15.000», «1.500.000,5») or plain («15000»,
# «2,5», «1.5» — the last one refused later as ambiguous).
_NUMERO = re.compile(
    r"(?<![\w.,])-?\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])-?\d+(?:[.,]\d+)*(?![\w])"
)
_PORCENTAJE_DESPUES = re.compile(r"\A\s*(?:%|por\s*ciento\b)", re.IGNORECASE)
_MINIMO = re.compile(
    r"\b(?:como\s+)?(?:m[ií]nimo|m[ií]n\.|al\s+menos|por\s+lo\s+menos)(?:\s+de)?\b\.?",
    re.IGNORECASE,
)
# Numbers that are not the meta's quantity: laws, decrees, articles, years.
_REFERENCIA_ANTES = re.compile(
    r"(?:\bley|\bdecreto|\bresoluci[oó]n|\bacuerdo|\bart[ií]culo|\bart\.|\bcircular|"
    r"\bn[uú]mero|\bno\.|\bn[º°]|\bconpes)\s*\Z",
    re.IGNORECASE,
)
_ANIO_ANTES = re.compile(r"\b(?:de|del|en|a[ñn]o|vigencia)\s*\Z", re.IGNORECASE)
_PARENTESIS = re.compile(r"\(\s*(\d[\d.,]*)\s*\)")
_PALABRAS_ENTRE_PARENTESIS = re.compile(r"(\d[\d.,]*)\s*\(\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,3})\s*\)")
_PALABRA = re.compile(r"[^\W\d_]+")
_ARTICULOS = frozenset({"de", "del", "la", "las", "el", "los", "un", "una", "unos", "unas", "al"})
_NO_VERBOS = frozenset(
    {"taller", "talleres", "lugar", "hogar", "mujer", "poder", "pilar", "militar"}
)
_BORDES = " \t\n.,;:-–—()[]*/"


def _sin_tildes(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).casefold()


def _no_aplica(texto: str) -> bool:
    """«N/A», «NA», «No aplica.», «-»: the office says there is no quantity."""
    return texto.casefold() in _NO_APLICA or texto.casefold().rstrip(" .") in _NO_APLICA


def _es_numero(valor: object) -> bool:
    return isinstance(valor, int | float | Decimal) and not isinstance(valor, bool)


def _normalizar(cantidad: Decimal) -> Decimal:
    """2.50 → 2.5, 100.0 → 100 (never 1E+2)."""
    if cantidad == cantidad.to_integral_value():
        return cantidad.quantize(Decimal(1))
    return cantidad.normalize()


def numero_en_espanol(cantidad: Decimal) -> str:
    """15000 → «15.000», 2.5 → «2,5»: how a number cell reads to the office."""
    cantidad = _normalizar(cantidad)
    signo = "-" if cantidad < 0 else ""
    entero, _, decimales = format(abs(cantidad), "f").partition(".")
    grupos = f"{int(entero):,}".replace(",", ".")
    return f"{signo}{grupos},{decimales}" if decimales else f"{signo}{grupos}"


def _texto_de(celda: Celda | None) -> str:
    if celda is None or celda.valor is None:
        return ""
    return " ".join(str(sin_prefijo(str(celda.valor))).split())


def cantidad_de_texto(texto: str) -> Decimal:
    """«15.000», «1.500.000», «2,5», «15000» → Decimal; ValueError with the Spanish
    message if it is not a number or is ambiguous («1.5», «1,500»)."""
    limpio = texto.replace(" ", "").replace("\xa0", "")
    negativo = limpio.startswith("-")
    limpio = limpio.removeprefix("-")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", limpio):
        limpio = limpio.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+(?:,\d+)?", limpio):
        if re.fullmatch(r"\d{1,3},\d{3}", limpio):
            # «1,500»: a decimal comma, or English thousands? Ask.
            entero, tres = limpio.split(",")
            decimal = f"{entero},{tres.rstrip('0')}".rstrip(",")
            raise ValueError(
                MENSAJE_PUNTO_AMBIGUO.format(texto=texto, miles=f"{entero}.{tres}", decimal=decimal)
            )
        limpio = limpio.replace(",", ".")
    elif re.fullmatch(r"\d+\.\d+", limpio):
        entero, decimales = limpio.split(".")
        # Read as thousands, the digits after the dot pad to a group of three.
        miles = f"{int(entero + decimales.ljust(3, '0')):,}".replace(",", ".")
        raise ValueError(
            MENSAJE_PUNTO_AMBIGUO.format(texto=texto, miles=miles, decimal=f"{entero},{decimales}")
        )
    else:
        raise ValueError(MENSAJE_CANTIDAD_ILEGIBLE.format(texto=texto))
    try:
        cantidad = Decimal(limpio)
    except InvalidOperation:
        raise ValueError(MENSAJE_CANTIDAD_ILEGIBLE.format(texto=texto)) from None
    return -cantidad if negativo else cantidad


def numero_de_palabras(palabras: list[str]) -> tuple[int, int] | None:
    """The number written in words at the start of `palabras` (already without accents):
    (value, how many words it took), or None. «tres» → 3, «treinta y dos» → 32,
    «ciento veinte» → 120, «cien» → 100, «dos mil quinientos» → 2500."""
    leido = _hasta_mil(palabras)
    if leido is None or leido[1] >= len(palabras) or palabras[leido[1]] != "mil":
        return leido
    if leido[0] >= 1000:
        return leido
    valor, usadas = leido[0] * 1000, leido[1] + 1
    resto = _hasta_mil(palabras[usadas:])
    if resto and resto[0] < 1000:
        return valor + resto[0], usadas + resto[1]
    return valor, usadas


def _hasta_mil(palabras: list[str]) -> tuple[int, int] | None:
    if not palabras:
        return None
    primera = palabras[0]
    if primera == "cien":
        return 100, 1
    if primera == "mil":
        return 1000, 1
    if primera in _CENTENAS:
        valor = _CENTENAS[primera]
        resto = _hasta_mil(palabras[1:])
        if resto and resto[0] < 100:
            return valor + resto[0], 1 + resto[1]
        return valor, 1
    if primera in _DECENAS:
        valor = _DECENAS[primera]
        if len(palabras) >= 3 and palabras[1] == "y" and palabras[2] in _UNIDADES:
            return valor + _UNIDADES[palabras[2]], 3
        return valor, 1
    if primera in _ESPECIALES:
        return _ESPECIALES[primera], 1
    if primera in _UNIDADES:
        return _UNIDADES[primera], 1
    return None


def _es_palabra_numero(frase: str) -> int | None:
    palabras = _sin_tildes(frase).split()
    leido = numero_de_palabras(palabras)
    return leido[0] if leido and leido[1] == len(palabras) else None


def _numeros_con_palabras(texto: str) -> tuple[str, list[str]]:
    """«Dos (2) informes» → «2 informes», «4 (cuatro) informes» → «4 informes»: the words
    repeat the number; the digits win. Returns the text and the mismatches («Dos (3)»)."""
    discrepancias: list[str] = []
    partes: list[str] = []
    cursor = 0
    for encontrado in _PARENTESIS.finditer(texto):
        antes = texto[cursor : encontrado.start()]
        numero = encontrado.group(1)
        palabras = list(_PALABRA.finditer(antes))
        corte = len(antes)
        pegadas = bool(palabras) and not antes[palabras[-1].end() :].strip()
        # The longest run of up to four words right before «(2)» that is a number.
        for cuantas in range(min(4, len(palabras)) if pegadas else 0, 0, -1):
            inicio = palabras[-cuantas].start()
            valor = _es_palabra_numero(antes[inicio:])
            if valor is not None:
                corte = inicio
                _comparar(numero, valor, f"{antes[inicio:].strip()} ({numero})", discrepancias)
                break
        partes.append(antes[:corte] + numero)
        cursor = encontrado.end()
    partes.append(texto[cursor:])

    def sin_palabras(encontrado: re.Match[str]) -> str:
        valor = _es_palabra_numero(encontrado.group(2))
        if valor is None:
            return encontrado.group()
        _comparar(encontrado.group(1), valor, encontrado.group().strip(), discrepancias)
        return encontrado.group(1)

    return _PALABRAS_ENTRE_PARENTESIS.sub(sin_palabras, "".join(partes)), discrepancias


def _comparar(numero: str, valor: int, escrito: str, discrepancias: list[str]) -> None:
    try:
        if cantidad_de_texto(numero) != valor:
            discrepancias.append(escrito)
    except ValueError:
        pass  # «Dos (1.5)»: the number's own error comes later


def limpiar_unidad(texto: str) -> str:
    """«de las PQRSD respondidas.» → «PQRSD respondidas»: without leading articles and
    prepositions nor surrounding punctuation (the unit reads after the number)."""
    unidad = " ".join(texto.split()).strip(_BORDES)
    while True:
        primera, _, resto = unidad.partition(" ")
        if resto and primera.casefold() in _ARTICULOS:
            unidad = resto.strip(_BORDES)
        else:
            break
    for final in (" y", " e", " con", " de"):
        if unidad.casefold().endswith(final):
            unidad = unidad[: -len(final)].strip(_BORDES)
    if unidad.count("(") > unidad.count(")"):
        unidad += ")"  # «informes (uno por cuatrimestre)» keeps its closing parenthesis
    return unidad


def _recortar(unidad: str, avisos: list[str]) -> str:
    if len(unidad) <= LARGO_UNIDAD:
        return unidad
    avisos.append(AVISO_UNIDAD_LARGA)
    recortada = unidad[: LARGO_UNIDAD + 1].rsplit(" ", 1)[0]
    return recortada[:LARGO_UNIDAD].rstrip(_BORDES)


def _sin_verbo(texto: str) -> str:
    """«Realizar 4 audiencias» → «4 audiencias», «Realizar» → «»: a leading infinitive is
    not the unit («Taller», «Lugar» are nouns that look like one)."""
    primera, _, resto = texto.strip().partition(" ")
    es_infinitivo = re.fullmatch(r"[^\W\d_]+(?:ar|er|ir)(?:se)?", primera, re.IGNORECASE)
    if es_infinitivo and _sin_tildes(primera) not in _NO_VERBOS:
        return resto
    return texto


def _validar(cantidad: Decimal | None, tipo: str) -> str | None:
    if cantidad is None:
        return None
    if cantidad <= 0:
        return MENSAJE_META_POSITIVA
    if tipo == TIPO_PORCENTAJE and cantidad > 100:
        return MENSAJE_PORCENTAJE_MAXIMO
    return None


def _cualitativa(texto: str, producto: str, avisos: list[str]) -> MetaLeida:
    como_texto = "" if _no_aplica(texto) else texto
    unidad = _recortar(limpiar_unidad(como_texto or producto), avisos)
    avisos.append(AVISO_CUALITATIVA.format(texto=texto))
    return MetaLeida(
        texto=texto, cantidad=None, unidad=unidad, tipo=TIPO_CUALITATIVA, avisos=tuple(avisos)
    )


def _desde_numero(celda: Celda, valor: object, producto: str) -> MetaLeida:
    """A number cell: Excel's percent format, a fraction, or a plain quantity."""
    cantidad = Decimal(str(valor))
    avisos: list[str] = []
    unidad = _recortar(limpiar_unidad(producto), avisos)
    if celda.es_porcentaje:
        porcentaje = _normalizar(cantidad * 100)
        tipo = TIPO_PORCENTAJE
        error = _validar(porcentaje, tipo)
        return MetaLeida(
            texto=f"{numero_en_espanol(porcentaje)} %",
            cantidad=None if error else porcentaje,
            unidad=unidad,
            tipo=tipo,
            avisos=tuple(avisos),
            error=error,
        )
    texto = numero_en_espanol(cantidad)
    if 0 < cantidad < 1:
        porcentaje = _normalizar(cantidad * 100)
        avisos.append(
            AVISO_FRACCION.format(fraccion=texto, porcentaje=numero_en_espanol(porcentaje))
        )
        return MetaLeida(
            texto=texto,
            cantidad=porcentaje,
            unidad=unidad,
            tipo=TIPO_PORCENTAJE,
            avisos=tuple(avisos),
        )
    error = _validar(cantidad, TIPO_EXACTA)
    return MetaLeida(
        texto=texto,
        cantidad=None if error else _normalizar(cantidad),
        unidad=unidad,
        tipo=TIPO_EXACTA,
        avisos=tuple(avisos),
        error=error,
    )


def _numeros(texto: str) -> list[re.Match[str]]:
    """The digit numbers that may be the meta's quantity (not «Ley 1712», «de 2026»)."""
    elegidos: list[re.Match[str]] = []
    for encontrado in _NUMERO.finditer(texto):
        antes = texto[: encontrado.start()]
        es_anio = re.fullmatch(r"(?:19|20|21)\d\d", encontrado.group()) is not None
        if _REFERENCIA_ANTES.search(antes) or (es_anio and _ANIO_ANTES.search(antes)):
            continue
        if elegidos and es_anio:
            continue  # a year later in the text («… de seguimiento 2026») is not a 2nd meta
        elegidos.append(encontrado)
    return elegidos


def leer_meta(celda: Celda | None, *, producto: str = "") -> MetaLeida:
    """The meta as the office wrote it → quantity, unit and kind.

    `producto` is the unit when the meta has none («Mínimo 29», a number cell, «N/A»).
    """
    producto = " ".join(producto.split())
    if celda is not None and _es_numero(celda.valor):
        return _desde_numero(celda, celda.valor, producto)
    texto = _texto_de(celda)
    avisos: list[str] = []
    if not texto:
        if producto:
            return _cualitativa(producto, producto, avisos)
        return MetaLeida(
            texto="", cantidad=None, unidad="", tipo=TIPO_CUALITATIVA, error=MENSAJE_SIN_META
        )
    if _no_aplica(texto):
        return _cualitativa(texto, producto, avisos)
    # The app's own plan XLSX marks a qualitative meta so (Actividad.meta_mostrada):
    # read back, it is the same meta, not a text that says «cualitativa».
    if texto.casefold().endswith(SUFIJO_CUALITATIVA):
        return _cualitativa(texto[: -len(SUFIJO_CUALITATIVA)].strip(), producto, avisos)

    trabajo, discrepancias = _numeros_con_palabras(texto)
    es_minimo = _MINIMO.search(trabajo) is not None
    trabajo = " ".join(_MINIMO.sub(" ", trabajo).split())

    numeros = _numeros(trabajo)
    inicio_resto: int
    cantidad: Decimal | None = None
    error: str | None = None
    if numeros:
        primero = numeros[0]
        try:
            cantidad = cantidad_de_texto(primero.group())
        except ValueError as problema:
            error = str(problema)
        antes, inicio_resto = trabajo[: primero.start()], primero.end()
        fin_resto = numeros[1].start() if len(numeros) > 1 else len(trabajo)
        if len(numeros) > 1:
            mostrado = primero.group() if cantidad is None else numero_en_espanol(cantidad)
            avisos.append(AVISO_VARIOS_NUMEROS.format(texto=texto, cantidad=mostrado))
    else:
        # A number in words, only where the quantity goes: «Tres informes», «Realizar dos
        # audiencias» — «un» deep inside a sentence is an article.
        sin_verbo = _sin_verbo(trabajo)
        palabras = [p.group() for p in _PALABRA.finditer(sin_verbo)]
        leido = numero_de_palabras([_sin_tildes(p) for p in palabras[:4]])
        if leido is None:
            return _cualitativa(texto, producto, avisos)
        valor, cuantas = leido
        cantidad = Decimal(valor)
        ultima = list(_PALABRA.finditer(sin_verbo))[cuantas - 1]
        desplazamiento = len(trabajo) - len(sin_verbo)
        antes, inicio_resto = "", desplazamiento + ultima.end()
        fin_resto = len(trabajo)

    for discrepancia in discrepancias:
        mostrado = "" if cantidad is None else numero_en_espanol(cantidad)
        avisos.append(AVISO_PALABRA_Y_NUMERO.format(texto=discrepancia, cantidad=mostrado))

    resto = trabajo[inicio_resto:fin_resto]
    porcentaje = _PORCENTAJE_DESPUES.match(resto)
    if porcentaje:
        tipo = TIPO_PORCENTAJE
        resto = resto[porcentaje.end() :]
    else:
        tipo = TIPO_MINIMO if es_minimo else TIPO_EXACTA
    unidad = limpiar_unidad(resto) or limpiar_unidad(_sin_verbo(antes.strip())) or producto
    unidad = _recortar(limpiar_unidad(unidad), avisos)
    if error is None:
        error = _validar(cantidad, tipo)
    if error is None and cantidad is not None:
        cantidad = _normalizar(cantidad)
    return MetaLeida(
        texto=texto,
        cantidad=cantidad if error is None else None,
        unidad=unidad,
        tipo=tipo,
        avisos=tuple(avisos),
        error=error,
    )


def _tipo_estructurado(texto: str) -> str | None:
    """«Cantidad exacta», «exacta», «Al menos / mínimo», «minimo», «%»… → value."""
    clave = " ".join(_sin_tildes(texto).replace("/", " ").split())
    sinonimos = {
        TIPO_EXACTA: {"exacta", "cantidad exacta", "cantidad"},
        TIPO_MINIMO: {"minimo", "al menos minimo", "al menos", "minima"},
        TIPO_PORCENTAJE: {"porcentaje", "%"},
        TIPO_CUALITATIVA: {"cualitativa", "cualitativo"},
    }
    for tipo, nombres in sinonimos.items():
        if clave in nombres:
            return tipo
    return None


def leer_meta_estructurada(
    cantidad: Celda | None, unidad: Celda | None, tipo: Celda | None, texto: Celda | None
) -> MetaLeida:
    """The app's own template columns: «Meta cantidad», «Meta unidad», «Tipo de meta»
    (labels or values) and the meta as written. A blank quantity and kind falls back to
    reading the written meta."""
    texto_escrito = _texto_de(texto)
    unidad_escrita = _texto_de(unidad)
    texto_tipo = _texto_de(tipo)
    tipo_leido = _tipo_estructurado(texto_tipo) if texto_tipo else None
    if texto_tipo and tipo_leido is None:
        validos = ", ".join(f"«{etiqueta}»" for etiqueta in ETIQUETAS_TIPO.values())
        return MetaLeida(
            texto=texto_escrito,
            cantidad=None,
            unidad=unidad_escrita,
            tipo=TIPO_EXACTA,
            error=MENSAJE_TIPO_DESCONOCIDO.format(texto=texto_tipo, validos=validos),
        )
    hay_cantidad = cantidad is not None and (
        _es_numero(cantidad.valor) or bool(_texto_de(cantidad))
    )
    if not hay_cantidad and tipo_leido is None:
        return leer_meta(texto, producto=unidad_escrita)

    avisos: list[str] = []
    leida: Decimal | None = None
    error: str | None = None
    con_simbolo = False
    if hay_cantidad and cantidad is not None:
        if _es_numero(cantidad.valor):
            leida = Decimal(str(cantidad.valor))
            if cantidad.es_porcentaje:
                leida *= 100
                con_simbolo = True
            elif tipo_leido == TIPO_PORCENTAJE and 0 < leida < 1:
                fraccion = numero_en_espanol(leida)
                leida *= 100
                avisos.append(
                    AVISO_FRACCION.format(fraccion=fraccion, porcentaje=numero_en_espanol(leida))
                )
        else:
            escrito = _texto_de(cantidad)
            con_simbolo = escrito.endswith("%")
            try:
                leida = cantidad_de_texto(escrito.removesuffix("%").strip())
            except ValueError as problema:
                error = str(problema)
    tipo_final = tipo_leido or (TIPO_PORCENTAJE if con_simbolo else TIPO_EXACTA)

    if tipo_final == TIPO_CUALITATIVA:
        if leida is not None:
            avisos.append(AVISO_CUALITATIVA_CON_CANTIDAD.format(cantidad=numero_en_espanol(leida)))
        leida, error = None, None
    elif leida is None and error is None:
        # «Meta cantidad» blank with a kind that needs one: the written meta may say it.
        respaldo = leer_meta(texto, producto=unidad_escrita) if texto_escrito else None
        if respaldo is not None and respaldo.cantidad is not None:
            leida = respaldo.cantidad
            avisos.extend(respaldo.avisos)
        else:
            error = (respaldo.error if respaldo else None) or MENSAJE_SIN_CANTIDAD
    if unidad_escrita:
        unidad_final = limpiar_unidad(unidad_escrita)
    else:
        unidad_final = leer_meta(texto).unidad if texto_escrito else ""
    unidad_final = _recortar(unidad_final, avisos)
    error = error or _validar(leida, tipo_final)
    if leida is not None:
        leida = _normalizar(leida)
    if not texto_escrito and leida is not None:
        signo = " %" if tipo_final == TIPO_PORCENTAJE else ""
        texto_escrito = f"{numero_en_espanol(leida)}{signo} {unidad_final}".strip()
    return MetaLeida(
        texto=texto_escrito or unidad_final,
        cantidad=None if error else leida,
        unidad=unidad_final,
        tipo=tipo_final,
        avisos=tuple(avisos),
        error=error,
    )
