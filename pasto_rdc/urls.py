from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import TemplateView

from nucleo import (
    cuentas,
    parametros,  # noqa: F401  (registers <id:…>)
    salud,
)
from nucleo.entidad import entidad_actual
from pasto_rdc import datos_abiertos
from plan import views_direcciones

# In Spanish, with the entity's name (templates/admin/base_site.html reads it on each
# request; these are the defaults of pages that do not extend it). Lazy: the entity is
# data (nucleo.entidad), read when a page renders, never at import.
_administracion = lazy(lambda: f"Administración · {entidad_actual().nombre}", str)
admin.site.site_header = _administracion()
admin.site.site_title = _administracion()
admin.site.index_title = "Rendición de cuentas: administración del sitio"

urlpatterns = [
    path("salud/", salud.salud, name="salud"),  # for the load balancer (nucleo/salud.py)
    path("admin/", admin.site.urls),
    path("cuentas/login/", auth_views.LoginView.as_view(), name="login"),
    path("cuentas/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Passwords (nucleo/cuentas.py): forgotten (a link by e-mail) and changed.
    path("cuentas/clave/olvide/", cuentas.OlvideClaveView.as_view(), name="password_reset"),
    path(
        "cuentas/clave/olvide/enviado/",
        cuentas.OlvideClaveEnviadoView.as_view(),
        name="password_reset_done",
    ),
    path(
        "cuentas/clave/nueva/<uidb64>/<token>/",
        cuentas.ClaveNuevaView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "cuentas/clave/nueva/lista/",
        cuentas.ClaveNuevaListaView.as_view(),
        name="password_reset_complete",
    ),
    path("cuentas/clave/cambiar/", cuentas.CambiarClaveView.as_view(), name="password_change"),
    path("cuentas/clave/cambiada/", cuentas.clave_cambiada, name="password_change_done"),
    path("dialogos/", include("dialogos.urls")),
    path("encuestas/", include("encuestas.urls")),
    path("resultados/", include("resultados.urls")),
    path(
        "mapa-del-sitio/",
        TemplateView.as_view(template_name="mapa_del_sitio.html"),
        name="mapa_del_sitio",
    ),
    # Privacy policy, terms and the transparency page of the footer (pasto_rdc/institucional.py).
    path("", include("pasto_rdc.institucional")),
    path("datos-abiertos/", datos_abiertos.catalogo, name="datos_abiertos"),
    *views_direcciones.patrones_antiguos(
        (("datos-abiertos/planes/<id:vigencia>.json", "datos_plan_json"),)
    ),
    path(
        "datos-abiertos/planes/<slug:plan>.json",
        datos_abiertos.plan_json,
        name="datos_plan_json",
    ),
    # Before the downloads: «catalogo.json» and «<slug>.schema.json» are no dataset files.
    path("datos-abiertos/catalogo.json", datos_abiertos.catalogo_json, name="datos_catalogo_json"),
    path(
        "datos-abiertos/<slug:slug>.schema.json",
        datos_abiertos.esquema,
        name="datos_esquema",
    ),
    path(
        "datos-abiertos/<slug:slug>.<str:formato>",
        datos_abiertos.descargar,
        name="datos_descargar",
    ),
    path("", include("pendientes.urls")),
    path("", include("plan.urls")),
]
