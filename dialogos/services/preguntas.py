"""Citizens' questions: received (web form or typed in from paper), assigned, answered, published.

Pregunta: recibida → asignada (OPGI; may be reassigned until answered) → respondida
(the assigned office, or OPGI) → publicada (OPGI, without personal data); the table is
on the model (Pregunta.TRANSICIONES).
"""

import re
from dataclasses import dataclass, fields
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo import cambios, historial
from nucleo.roles import Usuario, cuenta
from plan.models import Responsable

from .. import notificaciones, permisos, reglas, selectors
from ..models import MAXIMO_PREGUNTA, EspacioDialogo, Pregunta, Territorio, TipoPeticion
from ..permisos import PREGUNTAS, Accion

# The public form checks it too (nothing is stored without it): this one message.
MENSAJE_SIN_AVISO = (
    "Para enviar la pregunta debe aceptar el aviso de tratamiento de datos personales."
)


@dataclass(frozen=True)
class DatosCiudadano:
    """What the citizen wrote, the same on the web form and on a paper form."""

    texto: str
    acepta_datos: bool
    espacio: EspacioDialogo | None
    territorio: Territorio | None
    nombre: str
    correo: str
    telefono: str
    quiere_respuesta: bool
    tipo: TipoPeticion | None = None  # None: the general petition

    def limpios(self) -> dict[str, object]:
        """The model's fields, the texts stripped."""
        campos: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        campos["tipo"] = self.tipo or TipoPeticion.general()
        for campo in ("texto", "nombre", "correo", "telefono"):
            campos[campo] = str(campos[campo]).strip()
        return campos

    def errores(self) -> dict[str, str]:
        errores = {}
        texto = self.texto.strip()
        if not texto:
            errores["texto"] = "Escriba su pregunta."
        elif len(texto) > MAXIMO_PREGUNTA:
            errores["texto"] = (
                f"La pregunta tiene {len(texto)} caracteres; el máximo es {MAXIMO_PREGUNTA}."
            )
        if self.quiere_respuesta:
            if not self.nombre.strip():
                errores["nombre"] = "Para recibir la respuesta escriba su nombre."
            if not self.correo.strip() and not self.telefono.strip():
                errores["correo"] = "Para recibir la respuesta indique un correo o un teléfono."
        if not self.acepta_datos:
            errores["acepta_datos"] = MENSAJE_SIN_AVISO
        if self.tipo is not None and not self.tipo.activo:
            errores["tipo"] = "Ese tipo de petición ya no se ofrece: elija otro."
        return errores


def _nuevo_radicado(anio: int) -> str:
    while True:
        radicado = reglas.nuevo_radicado(anio)
        if not Pregunta.objects.filter(radicado=radicado).exists():
            return radicado


def _crear_pregunta(
    *,
    datos: DatosCiudadano,
    recibida_el: date,
    canal: str,
    registrada_por: Usuario | None = None,
) -> Pregunta:
    campos = datos.limpios()
    tipo = campos["tipo"]
    assert isinstance(tipo, TipoPeticion)
    pregunta = Pregunta(
        radicado=_nuevo_radicado(recibida_el.year),
        recibida_el=recibida_el,
        # A new question has no clock events: its type's term from the calendar.
        vence_el=reglas.calcular_plazo(recibida_el=recibida_el, dias=tipo.dias_habiles).vence_el,
        canal=canal,
        registrada_por=None if registrada_por is None else cuenta(registrada_por),
        **campos,
    )
    pregunta.full_clean()
    pregunta.save()
    cambios.registrar("pregunta.recibida", usuario=registrada_por, objeto=pregunta, canal=canal)
    notificaciones.acuse_de_recibo(pregunta)
    return pregunta


@transaction.atomic
def recibir_pregunta(
    *,
    texto: str,
    acepta_datos: bool,
    espacio: EspacioDialogo | None = None,
    territorio: Territorio | None = None,
    nombre: str = "",
    correo: str = "",
    telefono: str = "",
    quiere_respuesta: bool = False,
    tipo: TipoPeticion | None = None,
    hoy: date | None = None,
) -> Pregunta:
    """A question from the public web form (no account); received today."""
    if espacio is not None:
        if not selectors.es_espacio_publico(espacio):
            # An anonymous citizen may ask only about a space the public can see.
            raise PermissionDenied("No existe ese espacio de diálogo.")
        espacio.exigir_preguntas()
    datos = DatosCiudadano(
        texto, acepta_datos, espacio, territorio, nombre, correo, telefono, quiere_respuesta, tipo
    )
    errores = datos.errores()
    if errores:
        raise ValidationError(errores)
    return _crear_pregunta(
        datos=datos, recibida_el=hoy or timezone.localdate(), canal=Pregunta.Canal.WEB
    )


@transaction.atomic
def registrar_pregunta_formato(
    *,
    usuario: Usuario,
    texto: str,
    acepta_datos: bool,
    recibida_el: date,
    espacio: EspacioDialogo | None = None,
    territorio: Territorio | None = None,
    nombre: str = "",
    correo: str = "",
    telefono: str = "",
    quiere_respuesta: bool = False,
    tipo: TipoPeticion | None = None,
    hoy: date | None = None,
) -> Pregunta:
    """Staff type in a question from a paper form filled at an event."""
    if not permisos.puede_registrar_formato(usuario, espacio):
        raise PermissionDenied("No puede registrar preguntas de este espacio.")
    hoy = hoy or timezone.localdate()
    datos = DatosCiudadano(
        texto, acepta_datos, espacio, territorio, nombre, correo, telefono, quiere_respuesta, tipo
    )
    errores = {}
    try:
        # The date out of range is the model validator's (nucleo.fechas).
        Pregunta._meta.get_field("recibida_el").run_validators(recibida_el)
    except ValidationError as error:
        errores["recibida_el"] = error.messages[0]
    else:
        if recibida_el > hoy:
            errores["recibida_el"] = "La fecha de recibo no puede ser posterior a hoy."
        elif espacio is not None and recibida_el < espacio.fecha:
            errores["recibida_el"] = "La fecha de recibo no puede ser anterior a la del espacio."
    errores.update(datos.errores())
    if errores:
        raise ValidationError(errores)
    return _crear_pregunta(
        datos=datos,
        recibida_el=recibida_el,
        canal=Pregunta.Canal.FORMATO,
        registrada_por=usuario,
    )


@transaction.atomic
def asignar_pregunta(
    *, pregunta: Pregunta, usuario: Usuario, oficina: Responsable | None
) -> Pregunta:
    """OPGI sends the question to the office that must answer it (again, to reassign)."""
    PREGUNTAS.exigir(usuario, Accion.ASIGNAR_PREGUNTA, pregunta)
    pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
    pregunta.exigir("asignar")
    if oficina is None:
        raise ValidationError({"oficina": "Elija la dependencia que debe responder."})
    anterior = pregunta.aplicar("asignar")
    pregunta.oficina = oficina
    pregunta.asignada_en = timezone.now()
    pregunta.save(update_fields=["oficina", "estado", "asignada_en"])
    cambios.registrar(
        "pregunta.asignada",
        usuario=usuario,
        objeto=pregunta,
        anterior=anterior,
        oficina=oficina.pk,
    )
    notificaciones.pregunta_asignada(pregunta)
    return pregunta


@transaction.atomic
def responder_pregunta(
    *,
    pregunta: Pregunta,
    usuario: Usuario,
    respuesta: str,
    ahora: datetime | None = None,
    version: int | None | historial.SinComprobar = historial.SIN_COMPROBAR,
) -> Pregunta:
    """The assigned office answers (OPGI may too); asignada → respondida.

    `version`: the latest history id the answering person saw (the form's hidden
    field); if someone changed the question since, the answer is refused, not lost.
    """
    PREGUNTAS.exigir(usuario, Accion.RESPONDER_PREGUNTA, pregunta)
    pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
    historial.exigir_version(pregunta, version, propuestos={"respuesta": respuesta})
    pregunta.exigir("responder")
    if not respuesta.strip():
        raise ValidationError({"respuesta": "Escriba la respuesta."})
    anterior = pregunta.aplicar("responder")
    pregunta.respuesta = respuesta.strip()
    pregunta.respondida_por = cuenta(usuario)
    pregunta.respondida_en = ahora or timezone.now()
    pregunta.save(update_fields=["respuesta", "respondida_por", "respondida_en", "estado"])
    cambios.registrar("pregunta.respondida", usuario=usuario, objeto=pregunta, anterior=anterior)
    return pregunta


def _digitos(texto: str) -> str:
    return re.sub(r"\D", "", texto)


def datos_personales_en(texto: str, pregunta: Pregunta) -> list[str]:
    """Which of the citizen's personal data appear in `texto` (to keep them unpublished)."""
    hallados = []
    minusculas = texto.casefold()
    if pregunta.nombre.strip() and pregunta.nombre.strip().casefold() in minusculas:
        hallados.append("el nombre")
    if pregunta.correo.strip() and pregunta.correo.strip().casefold() in minusculas:
        hallados.append("el correo electrónico")
    telefono = _digitos(pregunta.telefono)
    if len(telefono) >= 7 and telefono in _digitos(texto):
        hallados.append("el teléfono")
    if re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", texto) and "el correo electrónico" not in hallados:
        hallados.append("un correo electrónico")
    return hallados


@transaction.atomic
def publicar_pregunta(
    *,
    pregunta: Pregunta,
    usuario: Usuario,
    texto_publico: str,
    respuesta_publica: str,
    ahora: datetime | None = None,
) -> Pregunta:
    """OPGI publishes the reviewed question and answer, without personal data."""
    PREGUNTAS.exigir(usuario, Accion.PUBLICAR_PREGUNTA, pregunta)
    pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
    pregunta.exigir("publicar")
    errores = {}
    for campo, texto in (
        ("texto_publico", texto_publico),
        ("respuesta_publica", respuesta_publica),
    ):
        if not texto.strip():
            errores[campo] = "Este texto no puede quedar vacío."
            continue
        hallados = datos_personales_en(texto, pregunta)
        if hallados:
            errores[campo] = (
                f"El texto contiene {' y '.join(hallados)} de quien preguntó: "
                "quítelo antes de publicar (Ley 1581 de 2012)."
            )
    if errores:
        raise ValidationError(errores)
    anterior = pregunta.aplicar("publicar")
    pregunta.texto_publico = texto_publico.strip()
    pregunta.respuesta_publica = respuesta_publica.strip()
    pregunta.publicada_en = ahora or timezone.now()
    pregunta.publicada_por = cuenta(usuario)
    pregunta.save(
        update_fields=[
            "texto_publico",
            "respuesta_publica",
            "publicada_en",
            "publicada_por",
            "estado",
        ]
    )
    cambios.registrar("pregunta.publicada", usuario=usuario, objeto=pregunta, anterior=anterior)
    notificaciones.respuesta_publicada(pregunta)
    return pregunta
