from django.urls import path

from plan import views, views_informes, views_portal

PDF, XLSX = {"formato": "pdf"}, {"formato": "xlsx"}

urlpatterns = [
    path("", views_portal.inicio, name="inicio"),
    path("plan/<int:vigencia>/", views_portal.plan_publico, name="plan_publico"),
    path(
        "plan/<int:vigencia>/actividades/<str:codigo>/",
        views_portal.actividad_publica,
        name="actividad_publica",
    ),
    path("evidencias/<int:pk>/publica/", views_portal.evidencia_publica, name="evidencia_publica"),
    path("ingreso/", views.despues_de_ingresar, name="despues_de_ingresar"),
    path("tablero/", views.tablero, name="tablero"),
    path("oficina/<slug:slug>/", views.tablero_oficina, name="tablero_oficina"),
    path("actividades/<int:pk>/", views.actividad_detalle, name="actividad"),
    path("actividades/<int:pk>/avances/", views.reportar_avance, name="reportar_avance"),
    path("actividades/<int:pk>/evidencias/", views.subir_evidencia, name="subir_evidencia"),
    path("actividades/<int:pk>/fuente/", views.cambiar_fuente_avance, name="cambiar_fuente_avance"),
    path("evidencias/<int:pk>/revision/", views.revisar_evidencia, name="revisar_evidencia"),
    path("evidencias/<int:pk>/archivo/", views.descargar_evidencia, name="descargar_evidencia"),
    # Reports: downloads (PDF / XLSX) and the follow-up's observaciones.
    path(
        "informes/plan/<int:vigencia>.pdf",
        views_informes.plan_documento,
        PDF,
        name="informe_plan_pdf",
    ),
    path(
        "informes/plan/<int:vigencia>.xlsx",
        views_informes.plan_documento,
        XLSX,
        name="informe_plan_xlsx",
    ),
    path(
        "informes/seguimiento/<int:vigencia>/<int:corte>.pdf",
        views_informes.seguimiento,
        PDF,
        name="informe_seguimiento_pdf",
    ),
    path(
        "informes/seguimiento/<int:vigencia>/<int:corte>.xlsx",
        views_informes.seguimiento,
        XLSX,
        name="informe_seguimiento_xlsx",
    ),
    path(
        "informes/seguimiento/<int:vigencia>/<int:corte>/observaciones/",
        views_informes.observaciones,
        name="observaciones_seguimiento",
    ),
    path(
        "informes/oficina/<slug:slug>/<int:vigencia>/<int:corte>.pdf",
        views_informes.oficina,
        PDF,
        name="informe_oficina_pdf",
    ),
    path(
        "informes/oficina/<slug:slug>/<int:vigencia>/<int:corte>.xlsx",
        views_informes.oficina,
        XLSX,
        name="informe_oficina_xlsx",
    ),
]
