from django.urls import path

from pendientes import views

urlpatterns = [
    path("pendientes/", views.mis_pendientes, name="mis_pendientes"),
    path("pendientes/notificaciones/", views.mis_notificaciones, name="mis_notificaciones"),
]
