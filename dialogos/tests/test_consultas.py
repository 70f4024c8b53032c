"""Query counts: the schedule, the published answers and the staff lists cost the same
number of queries with a few records as with many."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from dialogos import reglas
from dialogos.models import EspacioDialogo, Pregunta, Territorio, TipoPeticion
from dialogos.tests.conftest import momento
from plan.models import Actividad, Responsable


def crear_muchos(*, espacios: int, preguntas: int):
    """Spaces of every kind and status, and questions in every state (bulk, deterministic)."""
    territorios = list(Territorio.objects.order_by("orden"))
    oficinas = list(Responsable.objects.order_by("pk"))
    actividad = Actividad.objects.get(codigo="2.2")
    tipos, estados = EspacioDialogo.Tipo.values, EspacioDialogo.Estado.values
    nuevos = []
    for i in range(espacios):
        estado = estados[i % 3]
        inicio = momento(2022, 1 + i % 12, 1 + i % 28) + timedelta(days=0 if i % 2 else 1500)
        nuevos.append(
            EspacioDialogo(
                tipo=tipos[i % 4],
                titulo=f"Espacio {i}",
                actividad=actividad,
                inicio=inicio,
                fin=inicio + timedelta(hours=2),
                territorio=territorios[i % 29],
                lugar=f"Salón {i}",
                estado=estado,
                motivo_cancelacion="Lluvia" if estado == "cancelado" else "",
                asistentes=30 if estado == "realizado" else None,
                acta="Acta" if estado == "realizado" else "",
            )
        )
    EspacioDialogo.objects.bulk_create(nuevos)
    creados = list(EspacioDialogo.objects.order_by("pk"))
    Through = EspacioDialogo.oficinas.through
    Through.objects.bulk_create(
        Through(espaciodialogo=e, responsable=oficinas[(i + k) % len(oficinas)])
        for i, e in enumerate(creados)
        for k in range(1 + i % 2)
    )
    estados_p = Pregunta.Estado.values
    ahora = timezone.now()
    filas = []
    general = TipoPeticion.general()
    for i in range(preguntas):
        estado = estados_p[i % 4]
        recibida = date(2022, 1 + i % 12, 1 + i % 28)
        filas.append(
            Pregunta(
                radicado=reglas.nuevo_radicado(2022) + f"-{i}",
                canal=Pregunta.Canal.WEB,
                tipo=general,
                acepta_datos=True,
                texto=f"Pregunta {i}",
                espacio=creados[i % len(creados)] if creados else None,
                territorio=territorios[i % 29],
                recibida_el=recibida,
                vence_el=reglas.vencimiento(recibida),
                estado=estado,
                oficina=oficinas[i % len(oficinas)] if estado != "recibida" else None,
                respuesta="Respuesta" if estado in ("respondida", "publicada") else "",
                respondida_en=ahora if estado in ("respondida", "publicada") else None,
                texto_publico="Pregunta" if estado == "publicada" else "",
                respuesta_publica="Respuesta" if estado == "publicada" else "",
                publicada_en=ahora if estado == "publicada" else None,
            )
        )
    Pregunta.objects.bulk_create(filas)


PAGINAS_PUBLICAS = {
    "/dialogos/": 3,  # spaces, their organisers, the territories of the filter
    "/dialogos/?tipo=espacio_territorial&territorio=genoy&mes=2022-03": 3,
    "/dialogos/respuestas/": 4,  # count, page, territories, published reports
    "/dialogos/cobertura/?anio=2022": 2,  # published plans, one grouped query
}


def _consultas(client, url, django_assert_num_queries, esperadas):
    with django_assert_num_queries(esperadas):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("muchos", [False, True], ids=["pocos", "muchos"])
@pytest.mark.parametrize(("url", "esperadas"), PAGINAS_PUBLICAS.items())
def test_paginas_publicas(client, plan_2022, django_assert_num_queries, muchos, url, esperadas):
    crear_muchos(espacios=120 if muchos else 2, preguntas=300 if muchos else 4)
    _consultas(client, url, django_assert_num_queries, esperadas)


# Session, user and groups (rol_de) first; then the page's own queries.
PAGINAS_DE_GESTION = {
    "/dialogos/gestion/": 7,  # + count, page, organisers, territories of the filter
    "/dialogos/gestion/preguntas/": 7,  # + counts, page count, page, offices of the filter
    "/dialogos/gestion/preguntas/?estado=todas&oficina=educacion": 8,  # + the chosen office
    "/dialogos/gestion/compromisos/": 5,  # + the commitments it may update, count, page
}


@pytest.mark.parametrize("muchos", [False, True], ids=["pocos", "muchos"])
@pytest.mark.parametrize(("url", "esperadas"), PAGINAS_DE_GESTION.items())
def test_paginas_de_gestion(client, alicia, django_assert_num_queries, muchos, url, esperadas):
    crear_muchos(espacios=120 if muchos else 2, preguntas=300 if muchos else 4)
    client.force_login(alicia)
    _consultas(client, url, django_assert_num_queries, esperadas)


@pytest.mark.parametrize("muchos", [False, True], ids=["pocos", "muchos"])
def test_tablero_de_preguntas_de_una_oficina(client, bruno, django_assert_num_queries, muchos):
    crear_muchos(espacios=40 if muchos else 2, preguntas=300 if muchos else 4)
    client.force_login(bruno)
    _consultas(client, "/dialogos/gestion/preguntas/", django_assert_num_queries, 8)


@pytest.mark.parametrize("muchos", [False, True], ids=["pocos", "muchos"])
def test_calendario_ical(client, plan_2022, django_assert_num_queries, muchos):
    crear_muchos(espacios=120 if muchos else 2, preguntas=0)
    _consultas(client, "/dialogos/calendario.ics", django_assert_num_queries, 2)
