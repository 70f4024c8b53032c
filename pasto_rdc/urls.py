from django.conf import settings
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
