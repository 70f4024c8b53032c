"""The report of the Administration's answers (seed activity 3.4), for a period or a space.

Built once as data (`informe_respuestas`) and rendered through nucleo.documentos,
the rendering path of every report: to PDF from its template
(dialogos/templates/dialogos/informes/respuestas.html) and to XLSX from
`hojas_respuestas`, so both formats show the same figures.

The report is public, so it lists only what OPGI published: the reviewed
question and answer texts, never a name, a contact or the radicado (a
question is named by its public number), and only questions of public spaces. Its figures (received,
answered, answered on time) count every question of the period or space.
Three queries, whatever the number of questions.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

from nucleo.documentos import Celda, Columna, Hoja, Tipo

from . import selectors
from .models import EspacioDialogo, InformeRespuestas, Pregunta

CERRADAS = (Pregunta.Estado.TRASLADADA, Pregunta.Estado.DESISTIDA)


@dataclass(frozen=True)
class InformeDeRespuestas:
    titulo: str
    alcance: str
    generado_el: date
    recibidas: int
    respondidas: int
    respondidas_a_tiempo: int
    publicadas: list[Pregunta]
    # Forwarded to another authority (art. 21) or abandoned (art. 17): not pending here.
    cerradas: int = 0
    publicado_el: date | None = None
    clave_archivo: str = "respuestas"

    @property
    def pendientes(self) -> int:
        return self.recibidas - self.respondidas - self.cerradas

    @property
    def nombre(self) -> str:
        """The downloaded file's name, without its extension."""
        return f"informe-respuestas-{self.clave_archivo}"


def informe_respuestas(
    *,
    espacio: EspacioDialogo | None = None,
    desde: date | None = None,
    hasta: date | None = None,
    titulo: str = "Informe de respuestas a la ciudadanía",
    publicado_el: date | None = None,
    hoy: date | None = None,
) -> InformeDeRespuestas:
    """The report of a space (its questions) or of a period (questions received in it)."""
    preguntas = Pregunta.objects.all()
    if espacio is not None:
        preguntas = preguntas.filter(espacio=espacio)
        alcance = f"Preguntas recibidas en el espacio «{espacio}»"
        clave = f"espacio-{espacio.pk}-{slugify(espacio.titulo)[:40]}"
    else:
        preguntas = preguntas.filter(recibida_el__gte=desde, recibida_el__lte=hasta)
        alcance = f"Preguntas recibidas del {desde:%d/%m/%Y} al {hasta:%d/%m/%Y}"
        clave = f"{desde:%Y%m%d}-{hasta:%Y%m%d}"
    plazos = list(preguntas.values_list("vence_el", "respondida_en", "estado"))
    respondidas = [
        (vence, timezone.localtime(respondida).date())
        for vence, respondida, _ in plazos
        if respondida
    ]
    cerradas = sum(1 for *_, estado in plazos if estado in CERRADAS)
    publicadas = list(
        selectors.preguntas_publicadas()
        .filter(pk__in=preguntas.values("pk"))
        .order_by("recibida_el", "pk")
    )
    return InformeDeRespuestas(
        titulo=titulo,
        alcance=alcance,
        generado_el=hoy or timezone.localdate(),
        recibidas=len(plazos),
        respondidas=len(respondidas),
        respondidas_a_tiempo=sum(1 for vence, el in respondidas if el <= vence),
        publicadas=publicadas,
        cerradas=cerradas,
        publicado_el=publicado_el,
        clave_archivo=clave,
    )


def informe_registrado(informe: InformeRespuestas) -> InformeDeRespuestas:
    """The report of a published InformeRespuestas record."""
    return informe_respuestas(
        espacio=informe.espacio,
        desde=informe.desde,
        hasta=informe.hasta,
        titulo=informe.titulo,
        publicado_el=informe.publicado_el,
    )


def hojas_respuestas(informe: InformeDeRespuestas) -> list[Hoja]:
    filas = [
        (
            pregunta.numero_publico,
            pregunta.recibida_el,
            pregunta.territorio.nombre if pregunta.territorio else "",
            pregunta.espacio.titulo if pregunta.espacio else "Formulario general",
            pregunta.texto_publico,
            pregunta.oficina.nombre if pregunta.oficina else "",
            pregunta.respuesta_publica,
            pregunta.respondida_en,
        )
        for pregunta in informe.publicadas
    ]
    return [
        Hoja(
            titulo="Preguntas y respuestas",
            columnas=[
                Columna("Número", 14),
                Columna("Recibida el", 12, Tipo.FECHA),
                Columna("Comuna o corregimiento", 20),
                Columna("Espacio", 30),
                Columna("Pregunta", 60),
                Columna("Dependencia que responde", 30),
                Columna("Respuesta", 80),
                Columna("Respondida el", 12, Tipo.FECHA),
            ],
            filas=filas,
        ),
        Hoja(
            titulo="Resumen",
            columnas=[Columna("Dato", 34), Columna("Valor", 70)],
            filas=[
                ("Informe", informe.titulo),
                ("Alcance", informe.alcance),
                ("Preguntas recibidas", Celda(informe.recibidas, Tipo.NUMERO)),
                ("Preguntas respondidas", Celda(informe.respondidas, Tipo.NUMERO)),
                (
                    "Respondidas dentro del plazo legal",
                    Celda(informe.respondidas_a_tiempo, Tipo.NUMERO),
                ),
                ("Trasladadas a otra entidad o desistidas", Celda(informe.cerradas, Tipo.NUMERO)),
                ("Sin responder", Celda(informe.pendientes, Tipo.NUMERO)),
                ("Publicadas en este informe", Celda(len(informe.publicadas), Tipo.NUMERO)),
                ("Generado el", Celda(informe.generado_el, Tipo.FECHA)),
            ],
        ),
    ]
