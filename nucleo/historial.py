"""The history of domain objects (django-simple-history), read for people.

Two uses, one reading of the history rows:

- `filas_de_historial(*consultas)`: the «Historial» pages. Each historical row becomes
  «fecha, usuario, tipo (creado/modificado/eliminado), campo: antes → después», with
  the fields' Spanish verbose names and values as people read them (choices' labels,
  dates dd/mm/aaaa, «sí/no», the name of a related object). The number of queries is
  constant: one per history queryset (its user comes with it) and one per related model
  whose value changed, never one per row.
- Optimistic concurrency of the editable forms: the form carries the latest history id
  its user saw (`campo_version`); on save, `exigir_version` refuses with
  `ConflictoDeVersion` when someone else saved meanwhile, naming who, when and what
  changed (field: their value). `nucleo.formularios.aplicar_errores` then shows the
  message and renews the hidden version, so the user's input stays and a second save,
  once reviewed, goes through.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import FileField, ForeignKey, Model, QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.text import capfirst

CAMPO_VERSION = "version"
VACIO = "—"
SIN_REGISTRO = "sin registro anterior"
TIPOS = {"+": "creado", "~": "modificado", "-": "eliminado"}


@dataclass(frozen=True)
class CambioDeCampo:
    campo: str  # the verbose name
    antes: str
    despues: str


@dataclass(frozen=True)
class FilaHistorial:
    fecha: datetime
    usuario: str
    tipo: str  # creado / modificado / eliminado
    objeto: str  # «Avance n.º 12»
    cambios: tuple[CambioDeCampo, ...]
    history_id: int


SIN_USUARIO = "sin usuario (proceso del sistema o ciudadanía)"


def nombre_de_usuario(usuario: Any, *, sin_usuario: str = SIN_USUARIO) -> str:
    """How every page, report and message names a user: full name, or username."""
    if usuario is None:
        return sin_usuario
    return usuario.get_full_name() or usuario.get_username()


def _campos(registro: Any, excluidos: Collection[str]) -> list[str]:
    return [f.name for f in registro.tracked_fields if f.editable and f.name not in excluidos]


class _Formato:
    """Values as people read them; related objects fetched in one query per model."""

    def __init__(self) -> None:
        self._pendientes: dict[Any, set[Any]] = defaultdict(set)
        self._objetos: dict[Any, dict[Any, Model]] = {}

    def pedir(self, campo: Any, valor: Any) -> None:
        if isinstance(campo, ForeignKey) and valor is not None:
            self._pendientes[campo.related_model].add(valor)

    def traer(self) -> None:
        for modelo, claves in self._pendientes.items():
            self._objetos[modelo] = modelo._default_manager.in_bulk(claves)

    def texto(self, campo: Any, valor: Any) -> str:
        if valor is None or valor == "":
            return VACIO
        if isinstance(campo, ForeignKey):
            objeto = self._objetos.get(campo.related_model, {}).get(valor)
            if objeto is None:
                return f"n.º {valor} (ya no existe)"
            if isinstance(objeto, get_user_model()):
                return nombre_de_usuario(objeto)
            if campo.related_model is campo.model:  # its __str__ may read relations
                return f"n.º {valor}"
            return str(objeto)
        if campo.choices:
            return str(dict(campo.flatchoices).get(valor, valor))
        if isinstance(valor, bool):
            return "sí" if valor else "no"
        if isinstance(valor, datetime):
            return f"{timezone.localtime(valor):%d/%m/%Y %H:%M}"
        if isinstance(valor, date):
            return f"{valor:%d/%m/%Y}"
        if isinstance(campo, FileField):
            return str(valor.name if hasattr(valor, "name") else valor).rsplit("/", 1)[-1]
        return str(valor)


def _pares(
    registro: Any, anterior: Any | None, excluidos: Collection[str]
) -> list[tuple[Any, Any, Any]]:
    """(field, before, after) of each change; before is SIN_REGISTRO when unknown."""
    modelo = registro.instance_type
    if registro.history_type == "-":
        return []
    if anterior is not None and registro.history_type == "~":
        delta = registro.diff_against(anterior, excluded_fields=excluidos)
        return [(modelo._meta.get_field(c.field), c.old, c.new) for c in delta.changes]
    nombres = _campos(registro, excluidos)
    valores = model_to_dict(registro, fields=nombres)
    antes = None if registro.history_type == "+" else SIN_REGISTRO
    return [
        (modelo._meta.get_field(nombre), antes, valores[nombre])
        for nombre in nombres
        if valores[nombre] not in (None, "")
    ]


def filas_de_historial(
    *consultas: QuerySet[Any], excluidos: Collection[str] = ()
) -> list[FilaHistorial]:
    """The rows of the given history querysets (each one complete for its objects),
    newest first. `excluidos`: fields never shown (personal data)."""
    formato = _Formato()
    crudas: list[tuple[Any, list[tuple[Any, Any, Any]]]] = []
    for consulta in consultas:
        modelo = consulta.model
        id_objeto = modelo.instance_type._meta.pk.attname
        anteriores: dict[Any, Any] = {}
        for registro in consulta.select_related("history_user").order_by(
            id_objeto, "history_date", "history_id"
        ):
            clave = getattr(registro, id_objeto)
            pares = _pares(registro, anteriores.get(clave), excluidos)
            anteriores[clave] = registro
            for campo, antes, despues in pares:
                if antes != SIN_REGISTRO:
                    formato.pedir(campo, antes)
                formato.pedir(campo, despues)
            crudas.append((registro, pares))
    formato.traer()
    filas = [
        FilaHistorial(
            fecha=registro.history_date,
            usuario=nombre_de_usuario(registro.history_user),
            tipo=TIPOS.get(registro.history_type, registro.history_type),
            objeto=_objeto(registro),
            cambios=tuple(
                CambioDeCampo(
                    campo=capfirst(str(campo.verbose_name)),
                    antes=antes if antes == SIN_REGISTRO else formato.texto(campo, antes),
                    despues=formato.texto(campo, despues),
                )
                for campo, antes, despues in pares
            ),
            history_id=registro.history_id,
        )
        for registro, pares in crudas
    ]
    return sorted(filas, key=lambda fila: (fila.fecha, fila.history_id), reverse=True)


def _objeto(registro: Any) -> str:
    opciones = registro.instance_type._meta
    return f"{capfirst(str(opciones.verbose_name))} n.º {getattr(registro, opciones.pk.attname)}"


# --- Optimistic concurrency ----------------------------------------------------


class SinComprobar(Enum):
    """A service called without a form (tests, commands): no version to compare."""

    SIN_COMPROBAR = "sin comprobar"


SIN_COMPROBAR = SinComprobar.SIN_COMPROBAR


class ConflictoDeVersion(ValidationError):
    """Someone else saved the object after the user opened the form."""

    def __init__(self, mensaje: str, *, version: int | None) -> None:
        super().__init__(mensaje, code="conflicto")
        self.version = version


class CampoVersion(forms.IntegerField):
    """Empty: the user saw no history row yet. Absent from the request (a client that
    does not know the field, not a browser, which sends every hidden field):
    SIN_COMPROBAR."""

    def clean(self, value: Any) -> Any:
        if value is None:
            return SIN_COMPROBAR
        return super().clean(value)


def campo_version() -> forms.IntegerField:
    """The hidden field with the latest history id the user saw."""
    return CampoVersion(required=False, min_value=0, widget=forms.HiddenInput)


def _historia(instancia: Model) -> QuerySet[Any]:
    return getattr(instancia, "history").all()  # noqa: B009  (every domain model has one)


def ultima_version(instancia: Model) -> int | None:
    """The id of the object's latest history row (None if it has none yet)."""
    version: int | None = (
        _historia(instancia).order_by("-history_id").values_list("history_id", flat=True).first()
    )
    return version


def exigir_version(
    instancia: Model,
    vista: int | None | SinComprobar,
    *,
    propuestos: Mapping[str, Any] | None = None,
) -> None:
    """Refuse (ConflictoDeVersion) when the object's latest history id is not `vista`.

    Call it inside the transaction that saves, after locking the row. `propuestos` (the
    user's values) lists what differs when the user saw no history row at all.
    """
    if vista is SIN_COMPROBAR:
        return
    actual = ultima_version(instancia)
    if actual == vista:
        return
    historia = _historia(instancia).select_related("history_user")
    ultimo = historia.get(history_id=actual)
    visto = historia.filter(history_id=vista).first() if vista is not None else None
    formato = _Formato()
    if visto is not None:
        delta = ultimo.diff_against(visto)
        pares = [(instancia._meta.get_field(c.field), c.new) for c in delta.changes]
    else:
        valores = model_to_dict(ultimo, fields=_campos(ultimo, ()))
        pares = [
            (instancia._meta.get_field(nombre), valor)
            for nombre, valor in valores.items()
            if propuestos is None or (nombre in propuestos and propuestos[nombre] != valor)
        ]
    pares_: list[tuple[Any, Any]] = pares
    for campo, valor in pares_:
        formato.pedir(campo, valor)
    formato.traer()
    detalle = "; ".join(
        f"{capfirst(str(campo.verbose_name))}: «{formato.texto(campo, valor)}»"
        for campo, valor in pares_
    )
    cuando = timezone.localtime(ultimo.history_date)
    raise ConflictoDeVersion(
        f"Mientras usted editaba, {nombre_de_usuario(ultimo.history_user)} guardó cambios "
        f"en este registro ({instancia._meta.verbose_name}) el {cuando:%d/%m/%Y a las %H:%M}"
        + (f". Sus valores: {detalle}" if detalle else "")
        + ". No se guardó nada para no perder esos cambios: sus datos siguen en el "
        "formulario; revíselos y guarde de nuevo.",
        version=actual,
    )


def renovar_version(form: forms.BaseForm, version: int | None) -> None:
    """After a conflict, the form's hidden version becomes the latest: the next save,
    once the user has reviewed the other person's changes, is accepted."""
    if CAMPO_VERSION not in form.fields or not form.is_bound:
        return
    datos = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict
    datos[form.add_prefix(CAMPO_VERSION)] = "" if version is None else str(version)
    form.data = datos
