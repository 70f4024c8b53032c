from django.urls import path

import nucleo.parametros  # noqa: F401  (registers the <id:…> and <formato:…> converters)

from . import views, views_publicas

app_name = "dialogos"

urlpatterns = [
    # Public pages (no account): schedule, iCal, questions, answers, coverage.
    path("", views_publicas.cronograma, name="cronograma"),
    path("calendario.ics", views_publicas.calendario_ics, name="calendario_ics"),
    path("espacios/<id:pk>/", views_publicas.espacio, name="espacio"),
    path("espacios/<id:pk>/calendario.ics", views_publicas.espacio_ics, name="espacio_ics"),
    path(
        "espacios/<id:pk>/informe-de-gestion/",
        views_publicas.informe_gestion,
        name="informe_gestion",
    ),
    path("espacios/<id:pk>/preguntar/", views_publicas.preguntar, name="preguntar_espacio"),
    path("preguntar/", views_publicas.preguntar, name="preguntar"),
    path("preguntar/recibida/", views_publicas.pregunta_recibida, name="pregunta_recibida"),
    path("consulta/", views_publicas.consulta, name="consulta"),
    path("respuestas/", views_publicas.respuestas, name="respuestas"),
    path("cobertura/", views_publicas.cobertura, name="cobertura"),
    path(
        "informes/<id:pk>.<formato:formato>",
        views_publicas.informe_publicado,
        name="informe_publicado",
    ),
    # Staff pages.
    path("gestion/", views.espacios, name="gestion"),
    path("gestion/espacios/nuevo/", views.espacio_nuevo, name="espacio_nuevo"),
    path("gestion/espacios/<id:pk>/", views.espacio_gestion, name="gestion_espacio"),
    path("gestion/espacios/<id:pk>/editar/", views.espacio_editar, name="espacio_editar"),
    path("gestion/espacios/<id:pk>/cancelar/", views.espacio_cancelar, name="espacio_cancelar"),
    path(
        "gestion/espacios/<id:pk>/realizacion/",
        views.espacio_realizacion,
        name="espacio_realizacion",
    ),
    path(
        "gestion/espacios/<id:pk>/informe-de-gestion/",
        views.espacio_informe_gestion,
        name="espacio_informe_gestion",
    ),
    path(
        "gestion/espacios/<id:pk>/convocatoria/",
        views.espacio_convocatoria,
        name="espacio_convocatoria",
    ),
    path("gestion/espacios/<id:pk>/compromisos/", views.compromiso_nuevo, name="compromiso_nuevo"),
    path("gestion/espacios/<id:pk>/adjuntos/", views.adjunto_nuevo, name="adjunto_nuevo"),
    path("gestion/adjuntos/<id:pk>/", views.adjunto_descargar, name="adjunto"),
    path("gestion/compromisos/", views.compromisos, name="compromisos"),
    path(
        "gestion/compromisos/<id:pk>/",
        views.compromiso_seguimiento,
        name="compromiso_seguimiento",
    ),
    path("gestion/preguntas/", views.preguntas, name="preguntas"),
    path("gestion/preguntas/nueva/", views.pregunta_nueva, name="pregunta_nueva"),
    path("gestion/preguntas/<id:pk>/", views.pregunta, name="pregunta"),
    path("gestion/preguntas/<id:pk>/asignar/", views.pregunta_asignar, name="pregunta_asignar"),
    path(
        "gestion/preguntas/<id:pk>/responder/",
        views.pregunta_responder,
        name="pregunta_responder",
    ),
    path("gestion/preguntas/<id:pk>/publicar/", views.pregunta_publicar, name="pregunta_publicar"),
    # Ley 1755 de 2015: type of petition and the events of the clock.
    path(
        "gestion/preguntas/<id:pk>/reclasificar/",
        views.pregunta_reclasificar,
        name="pregunta_reclasificar",
    ),
    path(
        "gestion/preguntas/<id:pk>/prorroga/", views.pregunta_prorrogar, name="pregunta_prorrogar"
    ),
    path(
        "gestion/preguntas/<id:pk>/traslado/", views.pregunta_trasladar, name="pregunta_trasladar"
    ),
    path(
        "gestion/preguntas/<id:pk>/solicitud-completar/",
        views.pregunta_solicitar_completar,
        name="pregunta_solicitar_completar",
    ),
    path(
        "gestion/preguntas/<id:pk>/completada/",
        views.pregunta_completada,
        name="pregunta_completada",
    ),
    path("gestion/informes/", views.informes, name="informes"),
    path("gestion/informes/descargar/", views.informe_alcance, name="informe_alcance"),
    path("gestion/metas/", views.metas_automaticas, name="metas"),
    # «Historial» of a space and of a question (OPGI and Control interno).
    path("gestion/espacios/<id:pk>/historial/", views.espacio_historial, name="espacio_historial"),
    path(
        "gestion/preguntas/<id:pk>/historial/", views.pregunta_historial, name="pregunta_historial"
    ),
]
