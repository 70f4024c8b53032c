"""A known data set for the results reports, built through the services on the 2022 plan.

- 2 hearings (a public one in Comuna 1, a sectoral one in Genoy, each with the evaluation
  survey it gets when programmed, only the public one answered) and a territorial
  space in Genoy, all realised in 2022: 3 spaces held in 2 territories; plus a
  programmed and a cancelled space, which count nowhere;
- 5 questions at the public hearing: 3 answered on time (2 published), 1 late, 1 open,
  the open one with the asker's personal data (NOMBRE, CORREO, TELEFONO);
- its evaluation survey with 4 paper responses (scale 5, 4, 4, 3: satisfaction 4.00),
  each with a free text (TEXTO_LIBRE), never published;
- 3 commitments at the public hearing: pending, in progress, done (each with an
  internal follow-up note, NOTA);
- 2 of the plan's 23 activities done (1.1 and 2.4, approved progress = meta).

`mas_datos()` adds more of everything (questions, responses, commitments, spaces) for
the query-count tests.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from dialogos import services as dialogos
from dialogos.models import EspacioDialogo, Pregunta, Territorio
from encuestas import services as encuestas
from encuestas.models import Encuesta
from plan import services as plan
from plan.models import Actividad, Responsable

NOMBRE, CORREO, TELEFONO = "Ana Reservada", "ana.reservada@example.com", "3001112233"
TEXTO_ORIGINAL = "TEXTO-ORIGINAL-SIN-REVISAR"
RESPUESTA_INTERNA = "RESPUESTA-INTERNA-SIN-REVISAR"
TEXTO_LIBRE = "TEXTO-LIBRE-DE-LA-ENCUESTA"
NOTA = "NOTA-INTERNA-DEL-COMPROMISO"
PRIVADOS = (NOMBRE, CORREO, TELEFONO, TEXTO_ORIGINAL, RESPUESTA_INTERNA, TEXTO_LIBRE, NOTA)

HOY = date(2023, 1, 20)  # the reports are generated «today»: after the vigencia


def momento(anio: int, mes: int, dia: int, hora: int = 9) -> datetime:
    return timezone.make_aware(datetime(anio, mes, dia, hora))


@dataclass
class Datos:
    publica: EspacioDialogo  # audiencia pública, Comuna 1, with everything
    sectorial: EspacioDialogo  # audiencia sectorial, Genoy, its evaluation survey unanswered
    territorial: EspacioDialogo  # espacio territorial, Genoy
    encuesta: Encuesta
    preguntas: list[Pregunta]


def _programar(alicia, titulo, inicio, tipo, territorio=None) -> EspacioDialogo:
    return dialogos.programar_espacio(
        usuario=alicia,
        tipo=tipo,
        titulo=titulo,
        oficinas=[Responsable.objects.get(slug="educacion")],
        inicio=inicio,
        fin=inicio + timedelta(hours=3),
        lugar="Casa de la Cultura",
        territorio=territorio,
    )


def _realizado(alicia, titulo, inicio, tipo, territorio, asistentes, organizaciones=""):
    espacio = _programar(alicia, titulo, inicio, tipo, territorio)
    return dialogos.registrar_realizacion(
        espacio=espacio,
        usuario=alicia,
        asistentes=asistentes,
        acta="Se presentaron los resultados.",
        organizaciones=organizaciones,
    )


def _preguntas(alicia, bruno, espacio, *, a_tiempo, tarde, abiertas, publicadas) -> list:
    """Questions received on 10/08/2022 (due 15 working days later)."""
    educacion = Responsable.objects.get(slug="educacion")
    creadas = []
    for numero in range(a_tiempo + tarde + abiertas):
        datos = {}
        if numero == a_tiempo + tarde:  # the first open one carries her personal data
            datos = {"nombre": NOMBRE, "correo": CORREO, "telefono": TELEFONO}
        pregunta = dialogos.recibir_pregunta(
            texto=f"{TEXTO_ORIGINAL} {numero}",
            acepta_datos=True,
            espacio=espacio,
            hoy=date(2022, 8, 10),
            quiere_respuesta=bool(datos),
            **datos,
        )
        if numero < a_tiempo + tarde:
            dialogos.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
            dialogos.responder_pregunta(
                pregunta=pregunta, usuario=bruno, respuesta=f"{RESPUESTA_INTERNA} {numero}"
            )
            respondida = momento(2022, 8, 20) if numero < a_tiempo else momento(2022, 10, 20)
            Pregunta.objects.filter(pk=pregunta.pk).update(respondida_en=respondida)
            if numero < publicadas:
                pregunta.refresh_from_db()
                dialogos.publicar_pregunta(
                    pregunta=pregunta,
                    usuario=alicia,
                    texto_publico=f"¿Cuándo abre el colegio número {numero}?",
                    respuesta_publica=f"El colegio número {numero} abre en febrero.",
                )
        creadas.append(pregunta)
    return creadas


def _encuesta(alicia, espacio, escalas: list[str]) -> Encuesta:
    cuestionario = encuestas.crear_cuestionario(
        usuario=alicia, nombre=f"Evaluación de la audiencia {espacio.pk}"
    )
    for tipo, texto, opciones in [
        ("escala", "La información presentada fue clara.", []),
        ("unica", "¿Cómo participó?", ["Presencial", "Virtual"]),
        ("texto_largo", "Sugerencias", []),
    ]:
        encuestas.agregar_pregunta(
            usuario=alicia,
            cuestionario=cuestionario,
            tipo=tipo,
            texto=texto,
            opciones=opciones,
            obligatoria=tipo == "escala",
        )
    por_tipo = {p.tipo: p for p in cuestionario.preguntas.all()}
    periodo = {"abre_en": espacio.inicio, "cierra_en": espacio.inicio + timedelta(days=10)}
    automatica = Encuesta.objects.filter(espacio=espacio).first()
    if automatica is None:  # not a hearing: no evaluation survey of its own
        encuesta = encuestas.crear_encuesta(
            usuario=alicia, cuestionario=cuestionario, espacio=espacio, **periodo
        )
    else:  # a hearing got its evaluation survey when programmed: set its questionnaire
        encuesta = encuestas.editar_encuesta(
            usuario=alicia, encuesta=automatica, cuestionario=cuestionario, **periodo
        )
    for escala in escalas:
        encuestas.registrar_papel(
            usuario=alicia,
            encuesta=encuesta,
            respuestas={
                por_tipo["escala"].campo: escala,
                por_tipo["texto_largo"].campo: TEXTO_LIBRE,
            },
            fecha=espacio.fecha,
        )
    return encuesta


def _compromisos(alicia, bruno, espacio, estados: list[str]) -> None:
    for numero, estado in enumerate(estados):
        compromiso = dialogos.agregar_compromiso(
            espacio=espacio,
            usuario=alicia,
            descripcion=f"Compromiso número {numero} de la audiencia.",
            responsable=Responsable.objects.get(slug="educacion"),
            fecha_limite=date(2022, 12, 1),
        )
        dialogos.actualizar_compromiso(
            compromiso=compromiso, usuario=bruno, estado=estado, seguimiento=NOTA
        )


def _cumplir(alicia, codigo: str) -> None:
    actividad = Actividad.objects.get(plan__vigencia=2022, codigo=codigo)
    plan.registrar_avance(
        actividad=actividad,
        usuario=alicia,
        fecha=date(2022, 11, 30),
        cantidad=actividad.meta_cantidad,
        narrativa="Meta alcanzada.",
        confirmado=True,
        motivo="Fuera de la ventana.",
    )


def crear_datos(alicia, bruno) -> Datos:
    comuna_1 = Territorio.objects.get(nombre="Comuna 1")
    genoy = Territorio.objects.get(nombre="Genoy")
    publica = _realizado(
        alicia,
        "Audiencia pública de rendición de cuentas 2022",
        momento(2022, 8, 10),
        EspacioDialogo.Tipo.AUDIENCIA_PUBLICA,
        comuna_1,
        120,
        "Junta de Acción Comunal de la Comuna 1",
    )
    sectorial = _realizado(
        alicia,
        "Audiencia sectorial de educación",
        momento(2022, 9, 15),
        EspacioDialogo.Tipo.AUDIENCIA_SECTORIAL,
        genoy,
        50,
    )
    territorial = _realizado(
        alicia,
        "Espacio territorial en Genoy",
        momento(2022, 10, 1),
        EspacioDialogo.Tipo.ESPACIO_TERRITORIAL,
        genoy,
        30,
    )
    # Neither counts: one not held yet, one cancelled.
    _programar(alicia, "Jornada por venir", momento(2022, 12, 20), "jornada_tematica")
    cancelado = _programar(alicia, "Jornada cancelada", momento(2022, 11, 5), "jornada_tematica")
    dialogos.cancelar_espacio(espacio=cancelado, usuario=alicia, motivo="Lluvias.")

    preguntas = _preguntas(alicia, bruno, publica, a_tiempo=3, tarde=1, abiertas=1, publicadas=2)
    encuesta = _encuesta(alicia, publica, ["5", "4", "4", "3"])
    _compromisos(alicia, bruno, publica, ["pendiente", "en_curso", "cumplido"])
    _cumplir(alicia, "1.1")
    _cumplir(alicia, "2.4")
    for espacio in (publica, sectorial, territorial):
        espacio.refresh_from_db()
    return Datos(publica, sectorial, territorial, encuesta, preguntas)


def mas_datos(alicia, bruno, datos: Datos) -> None:
    """More of everything the reports count, for the query-count tests."""
    _preguntas(alicia, bruno, datos.publica, a_tiempo=6, tarde=4, abiertas=5, publicadas=4)
    escala = datos.encuesta.cuestionario.preguntas.get(tipo="escala")
    for valor in ["1", "2", "3", "4", "5"] * 3:
        encuestas.registrar_papel(
            usuario=alicia,
            encuesta=datos.encuesta,
            respuestas={escala.campo: valor},
            fecha=datos.publica.fecha,
        )
    _compromisos(alicia, bruno, datos.publica, ["pendiente", "cumplido"] * 3)
    genoy = Territorio.objects.get(nombre="Genoy")
    for dia in range(1, 6):
        otra = _realizado(
            alicia,
            f"Otra audiencia {dia}",
            momento(2022, 11, dia),
            EspacioDialogo.Tipo.AUDIENCIA_PUBLICA,
            genoy,
            10,
        )
        _encuesta(alicia, otra, ["5", "3"])
        _compromisos(alicia, bruno, otra, ["en_curso"])
        _preguntas(alicia, bruno, otra, a_tiempo=1, tarde=1, abiertas=1, publicadas=1)
    _cumplir(alicia, "3.4")
