"""Writes of dialogos: spaces and their closing record, citizens' questions, answer reports.

As in plan.services: keyword-only typed arguments, the permission checked
inside (views may not forget), one transaction per call, and bad input
raises ValidationError with Spanish messages and writes nothing.

State machines:
- EspacioDialogo: programado → realizado (with its record) | cancelado (with a reason).
- Pregunta: recibida → asignada (OPGI; may be reassigned until answered)
  → respondida (the assigned office, or OPGI) → publicada (OPGI, without
  personal data).
"""

import re
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nucleo import fechas
from plan.models import Actividad, Responsable

from . import permisos, reglas, selectors
from .models import (
    MAXIMO_PREGUNTA,
    AdjuntoEspacio,
    Compromiso,
    EspacioDialogo,
    InformeRespuestas,
    Pregunta,
    Territorio,
)
from .permisos import Accion


def _exigir_espacio(usuario, accion: Accion, espacio: EspacioDialogo) -> None:
    if not permisos.ESPACIOS.permite(usuario, accion, espacio):
        raise PermissionDenied("No tiene permiso para esta acción sobre el espacio de diálogo.")


def _exigir_pregunta(usuario, accion: Accion, pregunta: Pregunta) -> None:
    if not permisos.PREGUNTAS.permite(usuario, accion, pregunta):
        raise PermissionDenied("No tiene permiso para esta acción sobre la pregunta.")


def _exigir_opgi(usuario, accion: Accion) -> None:
    if not permisos.INFORMES.puede(usuario, accion):
        raise PermissionDenied("Solo OPGI puede hacer esto.")


# --- Spaces -------------------------------------------------------------------

# Fields whose change a subscribed calendar must see (iCal SEQUENCE goes up).
CAMPOS_DEL_CALENDARIO = ("titulo", "tema", "inicio", "fin", "territorio_id", "lugar", "enlace")


def _exigir_actividad_propia(usuario, actividad: Actividad | None) -> None:
    """A space adds to its activity's meta: an office links only its own activities."""
    if not permisos.puede_vincular_actividad(usuario, actividad):
        raise PermissionDenied(
            f"La actividad {actividad.codigo} no es de su dependencia: un espacio solo puede "
            "sumar a la meta de una actividad de la que su dependencia es responsable."
        )


def _validar_datos_espacio(espacio: EspacioDialogo, oficinas: list[Responsable]) -> None:
    """The rules of a programmed space, each message on its field."""
    errores: dict[str, list[str]] = {}

    def error(campo: str, mensaje: str) -> None:
        errores.setdefault(campo, []).append(mensaje)

    for campo in ("inicio", "fin"):
        valor = getattr(espacio, campo)
        if valor is not None and not (fechas.momento_minimo() <= valor < fechas.momento_maximo()):
            # On «fecha», the form's field; the model validator would say the same on «inicio».
            errores["fecha"] = [fechas.MENSAJE_RANGO]
    if "fecha" in errores:
        raise ValidationError(errores)

    if not oficinas:
        error("oficinas", "Elija al menos una dependencia organizadora.")
    if espacio.inicio and espacio.fin and espacio.fin <= espacio.inicio:
        error("fin", "La hora de fin debe ser posterior a la de inicio.")
    if not espacio.lugar and not espacio.enlace:
        error("lugar", "Indique el lugar (dirección) o el enlace de la reunión virtual.")
    if espacio.tipo == EspacioDialogo.Tipo.ESPACIO_TERRITORIAL and espacio.territorio_id is None:
        error("territorio", "Un espacio territorial debe indicar su comuna o corregimiento.")
    if espacio.actividad_id and espacio.inicio:
        actividad = espacio.actividad
        if timezone.localtime(espacio.inicio).year != actividad.plan.vigencia:
            error(
                "actividad",
                f"La actividad {actividad.codigo} es del plan {actividad.plan.vigencia}; "
                "el espacio debe realizarse en ese año.",
            )
    try:
        # The check constraints are the rules above, already given per field.
        espacio.full_clean(validate_constraints=False)
    except ValidationError as excepcion:
        for campo, mensajes in excepcion.message_dict.items():
            errores.setdefault(campo, []).extend(mensajes)
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def programar_espacio(
    *,
    usuario,
    tipo: str,
    titulo: str,
    oficinas: list[Responsable],
    inicio: datetime,
    fin: datetime,
    tema: str = "",
    actividad: Actividad | None = None,
    territorio: Territorio | None = None,
    lugar: str = "",
    enlace: str = "",
) -> EspacioDialogo:
    """Add a space to the schedule, in state «programado»."""
    oficinas = list(oficinas)
    if not permisos.puede_programar_para(usuario, oficinas):
        raise PermissionDenied(
            "Solo OPGI, o una dependencia que esté entre las organizadoras, programa espacios."
        )
    _exigir_actividad_propia(usuario, actividad)
    espacio = EspacioDialogo(
        tipo=tipo,
        titulo=titulo.strip(),
        tema=tema.strip(),
        actividad=actividad,
        inicio=inicio,
        fin=fin,
        territorio=territorio,
        lugar=lugar.strip(),
        enlace=enlace.strip(),
        creado_por=usuario,
    )
    _validar_datos_espacio(espacio, oficinas)
    espacio.save()
    espacio.oficinas.set(oficinas)
    return espacio


@transaction.atomic
def editar_espacio(
    *,
    espacio: EspacioDialogo,
    usuario,
    tipo: str,
    titulo: str,
    oficinas: list[Responsable],
    inicio: datetime,
    fin: datetime,
    tema: str = "",
    actividad: Actividad | None = None,
    territorio: Territorio | None = None,
    lugar: str = "",
    enlace: str = "",
) -> EspacioDialogo:
    """Change a programmed space (a realised or cancelled one is final)."""
    _exigir_espacio(usuario, Accion.PROGRAMAR_ESPACIO, espacio)
    oficinas = list(oficinas)
    if not permisos.puede_programar_para(usuario, oficinas):
        raise ValidationError(
            {"oficinas": "Su dependencia debe seguir entre las organizadoras del espacio."}
        )
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    if espacio.estado != EspacioDialogo.Estado.PROGRAMADO:
        raise ValidationError(
            f"El espacio ya está {espacio.get_estado_display().lower()}: no se puede modificar."
        )
    if actividad is not None and actividad.pk != espacio.actividad_id:
        # Keeping the activity OPGI chose is allowed; choosing another is not.
        _exigir_actividad_propia(usuario, actividad)
    antes = {campo: getattr(espacio, campo) for campo in CAMPOS_DEL_CALENDARIO}
    espacio.tipo = tipo
    espacio.titulo = titulo.strip()
    espacio.tema = tema.strip()
    espacio.actividad = actividad
    espacio.inicio = inicio
    espacio.fin = fin
    espacio.territorio = territorio
    espacio.lugar = lugar.strip()
    espacio.enlace = enlace.strip()
    _validar_datos_espacio(espacio, oficinas)
    if any(getattr(espacio, campo) != valor for campo, valor in antes.items()):
        espacio.secuencia += 1
    espacio.save()
    espacio.oficinas.set(oficinas)
    return espacio


@transaction.atomic
def cancelar_espacio(*, espacio: EspacioDialogo, usuario, motivo: str) -> EspacioDialogo:
    """programado → cancelado; the reason is published with the schedule."""
    _exigir_espacio(usuario, Accion.PROGRAMAR_ESPACIO, espacio)
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    if espacio.estado != EspacioDialogo.Estado.PROGRAMADO:
        raise ValidationError(
            f"Solo se cancela un espacio programado; este ya está {espacio.get_estado_display().lower()}."
        )
    if not motivo.strip():
        raise ValidationError({"motivo": "Explique por qué se cancela el espacio."})
    espacio.estado = EspacioDialogo.Estado.CANCELADO
    espacio.motivo_cancelacion = motivo.strip()
    espacio.secuencia += 1
    espacio.save()
    return espacio


@transaction.atomic
def registrar_realizacion(
    *,
    espacio: EspacioDialogo,
    usuario,
    asistentes: int | None,
    acta: str,
    organizaciones: str = "",
    ahora: datetime | None = None,
) -> EspacioDialogo:
    """programado → realizado, with the closing record (attendees and minutes required)."""
    _exigir_espacio(usuario, Accion.CERRAR_ESPACIO, espacio)
    ahora = ahora or timezone.now()
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    if espacio.estado != EspacioDialogo.Estado.PROGRAMADO:
        raise ValidationError(
            f"Solo se cierra un espacio programado; este ya está {espacio.get_estado_display().lower()}."
        )
    errores = {}
    if espacio.inicio > ahora:
        errores["__all__"] = (
            "El espacio todavía no ha empezado: no se puede registrar como realizado."
        )
    if asistentes is None:
        errores["asistentes"] = "Indique cuántas personas asistieron."
    elif asistentes < 1:
        errores["asistentes"] = "Debe haber al menos un asistente."
    if not acta.strip():
        errores["acta"] = "Escriba el resumen o acta del espacio."
    if errores:
        raise ValidationError(errores)
    espacio.estado = EspacioDialogo.Estado.REALIZADO
    espacio.asistentes = asistentes
    espacio.acta = acta.strip()
    espacio.organizaciones = organizaciones.strip()
    espacio.cerrado_por = usuario
    espacio.cerrado_en = ahora
    espacio.secuencia += 1
    espacio.save()
    return espacio


@transaction.atomic
def agregar_compromiso(
    *,
    espacio: EspacioDialogo,
    usuario,
    descripcion: str,
    responsable: Responsable,
    fecha_limite: date,
) -> Compromiso:
    """A commitment taken at a realised space."""
    _exigir_espacio(usuario, Accion.CERRAR_ESPACIO, espacio)
    if espacio.estado != EspacioDialogo.Estado.REALIZADO:
        raise ValidationError("Los compromisos se registran en un espacio ya realizado.")
    errores = {}
    if not descripcion.strip():
        errores["descripcion"] = "Describa el compromiso."
    if fecha_limite and not fechas.en_rango(fecha_limite):
        errores["fecha_limite"] = fechas.MENSAJE_RANGO
    elif fecha_limite and fecha_limite < espacio.fecha:
        errores["fecha_limite"] = "La fecha límite no puede ser anterior al espacio."
    if errores:
        raise ValidationError(errores)
    return Compromiso.objects.create(
        espacio=espacio,
        descripcion=descripcion.strip(),
        responsable=responsable,
        fecha_limite=fecha_limite,
    )


@transaction.atomic
def actualizar_compromiso(
    *, compromiso: Compromiso, usuario, estado: str, seguimiento: str = ""
) -> Compromiso:
    """The responsible office (or OPGI) reports the commitment's follow-up."""
    if not permisos.COMPROMISOS.permite(usuario, Accion.SEGUIR_COMPROMISO, compromiso):
        raise PermissionDenied("Solo la dependencia responsable actualiza este compromiso.")
    if estado not in Compromiso.Estado.values:
        raise ValidationError({"estado": "Elija un estado de seguimiento válido."})
    compromiso.estado = estado
    compromiso.seguimiento = seguimiento.strip()
    compromiso.save(update_fields=["estado", "seguimiento", "actualizado_en"])
    return compromiso


@transaction.atomic
def subir_adjunto(
    *, espacio: EspacioDialogo, usuario, tipo: str, archivo, descripcion: str = ""
) -> AdjuntoEspacio:
    """Attach a file (attendance list, photo…), checked and stored like plan evidence."""
    _exigir_espacio(usuario, Accion.CERRAR_ESPACIO, espacio)
    if espacio.estado == EspacioDialogo.Estado.CANCELADO:
        raise ValidationError("Un espacio cancelado no recibe adjuntos.")
    if not archivo:
        raise ValidationError({"archivo": "Elija el archivo."})
    adjunto = AdjuntoEspacio(
        espacio=espacio, tipo=tipo, descripcion=descripcion.strip(), subido_por=usuario
    )
    adjunto.guardar_archivo(archivo)
    return adjunto


# --- Questions ----------------------------------------------------------------


def _nuevo_radicado(anio: int) -> str:
    while True:
        radicado = reglas.nuevo_radicado(anio)
        if not Pregunta.objects.filter(radicado=radicado).exists():
            return radicado


def _validar_pregunta(
    *,
    texto: str,
    nombre: str,
    correo: str,
    telefono: str,
    quiere_respuesta: bool,
    acepta_datos: bool,
) -> None:
    errores = {}
    if not texto.strip():
        errores["texto"] = "Escriba su pregunta."
    elif len(texto.strip()) > MAXIMO_PREGUNTA:
        errores["texto"] = (
            f"La pregunta tiene {len(texto.strip())} caracteres; el máximo es {MAXIMO_PREGUNTA}."
        )
    if quiere_respuesta:
        if not nombre.strip():
            errores["nombre"] = "Para recibir la respuesta escriba su nombre."
        if not correo.strip() and not telefono.strip():
            errores["correo"] = "Para recibir la respuesta indique un correo o un teléfono."
    if not acepta_datos:
        errores["acepta_datos"] = (
            "Para enviar la pregunta debe aceptar el aviso de tratamiento de datos personales."
        )
    if errores:
        raise ValidationError(errores)


def _crear_pregunta(*, recibida_el: date, **campos) -> Pregunta:
    pregunta = Pregunta(
        radicado=_nuevo_radicado(recibida_el.year),
        recibida_el=recibida_el,
        vence_el=reglas.vencimiento(recibida_el),
        **campos,
    )
    pregunta.full_clean()
    pregunta.save()
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
    hoy: date | None = None,
) -> Pregunta:
    """A question from the public web form (no account); received today."""
    if espacio is not None and not selectors.es_espacio_publico(espacio):
        # An anonymous citizen may ask only about a space the public can see.
        raise PermissionDenied("No existe ese espacio de diálogo.")
    if espacio is not None and espacio.estado == EspacioDialogo.Estado.CANCELADO:
        raise ValidationError(
            "Este espacio fue cancelado. Puede enviar su pregunta en el formulario general."
        )
    _validar_pregunta(
        texto=texto,
        nombre=nombre,
        correo=correo,
        telefono=telefono,
        quiere_respuesta=quiere_respuesta,
        acepta_datos=acepta_datos,
    )
    return _crear_pregunta(
        recibida_el=hoy or timezone.localdate(),
        canal=Pregunta.Canal.WEB,
        espacio=espacio,
        territorio=territorio,
        texto=texto.strip(),
        nombre=nombre.strip(),
        correo=correo.strip(),
        telefono=telefono.strip(),
        quiere_respuesta=quiere_respuesta,
        acepta_datos=acepta_datos,
    )


@transaction.atomic
def registrar_pregunta_formato(
    *,
    usuario,
    texto: str,
    acepta_datos: bool,
    recibida_el: date,
    espacio: EspacioDialogo | None = None,
    territorio: Territorio | None = None,
    nombre: str = "",
    correo: str = "",
    telefono: str = "",
    quiere_respuesta: bool = False,
    hoy: date | None = None,
) -> Pregunta:
    """Staff type in a question from a paper form filled at an event."""
    if not permisos.puede_registrar_formato(usuario, espacio):
        raise PermissionDenied("No puede registrar preguntas de este espacio.")
    hoy = hoy or timezone.localdate()
    errores = {}
    if not fechas.en_rango(recibida_el):
        errores["recibida_el"] = fechas.MENSAJE_RANGO
    elif recibida_el > hoy:
        errores["recibida_el"] = "La fecha de recibo no puede ser posterior a hoy."
    elif espacio is not None and recibida_el < espacio.fecha:
        errores["recibida_el"] = "La fecha de recibo no puede ser anterior a la del espacio."
    try:
        _validar_pregunta(
            texto=texto,
            nombre=nombre,
            correo=correo,
            telefono=telefono,
            quiere_respuesta=quiere_respuesta,
            acepta_datos=acepta_datos,
        )
    except ValidationError as error:
        errores.update(error.message_dict)
    if errores:
        raise ValidationError(errores)
    return _crear_pregunta(
        recibida_el=recibida_el,
        canal=Pregunta.Canal.FORMATO,
        espacio=espacio,
        territorio=territorio,
        texto=texto.strip(),
        nombre=nombre.strip(),
        correo=correo.strip(),
        telefono=telefono.strip(),
        quiere_respuesta=quiere_respuesta,
        acepta_datos=acepta_datos,
        registrada_por=usuario,
    )


@transaction.atomic
def asignar_pregunta(*, pregunta: Pregunta, usuario, oficina: Responsable) -> Pregunta:
    """OPGI sends the question to the office that must answer it (again, to reassign)."""
    _exigir_pregunta(usuario, Accion.ASIGNAR_PREGUNTA, pregunta)
    pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
    if pregunta.respondida:
        raise ValidationError("La pregunta ya fue respondida: no se puede reasignar.")
    if oficina is None:
        raise ValidationError({"oficina": "Elija la dependencia que debe responder."})
    pregunta.oficina = oficina
    pregunta.estado = Pregunta.Estado.ASIGNADA
    pregunta.asignada_en = timezone.now()
    pregunta.save(update_fields=["oficina", "estado", "asignada_en"])
    return pregunta


@transaction.atomic
def responder_pregunta(
    *, pregunta: Pregunta, usuario, respuesta: str, ahora: datetime | None = None
) -> Pregunta:
    """The assigned office answers (OPGI may too); asignada → respondida."""
    _exigir_pregunta(usuario, Accion.RESPONDER_PREGUNTA, pregunta)
    pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
    if pregunta.estado != Pregunta.Estado.ASIGNADA:
        if pregunta.respondida:
            raise ValidationError("La pregunta ya fue respondida.")
        raise ValidationError("La pregunta debe estar asignada a una dependencia para responderla.")
    if not respuesta.strip():
        raise ValidationError({"respuesta": "Escriba la respuesta."})
    pregunta.respuesta = respuesta.strip()
    pregunta.respondida_por = usuario
    pregunta.respondida_en = ahora or timezone.now()
    pregunta.estado = Pregunta.Estado.RESPONDIDA
    pregunta.save(update_fields=["respuesta", "respondida_por", "respondida_en", "estado"])
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
    usuario,
    texto_publico: str,
    respuesta_publica: str,
    ahora: datetime | None = None,
) -> Pregunta:
    """OPGI publishes the reviewed question and answer, without personal data."""
    _exigir_pregunta(usuario, Accion.PUBLICAR_PREGUNTA, pregunta)
    pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
    if pregunta.estado != Pregunta.Estado.RESPONDIDA:
        raise ValidationError("Solo se publica una pregunta respondida y aún no publicada.")
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
    pregunta.texto_publico = texto_publico.strip()
    pregunta.respuesta_publica = respuesta_publica.strip()
    pregunta.publicada_en = ahora or timezone.now()
    pregunta.publicada_por = usuario
    pregunta.estado = Pregunta.Estado.PUBLICADA
    pregunta.save(
        update_fields=[
            "texto_publico",
            "respuesta_publica",
            "publicada_en",
            "publicada_por",
            "estado",
        ]
    )
    return pregunta


# --- Reports and automatic metas ----------------------------------------------


@transaction.atomic
def registrar_informe(
    *,
    usuario,
    titulo: str,
    publicado_el: date,
    espacio: EspacioDialogo | None = None,
    desde: date | None = None,
    hasta: date | None = None,
    hoy: date | None = None,
) -> InformeRespuestas:
    """Record that a report of the answers was published (counts for meta 3.4)."""
    _exigir_opgi(usuario, Accion.GESTIONAR_INFORMES)
    hoy = hoy or timezone.localdate()
    errores = {}
    if not titulo.strip():
        errores["titulo"] = "Escriba el título del informe."
    for campo, valor in (("publicado_el", publicado_el), ("desde", desde), ("hasta", hasta)):
        if valor and not fechas.en_rango(valor):
            errores[campo] = fechas.MENSAJE_RANGO
    if errores:
        raise ValidationError(errores)
    if publicado_el and publicado_el > hoy:
        errores["publicado_el"] = "La fecha de publicación no puede ser posterior a hoy."
    if espacio is not None and (desde or hasta):
        errores["__all__"] = "Elija un espacio o un periodo, no ambos."
    elif espacio is None and not (desde and hasta):
        errores["__all__"] = "Elija un espacio o un periodo (desde y hasta)."
    elif desde and hasta and hasta < desde:
        errores["hasta"] = "La fecha final no puede ser anterior a la inicial."
    if errores:
        raise ValidationError(errores)
    vigencia = espacio.fecha.year if espacio is not None else desde.year
    informe = InformeRespuestas(
        titulo=titulo.strip(),
        espacio=espacio,
        desde=desde,
        hasta=hasta,
        vigencia=vigencia,
        publicado_el=publicado_el,
        publicado_por=usuario,
    )
    informe.full_clean()
    informe.save()
    return informe
