"""Results on a known set of responses: counts, percentages, means, per-option counts of the
multiple choice, free texts; per survey, per period, and the public page of published ones."""

from decimal import Decimal

from django.utils import timezone

from encuestas import selectors
from encuestas.models import Encuesta, PreguntaEncuesta, Respuesta, ValorRespuesta

from .conftest import minimas, responder_web

D = Decimal


def _por_tipo(resultados):
    [seccion] = resultados.secciones
    return {r.pregunta.tipo: r for r in seccion.preguntas}


def _conteos(resultado):
    return {c.opcion.texto: (c.cantidad, c.porcentaje) for c in resultado.opciones}


def test_cifras_de_un_conjunto_conocido(encuesta_con_respuestas):
    datos = selectors.resultados(encuestas=Encuesta.objects.filter(pk=encuesta_con_respuestas.pk))
    assert (datos.total, datos.web, datos.papel) == (6, 4, 2)
    r = _por_tipo(datos)

    escala = r["escala"]
    assert [(c.opcion.valor, c.cantidad, c.porcentaje) for c in escala.opciones] == [
        (1, 0, D("0.0")),
        (2, 1, D("16.7")),
        (3, 1, D("16.7")),
        (4, 2, D("33.3")),
        (5, 2, D("33.3")),
    ]
    assert escala.promedio == D("3.83")  # (2 + 3 + 4·2 + 5·2) / 6
    assert _conteos(r["unica"]) == {
        "Presencial": (4, D("66.7")),
        "Virtual": (1, D("16.7")),
        "Por radio": (1, D("16.7")),
    }
    assert r["unica"].promedio is None
    assert _conteos(r["si_no"]) == {"Sí": (4, D("66.7")), "No": (2, D("33.3"))}


def test_la_seleccion_multiple_cuenta_cada_opcion_no_combinaciones(encuesta_con_respuestas):
    multiple = _por_tipo(selectors.resultados(encuestas=Encuesta.objects.all()))["multiple"]
    # Four responses marked at least one option; two left it empty (it is optional).
    assert (multiple.respondidas, multiple.sin_respuesta) == (4, 2)
    assert _conteos(multiple) == {
        "Radio": (3, D("75.0")),
        "Redes sociales": (2, D("50.0")),
        "Vecinos": (2, D("50.0")),
    }
    assert sum(c.porcentaje for c in multiple.opciones) == D("175.0")


def test_los_textos_libres_se_listan_para_el_equipo(encuesta_con_respuestas):
    r = _por_tipo(selectors.resultados(encuestas=Encuesta.objects.all()))
    assert [t.texto for t in r["texto_largo"].textos] == [
        "Más tiempo para preguntar.",
        "El sonido era malo.",
    ]
    assert r["texto_largo"].respondidas == 2 and r["texto_corto"].respondidas == 1
    sin_textos = selectors.resultados(encuestas=Encuesta.objects.all(), con_textos=False)
    assert _por_tipo(sin_textos)["texto_largo"].textos == []


def test_la_pagina_de_resultados_con_grafico_y_tabla(client, bruno, encuesta_con_respuestas):
    client.force_login(bruno)
    respuesta = client.get(f"/encuestas/gestion/{encuesta_con_respuestas.pk}/resultados/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'data-cifra="total">6<' in html and 'data-cifra="papel">2<' in html
    assert "promedio 3,83 de 5" in html  # es-co: decimal comma
    # Each choice question: an SVG bar chart hidden from screen readers, and its table.
    assert html.count('<div class="grafico-envoltura" aria-hidden="true"><svg') == 4
    assert html.count('<table class="tabla-resultados">') == 4
    assert '<th scope="row">Radio</th><td class="cifra">3</td><td class="cifra">75,0 %</td>' in html
    assert "pueden sumar más de 100 %" in html
    assert "El sonido era malo." in html and "Movilidad" in html


def test_resultados_por_periodo_de_varias_encuestas(
    client, alicia, encuesta_con_respuestas, encuesta_salud
):
    responder_web(encuesta_salud, minimas(encuesta_salud.cuestionario))
    client.force_login(alicia)
    todas = client.get("/encuestas/gestion/resultados/").context["resultados"]
    assert todas.total == 7
    assert {s.cuestionario.nombre: s.respuestas for s in todas.secciones} == {
        "Todas las clases": 6,
        "Evaluación del espacio de rendición de cuentas": 1,
    }
    # August 2022: only the paper forms of that day.
    agosto = client.get("/encuestas/gestion/resultados/?desde=2022-08-01&hasta=2022-08-31")
    datos = agosto.context["resultados"]
    assert (datos.total, datos.web, datos.papel) == (2, 0, 2)
    assert [e.pk for e in datos.encuestas] == [encuesta_con_respuestas.pk]
    assert _conteos(_por_tipo(datos)["unica"]) == {
        "Presencial": (1, D("50.0")),
        "Virtual": (0, D("0.0")),
        "Por radio": (1, D("50.0")),
    }
    hoy = timezone.localdate().isoformat()
    assert (
        client.get(f"/encuestas/gestion/resultados/?desde={hoy}").context["resultados"].total == 5
    )


def test_periodo_con_fechas_invertidas_muestra_el_error(client, alicia, encuesta_con_respuestas):
    client.force_login(alicia)
    pagina = client.get("/encuestas/gestion/resultados/?desde=2022-09-01&hasta=2022-08-01")
    assert "La fecha final no puede ser anterior a la inicial." in pagina.content.decode()
    assert pagina.context["resultados"].total == 6  # the invalid period is ignored


def test_resultados_publicos_solo_publicados_y_sin_textos(client, alicia, encuesta_con_respuestas):
    url = f"/encuestas/resultados/{encuesta_con_respuestas.codigo}/"
    assert client.get(url).status_code == 404
    client.force_login(alicia)
    publicar = client.post(
        f"/encuestas/gestion/{encuesta_con_respuestas.pk}/publicacion/",
        {"publicar": "1", "confirmado": "1"},
    )
    assert publicar.status_code == 302
    client.logout()
    pagina = client.get(url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "75,0 %" in html and "promedio 3,83 de 5" in html
    assert "Movilidad" not in html and "El sonido era malo." not in html
    assert "2 respuestas de texto libre. Los textos no se publican" in html
    assert url in client.get("/encuestas/").content.decode()
    # OPGI withdraws them: the page is gone again.
    client.force_login(alicia)
    client.post(f"/encuestas/gestion/{encuesta_con_respuestas.pk}/publicacion/", {"publicar": "0"})
    client.logout()
    assert client.get(url).status_code == 404


def test_publicar_los_resultados_sin_confirmar_no_los_publica(
    client, alicia, encuesta_con_respuestas
):
    client.force_login(alicia)
    pagina = client.post(
        f"/encuestas/gestion/{encuesta_con_respuestas.pk}/publicacion/", {"publicar": "1"}
    )
    assert pagina.status_code == 200
    assert "Sí, publicar los resultados" in pagina.content.decode()
    encuesta_con_respuestas.refresh_from_db()
    assert not encuesta_con_respuestas.resultados_publicados


def test_la_pagina_de_resultados_lista_las_ultimas_50_respuestas_de_texto_libre(
    client, bruno, encuesta_con_respuestas
):
    """A survey of hundreds of responses: the web page lists the latest 50 free texts of a
    question and says how many more there are (bounded page); the PDF keeps every one."""
    pregunta = PreguntaEncuesta.objects.get(
        cuestionario=encuesta_con_respuestas.cuestionario, tipo="texto_largo"
    )
    nuevas = Respuesta.objects.bulk_create(
        Respuesta(
            encuesta=encuesta_con_respuestas,
            canal=Respuesta.Canal.WEB,
            fecha=timezone.localdate(),
            token=f"testigo-de-la-prueba-{n}",
        )
        for n in range(60)
    )
    ValorRespuesta.objects.bulk_create(
        ValorRespuesta(respuesta=r, pregunta=pregunta, texto=f"Comentario número {n}.")
        for n, r in enumerate(nuevas)
    )
    client.force_login(bruno)
    html = client.get(
        f"/encuestas/gestion/{encuesta_con_respuestas.pk}/resultados/"
    ).content.decode()

    # 2 earlier texts + 60 new: the 50 latest are comments 10…59.
    assert 'data-textos-no-mostrados="12"' in html
    assert "Se muestran las últimas 50 de 62 respuestas de texto libre" in html
    assert "Comentario número 59." in html and "Comentario número 10." in html
    assert "Comentario número 9." not in html and "El sonido era malo." not in html
