"""«Importar un plan completo» (OPGI), under planes/importar/ (plan/views_importacion.py)."""

from django.urls import path

import nucleo.parametros  # noqa: F401  (registers the <id:…> converter)
from plan import views_importacion

urlpatterns = [
    path("", views_importacion.subir, name="importacion_plan"),
    path("plantilla.xlsx", views_importacion.plantilla, name="importacion_plan_plantilla"),
    path("<id:pk>/columnas/", views_importacion.columnas, name="importacion_plan_columnas"),
    path(
        "<id:pk>/vista-previa/",
        views_importacion.vista_previa,
        name="importacion_plan_vista_previa",
    ),
    path(
        "<id:pk>/vista-previa/fila/",
        views_importacion.corregir_fila,
        name="importacion_plan_fila",
    ),
    path("<id:pk>/confirmar/", views_importacion.confirmar, name="importacion_plan_confirmar"),
]
