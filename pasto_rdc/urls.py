from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Pasto RdC – Administración"
admin.site.site_title = "Pasto RdC"
admin.site.index_title = "Rendición de cuentas"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("cuentas/", include("django.contrib.auth.urls")),
    path("", include("plan.urls")),
]

