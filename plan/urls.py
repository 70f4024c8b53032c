from django.urls import path

from plan import views

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("ingreso/", views.despues_de_ingresar, name="despues_de_ingresar"),
    path("tablero/", views.tablero, name="tablero"),
    path("oficina/<slug:slug>/", views.tablero_oficina, name="tablero_oficina"),
    path("actividades/<int:pk>/", views.actividad_detalle, name="actividad"),
    path("actividades/<int:pk>/avances/", views.reportar_avance, name="reportar_avance"),
    path("actividades/<int:pk>/evidencias/", views.subir_evidencia, name="subir_evidencia"),
    path("evidencias/<int:pk>/revision/", views.revisar_evidencia, name="revisar_evidencia"),
    path("evidencias/<int:pk>/archivo/", views.descargar_evidencia, name="descargar_evidencia"),
]
