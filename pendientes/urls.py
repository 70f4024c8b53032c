from django.urls import path

import nucleo.parametros  # noqa: F401  (registers the <id:…> converter)
from pendientes import views

urlpatterns = [
    path("pendientes/", views.mis_pendientes, name="mis_pendientes"),
    path("pendientes/notificaciones/", views.mis_notificaciones, name="mis_notificaciones"),
    path("documentos/<id:pk>/", views.documento_generado, name="documento_generado"),
]
