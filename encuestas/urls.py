from django.urls import path

import nucleo.parametros  # noqa: F401  (registers the <id:…> and <formato:…> converters)

from . import views, views_cuestionarios, views_publicas

app_name = "encuestas"

urlpatterns = [
    # Public pages (no account): open surveys, the answer form, published results.
    path("", views_publicas.inicio, name="inicio"),
    path("responder/<slug:codigo>/", views_publicas.responder, name="responder"),
    path("responder/<slug:codigo>/gracias/", views_publicas.gracias, name="gracias"),
    path(
        "resultados/<slug:codigo>/", views_publicas.resultados_publicos, name="resultados_publicos"
    ),
    # Staff pages: surveys.
    path("gestion/", views.gestion, name="gestion"),
    path("gestion/nueva/", views.nueva, name="nueva"),
    path("gestion/metas/<id:pk>/", views.meta, name="meta"),
    path("gestion/resultados/", views.periodo, name="periodo"),
    path("gestion/resultados.<formato:formato>", views.periodo_descarga, name="periodo_descarga"),
    path("gestion/<id:pk>/", views.detalle, name="detalle"),
    path("gestion/<id:pk>/editar/", views.editar, name="editar"),
    path("gestion/<id:pk>/papel/", views.papel, name="papel"),
    path("gestion/<id:pk>/publicacion/", views.publicacion, name="publicacion"),
    path("gestion/<id:pk>/resultados/", views.resultados, name="resultados"),
    path(
        "gestion/<id:pk>/resultados.<formato:formato>",
        views.resultados_descarga,
        name="resultados_descarga",
    ),
    path("gestion/<id:pk>/cartel.pdf", views.cartel, name="cartel"),
    path("gestion/<id:pk>/qr.png", views.qr_png, name="qr"),
    # Staff pages: questionnaires.
    path("cuestionarios/", views_cuestionarios.cuestionarios, name="cuestionarios"),
    path("cuestionarios/nuevo/", views_cuestionarios.cuestionario_nuevo, name="cuestionario_nuevo"),
    path("cuestionarios/<id:pk>/", views_cuestionarios.cuestionario, name="cuestionario"),
    path(
        "cuestionarios/<id:pk>/datos/",
        views_cuestionarios.cuestionario_editar,
        name="cuestionario_editar",
    ),
    path(
        "cuestionarios/<id:pk>/duplicar/",
        views_cuestionarios.cuestionario_duplicar,
        name="cuestionario_duplicar",
    ),
    path(
        "cuestionarios/<id:pk>/preguntas/",
        views_cuestionarios.pregunta_nueva,
        name="pregunta_nueva",
    ),
    path("preguntas/<id:pk>/", views_cuestionarios.pregunta_editar, name="pregunta_editar"),
    path("preguntas/<id:pk>/mover/", views_cuestionarios.pregunta_mover, name="pregunta_mover"),
    path(
        "preguntas/<id:pk>/eliminar/",
        views_cuestionarios.pregunta_eliminar,
        name="pregunta_eliminar",
    ),
]
