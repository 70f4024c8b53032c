"""Who may do what in dialogos: role × object × action, through real HTTP requests.

- 200: the page or file is shown;
- HECHO: the write was done (302 back to the object's page);
- LOGIN: anonymous or inactive users are sent to the login page;
- 403: the user sees the object but may not do the action;
- 404: the user may not even see the object.

«propio» objects belong to the Secretaría de Educación (bruno's office): a
space it organises, a question assigned to it. «ajeno» ones belong to the
Secretaría de Salud (carla's office).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from conftest import crear_usuario
from dialogos import reglas, services
from dialogos.models import AdjuntoEspacio, Compromiso, EspacioDialogo, Pregunta, TipoPeticion
from nucleo import roles
from plan.models import Responsable
from tests.ayudas import PDF_MINIMO

HECHO = "hecho"
LOGIN = "login"
OFICINA_DE = {"propio": "educacion", "ajeno": "salud"}

ACCIONES_ESPACIO = ("ver", "editar", "cancelar", "realizar", "compromiso", "adjunto", "descargar")
ACCIONES_PREGUNTA = ("ver", "asignar", "responder", "publicar")

# fmt: off
MATRIZ_ESPACIOS = [
    # rol             objeto    ver    editar cancelar realizar compromiso adjunto descargar
    ("anonimo",       "propio", (LOGIN, LOGIN, LOGIN,   LOGIN,   LOGIN,     LOGIN,  LOGIN)),
    ("alicia",        "propio", (200,   HECHO, HECHO,   HECHO,   HECHO,     HECHO,  200)),
    ("alicia",        "ajeno",  (200,   HECHO, HECHO,   HECHO,   HECHO,     HECHO,  200)),
    ("bruno",         "propio", (200,   HECHO, HECHO,   HECHO,   HECHO,     HECHO,  200)),
    ("bruno",         "ajeno",  (404,   404,   404,     404,     404,       404,    404)),
    ("carla",         "propio", (404,   404,   404,     404,     404,       404,    404)),
    ("carla",         "ajeno",  (200,   HECHO, HECHO,   HECHO,   HECHO,     HECHO,  200)),
    ("diana",         "propio", (200,   403,   403,     403,     403,       403,    200)),
    ("sin_grupo",     "propio", (404,   404,   404,     404,     404,       404,    404)),
    ("opgi_inactivo", "propio", (LOGIN, LOGIN, LOGIN,   LOGIN,   LOGIN,     LOGIN,  LOGIN)),
]

MATRIZ_PREGUNTAS = [
    # rol             objeto    ver    asignar responder publicar
    ("anonimo",       "propio", (LOGIN, LOGIN,  LOGIN,    LOGIN)),
    ("alicia",        "propio", (200,   HECHO,  HECHO,    HECHO)),
    ("alicia",        "ajeno",  (200,   HECHO,  HECHO,    HECHO)),
    ("bruno",         "propio", (200,   403,    HECHO,    403)),
    ("bruno",         "ajeno",  (404,   404,    404,      404)),
    ("carla",         "propio", (404,   404,    404,      404)),
    ("carla",         "ajeno",  (200,   403,    HECHO,    403)),
    ("diana",         "propio", (200,   403,    403,      403)),
    ("sin_grupo",     "propio", (404,   404,    404,      404)),
    ("opgi_inactivo", "propio", (LOGIN, LOGIN,  LOGIN,    LOGIN)),
]

PAGINAS = (
    "/dialogos/gestion/",
    "/dialogos/gestion/preguntas/",
    "/dialogos/gestion/compromisos/",
    "/dialogos/gestion/informes/",
    "/dialogos/gestion/espacios/nuevo/",
    "/dialogos/gestion/preguntas/nueva/",
    "/dialogos/gestion/metas/",
)
MATRIZ_PAGINAS = [
    # rol             gestión preguntas compromisos informes nuevo_espacio nueva_pregunta metas
    ("anonimo",       (LOGIN, LOGIN,    LOGIN,      LOGIN,   LOGIN,        LOGIN,         LOGIN)),
    ("alicia",        (200,   200,      200,        200,     200,          200,           200)),
    ("bruno",         (200,   200,      200,        200,     200,          200,           403)),
    ("diana",         (200,   200,      200,        200,     403,          403,           403)),
    ("sin_grupo",     (403,   403,      403,        403,     403,          403,           403)),
    ("opgi_inactivo", (LOGIN, LOGIN,    LOGIN,      LOGIN,   LOGIN,        LOGIN,         LOGIN)),
]

# A hearing's MURC cycle (management report, convocatoria): OPGI on every hearing; the
# office that organises it too (it prepares the hearing); Control interno only sees it.
ACCIONES_CICLO = ("informe", "convocatoria")
MATRIZ_CICLO = [
    # rol             objeto    informe convocatoria
    ("anonimo",       "propio", (LOGIN, LOGIN)),
    ("alicia",        "propio", (HECHO, HECHO)),
    ("alicia",        "ajeno",  (HECHO, HECHO)),
    ("bruno",         "propio", (HECHO, HECHO)),
    ("bruno",         "ajeno",  (404,   404)),
    ("diana",         "propio", (403,   403)),
    ("sin_grupo",     "propio", (404,   404)),
    ("opgi_inactivo", "propio", (LOGIN, LOGIN)),
]

# Ley 1755 de 2015: the type and the clock of a question assigned to the object's office.
ACCIONES_PLAZO = ("reclasificar", "prorrogar", "solicitar", "completar", "trasladar")
MATRIZ_PLAZOS = [
    # rol             objeto    reclasificar prorrogar solicitar completar trasladar
    ("anonimo",       "propio", (LOGIN,      LOGIN,    LOGIN,    LOGIN,    LOGIN)),
    ("alicia",        "propio", (HECHO,      HECHO,    HECHO,    HECHO,    HECHO)),
    ("alicia",        "ajeno",  (HECHO,      HECHO,    HECHO,    HECHO,    HECHO)),
    ("bruno",         "propio", (403,        HECHO,    HECHO,    HECHO,    403)),
    ("bruno",         "ajeno",  (404,        404,      404,      404,      404)),
    ("carla",         "propio", (404,        404,      404,      404,      404)),
    ("carla",         "ajeno",  (403,        HECHO,    HECHO,    HECHO,    403)),
    ("diana",         "propio", (403,        403,      403,      403,      403)),
    ("sin_grupo",     "propio", (404,        404,      404,      404,      404)),
    ("opgi_inactivo", "propio", (LOGIN,      LOGIN,    LOGIN,    LOGIN,    LOGIN)),
]

# A commitment of the Secretaría de Tránsito taken at a space organised by Educación.
MATRIZ_COMPROMISOS = [
    ("anonimo", LOGIN), ("alicia", HECHO), ("tomas", HECHO), ("bruno", 403),
    ("carla", 404), ("diana", 403), ("sin_grupo", 404),
]
# fmt: on

PUBLICO = ("/dialogos/", "/dialogos/preguntar/", "/dialogos/consulta/", "/dialogos/respuestas/")


def _casos(matriz, acciones):
    for rol, objeto, esperados in matriz:
        for accion, esperado in zip(acciones, esperados, strict=True):
            yield pytest.param(
                rol, objeto, accion, esperado, id=f"{rol}-{objeto}-{accion}-{esperado}"
            )


@pytest.fixture
def sin_grupo(plan_2022):
    return get_user_model().objects.create_user(username="sin_grupo", password="clave-de-prueba")


@pytest.fixture
def opgi_inactivo(plan_2022):
    usuario = get_user_model().objects.create_user(
        username="opgi_inactivo", password="clave-de-prueba", is_active=False
    )
    usuario.groups.add(Group.objects.get(name=roles.OPGI))
    return usuario


@pytest.fixture
def tomas(plan_2022):
    return crear_usuario("tomas", roles.OFICINA, "transito")


@pytest.fixture
def entrar(client, request):
    def _entrar(rol: str):
        if rol != "anonimo":
            client.force_login(request.getfixturevalue(rol))
        return client

    return _entrar


def _resultado(respuesta, esperado, destino: str):
    if esperado == LOGIN:
        assert respuesta.status_code == 302
        assert respuesta.url.startswith("/cuentas/login/?next=")
    elif esperado == HECHO:
        assert respuesta.status_code == 302, respuesta.content[:500]
        assert respuesta.url == destino
    else:
        assert respuesta.status_code == esperado


def _estado_espacio(espacio):
    espacio.refresh_from_db()
    return (
        espacio.estado,
        espacio.titulo,
        espacio.compromisos.count(),
        AdjuntoEspacio.objects.filter(espacio=espacio).count(),
    )


@pytest.mark.parametrize(
    ("rol", "objeto", "accion", "esperado"), list(_casos(MATRIZ_ESPACIOS, ACCIONES_ESPACIO))
)
def test_matriz_de_permisos_sobre_espacios(
    entrar, alicia, crear_espacio, rol, objeto, accion, esperado
):
    oficina = OFICINA_DE[objeto]
    # Commitments are taken at a realised space; the rest start from a programmed one.
    realizado = accion == "compromiso"
    espacio = crear_espacio(oficinas=(oficina,), titulo="Original", realizado=realizado)
    adjunto = services.subir_adjunto(
        espacio=espacio,
        usuario=alicia,
        tipo="asistencia",
        archivo=SimpleUploadedFile("asistencia.pdf", PDF_MINIMO, "application/pdf"),
    )
    client = entrar(rol)
    antes = _estado_espacio(espacio)
    base = f"/dialogos/gestion/espacios/{espacio.pk}"
    peticiones = {
        "ver": lambda: client.get(f"{base}/"),
        "editar": lambda: client.post(
            f"{base}/editar/",
            {
                "tipo": "jornada_tematica",
                "titulo": "Cambiado",
                "oficinas": [Responsable.objects.get(slug=oficina).pk],
                "fecha": "2022-05-11",
                "hora_inicio": "09:00",
                "hora_fin": "11:00",
                "lugar": "Otro lugar",
            },
        ),
        "cancelar": lambda: client.post(
            f"{base}/cancelar/", {"motivo": "Lluvia", "confirmado": "1"}
        ),
        "realizar": lambda: client.post(
            f"{base}/realizacion/", {"asistentes": 9, "acta": "Acta", "confirmado": "1"}
        ),
        "compromiso": lambda: client.post(
            f"{base}/compromisos/",
            {
                "descripcion": "Arreglar el parque",
                "responsable": Responsable.objects.get(slug="mosig").pk,
                "fecha_limite": "2022-12-01",
            },
        ),
        "adjunto": lambda: client.post(
            f"{base}/adjuntos/",
            {
                "tipo": "foto",
                "archivo": SimpleUploadedFile("acta.pdf", PDF_MINIMO, "application/pdf"),
            },
        ),
        "descargar": lambda: client.get(f"/dialogos/gestion/adjuntos/{adjunto.pk}/"),
    }

    respuesta = peticiones[accion]()

    _resultado(respuesta, esperado, f"{base}/")
    despues = _estado_espacio(espacio)
    if esperado != HECHO:
        assert despues == antes, "a refused request must write nothing"
    else:
        cambio = {
            "editar": lambda: despues[1] == "Cambiado",
            "cancelar": lambda: despues[0] == EspacioDialogo.Estado.CANCELADO,
            "realizar": lambda: despues[0] == EspacioDialogo.Estado.REALIZADO,
            "compromiso": lambda: despues[2] == antes[2] + 1,
            "adjunto": lambda: despues[3] == antes[3] + 1,
        }
        assert cambio[accion]()


@pytest.mark.parametrize(
    ("rol", "objeto", "accion", "esperado"), list(_casos(MATRIZ_CICLO, ACCIONES_CICLO))
)
def test_matriz_de_permisos_sobre_el_informe_y_la_convocatoria_de_una_audiencia(
    entrar, crear_espacio, rol, objeto, accion, esperado
):
    audiencia = crear_espacio(
        oficinas=(OFICINA_DE[objeto],), tipo=EspacioDialogo.Tipo.AUDIENCIA_PUBLICA
    )
    client = entrar(rol)
    base = f"/dialogos/gestion/espacios/{audiencia.pk}"
    peticiones = {
        "informe": lambda: client.post(
            f"{base}/informe-de-gestion/",
            {
                "publicado_el": "2022-04-01",
                "enlace": "/informes/plan/alcaldia-de-pasto-paac-2022.pdf",
            },
        ),
        "convocatoria": lambda: client.post(
            f"{base}/convocatoria/", {"convocada_el": "2022-04-20", "canales": ["radio"]}
        ),
    }

    respuesta = peticiones[accion]()

    _resultado(respuesta, esperado, f"{base}/")
    audiencia.refresh_from_db()
    guardado = {"informe": audiencia.informe_publicado_el, "convocatoria": audiencia.convocada_el}
    assert (guardado[accion] is not None) == (esperado == HECHO)


def _pregunta_en_estado(accion: str, oficina: Responsable, alicia, crear_pregunta) -> Pregunta:
    """Assigned to the object's office («asignar» then reassigns it); answered for «publicar»."""
    pregunta = crear_pregunta("¿Cuándo abren el comedor escolar?", hoy=date(2022, 3, 1))
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=oficina)
    if accion == "publicar":
        services.responder_pregunta(pregunta=pregunta, usuario=alicia, respuesta="En abril.")
    pregunta.refresh_from_db()
    return pregunta


@pytest.mark.parametrize(
    ("rol", "objeto", "accion", "esperado"), list(_casos(MATRIZ_PREGUNTAS, ACCIONES_PREGUNTA))
)
def test_matriz_de_permisos_sobre_preguntas(
    entrar, alicia, crear_pregunta, rol, objeto, accion, esperado
):
    oficina = Responsable.objects.get(slug=OFICINA_DE[objeto])
    pregunta = _pregunta_en_estado(accion, oficina, alicia, crear_pregunta)
    client = entrar(rol)
    antes = (pregunta.estado, pregunta.oficina_id)
    base = f"/dialogos/gestion/preguntas/{pregunta.pk}"
    otra = Responsable.objects.get(slug="gobierno")
    peticiones = {
        "ver": lambda: client.get(f"{base}/"),
        "asignar": lambda: client.post(f"{base}/asignar/", {"oficina": otra.pk}),
        "responder": lambda: client.post(f"{base}/responder/", {"respuesta": "En abril."}),
        "publicar": lambda: client.post(
            f"{base}/publicar/",
            {
                "texto_publico": "¿Cuándo abre el comedor?",
                "respuesta_publica": "En abril.",
                "confirmado": "1",
            },
        ),
    }

    respuesta = peticiones[accion]()

    _resultado(respuesta, esperado, f"{base}/")
    pregunta.refresh_from_db()
    if esperado != HECHO:
        assert (pregunta.estado, pregunta.oficina_id) == antes
    else:
        assert {
            "asignar": pregunta.oficina_id == otra.pk,
            "responder": pregunta.estado == Pregunta.Estado.RESPONDIDA,
            "publicar": pregunta.estado == Pregunta.Estado.PUBLICADA,
        }[accion]


@pytest.mark.parametrize(
    ("rol", "objeto", "accion", "esperado"), list(_casos(MATRIZ_PLAZOS, ACCIONES_PLAZO))
)
def test_matriz_de_permisos_sobre_el_plazo_de_las_preguntas(
    entrar: Callable[[str], Client],
    alicia: Any,
    crear_pregunta: Callable[..., Pregunta],
    rol: str,
    objeto: str,
    accion: str,
    esperado: object,
) -> None:
    oficina = Responsable.objects.get(slug=OFICINA_DE[objeto])
    hoy = timezone.localdate()  # the staff pages act today: the term must be running
    pregunta = crear_pregunta("¿Cuándo abren el comedor escolar?", hoy=hoy)
    services.asignar_pregunta(pregunta=pregunta, usuario=alicia, oficina=oficina)
    if accion == "completar":
        services.solicitar_completar(pregunta=pregunta, usuario=alicia, motivo="Falta el barrio.")
    pregunta.refresh_from_db()
    client = entrar(rol)
    antes = (pregunta.estado, pregunta.tipo_id, pregunta.vence_el, pregunta.eventos.count())
    base = f"/dialogos/gestion/preguntas/{pregunta.pk}"
    consulta = TipoPeticion.objects.get(clave="consulta")
    nueva = reglas.fecha_habil(hoy, 20)
    peticiones = {
        "reclasificar": lambda: client.post(
            f"{base}/reclasificar/", {"tipo": consulta.pk, "motivo": "Pide un concepto."}
        ),
        "prorrogar": lambda: client.post(
            f"{base}/prorroga/", {"nueva_fecha": nueva.isoformat(), "motivo": "Falta un dato."}
        ),
        "solicitar": lambda: client.post(
            f"{base}/solicitud-completar/", {"motivo": "Indique el barrio."}
        ),
        "completar": lambda: client.post(f"{base}/completada/"),
        "trasladar": lambda: client.post(
            f"{base}/traslado/", {"entidad_destino": "Gobernación de Nariño"}
        ),
    }

    respuesta = peticiones[accion]()

    _resultado(respuesta, esperado, f"{base}/")
    pregunta.refresh_from_db()
    despues = (pregunta.estado, pregunta.tipo_id, pregunta.vence_el, pregunta.eventos.count())
    if esperado != HECHO:
        assert despues == antes, "a refused request must write nothing"
    else:
        assert despues[3] == antes[3] + 1
        assert {
            "reclasificar": pregunta.tipo_id == consulta.pk,
            "prorrogar": pregunta.vence_el == nueva,
            "solicitar": pregunta.estado == Pregunta.Estado.EN_ESPERA,
            "completar": pregunta.estado == Pregunta.Estado.ASIGNADA,
            "trasladar": pregunta.estado == Pregunta.Estado.TRASLADADA,
        }[accion]


def _casos_paginas():
    for rol, esperados in MATRIZ_PAGINAS:
        for url, esperado in zip(PAGINAS, esperados, strict=True):
            yield pytest.param(rol, url, esperado, id=f"{rol}-{url}-{esperado}")


@pytest.mark.parametrize(("rol", "url", "esperado"), list(_casos_paginas()))
def test_matriz_de_paginas_de_gestion(entrar, plan_2022, rol, url, esperado):
    _resultado(entrar(rol).get(url), esperado, "")


@pytest.mark.parametrize(("rol", "esperado"), MATRIZ_COMPROMISOS)
def test_solo_la_dependencia_responsable_sigue_su_compromiso(
    entrar, alicia, crear_espacio, rol, esperado
):
    espacio = crear_espacio(oficinas=("educacion",), realizado=True)
    compromiso = services.agregar_compromiso(
        espacio=espacio,
        usuario=alicia,
        descripcion="Semaforizar el cruce",
        responsable=Responsable.objects.get(slug="transito"),
        fecha_limite=date(2022, 12, 1),
    )
    respuesta = entrar(rol).post(
        f"/dialogos/gestion/compromisos/{compromiso.pk}/",
        {"estado": "cumplido", "seguimiento": "Instalado el semáforo."},
    )
    _resultado(respuesta, esperado, "/dialogos/gestion/compromisos/")
    compromiso.refresh_from_db()
    cumplido = compromiso.estado == Compromiso.Estado.CUMPLIDO
    assert cumplido == (esperado == HECHO)


@pytest.mark.parametrize("url", PUBLICO)
def test_las_paginas_publicas_no_piden_cuenta(client, plan_2022, url):
    assert client.get(url).status_code == 200


def test_una_oficina_no_programa_espacios_de_otra(client, bruno):
    client.force_login(bruno)
    respuesta = client.post(
        "/dialogos/gestion/espacios/nuevo/",
        {
            "tipo": "jornada_tematica",
            "titulo": "Jornada ajena",
            "oficinas": [Responsable.objects.get(slug="salud").pk],
            "fecha": "2022-05-11",
            "hora_inicio": "09:00",
            "hora_fin": "11:00",
            "lugar": "Hospital",
        },
    )
    assert respuesta.status_code == 400
    assert (
        "Solo OPGI, o una dependencia que esté entre las organizadoras"
        in respuesta.content.decode()
    )
    assert not EspacioDialogo.objects.exists()


def test_una_oficina_no_digita_formatos_de_espacios_ajenos(client, bruno, crear_espacio):
    ajeno = crear_espacio(oficinas=("salud",), realizado=True)
    client.force_login(bruno)
    respuesta = client.post(
        "/dialogos/gestion/preguntas/nueva/",
        {"espacio": ajeno.pk, "recibida_el": "2022-05-10", "texto": "¿?", "acepta_datos": "on"},
    )
    assert respuesta.status_code == 400
    assert not Pregunta.objects.exists()
