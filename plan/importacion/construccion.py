"""Step 6 of the plan import: the rows read → the preview the person reviews and edits.

`construir` is pure: from the `FilaLeida` rows, the plan's data chosen in the wizard,
the entity's existing offices and the person's edits, it infers every value an
activity needs (componente, subcomponente, code, meta, windows, offices) and names
every problem in Spanish with the sheet's row and column. `plan.servicios_importacion`
writes the preview, all or nothing; `vista_previa_de` reads what `construir` needs.

Codes: a valid code of two or three levels that fits its subcomponente is kept. When
each componente numbers its activities from 1.1 (a whole PAAC on one sheet), the codes
become componente.subcomponente.actividad and the written one is kept as
`codigo_oficial`; a missing, malformed or repeated code is numbered after the
subcomponente's last one (the written one kept too). Consecutive rows with the same
code and activity are one activity with several windows (the app's own plan export
writes one row per window).
"""

import datetime
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

from nucleo.fechas import rango_de_vigencia
from plan.importacion import encabezados as lectura_de_tabla
from plan.importacion import fechas, metas, oficinas
from plan.importacion.encabezados import NOMBRES
from plan.importacion.lectura import leer_archivo
from plan.importacion.tipos import (
    Campo,
    Celda,
    ErrorDeLectura,
    FilaLeida,
    Libro,
    MetaLeida,
    Tabla,
    VentanasLeidas,
)
from plan.models import FORMA_CODIGO, Actividad, ImportacionPlan, Responsable

COMPONENTE_POR_DEFECTO = "Rendición de cuentas"
SUBCOMPONENTE_POR_DEFECTO = "Actividades"
LARGO_META_TEXTO = 300  # Actividad.meta_texto
LARGO_CODIGO_OFICIAL = 40  # Actividad.codigo_oficial
LARGO_NOMBRE_OFICINA = 200  # Responsable.nombre
LARGO_SIGLA = 20  # Responsable.sigla
LARGO_COMPONENTE = 200
LARGO_SUBCOMPONENTE = 250
MAXIMO_NUMERO = 999  # each part of a code

# Edits the preview accepts per activity (the form's field names).
EDITABLES = ("meta_cantidad", "meta_unidad", "meta_tipo", "fechas", "responsables")

MENSAJE_SIN_ACTIVIDAD = "Falta la descripción de la actividad."
MENSAJE_SIN_PRODUCTO = "Falta el producto o la meta de la actividad."
MENSAJE_SIN_RESPONSABLE = "Falta el responsable de la actividad."
MENSAJE_NOMBRE_LARGO = "El nombre «{nombre}…» pasa de 200 caracteres: acórtelo."
MENSAJE_FUERA_DE_RANGO = (
    "La ventana del {inicio:%d/%m/%Y} al {fin:%d/%m/%Y} no cabe en el plan {vigencia}: "
    "sus fechas deben estar entre el {desde:%d/%m/%Y} y el {hasta:%d/%m/%Y}."
)
MENSAJE_SIN_FILAS = "La tabla no tiene ninguna actividad: revise la hoja y la fila de encabezados."
MENSAJE_SIN_COLUMNA_ACTIVIDAD = "Ninguna columna está marcada como «Actividad»."
AVISO_CODIGO_TRES_NIVELES = (
    "Cada componente numera sus actividades desde 1.1: el código {original} pasa a {codigo} "
    "(componente.subcomponente.actividad) y se conserva {original} como código de la entidad."
)
AVISO_CODIGO_NUEVO = (
    "El código «{original}» {motivo}: se numeró {codigo} y se conserva «{original}»."
)
AVISO_CODIGO_ASIGNADO = "Sin código: se numeró {codigo}."
AVISO_PRODUCTO_DE_META = "Sin columna de producto: se toma la meta como producto."
AVISO_META_RECORTADA = "La meta se recortó a 300 caracteres."

_COMPONENTE = re.compile(r"\A\s*componente\s*(\d{1,3})\b\s*[:.\-–—)]?\s*(.*)\Z", re.I | re.S)
_SUBCOMPONENTE = re.compile(
    r"\A\s*(?:sub\s*componente\s*(?:/\s*proceso\s*)?)?(\d{1,3})(?![\d.,]\d)\s*[:.\-–—)]?\s*(.*)\Z",
    re.I | re.S,
)


@dataclass(frozen=True)
class DatosDelPlan:
    """What the wizard's first step asks: the plan the file becomes."""

    entidad: str  # its name: the site's entity, another one, or a new one
    instrumento: str  # plan.models.Instrumento value
    vigencia: int
    titulo: str


@dataclass(frozen=True)
class OficinaPropuesta:
    """A responsable of an activity: an existing office (`pk`) or one to create."""

    escrito: str  # as the sheet names it
    nombre: str
    sigla: str
    tipo: str  # Responsable.Tipo value
    slug: str
    pk: int | None = None  # the existing office; None: new

    @property
    def nueva(self) -> bool:
        return self.pk is None

    @property
    def tipo_etiqueta(self) -> str:
        """«secretaría»: how the preview names the guessed type of a new office."""
        return str(dict(Responsable.Tipo.choices).get(self.tipo, self.tipo)).lower()


@dataclass
class ActividadPrevia:
    """One activity of the preview: every inferred value and every problem."""

    fila: int  # the sheet's (first) row: the key of the person's edits
    filas: list[int]
    componente: str
    componente_orden: int
    subcomponente_numero: int
    subcomponente_nombre: str
    codigo: str
    codigo_oficial: str
    descripcion: str
    producto: str
    meta: MetaLeida
    ventanas: VentanasLeidas
    responsables: list[OficinaPropuesta]
    errores: list[str] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)
    # The preview form's initial values (what the person edits).
    valores: dict[str, str] = field(default_factory=dict)
    editada: bool = False

    @property
    def meta_tipo_etiqueta(self) -> str:
        """«Exacta»: how the preview names the meta's type."""
        return str(dict(Actividad.TipoMeta.choices).get(self.meta.tipo, self.meta.tipo))


@dataclass
class VistaPrevia:
    datos: DatosDelPlan
    actividades: list[ActividadPrevia]
    errores_generales: list[str] = field(default_factory=list)

    @property
    def errores(self) -> list[str]:
        return self.errores_generales + [e for a in self.actividades for e in a.errores]

    @property
    def hay_errores(self) -> bool:
        return bool(self.errores)

    @property
    def filas_con_error(self) -> int:
        return sum(1 for a in self.actividades if a.errores)

    @property
    def componentes(self) -> list[tuple[int, str]]:
        return sorted({(a.componente_orden, a.componente) for a in self.actividades})

    @property
    def subcomponentes(self) -> list[tuple[int, str, int, str]]:
        return sorted(
            {
                (a.componente_orden, a.componente, a.subcomponente_numero, a.subcomponente_nombre)
                for a in self.actividades
            }
        )

    @property
    def oficinas_nuevas(self) -> list[OficinaPropuesta]:
        vistas: dict[str, OficinaPropuesta] = {}
        for actividad in self.actividades:
            for oficina in actividad.responsables:
                if oficina.nueva:
                    vistas.setdefault(oficina.slug, oficina)
        return list(vistas.values())

    @property
    def numero_ventanas(self) -> int:
        return sum(len(a.ventanas.ventanas) for a in self.actividades)


# --- Reading one row's cells -------------------------------------------------------------


def _texto(celda: Celda | None) -> str:
    if celda is None or celda.valor is None:
        return ""
    valor = celda.valor
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return " ".join(str(valor).split())


def _texto_codigo(celda: Celda | None) -> str:
    texto = _texto(celda).strip(" .")
    return texto


class _Lugar:
    """How the messages name a cell: «Fila 12, columna D (Meta o producto)»."""

    def __init__(self, encabezados: dict[str, str]) -> None:
        self.encabezados = encabezados

    def de(self, fila: FilaLeida, campo: Campo) -> str:
        celda = fila.celdas.get(campo)
        if celda is None:
            return f"Fila {fila.numero}"
        encabezado = self.encabezados.get(celda.columna) or NOMBRES[campo]
        return f"Fila {fila.numero}, columna {celda.columna} ({encabezado})"

    def mensaje(self, fila: FilaLeida, campo: Campo, texto: str) -> str:
        return f"{self.de(fila, campo)}: {texto}"


def _numero_y_nombre(texto: str, patron: re.Pattern[str]) -> tuple[int | None, str]:
    encontrado = patron.match(texto)
    if encontrado is None:
        return None, " ".join(texto.split())
    numero = int(encontrado.group(1))
    nombre = " ".join(encontrado.group(2).split()).strip(" :.-–—")
    return (numero if 1 <= numero <= MAXIMO_NUMERO else None), nombre


def _celda_editada(texto: str, original: Celda | None, fila: int) -> Celda:
    return Celda(valor=texto or None, fila=fila, columna=original.columna if original else "")


def _meta(fila: FilaLeida, producto: str, edicion: dict[str, str]) -> MetaLeida:
    c = fila.celdas
    if edicion.keys() & {"meta_cantidad", "meta_unidad", "meta_tipo"}:
        leida = _meta(fila, producto, {})
        cantidad = edicion.get("meta_cantidad", _cantidad_texto(leida.cantidad))
        unidad = edicion.get("meta_unidad", leida.unidad)
        tipo = edicion.get("meta_tipo", leida.tipo)
        return metas.leer_meta_estructurada(
            _celda_editada(cantidad, c.get(Campo.META), fila.numero),
            _celda_editada(unidad, c.get(Campo.META), fila.numero),
            _celda_editada(tipo, c.get(Campo.META), fila.numero),
            c.get(Campo.META),
        )
    if c.keys() & {Campo.META_CANTIDAD, Campo.META_UNIDAD, Campo.META_TIPO}:
        return metas.leer_meta_estructurada(
            c.get(Campo.META_CANTIDAD),
            c.get(Campo.META_UNIDAD),
            c.get(Campo.META_TIPO),
            c.get(Campo.META),
        )
    return metas.leer_meta(c.get(Campo.META), producto=producto)


def _cantidad_texto(cantidad: Decimal | None) -> str:
    if cantidad is None:
        return ""
    texto = format(cantidad.normalize(), "f")
    return texto.replace(".", ",")


def texto_de_ventanas(ventanas: Sequence[tuple[datetime.date, datetime.date]]) -> str:
    """«01/02/2026-31/03/2026; 15/12/2026-15/12/2026»: the windows as the preview edits
    them (and as `fechas.leer_ventanas` reads them back)."""
    return "; ".join(f"{inicio:%d/%m/%Y}-{fin:%d/%m/%Y}" for inicio, fin in ventanas)


def _ventanas(fila: FilaLeida, vigencia: int, edicion: dict[str, str]) -> VentanasLeidas:
    c = fila.celdas
    if "fechas" in edicion:
        original = c.get(Campo.FECHA) or c.get(Campo.FECHA_INICIO)
        celda = _celda_editada(edicion["fechas"], original, fila.numero)
        return fechas.leer_ventanas(celda, vigencia=vigencia)
    if Campo.FECHA in c:
        return fechas.leer_ventanas(c[Campo.FECHA], vigencia=vigencia)
    if Campo.FECHA_INICIO in c or Campo.FECHA_FIN in c:
        return fechas.leer_inicio_fin(
            c.get(Campo.FECHA_INICIO), c.get(Campo.FECHA_FIN), vigencia=vigencia
        )
    return fechas.leer_ventanas(None, vigencia=vigencia)


def _campo_fecha(fila: FilaLeida) -> Campo:
    for campo in (Campo.FECHA, Campo.FECHA_INICIO, Campo.FECHA_FIN):
        if campo in fila.celdas:
            return campo
    return Campo.FECHA


def _campo_meta(fila: FilaLeida) -> Campo:
    for campo in (Campo.META, Campo.META_CANTIDAD, Campo.META_TIPO, Campo.META_UNIDAD):
        if campo in fila.celdas:
            return campo
    return Campo.META


class _Oficinas:
    """Matches the responsables' names to the entity's offices, proposing each new one
    once (the same new office on many rows is one office)."""

    def __init__(self, conocidas: Sequence[oficinas.OficinaConocida], ocupados: Collection[str]):
        self.conocidas = list(conocidas)
        self.por_pk = {c.pk: c for c in conocidas}
        self.nuevas: list[oficinas.OficinaConocida] = []
        self.propuestas: dict[int, OficinaPropuesta] = {}
        self.ocupados = set(ocupados)
        self.siglas = {c.sigla for c in conocidas if c.sigla}

    def separar(self, texto: str) -> list[str]:
        return oficinas.separar(texto, siglas=self.siglas)

    def proponer(self, escrito: str) -> OficinaPropuesta:
        encontrada = oficinas.emparejar(escrito, self.conocidas + self.nuevas)
        if encontrada is not None and encontrada.pk > 0:
            return OficinaPropuesta(
                escrito=escrito,
                nombre=encontrada.nombre,
                sigla=encontrada.sigla,
                tipo="",
                slug="",
                pk=encontrada.pk,
            )
        if encontrada is not None:
            return self.propuestas[encontrada.pk]
        nombre = oficinas.sin_sigla(escrito) or escrito
        sigla = oficinas.sigla_de(escrito)[:LARGO_SIGLA]
        slug = oficinas.slug_de(escrito, sigla=sigla, ocupados=self.ocupados)
        self.ocupados.add(slug)
        propuesta = OficinaPropuesta(
            escrito=escrito,
            nombre=nombre,
            sigla=sigla,
            tipo=oficinas.tipo_de(nombre),
            slug=slug,
        )
        pseudo = -(len(self.nuevas) + 1)  # negative: never an existing office's pk
        self.nuevas.append(oficinas.OficinaConocida(pk=pseudo, nombre=nombre, sigla=sigla))
        self.propuestas[pseudo] = propuesta
        if sigla:
            self.siglas.add(sigla)
        return propuesta


# --- The preview -------------------------------------------------------------------------


@dataclass
class _Fila:
    """A row read, before codes and numbers are settled across the table."""

    leida: FilaLeida
    componente: str
    componente_numero: int | None
    sub_texto: str
    sub_numero: int | None
    sub_nombre: str
    codigo_escrito: str
    previa: ActividadPrevia


def _partes(codigo: str) -> list[int] | None:
    if not FORMA_CODIGO.match(codigo):
        return None
    return [int(p) for p in codigo.split(".")]


def construir(
    leidas: Sequence[FilaLeida],
    *,
    datos: DatosDelPlan,
    conocidas: Sequence[oficinas.OficinaConocida] = (),
    slugs_ocupados: Collection[str] = (),
    encabezados: dict[str, str] | None = None,
    ediciones: dict[str, dict[str, str]] | None = None,
    errores_generales: Sequence[str] = (),
) -> VistaPrevia:
    """The preview of the plan `leidas` becomes. `encabezados`: column letter → the
    sheet's header (for the messages); `ediciones`: «row number» → the preview's edited
    values (`EDITABLES`), re-interpreted as if the sheet said so."""
    lugar = _Lugar(encabezados or {})
    ediciones = ediciones or {}
    registro = _Oficinas(conocidas, slugs_ocupados)
    generales = list(errores_generales)
    if not leidas and not generales:
        generales.append(MENSAJE_SIN_FILAS)

    leidas_: list[_Fila] = []
    for leida in leidas:
        anterior = leidas_[-1] if leidas_ else None
        fila = _leer_fila(leida, datos=datos, lugar=lugar, registro=registro,
                          edicion=ediciones.get(str(leida.numero), {}))  # fmt: skip
        if anterior is not None and _continua(anterior, fila):
            _unir(anterior.previa, fila.previa, lugar, leida, datos.vigencia)
            continue
        leidas_.append(fila)

    _numerar_componentes(leidas_)
    _numerar_subcomponentes(leidas_)
    _asignar_codigos(leidas_)
    return VistaPrevia(
        datos=datos, actividades=[f.previa for f in leidas_], errores_generales=generales
    )


def _leer_fila(
    leida: FilaLeida,
    *,
    datos: DatosDelPlan,
    lugar: _Lugar,
    registro: _Oficinas,
    edicion: dict[str, str],
) -> _Fila:
    c = leida.celdas
    errores: list[str] = []
    avisos: list[str] = []

    componente_numero, componente = _numero_y_nombre(_texto(c.get(Campo.COMPONENTE)), _COMPONENTE)
    if not componente and componente_numero is not None:
        componente = f"Componente {componente_numero}"
    componente = (componente or COMPONENTE_POR_DEFECTO)[:LARGO_COMPONENTE]
    sub_texto = _texto(c.get(Campo.SUBCOMPONENTE))
    sub_numero, sub_nombre = (
        _numero_y_nombre(sub_texto, _SUBCOMPONENTE) if sub_texto else (None, "")
    )

    descripcion = (
        " ".join(str(c[Campo.ACTIVIDAD].valor or "").split()) if Campo.ACTIVIDAD in c else ""
    )
    if not descripcion:
        errores.append(lugar.mensaje(leida, Campo.ACTIVIDAD, MENSAJE_SIN_ACTIVIDAD))
    producto = _texto(c.get(Campo.PRODUCTO))

    meta = _meta(leida, producto, edicion)
    if meta.error:
        errores.append(lugar.mensaje(leida, _campo_meta(leida), meta.error))
    avisos += [lugar.mensaje(leida, _campo_meta(leida), a) for a in meta.avisos]
    if not producto:
        producto = meta.texto
        if producto and Campo.PRODUCTO not in c:
            pass  # Función Pública's «Meta o producto»: one column says both
        elif not producto:
            errores.append(lugar.mensaje(leida, Campo.PRODUCTO, MENSAJE_SIN_PRODUCTO))
    if len(meta.texto) > LARGO_META_TEXTO:
        avisos.append(lugar.mensaje(leida, _campo_meta(leida), AVISO_META_RECORTADA))

    ventanas = _ventanas(leida, datos.vigencia, edicion)
    campo_fecha = _campo_fecha(leida)
    if ventanas.error:
        errores.append(lugar.mensaje(leida, campo_fecha, ventanas.error))
    errores += [
        lugar.mensaje(leida, campo_fecha, e) for e in _fuera_de_rango(ventanas, datos.vigencia)
    ]
    avisos += [lugar.mensaje(leida, campo_fecha, a) for a in ventanas.avisos]

    texto_responsables = edicion.get(
        "responsables", str(c[Campo.RESPONSABLE].valor or "") if Campo.RESPONSABLE in c else ""
    )
    responsables: list[OficinaPropuesta] = []
    for nombre in registro.separar(texto_responsables):
        if len(nombre) > LARGO_NOMBRE_OFICINA:
            errores.append(
                lugar.mensaje(
                    leida, Campo.RESPONSABLE, MENSAJE_NOMBRE_LARGO.format(nombre=nombre[:60])
                )
            )
            continue
        propuesta = registro.proponer(nombre)
        if all(r.slug != propuesta.slug or r.pk != propuesta.pk for r in responsables):
            responsables.append(propuesta)
    if not responsables and not any(MENSAJE_NOMBRE_LARGO[:10] in e for e in errores):
        errores.append(lugar.mensaje(leida, Campo.RESPONSABLE, MENSAJE_SIN_RESPONSABLE))

    previa = ActividadPrevia(
        fila=leida.numero,
        filas=[leida.numero],
        componente=componente,
        componente_orden=0,
        subcomponente_numero=0,
        subcomponente_nombre="",
        codigo="",
        codigo_oficial="",
        descripcion=descripcion,
        producto=producto,
        meta=meta,
        ventanas=ventanas,
        responsables=responsables,
        errores=errores,
        avisos=avisos,
        valores={
            "meta_cantidad": _cantidad_texto(meta.cantidad),
            "meta_unidad": meta.unidad,
            "meta_tipo": meta.tipo,
            "fechas": texto_de_ventanas(ventanas.ventanas) if ventanas.ventanas and not ventanas.error
            else _texto_fechas_escrito(leida),
            "responsables": "; ".join(oficina.escrito for oficina in responsables) if responsables else " ".join(texto_responsables.split()),
        },
        editada=bool(edicion),
    )  # fmt: skip
    return _Fila(
        leida=leida,
        componente=componente,
        componente_numero=componente_numero,
        sub_texto=sub_texto,
        sub_numero=sub_numero,
        sub_nombre=sub_nombre,
        codigo_escrito=_texto_codigo(c.get(Campo.CODIGO)),
        previa=previa,
    )


def _texto_fechas_escrito(leida: FilaLeida) -> str:
    partes = []
    for campo in (Campo.FECHA, Campo.FECHA_INICIO, Campo.FECHA_FIN):
        celda = leida.celdas.get(campo)
        if celda is None or celda.valor is None:
            continue
        valor = celda.valor
        partes.append(f"{valor:%d/%m/%Y}" if isinstance(valor, datetime.date) else _texto(celda))
    return " - ".join(partes) if Campo.FECHA not in leida.celdas else "; ".join(partes)


def _fuera_de_rango(ventanas: VentanasLeidas, vigencia: int) -> list[str]:
    desde, hasta = rango_de_vigencia(vigencia)
    return [
        MENSAJE_FUERA_DE_RANGO.format(
            inicio=inicio, fin=fin, vigencia=vigencia, desde=desde, hasta=hasta
        )
        for inicio, fin in ventanas.ventanas
        if not (desde <= inicio and fin <= hasta)
    ]


def _continua(anterior: _Fila, fila: _Fila) -> bool:
    """Whether `fila` is another window of the activity above (same code and text)."""
    if not fila.codigo_escrito or fila.codigo_escrito != anterior.codigo_escrito:
        return False
    if (fila.componente, fila.sub_texto) != (anterior.componente, anterior.sub_texto):
        return False
    return fila.previa.descripcion in ("", anterior.previa.descripcion)


def _unir(
    previa: ActividadPrevia, otra: ActividadPrevia, lugar: _Lugar, leida: FilaLeida, vigencia: int
) -> None:
    previa.filas.append(otra.fila)
    ventanas = sorted(set(previa.ventanas.ventanas) | set(otra.ventanas.ventanas))
    error = " ".join(e for e in (previa.ventanas.error, otra.ventanas.error) if e) or None
    previa.ventanas = VentanasLeidas(
        ventanas=tuple(ventanas), avisos=previa.ventanas.avisos + otra.ventanas.avisos, error=error
    )
    previa.errores += [
        e for e in otra.errores if e not in previa.errores and "Falta la desc" not in e
    ]
    previa.avisos += otra.avisos
    for oficina in otra.responsables:
        if all(o.slug != oficina.slug or o.pk != oficina.pk for o in previa.responsables):
            previa.responsables.append(oficina)
    previa.responsables = [o for o in previa.responsables]
    if ventanas and not error:
        previa.valores["fechas"] = texto_de_ventanas(ventanas)


def _numerar_componentes(filas: list[_Fila]) -> None:
    """Each componente's `orden`: the number it is written with («Componente 3: …»), or
    the first number of its three-level codes, when every componente has a distinct
    one; else its order of appearance."""
    nombres: list[str] = []
    preferidos: dict[str, set[int]] = {}
    for fila in filas:
        if fila.componente not in preferidos:
            nombres.append(fila.componente)
            preferidos[fila.componente] = set()
        if fila.componente_numero is not None:
            preferidos[fila.componente].add(fila.componente_numero)
    for fila in filas:
        partes = _partes(fila.codigo_escrito)
        if fila.componente_numero is None and partes and len(partes) == 3:
            preferidos[fila.componente].add(partes[0])
    elegidos = [next(iter(preferidos[n])) if len(preferidos[n]) == 1 else None for n in nombres]
    if None in elegidos or len(set(elegidos)) != len(elegidos):
        elegidos = list(range(1, len(nombres) + 1))
    orden = dict(zip(nombres, elegidos, strict=True))
    for fila in filas:
        fila.previa.componente_orden = int(orden[fila.componente] or 1)


def _numerar_subcomponentes(filas: list[_Fila]) -> None:
    """Each subcomponente's number: as written, else from the codes (no subcomponente
    column), else the next free one of its componente in order of appearance."""
    usados: dict[str, set[int]] = {}
    for fila in filas:
        if fila.sub_texto and fila.sub_numero is not None:
            usados.setdefault(fila.componente, set()).add(fila.sub_numero)
    por_nombre: dict[tuple[str, str], int] = {}
    for fila in filas:
        previa = fila.previa
        numero, nombre = fila.sub_numero, fila.sub_nombre
        if not fila.sub_texto:
            partes = _partes(fila.codigo_escrito)
            if partes:
                numero, nombre = partes[-2], ""
            else:
                numero, nombre = None, SUBCOMPONENTE_POR_DEFECTO
        if numero is None:
            clave = (fila.componente, oficinas.clave(nombre))
            if clave not in por_nombre:
                ocupados = usados.setdefault(fila.componente, set())
                por_nombre[clave] = next(
                    n for n in range(1, MAXIMO_NUMERO + 1) if n not in ocupados
                )
                ocupados.add(por_nombre[clave])
            numero = por_nombre[clave]
        previa.subcomponente_numero = numero
        previa.subcomponente_nombre = (nombre or f"Subcomponente {numero}")[:LARGO_SUBCOMPONENTE]
    # One name per subcomponente: the first row's («1» on later rows of a merged group).
    primeros: dict[tuple[str, int], str] = {}
    for fila in filas:
        clave_sub = (fila.componente, fila.previa.subcomponente_numero)
        nombre = fila.previa.subcomponente_nombre
        # A later row's name replaces only a bare «Subcomponente N».
        generico = clave_sub in primeros and primeros[clave_sub].startswith("Subcomponente ")
        if clave_sub not in primeros or (generico and not nombre.startswith("Subcomponente ")):
            primeros[clave_sub] = nombre
    for fila in filas:
        fila.previa.subcomponente_nombre = primeros[
            (fila.componente, fila.previa.subcomponente_numero)
        ]


def _asignar_codigos(filas: list[_Fila]) -> None:
    # A two-level code that fits its subcomponente; its componentes.
    dos_niveles: dict[tuple[int, int], set[str]] = {}
    for fila in filas:
        partes = _partes(fila.codigo_escrito)
        if partes and len(partes) == 2 and partes[0] == fila.previa.subcomponente_numero:
            dos_niveles.setdefault((partes[0], partes[1]), set()).add(fila.componente)
    tres_niveles = any(len(componentes) > 1 for componentes in dos_niveles.values())

    usados: set[str] = set()
    ultimos: dict[tuple[int, int], int] = {}  # (componente orden, sub) → last activity number
    pendientes: list[tuple[_Fila, str]] = []
    for fila in filas:
        previa = fila.previa
        c, s = previa.componente_orden, previa.subcomponente_numero
        escrito = fila.codigo_escrito
        partes = _partes(escrito)
        codigo, motivo = None, ""
        if partes is None:
            motivo = "no tiene la forma 1.1 o 1.1.1" if escrito else ""
        elif len(partes) == 2 and partes[0] != s:
            motivo = f"no corresponde al subcomponente {s}"
        elif len(partes) == 3 and partes[:2] != [c, s]:
            motivo = f"no corresponde al componente {c} y subcomponente {s}"
        elif len(partes) == 2 and tres_niveles:
            codigo = f"{c}.{s}.{partes[1]}"
            previa.avisos.append(AVISO_CODIGO_TRES_NIVELES.format(original=escrito, codigo=codigo))
        else:
            codigo = escrito
        if codigo is not None and codigo in usados:
            codigo, motivo = None, "se repite en el plan"
        if codigo is None:
            pendientes.append((fila, motivo))
            continue
        usados.add(codigo)
        previa.codigo = codigo
        previa.codigo_oficial = escrito if escrito != codigo else ""
        numero = int(codigo.rsplit(".", 1)[1])
        ultimos[(c, s)] = max(ultimos.get((c, s), 0), numero)
    for fila, motivo in pendientes:
        previa = fila.previa
        c, s = previa.componente_orden, previa.subcomponente_numero
        numero = ultimos.get((c, s), 0) + 1
        ultimos[(c, s)] = numero
        codigo = (
            f"{c}.{s}.{numero}"
            if tres_niveles or _usa_tres(filas, fila.componente)
            else f"{s}.{numero}"
        )
        usados.add(codigo)
        previa.codigo = codigo
        escrito = fila.codigo_escrito
        previa.codigo_oficial = escrito[:LARGO_CODIGO_OFICIAL]
        if escrito:
            previa.avisos.append(
                AVISO_CODIGO_NUEVO.format(original=escrito, motivo=motivo, codigo=codigo)
            )
        else:
            previa.avisos.append(AVISO_CODIGO_ASIGNADO.format(codigo=codigo))
        if numero > MAXIMO_NUMERO:
            previa.errores.append(
                f"Fila {previa.fila}: el subcomponente {s} pasa de 999 actividades."
            )


def _usa_tres(filas: list[_Fila], componente: str) -> bool:
    return any(
        len(p) == 3
        for f in filas
        if f.componente == componente and (p := _partes(f.codigo_escrito) or [])
    )


# --- What `construir` needs from the database -------------------------------------------


def oficinas_conocidas(entidad_nombre: str) -> list[oficinas.OficinaConocida]:
    """The offices of the entity called `entidad_nombre` (none: a new entity)."""
    return [
        oficinas.OficinaConocida(pk=pk, nombre=nombre, sigla=sigla)
        for pk, nombre, sigla in Responsable.objects.filter(
            entidad__nombre=entidad_nombre
        ).values_list("pk", "nombre", "sigla")
    ]


def slugs_ocupados() -> set[str]:
    return set(Responsable.objects.values_list("slug", flat=True))


# --- A stored import (plan.models.ImportacionPlan) → its table and its preview ---------


def datos_de(importacion: ImportacionPlan) -> DatosDelPlan:
    return DatosDelPlan(
        entidad=importacion.entidad,
        instrumento=importacion.instrumento,
        vigencia=importacion.vigencia,
        titulo=importacion.titulo,
    )


def libro_de(importacion: ImportacionPlan) -> Libro:
    """The uploaded file read again (ErrorDeLectura if it cannot be: the message shown)."""
    with importacion.archivo.open("rb") as archivo:
        contenido = archivo.read()
    return leer_archivo(contenido, nombre_archivo=importacion.nombre_archivo)


def mapeo_de(importacion: ImportacionPlan, tabla: Tabla) -> dict[int, Campo | None]:
    """The mapping the person confirmed (step 2), else the one proposed."""
    if not importacion.mapeo:
        return dict(tabla.mapeo)
    return {
        int(indice): Campo(valor) if valor else None
        for indice, valor in importacion.mapeo.items()
        if int(indice) < len(tabla.encabezados)
    }


def tabla_de(importacion: ImportacionPlan, libro: Libro) -> Tabla:
    return lectura_de_tabla.encontrar_tabla(libro, hoja=importacion.hoja or None)


def vista_previa_de(importacion: ImportacionPlan) -> VistaPrevia:
    """The preview of a stored import: its file read with its sheet, mapping and edits
    (three queries: the entity's offices, the slugs taken, nothing else)."""
    datos = datos_de(importacion)
    try:
        libro = libro_de(importacion)
        tabla = tabla_de(importacion, libro)
    except ErrorDeLectura as error:
        return VistaPrevia(datos=datos, actividades=[], errores_generales=[str(error)])
    mapeo = mapeo_de(importacion, tabla)
    generales = []
    if Campo.ACTIVIDAD not in mapeo.values():
        generales.append(MENSAJE_SIN_COLUMNA_ACTIVIDAD)
        leidas: list[FilaLeida] = []
    else:
        leidas = lectura_de_tabla.filas(libro, tabla, mapeo=mapeo)
    encabezados = {
        get_column_letter(indice + 1): texto for indice, texto in enumerate(tabla.encabezados)
    }
    return construir(
        leidas,
        datos=datos,
        conocidas=oficinas_conocidas(importacion.entidad),
        slugs_ocupados=slugs_ocupados(),
        encabezados=encabezados,
        ediciones=importacion.ediciones or {},
        errores_generales=generales,
    )
