"""Open data of dialogos: the spaces (schedule and closing records) and published Q&A.

Declared with nucleo.datos_abiertos.Conjunto; listed in pasto_rdc/datos_abiertos.py.
Never a citizen's name, e-mail or phone: questions go out only as OPGI published
them (texto_publico / respuesta_publica), which publication already checks; and
never the radicado, the citizen's secret for the lookup page: a question is
named by its public number. Both datasets start from the selectors that decide
what is public (selectors.espacios_publicos / preguntas_publicadas).
"""

from collections.abc import Iterable

from django.db.models import Count, Prefetch
from django.utils import timezone

from dialogos import selectors
from dialogos.models import Compromiso, EspacioDialogo, Pregunta
from nucleo.datos_abiertos import Cambios, Campo, Conjunto, Tipo, cambios_de
from plan.models import Responsable


def _filas_espacios() -> Iterable[dict]:
    oficinas = Prefetch("oficinas", queryset=Responsable.objects.order_by("nombre"))
    espacios = (
        selectors.espacios_publicos()
        .select_related("territorio", "actividad__plan")
        .prefetch_related(oficinas)
        .annotate(compromisos_total=Count("compromisos"))
        .order_by("inicio", "pk")
    )
    for espacio in espacios:
        realizado = espacio.estado == EspacioDialogo.Estado.REALIZADO
        yield {
            "id": str(espacio.uid),
            "tipo": espacio.get_tipo_display(),
            "titulo": espacio.titulo,
            "tema": espacio.tema,
            "inicio": espacio.inicio,
            "fin": espacio.fin,
            "comuna_corregimiento": espacio.territorio.nombre if espacio.territorio else "",
            "lugar": espacio.lugar,
            "enlace": espacio.enlace,
            "organizadores": "; ".join(o.nombre for o in espacio.oficinas.all()),
            "actividad_plan": espacio.actividad.codigo if espacio.actividad else "",
            "estado": espacio.get_estado_display(),
            "motivo_cancelacion": espacio.motivo_cancelacion,
            "asistentes": espacio.asistentes if realizado else None,
            "organizaciones": espacio.organizaciones if realizado else "",
            "acta": espacio.acta if realizado else "",
            "compromisos": espacio.compromisos_total,
            # The MURC cycle of a hearing (empty for the other spaces).
            "informe_gestion_publicado_el": espacio.informe_publicado_el,
            "convocada_el": espacio.convocada_el,
            "canales_convocatoria": "; ".join(espacio.canales_de_convocatoria),
        }


def _cambios_espacios() -> Cambios:
    espacios = selectors.espacios_publicos().values("pk")
    return cambios_de(
        (EspacioDialogo.history.filter(id__in=espacios), "history_date"),
        (Compromiso.history.filter(espacio_id__in=espacios), "history_date"),
    )


ESPACIOS = Conjunto(
    slug="espacios-de-dialogo",
    titulo="Espacios de diálogo y audiencias públicas",
    descripcion=(
        "Cronograma de jornadas temáticas, espacios territoriales y audiencias, "
        "con el acta de los realizados."
    ),
    campos=(
        Campo(
            "id",
            Tipo.TEXTO,
            "Identificador estable del espacio (el mismo del calendario iCal).",
            38,
        ),
        Campo("tipo", Tipo.TEXTO, "Jornada temática, espacio territorial o audiencia.", 30),
        Campo("titulo", Tipo.TEXTO, "Título del espacio.", 40),
        Campo("tema", Tipo.TEXTO, "Tema tratado.", 40),
        Campo("inicio", Tipo.FECHA_HORA, "Fecha y hora de inicio (hora de Colombia).", 18),
        Campo("fin", Tipo.FECHA_HORA, "Fecha y hora de fin (hora de Colombia).", 18),
        Campo("comuna_corregimiento", Tipo.TEXTO, "Comuna o corregimiento del municipio.", 20),
        Campo("lugar", Tipo.TEXTO, "Lugar o dirección.", 30),
        Campo("enlace", Tipo.TEXTO, "Enlace de la transmisión o reunión virtual.", 30),
        Campo("organizadores", Tipo.TEXTO, "Dependencias organizadoras, separadas por «; ».", 36),
        Campo("actividad_plan", Tipo.TEXTO, "Código de la actividad del plan a la que suma.", 10),
        Campo("estado", Tipo.TEXTO, "Programado, realizado o cancelado.", 12),
        Campo("motivo_cancelacion", Tipo.TEXTO, "Motivo, si se canceló.", 30),
        Campo("asistentes", Tipo.ENTERO, "Número de asistentes (solo realizados).", 10),
        Campo("organizaciones", Tipo.TEXTO, "Organizaciones presentes (solo realizados).", 30),
        Campo("acta", Tipo.TEXTO, "Resumen o acta (solo realizados).", 60),
        Campo("compromisos", Tipo.ENTERO, "Número de compromisos adquiridos.", 10),
        Campo(
            "informe_gestion_publicado_el",
            Tipo.FECHA,
            "Audiencias: fecha de publicación del informe de gestión (el MURC la pide al menos "
            "30 días antes de la audiencia).",
            13,
        ),
        Campo("convocada_el", Tipo.FECHA, "Audiencias: fecha de la convocatoria.", 13),
        Campo(
            "canales_convocatoria",
            Tipo.TEXTO,
            "Audiencias: canales de la convocatoria (página web, redes sociales, radio…), "
            "separados por «; ».",
            30,
        ),
    ),
    filas=_filas_espacios,
    cambios=_cambios_espacios,
    palabras_clave=("espacios de diálogo", "audiencias públicas", "cronograma", "actas"),
)


def _filas_preguntas() -> Iterable[dict]:
    for pregunta in selectors.preguntas_publicadas():
        yield {
            "numero": pregunta.numero_publico,
            "recibida_el": pregunta.recibida_el,
            "tipo_peticion": pregunta.tipo.nombre,
            "espacio": pregunta.espacio.titulo if pregunta.espacio else "",
            "comuna_corregimiento": pregunta.territorio.nombre if pregunta.territorio else "",
            "dependencia": pregunta.oficina.nombre if pregunta.oficina else "",
            "pregunta": pregunta.texto_publico,
            "respuesta": pregunta.respuesta_publica,
            "respondida_el": timezone.localtime(pregunta.respondida_en).date()
            if pregunta.respondida_en
            else None,
        }


def _cambios_preguntas() -> Cambios:
    # Their history: the publication and any later change of a published text.
    publicadas = selectors.preguntas_publicas().values("pk")
    return cambios_de((Pregunta.history.filter(id__in=publicadas), "history_date"))


PREGUNTAS = Conjunto(
    slug="preguntas-y-respuestas",
    titulo="Preguntas de la ciudadanía y respuestas publicadas",
    descripcion="Preguntas y respuestas que OPGI publicó, sin datos personales.",
    campos=(
        Campo(
            "numero",
            Tipo.TEXTO,
            "Número público de la pregunta (no es el radicado, que solo conoce quien preguntó).",
            14,
        ),
        Campo("recibida_el", Tipo.FECHA, "Fecha de recepción.", 13),
        Campo(
            "tipo_peticion",
            Tipo.TEXTO,
            "Tipo de petición (Ley 1755 de 2015, art. 14): general, documentos o consulta.",
            24,
        ),
        Campo("espacio", Tipo.TEXTO, "Espacio de diálogo donde se hizo, si aplica.", 36),
        Campo("comuna_corregimiento", Tipo.TEXTO, "Comuna o corregimiento de quien pregunta.", 20),
        Campo("dependencia", Tipo.TEXTO, "Dependencia que respondió.", 36),
        Campo("pregunta", Tipo.TEXTO, "Texto publicado de la pregunta.", 60),
        Campo("respuesta", Tipo.TEXTO, "Texto publicado de la respuesta.", 60),
        Campo("respondida_el", Tipo.FECHA, "Fecha de la respuesta.", 13),
    ),
    filas=_filas_preguntas,
    cambios=_cambios_preguntas,
    palabras_clave=("preguntas ciudadanas", "respuestas", "peticiones"),
)

CONJUNTOS = (ESPACIOS, PREGUNTAS)
