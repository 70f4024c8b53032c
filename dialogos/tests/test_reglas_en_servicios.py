"""Issue 10, findings 4 and 5: every write service enforces its own permission rule.

Finding 4: Salud created and closed a space linked to activity 2.4 (Educación's)
and 2.4 jumped from 0 % to 100 %. A space counts toward its activity's meta, so
an office may link it only to activities its office is responsible for (OPGI:
any): the service refuses, and the form offers only those.

Finding 5: each service is called directly with a user of the wrong office or
the wrong role, and must raise PermissionDenied — the view is not the only gate.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from dialogos import services
from dialogos.models import Compromiso, EspacioDialogo, Pregunta
from dialogos.tests.conftest import momento
from plan.models import Responsable
from tests.ayudas import PDF_MINIMO


def _oficinas(*slugs):
    return list(Responsable.objects.filter(slug__in=slugs))


def _espacio(usuario, *, actividad=None, oficinas=("salud",)):
    return services.programar_espacio(
        usuario=usuario,
        tipo=EspacioDialogo.Tipo.AUDIENCIA_SECTORIAL,
        titulo="Audiencia sectorial",
        oficinas=_oficinas(*oficinas),
        actividad=actividad,
        inicio=momento(2022, 5, 10),
        fin=momento(2022, 5, 10, 11),
        lugar="Auditorio",
    )


# --- Finding 4: only your own activities ----------------------------------------


def test_office_cannot_link_a_space_to_another_offices_activity(carla, actividad):
    with pytest.raises(PermissionDenied, match="no es de su dependencia"):
        _espacio(carla, actividad=actividad("2.4"))  # 2.4 belongs to Educación
    assert not EspacioDialogo.objects.exists()


def test_office_cannot_inflate_another_offices_meta_over_http(client, carla, actividad):
    client.force_login(carla)
    formulario = client.get("/dialogos/gestion/espacios/nuevo/")
    ofrecidas = set(formulario.context["form"].fields["actividad"].queryset)
    assert actividad("2.5") in ofrecidas  # Salud's own activity
    assert actividad("2.4") not in ofrecidas  # Educación's
    assert "2022 · 2.4 " not in formulario.content.decode()
    assert "2022 · 2.5 " in formulario.content.decode()
    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/",
        {
            "tipo": "audiencia_sectorial",
            "titulo": "Audiencia de salud",
            "oficinas": [Responsable.objects.get(slug="salud").pk],
            "actividad": actividad("2.4").pk,
            "fecha": "2022-05-10",
            "hora_inicio": "09:00",
            "hora_fin": "11:00",
            "lugar": "Auditorio",
        },
    )
    assert respuesta.status_code == 400
    assert not EspacioDialogo.objects.exists()


def test_office_links_a_space_to_its_own_activity(carla, actividad):
    espacio = _espacio(carla, actividad=actividad("2.5"))
    assert espacio.actividad == actividad("2.5")


def test_office_cannot_switch_a_space_to_another_offices_activity(carla, actividad):
    espacio = _espacio(carla, actividad=actividad("2.5"))
    with pytest.raises(PermissionDenied, match="no es de su dependencia"):
        services.editar_espacio(
            espacio=espacio,
            usuario=carla,
            tipo=espacio.tipo,
            titulo=espacio.titulo,
            oficinas=_oficinas("salud"),
            actividad=actividad("2.4"),
            inicio=espacio.inicio,
            fin=espacio.fin,
            lugar=espacio.lugar,
        )
    espacio.refresh_from_db()
    assert espacio.actividad == actividad("2.5")


def test_office_keeps_the_activity_opgi_chose_when_editing(alicia, carla, actividad):
    espacio = _espacio(alicia, actividad=actividad("2.1"))
    editado = services.editar_espacio(
        espacio=espacio,
        usuario=carla,
        tipo=espacio.tipo,
        titulo="Nuevo título",
        oficinas=_oficinas("salud"),
        actividad=actividad("2.1"),
        inicio=espacio.inicio,
        fin=espacio.fin,
        lugar=espacio.lugar,
    )
    assert editado.titulo == "Nuevo título" and editado.actividad == actividad("2.1")


def test_opgi_links_any_activity(alicia, actividad):
    assert _espacio(alicia, actividad=actividad("2.4")).actividad == actividad("2.4")


# --- Finding 5: each service checks its permission itself -------------------------


@pytest.fixture
def de_salud(alicia):
    """A realised space organised by Salud only, with a commitment of Salud."""
    espacio = _espacio(alicia, oficinas=("salud",))
    espacio = services.registrar_realizacion(
        espacio=espacio, usuario=alicia, asistentes=20, acta="Acta de la audiencia."
    )
    compromiso = services.agregar_compromiso(
        espacio=espacio,
        usuario=alicia,
        descripcion="Abrir el centro de salud",
        responsable=Responsable.objects.get(slug="salud"),
        fecha_limite=date(2022, 12, 1),
    )
    return espacio, compromiso


@pytest.fixture
def de_salud_programado(alicia):
    return _espacio(alicia, oficinas=("salud",))


@pytest.fixture
def pregunta_de_salud(alicia, crear_pregunta):
    pregunta = crear_pregunta(hoy=date(2022, 8, 1))
    return services.asignar_pregunta(
        pregunta=pregunta, usuario=alicia, oficina=Responsable.objects.get(slug="salud")
    )


def test_responder_pregunta_refuses_another_offices_question(bruno, pregunta_de_salud):
    with pytest.raises(PermissionDenied):
        services.responder_pregunta(pregunta=pregunta_de_salud, usuario=bruno, respuesta="Sí.")
    pregunta_de_salud.refresh_from_db()
    assert pregunta_de_salud.estado == Pregunta.Estado.ASIGNADA


def test_responder_pregunta_refuses_control_interno(diana, pregunta_de_salud):
    with pytest.raises(PermissionDenied):
        services.responder_pregunta(pregunta=pregunta_de_salud, usuario=diana, respuesta="Sí.")


def test_asignar_pregunta_refuses_an_office(carla, pregunta_de_salud):
    with pytest.raises(PermissionDenied):
        services.asignar_pregunta(
            pregunta=pregunta_de_salud,
            usuario=carla,
            oficina=Responsable.objects.get(slug="educacion"),
        )


def test_publicar_pregunta_refuses_the_answering_office(alicia, carla, pregunta_de_salud):
    services.responder_pregunta(pregunta=pregunta_de_salud, usuario=carla, respuesta="Sí.")
    with pytest.raises(PermissionDenied):
        services.publicar_pregunta(
            pregunta=pregunta_de_salud, usuario=carla, texto_publico="¿X?", respuesta_publica="Sí."
        )


def test_programar_espacio_refuses_an_office_not_among_the_organisers(bruno):
    with pytest.raises(PermissionDenied):
        _espacio(bruno, oficinas=("salud",))


def test_programar_espacio_refuses_control_interno(diana):
    with pytest.raises(PermissionDenied):
        _espacio(diana, oficinas=("salud",))


def test_editar_espacio_refuses_another_office(bruno, de_salud_programado):
    espacio = de_salud_programado
    with pytest.raises(PermissionDenied):
        services.editar_espacio(
            espacio=espacio,
            usuario=bruno,
            tipo=espacio.tipo,
            titulo="Tomado",
            oficinas=_oficinas("salud", "educacion"),
            inicio=espacio.inicio,
            fin=espacio.fin,
            lugar=espacio.lugar,
        )


def test_cancelar_espacio_refuses_another_office(bruno, de_salud_programado):
    with pytest.raises(PermissionDenied):
        services.cancelar_espacio(espacio=de_salud_programado, usuario=bruno, motivo="Lluvia")


def test_registrar_realizacion_refuses_another_office(bruno, de_salud_programado):
    with pytest.raises(PermissionDenied):
        services.registrar_realizacion(
            espacio=de_salud_programado, usuario=bruno, asistentes=5, acta="Acta."
        )


def test_agregar_compromiso_refuses_another_office(bruno, de_salud):
    espacio, _ = de_salud
    with pytest.raises(PermissionDenied):
        services.agregar_compromiso(
            espacio=espacio,
            usuario=bruno,
            descripcion="Otro",
            responsable=Responsable.objects.get(slug="educacion"),
            fecha_limite=date(2022, 12, 1),
        )


def test_actualizar_compromiso_refuses_another_office(bruno, de_salud):
    _, compromiso = de_salud
    with pytest.raises(PermissionDenied):
        services.actualizar_compromiso(compromiso=compromiso, usuario=bruno, estado="cumplido")
    assert Compromiso.objects.get().estado == Compromiso.Estado.PENDIENTE


def test_subir_adjunto_refuses_another_office(bruno, de_salud):
    from django.core.files.uploadedfile import SimpleUploadedFile

    espacio, _ = de_salud
    with pytest.raises(PermissionDenied):
        services.subir_adjunto(
            espacio=espacio,
            usuario=bruno,
            tipo="acta",
            archivo=SimpleUploadedFile("acta.pdf", PDF_MINIMO, content_type="application/pdf"),
        )


def test_registrar_pregunta_formato_refuses_another_office(bruno, de_salud):
    espacio, _ = de_salud
    with pytest.raises(PermissionDenied):
        services.registrar_pregunta_formato(
            usuario=bruno,
            texto="¿Hola?",
            acepta_datos=True,
            recibida_el=date(2022, 5, 10),
            espacio=espacio,
            hoy=date(2022, 5, 11),
        )


def test_registrar_informe_refuses_an_office(carla):
    with pytest.raises(PermissionDenied):
        services.registrar_informe(
            usuario=carla,
            titulo="Informe",
            desde=date(2022, 1, 1),
            hasta=date(2022, 6, 30),
            publicado_el=date(2022, 7, 1),
        )


def test_recibir_pregunta_refuses_a_space_of_an_unpublished_plan(alicia, actividad, plan_2022):
    espacio = _espacio(alicia, actividad=actividad("2.1"))
    plan_2022.publicado = False
    plan_2022.save()
    with pytest.raises(PermissionDenied):
        services.recibir_pregunta(texto="¿Hola?", acepta_datos=True, espacio=espacio)
    assert not Pregunta.objects.exists()
