"""The vigencia's results report: its figures on a known data set, in the selector, the
PDF and the XLSX (one data path), every territory listed, zeros included."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dialogos.models import Territorio
from resultados import selectors
from resultados.tests.datos import HOY, PRIVADOS
from resultados.tests.lectura import dato, hojas_xlsx, texto_pdf, todo_el_texto

# Their hearings and spaces are held in Pasto's comunas and corregimientos (a fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territorios_pasto")]


def test_las_cifras_de_la_estrategia_en_el_selector(plan_2022, datos):
    informe = selectors.informe_estrategia(plan=plan_2022, hoy=HOY)
    assert [(m.subcomponente.numero, m.programadas, m.cumplidas) for m in informe.metas] == [
        (1, 11, 1),
        (2, 8, 1),
        (3, 4, 0),
    ]
    assert (informe.programadas, informe.cumplidas) == (23, 2)
    assert informe.porcentaje_cumplidas == Decimal("8.7")
    assert [c.cantidad for c in informe.por_tipo] == [0, 1, 1, 1]  # the four types
    assert informe.espacios_realizados == 3
    assert len(informe.por_territorio) == Territorio.objects.count() == 29
    assert len(informe.comunas) == 12 and len(informe.corregimientos) == 17
    assert {t.nombre: n for t, n in informe.por_territorio if n} == {"Comuna 1": 1, "Genoy": 2}
    assert [(f.espacio, f.respuestas, f.satisfaccion) for f in informe.audiencias] == [
        (datos.publica, 4, Decimal("4.00")),
        (datos.sectorial, 0, None),
    ]
    preguntas = informe.preguntas
    assert (preguntas.recibidas, preguntas.a_tiempo, preguntas.tarde, preguntas.abiertas) == (
        5,
        3,
        1,
        1,
    )
    # The sectoral hearing got its evaluation survey when programmed; nobody answered it.
    assert (informe.encuestas, informe.respuestas_encuestas) == (2, 4)
    assert informe.satisfaccion == Decimal("4.00")
    assert [(c.etiqueta, c.cantidad) for c in informe.compromisos] == [
        ("Pendiente", 1),
        ("En ejecución", 1),
        ("Cumplido", 1),
    ]


def test_las_cifras_de_la_estrategia_en_el_pdf(client, alicia, datos):
    client.force_login(alicia)
    respuesta = client.get(
        reverse("resultados:estrategia_borrador", args=["alcaldia-de-pasto-paac-2022", "pdf"])
    )
    assert respuesta.status_code == 200
    texto = texto_pdf(respuesta.content)
    for frase in [
        "Informe de resultados de la estrategia de rendición de cuentas 2022",
        "Seguimiento con corte al 31/12/2022",
        "Total 23 2 8,7 %",
        "Jornada temática de diálogo 0",
        "Espacio territorial de diálogo 1",
        "Audiencia pública de rendición de cuentas 1",
        "Audiencia sectorial de rendición de cuentas 1",
        "Comuna 1 1",
        "Genoy 2",
        "Comuna 12 0",
        "Audiencia pública de rendición de cuentas 2022 10/08/2022 120 4 4,00",
        "Audiencia sectorial de educación 15/09/2022 50 0 —",
        "Preguntas recibidas 5",
        "Respondidas a tiempo 3",
        "Respondidas tarde 1",
        "Sin responder 1",
        "Encuestas 2",
        "Respuestas 4",
        "Satisfacción (promedio 1 a 5) 4,00",
        "Pendiente 1",
        "En ejecución 1",
        "Cumplido 1",
        "Actividad cumplida",
    ]:
        assert frase in texto, frase
    assert [privado for privado in PRIVADOS if privado in texto] == []


def test_las_cifras_de_la_estrategia_en_el_xlsx(client, alicia, datos):
    client.force_login(alicia)
    respuesta = client.get(
        reverse("resultados:estrategia_borrador", args=["alcaldia-de-pasto-paac-2022", "xlsx"])
    )
    assert respuesta.status_code == 200
    hojas = hojas_xlsx(respuesta.content)
    resumen = hojas["Resumen"]
    assert dato(resumen, "Actividades programadas") == 23
    assert dato(resumen, "Actividades cumplidas") == 2
    assert dato(resumen, "Espacios de diálogo realizados") == 3
    assert dato(resumen, "Audiencias realizadas") == 2
    assert dato(resumen, "Preguntas recibidas") == 5
    assert dato(resumen, "Respondidas a tiempo") == 3
    assert dato(resumen, "Respondidas tarde") == 1
    assert dato(resumen, "Sin responder") == 1
    assert dato(resumen, "Encuestas") == 2
    assert dato(resumen, "Respuestas a las encuestas") == 4
    assert dato(resumen, "Satisfacción (promedio 1 a 5)") == 4
    metas = hojas["Metas por subcomponente"]
    assert [fila[1:3] for fila in metas[1:]] == [(11, 1), (8, 1), (4, 0), (23, 2)]
    assert [fila[1] for fila in hojas["Espacios por tipo"][1:]] == [0, 1, 1, 1, 3]
    territorios = hojas["Espacios por territorio"][1:]
    assert len(territorios) == 29
    assert {fila[0]: fila[2] for fila in territorios if fila[2]} == {"Comuna 1": 1, "Genoy": 2}
    audiencias = hojas["Audiencias"][1:]
    assert [(fila[0], fila[2], fila[3], fila[4]) for fila in audiencias] == [
        ("Audiencia pública de rendición de cuentas 2022", 120, 4, 4),
        ("Audiencia sectorial de educación", 50, 0, None),
    ]
    assert [fila[1] for fila in hojas["Compromisos por estado"][1:]] == [1, 1, 1, 3]
    texto = todo_el_texto(respuesta.content)
    assert [privado for privado in PRIVADOS if privado in texto] == []
