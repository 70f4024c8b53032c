from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from pasto_rdc import datos_abiertos

admin.site.site_header = "Pasto RdC – Administración"
admin.site.site_title = "Pasto RdC"
admin.site.index_title = "Rendición de cuentas"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("cuentas/", include("django.contrib.auth.urls")),
    path("dialogos/", include("dialogos.urls")),
    path("encuestas/", include("encuestas.urls")),
    path(
        "mapa-del-sitio/",
        TemplateView.as_view(template_name="mapa_del_sitio.html"),
        name="mapa_del_sitio",
    ),
    path("datos-abiertos/", datos_abiertos.catalogo, name="datos_abiertos"),
    path(
        "datos-abiertos/planes/<int:vigencia>.json",
        datos_abiertos.plan_json,
        name="datos_plan_json",
    ),
    path(
        "datos-abiertos/<slug:slug>.<str:formato>",
        datos_abiertos.descargar,
        name="datos_descargar",
    ),
    path("", include("plan.urls")),
]

