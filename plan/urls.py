from django.urls import path

from plan import views, views_portal

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
    path("evidencias/<int:pk>/revision/", views.revisar_evidencia, name="revisar_evidencia"),
    path("evidencias/<int:pk>/archivo/", views.descargar_evidencia, name="descargar_evidencia"),
]
