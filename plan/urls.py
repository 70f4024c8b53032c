from django.urls import path

from plan import views

urlpatterns = [
    path("", views.inicio, name="inicio"),
]
