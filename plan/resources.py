"""Import and export of the plan (django-import-export) with Spanish columns.

An activity is identified by its plan («Vigencia» + «Entidad») and its
«Código».  Its responsible offices and date windows travel in one cell each
(«Responsables»: names separated by «;», in order; «Ventanas»:
«dd/mm/aaaa-dd/mm/aaaa» separated by «;») and are written after the activity
is saved, touching only what changed.

Every import runs in one transaction and any bad row rolls the whole file
back, in the dry run and in the confirmation step alike.

An import of activities reads what it looks up once (`Indice`: plans, subcomponentes,
offices, the plans' activities with their offices and windows), validates each row in
Python with the model's own rules and writes in bulk (django-import-export's
``use_bulk``, with history rows), so its number of queries does not grow with the rows.
"""

import contextlib
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import Result
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from nucleo.hojas import sin_prefijo, texto_seguro
from nucleo.models import Entidad
from plan.importacion import oficinas
from plan.importacion.oficinas import clave
from plan.models import (
    CODIGO_ACTIVIDAD,
    Actividad,
    ActividadResponsable,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

VIGENCIA = "Vigencia"
ENTIDAD = "Entidad"
SUBCOMPONENTE = "Subcomponente"
CODIGO = "Código"
RESPONSABLES = "Responsables"
VENTANAS = "Ventanas"
SEPARADOR = "; "
FORMATO_FECHA = "%d/%m/%Y"
PATRON_VENTANA = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})\s*[-–—]\s*(\d{1,2}/\d{1,2}/\d{4})$")
EJEMPLO_VENTANA = "dd/mm/aaaa-dd/mm/aaaa, por ejemplo 01/02/2022-04/03/2022"


# The header is the spreadsheet's row 1: data row n (import-export counts from 1) is
# row n + 1 of the sheet, the number the user sees in Excel or LibreOffice.
FILAS_DE_ENCABEZADO = 1


def fila_de_la_hoja(numero: int) -> int:
    return numero + FILAS_DE_ENCABEZADO


# --- small helpers -----------------------------------------------------------


def _texto(valor) -> str:
    # A cell exported by us as «'=…» (nucleo.hojas) comes back as it was written.
    return "" if valor is None else sin_prefijo(str(valor).strip())


def _partes(valor) -> list[str]:
    """The non-empty pieces of a «;»-separated cell."""
    return [parte.strip() for parte in _texto(valor).split(";") if parte.strip()]


def _entero(valor, nombre: str) -> int:
    texto = _texto(valor)
    if not texto:
        raise ValueError(f"{nombre} es obligatorio.")
    try:
        numero = Decimal(texto)
    except InvalidOperation:
        raise ValueError(f"{nombre} debe ser un número entero, no «{texto}».") from None
    if numero != numero.to_integral_value():
        raise ValueError(f"{nombre} debe ser un número entero, no «{texto}».")
    return int(numero)


def _es_numero(valor) -> bool:
    return isinstance(valor, int | float | Decimal) and not isinstance(valor, bool)


def _fecha(texto: str) -> date:
    try:
        return datetime.strptime(texto, FORMATO_FECHA).date()
    except ValueError:
        raise ValueError(f"La fecha «{texto}» no existe.") from None


def _cantidad_desde_texto(texto: str) -> Decimal:
    """«15000», «15.000», «2,5» or «2.5» → Decimal (Colombian «.» groups thousands)."""
    limpio = texto.replace(" ", "").replace("\xa0", "")
    if "," in limpio:
        limpio = limpio.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", limpio):
        limpio = limpio.replace(".", "")
    try:
        cantidad = Decimal(limpio)
    except InvalidOperation:
        raise ValueError(f"«{texto}» no es una cantidad válida.") from None
    if not cantidad.is_finite():
        raise ValueError(f"«{texto}» no es una cantidad válida.")
    return cantidad


def prefetch_asignaciones() -> Prefetch:
    """The responsables of each activity, in their order, with one query."""
    return Prefetch(
        "asignaciones",
        queryset=ActividadResponsable.objects.select_related("responsable").order_by("orden", "id"),
    )


def responsables_de(actividad: Actividad) -> list[Responsable]:
    if actividad.pk is None:
        return []
    if hasattr(actividad, "_responsables_actuales"):  # read by the import's Indice
        return list(actividad._responsables_actuales)
    if "asignaciones" in getattr(actividad, "_prefetched_objects_cache", {}):
        return [asignacion.responsable for asignacion in actividad.asignaciones.all()]
    return list(
        Responsable.objects.filter(asignaciones__actividad=actividad).order_by(
            "asignaciones__orden", "asignaciones__id"
        )
    )


def ventanas_de(actividad: Actividad) -> list[tuple[date, date]]:
    if actividad.pk is None:
        return []
    if hasattr(actividad, "_ventanas_actuales"):  # read by the import's Indice
        return list(actividad._ventanas_actuales)
    return sorted((ventana.inicio, ventana.fin) for ventana in actividad.ventanas.all())


def guardar_responsables(
    cambios: list[tuple[Actividad, list[Responsable]]],
    actuales: dict[int, list[ActividadResponsable]],
) -> None:
    """Make each activity's responsables exactly the given ones, in order, touching only
    what changed (an office kept keeps its row); a fixed number of queries per call."""
    borrar: list[int] = []
    crear: list[ActividadResponsable] = []
    reordenar: list[ActividadResponsable] = []
    for actividad, nuevos in cambios:
        suyas = {a.responsable_id: a for a in actuales.get(actividad.pk, [])}
        ids = [responsable.pk for responsable in nuevos]
        borrar += [a.pk for r, a in suyas.items() if r not in ids]
        for orden, responsable_id in enumerate(ids, start=1):
            asignacion = suyas.get(responsable_id)
            if asignacion is None:
                crear.append(
                    ActividadResponsable(
                        actividad=actividad, responsable_id=responsable_id, orden=orden
                    )
                )
            elif asignacion.orden != orden:
                asignacion.orden = orden
                reordenar.append(asignacion)
    if borrar:  # one history row per deleted office (simple_history's signal)
        ActividadResponsable.objects.filter(pk__in=borrar).delete()
    if reordenar:
        bulk_update_with_history(reordenar, ActividadResponsable, ["orden"])
    if crear:
        bulk_create_with_history(crear, ActividadResponsable)


def guardar_ventanas(
    cambios: list[tuple[Actividad, list[tuple[date, date]]]],
    actuales: dict[int, list[Ventana]],
) -> None:
    """Make each activity's windows exactly the given ones; windows kept keep their id."""
    borrar: list[int] = []
    crear: list[Ventana] = []
    for actividad, nuevas in cambios:
        pendientes = list(nuevas)
        for ventana in actuales.get(actividad.pk, []):
            if (ventana.inicio, ventana.fin) in pendientes:
                pendientes.remove((ventana.inicio, ventana.fin))
            else:
                borrar.append(ventana.pk)
        crear += [
            Ventana(actividad=actividad, inicio=inicio, fin=fin) for inicio, fin in pendientes
        ]
    if borrar:
        Ventana.objects.filter(pk__in=borrar).delete()
    if crear:
        bulk_create_with_history(crear, Ventana)


# --- what an import reads, once -------------------------------------------------------


class Instantanea(tuple):
    """What the `Indice` read, never changed: import-export deep-copies each row's
    instance as its «original» (for the differences), and copying these offices (each
    with its entity) for every row was a third of the preview of an unchanged file."""

    def __deepcopy__(self, memo):
        return self


class Indice:
    """Everything an import of activities looks up, read with a fixed number of queries
    (plans, subcomponentes, offices, the plans' activities with their offices and windows)
    so that no row queries the database: issue 17 measured 25 queries per row."""

    def __init__(self, planes: list[Plan]):
        self.planes: dict[tuple[int, str], list[Plan]] = {}
        for plan in planes:
            self.planes.setdefault((plan.vigencia, plan.entidad.nombre.casefold()), []).append(plan)
        self.subcomponentes: dict[tuple[int, int], list[Subcomponente]] = {}
        for subcomponente in Subcomponente.objects.filter(
            componente__plan__in=planes
        ).select_related("componente"):
            clave_sub = (subcomponente.componente.plan_id, subcomponente.numero)
            self.subcomponentes.setdefault(clave_sub, []).append(subcomponente)
        self.oficinas: dict[str, list[Responsable]] = {}
        self.oficina_por_id: dict[int, Responsable] = {}
        for oficina in Responsable.objects.select_related("entidad"):
            self.oficinas.setdefault(oficina.entidad.nombre.casefold(), []).append(oficina)
            self.oficina_por_id[oficina.pk] = oficina
        self._indices_de_oficinas: dict[str, dict[str, Responsable]] = {}
        self.actividades: dict[tuple[int, str], Actividad] = {
            (actividad.plan_id, actividad.codigo): actividad
            for actividad in Actividad.objects.filter(plan__in=planes).select_related(
                "plan__entidad", "subcomponente__componente"
            )
        }
        self.asignaciones: dict[int, list[ActividadResponsable]] = {}
        for asignacion in ActividadResponsable.objects.filter(actividad__plan__in=planes).order_by(
            "actividad_id", "orden", "id"
        ):
            self.asignaciones.setdefault(asignacion.actividad_id, []).append(asignacion)
        self.ventanas: dict[int, list[Ventana]] = {}
        for ventana in Ventana.objects.filter(actividad__plan__in=planes).order_by("pk"):
            self.ventanas.setdefault(ventana.actividad_id, []).append(ventana)
        for actividad in self.actividades.values():
            actividad._responsables_actuales = Instantanea(  # type: ignore[attr-defined]
                self.oficina_por_id[a.responsable_id]
                for a in self.asignaciones.get(actividad.pk, [])
            )
            actividad._ventanas_actuales = Instantanea(  # type: ignore[attr-defined]
                sorted((v.inicio, v.fin) for v in self.ventanas.get(actividad.pk, []))
            )

    @classmethod
    def de_las_filas(cls, dataset) -> "Indice":
        """The plans the file names (by its «Vigencia»), with what they hold."""
        anios = set()
        for valor in dataset[VIGENCIA] if VIGENCIA in (dataset.headers or []) else []:
            with contextlib.suppress(ValueError):  # the row reports a wrong vigencia
                anios.add(_entero(valor, "La vigencia"))
        return cls(list(Plan.objects.filter(vigencia__in=anios).select_related("entidad")))

    @classmethod
    def completo(cls) -> "Indice":
        return cls(list(Plan.objects.select_related("entidad")))

    def plan(self, vigencia, entidad) -> Plan:
        anio = _entero(vigencia, "La vigencia")
        nombre = _texto(entidad)
        if not nombre:
            raise ValueError(f"Falta la entidad del plan (columna «{ENTIDAD}»).")
        planes = self.planes.get((anio, nombre.casefold()), [])
        if len(planes) > 1:
            raise ValueError(
                f"«{nombre}» tiene varios planes para la vigencia {anio}: use el asistente "
                "de importación del plan, que elige el plan."
            )
        if not planes:
            raise ValueError(f"No existe un plan de «{nombre}» para la vigencia {anio}.")
        return planes[0]

    def oficinas_de(self, entidad: str) -> dict[str, Responsable]:
        """Name or unambiguous sigla (casefolded) → office, of one entity only: another
        entity may have its own «Secretaría de Gobierno» or «SG»."""
        clave_entidad = entidad.casefold()
        if clave_entidad not in self._indices_de_oficinas:
            todos = self.oficinas.get(clave_entidad, [])
            siglas = [r.sigla.casefold() for r in todos if r.sigla]
            indice = {
                r.sigla.casefold(): r
                for r in todos
                if r.sigla and siglas.count(r.sigla.casefold()) == 1
            }
            indice.update({r.nombre.casefold(): r for r in todos})
            self._indices_de_oficinas[clave_entidad] = indice
        return self._indices_de_oficinas[clave_entidad]


class ConIndice:
    """A widget that looks things up in its resource's `Indice` (set by `before_import`;
    built from the whole database when the widget is used alone)."""

    indice: Indice | None = None

    def _indice(self) -> Indice:
        if self.indice is None:
            self.indice = Indice.completo()
        return self.indice


# --- widgets -----------------------------------------------------------------


class TextoWidget(widgets.CharWidget):
    """Text without surrounding blanks."""

    def clean(self, value, row=None, **kwargs):
        return _texto(value)


class OpcionesWidget(widgets.Widget):
    """A choice written as its Spanish label («Porcentaje») or its value («porcentaje»)."""

    def __init__(self, opciones, nombre: str):
        super().__init__()
        self.opciones = [(valor, str(etiqueta)) for valor, etiqueta in opciones]
        self.nombre = nombre

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        for valor, etiqueta in self.opciones:
            if texto.casefold() in (valor.casefold(), etiqueta.casefold()):
                return valor
        validas = ", ".join(f"«{etiqueta}»" for _, etiqueta in self.opciones)
        problema = (
            f"«{texto}» no es un {self.nombre} válido" if texto else f"Falta el {self.nombre}"
        )
        raise ValueError(f"{problema}. Use uno de: {validas}.")

    def render(self, value, obj=None, **kwargs):
        return dict(self.opciones).get(value, value or "")


class PlanWidget(ConIndice, widgets.Widget):
    """The plan, written as its vigencia; the entidad comes from the «Entidad» column."""

    def clean(self, value, row=None, **kwargs):
        return self._indice().plan(value, (row or {}).get(ENTIDAD))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.vigencia if kwargs.get("force_native_type") else str(value.vigencia)


class SubcomponenteWidget(ConIndice, widgets.Widget):
    """The subcomponente, written as its número inside the row's plan.

    A whole PAAC numbers its subcomponentes from 1 in each componente: a three-level code
    (2.1.3) says which componente (its `orden`); a two-level one only fits a plan where
    the number is not repeated.
    """

    def clean(self, value, row=None, **kwargs):
        row = row or {}
        numero = _entero(value, "El número de subcomponente")
        indice = self._indice()
        try:
            plan = indice.plan(row.get(VIGENCIA), row.get(ENTIDAD))
        except ValueError:
            raise ValueError("Corrija primero la vigencia y la entidad del plan.") from None
        candidatos = indice.subcomponentes.get((plan.pk, numero), [])
        codigo = _texto(row.get(CODIGO))
        tres_niveles = bool(CODIGO_ACTIVIDAD.regex.match(codigo)) and codigo.count(".") == 2
        if tres_niveles:
            orden = int(codigo.split(".")[0])
            candidatos = [s for s in candidatos if s.componente.orden == orden]
        encontrados = sorted(candidatos, key=lambda s: (s.componente.orden, s.componente_id))
        if not encontrados:
            donde = f" en el componente {codigo.split('.')[0]}" if tres_niveles else ""
            raise ValueError(f"El plan {plan.vigencia} no tiene subcomponente {numero}{donde}.")
        if len(encontrados) > 1:
            componentes = ", ".join(
                f"{s.componente.orden}. «{s.componente.nombre}»" for s in encontrados
            )
            raise ValueError(
                f"El subcomponente {numero} está en varios componentes del plan "
                f"{plan.vigencia} ({componentes}): escriba el código con tres niveles, "
                f"componente.subcomponente.actividad (por ejemplo «{encontrados[-1].componente.orden}"
                f".{numero}.1»), para decir a cuál pertenece la actividad."
            )
        return encontrados[0]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.numero if kwargs.get("force_native_type") else str(value.numero)


class CodigoWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if _es_numero(value):
            raise ValueError(
                f"El código «{value}» llegó como número (la hoja de cálculo pudo cambiar "
                "1.10 por 1.1): escríbalo como texto."
            )
        codigo = _texto(value)
        if not codigo:
            raise ValueError("El código de la actividad es obligatorio.")
        if not CODIGO_ACTIVIDAD.regex.match(codigo):
            raise ValueError(f"«{codigo}»: {CODIGO_ACTIVIDAD.message}")
        return codigo


TIPO_DE_META = "Tipo de meta"


def _es_tipo(row, tipo: Actividad.TipoMeta) -> bool:
    """Whether the row's «Tipo de meta» is `tipo` (written as its value or its label)."""
    texto = _texto((row or {}).get(TIPO_DE_META)).casefold()
    return bool(texto) and texto in (tipo.value, str(tipo.label).casefold())


def _es_cualitativa(row) -> bool:
    return _es_tipo(row, Actividad.TipoMeta.CUALITATIVA)


def mensaje_porcentaje_de_excel(cantidad: Decimal) -> str:
    return (
        f"Una meta en porcentaje de {cantidad:n} parece una celda de porcentaje de Excel "
        "(que guarda 100 % como 1): escriba la meta como un número de 0 a 100, por ejemplo "
        "100 para el 100 %."
    )


class CantidadWidget(widgets.Widget):
    """A positive quantity; exported without thousands separator and with «,» decimals.
    Empty in a qualitative meta (it has none: its progress is a % of completion)."""

    def clean(self, value, row=None, **kwargs):
        if _es_numero(value):
            cantidad = Decimal(str(value))
        else:
            texto = _texto(value)
            if not texto:
                if _es_cualitativa(row):
                    return None
                raise ValueError("La cantidad de la meta es obligatoria.")
            cantidad = _cantidad_desde_texto(texto.removesuffix("%").strip())
        # The admin's XLSX reads a «%» cell as typed (admin.XLSXConPorcentajes); a 1 that
        # still arrives (a CSV, another reader) is most likely such a cell: 100 %, not 1 %.
        if _es_tipo(row, Actividad.TipoMeta.PORCENTAJE) and 0 < cantidad <= 1:
            raise ValueError(mensaje_porcentaje_de_excel(cantidad))
        return cantidad

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        entero = value == value.to_integral_value()
        if kwargs.get("force_native_type"):
            return int(value) if entero else value
        return str(int(value)) if entero else format(value.normalize(), "f").replace(".", ",")


class ResponsablesWidget(ConIndice, widgets.Widget):
    """Office names (or their siglas) separated by «;», in order."""

    def clean(self, value, row=None, **kwargs):
        nombres = _partes(value)
        if not nombres:
            raise ValueError("Indique al menos una dependencia responsable.")
        indice = self._indice().oficinas_de(_texto((row or {}).get(ENTIDAD)))
        desconocidos = [nombre for nombre in nombres if nombre.casefold() not in indice]
        if desconocidos:
            raise ValueError(self._mensaje_desconocidos(desconocidos))
        elegidos = [indice[nombre.casefold()] for nombre in nombres]
        repetidos = {r.nombre for r in elegidos if elegidos.count(r) > 1}
        if repetidos:
            lista = ", ".join(f"«{nombre}»" for nombre in sorted(repetidos))
            raise ValueError(f"Dependencia repetida en la misma actividad: {lista}.")
        return elegidos

    def render(self, value, obj=None, **kwargs):
        return SEPARADOR.join(responsable.nombre for responsable in value or [])

    @staticmethod
    def _mensaje_desconocidos(nombres: list[str]) -> str:
        lista = ", ".join(f"«{nombre}»" for nombre in nombres)
        inicio = "No existe la dependencia" if len(nombres) == 1 else "No existen las dependencias"
        return (
            f"{inicio} {lista}. Escriba el nombre tal como aparece en «Responsables» "
            "(o su sigla) y separe varias con «;»."
        )


class VentanasWidget(widgets.Widget):
    """Date windows «dd/mm/aaaa-dd/mm/aaaa» separated by «;» → sorted (inicio, fin) pairs."""

    def clean(self, value, row=None, **kwargs):
        partes = _partes(value)
        if not partes:
            raise ValueError(f"Indique al menos una ventana de fechas ({EJEMPLO_VENTANA}).")
        ventanas, errores = [], []
        for parte in partes:
            try:
                ventanas.append(self._ventana(parte))
            except ValueError as error:
                errores.append(str(error))
        if errores:
            raise ValueError(" ".join(errores))
        if len(set(ventanas)) != len(ventanas):
            raise ValueError("Hay una ventana de fechas repetida.")
        return sorted(ventanas)

    def render(self, value, obj=None, **kwargs):
        return SEPARADOR.join(
            f"{inicio:{FORMATO_FECHA}}-{fin:{FORMATO_FECHA}}" for inicio, fin in value or []
        )

    @staticmethod
    def _ventana(texto: str) -> tuple[date, date]:
        coincide = PATRON_VENTANA.match(texto)
        if not coincide:
            raise ValueError(
                f"«{texto}» no es una ventana de fechas válida: use {EJEMPLO_VENTANA}."
            )
        inicio, fin = (_fecha(parte) for parte in coincide.groups())
        if fin < inicio:
            raise ValueError(
                f"En la ventana «{texto}» la fecha final es anterior a la fecha de inicio."
            )
        return inicio, fin


# --- fields ------------------------------------------------------------------


class PendienteField(fields.Field):
    """A value written after the activity is saved.

    On import the cleaned value waits on the instance (``_pendiente_<attr>``) so
    that ``skip_row`` can compare it with what the database holds.
    """

    def __init__(self, leer, **kwargs):
        super().__init__(**kwargs)
        self.leer = leer

    @property
    def pendiente(self) -> str:
        return f"_pendiente_{self.attribute}"

    def get_value(self, instance):
        pendiente = getattr(instance, self.pendiente, None)
        return self.leer(instance) if pendiente is None else pendiente

    def save(self, instance, row, is_m2m=False, **kwargs):
        setattr(instance, self.pendiente, self.clean(row, **kwargs))


# --- resources ---------------------------------------------------------------


class ResultadoEnFilasDeHoja(Result):
    """An import result whose rows carry the spreadsheet's numbers (header = row 1)."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(fila_de_la_hoja(number), row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(fila_de_la_hoja(number), row, errors)

    def row_errors(self):
        return [
            (fila_de_la_hoja(i), row.errors) for i, row in enumerate(self.rows, 1) if row.errors
        ]


class ExportacionSeguraMixin:
    """Downloads (CSV, XLSX…) never carry a text that a spreadsheet would run as a formula.

    import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is not used: it only
    deletes a leading «=» (not «+», «-», «@», tab or CR) and turns every cell, numbers
    included, into text.

    The XLSX sheet is named after its data (`titulo_hoja`), not «Tablib Dataset».
    """

    titulo_hoja = ""

    def export(self, *args, **kwargs):
        dataset = super().export(*args, **kwargs)
        dataset.title = self.titulo_hoja or str(self._meta.model._meta.verbose_name_plural)
        return dataset

    def export_field(self, field, instance, **kwargs):
        return texto_seguro(super().export_field(field, instance, **kwargs))


class ImportacionSeguraMixin:
    """All-or-nothing imports with Spanish column names in every error."""

    columnas_obligatorias: tuple[str, ...] = ()
    columnas_clave: tuple[str, ...] = ()

    def get_result_class(self):
        return ResultadoEnFilasDeHoja

    def import_data(self, dataset, **kwargs):
        # Any invalid row rolls back the whole file, also in the confirm step.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        self._repetidas = {}
        self._normalizar_encabezados(dataset)
        faltan = [c for c in self.columnas_obligatorias if c not in dataset.headers]
        if faltan:
            while len(dataset):  # nothing to import: report only the missing columns
                del dataset[-1]
            raise ValueError(
                f"Faltan columnas en el archivo: {', '.join(faltan)}. La primera fila de la "
                "hoja debe tener los encabezados, escritos así (las tildes y mayúsculas no "
                "importan)."
            )
        self._quitar_filas_vacias_finales(dataset)
        self._repetidas = self._filas_repetidas(dataset)

    def before_import_row(self, row, **kwargs):
        otras = getattr(self, "_repetidas", {}).get(kwargs.get("row_number"))
        if otras:
            numeros = ", ".join(str(fila_de_la_hoja(otra)) for otra in otras)
            filas = ("la fila " if len(otras) == 1 else "las filas ") + numeros
            raise ValidationError(
                {NON_FIELD_ERRORS: f"Esta fila está repetida; vea también {filas}."}
            )

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # import_instance() reports the bad identifier for this row

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            self.validar(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            columnas = {f.attribute: f.column_name for f in self.fields.values()}
            raise ValidationError(
                {columnas.get(campo, campo): lista for campo, lista in error.error_dict.items()}
            ) from error

    def validar(self, instance, import_validation_errors, validate_unique):
        """The row's errors and the model's (`full_clean`), by field name."""
        super().validate_instance(instance, import_validation_errors, validate_unique)  # type: ignore[misc]

    def _normalizar_encabezados(self, dataset):
        # The headers we export («Código»), in any case; also the field names of older
        # files («codigo», «meta_cantidad»).
        # Accents, case, spaces and punctuation ignored: «Codigo», «CÓDIGO», «Meta
        # cantidad.» are the columns people mean.
        conocidas = {clave(nombre): f.column_name for nombre, f in self.fields.items()}
        conocidas.update({clave(f.column_name): f.column_name for f in self.fields.values()})
        dataset.headers = [
            conocidas.get(clave(_texto(h)), _texto(h)) for h in dataset.headers or []
        ]

    @staticmethod
    def _quitar_filas_vacias_finales(dataset):
        while len(dataset) and all(_texto(valor) == "" for valor in dataset[-1]):
            del dataset[-1]

    def _filas_repetidas(self, dataset) -> dict[int, list[int]]:
        filas: dict[tuple, list[int]] = {}
        for numero, fila in enumerate(dataset.dict, start=1):
            clave = tuple(_texto(fila.get(columna)).casefold() for columna in self.columnas_clave)
            if all(clave):
                filas.setdefault(clave, []).append(numero)
        return {
            numero: [otra for otra in grupo if otra != numero]
            for grupo in filas.values()
            if len(grupo) > 1
            for numero in grupo
        }


class _SinDiferencias:
    """The confirmation shows no row-by-row differences (it redirects): not computed."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class EscrituraMasivaMixin:
    """Bulk writes (django-import-export's ``use_bulk``: no savepoint per row) that keep
    the history rows a `save()` writes; `validar` must have done what `save()` would
    (derived fields) without a query per row."""

    def _guardar_pendientes(self, instancias) -> None:
        """What is written after a batch is saved (an activity's offices and windows)."""

    def import_data(self, dataset, **kwargs):
        self._con_diferencias = bool(kwargs.get("dry_run"))
        return super().import_data(dataset, **kwargs)  # type: ignore[misc]

    def get_diff_class(self):
        # Only the preview (the dry run) shows each row's differences.
        if getattr(self, "_con_diferencias", True):
            return super().get_diff_class()  # type: ignore[misc]
        return _SinDiferencias

    def get_bulk_update_fields(self):
        concretos = {campo.name for campo in self._meta.model._meta.concrete_fields}
        return [
            campo.attribute
            for campo in self.get_import_fields()
            if campo.attribute in concretos
            and not campo.readonly
            and campo.attribute not in self.get_import_id_fields()  # what identifies the row
        ]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._escribir(
            self.create_instances, using_transactions, dry_run, raise_errors, batch_size, result
        )

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._escribir(
            self.update_instances, using_transactions, dry_run, raise_errors, batch_size, result
        )

    def _escribir(self, instancias, using_transactions, dry_run, raise_errors, batch_size, result):
        """Insert or update a batch with its history rows (who imported, from the
        request, as a `save()` would), then what hangs from it (`_guardar_pendientes`).

        The dry run (the preview) writes nothing at all: every row went through the
        model's rules in `validar` (without a query per row), which mirror the
        database's constraints; the confirmation writes, and the database keeps the last
        word (an IntegrityError rolls the whole file back).

        Offices and windows that a row removes are deleted with one query per batch,
        but simple_history's signal adds one history row per deleted object."""
        if not instancias or dry_run:
            instancias.clear()
            return
        try:
            with transaction.atomic():
                nuevas = [a for a in instancias if a.pk is None]
                actualizadas = [a for a in instancias if a.pk is not None]
                if nuevas:
                    bulk_create_with_history(nuevas, self._meta.model, batch_size=batch_size)
                if actualizadas:
                    bulk_update_with_history(
                        actualizadas,
                        self._meta.model,
                        self.get_bulk_update_fields(),
                        batch_size=batch_size,
                    )
                self._guardar_pendientes(instancias)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            instancias.clear()


class CargadorDelIndice(BaseInstanceLoader):
    """Finds a row's object in what its resource read once (`instancia_existente`), not
    with a query per row."""

    def get_instance(self, row):
        return self.resource.instancia_existente(row)


class ActividadResource(
    EscrituraMasivaMixin, ExportacionSeguraMixin, ImportacionSeguraMixin, resources.ModelResource
):
    titulo_hoja = "Actividades"
    plan = fields.Field(attribute="plan", column_name=VIGENCIA, widget=PlanWidget())
    entidad = fields.Field(attribute="plan__entidad", column_name=ENTIDAD, readonly=True)
    subcomponente = fields.Field(
        attribute="subcomponente", column_name=SUBCOMPONENTE, widget=SubcomponenteWidget()
    )
    codigo = fields.Field(attribute="codigo", column_name=CODIGO, widget=CodigoWidget())
    descripcion = fields.Field(
        attribute="descripcion", column_name="Actividad", widget=TextoWidget()
    )
    producto = fields.Field(attribute="producto", column_name="Producto", widget=TextoWidget())
    meta_texto = fields.Field(attribute="meta_texto", column_name="Meta", widget=TextoWidget())
    meta_cantidad = fields.Field(
        attribute="meta_cantidad", column_name="Meta cantidad", widget=CantidadWidget()
    )
    meta_unidad = fields.Field(
        attribute="meta_unidad", column_name="Meta unidad", widget=TextoWidget()
    )
    meta_tipo = fields.Field(
        attribute="meta_tipo",
        column_name=TIPO_DE_META,
        widget=OpcionesWidget(Actividad.TipoMeta.choices, "tipo de meta"),
    )
    columnas_clave = (VIGENCIA, ENTIDAD, CODIGO)
    responsables = PendienteField(
        responsables_de,
        attribute="responsables",
        column_name=RESPONSABLES,
        widget=ResponsablesWidget(),
    )
    ventanas = PendienteField(
        ventanas_de, attribute="ventanas", column_name=VENTANAS, widget=VentanasWidget()
    )

    class Meta:
        model = Actividad
        name = "Actividades del plan"
        instance_loader_class = CargadorDelIndice
        use_bulk = True  # no savepoint per row; writes per batch (see bulk_create)
        batch_size = 1000
        fields = (
            "plan", "entidad", "subcomponente", "codigo", "descripcion", "producto", "meta_texto",
            "meta_cantidad", "meta_unidad", "meta_tipo", "responsables", "ventanas",
        )  # fmt: skip
        export_order = fields  # the tuple above
        import_id_fields = ("plan", "codigo")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    @property
    def columnas_obligatorias(self):
        return tuple(field.column_name for field in self.fields.values())

    def get_queryset(self):
        return Actividad.objects.select_related("plan", "subcomponente")

    def filter_export(self, queryset, **kwargs):
        if not queryset.query.order_by:  # else the paginated export would go by pk
            queryset = queryset.order_by("-plan__vigencia", "plan__entidad", "orden")
        return (
            queryset.select_related("plan", "subcomponente")
            .prefetch_related(None)
            .prefetch_related(prefetch_asignaciones(), "ventanas")
        )

    # --- one look-up per import, no query per row ---------------------------------

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.indice = Indice.de_las_filas(dataset)
        for campo in self.fields.values():
            if isinstance(campo.widget, ConIndice):
                campo.widget.indice = self.indice

    def instancia_existente(self, row) -> Actividad | None:
        """The activity of the row's plan and code, from the `Indice` (ValueError if the
        plan or the code is wrong: the row reports it)."""
        plan = self.fields["plan"].clean(row)
        codigo = self.fields["codigo"].clean(row)
        return self.indice.actividades.get((plan.pk, codigo))

    def validar(self, instance, import_validation_errors, validate_unique):
        """`full_clean` without its queries: the field rules and `Actividad.clean` (which
        mirror the check constraints), and the code's uniqueness in its plan against the
        `Indice` (the file's own repeated codes are `_filas_repetidas`). A foreign key's
        own check would query its row: these come from the `Indice`."""
        errores = dict(import_validation_errors or {})
        if instance.subcomponente_id is not None:
            instance.plan_id = instance.subcomponente.componente.plan_id  # as save() does
        relaciones = {campo.name for campo in Actividad._meta.fields if campo.is_relation}
        try:
            instance.clean_fields(exclude=set(errores) | relaciones)
        except ValidationError as error:
            errores = error.update_error_dict(errores)
        try:
            instance.clean()
        except ValidationError as error:
            errores = error.update_error_dict(errores)
        ventanas = getattr(instance, self.fields["ventanas"].pendiente, None)
        if ventanas and "ventanas" not in errores and instance.plan_id is not None:
            mensajes = self._errores_de_ventanas(instance, ventanas)
            if mensajes:
                errores["ventanas"] = mensajes
        otra = self.indice.actividades.get((instance.plan_id, instance.codigo))
        if "codigo" not in errores and otra is not None and otra.pk != instance.pk:
            (unica,) = [
                r
                for r in Actividad._meta.constraints
                if r.name == "actividad_codigo_unico_por_plan"
            ]
            errores["codigo"] = [unica.violation_error_message]
        if errores:
            raise ValidationError(errores)

    @staticmethod
    def _errores_de_ventanas(actividad: Actividad, ventanas) -> list[str]:
        """`Ventana`'s own rules (dates in range, inside the plan's vigencia), which the
        admin's inline applies too, on the windows the row asks for."""
        mensajes: list[str] = []
        for inicio, fin in ventanas:
            ventana = Ventana(actividad=actividad, inicio=inicio, fin=fin)
            try:
                ventana.clean_fields(exclude={"actividad"})
                ventana.clean()
            except ValidationError as error:
                mensajes += [m for m in error.messages if m not in mensajes]
        return mensajes

    # --- writes in bulk ---------------------------------------------------------------

    def _guardar_pendientes(self, instancias: list[Actividad]) -> None:
        responsables = self.fields["responsables"].pendiente
        ventanas = self.fields["ventanas"].pendiente
        guardar_responsables(
            [(a, getattr(a, responsables)) for a in instancias if hasattr(a, responsables)],
            self.indice.asignaciones,
        )
        guardar_ventanas(
            [(a, getattr(a, ventanas)) for a in instancias if hasattr(a, ventanas)],
            self.indice.ventanas,
        )


class ResponsableResource(
    EscrituraMasivaMixin, ExportacionSeguraMixin, ImportacionSeguraMixin, resources.ModelResource
):
    titulo_hoja = "Responsables"
    nombre = fields.Field(attribute="nombre", column_name="Nombre", widget=TextoWidget())
    sigla = fields.Field(attribute="sigla", column_name="Sigla", widget=TextoWidget())
    slug = fields.Field(attribute="slug", column_name="Slug", widget=TextoWidget())
    tipo = fields.Field(
        attribute="tipo",
        column_name="Tipo",
        widget=OpcionesWidget(Responsable.Tipo.choices, "tipo de dependencia"),
    )
    columnas_obligatorias = ("Nombre",)
    columnas_clave = ("Nombre",)

    # The admin's import loads the site's own offices (another entity's plan comes in
    # through the plan import wizard, which names its entity).
    def get_queryset(self):
        return Responsable.objects.filter(entidad=Entidad.objects.del_sitio())

    def after_init_instance(self, instance, new, row, **kwargs):
        if new:
            instance.entidad = self.entidad

    # --- one look-up per import, no query per row ---------------------------------

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.entidad = Entidad.objects.del_sitio()
        self.existentes = {r.nombre: r for r in self.get_queryset()}
        # Slugs are unique across entities (URLs); siglas within the entity.
        self.slugs = dict(Responsable.objects.values_list("slug", "pk"))
        self.siglas = {r.sigla: r.pk for r in self.existentes.values() if r.sigla}

    def instancia_existente(self, row) -> Responsable | None:
        return self.existentes.get(self.fields["nombre"].clean(row))

    def validar(self, instance, import_validation_errors, validate_unique):
        """`full_clean` without its queries: `completar` with the slugs read once, the
        field rules, and the unique slug and the constraints (name, sigla in the entity)
        against what was read and what earlier rows of the file take."""
        errores = dict(import_validation_errors or {})
        if not instance.slug and (instance.nombre or instance.sigla):
            instance.slug = oficinas.slug_de(
                instance.nombre, sigla=(instance.sigla or "").strip(), ocupados=self.slugs
            )
        try:
            instance.clean_fields(exclude=set(errores) | {"entidad"})
        except ValidationError as error:
            errores = error.update_error_dict(errores)
        try:
            instance.clean()
        except ValidationError as error:
            errores = error.update_error_dict(errores)
        restricciones = {r.name: r for r in Responsable._meta.constraints}
        otro = self.existentes.get(instance.nombre)
        if "nombre" not in errores and otro is not None and otro.pk != instance.pk:
            errores[NON_FIELD_ERRORS] = [
                restricciones["responsable_nombre_unico_por_entidad"].violation_error_message
            ]
        if "slug" not in errores and self.slugs.get(instance.slug, instance.pk) != instance.pk:
            errores["slug"] = [instance.unique_error_message(Responsable, ("slug",)).message]
        if (
            "sigla" not in errores
            and instance.sigla
            and (self.siglas.get(instance.sigla, instance.pk) != instance.pk)
        ):
            errores["sigla"] = [
                restricciones["responsable_sigla_unica_por_entidad"].violation_error_message
            ]
        if errores:
            raise ValidationError(errores)
        # What this row takes, the next ones cannot (a new row's pk is None: a marker).
        self.slugs[instance.slug] = instance.pk if instance.pk else object()
        if instance.sigla:
            self.siglas[instance.sigla] = instance.pk if instance.pk else object()

    class Meta:
        model = Responsable
        name = "Responsables"
        instance_loader_class = CargadorDelIndice
        use_bulk = True  # no savepoint per row; writes per batch (EscrituraMasivaMixin)
        batch_size = 1000
        fields = ("nombre", "sigla", "slug", "tipo")
        export_order = fields
        import_id_fields = ("nombre",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
