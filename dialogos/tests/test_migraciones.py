"""Issue 10, finding 1: questions recorded before the public number get one each."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

ANTES = [("dialogos", "0002_territorios")]
DESPUES = [("dialogos", "0003_pregunta_numero_publico")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_questions_get_a_distinct_public_number():
    executor = MigrationExecutor(connection)
    executor.migrate(ANTES)
    viejas = executor.loader.project_state(ANTES).apps
    Pregunta = viejas.get_model("dialogos", "Pregunta")
    for i in range(3):
        Pregunta.objects.create(
            radicado=f"RDC-2022-AAAA-BBB{i}",
            canal="web",
            acepta_datos=True,
            texto=f"Pregunta {i}",
            recibida_el="2022-08-01",
            vence_el="2022-08-23",
        )

    executor = MigrationExecutor(connection)
    executor.migrate(DESPUES)
    nuevas = executor.loader.project_state(DESPUES).apps
    numeros = list(
        nuevas.get_model("dialogos", "Pregunta").objects.values_list("numero_publico", flat=True)
    )

    assert len(numeros) == len(set(numeros)) == 3
    assert all(numero.startswith("P-") and len(numero) == 10 for numero in numeros)
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
