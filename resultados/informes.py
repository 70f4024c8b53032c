"""The two results reports as PDF and XLSX, through nucleo.documentos.

Both formats read the same object of resultados.selectors (`InformeAudiencia`,
`InformeEstrategia`): the PDF renders its template
(resultados/templates/resultados/informes/*.html), the XLSX the sheets below, so
the figures cannot disagree. Neither holds a name, a contact, a radicado, an
unpublished text, a commitment's internal note nor a free-text survey answer.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from nucleo import documentos
from nucleo.documentos import Celda, Columna, Hoja, Tipo
from nucleo.entidad import entidad_actual

from .models import InformePublicado
from .selectors import InformeAudiencia, InformeEstrategia

PLANTILLA_AUDIENCIA = "resultados/informes/audiencia.html"
PLANTILLA_ESTRATEGIA = "resultados/informes/estrategia.html"

DATO_VALOR = [Columna("Dato", 44), Columna("Valor", 70)]


def membrete() -> dict[str, str]:
    """The letterhead of a hearing that counts for no activity (so for no plan): the
    site's entity (nucleo.entidad)."""
    return {"entidad": entidad_actual().nombre}


def _numero(valor: object) -> Celda:
    return Celda(valor, Tipo.NUMERO)


def _hoja_evaluacion(informe: InformeAudiencia) -> Hoja:
    filas: list[list[object]] = []
    if informe.evaluacion is not None:
        for seccion in informe.evaluacion.secciones:
            for resultado in seccion.preguntas:
                pregunta = resultado.pregunta
                texto = f"{pregunta.orden}. {pregunta.texto}"
                if not pregunta.con_opciones:
                    # Free texts are never published: only how many answered.
                    filas.append([texto, "(texto libre)", resultado.respondidas, None, None])
                for conteo in resultado.opciones:
                    filas.append(
                        [
                            texto,
                            conteo.opcion.etiqueta,
                            conteo.cantidad,
                            conteo.porcentaje,
                            resultado.promedio,
                        ]
                    )
    return Hoja(
        titulo="Evaluación",
        columnas=[
            Columna("Pregunta", 50),
            Columna("Opción", 30),
            Columna("Respuestas", 12, Tipo.NUMERO),
            Columna("% de quienes respondieron", 14, Tipo.PORCENTAJE),
            Columna("Promedio (escala 1 a 5)", 14, Tipo.NUMERO),
        ],
        filas=filas,
    )


def hojas_audiencia(informe: InformeAudiencia) -> list[Hoja]:
    espacio = informe.espacio
    preguntas = informe.preguntas
    resumen = [
        ("Informe", informe.titulo),
        ("Tipo", espacio.get_tipo_display()),
        ("Fecha", Celda(espacio.fecha, Tipo.FECHA)),
        ("Lugar", espacio.lugar or espacio.enlace),
        ("Comuna o corregimiento", espacio.territorio.nombre if espacio.territorio else ""),
        ("Dependencias organizadoras", "; ".join(o.nombre for o in informe.oficinas)),
        ("Asistentes", _numero(espacio.asistentes)),
        ("Organizaciones presentes", espacio.organizaciones),
        ("Preguntas recibidas", _numero(preguntas.recibidas)),
        ("Preguntas respondidas", _numero(preguntas.respondidas)),
        ("Respondidas a tiempo", _numero(preguntas.a_tiempo)),
        ("Respondidas tarde", _numero(preguntas.tarde)),
        ("Sin responder", _numero(preguntas.abiertas)),
        ("Trasladadas a otra entidad", _numero(preguntas.trasladadas)),
        ("Cerradas por desistimiento", _numero(preguntas.desistidas)),
        ("Respuestas a la evaluación", _numero(informe.respuestas_evaluacion)),
        ("Satisfacción (promedio 1 a 5)", _numero(informe.satisfaccion)),
        ("Compromisos", _numero(len(informe.compromisos))),
        ("Generado el", Celda(informe.generado_el, Tipo.FECHA)),
    ]
    return [
        Hoja(titulo="Resumen", columnas=DATO_VALOR, filas=resumen),
        Hoja(
            titulo="Preguntas publicadas",
            columnas=[
                Columna("Número", 14),
                Columna("Recibida el", 12, Tipo.FECHA),
                Columna("Pregunta", 60),
                Columna("Dependencia que responde", 30),
                Columna("Respuesta", 80),
            ],
            filas=[
                (
                    p.numero_publico,
                    p.recibida_el,
                    p.texto_publico,
                    p.oficina.nombre if p.oficina else "",
                    p.respuesta_publica,
                )
                for p in informe.publicadas
            ],
        ),
        _hoja_evaluacion(informe),
        Hoja(
            titulo="Compromisos",
            columnas=[
                Columna("Compromiso", 60),
                Columna("Dependencia responsable", 30),
                Columna("Fecha límite", 12, Tipo.FECHA),
                Columna("Estado", 16),
            ],
            filas=[
                (c.descripcion, c.responsable.nombre, c.fecha_limite, c.get_estado_display())
                for c in informe.compromisos
            ],
        ),
    ]


def hojas_estrategia(informe: InformeEstrategia) -> list[Hoja]:
    preguntas = informe.preguntas
    resumen = [
        ("Informe", informe.titulo),
        ("Plan", informe.plan.titulo),
        ("Seguimiento con corte al", Celda(informe.fecha, Tipo.FECHA)),
        ("Actividades programadas", _numero(informe.programadas)),
        ("Actividades cumplidas", _numero(informe.cumplidas)),
        ("% de actividades cumplidas", Celda(informe.porcentaje_cumplidas, Tipo.PORCENTAJE)),
        ("Espacios de diálogo realizados", _numero(informe.espacios_realizados)),
        ("Audiencias realizadas", _numero(len(informe.audiencias))),
        ("Preguntas recibidas", _numero(preguntas.recibidas)),
        ("Respondidas a tiempo", _numero(preguntas.a_tiempo)),
        ("Respondidas tarde", _numero(preguntas.tarde)),
        ("Sin responder", _numero(preguntas.abiertas)),
        ("Trasladadas a otra entidad", _numero(preguntas.trasladadas)),
        ("Cerradas por desistimiento", _numero(preguntas.desistidas)),
        ("Encuestas", _numero(informe.encuestas)),
        ("Respuestas a las encuestas", _numero(informe.respuestas_encuestas)),
        ("Satisfacción (promedio 1 a 5)", _numero(informe.satisfaccion)),
        ("Compromisos", _numero(informe.total_compromisos)),
        ("Generado el", Celda(informe.generado_el, Tipo.FECHA)),
        *((f"Definición {n}", texto) for n, texto in enumerate(informe.definiciones, start=1)),
    ]
    return [
        Hoja(titulo="Resumen", columnas=DATO_VALOR, filas=resumen),
        Hoja(
            titulo="Metas por subcomponente",
            columnas=[
                Columna("Subcomponente", 50),
                Columna("Programadas", 14, Tipo.NUMERO),
                Columna("Cumplidas", 14, Tipo.NUMERO),
                Columna("% cumplidas", 14, Tipo.PORCENTAJE),
            ],
            filas=[
                (str(m.subcomponente), m.programadas, m.cumplidas, m.porcentaje)
                for m in informe.metas
            ],
            totales=[
                ("Total", informe.programadas, informe.cumplidas, informe.porcentaje_cumplidas)
            ],
        ),
        Hoja(
            titulo="Espacios por tipo",
            columnas=[Columna("Tipo de espacio", 50), Columna("Realizados", 14, Tipo.NUMERO)],
            filas=[(c.etiqueta, c.cantidad) for c in informe.por_tipo],
            totales=[("Total", informe.espacios_realizados)],
        ),
        Hoja(
            titulo="Espacios por territorio",
            columnas=[
                Columna("Comuna o corregimiento", 30),
                Columna("Tipo", 16),
                Columna("Realizados", 14, Tipo.NUMERO),
            ],
            filas=[(t.nombre, t.get_tipo_display(), n) for t, n in informe.por_territorio],
        ),
        Hoja(
            titulo="Audiencias",
            columnas=[
                Columna("Audiencia", 50),
                Columna("Fecha", 12, Tipo.FECHA),
                Columna("Asistentes", 12, Tipo.NUMERO),
                Columna("Respuestas a la evaluación", 14, Tipo.NUMERO),
                Columna("Satisfacción (1 a 5)", 14, Tipo.NUMERO),
            ],
            filas=[
                (
                    f.espacio.titulo,
                    f.espacio.fecha,
                    f.espacio.asistentes,
                    f.respuestas,
                    f.satisfaccion,
                )
                for f in informe.audiencias
            ],
        ),
        Hoja(
            titulo="Compromisos por estado",
            columnas=[Columna("Estado", 30), Columna("Compromisos", 14, Tipo.NUMERO)],
            filas=[(c.etiqueta, c.cantidad) for c in informe.compromisos],
            totales=[("Total", informe.total_compromisos)],
        ),
    ]


def _audiencia(informe: InformeAudiencia) -> dict:
    actividad = informe.espacio.actividad
    return {
        "nombre": informe.nombre,
        "plantilla": PLANTILLA_AUDIENCIA,
        # The letterhead of the hearing's plan (public whenever the hearing is).
        "contexto": {"informe": informe, "plan": actividad.plan if actividad else membrete()},
        "hojas": lambda: hojas_audiencia(informe),
    }


def _estrategia(informe: InformeEstrategia) -> dict:
    return {
        "nombre": informe.nombre,
        "plantilla": PLANTILLA_ESTRATEGIA,
        "contexto": {"informe": informe, "plan": informe.plan},
        "hojas": lambda: hojas_estrategia(informe),
    }


def descarga_audiencia(
    request: HttpRequest, informe: InformeAudiencia, formato: str
) -> HttpResponse:
    """The draft, computed now (staff only)."""
    return documentos.descarga(request, formato=formato, **_audiencia(informe))


def descarga_estrategia(
    request: HttpRequest, informe: InformeEstrategia, formato: str
) -> HttpResponse:
    """The draft, computed now (staff only)."""
    return documentos.descarga(request, formato=formato, **_estrategia(informe))


@dataclass(frozen=True)
class Documento:
    """A report rendered once: its name and its bytes in each format."""

    nombre: str
    contenidos: dict[str, bytes]


def _documento(partes: dict) -> Documento:
    nombre = partes.pop("nombre")
    return Documento(
        nombre=nombre,
        contenidos={
            formato: documentos.contenido(formato=formato, base_url=settings.SITIO_URL, **partes)
            for formato in documentos.Formato
        },
    )


def documento_audiencia(informe: InformeAudiencia) -> Documento:
    return _documento(_audiencia(informe))


def documento_estrategia(informe: InformeEstrategia) -> Documento:
    return _documento(_estrategia(informe))


def descarga_publicada(publicado: InformePublicado, formato: str) -> HttpResponse:
    """The file stored when the report was published (never rendered again)."""
    with publicado.archivo(formato).open("rb") as archivo:
        datos = archivo.read()
    nombre = f"{publicado.nombre}.{formato}"
    if formato == documentos.Formato.PDF:
        return documentos.respuesta_pdf(datos, nombre)
    return documentos.respuesta_xlsx(datos, nombre)
