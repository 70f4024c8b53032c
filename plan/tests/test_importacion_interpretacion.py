"""The import reads metas, dates and offices as the offices write them (issue 16).

Steps `metas`, `fechas` and `oficinas` of `plan.importacion`: pure functions over `Celda`
values, so these tests build the cells directly and need no database.
"""

import datetime
from decimal import Decimal

import pytest

from plan.importacion import fechas, metas, oficinas
from plan.importacion.oficinas import OficinaConocida
from plan.importacion.tipos import Celda

D = datetime.date


def celda(valor: object, *, es_porcentaje: bool = False, columna: str = "D") -> Celda:
    return Celda(valor=valor, fila=7, columna=columna, es_porcentaje=es_porcentaje)


# ---------------------------------------------------------------------------- metas

CUALITATIVA = "La meta «{}» no tiene una cantidad: se seguirá por el porcentaje de cumplimiento."


@pytest.mark.parametrize(
    ("texto", "cantidad", "unidad", "tipo"),
    [
        ("Dos (2) informes", "2", "informes", "exacta"),
        ("2 informes de seguimiento", "2", "informes de seguimiento", "exacta"),
        ("Un (1) documento", "1", "documento", "exacta"),
        ("Veintidós (22) talleres", "22", "talleres", "exacta"),
        ("Tres informes", "3", "informes", "exacta"),
        ("Doce boletines", "12", "boletines", "exacta"),
        ("Veinte encuestas", "20", "encuestas", "exacta"),
        ("Treinta y dos encuestas aplicadas", "32", "encuestas aplicadas", "exacta"),
        ("Cincuenta ejemplares", "50", "ejemplares", "exacta"),
        ("Realizar 4 audiencias", "4", "audiencias", "exacta"),
        ("Realizar dos audiencias públicas", "2", "audiencias públicas", "exacta"),
        ("15.000 ejemplares", "15000", "ejemplares", "exacta"),
        ("1.500.000 personas", "1500000", "personas", "exacta"),
        ("15000 ejemplares", "15000", "ejemplares", "exacta"),
        ("2,5 kilómetros", "2.5", "kilómetros", "exacta"),
        ("Mínimo 29 espacios", "29", "espacios", "minimo"),
        ("Al menos 50 asistentes", "50", "asistentes", "minimo"),
        ("Realizar por lo menos 3 mesas de trabajo", "3", "mesas de trabajo", "minimo"),
        ("Como mínimo cinco talleres", "5", "talleres", "minimo"),
        ("100%", "100", "PQRSD", "porcentaje"),
        ("100 %", "100", "PQRSD", "porcentaje"),
        ("100 por ciento", "100", "PQRSD", "porcentaje"),
        ("Cien por ciento", "100", "PQRSD", "porcentaje"),
        ("100% de las PQRSD respondidas", "100", "PQRSD respondidas", "porcentaje"),
        ("80 % de los trámites en línea.", "80", "trámites en línea", "porcentaje"),
        ("12,5 % de avance", "12.5", "avance", "porcentaje"),
        ("Informe según la Ley 1712 de 2014: 4 publicaciones", "4", "publicaciones", "exacta"),
        ("4 (cuatro) informes", "4", "informes", "exacta"),
        ("Dos mil ejemplares", "2000", "ejemplares", "exacta"),
        ("Ciento veinte visitas", "120", "visitas", "exacta"),
        ("Informe trimestral (4)", "4", "Informe trimestral", "exacta"),
        ("3 informes (uno por cuatrimestre)", "3", "informes (uno por cuatrimestre)", "exacta"),
        ("Publicar 12 boletines de 2026", "12", "boletines de 2026", "exacta"),
        ("Al menos el 80 % de las PQRSD", "80", "PQRSD", "porcentaje"),
    ],
)
def test_una_meta_escrita_se_lee_en_cantidad_unidad_y_tipo(texto, cantidad, unidad, tipo):
    leida = metas.leer_meta(celda(texto), producto="PQRSD")

    assert (leida.cantidad, leida.unidad, leida.tipo) == (Decimal(cantidad), unidad, tipo)
    assert leida.texto == texto
    assert leida.error is None
    assert leida.avisos == ()


@pytest.mark.parametrize("texto", ["Mínimo 29", "4", "100%"])
def test_una_meta_sin_unidad_toma_la_del_producto(texto):
    leida = metas.leer_meta(celda(texto), producto="Espacios de diálogo ciudadano")

    assert leida.unidad == "Espacios de diálogo ciudadano"


@pytest.mark.parametrize(
    ("valor", "es_porcentaje", "texto", "cantidad", "tipo"),
    [
        (1, True, "100 %", "100", "porcentaje"),
        (1.0, True, "100 %", "100", "porcentaje"),
        (0.5, True, "50 %", "50", "porcentaje"),
        (0.125, True, "12,5 %", "12.5", "porcentaje"),
        (Decimal("0.75"), True, "75 %", "75", "porcentaje"),
        (15000, False, "15.000", "15000", "exacta"),
        (4, False, "4", "4", "exacta"),
        (2.5, False, "2,5", "2.5", "exacta"),
        (1, False, "1", "1", "exacta"),
    ],
)
def test_una_celda_numerica_se_lee_con_su_formato_de_porcentaje(
    valor, es_porcentaje, texto, cantidad, tipo
):
    leida = metas.leer_meta(celda(valor, es_porcentaje=es_porcentaje), producto="informes")

    assert (leida.texto, leida.cantidad, leida.tipo) == (texto, Decimal(cantidad), tipo)
    assert leida.unidad == "informes"
    assert (leida.avisos, leida.error) == ((), None)


def test_una_celda_de_excel_con_formato_de_porcentaje_en_1_es_100_nunca_1_por_ciento():
    leida = metas.leer_meta(celda(1, es_porcentaje=True))

    assert leida.cantidad == Decimal(100)
    assert str(leida.cantidad) == "100"  # not 1E+2 nor 100.00


def test_un_numero_entre_0_y_1_sin_formato_se_lee_como_porcentaje_con_un_aviso():
    leida = metas.leer_meta(celda(0.5), producto="PQRSD respondidas")

    assert (leida.cantidad, leida.tipo, leida.texto) == (Decimal(50), "porcentaje", "0,5")
    assert leida.avisos == (
        "Se leyó 0,5 como 50 %: la celda tiene un número entre 0 y 1 sin formato de "
        "porcentaje. Corríjalo si la meta no es un porcentaje.",
    )
    assert leida.error is None


@pytest.mark.parametrize(
    "texto", ["N/A", "NA", "n/a", "N.A.", "No aplica", "NO APLICA", "No aplica.", "-"]
)
def test_una_meta_que_no_aplica_es_cualitativa_con_la_unidad_del_producto(texto):
    leida = metas.leer_meta(celda(texto), producto="Documento de caracterización")

    assert (leida.cantidad, leida.tipo) == (None, "cualitativa")
    assert leida.unidad == "Documento de caracterización"
    assert leida.avisos == (CUALITATIVA.format(texto),)
    assert leida.error is None


@pytest.mark.parametrize(
    "texto",
    [
        "Documento de caracterización actualizado",
        "Informe de gestión",
        "Política de participación adoptada",
        "Informe según la Ley 1712 de 2014",
    ],
)
def test_una_meta_sin_ningun_numero_es_cualitativa_y_su_unidad_es_el_texto(texto):
    leida = metas.leer_meta(celda(texto), producto="Otro producto")

    assert (leida.cantidad, leida.unidad, leida.tipo) == (None, texto, "cualitativa")
    assert leida.avisos == (CUALITATIVA.format(texto),)


def test_una_meta_vacia_con_producto_es_cualitativa_sobre_el_producto():
    leida = metas.leer_meta(celda(None), producto="Mapa de riesgos publicado")

    assert (leida.cantidad, leida.unidad, leida.tipo) == (
        None,
        "Mapa de riesgos publicado",
        "cualitativa",
    )
    assert leida.texto == "Mapa de riesgos publicado"
    assert leida.error is None


@pytest.mark.parametrize("vacia", [None, celda(None), celda("   ")])
def test_una_meta_vacia_sin_producto_es_un_error(vacia):
    assert metas.leer_meta(vacia).error == "Falta la meta de la actividad."


def test_una_palabra_entre_parentesis_que_no_coincide_con_el_numero_avisa():
    leida = metas.leer_meta(celda("4 (tres) informes"))

    assert (leida.cantidad, leida.unidad) == (Decimal(4), "informes")
    assert leida.avisos == (
        "En «4 (tres)» la palabra y el número no coinciden; se tomó el número (4).",
    )


def test_con_mas_de_una_cantidad_se_toma_la_primera_con_un_aviso():
    leida = metas.leer_meta(celda("2 informes y 1 audiencia"))

    assert (leida.cantidad, leida.unidad, leida.tipo) == (Decimal(2), "informes", "exacta")
    assert leida.avisos == (
        "La meta «2 informes y 1 audiencia» tiene más de una cantidad; se tomó la primera (2).",
    )


def test_cuando_la_palabra_y_el_numero_no_coinciden_manda_el_numero_con_un_aviso():
    leida = metas.leer_meta(celda("Dos (3) informes"))

    assert (leida.cantidad, leida.unidad) == (Decimal(3), "informes")
    assert leida.avisos == (
        "En «Dos (3)» la palabra y el número no coinciden; se tomó el número (3).",
    )


@pytest.mark.parametrize(
    ("texto", "error"),
    [
        (
            "1.5",
            "¿1.5 es 1.500 o 1,5? En Colombia el punto separa los miles y la coma los "
            "decimales: escriba 1.500 o 1,5.",
        ),
        (
            "2.75 kilómetros",
            "¿2.75 es 2.750 o 2,75? En Colombia el punto separa los miles y la coma los "
            "decimales: escriba 2.750 o 2,75.",
        ),
        (
            "1,500 personas",
            "¿1,500 es 1.500 o 1,5? En Colombia el punto separa los miles y la coma los "
            "decimales: escriba 1.500 o 1,5.",
        ),
        ("150%", "Una meta en porcentaje no puede superar el 100 %."),
        ("120 % de las PQRSD", "Una meta en porcentaje no puede superar el 100 %."),
        ("0 informes", "La cantidad de la meta debe ser mayor que 0."),
        ("-3 informes", "La cantidad de la meta debe ser mayor que 0."),
    ],
)
def test_una_meta_ambigua_o_imposible_es_un_error_sin_cantidad(texto, error):
    leida = metas.leer_meta(celda(texto))

    assert leida.error == error
    assert leida.cantidad is None
    assert leida.texto == texto


@pytest.mark.parametrize(
    ("valor", "es_porcentaje", "error"),
    [
        (1.5, True, "Una meta en porcentaje no puede superar el 100 %."),
        (0, False, "La cantidad de la meta debe ser mayor que 0."),
        (-2, False, "La cantidad de la meta debe ser mayor que 0."),
    ],
)
def test_una_celda_numerica_imposible_es_un_error(valor, es_porcentaje, error):
    leida = metas.leer_meta(celda(valor, es_porcentaje=es_porcentaje))

    assert (leida.cantidad, leida.error) == (None, error)


def test_la_unidad_se_recorta_a_150_caracteres_en_una_palabra_con_un_aviso():
    texto = "3 " + " ".join(["informes"] * 30)

    leida = metas.leer_meta(celda(texto))

    assert len(leida.unidad) <= 150
    assert leida.unidad.endswith("informes")
    assert leida.avisos == ("La unidad de la meta se recortó a 150 caracteres.",)


@pytest.mark.parametrize(
    ("escrito", "unidad"),
    [
        ("de las PQRSD respondidas.", "PQRSD respondidas"),
        ("  los informes  ", "informes"),
        ("(informes)", "informes"),
        ("informes y", "informes"),
    ],
)
def test_la_unidad_pierde_articulos_y_puntuacion(escrito, unidad):
    assert metas.limpiar_unidad(escrito) == unidad


@pytest.mark.parametrize(
    ("cantidad", "texto"),
    [("15000", "15.000"), ("1500000", "1.500.000"), ("2.5", "2,5"), ("100.00", "100")],
)
def test_los_numeros_se_muestran_a_la_colombiana(cantidad, texto):
    assert metas.numero_en_espanol(Decimal(cantidad)) == texto


# ------------------------------------------------------- metas: the app's template


@pytest.mark.parametrize(
    ("cantidad", "unidad", "tipo", "esperado"),
    [
        (celda(2), "informes", "Cantidad exacta", ("2", "informes", "exacta")),
        (celda("2,5"), "kilómetros", "exacta", ("2.5", "kilómetros", "exacta")),
        (celda("15.000"), "ejemplares", "EXACTA", ("15000", "ejemplares", "exacta")),
        (celda(29), "espacios", "Al menos / mínimo", ("29", "espacios", "minimo")),
        (celda(29), "espacios", "mínimo", ("29", "espacios", "minimo")),
        (celda(29), "espacios", "minimo", ("29", "espacios", "minimo")),
        (celda(100), "PQRSD respondidas", "Porcentaje", ("100", "PQRSD respondidas", "porcentaje")),
        (
            celda(1, es_porcentaje=True),
            "PQRSD respondidas",
            "Porcentaje",
            ("100", "PQRSD respondidas", "porcentaje"),
        ),
        (
            celda(1, es_porcentaje=True),
            "PQRSD respondidas",
            None,
            ("100", "PQRSD respondidas", "porcentaje"),
        ),
        (celda("100 %"), "PQRSD respondidas", None, ("100", "PQRSD respondidas", "porcentaje")),
        (
            celda(None),
            "Documento adoptado",
            "Cualitativa",
            (None, "Documento adoptado", "cualitativa"),
        ),
        (
            celda(None),
            "Documento adoptado",
            "cualitativa",
            (None, "Documento adoptado", "cualitativa"),
        ),
        (celda(4), "audiencias", None, ("4", "audiencias", "exacta")),
    ],
)
def test_las_columnas_de_la_plantilla_se_leen_por_etiqueta_o_valor(
    cantidad, unidad, tipo, esperado
):
    leida = metas.leer_meta_estructurada(
        cantidad, celda(unidad), celda(tipo), celda("Meta como se escribió")
    )

    cantidad_esperada = None if esperado[0] is None else Decimal(esperado[0])
    assert (leida.cantidad, leida.unidad, leida.tipo) == (cantidad_esperada, *esperado[1:])
    assert leida.texto == "Meta como se escribió"
    assert leida.error is None


def test_la_plantilla_sin_texto_de_meta_lo_compone_con_la_cantidad_y_la_unidad():
    leida = metas.leer_meta_estructurada(
        celda(1, es_porcentaje=True), celda("PQRSD respondidas"), celda("Porcentaje"), None
    )

    assert leida.texto == "100 % PQRSD respondidas"


def test_la_plantilla_sin_cantidad_ni_tipo_lee_la_meta_escrita():
    leida = metas.leer_meta_estructurada(None, None, None, celda("Dos (2) informes"))

    assert (leida.cantidad, leida.unidad, leida.tipo) == (Decimal(2), "informes", "exacta")


def test_la_plantilla_sin_cantidad_la_toma_de_la_meta_escrita():
    leida = metas.leer_meta_estructurada(
        None, celda("informes"), celda("Cantidad exacta"), celda("Dos (2) informes")
    )

    assert (leida.cantidad, leida.unidad, leida.tipo) == (Decimal(2), "informes", "exacta")
    assert leida.error is None


@pytest.mark.parametrize("texto", [None, celda("Informe de gestión")])
def test_la_plantilla_sin_cantidad_para_un_tipo_que_la_pide_es_un_error(texto):
    leida = metas.leer_meta_estructurada(celda(None), celda("informes"), celda("Porcentaje"), texto)

    assert (leida.cantidad, leida.error) == (None, "Falta la cantidad de la meta.")
    assert leida.avisos == ()


def test_la_plantilla_con_un_tipo_desconocido_es_un_error_que_lista_los_validos():
    leida = metas.leer_meta_estructurada(celda(2), celda("informes"), celda("Varias"), None)

    assert leida.error == (
        "«Varias» no es un tipo de meta válido. Use uno de: «Cantidad exacta», "
        "«Al menos / mínimo», «Porcentaje», «Cualitativa»."
    )


@pytest.mark.parametrize(
    ("cantidad", "tipo", "error"),
    [
        (celda(150), "Porcentaje", "Una meta en porcentaje no puede superar el 100 %."),
        (celda(0), "Cantidad exacta", "La cantidad de la meta debe ser mayor que 0."),
        (
            celda("1.5"),
            "Cantidad exacta",
            "¿1.5 es 1.500 o 1,5? En Colombia el punto separa los miles y la coma los "
            "decimales: escriba 1.500 o 1,5.",
        ),
        (
            celda("muchos"),
            "Cantidad exacta",
            "«muchos» no es una cantidad: escriba un número como 15, 2,5 o 15.000.",
        ),
    ],
)
def test_la_plantilla_con_una_cantidad_imposible_es_un_error(cantidad, tipo, error):
    leida = metas.leer_meta_estructurada(cantidad, celda("informes"), celda(tipo), None)

    assert (leida.cantidad, leida.error) == (None, error)


def test_la_plantilla_con_porcentaje_en_fraccion_sin_formato_avisa():
    leida = metas.leer_meta_estructurada(celda(0.5), celda("PQRSD"), celda("Porcentaje"), None)

    assert leida.cantidad == Decimal(50)
    assert leida.avisos == (
        "Se leyó 0,5 como 50 %: la celda tiene un número entre 0 y 1 sin formato de "
        "porcentaje. Corríjalo si la meta no es un porcentaje.",
    )


def test_la_plantilla_cualitativa_ignora_la_cantidad_con_un_aviso():
    leida = metas.leer_meta_estructurada(celda(3), celda("Política"), celda("Cualitativa"), None)

    assert (leida.cantidad, leida.tipo) == (None, "cualitativa")
    assert leida.avisos == (
        "La meta es cualitativa: se ignoró la cantidad 3 (se sigue por porcentaje de "
        "cumplimiento).",
    )


# --------------------------------------------------------------------------- fechas

ILEGIBLE = (
    "No entendimos la fecha «{}»: escríbala como dd/mm/aaaa, «15 de abril de 2026» "
    "o «enero de 2026»."
)
PLAZO = "«{}» es una sola fecha: se tomó como plazo, del {} al {}."


@pytest.mark.parametrize(
    ("texto", "vigencia", "ventanas"),
    [
        ("01/02/2017-28/02/2017", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        ("01/02/2017 - 28/02/2017", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        ("01/02/2017 al 28/02/2017", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        ("Del 01/02/2017 al 28/02/2017", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        ("1/2/17-28/2/17", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        ("01-02-2017 al 28-02-2017", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        ("01.02.2017 al 28.02.2017", 2017, [(D(2017, 2, 1), D(2017, 2, 28))]),
        (
            "01/02/2017-28/02/2017; 01/06/2017-30/06/2017",
            2017,
            [(D(2017, 2, 1), D(2017, 2, 28)), (D(2017, 6, 1), D(2017, 6, 30))],
        ),
        (
            "01/06/2017-30/06/2017\n01/02/2017-28/02/2017",
            2017,
            [(D(2017, 2, 1), D(2017, 2, 28)), (D(2017, 6, 1), D(2017, 6, 30))],
        ),
        ("19 y 20 de abril de 2017", 2017, [(D(2017, 4, 19), D(2017, 4, 20))]),
        ("22 al 28 de abril de 2017", 2017, [(D(2017, 4, 22), D(2017, 4, 28))]),
        ("Del 22 al 28 de abril", 2017, [(D(2017, 4, 22), D(2017, 4, 28))]),
        ("28 de abril al 5 de mayo de 2017", 2017, [(D(2017, 4, 28), D(2017, 5, 5))]),
        (
            "3, 10 y 17 de mayo de 2017",
            2017,
            [
                (D(2017, 5, 3), D(2017, 5, 3)),
                (D(2017, 5, 10), D(2017, 5, 10)),
                (D(2017, 5, 17), D(2017, 5, 17)),
            ],
        ),
        ("Enero 2021", 2021, [(D(2021, 1, 1), D(2021, 1, 31))]),
        ("enero de 2021", 2021, [(D(2021, 1, 1), D(2021, 1, 31))]),
        ("ENERO", 2021, [(D(2021, 1, 1), D(2021, 1, 31))]),
        ("Enero a marzo de 2021", 2021, [(D(2021, 1, 1), D(2021, 3, 31))]),
        ("Enero - marzo 2021", 2021, [(D(2021, 1, 1), D(2021, 3, 31))]),
        ("Enero y febrero", 2021, [(D(2021, 1, 1), D(2021, 2, 28))]),
        ("febrero de 2024", 2024, [(D(2024, 2, 1), D(2024, 2, 29))]),
        ("Setiembre", 2026, [(D(2026, 9, 1), D(2026, 9, 30))]),
        ("septiembre de 2026", 2026, [(D(2026, 9, 1), D(2026, 9, 30))]),
        ("Ene. a mar. 2026", 2026, [(D(2026, 1, 1), D(2026, 3, 31))]),
        ("Primer trimestre", 2026, [(D(2026, 1, 1), D(2026, 3, 31))]),
        ("Primer semestre", 2026, [(D(2026, 1, 1), D(2026, 6, 30))]),
        ("Segundo semestre de 2026", 2026, [(D(2026, 7, 1), D(2026, 12, 31))]),
        ("Segundo cuatrimestre", 2026, [(D(2026, 5, 1), D(2026, 8, 31))]),
        ("Tercer cuatrimestre", 2026, [(D(2026, 9, 1), D(2026, 12, 31))]),
        ("Permanente", 2026, [(D(2026, 1, 1), D(2026, 12, 31))]),
        ("Todo el año", 2026, [(D(2026, 1, 1), D(2026, 12, 31))]),
        ("Durante la vigencia", 2026, [(D(2026, 1, 1), D(2026, 12, 31))]),
        ("Durante toda la vigencia 2026", 2026, [(D(2026, 1, 1), D(2026, 12, 31))]),
        ("Vigencia 2026", 2026, [(D(2026, 1, 1), D(2026, 12, 31))]),
        ("2026", 2026, [(D(2026, 1, 1), D(2026, 12, 31))]),
        ("1er trimestre", 2026, [(D(2026, 1, 1), D(2026, 3, 31))]),
        ("2do semestre", 2026, [(D(2026, 7, 1), D(2026, 12, 31))]),
        ("II semestre", 2026, [(D(2026, 7, 1), D(2026, 12, 31))]),
        ("Abril-Junio", 2026, [(D(2026, 4, 1), D(2026, 6, 30))]),
        ("01-feb-2026 al 28-feb-2026", 2026, [(D(2026, 2, 1), D(2026, 2, 28))]),
        ("1-feb-26 - 28-feb-26", 2026, [(D(2026, 2, 1), D(2026, 2, 28))]),
        ("1 de abril del 2026 al 30 de junio del 2026", 2026, [(D(2026, 4, 1), D(2026, 6, 30))]),
    ],
)
def test_una_fecha_programada_escrita_se_lee_en_ventanas(texto, vigencia, ventanas):
    leidas = fechas.leer_ventanas(celda(texto, columna="F"), vigencia=vigencia)

    assert leidas.ventanas == tuple(ventanas)
    assert (leidas.avisos, leidas.error) == ((), None)


@pytest.mark.parametrize(
    ("valor", "vigencia", "fin", "mostrado"),
    [
        ("15/04/2017", 2017, D(2017, 4, 15), "15/04/2017"),
        ("15/04/17", 2017, D(2017, 4, 15), "15/04/17"),
        ("15-04-2017", 2017, D(2017, 4, 15), "15-04-2017"),
        ("15.04.2017", 2017, D(2017, 4, 15), "15.04.2017"),
        ("2017-04-15", 2017, D(2017, 4, 15), "2017-04-15"),
        ("15 abril de 2017", 2017, D(2017, 4, 15), "15 abril de 2017"),
        ("15 de abril de 2017", 2017, D(2017, 4, 15), "15 de abril de 2017"),
        ("15 de Abril", 2017, D(2017, 4, 15), "15 de Abril"),
        ("1º de abril de 2026", 2026, D(2026, 4, 1), "1º de abril de 2026"),
        ("Abril 15 de 2026", 2026, D(2026, 4, 15), "Abril 15 de 2026"),
        ("15-abr-2026", 2026, D(2026, 4, 15), "15-abr-2026"),
        ("15-Abr-26", 2026, D(2026, 4, 15), "15-Abr-26"),
        ("15/abr./2026", 2026, D(2026, 4, 15), "15/abr./2026"),
        ("Hasta el 30 de junio de 2026", 2026, D(2026, 6, 30), "Hasta el 30 de junio de 2026"),
        (D(2026, 6, 30), 2026, D(2026, 6, 30), "30/06/2026"),
        (datetime.datetime(2026, 6, 30, 0, 0), 2026, D(2026, 6, 30), "30/06/2026"),
        (D(2021, 11, 30), None, D(2021, 11, 30), "30/11/2021"),
    ],
)
def test_una_sola_fecha_es_un_plazo_desde_el_1_de_enero_de_la_vigencia(
    valor, vigencia, fin, mostrado
):
    leidas = fechas.leer_ventanas(celda(valor, columna="F"), vigencia=vigencia)

    inicio = D(fin.year, 1, 1)
    assert leidas.ventanas == ((inicio, fin),)
    assert leidas.avisos == (PLAZO.format(mostrado, f"{inicio:%d/%m/%Y}", f"{fin:%d/%m/%Y}"),)
    assert leidas.error is None


@pytest.mark.parametrize(
    ("texto", "vigencia", "error"),
    [
        ("31/02/2026", 2026, "La fecha «31/02/2026» no existe."),
        ("30 de febrero de 2026", 2026, "La fecha «30 de febrero de 2026» no existe."),
        ("29 de febrero", 2026, "La fecha «29 de febrero» no existe."),
        (
            "28/02/2026-01/02/2026",
            2026,
            "La fecha final no puede ser anterior a la fecha de inicio: «28/02/2026-01/02/2026».",
        ),
        (
            "Marzo a enero de 2026",
            2026,
            "La fecha final no puede ser anterior a la fecha de inicio: «Marzo a enero de 2026».",
        ),
        ("Pronto", 2026, ILEGIBLE.format("Pronto")),
        ("Según cronograma", 2026, ILEGIBLE.format("Según cronograma")),
        ("15/04/2026 al", 2026, ILEGIBLE.format("15/04/2026 al")),
        ("Quinto trimestre", 2026, ILEGIBLE.format("Quinto trimestre")),
        ("5 trimestre", 2026, ILEGIBLE.format("5 trimestre")),
        (45000, 2026, ILEGIBLE.format("45000")),
        (
            "Abril (según cronograma) y (otra nota)",
            2026,
            ILEGIBLE.format("Abril (según cronograma) y (otra nota)"),
        ),
        (
            "Permanente",
            None,
            "«Permanente» abarca toda la vigencia, pero el plan no tiene vigencia: escriba las "
            "fechas como dd/mm/aaaa-dd/mm/aaaa.",
        ),
        (
            "15 de abril",
            None,
            "Falta el año en «15 de abril» y el plan no tiene vigencia: escríbalo, por ejemplo "
            "«15 de abril de 2026».",
        ),
        (
            "15/04/1999",
            2026,
            "La fecha debe estar entre el 01/01/2000 y el 31/12/2100: «15/04/1999».",
        ),
        ("", 2026, "Falta la fecha de la actividad."),
        (None, 2026, "Falta la fecha de la actividad."),
    ],
)
def test_una_fecha_que_no_se_entiende_es_un_error_que_cita_el_texto(texto, vigencia, error):
    leidas = fechas.leer_ventanas(celda(texto, columna="F"), vigencia=vigencia)

    assert leidas.error == error
    assert leidas.ventanas == ()


def test_un_comentario_entre_parentesis_se_ignora_con_un_aviso():
    leidas = fechas.leer_ventanas(celda("Abril de 2026 (primer informe)"), vigencia=2026)

    assert leidas.ventanas == ((D(2026, 4, 1), D(2026, 4, 30)),)
    assert leidas.avisos == (
        "Se ignoró «(primer informe)» en la fecha «Abril de 2026 (primer informe)».",
    )


def test_sin_celda_de_fecha_es_un_error():
    assert fechas.leer_ventanas(None, vigencia=2026).error == "Falta la fecha de la actividad."


def test_una_ventana_mala_entre_buenas_no_pierde_las_demas():
    leidas = fechas.leer_ventanas(celda("01/02/2026-28/02/2026; 31/02/2026"), vigencia=2026)

    assert leidas.ventanas == ((D(2026, 2, 1), D(2026, 2, 28)),)
    assert leidas.error == "La fecha «31/02/2026» no existe."


def test_las_ventanas_repetidas_se_leen_una_vez():
    leidas = fechas.leer_ventanas(celda("Enero 2026; 01/01/2026-31/01/2026"), vigencia=2026)

    assert leidas.ventanas == ((D(2026, 1, 1), D(2026, 1, 31)),)


def test_un_rango_que_cruza_el_anio_empieza_el_anio_anterior_y_avisa():
    leidas = fechas.leer_ventanas(celda("28 de diciembre al 5 de enero de 2018"), vigencia=2018)

    assert leidas.ventanas == ((D(2017, 12, 28), D(2018, 1, 5)),)
    assert leidas.avisos == ("La ventana del 28/12/2017 al 05/01/2018 sale de la vigencia 2018.",)


def test_una_fecha_fuera_de_la_vigencia_avisa_sin_rechazarla():
    leidas = fechas.leer_ventanas(celda("01/12/2025-31/01/2026"), vigencia=2026)

    assert leidas.ventanas == ((D(2025, 12, 1), D(2026, 1, 31)),)
    assert leidas.avisos == ("La ventana del 01/12/2025 al 31/01/2026 sale de la vigencia 2026.",)
    assert leidas.error is None


@pytest.mark.parametrize(
    ("ventanas", "avisos"),
    [
        ([(D(2026, 1, 1), D(2026, 12, 31))], []),
        (
            [(D(2026, 11, 1), D(2027, 1, 31))],
            ["La ventana del 01/11/2026 al 31/01/2027 sale de la vigencia 2026."],
        ),
        (
            [(D(2024, 3, 1), D(2024, 3, 31))],
            [
                "La ventana del 01/03/2024 al 31/03/2024 sale de la vigencia 2026: las fechas "
                "de una actividad del plan 2026 deben estar entre el 01/01/2025 y el 31/12/2027."
            ],
        ),
    ],
)
def test_fuera_de_vigencia_dice_cuales_ventanas_salen_del_anio_y_cuales_rechaza_el_modelo(
    ventanas, avisos
):
    assert fechas.fuera_de_vigencia(ventanas, 2026) == avisos


def test_sin_vigencia_ninguna_ventana_esta_fuera_de_ella():
    assert fechas.fuera_de_vigencia([(D(1999, 1, 1), D(1999, 1, 2))], None) == []


# --------------------------------------------------------- fechas: inicio and fin


@pytest.mark.parametrize(
    ("inicio", "fin", "ventana"),
    [
        (D(2021, 2, 1), D(2021, 3, 31), (D(2021, 2, 1), D(2021, 3, 31))),
        (datetime.datetime(2021, 2, 1, 8, 0), D(2021, 3, 31), (D(2021, 2, 1), D(2021, 3, 31))),
        ("01/02/2021", "31/03/2021", (D(2021, 2, 1), D(2021, 3, 31))),
        ("1 de febrero de 2021", "31 de marzo de 2021", (D(2021, 2, 1), D(2021, 3, 31))),
        ("Febrero 2021", "Marzo 2021", (D(2021, 2, 1), D(2021, 3, 31))),
        ("Febrero", "Febrero", (D(2021, 2, 1), D(2021, 2, 28))),
        ("15/04/2021", "15/04/2021", (D(2021, 4, 15), D(2021, 4, 15))),
    ],
)
def test_las_columnas_inicio_y_fin_se_leen_en_una_ventana(inicio, fin, ventana):
    leidas = fechas.leer_inicio_fin(celda(inicio), celda(fin), vigencia=2021)

    assert leidas.ventanas == (ventana,)
    assert (leidas.avisos, leidas.error) == ((), None)


def test_solo_la_fecha_fin_es_un_plazo():
    leidas = fechas.leer_inicio_fin(celda(None), celda("30/06/2021"), vigencia=2021)

    assert leidas.ventanas == ((D(2021, 1, 1), D(2021, 6, 30)),)
    assert leidas.avisos == (
        "«30/06/2021» es solo la fecha final: se tomó como plazo, del 01/01/2021 al 30/06/2021.",
    )


def test_solo_la_fecha_inicio_va_hasta_el_31_de_diciembre():
    leidas = fechas.leer_inicio_fin(celda(D(2021, 2, 1)), None, vigencia=2021)

    assert leidas.ventanas == ((D(2021, 2, 1), D(2021, 12, 31)),)
    assert leidas.avisos == ("«01/02/2021» no tiene fecha final: se tomó hasta el 31/12/2021.",)


@pytest.mark.parametrize(
    ("inicio", "fin", "error"),
    [
        (
            "31/03/2021",
            "01/02/2021",
            "La fecha final no puede ser anterior a la fecha de inicio: «31/03/2021 – 01/02/2021».",
        ),
        ("31/02/2021", "31/03/2021", "La fecha «31/02/2021» no existe."),
        ("Pronto", "31/03/2021", ILEGIBLE.format("Pronto")),
        (None, None, "Falta la fecha de la actividad."),
    ],
)
def test_las_columnas_inicio_y_fin_imposibles_son_un_error(inicio, fin, error):
    leidas = fechas.leer_inicio_fin(celda(inicio), celda(fin), vigencia=2021)

    assert (leidas.ventanas, leidas.error) == ((), error)


# ------------------------------------------------------------------------- oficinas


@pytest.mark.parametrize(
    ("texto", "nombres"),
    [
        ("Secretaría de Gobierno", ["Secretaría de Gobierno"]),
        (
            "Secretaría de Gobierno y Oficina Jurídica",
            ["Secretaría de Gobierno", "Oficina Jurídica"],
        ),
        ("Secretaría de Tránsito y Transporte", ["Secretaría de Tránsito y Transporte"]),
        ("Secretaría de Cultura y Turismo", ["Secretaría de Cultura y Turismo"]),
        (
            "Oficina de Control Interno Disciplinario y Jurídica",
            ["Oficina de Control Interno Disciplinario y Jurídica"],
        ),
        (
            "Secretaría de Educación e Instituto Municipal de Deportes",
            ["Secretaría de Educación", "Instituto Municipal de Deportes"],
        ),
        (
            "Dirección de Espacio Público y Control Interno",
            ["Dirección de Espacio Público", "Control Interno"],
        ),
        (
            "Secretaría de Gobierno; Secretaría de Hacienda, OPGI",
            ["Secretaría de Gobierno", "Secretaría de Hacienda", "OPGI"],
        ),
        ("Secretaría de Gobierno y OPGI", ["Secretaría de Gobierno", "OPGI"]),
        (
            "- Secretaría de Salud\n- Oficina de Comunicaciones\n",
            ["Secretaría de Salud", "Oficina de Comunicaciones"],
        ),
        (
            "• Secretaría de Salud\r\n• Comité de Conciliación",
            ["Secretaría de Salud", "Comité de Conciliación"],
        ),
        ("  Secretaría   de   Salud.  ", ["Secretaría de Salud"]),
        ("Secretaría de Gobierno; secretaria de gobierno", ["Secretaría de Gobierno"]),
        (" ;  ; \n", []),
        ("", []),
    ],
)
def test_una_celda_de_responsables_se_separa_en_oficinas(texto, nombres):
    assert oficinas.separar(texto, siglas=frozenset({"OPGI"})) == nombres


def test_una_sigla_conocida_se_reconoce_sin_importar_mayusculas():
    nombres = oficinas.separar("Secretaría de Gobierno y opgi", siglas={"OPGI"})

    assert nombres == ["Secretaría de Gobierno", "opgi"]


def test_y_antes_de_una_sigla_desconocida_no_separa():
    assert oficinas.separar("Secretaría de Gobierno y OPGI") == ["Secretaría de Gobierno y OPGI"]


@pytest.mark.parametrize(
    ("nombre", "tipo", "seguro"),
    [
        ("Secretaría de Gobierno", "secretaria", True),
        ("SECRETARIA DE HACIENDA", "secretaria", True),
        ("Subsecretaría de Turismo", "secretaria", True),
        ("Oficina Jurídica", "oficina", True),
        ("Oficina de Planeación (OPGI)", "oficina", True),
        ("Dirección Administrativa de Espacio Público", "direccion", True),
        ("Departamento Administrativo de Contratación Pública", "direccion", True),
        ("Comité de Conciliación", "comite", True),
        ("Grupo de Talento Humano", "grupo", True),
        ("Equipo MIPG", "equipo", True),
        ("Todas las dependencias", "colectivo", True),
        ("Todas las secretarías", "colectivo", True),
        ("Despacho del Alcalde", "oficina", False),
        ("OPGI", "oficina", False),
        ("Control Interno", "oficina", False),
    ],
)
def test_el_tipo_de_una_oficina_se_lee_de_su_nombre_o_se_adivina(nombre, tipo, seguro):
    assert oficinas.tipo_de(nombre) == tipo
    assert oficinas.es_tipo_seguro(nombre) is seguro


@pytest.mark.parametrize(
    ("nombre", "sigla", "ocupados", "slug"),
    [
        ("Secretaría de Gobierno", "", (), "secretaria-de-gobierno"),
        ("Oficina de Planeación de Gestión Institucional", "OPGI", (), "opgi"),
        ("Oficina de Planeación de Gestión Institucional (OPGI)", "", (), "opgi"),
        ("Secretaría de Gobierno", "", ("secretaria-de-gobierno",), "secretaria-de-gobierno-2"),
        (
            "Secretaría de Gobierno",
            "",
            ("secretaria-de-gobierno", "secretaria-de-gobierno-2"),
            "secretaria-de-gobierno-3",
        ),
        (
            "Secretaría de Infraestructura, Vivienda, Hábitat, Desarrollo Urbano y Movilidad",
            "",
            (),
            "secretaria-de-infraestructura-vivienda-habitat-desarrollo",
        ),
        (
            "Secretaría de Infraestructura, Vivienda, Hábitat, Desarrollo Urbano y Movilidad",
            "",
            ("secretaria-de-infraestructura-vivienda-habitat-desarrollo",),
            "secretaria-de-infraestructura-vivienda-habitat-desarrollo-2",
        ),
        ("¿?", "", (), "dependencia"),
    ],
)
def test_el_slug_de_una_oficina_es_corto_y_unico(nombre, sigla, ocupados, slug):
    leido = oficinas.slug_de(nombre, sigla=sigla, ocupados=ocupados)

    assert leido == slug
    assert len(leido) <= 60


def test_un_slug_largo_y_ocupado_sigue_cabiendo_en_60_caracteres():
    nombre = "Secretaría " + "muy " * 20 + "larga"
    primero = oficinas.slug_de(nombre)

    segundo = oficinas.slug_de(nombre, ocupados={primero})

    assert segundo.endswith("-2")
    assert len(primero) <= 60
    assert len(segundo) <= 60
    assert segundo != primero


@pytest.mark.parametrize(
    ("texto", "clave"),
    [
        ("Secretaría de Gobierno", "secretaria de gobierno"),
        ("La Secretaría de Gobierno.", "secretaria de gobierno"),
        ("  SECRETARIA   DE  GOBIERNO ", "secretaria de gobierno"),
        ("Oficina de Planeación - OPGI", "oficina de planeacion opgi"),
        ("Las Oficinas", "oficinas"),
        ("La", "la"),
    ],
)
def test_la_clave_ignora_tildes_mayusculas_puntuacion_y_articulos(texto, clave):
    assert oficinas.clave(texto) == clave


@pytest.mark.parametrize(
    ("nombre", "sigla", "sin_sigla"),
    [
        (
            "Oficina de Planeación de Gestión Institucional (OPGI)",
            "OPGI",
            "Oficina de Planeación de Gestión Institucional",
        ),
        ("OPGI – Oficina de Planeación", "OPGI", "Oficina de Planeación"),
        ("OPGI - Oficina de Planeación", "OPGI", "Oficina de Planeación"),
        ("Secretaría de Gobierno", "", "Secretaría de Gobierno"),
        ("Secretaría de Salud (antes)", "", "Secretaría de Salud (antes)"),
    ],
)
def test_la_sigla_escrita_se_separa_del_nombre(nombre, sigla, sin_sigla):
    assert oficinas.sigla_de(nombre) == sigla
    assert oficinas.sin_sigla(nombre) == sin_sigla


OPGI = OficinaConocida(pk=1, nombre="Oficina de Planeación de Gestión Institucional", sigla="OPGI")
GOBIERNO = OficinaConocida(pk=2, nombre="Secretaría de Gobierno", sigla="")
JURIDICA = OficinaConocida(pk=3, nombre="Oficina Jurídica", sigla="OJ")
CONOCIDAS = [OPGI, GOBIERNO, JURIDICA]


@pytest.mark.parametrize(
    ("nombre", "esperada"),
    [
        ("Secretaría de Gobierno", GOBIERNO),
        ("secretaria de gobierno", GOBIERNO),
        ("La Secretaría de Gobierno.", GOBIERNO),
        ("OPGI", OPGI),
        ("opgi", OPGI),
        ("oj", JURIDICA),
        ("Oficina de Planeación de Gestión Institucional (OPGI)", OPGI),
        ("OPGI – Oficina de Planeación de Gestión Institucional", OPGI),
        ("Oficina de Planeación (OPGI)", OPGI),
        ("Oficina Jurídica (OJ)", JURIDICA),
        ("Secretaría de Gobierno Municipal", None),
        ("Gobierno", None),
        ("Jurídica", None),
        ("Oficina de Planeación", None),
        ("", None),
    ],
)
def test_una_oficina_se_empareja_solo_por_nombre_o_sigla_exactos(nombre, esperada):
    assert oficinas.emparejar(nombre, CONOCIDAS) == esperada


def test_una_oficina_que_encaja_con_dos_conocidas_no_se_empareja():
    # The name says Gobierno, the sigla says Jurídica: a new office is safer than a guess.
    assert oficinas.emparejar("Secretaría de Gobierno (OJ)", CONOCIDAS) is None


def test_dos_conocidas_con_la_misma_sigla_no_emparejan_ninguna():
    otra = OficinaConocida(pk=4, nombre="Oficina de Justicia", sigla="oj")

    assert oficinas.emparejar("OJ", [JURIDICA, otra]) is None
