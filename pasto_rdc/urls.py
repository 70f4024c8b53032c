from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from nucleo import parametros  # noqa: F401  (registers <id:…>)
from pasto_rdc import datos_abiertos

admin.site.site_header = "Pasto RdC – Administración"
admin.site.site_title = "Pasto RdC"
admin.site.index_title = "Rendición de cuentas"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Login and logout only: there is no e-mail to reset passwords (OPGI does it in the admin).
    path("cuentas/login/", auth_views.LoginView.as_view(), name="login"),
    path("cuentas/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "cuentas/contrasena/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "cuentas/contrasena/lista/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("dialogos/", include("dialogos.urls")),
    path("encuestas/", include("encuestas.urls")),
    path(
        "mapa-del-sitio/",
        TemplateView.as_view(template_name="mapa_del_sitio.html"),
        name="mapa_del_sitio",
    ),
    path("datos-abiertos/", datos_abiertos.catalogo, name="datos_abiertos"),
    path(
        "datos-abiertos/planes/<id:vigencia>.json",
        datos_abiertos.plan_json,
        name="datos_plan_json",
    ),
    path(
        "datos-abiertos/<slug:slug>.<str:formato>",
        datos_abiertos.descargar,
        name="datos_descargar",
    ),
    path("", include("pendientes.urls")),
    path("", include("plan.urls")),
]
