"""Report downloads (PDF and XLSX) and the page where the follow-up's observaciones are edited.

Each report is built once by plan/informes.py and rendered either to HTML →
PDF (WeasyPrint) or to XLSX; who may download what is decided in
plan/permisos.py. Unknown plan or office → 404; a corte other than 1–3 never reaches
a view (the `<corte:…>` converter of plan/urls.py makes it a 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nucleo import documentos
from plan import informes, permisos, services
from plan.cortes import Corte
from plan.forms import ObservacionesForm
from plan.models import Plan, Responsable


def _plan(vigencia: int) -> Plan:
    plan = Plan.objects.filter(vigencia=vigencia).order_by("pk").first()
    if plan is None:
        raise Http404("No hay un plan de esa vigencia.")
    return plan


def plan_documento(request, vigencia: int, formato: str):
    # The plan is looked up before asking to log in: an unpublished plan is a 404 for
    # whoever may not download it, anonymous visitors included (see plan/permisos.py).
    plan = permisos.obtener_plan_para_documento(request.user, vigencia)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permisos.puede_descargar_plan(request.user, plan):
        raise PermissionDenied("No tiene acceso a los informes del plan.")
    informe = informes.informe_plan(plan=plan)
    return documentos.descarga(
        request,
        formato=formato,
        nombre=informe.nombre,
        plantilla="plan/informes/plan.html",
        contexto={"informe": informe, "plan": plan},
        hojas=lambda: informes.hojas_plan(informe),
    )


@login_required
def seguimiento(request, vigencia: int, corte: int, formato: str):
    if not permisos.puede_descargar_seguimiento(request.user):
        raise PermissionDenied("El seguimiento del plan es para OPGI y Control interno.")
    plan = _plan(vigencia)
    informe = informes.informe_seguimiento(
        plan=plan, corte=Corte(plan.vigencia, corte), hoy=timezone.localdate()
    )
    return documentos.descarga(
        request,
        formato=formato,
        nombre=informe.nombre,
        plantilla="plan/informes/seguimiento.html",
        contexto={"informe": informe, "plan": plan},
        hojas=lambda: informes.hojas_seguimiento(informe),
    )


@login_required
def oficina(request, slug: str, vigencia: int, corte: int, formato: str):
    responsable = get_object_or_404(Responsable, slug=slug)
    if not permisos.puede_descargar_informe_oficina(request.user, responsable):
        raise PermissionDenied("Solo puede descargar el informe de su propia oficina.")
    plan = _plan(vigencia)
    informe = informes.informe_oficina(
        plan=plan,
        responsable=responsable,
        corte=Corte(plan.vigencia, corte),
        hoy=timezone.localdate(),
    )
    return documentos.descarga(
        request,
        formato=formato,
        nombre=informe.nombre,
        plantilla="plan/informes/oficina.html",
        contexto={"informe": informe, "plan": plan},
        hojas=lambda: informes.hojas_oficina(informe),
    )


@login_required
@require_http_methods(["GET", "POST"])
def observaciones(request, vigencia: int, corte: int):
    """The follow-up of a corte on screen, with one textarea per activity; one POST saves all."""
    if not permisos.puede_editar_observaciones(request.user):
        raise PermissionDenied("Solo OPGI y Control interno registran observaciones.")
    plan = _plan(vigencia)
    periodo = Corte(plan.vigencia, corte)
    informe = informes.informe_seguimiento(plan=plan, corte=periodo, hoy=timezone.localdate())
    form = ObservacionesForm(
        request.POST if request.method == "POST" else None,
        filas=informe.filas,
        max_length=services.MAX_OBSERVACION,
    )
    if request.method == "POST" and form.is_valid():
        cambiadas = form.cambiadas()
        with transaction.atomic():
            for fila, texto in cambiadas:
                services.guardar_observacion(
                    actividad=fila.actividad,
                    corte=periodo.numero,
                    texto=texto,
                    usuario=request.user,
                )
        messages.success(request, f"Observaciones guardadas: {len(cambiadas)} actividades.")
        return redirect("observaciones_seguimiento", vigencia=plan.vigencia, corte=periodo.numero)
    contexto = {"plan": plan, "informe": informe, "form": form}
    estado = 400 if request.method == "POST" else 200
    return render(request, "plan/informes/observaciones.html", contexto, status=estado)
