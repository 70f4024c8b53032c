import pytest

from resultados.tests.datos import Datos, crear_datos


@pytest.fixture
def datos(alicia, bruno) -> Datos:
    return crear_datos(alicia, bruno)
