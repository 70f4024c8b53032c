"""/planes/ (OPGI): every plan with its state, and the lifecycle's three actions.

GET lists the plans; POST `plan` + `accion` asks for confirmation
(nucleo.confirmacion), then calls the service, says what happened and redirects back
to the list (post/redirect/get). What each row offers is read from the model's guards
(`plan.puede_publicarse`…), so the page and plan/servicios_ciclo.py cannot disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from nucleo import roles
from nucleo.confirmacion import pedir_confirmacion
from nucleo.parametros import entero
from plan import selectors, servicios_ciclo
from plan.models import Plan


@dataclass(frozen=True)
class Accion:
    servicio: Callable[..., Plan]
    pregunta: str  # «¿Publicar el plan …?»
    consecuencia: str
    boton: str
    hecho: str  # the confirmation message, after the action
    peligro: bool = False


ACCIONES = {
    "publicar": Accion(
        servicio=servicios_ciclo.publicar_plan,
        pregunta="¿Publicar el plan {plan}?",
        consecuencia="La ciudadanía verá el plan, sus actividades y su seguimiento.",
        boton="Sí, publicar el plan",
        hecho="Se publicó el plan {plan}: la ciudadanía ya puede verlo.",
    ),
    "retirar": Accion(
        servicio=servicios_ciclo.retirar_plan,
        pregunta="¿Retirar de la publicación el plan {plan}?",
        consecuencia=(
            "El plan vuelve a ser un borrador: deja de verse en el portal y en los datos "
            "abiertos, y deja de ser el plan en vigor si lo era."
        ),
        boton="Sí, retirar el plan de la publicación",
        hecho="Se retiró de la publicación el plan {plan}: vuelve a ser un borrador.",
        peligro=True,
    ),
    "marcar_en_vigor": Accion(
        servicio=servicios_ciclo.marcar_en_vigor,
        pregunta="¿Marcar el plan {plan} como plan en vigor?",
        consecuencia=(
            "La página de inicio mostrará este plan; el plan en vigor anterior de la "
            "entidad, si lo hay, deja de serlo."
        ),
        boton="Sí, marcar como plan en vigor",
        hecho="El plan {plan} es ahora el plan en vigor: la página de inicio lo muestra.",
    ),
}


def _nombre(plan: Plan) -> str:
    return f"{plan.get_instrumento_display()} {plan.vigencia} de {plan.entidad}"


@login_required
@require_http_methods(["GET", "POST"])
def planes(request: HttpRequest) -> HttpResponse:
    if not roles.es_opgi(request.user):
        raise PermissionDenied(servicios_ciclo.MENSAJE_SOLO_OPGI)
    if request.method == "POST":
        return _actuar(request)
    return render(request, "plan/planes.html", {"planes": selectors.planes_con_estado()})


def _actuar(request: HttpRequest) -> HttpResponse:
    accion = ACCIONES.get(request.POST.get("accion", ""))
    pk = entero(request.POST.get("plan", ""))
    if accion is None or pk is None:
        return HttpResponseBadRequest("Acción no válida.")
    plan = get_object_or_404(Plan, pk=pk)
    nombre = _nombre(plan)
    pagina = pedir_confirmacion(
        request,
        titulo=accion.pregunta.format(plan=nombre),
        mensaje=accion.consecuencia,
        boton=accion.boton,
        volver=reverse("planes"),
        peligro=accion.peligro,
    )
    if pagina is not None:
        return pagina
    try:
        accion.servicio(plan=plan, usuario=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, accion.hecho.format(plan=nombre))
    return redirect("planes")
