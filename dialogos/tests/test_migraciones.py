"""Issue 10: the migrations repair what was stored before the fixes."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dialogos.tests.conftest import BOGOTA

ANTES = [("dialogos", "0002_territorios")]
DESPUES = [("dialogos", "0003_pregunta_numero_publico")]


# Transactional: the flush after it emits post_migrate, so the groups and permissions
# come back for the browser tests after it (a serialized rollback would leave them out).
@pytest.mark.django_db(transaction=True)
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


ANTES_DEL_RANGO = [("dialogos", "0003_pregunta_numero_publico")]
CON_RANGO = [("dialogos", "0004_fechas_en_rango")]


# Transactional: the flush after it emits post_migrate, so the groups and permissions
# come back for the browser tests after it (a serialized rollback would leave them out).
@pytest.mark.django_db(transaction=True)
def test_a_space_stored_at_year_9999_is_brought_into_range_by_the_migration():
    """Finding 3: a row saved before the bounds (PostgreSQL kept it) must not block the
    migration, and the pages must be able to read it afterwards."""
    executor = MigrationExecutor(connection)
    executor.migrate(ANTES_DEL_RANGO)
    # Raw SQL: Python itself cannot build this moment in UTC (year 10000).
    if connection.vendor == "postgresql":
        inicio, fin = "9999-12-31 23:00:00-05", "9999-12-31 23:59:00-05"
    else:  # SQLite keeps naive UTC text
        inicio, fin = "9999-12-31 23:00:00", "9999-12-31 23:59:00"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO dialogos_espaciodialogo (uid, tipo, titulo, tema, inicio, fin, lugar, "
            "enlace, estado, motivo_cancelacion, organizaciones, acta, creado_en, "
            "actualizado_en, secuencia) VALUES (%s, 'jornada_tematica', 'Lejana', '', %s, %s, "
            "'Casa', '', 'programado', '', '', '', %s, %s, 0)",
            [
                "0" * 32
                if connection.vendor == "sqlite"
                else "00000000-0000-0000-0000-000000000000",
                inicio,
                fin,
                "2022-01-01 00:00:00" + ("+00" if connection.vendor == "postgresql" else ""),
                "2022-01-01 00:00:00" + ("+00" if connection.vendor == "postgresql" else ""),
            ],
        )

    executor = MigrationExecutor(connection)
    executor.migrate(CON_RANGO)
    Espacio = executor.loader.project_state(CON_RANGO).apps.get_model("dialogos", "EspacioDialogo")
    espacio = Espacio.objects.get(titulo="Lejana")
    assert espacio.inicio.astimezone(BOGOTA).date() == date(2100, 12, 31)
    assert espacio.fin > espacio.inicio
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


ANTES_DE_LOS_TIPOS = [("dialogos", "0008_ciclo_audiencias")]
CON_TIPOS = [("dialogos", "0011_pregunta_tipo_obligatorio")]


# Transactional: the flush after it emits post_migrate (see the tests above).
@pytest.mark.django_db(transaction=True)
def test_las_preguntas_existentes_quedan_como_peticion_general_con_sus_15_dias() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(ANTES_DE_LOS_TIPOS)
    viejas = executor.loader.project_state(ANTES_DE_LOS_TIPOS).apps
    viejas.get_model("dialogos", "Pregunta").objects.create(
        radicado="RDC-2022-AAAA-CCCC",
        numero_publico="P-AAAACCCC",
        canal="web",
        acepta_datos=True,
        texto="Pregunta de antes",
        recibida_el="2022-08-01",
        vence_el="2022-08-23",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(CON_TIPOS)
    nuevas = executor.loader.project_state(CON_TIPOS).apps
    pregunta = nuevas.get_model("dialogos", "Pregunta").objects.select_related("tipo").get()

    assert (pregunta.tipo.clave, pregunta.tipo.dias_habiles) == ("general", 15)
    assert str(pregunta.vence_el) == "2022-08-23"
    assert nuevas.get_model("dialogos", "TipoPeticion").objects.count() == 3
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
