"""The citizens' portal filled with published and unpublished data, through the services.

Shared by tests/test_nada_sin_publicar.py (no unpublished item on any public
page or open-data file) and tests/e2e/test_accesibilidad.py (every public page
checked by axe with real content on it):

- `poblar_portal()`: on the 2022 plan (loaded beforehand), what citizens see
  (public evidence, spaces of every state with their record and commitments,
  published questions and answer reports, a survey with published results and
  an open one, the published results reports of the hearing and of 2022) and,
  beside it, what they must never see. Each unpublished text
  carries a marker of MARCAS: evidence sent / returned / approved but not
  public, the review comments, the follow-up's observación, the progress
  narratives (internal: the portal shows the figures, not the narratives), a
  commitment's follow-up note and a space's attachment (internal pages only),
  citizens' personal data, unpublished questions, internal answers, free-text
  survey answers (never published, results published or not).
- `crear_plan_sin_publicar()`: a whole 2023 plan with publicado=False, every
  text of it marked (with an approved, «public» evidence file, still not public
  because its plan is not), and a realised space that counts for one of its
  activities, marked in its title, place, theme and record, with a question
  published for it and a survey for it with published results, both marked in
  their public texts. They were published while the plan was, and the plan was
  then withdrawn: none of them is public any more.

Needs Pasto's 29 territories (fixtures/territorios_pasto.json): every test that
uses this data loads them first (`crear_territorios()`), a browser test too (its
database is flushed after each test).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from conftest import crear_usuario
from dialogos import services as dialogos
from dialogos.models import EspacioDialogo, InformeRespuestas, Pregunta, Territorio, TipoPeticion
from encuestas import services as encuestas
from encuestas.models import Encuesta
from nucleo import roles
from nucleo.models import Entidad
from plan import services as plan
from plan.models import Actividad, Componente, Evidencia, Plan, Responsable, Subcomponente
from plan.tests.fabricas import crear_plan_grande
from resultados import services as resultados
from tests.ayudas import PDF_MINIMO

# The citizen who asked: her personal data must never be public (Ley 1581 de 2012).
NOMBRE, CORREO, TELEFONO = "Ana Secreta", "ana.secreta@example.com", "3009998877"

# Every marker is in one unpublished text only; none is a substring of a public text.
MARCAS_2022 = (
    # Evidence: sent, returned, approved but not public (description and file name),
    # and the review comments (also the one on a public evidence).
    "SECRETO-EVIDENCIA-ENVIADA",
    "SECRETO-ARCHIVO-ENVIADA",
    "SECRETO-EVIDENCIA-DEVUELTA",
    "SECRETO-COMENTARIO-DEVOLUCION",
    "SECRETO-EVIDENCIA-APROBADA-PRIVADA",
    "SECRETO-ARCHIVO-APROBADA-PRIVADA",
    "SECRETO-COMENTARIO-APROBACION",
    # The follow-up: observación and progress narratives.
    "SECRETO-OBSERVACION",
    "SECRETO-NARRATIVA-AVANCE",
    # A realised space: its commitment's follow-up note and an attachment.
    "SECRETO-NOTA-COMPROMISO",
    "SECRETO-ADJUNTO",
    "SECRETO-ARCHIVO-ADJUNTO",
    # Citizens' questions: personal data, texts not published, internal answers.
    NOMBRE,
    CORREO,
    TELEFONO,
    "SECRETO-PREGUNTA-RECIBIDA",
    "SECRETO-PREGUNTA-RESPONDIDA",
    "SECRETO-RESPUESTA-SIN-PUBLICAR",
    "SECRETO-PREGUNTA-ORIGINAL",
    "SECRETO-RESPUESTA-INTERNA",
    # The staff's reasons on a question's clock (Ley 1755 de 2015): told to the citizen
    # by e-mail, never published.
    "SECRETO-MOTIVO-RECLASIFICACION",
    "SECRETO-MOTIVO-PRORROGA",
    "SECRETO-MOTIVO-SOLICITUD",
    "SECRETO-MOTIVO-TRASLADO",
    # Free-text survey answers, of published and of unpublished results.
    "SECRETO-TEXTO-LIBRE-PUBLICADA",
    "SECRETO-TEXTO-LIBRE-SIN-PUBLICAR",
)
MARCAS_2023 = (
    "SECRETO-PLAN-2023",
    "SECRETO-ENTIDAD-2023",
    "SECRETO-DEPENDENCIA-2023",
    "SECRETO-INTRODUCCION-2023",
    "SECRETO-COMPONENTE-2023",
    "SECRETO-SUBCOMPONENTE-2023",
    "SECRETO-ACTIVIDAD-2023",
    "SECRETO-PRODUCTO-2023",
    "SECRETO-META-2023",
    "SECRETO-EVIDENCIA-2023",
    "SECRETO-ARCHIVO-2023",
)
# The space that counts for a 2023 activity, its published question and its survey.
MARCAS_ESPACIO_2023 = (
    "SECRETO-ESPACIO-2023-TITULO",
    "SECRETO-ESPACIO-2023-LUGAR",
    "SECRETO-ESPACIO-2023-TEMA",
    "SECRETO-ESPACIO-2023-ACTA",
    "SECRETO-PREGUNTA-2023-PUBLICA",
    "SECRETO-RESPUESTA-2023-PUBLICA",
    "SECRETO-ENCUESTA-2023",
)
MARCAS = MARCAS_2022 + MARCAS_2023 + MARCAS_ESPACIO_2023


def crear_territorios() -> None:
    """Pasto's comunas and corregimientos (fixtures/territorios_pasto.json: data since
    issue 16, no longer a migration); loading them again changes nothing."""
    call_command("loaddata", "territorios_pasto", verbosity=0)


def momento(anio, mes, dia, hora=9) -> datetime:
    return timezone.make_aware(datetime(anio, mes, dia, hora))


def _archivo(nombre: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, PDF_MINIMO, content_type="application/pdf")


@dataclass
class Portal:
    alicia: object
    bruno: object
    evidencia_publica: Evidencia  # a file
    enlace_publico: Evidencia  # a link (its page is the link itself)
    evidencias_secretas: list[Evidencia]
    realizado: EspacioDialogo
    programado: EspacioDialogo
    cancelado: EspacioDialogo
    territorial: EspacioDialogo
    publicadas: list[Pregunta]
    sin_publicar: list[Pregunta]
    informes: list[InformeRespuestas]
    encuesta_publicada: Encuesta  # closed, results published
    encuesta_abierta: Encuesta  # open now, results not published
    plan_sin_publicar: Plan | None = None
    espacio_2023: EspacioDialogo | None = None  # counts for an activity of that plan
    pregunta_2023: Pregunta | None = None  # published, for that space
    encuesta_2023: Encuesta | None = None  # results published, for that space

    @property
    def espacios(self) -> list[EspacioDialogo]:
        return [self.realizado, self.programado, self.cancelado, self.territorial]

    @property
    def preguntas(self) -> list[Pregunta]:
        return self.publicadas + self.sin_publicar

    @property
    def encuestas(self) -> list[Encuesta]:
        return [self.encuesta_publicada, self.encuesta_abierta]


def _evidencias(alicia, bruno) -> tuple[Evidencia, Evidencia, list[Evidencia]]:
    """On Educación's activity 1.3 (bruno's office); OPGI (alicia) reviews them."""
    actividad = Actividad.objects.get(plan__vigencia=2022, codigo="1.3")

    def subir(descripcion, **archivo_o_enlace):
        return plan.subir_evidencia(
            actividad=actividad, usuario=bruno, descripcion=descripcion, **archivo_o_enlace
        )

    publica = subir("Acta de la audiencia pública", archivo=_archivo("acta-audiencia.pdf"))
    plan.aprobar_evidencia(
        evidencia=publica, revisor=alicia, comentario="SECRETO-COMENTARIO-APROBACION"
    )
    plan.cambiar_publicacion(evidencia=publica, revisor=alicia, publica=True)
    enlace = subir("Transmisión en Facebook Live", enlace="https://www.pasto.gov.co/audiencia")
    plan.aprobar_evidencia(evidencia=enlace, revisor=alicia)
    plan.cambiar_publicacion(evidencia=enlace, revisor=alicia, publica=True)

    enviada = subir("SECRETO-EVIDENCIA-ENVIADA", archivo=_archivo("SECRETO-ARCHIVO-ENVIADA.pdf"))
    devuelta = subir("SECRETO-EVIDENCIA-DEVUELTA", enlace="https://example.org/devuelta")
    plan.devolver_evidencia(
        evidencia=devuelta, revisor=alicia, comentario="SECRETO-COMENTARIO-DEVOLUCION"
    )
    privada = subir(
        "SECRETO-EVIDENCIA-APROBADA-PRIVADA",
        archivo=_archivo("SECRETO-ARCHIVO-APROBADA-PRIVADA.pdf"),
    )
    plan.aprobar_evidencia(evidencia=privada, revisor=alicia)
    return publica, enlace, [enviada, devuelta, privada]


def _seguimiento(alicia, bruno, diana) -> None:
    actividad = Actividad.objects.get(plan__vigencia=2022, codigo="1.3")
    plan.registrar_avance(
        actividad=actividad,
        usuario=bruno,
        fecha=date(2022, 6, 30),
        cantidad=Decimal(1),
        narrativa="SECRETO-NARRATIVA-AVANCE",
        confirmado=True,  # before the activity's window (01/09–20/12)
        motivo="Reportado antes de la ventana.",
    )
    plan.guardar_observacion(
        actividad=actividad, corte=2, texto="SECRETO-OBSERVACION", usuario=diana
    )


def _espacios(alicia, bruno):
    def programar(titulo, inicio, **campos):
        campos.setdefault("lugar", "Casa de la Cultura")
        return dialogos.programar_espacio(
            usuario=alicia,
            tipo=campos.pop("tipo", EspacioDialogo.Tipo.JORNADA_TEMATICA),
            titulo=titulo,
            oficinas=[Responsable.objects.get(slug="educacion")],
            inicio=inicio,
            fin=inicio + timedelta(hours=3),
            **campos,
        )

    realizado = programar(
        "Audiencia pública de educación",
        momento(2022, 8, 10),
        tipo=EspacioDialogo.Tipo.AUDIENCIA_SECTORIAL,
        tema="Calidad educativa y alimentación escolar.",
        actividad=Actividad.objects.get(plan__vigencia=2022, codigo="2.2"),
    )
    # A hearing: its management report (a public document) and its convocatoria (the MURC).
    dialogos.registrar_informe_gestion(
        espacio=realizado,
        usuario=alicia,
        publicado_el=date(2022, 7, 1),
        archivo=_archivo("informe-de-gestion-educacion-2022.pdf"),
    )
    dialogos.registrar_convocatoria(
        espacio=realizado,
        usuario=alicia,
        convocada_el=date(2022, 7, 20),
        canales=["pagina_web", "radio"],
    )
    realizado = dialogos.registrar_realizacion(
        espacio=realizado,
        usuario=alicia,
        asistentes=85,
        acta="Se presentó el avance del plan de educación y se recibieron preguntas.",
        organizaciones="Asociación de padres de familia",
    )
    compromiso = dialogos.agregar_compromiso(
        espacio=realizado,
        usuario=alicia,
        descripcion="Publicar el calendario de obras de los colegios.",
        responsable=Responsable.objects.get(slug="educacion"),
        fecha_limite=date(2022, 10, 30),
    )
    dialogos.actualizar_compromiso(
        compromiso=compromiso,
        usuario=bruno,
        estado="en_curso",
        seguimiento="SECRETO-NOTA-COMPROMISO",
    )
    dialogos.subir_adjunto(
        espacio=realizado,
        usuario=alicia,
        tipo="asistencia",
        descripcion="SECRETO-ADJUNTO",
        archivo=_archivo("SECRETO-ARCHIVO-ADJUNTO.pdf"),
    )
    ahora = timezone.now()
    programado = programar(
        "Jornada temática de salud pública",
        ahora.replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=20),
        enlace="https://meet.example.org/salud",
        lugar="",
    )
    cancelado = programar("Jornada de movilidad", momento(2022, 9, 5))
    cancelado = dialogos.cancelar_espacio(
        espacio=cancelado, usuario=alicia, motivo="Paro de transporte en la ciudad."
    )
    territorial = programar(
        "Espacio territorial en Genoy",
        momento(2022, 11, 2),
        tipo=EspacioDialogo.Tipo.ESPACIO_TERRITORIAL,
        territorio=Territorio.objects.get(nombre="Genoy"),
    )
    dialogos.registrar_realizacion(
        espacio=territorial, usuario=alicia, asistentes=40, acta="Diálogo con la comunidad."
    )
    territorial.refresh_from_db()
    return realizado, programado, cancelado, territorial


def _preguntas(alicia, bruno, realizado) -> tuple[list[Pregunta], list[Pregunta]]:
    educacion = Responsable.objects.get(slug="educacion")
    genoy = Territorio.objects.get(nombre="Genoy")
    personales = {"nombre": NOMBRE, "correo": CORREO, "telefono": TELEFONO}

    def recibir(texto, **campos):
        return dialogos.recibir_pregunta(
            texto=texto, acepta_datos=True, hoy=date(2022, 8, 10), **campos
        )

    def responder(pregunta, respuesta):
        dialogos.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
        return dialogos.responder_pregunta(pregunta=pregunta, usuario=bruno, respuesta=respuesta)

    # Published: the reviewed texts go out, never her data nor the internal texts.
    publicada = recibir(
        "SECRETO-PREGUNTA-ORIGINAL: soy Ana Secreta, ¿cuándo abre el colegio de Genoy?",
        espacio=realizado,
        territorio=genoy,
        quiere_respuesta=True,
        **personales,
    )
    responder(publicada, "SECRETO-RESPUESTA-INTERNA: señora Ana, el colegio abre en febrero.")
    publicada = dialogos.publicar_pregunta(
        pregunta=publicada,
        usuario=alicia,
        texto_publico="¿Cuándo abre el colegio de Genoy?",
        respuesta_publica="El colegio de Genoy abre en febrero de 2023.",
    )
    otra = recibir("¿Habrá transporte escolar en la Comuna 3?")
    responder(otra, "Sí, desde marzo.")
    otra = dialogos.publicar_pregunta(
        pregunta=otra,
        usuario=alicia,
        texto_publico="¿Habrá transporte escolar en la Comuna 3?",
        respuesta_publica="Sí: el transporte escolar de la Comuna 3 empieza en marzo.",
    )
    # Not published: received (with her data), assigned, answered.
    recibida = recibir("SECRETO-PREGUNTA-RECIBIDA", quiere_respuesta=True, **personales)
    asignada = recibir("¿Cuántos cupos tendrá el nuevo colegio?", espacio=realizado)
    dialogos.asignar_pregunta(pregunta=asignada, usuario=alicia, oficina=educacion)
    respondida = recibir("SECRETO-PREGUNTA-RESPONDIDA", espacio=realizado, territorio=genoy)
    respondida = responder(respondida, "SECRETO-RESPUESTA-SIN-PUBLICAR")
    asignada.refresh_from_db()
    # Its clock: reclassified, extended, waiting for the citizen; another one forwarded
    # (where to is not a secret: the lookup by its radicado says it; no other page does).
    en_espera = recibir("¿Me dan copia del acta del colegio?", espacio=realizado)
    dialogos.reclasificar_pregunta(
        pregunta=en_espera,
        usuario=alicia,
        tipo=TipoPeticion.objects.get(clave="documentos"),
        motivo="SECRETO-MOTIVO-RECLASIFICACION",
        hoy=date(2022, 8, 11),
    )
    dialogos.prorrogar_plazo(
        pregunta=en_espera,
        usuario=alicia,
        nueva_fecha=date(2022, 8, 31),
        motivo="SECRETO-MOTIVO-PRORROGA",
        hoy=date(2022, 8, 12),
    )
    dialogos.solicitar_completar(
        pregunta=en_espera, usuario=alicia, motivo="SECRETO-MOTIVO-SOLICITUD", hoy=date(2022, 8, 16)
    )
    trasladada = recibir("¿Cuándo arreglan la vía a Chachagüí?", espacio=realizado)
    dialogos.trasladar_pregunta(
        pregunta=trasladada,
        usuario=alicia,
        entidad_destino="Gobernación de Nariño",
        motivo="SECRETO-MOTIVO-TRASLADO",
        hoy=date(2022, 8, 24),
    )
    en_espera.refresh_from_db()
    trasladada.refresh_from_db()
    return [publicada, otra], [recibida, asignada, respondida, en_espera, trasladada]


def _informes(alicia, realizado) -> list[InformeRespuestas]:
    return [
        dialogos.registrar_informe(
            usuario=alicia,
            titulo="Informe de respuestas de la audiencia de educación",
            publicado_el=date(2022, 9, 15),
            espacio=realizado,
        ),
        dialogos.registrar_informe(
            usuario=alicia,
            titulo="Informe de respuestas del segundo semestre",
            publicado_el=date(2022, 12, 20),
            desde=date(2022, 7, 1),
            hasta=date(2022, 12, 31),
        ),
    ]


def _encuestas(alicia, realizado) -> tuple[Encuesta, Encuesta]:
    cuestionario = encuestas.crear_cuestionario(usuario=alicia, nombre="Evaluación del espacio")
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

    def respuestas(escala: str, sugerencia: str) -> dict:
        return {por_tipo["escala"].campo: escala, por_tipo["texto_largo"].campo: sugerencia}

    # Closed, answered on paper at the space; its results published (never the free texts).
    # The hearing got its evaluation survey when it was programmed: set its questionnaire.
    # (Not where the default questionnaire is gone: a browser test's database is flushed
    # between tests, data migrations included.)
    periodo = {"abre_en": momento(2022, 8, 10), "cierra_en": momento(2022, 8, 20)}
    automatica = Encuesta.objects.filter(espacio=realizado).first()
    if automatica is None:
        publicada = encuestas.crear_encuesta(
            usuario=alicia, cuestionario=cuestionario, espacio=realizado, **periodo
        )
    else:
        publicada = encuestas.editar_encuesta(
            usuario=alicia, encuesta=automatica, cuestionario=cuestionario, **periodo
        )
    for escala, sugerencia in [("5", "SECRETO-TEXTO-LIBRE-PUBLICADA"), ("4", "")]:
        encuestas.registrar_papel(
            usuario=alicia,
            encuesta=publicada,
            respuestas=respuestas(escala, sugerencia),
            fecha=date(2022, 8, 10),
        )
    publicada = encuestas.publicar_resultados(usuario=alicia, encuesta=publicada, publicar=True)
    # A general survey open now, answered on the web; its results not published.
    ahora = timezone.now()
    abierta = encuestas.crear_encuesta(
        usuario=alicia,
        cuestionario=cuestionario,
        titulo="Encuesta de percepción de la rendición de cuentas",
        abre_en=ahora - timedelta(days=1),
        cierra_en=ahora + timedelta(days=30),
    )
    encuestas.responder(
        encuesta=abierta,
        respuestas=respuestas("3", "SECRETO-TEXTO-LIBRE-SIN-PUBLICAR"),
        testigo=encuestas.nuevo_testigo(abierta),
    )
    return publicada, abierta


def usuarios() -> tuple:
    """alicia (OPGI), bruno (Educación) and diana (Control interno), as the root conftest."""
    return (
        crear_usuario("alicia", roles.OPGI),
        crear_usuario("bruno", roles.OFICINA, "educacion"),
        crear_usuario("diana", roles.CONTROL_INTERNO),
    )


def poblar_portal(*, alicia, bruno, diana) -> Portal:
    """Published and unpublished data on the 2022 plan (see the module's docstring)."""
    publica, enlace, secretas = _evidencias(alicia, bruno)
    _seguimiento(alicia, bruno, diana)
    realizado, programado, cancelado, territorial = _espacios(alicia, bruno)
    publicadas, sin_publicar = _preguntas(alicia, bruno, realizado)
    encuesta_publicada, encuesta_abierta = _encuestas(alicia, realizado)
    # The hearing's report and 2022's results report, reviewed and published by OPGI.
    resultados.publicar_informe_audiencia(espacio=realizado, usuario=alicia)
    resultados.publicar_informe_resultados(plan=Plan.objects.get(vigencia=2022), usuario=alicia)
    return Portal(
        alicia=alicia,
        bruno=bruno,
        evidencia_publica=publica,
        enlace_publico=enlace,
        evidencias_secretas=secretas,
        realizado=realizado,
        programado=programado,
        cancelado=cancelado,
        territorial=territorial,
        publicadas=publicadas,
        sin_publicar=sin_publicar,
        informes=_informes(alicia, realizado),
        encuesta_publicada=encuesta_publicada,
        encuesta_abierta=encuesta_abierta,
    )


def _espacio_2023(portal: Portal, actividad: Actividad):
    """A realised space for a 2023 activity, a question published for it, a survey with
    published results: everything done while the 2023 plan was still published."""
    alicia, bruno = portal.alicia, portal.bruno
    educacion = Responsable.objects.get(slug="educacion")
    espacio = dialogos.programar_espacio(
        usuario=alicia,
        tipo=EspacioDialogo.Tipo.JORNADA_TEMATICA,
        titulo="SECRETO-ESPACIO-2023-TITULO: jornada de planeación participativa",
        tema="SECRETO-ESPACIO-2023-TEMA",
        oficinas=[educacion],
        actividad=actividad,
        inicio=momento(2023, 3, 15),
        fin=momento(2023, 3, 15, 12),
        lugar="SECRETO-ESPACIO-2023-LUGAR",
    )
    espacio = dialogos.registrar_realizacion(
        espacio=espacio, usuario=alicia, asistentes=30, acta="SECRETO-ESPACIO-2023-ACTA"
    )
    pregunta = dialogos.recibir_pregunta(
        texto="¿Qué se decidió en la jornada de planeación?",
        acepta_datos=True,
        espacio=espacio,
        hoy=date(2023, 3, 15),
    )
    dialogos.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=educacion)
    dialogos.responder_pregunta(
        pregunta=pregunta, usuario=bruno, respuesta="Se priorizaron tres proyectos."
    )
    pregunta = dialogos.publicar_pregunta(
        pregunta=pregunta,
        usuario=alicia,
        texto_publico="SECRETO-PREGUNTA-2023-PUBLICA",
        respuesta_publica="SECRETO-RESPUESTA-2023-PUBLICA",
    )
    cuestionario = portal.encuesta_publicada.cuestionario
    encuesta = encuestas.crear_encuesta(
        usuario=alicia,
        cuestionario=cuestionario,
        espacio=espacio,
        titulo="SECRETO-ENCUESTA-2023",
        abre_en=momento(2023, 3, 15),
        cierra_en=momento(2023, 3, 25),
    )
    escala = cuestionario.preguntas.get(tipo="escala")
    encuestas.registrar_papel(
        usuario=alicia, encuesta=encuesta, respuestas={escala.campo: "5"}, fecha=date(2023, 3, 15)
    )
    encuesta = encuestas.publicar_resultados(usuario=alicia, encuesta=encuesta, publicar=True)
    return espacio, pregunta, encuesta


def crear_plan_sin_publicar(portal: Portal) -> Plan:
    """A 2023 plan (publicado=False) with every text marked, its evidence, a space for one
    of its activities with a published question and published survey results."""
    plan_2023 = crear_plan_grande(actividades=3, vigencia=2023, oficinas=3, usuario=portal.alicia)
    actividad = Actividad.objects.filter(plan=plan_2023).order_by("orden").first()
    # Published while the plan was public; then OPGI withdrew the plan (below).
    espacio, pregunta, encuesta = _espacio_2023(portal, actividad)
    Plan.objects.filter(pk=plan_2023.pk).update(
        publicado=False,
        titulo="SECRETO-PLAN-2023",
        entidad=Entidad.objects.de_nombre("SECRETO-ENTIDAD-2023"),
        dependencia="SECRETO-DEPENDENCIA-2023",
        introduccion="SECRETO-INTRODUCCION-2023",
    )
    Componente.objects.filter(plan=plan_2023).update(nombre="SECRETO-COMPONENTE-2023")
    Subcomponente.objects.filter(componente__plan=plan_2023).update(
        nombre="SECRETO-SUBCOMPONENTE-2023"
    )
    Actividad.objects.filter(plan=plan_2023).update(
        descripcion="SECRETO-ACTIVIDAD-2023",
        producto="SECRETO-PRODUCTO-2023",
        meta_texto="SECRETO-META-2023",
    )
    Evidencia.objects.filter(actividad__plan=plan_2023).update(descripcion="SECRETO-EVIDENCIA-2023")
    # Approved and marked public, yet not public: its plan is not published.
    archivo = plan.subir_evidencia(
        actividad=actividad,
        usuario=portal.alicia,
        descripcion="SECRETO-EVIDENCIA-2023",
        archivo=_archivo("SECRETO-ARCHIVO-2023.pdf"),
    )
    plan.aprobar_evidencia(evidencia=archivo, revisor=portal.alicia)
    plan.cambiar_publicacion(evidencia=archivo, revisor=portal.alicia, publica=True)
    portal.plan_sin_publicar = Plan.objects.get(pk=plan_2023.pk)
    portal.evidencias_secretas.append(archivo)
    portal.espacio_2023 = espacio
    portal.pregunta_2023 = pregunta
    portal.encuesta_2023 = encuesta
    return portal.plan_sin_publicar
