"""Writes of encuestas: questionnaires, surveys, web answers, paper entry, publication.

As in plan.services and dialogos.services: keyword-only typed arguments, the
permission checked inside (views may not forget), one transaction per call,
and bad input raises ValidationError with Spanish messages and writes nothing.

A web answer carries a one-time token (`nuevo_testigo`), signed with the
survey's code: the first POST with it is stored, any later one (a refresh,
a double click, the back button) raises RespuestaRepetida and is not
counted again. The database enforces it too (Respuesta.token is unique).
The public view also remembers, in a signed cookie, which surveys the
browser answered, so the Back button shows «ya respondió» instead of a new
form; and each survey accepts at most `maximo_por_hora` web answers per hour
from one address (DemasiadasRespuestas), counted on the address's
pseudonym (`origen_de`), never on the address itself.
"""

import secrets
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import cast

from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.crypto import salted_hmac

from dialogos.models import EspacioDialogo
from nucleo import cambios
from nucleo.roles import Usuario

from . import fechas, permisos, reglas, selectors
from .models import (
    MAXIMO_POR_HORA,
    MENSAJE_MINIMO_POR_HORA,
    MENSAJE_TOPE_POR_HORA,
    TOPE_POR_HORA,
    Cuestionario,
    Encuesta,
    Opcion,
    PreguntaEncuesta,
    Respuesta,
    ValorRespuesta,
)
from .permisos import Accion

# --- Questionnaires ---------------------------------------------------------------


def _cuenta(usuario: Usuario) -> User:
    """The account of a user the permission check let through (never AnonymousUser), to be
    stored as «created / typed in / published by»."""
    return cast(User, usuario)


def _exigir(usuario: Usuario, accion: Accion, mensaje: str) -> None:
    if not permisos.ENCUESTAS.puede(usuario, accion):
        raise PermissionDenied(mensaje)


def _exigir_cuestionarios(usuario: Usuario) -> None:
    _exigir(usuario, Accion.GESTIONAR_CUESTIONARIOS, "Solo OPGI modifica los cuestionarios.")


def tiene_respuestas(cuestionario: Cuestionario) -> bool:
    return Respuesta.objects.filter(encuesta__cuestionario=cuestionario).exists()


def _exigir_sin_respuestas(cuestionario: Cuestionario) -> None:
    if tiene_respuestas(cuestionario):
        raise ValidationError(
            "Este cuestionario ya tiene respuestas: sus preguntas no se modifican, para no "
            "cambiar lo que la ciudadanía respondió. Duplíquelo para hacer cambios."
        )


def _validar_nombre(nombre: str, excluir: int | None = None) -> str:
    nombre = " ".join(nombre.split())
    if not nombre:
        raise ValidationError({"nombre": "Escriba el nombre del cuestionario."})
    # Compared in Python: SQLite folds the case of ASCII letters only («Ó» ≠ «ó»).
    otros = Cuestionario.objects.all()
    if excluir is not None:
        otros = otros.exclude(pk=excluir)
    nombres = otros.values_list("nombre", flat=True)
    if any(otro.casefold() == nombre.casefold() for otro in nombres):
        raise ValidationError({"nombre": "Ya existe un cuestionario con ese nombre."})
    return nombre


@transaction.atomic
def crear_cuestionario(*, usuario: Usuario, nombre: str, presentacion: str = "") -> Cuestionario:
    _exigir_cuestionarios(usuario)
    return Cuestionario.objects.create(
        nombre=_validar_nombre(nombre),
        presentacion=presentacion.strip(),
        creado_por=_cuenta(usuario),
    )


@transaction.atomic
def editar_cuestionario(
    *, usuario: Usuario, cuestionario: Cuestionario, nombre: str, presentacion: str = ""
) -> Cuestionario:
    """Name and presentation may change even with responses: they change no answer."""
    _exigir_cuestionarios(usuario)
    cuestionario.nombre = _validar_nombre(nombre, excluir=cuestionario.pk)
    cuestionario.presentacion = presentacion.strip()
    cuestionario.save(update_fields=["nombre", "presentacion"])
    return cuestionario


@transaction.atomic
def duplicar_cuestionario(
    *, usuario: Usuario, cuestionario: Cuestionario, nombre: str
) -> Cuestionario:
    """A copy (questions and options) to adapt; never the default one."""
    _exigir_cuestionarios(usuario)
    copia = Cuestionario.objects.create(
        nombre=_validar_nombre(nombre),
        presentacion=cuestionario.presentacion,
        creado_por=_cuenta(usuario),
    )
    for pregunta in cuestionario.preguntas.prefetch_related("opciones").order_by("orden", "pk"):
        nueva = PreguntaEncuesta.objects.create(
            cuestionario=copia,
            orden=pregunta.orden,
            tipo=pregunta.tipo,
            texto=pregunta.texto,
            ayuda=pregunta.ayuda,
            obligatoria=pregunta.obligatoria,
        )
        Opcion.objects.bulk_create(
            Opcion(pregunta=nueva, orden=o.orden, texto=o.texto, valor=o.valor)
            for o in pregunta.opciones.all()
        )
    return copia


def _datos_pregunta(
    *, tipo: str, texto: str, ayuda: str, opciones: Iterable[str]
) -> tuple[str, str, list[tuple[str, int | None]]]:
    errores: dict[str, str | list[str]] = {}
    if tipo not in PreguntaEncuesta.Tipo.values:
        errores["tipo"] = "Elija un tipo de pregunta válido."
    texto = " ".join(texto.split())
    if not texto:
        errores["texto"] = "Escriba la pregunta."
    elif len(texto) > 300:
        errores["texto"] = "La pregunta tiene como máximo 300 caracteres."
    if len(ayuda.strip()) > 300:
        errores["ayuda"] = "El texto de ayuda tiene como máximo 300 caracteres."
    lista: list[tuple[str, int | None]] = []
    if "tipo" not in errores:
        try:
            lista = reglas.opciones_de(tipo, opciones)
        except ValidationError as error:
            errores.update(error.message_dict)
    if errores:
        raise ValidationError(errores)
    return texto, ayuda.strip(), lista


def _crear_opciones(pregunta: PreguntaEncuesta, opciones: list[tuple[str, int | None]]) -> None:
    Opcion.objects.bulk_create(
        Opcion(pregunta=pregunta, orden=orden, texto=texto, valor=valor)
        for orden, (texto, valor) in enumerate(opciones, start=1)
    )


@transaction.atomic
def agregar_pregunta(
    *,
    usuario: Usuario,
    cuestionario: Cuestionario,
    tipo: str,
    texto: str,
    obligatoria: bool = True,
    opciones: Iterable[str] = (),
    ayuda: str = "",
) -> PreguntaEncuesta:
    """Add a question at the end. `opciones`: one per item (a scale's 5 labels, optional)."""
    _exigir_cuestionarios(usuario)
    _exigir_sin_respuestas(cuestionario)
    texto, ayuda, lista = _datos_pregunta(tipo=tipo, texto=texto, ayuda=ayuda, opciones=opciones)
    ultimo = cuestionario.preguntas.aggregate(m=Max("orden"))["m"] or 0
    pregunta = PreguntaEncuesta.objects.create(
        cuestionario=cuestionario,
        orden=ultimo + 1,
        tipo=tipo,
        texto=texto,
        ayuda=ayuda,
        obligatoria=obligatoria,
    )
    _crear_opciones(pregunta, lista)
    return pregunta


@transaction.atomic
def editar_pregunta(
    *,
    usuario: Usuario,
    pregunta: PreguntaEncuesta,
    tipo: str,
    texto: str,
    obligatoria: bool,
    opciones: Iterable[str] = (),
    ayuda: str = "",
) -> PreguntaEncuesta:
    _exigir_cuestionarios(usuario)
    _exigir_sin_respuestas(pregunta.cuestionario)
    texto, ayuda, lista = _datos_pregunta(tipo=tipo, texto=texto, ayuda=ayuda, opciones=opciones)
    pregunta.tipo, pregunta.texto, pregunta.ayuda = tipo, texto, ayuda
    pregunta.obligatoria = obligatoria
    pregunta.save()
    pregunta.opciones.all().delete()
    _crear_opciones(pregunta, lista)
    return pregunta


def _renumerar(cuestionario: Cuestionario, ordenadas: list[PreguntaEncuesta]) -> None:
    for orden, pregunta in enumerate(ordenadas, start=1):
        if pregunta.orden != orden:
            pregunta.orden = orden
            pregunta.save(update_fields=["orden"])


@transaction.atomic
def mover_pregunta(*, usuario: Usuario, pregunta: PreguntaEncuesta, hacia: str) -> PreguntaEncuesta:
    """Move a question one place up («arriba») or down («abajo»)."""
    _exigir_cuestionarios(usuario)
    cuestionario = pregunta.cuestionario
    _exigir_sin_respuestas(cuestionario)
    if hacia not in ("arriba", "abajo"):
        raise ValidationError("Indique si la pregunta sube o baja.")
    ordenadas = list(cuestionario.preguntas.select_for_update().order_by("orden", "pk"))
    indice = next(i for i, p in enumerate(ordenadas) if p.pk == pregunta.pk)
    otro = indice - 1 if hacia == "arriba" else indice + 1
    if 0 <= otro < len(ordenadas):
        ordenadas[indice], ordenadas[otro] = ordenadas[otro], ordenadas[indice]
    _renumerar(cuestionario, ordenadas)
    return next(p for p in ordenadas if p.pk == pregunta.pk)


@transaction.atomic
def eliminar_pregunta(*, usuario: Usuario, pregunta: PreguntaEncuesta) -> None:
    _exigir_cuestionarios(usuario)
    cuestionario = pregunta.cuestionario
    _exigir_sin_respuestas(cuestionario)
    pregunta.delete()
    _renumerar(cuestionario, list(cuestionario.preguntas.order_by("orden", "pk")))


# --- Surveys ----------------------------------------------------------------------

LARGO_CODIGO = 10
# Lower-case letters and digits without look-alikes (0/o, 1/l/i): the link may be typed from a poster.
ALFABETO_CODIGO = "23456789abcdefghjkmnpqrstuvwxyz"


def _nuevo_codigo() -> str:
    while True:
        codigo = "".join(secrets.choice(ALFABETO_CODIGO) for _ in range(LARGO_CODIGO))
        if not Encuesta.objects.filter(codigo=codigo).exists():
            return codigo


def _validar_encuesta(
    *,
    cuestionario: Cuestionario | None,
    abre_en: datetime | None,
    cierra_en: datetime | None,
    espacio: EspacioDialogo | None,
    titulo: str,
    maximo_por_hora: int,
) -> None:
    errores: dict[str, str] = fechas.errores_periodo(
        abre_en=abre_en, cierra_en=cierra_en, vigencia=fechas.vigencia_de(espacio)
    )
    if maximo_por_hora < 1:
        errores["maximo_por_hora"] = MENSAJE_MINIMO_POR_HORA
    elif maximo_por_hora > TOPE_POR_HORA:
        errores["maximo_por_hora"] = MENSAJE_TOPE_POR_HORA
    if cuestionario is None:
        errores["cuestionario"] = "Elija el cuestionario."
    elif not cuestionario.preguntas.exists():
        errores["cuestionario"] = "El cuestionario no tiene preguntas."
    if abre_en is None:
        errores["abre_en"] = "Indique cuándo abre la encuesta."
    if cierra_en is None:
        errores["cierra_en"] = "Indique cuándo cierra la encuesta."
    elif abre_en is not None and "cierra_en" not in errores and cierra_en <= abre_en:
        errores["cierra_en"] = "El cierre debe ser posterior a la apertura."
    if espacio is None and not titulo:
        errores["titulo"] = "Una encuesta general debe tener título."
    if len(titulo) > 200:
        errores["titulo"] = "El título tiene como máximo 200 caracteres."
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def crear_encuesta(
    *,
    usuario: Usuario,
    cuestionario: Cuestionario,
    abre_en: datetime,
    cierra_en: datetime,
    espacio: EspacioDialogo | None = None,
    titulo: str = "",
    maximo_por_hora: int | None = None,
) -> Encuesta:
    """A survey for a space (OPGI or an organising office) or a general one (OPGI)."""
    maximo_por_hora = MAXIMO_POR_HORA if maximo_por_hora is None else maximo_por_hora
    if not permisos.puede_crear_para(usuario, espacio):
        raise PermissionDenied(
            "Solo OPGI, o una dependencia organizadora del espacio que no cuente para la "
            "actividad de otra dependencia, crea su encuesta."
        )
    titulo = " ".join(titulo.split())
    if espacio is not None:
        espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
        if espacio.esta_cancelado:
            raise ValidationError({"espacio": "El espacio fue cancelado: no lleva encuesta."})
        if Encuesta.objects.filter(espacio=espacio).exists():
            raise ValidationError({"espacio": "Ese espacio ya tiene su encuesta."})
    _validar_encuesta(
        cuestionario=cuestionario,
        abre_en=abre_en,
        cierra_en=cierra_en,
        espacio=espacio,
        titulo=titulo,
        maximo_por_hora=maximo_por_hora,
    )
    return Encuesta.objects.create(
        codigo=_nuevo_codigo(),
        cuestionario=cuestionario,
        espacio=espacio,
        titulo=titulo,
        abre_en=abre_en,
        cierra_en=cierra_en,
        maximo_por_hora=maximo_por_hora,
        creada_por=_cuenta(usuario),
    )


@transaction.atomic
def crear_evaluacion_de_audiencia(*, espacio: EspacioDialogo, usuario: Usuario) -> Encuesta | None:
    """The evaluation survey the MURC asks of every hearing, with the default questionnaire,
    attached when the hearing is programmed (dialogos.signals.espacio_programado).

    Idempotent: nothing for a space that is not a hearing, is cancelled or already has its
    survey, nor without a default questionnaire with questions. No permission check of its
    own: it is part of programming the hearing, which dialogos already allowed.
    """
    if not espacio.es_audiencia or espacio.esta_cancelado:
        return None
    espacio = EspacioDialogo.objects.select_for_update().get(pk=espacio.pk)
    if Encuesta.objects.filter(espacio=espacio).exists():
        return None
    cuestionario = selectors.predeterminado()
    if cuestionario is None or not cuestionario.preguntas.exists():
        return None
    abre_en, cierra_en = fechas.periodo_del_espacio(espacio)
    encuesta = Encuesta.objects.create(
        codigo=_nuevo_codigo(),
        cuestionario=cuestionario,
        espacio=espacio,
        abre_en=abre_en,
        cierra_en=cierra_en,
        maximo_por_hora=MAXIMO_POR_HORA,
        creada_por=_cuenta(usuario),
    )
    cambios.registrar("encuesta.creada_por_defecto", usuario=usuario, objeto=encuesta)
    return encuesta


def al_programar_espacio(
    sender: type[EspacioDialogo], *, espacio: EspacioDialogo, usuario: Usuario, **kwargs: object
) -> None:
    """Receiver of dialogos.signals.espacio_programado (connected in encuestas/apps.py)."""
    crear_evaluacion_de_audiencia(espacio=espacio, usuario=usuario)


@transaction.atomic
def editar_encuesta(
    *,
    usuario: Usuario,
    encuesta: Encuesta,
    cuestionario: Cuestionario,
    abre_en: datetime,
    cierra_en: datetime,
    titulo: str = "",
    maximo_por_hora: int | None = None,
) -> Encuesta:
    """Change the dates, the title, the hourly cap (None: unchanged) and, while nobody has
    answered, the questionnaire."""
    if not permisos.ENCUESTAS.permite(usuario, Accion.PROGRAMAR_ENCUESTA, encuesta):
        raise PermissionDenied("No tiene permiso para modificar esta encuesta.")
    encuesta = (
        Encuesta.objects.select_for_update(of=("self",))
        .select_related("espacio")
        .get(pk=encuesta.pk)
    )
    titulo = " ".join(titulo.split())
    if maximo_por_hora is None:
        maximo_por_hora = encuesta.maximo_por_hora
    _validar_encuesta(
        cuestionario=cuestionario,
        abre_en=abre_en,
        cierra_en=cierra_en,
        espacio=encuesta.espacio,
        titulo=titulo,
        maximo_por_hora=maximo_por_hora,
    )
    if cuestionario.pk != encuesta.cuestionario_id and encuesta.respuestas.exists():
        raise ValidationError(
            {"cuestionario": "La encuesta ya tiene respuestas: su cuestionario no se cambia."}
        )
    encuesta.cuestionario = cuestionario
    encuesta.abre_en, encuesta.cierra_en, encuesta.titulo = abre_en, cierra_en, titulo
    encuesta.maximo_por_hora = maximo_por_hora
    encuesta.save(
        update_fields=["cuestionario", "abre_en", "cierra_en", "titulo", "maximo_por_hora"]
    )
    return encuesta


@transaction.atomic
def publicar_resultados(
    *, usuario: Usuario, encuesta: Encuesta, publicar: bool, ahora: datetime | None = None
) -> Encuesta:
    """OPGI publishes the aggregated results on the citizens' page (or withdraws them)."""
    if not permisos.ENCUESTAS.permite(usuario, Accion.PUBLICAR_RESULTADOS, encuesta):
        raise PermissionDenied("Solo OPGI publica los resultados de las encuestas.")
    anterior = encuesta.aplicar("publicar" if publicar else "retirar")
    encuesta.publicados_en = (ahora or timezone.now()) if publicar else None
    encuesta.publicados_por = _cuenta(usuario) if publicar else None
    encuesta.save(update_fields=["resultados_publicados", "publicados_en", "publicados_por"])
    cambios.registrar(
        "encuesta.resultados_publicados" if publicar else "encuesta.resultados_retirados",
        usuario=usuario,
        objeto=encuesta,
        anterior=anterior,
    )
    return encuesta


# --- Answers ----------------------------------------------------------------------

SAL_TESTIGO = "encuestas.testigo"
SAL_ORIGEN = "encuestas.origen"
# A form may be opened at the event and sent hours later, but not days later.
VIGENCIA_TESTIGO = 24 * 60 * 60

MENSAJE_CERRADA = "Esta encuesta no está abierta: ya no recibe respuestas."
MENSAJE_TESTIGO = "El formulario venció o no es válido. Revise sus respuestas y envíelo de nuevo."
MENSAJE_VACIA = "Responda al menos una pregunta."
MENSAJE_NO_PUBLICA = "Esta encuesta no está disponible para la ciudadanía."


class RespuestaRepetida(Exception):
    """The form's token was already used: this answer is already counted."""


def nuevo_testigo(encuesta: Encuesta) -> str:
    """A one-time token for one web form of this survey (signed; valid 24 hours)."""
    return signing.dumps(
        {"e": encuesta.codigo, "n": secrets.token_urlsafe(24)}, salt=SAL_TESTIGO, compress=True
    )


def _leer_testigo(encuesta: Encuesta, testigo: str) -> str:
    try:
        datos = signing.loads(testigo or "", salt=SAL_TESTIGO, max_age=VIGENCIA_TESTIGO)
    except signing.BadSignature:
        raise ValidationError(MENSAJE_TESTIGO, code="testigo") from None
    if not isinstance(datos, dict) or datos.get("e") != encuesta.codigo or not datos.get("n"):
        raise ValidationError(MENSAJE_TESTIGO, code="testigo")
    return str(datos["n"])[:64]


def preguntas_de(encuesta: Encuesta) -> list[PreguntaEncuesta]:
    """The survey's questions in order, with their options (two queries)."""
    return list(
        encuesta.cuestionario.preguntas.order_by("orden", "pk").prefetch_related(
            Prefetch("opciones", queryset=Opcion.objects.order_by("orden", "pk"))
        )
    )


def _valores(
    encuesta: Encuesta,
    respuestas: Mapping[str, object],
    preguntas: list[PreguntaEncuesta] | None = None,
) -> list[reglas.Valor]:
    preguntas = preguntas if preguntas is not None else preguntas_de(encuesta)
    valores = reglas.interpretar(preguntas, respuestas)
    if not valores:
        raise ValidationError(MENSAJE_VACIA, code="vacia")
    return valores


def _guardar_valores(respuesta: Respuesta, valores: list[reglas.Valor]) -> None:
    ValorRespuesta.objects.bulk_create(
        ValorRespuesta(respuesta=respuesta, pregunta=v.pregunta, opcion=v.opcion, texto=v.texto)
        for v in valores
    )


class DemasiadasRespuestas(Exception):
    """The survey's hourly cap for this connection is reached: the answer is not stored."""

    def __init__(self, maximo: int):
        self.maximo = maximo
        super().__init__(
            f"Desde su conexión ya se enviaron {maximo} respuestas a esta encuesta en la última "
            "hora, el máximo permitido. Si está en un evento y muchas personas comparten la "
            "misma red, pida al equipo organizador que suba el límite o un formato en papel; "
            "su respuesta no se guardó."
        )


def origen_de(encuesta: Encuesta, ip: str) -> str:
    """The pseudonym of a client address in one survey: HMAC-SHA256 keyed with SECRET_KEY.

    The raw address is never stored (it is personal data). Mixing in the survey's
    code makes the pseudonyms of two surveys unlinkable; 128 bits never collide in
    practice.
    """
    return salted_hmac(SAL_ORIGEN, f"{encuesta.codigo}|{ip}", algorithm="sha256").hexdigest()[:32]


def testigo_usado(encuesta: Encuesta, testigo: str) -> bool:
    """Whether `testigo` is a valid token of this survey already stored with a response.

    Checked before the answers are validated: a used token re-sent with blank
    answers must end on «ya respondió», never on a form with a fresh token.
    """
    try:
        nonce = _leer_testigo(encuesta, testigo)
    except ValidationError:
        return False
    return Respuesta.objects.filter(token=nonce).exists()


def testigo_valido(encuesta: Encuesta, testigo: str) -> bool:
    """Whether `testigo` is a well-signed, unexpired token of this survey (used or not)."""
    try:
        _leer_testigo(encuesta, testigo)
    except ValidationError:
        return False
    return True


@transaction.atomic
def responder(
    *,
    encuesta: Encuesta,
    respuestas: Mapping[str, object],
    testigo: str,
    ip: str | None = None,
    preguntas: list[PreguntaEncuesta] | None = None,
    ahora: datetime | None = None,
) -> Respuesta:
    """An anonymous answer from the public web form; counts from today.

    `respuestas` maps each question's `campo` to its value (see
    reglas.interpretar). `ip` is the client's address: the public view always
    passes it, and then at most `encuesta.maximo_por_hora` responses per hour
    are stored from that address (its pseudonym, `origen_de`, is stored, not
    the address); None only for data loaded by the team's own scripts. Raises
    ValidationError (code «cerrada», «testigo», «vacia» or per field),
    RespuestaRepetida or DemasiadasRespuestas. The token is checked as used
    before anything else about the answers.
    """
    ahora = ahora or timezone.now()
    if not encuesta.abierta(ahora):
        raise ValidationError(MENSAJE_CERRADA, code="cerrada")
    # A survey of a space of an unpublished plan is not public: citizens cannot answer it.
    if not selectors.encuestas_publicas().filter(pk=encuesta.pk).exists():
        raise ValidationError(MENSAJE_NO_PUBLICA, code="no_publica")
    nonce = _leer_testigo(encuesta, testigo)
    if Respuesta.objects.filter(token=nonce).exists():
        raise RespuestaRepetida
    origen = ""
    if ip is not None:
        origen = origen_de(encuesta, ip)
        # One survey's web answers are counted one at a time (PostgreSQL row lock), so
        # simultaneous sends from one address cannot all pass the count.
        Encuesta.objects.select_for_update().filter(pk=encuesta.pk).first()
        recientes = Respuesta.objects.filter(
            encuesta=encuesta, origen=origen, registrada_en__gt=ahora - timedelta(hours=1)
        ).count()
        if recientes >= encuesta.maximo_por_hora:
            raise DemasiadasRespuestas(encuesta.maximo_por_hora)
    valores = _valores(encuesta, respuestas, preguntas)
    try:
        with transaction.atomic():
            respuesta = Respuesta.objects.create(
                encuesta=encuesta,
                canal=Respuesta.Canal.WEB,
                fecha=timezone.localdate(ahora),
                token=nonce,
                origen=origen,
            )
    except IntegrityError:
        # Two simultaneous sends of the same form: the other one was stored.
        raise RespuestaRepetida from None
    _guardar_valores(respuesta, valores)
    return respuesta


def primer_dia_papel(encuesta: Encuesta) -> date:
    """The earliest date a paper form can bear: the space's day (forms are filled there,
    even if the web survey opened later), or the opening of a general survey."""
    abre = timezone.localdate(encuesta.abre_en)
    if encuesta.espacio is not None:
        return min(timezone.localdate(encuesta.espacio.inicio), abre)
    return abre


@transaction.atomic
def registrar_papel(
    *,
    usuario: Usuario,
    encuesta: Encuesta,
    respuestas: Mapping[str, object],
    fecha: date | None,
    preguntas: list[PreguntaEncuesta] | None = None,
    hoy: date | None = None,
) -> Respuesta:
    """Staff type in a paper form filled at the space, dated the day it was filled.

    The date goes from `primer_dia_papel` to today, also after the web survey
    closed (the forms collected at the event are typed in later).
    """
    if not permisos.ENCUESTAS.permite(usuario, Accion.REGISTRAR_PAPEL, encuesta):
        raise PermissionDenied("No puede digitar formatos de esta encuesta.")
    hoy = hoy or timezone.localdate()
    errores: dict[str, list[str | ValidationError]] = {}
    desde = primer_dia_papel(encuesta)
    if fecha is None:
        errores["fecha"] = [reglas.MENSAJE_SIN_FECHA]
    elif fecha > hoy:
        errores["fecha"] = ["La fecha del formato no puede ser posterior a hoy."]
    elif fecha < desde:
        errores["fecha"] = [
            f"La fecha del formato no puede ser anterior al {desde:%d/%m/%Y} "
            f"({'el día del espacio' if encuesta.espacio_id else 'la apertura de la encuesta'})."
        ]
    try:
        valores = _valores(encuesta, respuestas, preguntas)
    except ValidationError as error:
        # update_error_dict: a field's errors and a whole-form one («vacia») alike.
        por_campo: dict[str, list[ValidationError]] = {}
        for campo, mensajes in error.update_error_dict(por_campo).items():
            errores.setdefault(campo, []).extend(mensajes)
    if errores or fecha is None:
        raise ValidationError(errores)
    respuesta = Respuesta.objects.create(
        encuesta=encuesta, canal=Respuesta.Canal.PAPEL, fecha=fecha, registrada_por=_cuenta(usuario)
    )
    _guardar_valores(respuesta, valores)
    return respuesta
