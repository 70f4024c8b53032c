from django.urls import include, path, register_converter

import nucleo.parametros  # noqa: F401  (registers the <id:…> and <formato:…> converters)
from plan import (
    views,
    views_copia,
    views_direcciones,
    views_informes,
    views_planes,
    views_portal,
)
from plan.cortes import NumeroDeCorte

register_converter(NumeroDeCorte, "corte")

urlpatterns = [
    # Before issue 16 plans were addressed by vigencia alone: those URLs still answer,
    # with a permanent redirect when one plan has that vigencia, or a page to choose.
    # First, because a plan slug could also match «2022».
    *views_direcciones.patrones_antiguos(
        (
            ("plan/<id:vigencia>/", "plan_publico"),
            ("plan/<id:vigencia>/actividades/<str:codigo>/", "actividad_publica"),
            ("informes/plan/<id:vigencia>.<formato:formato>", "informe_plan"),
            (
                "informes/seguimiento/<id:vigencia>/<corte:corte>.<formato:formato>",
                "informe_seguimiento",
            ),
            (
                "informes/seguimiento/<id:vigencia>/<corte:corte>/observaciones/",
                "observaciones_seguimiento",
            ),
            (
                "plan/<id:vigencia>/seguimiento/<corte:corte>.<formato:formato>",
                "seguimiento_publicado",
            ),
            (
                "informes/oficina/<slug:slug>/<id:vigencia>/<corte:corte>.<formato:formato>",
                "informe_oficina",
            ),
        )
    ),
    path("", views_portal.inicio, name="inicio"),
    path("plan/<slug:plan>/", views_portal.plan_publico, name="plan_publico"),
    path(
        "plan/<slug:plan>/actividades/<str:codigo>/",
        views_portal.actividad_publica,
        name="actividad_publica",
    ),
    path("evidencias/<id:pk>/publica/", views_portal.evidencia_publica, name="evidencia_publica"),
    path("ingreso/", views.despues_de_ingresar, name="despues_de_ingresar"),
    path("tablero/", views.tablero, name="tablero"),
    path("oficina/<slug:slug>/", views.tablero_oficina, name="tablero_oficina"),
    path("actividades/<id:pk>/", views.actividad_detalle, name="actividad"),
    path("actividades/<id:pk>/avances/", views.reportar_avance, name="reportar_avance"),
    path("avances/<id:pk>/revision/", views.revisar_avance, name="revisar_avance"),
    path("avances/<id:pk>/correccion/", views.corregir_avance, name="corregir_avance"),
    path("actividades/<id:pk>/evidencias/", views.subir_evidencia, name="subir_evidencia"),
    path("actividades/<id:pk>/fuente/", views.cambiar_fuente_avance, name="cambiar_fuente_avance"),
    path("evidencias/<id:pk>/revision/", views.revisar_evidencia, name="revisar_evidencia"),
    path("evidencias/<id:pk>/archivo/", views.descargar_evidencia, name="descargar_evidencia"),
    # Reports: one URL per report, its format (pdf or xlsx) in the path, and the
    # follow-up's observaciones.
    path(
        "informes/plan/<slug:plan>.<formato:formato>",
        views_informes.plan_documento,
        name="informe_plan",
    ),
    path(
        "informes/seguimiento/<slug:plan>/<corte:corte>.<formato:formato>",
        views_informes.seguimiento,
        name="informe_seguimiento",
    ),
    path(
        "informes/seguimiento/<slug:plan>/<corte:corte>/observaciones/",
        views_informes.observaciones,
        name="observaciones_seguimiento",
    ),
    path(
        "informes/seguimiento/<slug:plan>/<corte:corte>/cerrar/",
        views_informes.cerrar_corte,
        name="cerrar_corte",
    ),
    path(
        "informes/seguimiento/<slug:plan>/<corte:corte>/reabrir/",
        views_informes.reabrir_corte,
        name="reabrir_corte",
    ),
    path(
        "plan/<slug:plan>/seguimiento/<corte:corte>.<formato:formato>",
        views_portal.seguimiento_publicado,
        name="seguimiento_publicado",
    ),
    path(
        "informes/oficina/<slug:slug>/<slug:plan>/<corte:corte>.<formato:formato>",
        views_informes.oficina,
        name="informe_oficina",
    ),
    # «Copiar a la vigencia siguiente» (OPGI): preview, then the unpublished copy.
    path("planes/<id:pk>/copiar/", views_copia.copiar_plan, name="copiar_plan"),
    # «Importar un plan completo» (OPGI): upload, columns, preview, confirmation.
    path("planes/importar/", include("plan.urls_importacion")),
    path("planes/", views_planes.planes, name="planes"),  # publicar, retirar, en vigor (OPGI)
    # «Historial» of an activity (OPGI and Control interno).
    path("actividades/<id:pk>/historial/", views.historial_actividad, name="historial_actividad"),
]
