"""Ley 1755 de 2015 as data: petition types and their terms, the clock events (prórroga,
traslado, solicitud de completar, desistimiento) and how each deadline was computed.

The expected due dates below are written by hand from the 2026 calendar (1 January 2026
is a Thursday): Holy Week 29/03–05/04 (Jueves Santo 02/04, Viernes Santo 03/04), the
Emiliani Mondays (Reyes 12/01, San José 23/03), the holiday moved by Ley 2578 de 2026
(13/07/2026), the year end (Navidad 25/12, Año Nuevo 01/01/2027, Reyes 11/01/2027).
"""

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from dialogos import reglas, services
from dialogos.models import EventoPlazo, Pregunta, TipoPeticion
from nucleo import dias_habiles
from plan.models import Responsable

CIUDADANA = {"nombre": "Rosa Ortiz", "correo": "rosa@example.org", "quiere_respuesta": True}


def tipo(clave: str) -> TipoPeticion:
    return TipoPeticion.objects.get(clave=clave)


# --- Holidays you can trust ---------------------------------------------------------


def test_ley_2578_de_2026_el_festivo_del_9_de_julio_pasa_al_lunes_siguiente() -> None:
    assert dias_habiles.festivo(date(2026, 7, 13)) is not None
    assert "Chiquinquirá" in str(dias_habiles.festivo(date(2026, 7, 13)))
    assert dias_habiles.festivo(date(2027, 7, 12)) is not None
    assert dias_habiles.es_dia_habil(date(2026, 7, 9))  # Thursday: no longer a holiday


def test_calendario_habil_lista_los_festivos_con_nombre_y_los_dias_habiles_por_mes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("calendario_habil", "2026")
    salida = capsys.readouterr().out
    assert "02/04/2026  Jueves Santo" in salida
    assert "13/07/2026  Día de Nuestra Señora del Rosario de Chiquinquirá" in salida
    # April 2026: 22 weekdays minus Jueves and Viernes Santo.
    assert "abril        20" in salida
    assert "Festivos de Colombia en 2026 (19)" in salida


# --- The petition types, loaded by the data migration ---------------------------------


@pytest.mark.django_db
def test_los_tipos_de_peticion_vienen_de_la_migracion_con_su_termino_y_articulo() -> None:
    tipos = {t.clave: (t.dias_habiles, t.articulo, t.opcion) for t in TipoPeticion.objects.all()}
    assert tipos == {
        "general": (15, "Ley 1755 de 2015, art. 14", "Quiero hacer una pregunta"),
        "documentos": (
            10,
            "Ley 1755 de 2015, art. 14, num. 1",
            "Quiero pedir documentos o información",
        ),
        "consulta": (30, "Ley 1755 de 2015, art. 14, num. 2", "Quiero hacer una consulta"),
    }


# --- Deadlines over the whole of 2026, hand-written ------------------------------------

# recibida → (general 15, documentos 10, consulta 30)
ESPERADOS = {
    date(2026, 1, 9): (date(2026, 2, 2), date(2026, 1, 26), date(2026, 2, 23)),  # Reyes 12/01
    date(2026, 3, 20): (date(2026, 4, 15), None, None),  # San José 23/03 and Holy Week
    date(2026, 3, 27): (date(2026, 4, 21), date(2026, 4, 14), date(2026, 5, 13)),  # Holy Week
    date(2026, 3, 28): (date(2026, 4, 21), date(2026, 4, 14), None),  # Saturday = Friday's
    date(2026, 4, 1): (date(2026, 4, 24), date(2026, 4, 17), date(2026, 5, 19)),  # Ascensión
    date(2026, 7, 9): (date(2026, 8, 3), date(2026, 7, 27), None),  # 13/07 holiday
    date(2026, 7, 10): (date(2026, 8, 4), date(2026, 7, 28), date(2026, 8, 27)),  # 13/07, 20/07
    date(2026, 12, 18): (date(2027, 1, 13), date(2027, 1, 5), date(2027, 2, 3)),  # year end
    date(2026, 12, 31): (date(2027, 1, 25), None, None),
}
CLAVES = ("general", "documentos", "consulta")


@pytest.mark.parametrize(
    ("recibida", "clave", "vence"),
    [
        pytest.param(recibida, clave, vence, id=f"{recibida:%d-%m}-{clave}")
        for recibida, vences in ESPERADOS.items()
        for clave, vence in zip(CLAVES, vences, strict=True)
        if vence is not None
    ],
)
@pytest.mark.django_db
def test_vencimiento_de_cada_tipo_de_peticion_escrito_a_mano(
    recibida: date, clave: str, vence: date
) -> None:
    dias = tipo(clave).dias_habiles
    assert reglas.calcular_plazo(recibida_el=recibida, dias=dias).vence_el == vence


@pytest.mark.django_db
def test_todo_2026_vence_en_dia_habil_exactamente_n_dias_habiles_despues_del_recibo() -> None:
    for clave in CLAVES:
        dias = tipo(clave).dias_habiles
        recibida = date(2026, 1, 1)
        while recibida.year == 2026:
            vence = reglas.calcular_plazo(recibida_el=recibida, dias=dias).vence_el
            assert dias_habiles.es_dia_habil(vence), (clave, recibida)
            assert dias_habiles.dias_habiles_despues(recibida, vence) == dias, (clave, recibida)
            # Not one business day later than needed.
            anterior = vence - timedelta(days=1)
            assert dias_habiles.dias_habiles_despues(recibida, anterior) == dias - 1
            recibida += timedelta(days=1)


@pytest.mark.django_db
def test_la_pregunta_web_recibe_el_termino_del_tipo_elegido(
    crear_pregunta: Callable[..., Pregunta],
) -> None:
    documentos = crear_pregunta(hoy=date(2026, 3, 27), tipo=tipo("documentos"))
    general = crear_pregunta(hoy=date(2026, 3, 27))
    assert (documentos.tipo.clave, documentos.vence_el) == ("documentos", date(2026, 4, 14))
    assert (general.tipo.clave, general.vence_el) == ("general", date(2026, 4, 21))


def test_el_formulario_publico_pregunta_el_tipo_en_palabras_sencillas(
    client: Client, plan_2022: Any
) -> None:
    html = client.get("/dialogos/preguntar/").content.decode()
    for opcion in (
        "Quiero hacer una pregunta",
        "Quiero pedir documentos o información",
        "Quiero hacer una consulta",
    ):
        assert opcion in html
    general = tipo("general")
    assert f'type="radio" name="tipo" value="{general.pk}"' in html
    marcado = html.split(f'value="{general.pk}"', 1)[1].split(">", 1)[0]
    assert "checked" in marcado


def test_el_formulario_publico_guarda_el_tipo_elegido(client: Client, plan_2022: Any) -> None:
    consulta = tipo("consulta")
    respuesta = client.post(
        "/dialogos/preguntar/",
        {"texto": "¿Qué opina la Alcaldía del POT?", "acepta_datos": "on", "tipo": consulta.pk},
    )
    assert respuesta.status_code == 302
    pregunta = Pregunta.objects.get()
    assert pregunta.tipo == consulta
    assert pregunta.vence_el == reglas.fecha_habil(pregunta.recibida_el, 30)


def test_el_formato_fisico_registra_el_tipo(client: Client, alicia: Any) -> None:
    client.force_login(alicia)
    documentos = tipo("documentos")
    respuesta = client.post(
        "/dialogos/gestion/preguntas/nueva/",
        {
            "texto": "Pido copia del contrato del parque.",
            "acepta_datos": "on",
            "recibida_el": "2026-03-27",
            "tipo": documentos.pk,
        },
    )
    assert respuesta.status_code == 302, respuesta.content[:400]
    pregunta = Pregunta.objects.get()
    assert (pregunta.tipo, pregunta.vence_el) == (documentos, date(2026, 4, 14))


# --- The explanation -------------------------------------------------------------------


@pytest.mark.django_db
def test_la_explicacion_del_plazo_lista_los_festivos_saltados_por_nombre() -> None:
    calculo = reglas.calcular_plazo(recibida_el=date(2026, 3, 27), dias=30)
    texto = "\n".join(calculo.lineas)
    assert "Recibida el 27/03/2026" in texto
    assert "Primer día hábil contado: 30/03/2026" in texto
    assert "Término: 30 días hábiles" in texto
    assert "02/04/2026 (Jueves Santo)" in texto
    assert "03/04/2026 (Viernes Santo)" in texto
    assert "01/05/2026 (Día del Trabajo)" in texto
    assert [d.fecha for d in calculo.festivos] == [
        date(2026, 4, 2),
        date(2026, 4, 3),
        date(2026, 5, 1),
    ]
    # (27/03, 13/05]: weekends 28–29/03, 04–05, 11–12, 18–19, 25–26/04, 02–03, 09–10/05.
    assert calculo.fines_de_semana == 14
    assert "Vence el 13/05/2026." in texto


# --- Reclassification ------------------------------------------------------------------


def test_reclasificar_registra_el_motivo_y_recalcula_el_vencimiento(
    crear_pregunta: Callable[..., Pregunta], alicia: Any, caplog: pytest.LogCaptureFixture
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    assert pregunta.vence_el == date(2026, 4, 21)
    with caplog.at_level(logging.INFO, logger="rdc.cambios"):
        services.reclasificar_pregunta(
            pregunta=pregunta,
            usuario=alicia,
            tipo=tipo("consulta"),
            motivo="Pide un concepto, no información.",
            hoy=date(2026, 3, 30),
        )
    pregunta.refresh_from_db()
    assert (pregunta.tipo.clave, pregunta.vence_el) == ("consulta", date(2026, 5, 13))
    [evento] = pregunta.eventos.all()
    assert evento.tipo == EventoPlazo.Tipo.RECLASIFICACION
    assert "Pide un concepto, no información." in evento.motivo
    assert "«Petición general» a «Consulta»" in evento.motivo
    assert "cambio=pregunta.reclasificada" in caplog.text
    assert pregunta.history.first().tipo_id == tipo("consulta").pk


def test_reclasificar_sin_motivo_se_rechaza_y_no_cambia_nada(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    with pytest.raises(ValidationError) as error:
        services.reclasificar_pregunta(
            pregunta=pregunta, usuario=alicia, tipo=tipo("consulta"), motivo="  "
        )
    assert error.value.message_dict == {"motivo": ["Escriba el motivo de la reclasificación."]}
    pregunta.refresh_from_db()
    assert pregunta.tipo.clave == "general" and not pregunta.eventos.exists()


def test_reclasificar_desde_la_pagina_de_la_pregunta(
    client: Client, crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    client.force_login(alicia)
    base = f"/dialogos/gestion/preguntas/{pregunta.pk}"
    assert "Reclasificar el tipo de petición" in client.get(f"{base}/").content.decode()
    respuesta = client.post(
        f"{base}/reclasificar/", {"tipo": tipo("documentos").pk, "motivo": "Pide copias."}
    )
    assert respuesta.status_code == 302
    pregunta.refresh_from_db()
    assert pregunta.vence_el == date(2026, 4, 14)


# --- Prórroga (art. 14, parágrafo) -----------------------------------------------------


def test_prorroga_el_dia_del_vencimiento_se_acepta_y_hasta_el_doble_del_termino(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27), **CIUDADANA)
    mail.outbox.clear()
    # Twice 15 business days from 27/03/2026 is 13/05/2026 (the consulta's due date).
    evento = services.prorrogar_plazo(
        pregunta=pregunta,
        usuario=alicia,
        nueva_fecha=date(2026, 5, 13),
        motivo="Hay que pedir datos a tres secretarías.",
        hoy=date(2026, 4, 21),
    )
    pregunta.refresh_from_db()
    assert pregunta.vence_el == date(2026, 5, 13)
    assert evento.tipo == EventoPlazo.Tipo.PRORROGA
    [aviso] = mail.outbox
    assert aviso.to == ["rosa@example.org"]
    assert "13/05/2026" in aviso.body and "tres secretarías" in aviso.body


def test_prorroga_despues_del_vencimiento_se_rechaza(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    with pytest.raises(ValidationError) as error:
        services.prorrogar_plazo(
            pregunta=pregunta,
            usuario=alicia,
            nueva_fecha=date(2026, 5, 5),
            motivo="Tarde.",
            hoy=date(2026, 4, 22),
        )
    assert error.value.messages == [
        "El plazo venció el 21/04/2026: la prórroga se decide antes del vencimiento."
    ]
    assert not pregunta.eventos.exists()


def test_prorroga_mas_alla_del_doble_del_termino_se_rechaza(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    with pytest.raises(ValidationError) as error:
        services.prorrogar_plazo(
            pregunta=pregunta,
            usuario=alicia,
            nueva_fecha=date(2026, 5, 14),
            motivo="Mucho trabajo.",
            hoy=date(2026, 4, 1),
        )
    assert error.value.message_dict == {
        "nueva_fecha": [
            "La prórroga no puede pasar del 13/05/2026: el doble del término inicial "
            "(15 días hábiles)."
        ]
    }


def test_una_segunda_prorroga_se_rechaza(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    datos = {"usuario": alicia, "motivo": "Falta información.", "hoy": date(2026, 4, 1)}
    services.prorrogar_plazo(pregunta=pregunta, nueva_fecha=date(2026, 5, 4), **datos)
    with pytest.raises(ValidationError) as error:
        services.prorrogar_plazo(pregunta=pregunta, nueva_fecha=date(2026, 5, 8), **datos)
    assert error.value.messages == ["El plazo de una pregunta se prorroga una sola vez."]


# --- Traslado (art. 21) ----------------------------------------------------------------


def test_traslado_dentro_de_los_cinco_dias_habiles_no_se_marca(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    # 5 business days after 27/03/2026: 30, 31/03, 01, 06, 07/04 (Holy Week skipped).
    evento = services.trasladar_pregunta(
        pregunta=pregunta,
        usuario=alicia,
        entidad_destino="Gobernación de Nariño",
        hoy=date(2026, 4, 7),
    )
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.TRASLADADA
    assert not evento.fuera_de_termino


def test_traslado_despues_de_cinco_dias_habiles_queda_marcado_fuera_de_termino(
    client: Client, crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27), **CIUDADANA)
    mail.outbox.clear()
    evento = services.trasladar_pregunta(
        pregunta=pregunta,
        usuario=alicia,
        entidad_destino="Gobernación de Nariño",
        hoy=date(2026, 4, 8),
    )
    assert evento.fuera_de_termino
    [aviso] = mail.outbox
    assert "Gobernación de Nariño" in aviso.body
    client.force_login(alicia)
    pagina = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/").content.decode()
    assert "Traslado fuera de término" in pagina
    historial = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/historial/")
    assert "Fuera de término" in historial.content.decode()
    # Final: nothing more happens to it here.
    pregunta.refresh_from_db()
    assert not (pregunta.admite_traslado or pregunta.admite_prorroga)
    assert not pregunta.admite_asignacion


def test_la_consulta_por_radicado_dice_a_que_entidad_se_traslado(
    client: Client, crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27), **CIUDADANA)
    services.trasladar_pregunta(
        pregunta=pregunta,
        usuario=alicia,
        entidad_destino="Gobernación de Nariño",
        motivo="Nota interna que no se publica",
        hoy=date(2026, 4, 1),
    )
    html = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado}).content.decode()
    assert "Trasladada a Gobernación de Nariño el 01/04/2026" in html
    for privado in ("Rosa Ortiz", "rosa@example.org", "Nota interna", pregunta.radicado):
        assert privado not in html


# --- Suspension (art. 17) and desistimiento ---------------------------------------------


def test_la_suspension_corre_el_vencimiento_exactamente_los_dias_habiles_suspendidos(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))  # due 21/04/2026
    services.solicitar_completar(
        pregunta=pregunta, usuario=alicia, motivo="Falta la dirección.", hoy=date(2026, 4, 8)
    )
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.EN_ESPERA
    services.registrar_complemento(pregunta=pregunta, usuario=alicia, hoy=date(2026, 4, 15))
    pregunta.refresh_from_db()
    # Suspended (08/04, 15/04]: 09, 10, 13, 14, 15 = 5 business days; 21/04 + 5 = 28/04.
    assert pregunta.vence_el == date(2026, 4, 28)
    assert pregunta.estado == Pregunta.Estado.RECIBIDA  # no office yet: back to received
    texto = "\n".join(
        reglas.calcular_plazo(
            recibida_el=pregunta.recibida_el,
            dias=15,
            eventos=[e.para_calculo() for e in pregunta.eventos.all()],
        ).lineas
    )
    assert "Término suspendido del 08/04/2026 al 15/04/2026 (art. 17): se corre 5 días" in texto


def test_la_suspension_no_cuenta_los_festivos_que_caen_en_ella(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    oficina = Responsable.objects.get(slug="educacion")
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=oficina)
    services.solicitar_completar(
        pregunta=pregunta, usuario=alicia, motivo="Falta el barrio.", hoy=date(2026, 3, 31)
    )
    services.registrar_complemento(pregunta=pregunta, usuario=alicia, hoy=date(2026, 4, 7))
    pregunta.refresh_from_db()
    # (31/03, 07/04]: 01/04, 06/04, 07/04 = 3 business days; 21/04 + 3 = 24/04.
    assert pregunta.vence_el == date(2026, 4, 24)
    assert pregunta.estado == Pregunta.Estado.ASIGNADA


def test_un_mes_sin_completar_cierra_la_pregunta_por_desistimiento_una_sola_vez(
    crear_pregunta: Callable[..., Pregunta], alicia: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27), **CIUDADANA)
    services.solicitar_completar(
        pregunta=pregunta, usuario=alicia, motivo="Falta la dirección.", hoy=date(2026, 4, 8)
    )
    assert services.cerrar_desistidas(hoy=date(2026, 5, 8)) == []  # the month's last day
    mail.outbox.clear()
    [cerrada] = services.cerrar_desistidas(hoy=date(2026, 5, 9))
    assert cerrada.pk == pregunta.pk
    pregunta.refresh_from_db()
    assert pregunta.estado == Pregunta.Estado.DESISTIDA
    [aviso] = mail.outbox
    assert "desistimiento" in aviso.body
    # Idempotent: run again (as the daily command), nothing more is closed nor sent.
    call_command("cerrar_desistidas")
    assert "Preguntas cerradas por desistimiento: 0." in capsys.readouterr().out
    assert pregunta.eventos.filter(tipo=EventoPlazo.Tipo.DESISTIDA).count() == 1
    assert len(mail.outbox) == 1


def test_completar_despues_del_mes_se_rechaza(
    crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    services.solicitar_completar(
        pregunta=pregunta, usuario=alicia, motivo="Falta la dirección.", hoy=date(2026, 4, 8)
    )
    with pytest.raises(ValidationError) as error:
        services.registrar_complemento(pregunta=pregunta, usuario=alicia, hoy=date(2026, 5, 9))
    assert "08/05/2026" in error.value.messages[0]


# --- The stored deadline is never stale --------------------------------------------------


def test_recalcular_vencimientos_corrige_un_vencimiento_guardado_equivocado(
    crear_pregunta: Callable[..., Pregunta], alicia: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    services.prorrogar_plazo(
        pregunta=pregunta,
        usuario=alicia,
        nueva_fecha=date(2026, 5, 4),
        motivo="Falta información.",
        hoy=date(2026, 4, 1),
    )
    correcta = crear_pregunta(hoy=date(2026, 3, 27))
    Pregunta.objects.filter(pk=pregunta.pk).update(vence_el=date(2026, 4, 9))

    call_command("recalcular_vencimientos")

    pregunta.refresh_from_db()
    correcta.refresh_from_db()
    assert pregunta.vence_el == date(2026, 5, 4)  # the extension, not the stale date
    assert correcta.vence_el == date(2026, 4, 21)
    assert "Vencimientos corregidos: 1." in capsys.readouterr().out


def test_la_pagina_de_la_pregunta_explica_el_plazo_con_los_festivos(
    client: Client, crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    client.force_login(alicia)
    html = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/").content.decode()
    assert "Cómo se calculó el plazo" in html
    assert "02/04/2026 (Jueves Santo)" in html
    assert "vence el 21/04/2026" in html


def test_la_consulta_por_radicado_explica_el_plazo_sin_datos_personales(
    client: Client, crear_pregunta: Callable[..., Pregunta]
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27), **CIUDADANA)
    html = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado}).content.decode()
    assert "Cómo se calculó el plazo" in html
    assert "03/04/2026 (Viernes Santo)" in html
    assert "Petición general" in html
    for privado in ("Rosa Ortiz", "rosa@example.org", pregunta.radicado):
        assert privado not in html


@pytest.mark.parametrize(
    ("solicitada", "limite"),
    [
        (date(2026, 4, 8), date(2026, 5, 8)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 12, 15), date(2027, 1, 15)),
    ],
)
def test_el_mes_para_completar_es_un_mes_calendario(solicitada: date, limite: date) -> None:
    assert reglas.limite_para_completar(solicitada) == limite


@pytest.mark.parametrize("con_eventos", [False, True], ids=["sin_eventos", "con_eventos"])
def test_la_consulta_por_radicado_hace_tres_consultas_con_o_sin_eventos(
    client: Client,
    crear_pregunta: Callable[..., Pregunta],
    alicia: Any,
    django_assert_num_queries: Any,
    con_eventos: bool,
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    if con_eventos:
        datos = {"pregunta": pregunta, "usuario": alicia}
        services.prorrogar_plazo(
            **datos, nueva_fecha=date(2026, 5, 4), motivo="Falta un dato.", hoy=date(2026, 4, 1)
        )
        services.solicitar_completar(**datos, motivo="Falta el barrio.", hoy=date(2026, 4, 6))
        services.registrar_complemento(**datos, hoy=date(2026, 4, 8))
    # The question with its type, its clock events, the published texts.
    with django_assert_num_queries(3):
        respuesta = client.post("/dialogos/consulta/", {"radicado": pregunta.radicado})
    assert respuesta.status_code == 200


@pytest.mark.parametrize("con_eventos", [False, True], ids=["sin_eventos", "con_eventos"])
def test_la_pagina_de_la_pregunta_hace_las_mismas_consultas_con_o_sin_eventos(
    client: Client,
    crear_pregunta: Callable[..., Pregunta],
    alicia: Any,
    django_assert_num_queries: Any,
    con_eventos: bool,
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    if con_eventos:
        datos = {"pregunta": pregunta, "usuario": alicia}
        services.prorrogar_plazo(
            **datos, nueva_fecha=date(2026, 5, 4), motivo="Falta un dato.", hoy=date(2026, 4, 1)
        )
        services.solicitar_completar(**datos, motivo="Falta el barrio.", hoy=date(2026, 4, 6))
        services.registrar_complemento(**datos, hoy=date(2026, 4, 8))
    client.force_login(alicia)
    with django_assert_num_queries(ESPERADAS_PAGINA_PREGUNTA) as consultas:
        respuesta = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/")
    # The clock events are one query, whatever their number.
    assert sum("dialogos_eventoplazo" in c["sql"] for c in consultas.captured_queries) == 1
    assert respuesta.status_code == 200


# Session, user, groups, the question (with its type), its history version, its events,
# and the choices of the page's forms (offices, petition types…).
ESPERADAS_PAGINA_PREGUNTA = 15


def test_la_prorroga_vencida_pedida_en_la_pagina_muestra_el_mensaje_y_no_guarda_nada(
    client: Client, crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))  # due 21/04/2026, long before today
    client.force_login(alicia)
    respuesta = client.post(
        f"/dialogos/gestion/preguntas/{pregunta.pk}/prorroga/",
        {"nueva_fecha": "2026-05-04", "motivo": "Falta un dato."},
    )
    assert respuesta.status_code == 400
    assert "El plazo venció el 21/04/2026" in respuesta.content.decode()
    assert not pregunta.eventos.exists()


def test_la_pagina_de_una_pregunta_en_espera_dice_que_el_termino_esta_suspendido(
    client: Client, crear_pregunta: Callable[..., Pregunta], alicia: Any
) -> None:
    pregunta = crear_pregunta(hoy=date(2026, 3, 27))
    services.solicitar_completar(
        pregunta=pregunta, usuario=alicia, motivo="Falta el barrio.", hoy=date(2026, 4, 1)
    )
    client.force_login(alicia)
    html = client.get(f"/dialogos/gestion/preguntas/{pregunta.pk}/").content.decode()
    assert "Término suspendido" in html
    assert "Término suspendido desde el 01/04/2026" in html
    assert "El ciudadano completó la petición" in html
