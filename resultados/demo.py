"""A demonstration year on the 2022 plan, written through the services (never in production).

`cargar_demo` (and `preparar_demo`, which calls it) fills what the 2022 seed leaves empty:
progress reports and evidence in every review state, dialogue spaces held, upcoming and
cancelled across comunas and corregimientos (a public hearing with its management
report, convocatoria, evaluation survey, commitments and published questions),
citizens' questions in every state, a closed corte with Control Interno's observations
and the published results reports. Every text it writes carries MARCA, so nobody takes
it for real data, and its presence is how a second run knows there is nothing to do.

It lives in resultados because it writes through every app (plan, dialogos, encuestas,
resultados); nothing imports it. Dates are fixed inside the 2022 plan's windows (the
activities' ventanas and the cuatrimestre cortes), except two upcoming spaces and the
open questions, placed relative to today so the schedule and the iCal feed have
something ahead.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from dialogos import services as dialogos
from dialogos.models import CanalConvocatoria, Compromiso, EspacioDialogo, Pregunta, Territorio
from encuestas import services as encuestas
from encuestas.models import Encuesta, PreguntaEncuesta
from plan import services as plan
from plan import servicios_avances, servicios_cortes
from plan.models import Actividad, Avance, Plan, Responsable
from resultados import services as resultados

MARCA = "(demostración)"
VIGENCIA = 2022

# Fictitious citizens: their data must never reach a public page (tests check it).
CIUDADANOS = (
    ("Ciudadana de demostración", "ciudadana.demostracion@example.com", "3009990001"),
    ("Ciudadano de demostración", "ciudadano.demostracion@example.com", "3009990002"),
    ("Vecina de demostración", "vecina.demostracion@example.com", "3009990003"),
)

# The accounts crear_usuarios_demo creates (one per role, one per office).
CUENTAS = ("opgi", "control", "educacion", "salud", "transito", "bienestar-social")

# The smallest files nucleo.archivos accepts by their content.
PDF_DEMO = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    b"% Documento de demostracion\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
PNG_DEMO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a2b1e0c4"
    "0000000049454e44ae426082"
)


class FaltanUsuarios(Exception):
    """The demo accounts are not there: run crear_usuarios_demo first."""


def demo(texto: str) -> str:
    return f"{texto} {MARCA}"


def ya_cargada() -> bool:
    return EspacioDialogo.objects.filter(titulo__endswith=MARCA).exists()


def momento(mes: int, dia: int, hora: int = 9, anio: int = VIGENCIA) -> datetime:
    return timezone.make_aware(datetime(anio, mes, dia, hora))


def _pdf(nombre: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, PDF_DEMO, content_type="application/pdf")


def _png(nombre: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, PNG_DEMO, content_type="image/png")


@dataclass
class Usuarios:
    opgi: AbstractBaseUser
    control: AbstractBaseUser
    oficinas: dict[str, AbstractBaseUser]


def _usuarios() -> Usuarios:
    encontrados = {u.username: u for u in get_user_model().objects.filter(username__in=CUENTAS)}
    faltan = [nombre for nombre in CUENTAS if nombre not in encontrados]
    if faltan:
        raise FaltanUsuarios(", ".join(faltan))
    return Usuarios(
        opgi=encontrados["opgi"],
        control=encontrados["control"],
        oficinas={slug: encontrados[slug] for slug in CUENTAS[2:]},
    )


@dataclass
class Resumen:
    avances: int = 0
    evidencias: int = 0
    espacios: int = 0
    preguntas: int = 0
    respuestas_encuesta: int = 0

    def __str__(self) -> str:
        return (
            f"{self.avances} avances, {self.evidencias} evidencias, {self.espacios} espacios "
            f"de diálogo, {self.preguntas} preguntas ciudadanas y {self.respuestas_encuesta} "
            "respuestas de encuesta"
        )


# --- Plan: progress reports, evidence, a closed corte ----------------------------------


def _actividad(codigo: str) -> Actividad:
    return Actividad.objects.get(plan__vigencia=VIGENCIA, codigo=codigo)


def _avance(
    usuario: AbstractBaseUser, codigo: str, fecha: date, fraccion: str, narrativa: str
) -> Avance:
    actividad = _actividad(codigo)
    return plan.registrar_avance(
        actividad=actividad,
        usuario=usuario,
        fecha=fecha,
        cantidad=actividad.meta_base * Decimal(fraccion),
        narrativa=demo(narrativa),
        confirmado=True,  # only asked when a date is outside the windows: they are inside
        motivo=demo("Dato de ejemplo"),
    )


def _plan(u: Usuarios, resumen: Resumen) -> None:
    opgi, oficinas = u.opgi, u.oficinas
    # OPGI's own reports are approved on save (corte I: January–April).
    _avance(opgi, "1.1", date(2022, 3, 1), "1", "Se elaboró el diagnóstico del proceso")
    _avance(opgi, "1.2", date(2022, 4, 20), "0.5", "Se conformó la mitad del equipo líder")
    # Offices' reports, reviewed by OPGI: approved, pending and returned.
    aprobado = _avance(
        oficinas["educacion"], "1.3", date(2022, 10, 14), "1", "Informe de gestión educativa"
    )
    servicios_avances.aprobar_avance(avance=aprobado, revisor=opgi, comentario=demo("Conforme"))
    _avance(oficinas["salud"], "1.5", date(2022, 10, 20), "0.5", "Borrador del informe de salud")
    devuelto = _avance(
        oficinas["transito"], "1.4", date(2022, 11, 2), "1", "Informe de movilidad sin anexos"
    )
    servicios_avances.devolver_avance(
        avance=devuelto, revisor=opgi, comentario=demo("Adjunte el informe firmado")
    )
    _avance(
        oficinas["bienestar-social"], "2.7", date(2022, 11, 8), "1", "Jornada con adultos mayores"
    )
    resumen.avances += 5

    # Evidence: approved and public, approved and internal, returned, pending.
    publica = plan.subir_evidencia(
        actividad=_actividad("1.3"),
        usuario=oficinas["educacion"],
        descripcion=demo("Informe de gestión de Educación"),
        archivo=_pdf("informe-educacion-demostracion.pdf"),
    )
    plan.aprobar_evidencia(evidencia=publica, revisor=opgi)
    plan.cambiar_publicacion(evidencia=publica, revisor=opgi, publica=True)
    interna = plan.subir_evidencia(
        actividad=_actividad("1.5"),
        usuario=oficinas["salud"],
        descripcion=demo("Fotografía de la mesa de trabajo de Salud"),
        archivo=_png("mesa-salud-demostracion.png"),
    )
    plan.aprobar_evidencia(
        evidencia=interna, revisor=opgi, comentario=demo("Solo para uso interno")
    )
    devuelta = plan.subir_evidencia(
        actividad=_actividad("1.4"),
        usuario=oficinas["transito"],
        descripcion=demo("Informe de movilidad"),
        archivo=_pdf("informe-transito-demostracion.pdf"),
    )
    plan.devolver_evidencia(
        evidencia=devuelta, revisor=opgi, comentario=demo("Falta la firma del secretario")
    )
    plan.subir_evidencia(
        actividad=_actividad("2.7"),
        usuario=oficinas["bienestar-social"],
        descripcion=demo("Publicación de la jornada en la página web"),
        enlace="https://www.pasto.gov.co/",
    )
    resumen.evidencias += 4


def _corte_cerrado(u: Usuarios) -> None:
    """Corte I: Control Interno's observations, OPGI's, then closed and published."""
    plan_2022 = Plan.objects.get(vigencia=VIGENCIA)
    for codigo, texto in (
        ("1.1", "Actividad cumplida dentro del plazo, con su soporte"),
        ("1.2", "Avance parcial: se recomienda completar el equipo líder antes de mayo"),
    ):
        plan.guardar_observacion(
            actividad=_actividad(codigo), corte=1, texto=demo(texto), usuario=u.control
        )
    plan.guardar_observacion(
        actividad=_actividad("1.2"),
        corte=1,
        texto=demo("Se convocó a las dependencias faltantes"),
        usuario=u.opgi,
    )
    servicios_cortes.cerrar_corte(plan=plan_2022, numero=1, usuario=u.control)


# --- Dialogue spaces ------------------------------------------------------------------


def _programar(
    u: Usuarios,
    *,
    tipo: str,
    titulo: str,
    inicio: datetime,
    territorio: str,
    oficina: str = "educacion",
    lugar: str = "",
    enlace: str = "",
    actividad: Actividad | None = None,
) -> EspacioDialogo:
    return dialogos.programar_espacio(
        usuario=u.opgi,
        tipo=tipo,
        titulo=demo(titulo),
        tema=demo(f"Tema: {titulo.lower()}"),
        oficinas=[Responsable.objects.get(slug=oficina)],
        inicio=inicio,
        fin=inicio + timedelta(hours=3),
        territorio=Territorio.objects.get(nombre=territorio),
        lugar=lugar,
        enlace=enlace,
        actividad=actividad,
    )


def _realizar(
    u: Usuarios, espacio: EspacioDialogo, asistentes: int, acta: str, orgs: str = ""
) -> EspacioDialogo:
    return dialogos.registrar_realizacion(
        espacio=espacio,
        usuario=u.opgi,
        asistentes=asistentes,
        acta=demo(acta),
        organizaciones=demo(orgs) if orgs else "",
        ahora=espacio.fin + timedelta(hours=1),
    )


@dataclass
class Espacios:
    audiencia: EspacioDialogo
    sectorial: EspacioDialogo
    proximo: EspacioDialogo


def _espacios(u: Usuarios, resumen: Resumen) -> Espacios:
    A = EspacioDialogo.Tipo
    audiencia = _programar(
        u,
        tipo=A.AUDIENCIA_PUBLICA,
        titulo="Audiencia pública de rendición de cuentas 2022",
        inicio=momento(11, 25),
        territorio="Comuna 1",
        lugar="Teatro Imperial",
        actividad=_actividad("2.3"),
    )
    # The MURC cycle: report published 36 days before, convocatoria a month before.
    dialogos.registrar_informe_gestion(
        espacio=audiencia,
        usuario=u.opgi,
        publicado_el=date(2022, 10, 20),
        enlace="https://www.pasto.gov.co/index.php/rendicion-de-cuentas",
    )
    dialogos.registrar_convocatoria(
        espacio=audiencia,
        usuario=u.opgi,
        convocada_el=date(2022, 10, 25),
        canales=[
            CanalConvocatoria.PAGINA_WEB,
            CanalConvocatoria.REDES_SOCIALES,
            CanalConvocatoria.RADIO,
        ],
        nota=demo("Invitación en emisoras comunitarias y redes de la Alcaldía"),
    )
    audiencia = _realizar(
        u,
        audiencia,
        180,
        "Se presentó el informe de gestión 2022 y se respondieron las preguntas",
        "Juntas de Acción Comunal de la Comuna 1; Veeduría ciudadana de Pasto",
    )
    dialogos.subir_adjunto(
        espacio=audiencia,
        usuario=u.opgi,
        tipo="asistencia",
        archivo=_pdf("asistencia-demostracion.pdf"),
        descripcion=demo("Lista de asistencia"),
    )
    for numero, (descripcion, oficina, estado) in enumerate(
        (
            ("Publicar el cronograma de obras escolares", "educacion", Compromiso.Estado.CUMPLIDO),
            ("Ampliar la jornada de vacunación rural", "salud", Compromiso.Estado.EN_CURSO),
            (
                "Revisar la señalización de la Avenida Panamericana",
                "transito",
                Compromiso.Estado.PENDIENTE,
            ),
        )
    ):
        compromiso = dialogos.agregar_compromiso(
            espacio=audiencia,
            usuario=u.opgi,
            descripcion=demo(descripcion),
            responsable=Responsable.objects.get(slug=oficina),
            fecha_limite=date(2023, 3, 31) + timedelta(days=30 * numero),
        )
        if estado != Compromiso.Estado.PENDIENTE:
            dialogos.actualizar_compromiso(
                compromiso=compromiso,
                usuario=u.oficinas[oficina],
                estado=estado,
                seguimiento=demo("Seguimiento de la dependencia"),
            )

    sectorial = _realizar(
        u,
        _programar(
            u,
            tipo=A.AUDIENCIA_SECTORIAL,
            titulo="Audiencia sectorial de salud",
            inicio=momento(9, 15, 14),
            territorio="Genoy",
            oficina="salud",
            lugar="Institución Educativa de Genoy",
        ),
        65,
        "La Secretaría de Salud presentó los resultados de la vigencia",
    )
    _realizar(
        u,
        _programar(
            u,
            tipo=A.ESPACIO_TERRITORIAL,
            titulo="Diálogo territorial en Catambuco",
            inicio=momento(10, 8),
            territorio="Catambuco",
            lugar="Salón comunal de Catambuco",
        ),
        42,
        "Se dialogó sobre las vías rurales y el transporte escolar",
    )
    _realizar(
        u,
        _programar(
            u,
            tipo=A.JORNADA_TEMATICA,
            titulo="Jornada temática de movilidad",
            inicio=momento(8, 20),
            territorio="Comuna 5",
            oficina="transito",
            lugar="Parque Bolívar",
        ),
        35,
        "Se recogieron propuestas sobre ciclorrutas",
    )
    cancelado = _programar(
        u,
        tipo=A.JORNADA_TEMATICA,
        titulo="Jornada temática de juventud",
        inicio=momento(12, 5),
        territorio="Comuna 10",
        oficina="bienestar-social",
        lugar="Polideportivo de la Comuna 10",
    )
    dialogos.cancelar_espacio(
        espacio=cancelado, usuario=u.opgi, motivo=demo("Temporada de lluvias")
    )
    # Upcoming, relative to today: the schedule and the iCal feed show what is ahead.
    hoy = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    proximo = _programar(
        u,
        tipo=A.ESPACIO_TERRITORIAL,
        titulo="Diálogo territorial en Obonuco",
        inicio=hoy + timedelta(days=14),
        territorio="Obonuco",
        oficina="educacion",
        lugar="Escuela de Obonuco",
    )
    _programar(
        u,
        tipo=A.JORNADA_TEMATICA,
        titulo="Jornada virtual sobre el presupuesto participativo",
        inicio=hoy + timedelta(days=35, hours=9),
        territorio="Comuna 3",
        oficina="bienestar-social",
        enlace="https://meet.example.com/presupuesto-demostracion",
    )
    resumen.espacios += 7
    audiencia.refresh_from_db()
    return Espacios(audiencia=audiencia, sectorial=sectorial, proximo=proximo)


# --- Citizens' questions, one or more in every state ----------------------------------


def _recibir(
    texto: str,
    recibida_el: date,
    *,
    ciudadano: int | None = None,
    espacio: EspacioDialogo | None = None,
    territorio: Territorio | None = None,
) -> Pregunta:
    datos: dict[str, str] = {}
    if ciudadano is not None:
        nombre, correo, telefono = CIUDADANOS[ciudadano]
        datos = {"nombre": nombre, "correo": correo, "telefono": telefono}
    return dialogos.recibir_pregunta(
        texto=demo(texto),
        acepta_datos=True,
        quiere_respuesta=bool(datos),
        hoy=recibida_el,
        espacio=espacio,
        territorio=territorio,
        nombre=datos.get("nombre", ""),
        correo=datos.get("correo", ""),
        telefono=datos.get("telefono", ""),
    )


def _preguntas(u: Usuarios, espacios: Espacios, resumen: Resumen) -> None:
    audiencia, educacion = espacios.audiencia, Responsable.objects.get(slug="educacion")
    salud = Responsable.objects.get(slug="salud")
    publicadas = (
        (
            "¿Cuándo terminan las obras del colegio de la Comuna 1?",
            educacion,
            "Las obras terminan en el primer semestre de 2023.",
        ),
        (
            "¿Habrá vacunación en los corregimientos?",
            salud,
            "Sí: la jornada rural va de enero a marzo de 2023.",
        ),
        (
            "¿Cómo se eligen los proyectos del presupuesto participativo?",
            educacion,
            "En los cabildos de cada comuna y corregimiento.",
        ),
    )
    for numero, (texto, oficina, respuesta) in enumerate(publicadas):
        pregunta = _recibir(
            texto, date(2022, 11, 25), ciudadano=numero if numero < 2 else None, espacio=audiencia
        )
        dialogos.asignar_pregunta(pregunta=pregunta, usuario=u.opgi, oficina=oficina)
        dialogos.responder_pregunta(
            pregunta=pregunta,
            usuario=u.oficinas[oficina.slug],
            respuesta=demo(f"Respuesta de la dependencia: {respuesta}"),
            ahora=momento(12, 6),
        )
        dialogos.publicar_pregunta(
            pregunta=pregunta,
            usuario=u.opgi,
            texto_publico=demo(texto),
            respuesta_publica=demo(respuesta),
            ahora=momento(12, 9),
        )
    # Answered, not yet published.
    respondida = _recibir(
        "¿Qué pasa con el comedor escolar de Genoy?",
        date(2022, 9, 15),
        ciudadano=2,
        espacio=espacios.sectorial,
    )
    dialogos.asignar_pregunta(pregunta=respondida, usuario=u.opgi, oficina=educacion)
    dialogos.responder_pregunta(
        pregunta=respondida,
        usuario=u.oficinas["educacion"],
        respuesta=demo("El comedor reabre con el calendario escolar"),
        ahora=momento(9, 28),
    )
    # Forwarded to another authority (Ley 1755, art. 21).
    trasladada = _recibir(
        "¿Cuándo arreglan la vía nacional a Tumaco?", date(2022, 9, 15), espacio=espacios.sectorial
    )
    dialogos.trasladar_pregunta(
        pregunta=trasladada,
        usuario=u.opgi,
        entidad_destino="Instituto Nacional de Vías (INVÍAS)",
        motivo=demo("La vía es de competencia nacional"),
        hoy=date(2022, 9, 19),
    )
    # Asked to complete it, not completed within a month: closed by desistimiento (art. 17).
    desistida = _recibir(
        "Quiero saber sobre el proyecto", date(2022, 10, 8), territorio=_territorio("Catambuco")
    )
    dialogos.solicitar_completar(
        pregunta=desistida,
        usuario=u.opgi,
        motivo=demo("Indique de qué proyecto se trata"),
        hoy=date(2022, 10, 11),
    )
    dialogos.cerrar_por_desistimiento(pregunta=desistida, hoy=date(2022, 11, 15))
    # Open ones, recent (relative to today): received, assigned, waiting for the citizen.
    hoy = timezone.localdate()
    _recibir(
        "¿A qué hora empieza el diálogo de Obonuco?",
        hoy - timedelta(days=1),
        ciudadano=0,
        espacio=espacios.proximo,
    )
    asignada = _recibir(
        "¿Cuándo abre la inscripción escolar en Obonuco?",
        hoy - timedelta(days=3),
        territorio=_territorio("Obonuco"),
    )
    dialogos.asignar_pregunta(pregunta=asignada, usuario=u.opgi, oficina=educacion)
    en_espera = _recibir(
        "Necesito información del subsidio",
        hoy - timedelta(days=4),
        ciudadano=1,
        territorio=_territorio("Comuna 3"),
    )
    dialogos.solicitar_completar(
        pregunta=en_espera,
        usuario=u.opgi,
        motivo=demo("Indique a qué subsidio se refiere"),
        hoy=hoy - timedelta(days=2),
    )
    resumen.preguntas += 9


def _territorio(nombre: str) -> Territorio:
    return Territorio.objects.get(nombre=nombre)


# --- The hearing's evaluation survey --------------------------------------------------

# (scale answer for each scale question, how they took part, would they come back)
FORMATOS = [("5", 0, 0), ("4", 0, 0), ("4", 1, 0), ("5", 0, 0), ("3", 1, 1), ("4", 0, 0)]


def _encuesta(u: Usuarios, audiencia: EspacioDialogo, resumen: Resumen) -> Encuesta:
    """The evaluation survey the hearing got when programmed: paper forms, then published."""
    encuesta = Encuesta.objects.get(espacio=audiencia)
    preguntas = encuestas.preguntas_de(encuesta)
    for escala, participacion, volveria in FORMATOS:
        respuestas: dict[str, object] = {}
        for pregunta in preguntas:
            opciones = list(pregunta.opciones.all())
            if pregunta.tipo == PreguntaEncuesta.Tipo.ESCALA:
                respuestas[pregunta.campo] = escala
            elif pregunta.tipo == PreguntaEncuesta.Tipo.UNICA:
                respuestas[pregunta.campo] = str(opciones[participacion].pk)
            elif pregunta.tipo == PreguntaEncuesta.Tipo.SI_NO:
                respuestas[pregunta.campo] = str(opciones[volveria].pk)
            elif pregunta.tipo == PreguntaEncuesta.Tipo.MULTIPLE:
                respuestas[pregunta.campo] = [str(opciones[0].pk)]
            else:
                respuestas[pregunta.campo] = demo("Más espacios en los corregimientos")
        encuestas.registrar_papel(
            usuario=u.opgi,
            encuesta=encuesta,
            respuestas=respuestas,
            fecha=timezone.localdate(audiencia.inicio),
            preguntas=preguntas,
        )
    resumen.respuestas_encuesta += len(FORMATOS)
    return encuestas.publicar_resultados(usuario=u.opgi, encuesta=encuesta, publicar=True)


# --- Everything -----------------------------------------------------------------------


# The fictitious citizens and the offices would get real e-mails on a server with SMTP.
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
@transaction.atomic
def cargar(*, informes: bool = True) -> Resumen:
    """Write the demo year (the 2022 plan and the demo users must exist), sending no
    e-mail. Not idempotent by itself: the command checks `ya_cargada()` first."""
    u = _usuarios()
    resumen = Resumen()
    _plan(u, resumen)
    _corte_cerrado(u)
    espacios = _espacios(u, resumen)
    _preguntas(u, espacios, resumen)
    _encuesta(u, espacios.audiencia, resumen)
    if informes:  # PDFs by WeasyPrint: the slowest part
        resultados.publicar_informe_audiencia(espacio=espacios.audiencia, usuario=u.opgi)
        resultados.publicar_informe_resultados(
            plan=Plan.objects.filter(vigencia=VIGENCIA).first(), usuario=u.opgi
        )
    return resumen
