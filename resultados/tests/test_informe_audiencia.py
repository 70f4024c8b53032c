"""The hearing's report (MURC): its figures on a known data set, in the selector, the PDF
and the XLSX, and none of the data that must stay private."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dialogos.models import Pregunta
from dialogos.services import plazos
from resultados import selectors
from resultados.tests.datos import HOY, NOTA, PRIVADOS, TEXTO_LIBRE
from resultados.tests.lectura import dato, hojas_xlsx, texto_pdf, todo_el_texto

# Their hearings and spaces are held in Pasto's comunas and corregimientos (a fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territorios_pasto")]


def test_las_cifras_de_la_audiencia_en_el_selector(datos):
    informe = selectors.informe_audiencia(espacio=datos.publica, hoy=HOY)
    assert informe.espacio.asistentes == 120
    assert informe.espacio.organizaciones == "Junta de Acción Comunal de la Comuna 1"
    preguntas = informe.preguntas
    assert (preguntas.recibidas, preguntas.respondidas) == (5, 4)
    assert (preguntas.a_tiempo, preguntas.tarde, preguntas.abiertas) == (3, 1, 1)
    assert [p.texto_publico for p in informe.publicadas] == [
        "¿Cuándo abre el colegio número 0?",
        "¿Cuándo abre el colegio número 1?",
    ]
    assert informe.encuesta == datos.encuesta
    assert informe.respuestas_evaluacion == 4
    assert informe.satisfaccion == Decimal("4.00")
    escala = informe.evaluacion.secciones[0].preguntas[0]
    assert [(c.opcion.valor, c.cantidad) for c in escala.opciones] == [
        (1, 0),
        (2, 0),
        (3, 1),
        (4, 2),
        (5, 1),
    ]
    # The free texts are not even loaded.
    assert all(not r.textos for s in informe.evaluacion.secciones for r in s.preguntas)
    assert [(c.descripcion, c.get_estado_display()) for c in informe.compromisos] == [
        ("Compromiso número 0 de la audiencia.", "Pendiente"),
        ("Compromiso número 1 de la audiencia.", "En ejecución"),
        ("Compromiso número 2 de la audiencia.", "Cumplido"),
    ]
    assert {c.fecha_limite for c in informe.compromisos} == {date(2022, 12, 1)}
    assert [c.cantidad for c in informe.compromisos_por_estado] == [1, 1, 1]


def test_las_cifras_de_la_audiencia_en_el_pdf(client, alicia, datos):
    client.force_login(alicia)
    url = reverse("resultados:audiencia_borrador", args=[datos.publica.pk, "pdf"])
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    texto = texto_pdf(respuesta.content)
    for frase in [
        "Audiencia pública de rendición de cuentas 2022",
        "Asistentes: 120",
        "Junta de Acción Comunal de la Comuna 1",
        "Preguntas recibidas 5",
        "Respondidas 4",
        "Respondidas a tiempo 3",
        "Respondidas tarde 1",
        "Sin responder 1",
        "¿Cuándo abre el colegio número 0?",
        "El colegio número 1 abre en febrero.",
        "Respuestas a la encuesta de evaluación: 4",
        "Satisfacción (promedio de las preguntas de escala, 1 a 5): 4,00",
        "Compromiso número 2 de la audiencia.",
        "En ejecución",
        "01/12/2022",
    ]:
        assert frase in texto, frase
    assert [privado for privado in PRIVADOS if privado in texto] == []


def test_las_cifras_de_la_audiencia_en_el_xlsx(client, alicia, datos):
    client.force_login(alicia)
    url = reverse("resultados:audiencia_borrador", args=[datos.publica.pk, "xlsx"])
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    hojas = hojas_xlsx(respuesta.content)
    assert list(hojas) == ["Resumen", "Preguntas publicadas", "Evaluación", "Compromisos"]
    resumen = hojas["Resumen"]
    assert dato(resumen, "Asistentes") == 120
    assert dato(resumen, "Organizaciones presentes") == "Junta de Acción Comunal de la Comuna 1"
    assert dato(resumen, "Preguntas recibidas") == 5
    assert dato(resumen, "Respondidas a tiempo") == 3
    assert dato(resumen, "Respondidas tarde") == 1
    assert dato(resumen, "Sin responder") == 1
    assert dato(resumen, "Respuestas a la evaluación") == 4
    assert dato(resumen, "Satisfacción (promedio 1 a 5)") == 4
    publicadas = hojas["Preguntas publicadas"][1:]
    assert [fila[2] for fila in publicadas] == [
        "¿Cuándo abre el colegio número 0?",
        "¿Cuándo abre el colegio número 1?",
    ]
    assert [fila[0] for fila in publicadas] == [p.numero_publico for p in datos.preguntas[:2]]
    evaluacion = hojas["Evaluación"][1:]
    assert [fila[2] for fila in evaluacion if fila[0].startswith("1.")] == [0, 0, 1, 2, 1]
    assert ["Sugerencias" in fila[0] and fila[1] for fila in evaluacion][-1] == "(texto libre)"
    compromisos = hojas["Compromisos"][1:]
    assert [(fila[0], fila[3]) for fila in compromisos] == [
        ("Compromiso número 0 de la audiencia.", "Pendiente"),
        ("Compromiso número 1 de la audiencia.", "En ejecución"),
        ("Compromiso número 2 de la audiencia.", "Cumplido"),
    ]
    texto = todo_el_texto(respuesta.content)
    assert [privado for privado in PRIVADOS if privado in texto] == []


def test_el_informe_no_muestra_radicados_ni_datos_personales_ni_textos_libres(
    client, alicia, datos
):
    client.force_login(alicia)
    xlsx = client.get(reverse("resultados:audiencia_borrador", args=[datos.publica.pk, "xlsx"]))
    texto = todo_el_texto(xlsx.content)
    for pregunta in datos.preguntas:
        assert pregunta.radicado not in texto
    # The private data exist (so their absence means something).
    abierta = datos.preguntas[-1]
    abierta.refresh_from_db()
    assert abierta.nombre and abierta.correo and abierta.telefono
    assert datos.encuesta.respuestas.filter(valores__texto=TEXTO_LIBRE).count() == 4
    assert datos.publica.compromisos.filter(seguimiento=NOTA).count() == 3


def test_una_pregunta_trasladada_no_cuenta_como_sin_responder(alicia, datos):
    """Ley 1755, art. 21: a question forwarded to the competent authority is closed here;
    the report counts it apart, not as an unanswered question of the hearing."""
    abierta = Pregunta.objects.get(espacio=datos.publica, respondida_en__isnull=True)
    plazos.trasladar_pregunta(
        pregunta=abierta,
        usuario=alicia,
        entidad_destino="Gobernación de Nariño",
        hoy=abierta.recibida_el,
    )
    preguntas = selectors.informe_audiencia(espacio=datos.publica, hoy=HOY).preguntas
    assert (preguntas.recibidas, preguntas.abiertas, preguntas.trasladadas) == (5, 0, 1)
    assert (preguntas.a_tiempo, preguntas.tarde, preguntas.desistidas) == (3, 1, 0)
