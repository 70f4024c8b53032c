"""`preparar_demo` gives a newcomer a whole demonstration year, never mistaken for real data.

The README's first command runs `preparar_demo`, which now also runs `cargar_demo`
(resultados/demo.py): on a fresh database every public open-data set has rows, the
iCal feed has events, the schedule shows what is ahead and what was held, the
questions are in every state and every text written says «(demostración)». A second
run writes nothing; the fictitious
citizens' names and contacts never reach a public page.

The demo is loaded once for the module, inside a transaction rolled back at the end
(the refusal without DEBUG is in test_demo_solo_desarrollo.py, on an empty database).
"""

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import reverse

from dialogos.models import (
    AdjuntoEspacio,
    Compromiso,
    EspacioDialogo,
    EventoPlazo,
    Pregunta,
)
from encuestas.models import Encuesta, Respuesta, ValorRespuesta
from pasto_rdc.datos_abiertos import conjuntos
from plan.models import Actividad, Avance, CortePlan, Evidencia, ObservacionSeguimiento
from resultados import demo
from resultados.models import InformePublicado

pytestmark = pytest.mark.django_db

# Every model the demo writes rows of (counted before and after a second run).
MODELOS: tuple[type[Model], ...] = (
    Actividad,
    Avance,
    Evidencia,
    ObservacionSeguimiento,
    CortePlan,
    EspacioDialogo,
    AdjuntoEspacio,
    Compromiso,
    Pregunta,
    EventoPlazo,
    Encuesta,
    Respuesta,
    InformePublicado,
)

# The texts the demo writes, model by model (empty ones are not written by it).
TEXTOS: tuple[tuple[type[Model], tuple[str, ...]], ...] = (
    (Avance, ("narrativa", "comentario_revision", "motivo")),
    (Evidencia, ("descripcion", "comentario_revision")),
    (ObservacionSeguimiento, ("texto",)),
    (
        EspacioDialogo,
        ("titulo", "tema", "acta", "organizaciones", "motivo_cancelacion", "convocatoria_nota"),
    ),
    (AdjuntoEspacio, ("descripcion",)),
    (Compromiso, ("descripcion", "seguimiento")),
    (Pregunta, ("texto", "respuesta", "texto_publico", "respuesta_publica")),
    (ValorRespuesta, ("texto",)),
)


@dataclass
class Demo:
    salida: str
    segundos: float
    antes: dict[str, int]  # rows per model after the first run
    despues: dict[str, int]  # … and after a second one
    segunda_salida: str
    cambios: list[str]  # the audit lines (nucleo.cambios, logger «rdc.cambios») of the load


def _conteos() -> dict[str, int]:
    return {modelo.__name__: modelo.objects.count() for modelo in MODELOS}


class _Lineas(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lineas: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lineas.append(record.getMessage())


@pytest.fixture(scope="module")
def cargada(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Demo]:
    media = tmp_path_factory.mktemp("media-demo")

    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        cache.clear()
        salida, segunda = StringIO(), StringIO()
        registro, lineas = logging.getLogger("rdc.cambios"), _Lineas()
        nivel = registro.level
        registro.addHandler(lineas)
        registro.setLevel(logging.INFO)
        inicio = time.monotonic()
        try:
            call_command("preparar_demo", password="clave-demo-123", stdout=salida)
        finally:
            registro.removeHandler(lineas)
            registro.setLevel(nivel)
        segundos = time.monotonic() - inicio
        antes = _conteos()
        call_command("preparar_demo", password="clave-demo-123", stdout=segunda)
        despues = _conteos()
        yield Demo(salida.getvalue(), segundos, antes, despues, segunda.getvalue(), lineas.lineas)
        transaction.set_rollback(True)
    cache.clear()


def _get(ruta: str):
    respuesta = Client().get(ruta)
    assert respuesta.status_code == 200, ruta
    return respuesta


def _texto(respuesta) -> str:
    if getattr(respuesta, "streaming", False):
        return b"".join(respuesta.streaming_content).decode()
    return respuesta.content.decode()


def test_la_primera_orden_del_readme_carga_un_anio_de_demostracion(cargada):
    assert "Datos de demostración cargados" in cargada.salida
    assert Avance.objects.exists() and EspacioDialogo.objects.exists()
    # The seed stays the 2022 plan, untouched: the demo adds no activity.
    assert Actividad.objects.count() == 23
    # Fast enough for a newcomer (20 s on a laptop; the CI machine is shared, hence 60).
    assert cargada.segundos < 60


def test_cada_conjunto_de_datos_abiertos_tiene_al_menos_una_fila(cargada):
    for conjunto in conjuntos():
        csv = _texto(_get(reverse("datos_descargar", args=[conjunto.slug, "csv"])))
        filas = [linea for linea in csv.splitlines() if linea.strip()]
        assert len(filas) >= 2, f"{conjunto.slug}: solo el encabezado"


def test_el_calendario_ical_tiene_eventos(cargada):
    ics = _texto(_get(reverse("dialogos:calendario_ics")))
    assert ics.count("BEGIN:VEVENT") >= 5


def test_el_cronograma_muestra_espacios_proximos_y_realizados(cargada):
    respuesta = _get(reverse("dialogos:cronograma"))
    cronograma = respuesta.context["cronograma"]
    assert len(cronograma.proximos) >= 2
    assert len(cronograma.pasados) >= 4
    html = respuesta.content.decode()
    assert "Diálogo territorial en Obonuco (demostración)" in html
    assert "Audiencia pública de rendición de cuentas 2022 (demostración)" in html


def test_hay_preguntas_en_cada_estado(cargada):
    estados = set(Pregunta.objects.values_list("estado", flat=True))
    assert estados == set(Pregunta.Estado.values)


def test_hay_avances_y_evidencias_aprobados_pendientes_y_devueltos(cargada):
    assert {"aprobado", "enviado", "devuelto"} <= set(
        Avance.objects.values_list("estado", flat=True)
    )
    assert {"aprobada", "enviada", "devuelta"} <= set(
        Evidencia.objects.values_list("estado", flat=True)
    )
    assert Evidencia.objects.filter(publica=True).exists()
    assert Evidencia.objects.filter(estado="aprobada", publica=False).exists()


def test_la_audiencia_publica_tiene_su_ciclo_completo(cargada):
    audiencia = EspacioDialogo.objects.get(tipo=EspacioDialogo.Tipo.AUDIENCIA_PUBLICA)
    assert audiencia.esta_realizado
    assert audiencia.informe_enlace and audiencia.convocatoria_canales
    assert (audiencia.inicio.date() - audiencia.informe_publicado_el).days >= 30
    assert set(audiencia.compromisos.values_list("estado", flat=True)) == set(
        Compromiso.Estado.values
    )
    encuesta = Encuesta.objects.get(espacio=audiencia)
    assert encuesta.resultados_publicados and encuesta.respuestas.count() >= 5
    assert InformePublicado.objects.filter(espacio=audiencia).exists()
    assert InformePublicado.objects.filter(vigencia=2022).exists()
    territorios = EspacioDialogo.objects.values_list("territorio__tipo", flat=True)
    assert {"comuna", "corregimiento"} <= set(territorios)
    assert EspacioDialogo.objects.filter(estado=EspacioDialogo.Estado.CANCELADO).exists()


def test_un_corte_cerrado_con_las_observaciones_de_control_interno(cargada):
    corte = CortePlan.objects.get(plan__vigencia=2022, numero=1)
    assert corte.cerrado_en is not None and corte.publicado_en is not None
    assert ObservacionSeguimiento.objects.filter(corte=1, origen="control_interno").exists()


def test_todo_lo_escrito_por_la_demostracion_dice_que_es_de_demostracion(cargada):
    sin_marca = [
        f"{modelo.__name__}.{campo} {fila['pk']}: {fila[campo]!r}"
        for modelo, campos in TEXTOS
        for campo in campos
        for fila in modelo.objects.exclude(**{campo: ""}).values("pk", campo)
        if demo.MARCA not in fila[campo]
    ]
    # The staff's notes on the clock events too (the system's own desistimiento text aside).
    sin_marca += [
        f"EventoPlazo {evento.pk}: {evento.motivo!r}"
        for evento in EventoPlazo.objects.filter(registrado_por__isnull=False).exclude(motivo="")
        if demo.MARCA not in evento.motivo
    ]
    assert sin_marca == []


def test_todo_se_escribio_por_los_servicios_con_su_registro_de_cambios(cargada):
    for accion in (
        "avance.aprobado",
        "avance.devuelto",
        "evidencia.aprobada",
        "espacio.realizado",
        "espacio.cancelado",
        "pregunta.publicada",
        "pregunta.trasladada",
        "pregunta.desistida",
        "corte.cerrado",
        "encuesta.resultados_publicados",
    ):
        assert any(linea.startswith(f"cambio={accion} ") for linea in cargada.cambios), accion


def test_cargarla_dos_veces_no_duplica_nada(cargada):
    assert cargada.despues == cargada.antes
    assert "ya estaban cargados" in cargada.segunda_salida


def test_ningun_dato_personal_de_la_demostracion_llega_a_una_pagina_publica(cargada):
    rutas = [
        reverse("inicio"),
        reverse("dialogos:cronograma"),
        reverse("dialogos:respuestas"),
        reverse("dialogos:calendario_ics"),
        reverse("datos_abiertos"),
        *(
            reverse("datos_descargar", args=[c.slug, f])
            for c in conjuntos()
            for f in ("csv", "json")
        ),
        *(
            reverse("dialogos:espacio", args=[pk])
            for pk in EspacioDialogo.objects.values_list("pk", flat=True)
        ),
    ]
    personales = [dato for ciudadano in demo.CIUDADANOS for dato in ciudadano]
    assert Pregunta.objects.filter(nombre__in=[c[0] for c in demo.CIUDADANOS]).exists()
    fugas = [
        f"{ruta}: {dato}"
        for ruta in rutas
        for dato in personales
        if dato in (texto := _texto(_get(ruta))) or dato.replace("@", "\\u0040") in texto
    ]
    assert fugas == []
