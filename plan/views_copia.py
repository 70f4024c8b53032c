"""«Copiar a la vigencia siguiente»: a preview of next year's plan (GET), then the copy (POST)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from nucleo import roles
from plan import copia, servicios_copia
from plan.models import Plan


@login_required
@require_http_methods(["GET", "POST"])
def copiar_plan(request, pk: int):
    if not roles.es_opgi(request.user):
        raise PermissionDenied(servicios_copia.MENSAJE_SOLO_OPGI)
    plan = get_object_or_404(Plan, pk=pk)
    if request.method == "POST":
        try:
            nuevo = servicios_copia.copiar_plan(plan=plan, usuario=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("copiar_plan", pk=plan.pk)
        messages.success(
            request,
            f"Se creó el plan {nuevo.vigencia}, sin publicar: revíselo y publíquelo desde "
            "«Planes» cuando se adopte.",
        )
        return redirect("planes")
    previa = copia.vista_previa(plan=plan)
    return render(request, "plan/copiar_plan.html", {"plan": plan, "previa": previa})
