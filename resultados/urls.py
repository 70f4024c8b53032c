from django.urls import path

import nucleo.parametros  # noqa: F401  (registers the <id:…> and <formato:…> converters)
from plan import views_direcciones

from . import views

app_name = "resultados"

urlpatterns = [
    # The addresses by vigencia alone, before issue 16 (see plan/views_direcciones.py).
    *views_direcciones.patrones_antiguos(
        (
            ("estrategia/<id:vigencia>.<formato:formato>", "resultados:estrategia"),
            (
                "gestion/estrategia/<id:vigencia>/borrador.<formato:formato>",
                "resultados:estrategia_borrador",
            ),
        )
    ),
    # Public: the published reports.
    path("", views.inicio, name="inicio"),
    path("audiencias/<id:pk>.<formato:formato>", views.audiencia_publica, name="audiencia"),
    path(
        "estrategia/<slug:plan>.<formato:formato>",
        views.estrategia_publica,
        name="estrategia",
    ),
    # Staff (OPGI, Control interno): drafts and publication.
    path("gestion/", views.gestion, name="gestion"),
    path(
        "gestion/audiencias/<id:pk>/borrador.<formato:formato>",
        views.audiencia_borrador,
        name="audiencia_borrador",
    ),
    path(
        "gestion/audiencias/<id:pk>/publicar/",
        views.audiencia_publicar,
        name="audiencia_publicar",
    ),
    path(
        "gestion/estrategia/<slug:plan>/borrador.<formato:formato>",
        views.estrategia_borrador,
        name="estrategia_borrador",
    ),
    path(
        "gestion/estrategia/<slug:plan>/publicar/",
        views.estrategia_publicar,
        name="estrategia_publicar",
    ),
]
