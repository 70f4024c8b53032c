"""Every hearing gets its evaluation survey when it is programmed (the MURC), once, with the
default questionnaire; other spaces do not (dialogos.signals.espacio_programado)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from dialogos import services as dialogos
from dialogos.models import EspacioDialogo, Territorio
from encuestas import selectors, services
from encuestas.models import Encuesta
from plan.models import Responsable

from .conftest import hora

T = EspacioDialogo.Tipo


def _programar(usuario, tipo, **campos) -> EspacioDialogo:
    inicio = campos.pop("inicio", hora(2022, 8, 10))
    return dialogos.programar_espacio(
        usuario=usuario,
        tipo=tipo,
        titulo=campos.pop("titulo", "Audiencia pública de rendición de cuentas 2022"),
        oficinas=[Responsable.objects.get(slug="educacion")],
        inicio=inicio,
        fin=inicio + timedelta(hours=3),
        lugar="Teatro Imperial",
        **campos,
    )


@pytest.mark.parametrize("tipo", [T.AUDIENCIA_PUBLICA, T.AUDIENCIA_SECTORIAL])
def test_programar_una_audiencia_crea_su_encuesta_de_evaluacion(alicia, tipo):
    audiencia = _programar(alicia, tipo)

    encuesta = Encuesta.objects.get(espacio=audiencia)
    assert encuesta.cuestionario == selectors.predeterminado()
    assert encuesta.abre_en == audiencia.inicio
    cierre = timezone.localtime(audiencia.fin).date() + timedelta(days=7)
    assert timezone.localtime(encuesta.cierra_en) == timezone.make_aware(
        datetime.combine(cierre, time(23, 59))
    )
    assert encuesta.creada_por == alicia


def test_la_encuesta_de_evaluacion_se_crea_una_sola_vez(alicia):
    audiencia = _programar(alicia, T.AUDIENCIA_PUBLICA)
    dialogos.editar_espacio(
        espacio=audiencia,
        usuario=alicia,
        tipo=T.AUDIENCIA_PUBLICA,
        titulo="Audiencia pública (nuevo título)",
        oficinas=[Responsable.objects.get(slug="educacion")],
        inicio=audiencia.inicio,
        fin=audiencia.fin,
        lugar="Teatro Imperial",
    )

    assert services.crear_evaluacion_de_audiencia(espacio=audiencia, usuario=alicia) is None
    assert Encuesta.objects.filter(espacio=audiencia).count() == 1
    assert Encuesta.objects.count() == 1


@pytest.mark.parametrize("tipo", [T.JORNADA_TEMATICA, T.ESPACIO_TERRITORIAL])
def test_los_espacios_que_no_son_audiencias_no_reciben_encuesta(alicia, territorios_pasto, tipo):
    genoy = Territorio.objects.get(nombre="Genoy")
    campos = {"territorio": genoy} if tipo == T.ESPACIO_TERRITORIAL else {}
    _programar(alicia, tipo, **campos)
    assert not Encuesta.objects.exists()


def test_una_jornada_que_se_vuelve_audiencia_recibe_su_encuesta(alicia):
    jornada = _programar(alicia, T.JORNADA_TEMATICA)
    dialogos.editar_espacio(
        espacio=jornada,
        usuario=alicia,
        tipo=T.AUDIENCIA_SECTORIAL,
        titulo=jornada.titulo,
        oficinas=[Responsable.objects.get(slug="educacion")],
        inicio=jornada.inicio,
        fin=jornada.fin,
        lugar="Teatro Imperial",
    )
    assert Encuesta.objects.filter(espacio=jornada).count() == 1


def test_una_oficina_que_programa_su_audiencia_tambien_recibe_la_encuesta(bruno):
    audiencia = _programar(bruno, T.AUDIENCIA_SECTORIAL)
    assert Encuesta.objects.get(espacio=audiencia).creada_por == bruno


def test_sin_cuestionario_predeterminado_la_audiencia_se_programa_sin_encuesta(alicia):
    predeterminado = selectors.predeterminado()
    assert predeterminado is not None
    predeterminado.preguntas.all().delete()
    audiencia = _programar(alicia, T.AUDIENCIA_PUBLICA)
    assert audiencia.pk and not Encuesta.objects.exists()
