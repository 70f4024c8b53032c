"""The institutional pages every GOV.CO site links from its footer (Resolución 1519 de
2020, anexo 1): the personal-data policy, the terms of use and the transparency page,
which points to what this site publishes under Ley 1712 de 2014. Plain templates: they
read only settings (ENTIDAD_*, through the {{ institucion }} context processor)."""

from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [
    path(
        "politica-de-privacidad/",
        TemplateView.as_view(template_name="institucional/politica_de_privacidad.html"),
        name="politica_de_privacidad",
    ),
    path(
        "terminos-y-condiciones/",
        TemplateView.as_view(template_name="institucional/terminos_y_condiciones.html"),
        name="terminos_y_condiciones",
    ),
    path(
        "transparencia/",
        TemplateView.as_view(template_name="institucional/transparencia.html"),
        name="transparencia",
    ),
]
