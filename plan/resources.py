"""Import and export of the plan (django-import-export) with Spanish columns.

An activity is identified by its plan («Vigencia» + «Entidad») and its
«Código».  Its responsible offices and date windows travel in one cell each
(«Responsables»: names separated by «;», in order; «Ventanas»:
«dd/mm/aaaa-dd/mm/aaaa» separated by «;») and are written after the activity
is saved, touching only what changed.

Every import runs in one transaction and any bad row rolls the whole file
back, in the dry run and in the confirmation step alike.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch
from import_export import fields, resources, widgets
from import_export.results import Result

from nucleo.hojas import sin_prefijo, texto_seguro
from nucleo.models import Entidad
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


def buscar_plan(vigencia, entidad) -> Plan:
    anio = _entero(vigencia, "La vigencia")
    nombre = _texto(entidad)
    if not nombre:
        raise ValueError(f"Falta la entidad del plan (columna «{ENTIDAD}»).")
    try:
        return Plan.objects.get(vigencia=anio, entidad__nombre__iexact=nombre)
    except Plan.MultipleObjectsReturned:
        raise ValueError(
            f"«{nombre}» tiene varios planes para la vigencia {anio}: use el asistente de "
            "importación del plan, que elige el plan."
        ) from None
    except Plan.DoesNotExist:
        raise ValueError(f"No existe un plan de «{nombre}» para la vigencia {anio}.") from None


def prefetch_asignaciones() -> Prefetch:
    """The responsables of each activity, in their order, with one query."""
    return Prefetch(
        "asignaciones",
        queryset=ActividadResponsable.objects.select_related("responsable").order_by("orden", "id"),
    )


def responsables_de(actividad: Actividad) -> list[Responsable]:
    if actividad.pk is None:
        return []
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
    return sorted((ventana.inicio, ventana.fin) for ventana in actividad.ventanas.all())


def guardar_responsables(actividad: Actividad, nuevos: list[Responsable]) -> None:
    """Make the activity's responsables exactly `nuevos`, in order; only touch changes."""
    actuales = {a.responsable_id: a for a in actividad.asignaciones.all()}
    ids = [responsable.pk for responsable in nuevos]
    actividad.asignaciones.exclude(responsable_id__in=ids).delete()
    for orden, responsable_id in enumerate(ids, start=1):
        asignacion = actuales.get(responsable_id)
        if asignacion is None:
            ActividadResponsable.objects.create(
                actividad=actividad, responsable_id=responsable_id, orden=orden
            )
        elif asignacion.orden != orden:
            asignacion.orden = orden
            asignacion.save(update_fields=["orden"])


def guardar_ventanas(actividad: Actividad, nuevas: list[tuple[date, date]]) -> None:
    """Make the activity's windows exactly `nuevas`; windows kept keep their id."""
    pendientes = list(nuevas)
    for ventana in actividad.ventanas.all():
        if (ventana.inicio, ventana.fin) in pendientes:
            pendientes.remove((ventana.inicio, ventana.fin))
        else:
            ventana.delete()
    Ventana.objects.bulk_create(
        Ventana(actividad=actividad, inicio=inicio, fin=fin) for inicio, fin in pendientes
    )


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


class PlanWidget(widgets.Widget):
    """The plan, written as its vigencia; the entidad comes from the «Entidad» column."""

    def clean(self, value, row=None, **kwargs):
        return buscar_plan(value, (row or {}).get(ENTIDAD))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.vigencia if kwargs.get("force_native_type") else str(value.vigencia)


class SubcomponenteWidget(widgets.Widget):
    """The subcomponente, written as its número inside the row's plan."""

    def clean(self, value, row=None, **kwargs):
        numero = _entero(value, "El número de subcomponente")
        try:
            plan = buscar_plan((row or {}).get(VIGENCIA), (row or {}).get(ENTIDAD))
        except ValueError:
            raise ValueError("Corrija primero la vigencia y la entidad del plan.") from None
        encontrados = list(Subcomponente.objects.filter(componente__plan=plan, numero=numero)[:2])
        if not encontrados:
            raise ValueError(f"El plan {plan.vigencia} no tiene subcomponente {numero}.")
        if len(encontrados) > 1:
            raise ValueError(f"El plan {plan.vigencia} tiene varios subcomponentes {numero}.")
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


class CantidadWidget(widgets.Widget):
    """A positive quantity; exported without thousands separator and with «,» decimals."""

    def clean(self, value, row=None, **kwargs):
        if _es_numero(value):
            return Decimal(str(value))
        texto = _texto(value)
        if not texto:
            raise ValueError("La cantidad de la meta es obligatoria.")
        return _cantidad_desde_texto(texto)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        entero = value == value.to_integral_value()
        if kwargs.get("force_native_type"):
            return int(value) if entero else value
        return str(int(value)) if entero else format(value.normalize(), "f").replace(".", ",")


class ResponsablesWidget(widgets.Widget):
    """Office names (or their siglas) separated by «;», in order."""

    def clean(self, value, row=None, **kwargs):
        nombres = _partes(value)
        if not nombres:
            raise ValueError("Indique al menos una dependencia responsable.")
        indice = self._indice()
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
    def _indice() -> dict[str, Responsable]:
        todos = list(Responsable.objects.all())
        siglas = [r.sigla.casefold() for r in todos if r.sigla]
        indice = {
            r.sigla.casefold(): r
            for r in todos
            if r.sigla and siglas.count(r.sigla.casefold()) == 1
        }
        indice.update({r.nombre.casefold(): r for r in todos})
        return indice

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
            raise ValueError(f"Faltan columnas en el archivo: {', '.join(faltan)}.")
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
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            columnas = {f.attribute: f.column_name for f in self.fields.values()}
            raise ValidationError(
                {columnas.get(campo, campo): lista for campo, lista in error.error_dict.items()}
            ) from error

    def _normalizar_encabezados(self, dataset):
        # The headers we export («Código»), in any case; also the field names of older
        # files («codigo», «meta_cantidad»).
        conocidas = {nombre.casefold(): f.column_name for nombre, f in self.fields.items()}
        conocidas.update({f.column_name.casefold(): f.column_name for f in self.fields.values()})
        dataset.headers = [
            conocidas.get(_texto(h).casefold(), _texto(h)) for h in dataset.headers or []
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


class ActividadResource(ExportacionSeguraMixin, ImportacionSeguraMixin, resources.ModelResource):
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
        column_name="Tipo de meta",
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

    def after_save_instance(self, instance, row, **kwargs):
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        responsables = getattr(instance, self.fields["responsables"].pendiente, None)
        if responsables is not None:
            guardar_responsables(instance, responsables)
        ventanas = getattr(instance, self.fields["ventanas"].pendiente, None)
        if ventanas is not None:
            guardar_ventanas(instance, ventanas)


class ResponsableResource(ExportacionSeguraMixin, ImportacionSeguraMixin, resources.ModelResource):
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
            instance.entidad = Entidad.objects.del_sitio()

    class Meta:
        model = Responsable
        name = "Responsables"
        fields = ("nombre", "sigla", "slug", "tipo")
        export_order = fields
        import_id_fields = ("nombre",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
