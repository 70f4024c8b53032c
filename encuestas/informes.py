"""The downloads of a survey's (or a period's) results, through nucleo.documentos.

- XLSX: one sheet per questionnaire with one row per response and one
  column per question (a scale gives its number 1–5, a multiple choice its
  options joined by «; »), then «Resumen» (per question and option: count,
  % and mean) and «Datos» (scope and totals).
- PDF: the summary (counts, % per option, bar charts, means and the free
  texts) from the template encuestas/informes/resultados.html.

Both read the same selectors.Resultados, so they agree with the page.
"""

from nucleo.documentos import Celda, Columna, Hoja, Tipo

from .models import PreguntaEncuesta, Respuesta
from .selectors import Resultados

COLUMNAS_FIJAS = [
    Columna("Respuesta N.°", 12, Tipo.NUMERO),
    Columna("Encuesta", 36),
    Columna("Fecha", 12, Tipo.FECHA),
    Columna("Canal", 16),
]


def _celda(pregunta: PreguntaEncuesta, valores: list) -> object:
    if not valores:
        return None
    if pregunta.es_escala:
        return valores[0].opcion.valor
    if pregunta.con_opciones:
        return "; ".join(valor.opcion.texto for valor in valores)
    return valores[0].texto


def _tipo_columna(pregunta: PreguntaEncuesta) -> Tipo:
    return Tipo.NUMERO if pregunta.es_escala else Tipo.TEXTO


def _hoja_respuestas(seccion, respuestas: list[Respuesta], titulo: str) -> Hoja:
    preguntas = [resultado.pregunta for resultado in seccion.preguntas]
    columnas = [
        *COLUMNAS_FIJAS,
        *(
            Columna(f"{p.orden}. {p.texto}", 16 if p.es_escala else 30, _tipo_columna(p))
            for p in preguntas
        ),
    ]
    filas = []
    for respuesta in respuestas:
        if respuesta.encuesta.cuestionario_id != seccion.cuestionario.pk:
            continue
        por_pregunta: dict[int, list] = {}
        for valor in respuesta.valores.all():
            por_pregunta.setdefault(valor.pregunta_id, []).append(valor)
        filas.append(
            [
                respuesta.pk,
                respuesta.encuesta.nombre,
                respuesta.fecha,
                respuesta.get_canal_display(),
                *(_celda(p, por_pregunta.get(p.pk, [])) for p in preguntas),
            ]
        )
    return Hoja(titulo=titulo, columnas=columnas, filas=filas)


def _hoja_resumen(resultados: Resultados) -> Hoja:
    filas = []
    for seccion in resultados.secciones:
        for resultado in seccion.preguntas:
            pregunta = resultado.pregunta
            base = [seccion.cuestionario.nombre, f"{pregunta.orden}. {pregunta.texto}"]
            base.append(pregunta.get_tipo_display())
            for conteo in resultado.opciones:
                filas.append(
                    [
                        *base,
                        conteo.opcion.etiqueta,
                        conteo.cantidad,
                        conteo.porcentaje,
                        resultado.respondidas,
                        resultado.promedio,
                    ]
                )
            if not pregunta.con_opciones:
                filas.append(
                    [
                        *base,
                        "(texto libre)",
                        resultado.respondidas,
                        None,
                        resultado.respondidas,
                        None,
                    ]
                )
    return Hoja(
        titulo="Resumen",
        columnas=[
            Columna("Cuestionario", 28),
            Columna("Pregunta", 50),
            Columna("Tipo", 16),
            Columna("Opción", 32),
            Columna("Respuestas", 12, Tipo.NUMERO),
            Columna("% de quienes respondieron", 14, Tipo.PORCENTAJE),
            Columna("Respondieron la pregunta", 14, Tipo.NUMERO),
            Columna("Promedio (escala 1 a 5)", 14, Tipo.NUMERO),
        ],
        filas=filas,
    )


def _hoja_datos(resultados: Resultados, titulo: str) -> Hoja:
    return Hoja(
        titulo="Datos",
        columnas=[Columna("Dato", 30), Columna("Valor", 80)],
        filas=[
            ("Informe", titulo),
            ("Periodo", resultados.periodo),
            ("Encuestas", "\n".join(e.nombre for e in resultados.encuestas)),
            ("Respuestas", Celda(resultados.total, Tipo.NUMERO)),
            ("Por formulario web", Celda(resultados.web, Tipo.NUMERO)),
            ("Por formato en papel", Celda(resultados.papel, Tipo.NUMERO)),
            ("Generado el", Celda(resultados.generado, Tipo.FECHA)),
        ],
    )


def hojas(resultados: Resultados, respuestas: list[Respuesta], *, titulo: str) -> list[Hoja]:
    varias = len(resultados.secciones) > 1
    hojas_respuestas = [
        _hoja_respuestas(
            seccion,
            respuestas,
            f"Respuestas {numero}" if varias else "Respuestas",
        )
        for numero, seccion in enumerate(resultados.secciones, start=1)
    ]
    return [*hojas_respuestas, _hoja_resumen(resultados), _hoja_datos(resultados, titulo)]
