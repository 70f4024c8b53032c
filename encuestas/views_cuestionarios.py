"""Staff pages of the questionnaires (login required): every role sees them, to choose one
for a survey; only OPGI (GESTIONAR_CUESTIONARIOS) changes them, and encuestas.services
checks it again on every write."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nucleo.formularios import aplicar_errores

from . import permisos, selectors, services
from .forms import CuestionarioForm, DuplicarForm, PreguntaCuestionarioForm
from .models import Cuestionario, PreguntaEncuesta
from .permisos import Accion

PLANTILLA = "encuestas/gestion/cuestionario.html"


def _exigir_ver(request: HttpRequest) -> None:
    if not permisos.puede_ver_cuestionarios(request.user):
        raise PermissionDenied("Esta página es para el equipo de la Alcaldía.")


def _gestiona(request: HttpRequest) -> bool:
    return permisos.ENCUESTAS.puede(request.user, Accion.GESTIONAR_CUESTIONARIOS)


def _exigir_gestion(request: HttpRequest) -> None:
    if not _gestiona(request):
        raise PermissionDenied("Esta página es para el equipo de la Alcaldía con ese permiso.")


def _lista(request: HttpRequest, form: CuestionarioForm, estado: int = 200) -> HttpResponse:
    contexto = {
        "cuestionarios": selectors.cuestionarios_en_uso(),
        "gestiona": _gestiona(request),
        "form": form,
    }
    return render(request, "encuestas/gestion/cuestionarios.html", contexto, status=estado)


@login_required
@require_GET
def cuestionarios(request: HttpRequest) -> HttpResponse:
    _exigir_ver(request)
    return _lista(request, CuestionarioForm())


@login_required
@require_POST
def cuestionario_nuevo(request: HttpRequest) -> HttpResponse:
    _exigir_gestion(request)
    form = CuestionarioForm(request.POST)
    if form.is_valid():
        try:
            cuestionario = services.crear_cuestionario(usuario=request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, "Cuestionario creado. Agregue sus preguntas.")
            return redirect("encuestas:cuestionario", pk=cuestionario.pk)
    return _lista(request, form, estado=400)


def _contexto(request: HttpRequest, cuestionario: Cuestionario, **formularios: forms.Form) -> dict:
    preguntas = cuestionario.preguntas.prefetch_related("opciones").order_by("orden", "pk")
    iniciales = {"nombre": cuestionario.nombre, "presentacion": cuestionario.presentacion}
    return {
        "cuestionario": cuestionario,
        "preguntas": preguntas,
        "bloqueado": services.tiene_respuestas(cuestionario),
        "gestiona": _gestiona(request),
        "form_datos": formularios.get("form_datos") or CuestionarioForm(initial=iniciales),
        "form_pregunta": formularios.get("form_pregunta") or PreguntaCuestionarioForm(),
        "form_duplicar": formularios.get("form_duplicar")
        or DuplicarForm(initial={"nombre": f"{cuestionario.nombre} (copia)"}),
    }


@login_required
@require_GET
def cuestionario(request: HttpRequest, pk: int) -> HttpResponse:
    _exigir_ver(request)
    cuestionario = get_object_or_404(Cuestionario, pk=pk)
    return render(request, PLANTILLA, _contexto(request, cuestionario))


# What a POST on the questionnaire page does with its valid form: the questionnaire to go to.
Hacer = Callable[[Cuestionario, forms.Form], Cuestionario]


def _accion(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    nombre: str,
    hacer: Hacer,
    exito: str,
) -> HttpResponse:
    """The POST pattern of the questionnaire page: validate, call the service, redirect."""
    _exigir_gestion(request)
    cuestionario = get_object_or_404(Cuestionario, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            destino = hacer(cuestionario, form)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, exito)
            return redirect("encuestas:cuestionario", pk=destino.pk)
    return render(
        request, PLANTILLA, _contexto(request, cuestionario, **{nombre: form}), status=400
    )


@login_required
@require_POST
def cuestionario_editar(request: HttpRequest, pk: int) -> HttpResponse:
    def editar(cuestionario: Cuestionario, form: forms.Form) -> Cuestionario:
        return services.editar_cuestionario(
            usuario=request.user, cuestionario=cuestionario, **form.cleaned_data
        )

    return _accion(request, pk, CuestionarioForm, "form_datos", editar, "Cuestionario actualizado.")


@login_required
@require_POST
def cuestionario_duplicar(request: HttpRequest, pk: int) -> HttpResponse:
    def duplicar(cuestionario: Cuestionario, form: forms.Form) -> Cuestionario:
        return services.duplicar_cuestionario(
            usuario=request.user, cuestionario=cuestionario, **form.cleaned_data
        )

    exito = "Cuestionario duplicado: esta es la copia, puede modificarla."
    return _accion(request, pk, DuplicarForm, "form_duplicar", duplicar, exito)


@login_required
@require_POST
def pregunta_nueva(request: HttpRequest, pk: int) -> HttpResponse:
    def agregar(cuestionario: Cuestionario, form: forms.Form) -> Cuestionario:
        assert isinstance(form, PreguntaCuestionarioForm)
        services.agregar_pregunta(
            usuario=request.user, cuestionario=cuestionario, **form.datos_servicio()
        )
        return cuestionario

    return _accion(
        request, pk, PreguntaCuestionarioForm, "form_pregunta", agregar, "Pregunta agregada."
    )


def _pregunta(request: HttpRequest, pk: int) -> PreguntaEncuesta:
    _exigir_gestion(request)
    return get_object_or_404(PreguntaEncuesta.objects.select_related("cuestionario"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def pregunta_editar(request: HttpRequest, pk: int) -> HttpResponse:
    pregunta = _pregunta(request, pk)
    plantilla = "encuestas/gestion/pregunta_form.html"
    if request.method != "POST":
        form = PreguntaCuestionarioForm.desde_pregunta(pregunta)
        return render(request, plantilla, {"pregunta": pregunta, "form": form})
    form = PreguntaCuestionarioForm(request.POST)
    if form.is_valid():
        try:
            services.editar_pregunta(
                usuario=request.user, pregunta=pregunta, **form.datos_servicio()
            )
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, "Pregunta guardada.")
            return redirect("encuestas:cuestionario", pk=pregunta.cuestionario_id)
    return render(request, plantilla, {"pregunta": pregunta, "form": form}, status=400)


@login_required
@require_POST
def pregunta_mover(request: HttpRequest, pk: int) -> HttpResponse:
    pregunta = _pregunta(request, pk)
    try:
        services.mover_pregunta(
            usuario=request.user, pregunta=pregunta, hacia=request.POST.get("hacia", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("encuestas:cuestionario", pk=pregunta.cuestionario_id)


@login_required
@require_POST
def pregunta_eliminar(request: HttpRequest, pk: int) -> HttpResponse:
    pregunta = _pregunta(request, pk)
    try:
        services.eliminar_pregunta(usuario=request.user, pregunta=pregunta)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Pregunta eliminada.")
    return redirect("encuestas:cuestionario", pk=pregunta.cuestionario_id)
