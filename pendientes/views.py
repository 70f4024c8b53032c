from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nucleo import roles
from nucleo.models import DocumentoGenerado
from pendientes import insignia
from pendientes.models import PreferenciaNotificaciones
from pendientes.selectors import grupos_de


@login_required
def mis_pendientes(request: HttpRequest) -> HttpResponse:
    """Each role's landing page: what is theirs to do, each item a link to where."""
    if roles.rol_de(request.user) is None:
        return redirect("inicio")
    grupos = grupos_de(request.user, hoy=timezone.localdate())
    total = sum(g.cantidad for g in grupos)
    insignia.guardar(request, total)
    contexto = {
        "grupos": grupos,
        "total": total,
        "urgentes": sum(g.urgentes for g in grupos),
    }
    return render(request, "pendientes/mis_pendientes.html", contexto)


class NotificacionesForm(forms.ModelForm):
    class Meta:
        model = PreferenciaNotificaciones
        fields = ["resumenes"]


@login_required
@require_http_methods(["GET", "POST"])
def mis_notificaciones(request: HttpRequest) -> HttpResponse:
    """Each user turns the digests on or off (the notices of their own work always go)."""
    if roles.rol_de(request.user) is None:
        return redirect("inicio")
    usuario = roles.cuenta(request.user)
    preferencia, _ = PreferenciaNotificaciones.objects.get_or_create(usuario=usuario)
    form = NotificacionesForm(
        request.POST if request.method == "POST" else None, instance=preferencia
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            "Recibirá los resúmenes por correo."
            if preferencia.resumenes
            else "Ya no recibirá los resúmenes por correo.",
        )
        return redirect("mis_notificaciones")
    contexto = {"form": form, "correo": usuario.email}
    return render(request, "pendientes/mis_notificaciones.html", contexto)


@login_required
def documento_generado(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A report built in the background, for the user who asked for it only."""
    documento = get_object_or_404(DocumentoGenerado, pk=pk, pedido_por=request.user)
    if not documento.listo:
        messages.info(request, "Ese informe todavía no está listo.")
        return redirect("mis_pendientes")
    return FileResponse(
        documento.archivo.open("rb"),
        as_attachment=True,
        filename=documento.nombre_original,
    )
