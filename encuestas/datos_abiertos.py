"""Open data of encuestas: the aggregated results of the surveys whose results OPGI published.

One row per published survey × question × option, with the count and the
percentage of those who answered the question (in a multiple choice each
option is counted on its own), and the mean of the scales. Free-text
answers are never published — not here, not on the public results page —
because a citizen may have written a name, a phone number or an address in
them and nobody reviews them one by one; a text question gets a single row
with how many answered it. Unpublished surveys never appear.
"""

from collections.abc import Iterable

from django.utils import timezone

from nucleo.datos_abiertos import Cambios, Campo, Conjunto, Tipo, cambios_de

from . import selectors
from .models import Encuesta, Respuesta


def _filas_resultados() -> Iterable[dict]:
    # Every survey's figures in one pass: a constant number of queries on a public endpoint.
    for resultados in selectors.resultados_por_encuesta(selectors.encuestas_publicadas()):
        encuesta = resultados.encuestas[0]
        espacio = encuesta.espacio
        comun = {
            "encuesta": encuesta.codigo,
            "titulo": encuesta.nombre,
            "fecha_espacio": timezone.localdate(espacio.inicio) if espacio else None,
            "tipo_espacio": espacio.get_tipo_display() if espacio else "Encuesta general",
            "territorio": espacio.territorio.nombre if espacio and espacio.territorio else "",
            "cuestionario": encuesta.cuestionario.nombre,
            "respuestas_encuesta": resultados.total,
            "publicado_el": timezone.localdate(encuesta.publicados_en),
        }
        for seccion in resultados.secciones:
            for resultado in seccion.preguntas:
                pregunta = resultado.pregunta
                por_pregunta = {
                    **comun,
                    "pregunta_numero": pregunta.orden,
                    "pregunta": pregunta.texto,
                    "tipo_pregunta": pregunta.get_tipo_display(),
                    "respondieron_pregunta": resultado.respondidas,
                    "promedio_escala": resultado.promedio,
                }
                if not pregunta.con_opciones:
                    yield {
                        **por_pregunta,
                        "opcion": "",
                        "valor_escala": None,
                        "cantidad": resultado.respondidas,
                        "porcentaje": None,
                    }
                for conteo in resultado.opciones:
                    yield {
                        **por_pregunta,
                        "opcion": conteo.opcion.texto,
                        "valor_escala": conteo.opcion.valor,
                        "cantidad": conteo.cantidad,
                        "porcentaje": conteo.porcentaje,
                    }


def _cambios_resultados() -> Cambios:
    # The survey's own changes (its publication among them) and the answers counted in it
    # (paper forms are typed in after the space, even after the results went public).
    publicadas = selectors.encuestas_publicas().filter(resultados_publicados=True).values("pk")
    return cambios_de(
        (Encuesta.history.filter(id__in=publicadas), "history_date"),
        (Respuesta.objects.filter(encuesta_id__in=publicadas), "registrada_en"),
    )


RESULTADOS_ENCUESTAS = Conjunto(
    slug="encuestas-resultados",
    titulo="Resultados de las encuestas de satisfacción de los espacios de rendición de cuentas",
    descripcion=(
        "Una fila por encuesta publicada, pregunta y opción: respuestas y porcentaje de "
        "quienes respondieron la pregunta (en la selección múltiple cada opción se cuenta por "
        "separado) y promedio de las escalas de 1 a 5. Solo encuestas cuyos resultados publicó "
        "la Alcaldía. Las respuestas de texto libre no se publican (pueden contener datos "
        "personales): su pregunta tiene una fila con la cantidad de respuestas."
    ),
    campos=(
        Campo("encuesta", Tipo.TEXTO, "Código de la encuesta (el de su enlace público).", 14),
        Campo("titulo", Tipo.TEXTO, "Espacio de diálogo o título de la encuesta general.", 40),
        Campo(
            "fecha_espacio", Tipo.FECHA, "Fecha del espacio (vacía en una encuesta general).", 13
        ),
        Campo("tipo_espacio", Tipo.TEXTO, "Tipo de espacio de diálogo.", 28),
        Campo("territorio", Tipo.TEXTO, "Comuna o corregimiento del espacio, si lo tiene.", 20),
        Campo("cuestionario", Tipo.TEXTO, "Cuestionario aplicado.", 30),
        Campo("respuestas_encuesta", Tipo.ENTERO, "Respuestas de la encuesta (web y papel).", 12),
        Campo("pregunta_numero", Tipo.ENTERO, "Número de la pregunta en el cuestionario.", 10),
        Campo("pregunta", Tipo.TEXTO, "Texto de la pregunta.", 50),
        Campo(
            "tipo_pregunta",
            Tipo.TEXTO,
            "Escala de 1 a 5, selección única o múltiple, sí o no, texto.",
            18,
        ),
        Campo("opcion", Tipo.TEXTO, "Opción (vacía en las preguntas de texto libre).", 30),
        Campo("valor_escala", Tipo.ENTERO, "Valor de la opción en la escala (1 a 5).", 10),
        Campo(
            "cantidad",
            Tipo.ENTERO,
            "Respuestas que eligieron la opción (o que escribieron un texto).",
            10,
        ),
        Campo(
            "porcentaje", Tipo.PORCENTAJE, "Cantidad sobre quienes respondieron la pregunta.", 12
        ),
        Campo("respondieron_pregunta", Tipo.ENTERO, "Respuestas que contestaron la pregunta.", 12),
        Campo(
            "promedio_escala", Tipo.NUMERO, "Promedio de la escala (1 a 5), solo en escalas.", 12
        ),
        Campo("publicado_el", Tipo.FECHA, "Fecha en que se publicaron los resultados.", 13),
    ),
    filas=_filas_resultados,
    cambios=_cambios_resultados,
    palabras_clave=("encuestas de satisfacción", "evaluación", "percepción ciudadana"),
)

CONJUNTOS = (RESULTADOS_ENCUESTAS,)
