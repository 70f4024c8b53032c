"""«Importar un plan completo» (OPGI): upload, columns, preview, confirmation (issue 16).

The upload is kept as an `ImportacionPlan` (its file in the storage, the mapping and
the edits as JSON), so each step reads the same file again and nothing is lost between
them; the plan is written only at the last step, all or nothing, as a draft.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods
from openpyxl.utils import get_column_letter

from nucleo import parametros, roles
from nucleo.archivos import nombre_para_guardar, tamano_maximo
from nucleo.documentos import respuesta_xlsx
from plan import plantilla_plan, servicios_importacion
from plan.forms_importacion import ColumnasForm, FilaForm, PlanNuevoForm
from plan.importacion import construccion
from plan.importacion.encabezados import HOJAS_IGNORADAS, NOMBRES, encontrar_tabla
from plan.importacion.lectura import leer_archivo
from plan.importacion.tipos import ErrorDeLectura
from plan.models import ImportacionPlan, Plan

MENSAJE_FILA_NO_EXISTE = "La vista previa no tiene una actividad en esa fila."
MENSAJE_FILA_CORREGIDA = "Se volvió a interpretar la fila {fila} con sus correcciones."
MENSAJE_SIN_CAMBIOS = "No cambió ningún valor de la fila {fila}."


def _exigir_opgi(request: HttpRequest) -> None:
    if not roles.es_opgi(request.user):
        raise PermissionDenied(servicios_importacion.MENSAJE_SOLO_OPGI)


def _importacion(request: HttpRequest, pk: int) -> ImportacionPlan | HttpResponse:
    """The import in progress, or a redirect to its plan once it was written."""
    importacion = get_object_or_404(ImportacionPlan.objects.select_related("plan"), pk=pk)
    if importacion.plan is not None:
        messages.info(request, servicios_importacion.mensaje_ya_importada(plan=importacion.plan))
        return redirect(_tablero_de(importacion.plan))
    return importacion


def _tablero_de(plan: Plan) -> str:
    """The staff dashboard showing `plan` (it selects the plan by its slug)."""
    return reverse("tablero") + "?" + urlencode({"plan": plan.slug})


@login_required
@require_http_methods(["GET", "POST"])
def subir(request: HttpRequest) -> HttpResponse:
    """Step 1: the file and the plan's data."""
    _exigir_opgi(request)
    form = PlanNuevoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        archivo = form.cleaned_data["archivo"]
        contenido = archivo.read()
        try:
            encontrar_tabla(leer_archivo(contenido, nombre_archivo=archivo.name))
        except ErrorDeLectura as error:
            form.add_error("archivo", str(error))
        else:
            archivo.seek(0)
            importacion = ImportacionPlan(
                nombre_archivo=archivo.name[:255],
                entidad=form.cleaned_data["entidad"],
                instrumento=form.cleaned_data["instrumento"],
                vigencia=form.cleaned_data["vigencia"],
                titulo=form.cleaned_data["titulo"],
                creada_por=request.user,
            )
            importacion.archivo.save(nombre_para_guardar(archivo.name), archivo, save=False)
            importacion.save()
            return redirect("importacion_plan_columnas", pk=importacion.pk)
    return render(
        request,
        "plan/importacion/subir.html",
        {"form": form, "maximo": tamano_maximo(), "paso": 1},
    )


@login_required
def plantilla(request: HttpRequest) -> HttpResponse:
    _exigir_opgi(request)
    return respuesta_xlsx(plantilla_plan.plantilla_plan(), "Plantilla-plan-completo.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def columnas(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2: the sheet and what each column holds, as proposed, to confirm."""
    _exigir_opgi(request)
    importacion = _importacion(request, pk)
    if isinstance(importacion, HttpResponse):
        return importacion
    try:
        libro = construccion.libro_de(importacion)
        hoja = request.POST.get("hoja") if "cambiar_hoja" in request.POST else None
        tabla = encontrar_tabla(libro, hoja=hoja or importacion.hoja or None)
    except ErrorDeLectura as error:
        messages.error(request, str(error))
        return redirect("importacion_plan")
    hojas = [h.nombre for h in libro.hojas if h.nombre.casefold() not in HOJAS_IGNORADAS]
    letras = [get_column_letter(i + 1) for i in range(len(tabla.encabezados))]
    mapeo = construccion.mapeo_de(importacion, tabla) if not hoja else dict(tabla.mapeo)
    if importacion.hoja and importacion.hoja != tabla.hoja:
        mapeo = dict(tabla.mapeo)
    inicial = {"hoja": tabla.hoja} | {
        f"columna_{i}": (campo.value if campo else "") for i, campo in mapeo.items()
    }
    enviado = request.method == "POST" and "cambiar_hoja" not in request.POST
    form = ColumnasForm(
        request.POST if enviado else None,
        initial=inicial,
        hojas=hojas,
        encabezados=tabla.encabezados,
        letras=letras,
    )
    if enviado and form.is_valid():
        importacion.hoja = tabla.hoja
        importacion.mapeo = form.mapeo()
        importacion.save(update_fields=["hoja", "mapeo"])
        return redirect("importacion_plan_vista_previa", pk=importacion.pk)
    if hoja:
        importacion.hoja, importacion.mapeo, importacion.ediciones = tabla.hoja, {}, {}
        importacion.save(update_fields=["hoja", "mapeo", "ediciones"])
    return render(
        request,
        "plan/importacion/columnas.html",
        {"importacion": importacion, "form": form, "tabla": tabla, "paso": 2, "nombres": NOMBRES},
    )


def _en_curso(
    request: HttpRequest, pk: int
) -> tuple[ImportacionPlan, construccion.VistaPrevia] | HttpResponse:
    """The import in progress (OPGI only) and its preview, rebuilt from its file, mapping
    and edits as every step after the columns reads it; a redirect once imported."""
    _exigir_opgi(request)
    importacion = _importacion(request, pk)
    if isinstance(importacion, HttpResponse):
        return importacion
    return importacion, construccion.vista_previa_de(importacion)


def _en_la_vista_previa(importacion: ImportacionPlan, fila: int) -> str:
    return reverse("importacion_plan_vista_previa", args=[importacion.pk]) + f"#fila-{fila}"


@login_required
@require_GET
def vista_previa(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 3: every value inferred, each row's problems beside it, and a link to
    correct each row (one small form per row: see `corregir_fila`)."""
    en_curso = _en_curso(request, pk)
    if isinstance(en_curso, HttpResponse):
        return en_curso
    importacion, previa = en_curso
    return render(
        request,
        "plan/importacion/vista_previa.html",
        {
            "importacion": importacion,
            "previa": previa,
            "paso": 3,
            "existente": servicios_importacion.mensaje_plan_existente(
                entidad=importacion.entidad,
                instrumento=importacion.instrumento,
                vigencia=importacion.vigencia,
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def corregir_fila(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 3, one row (?fila=N, the sheet's row): its meta, dates and offices
    corrected, then read again.

    One form per row, not one for the whole table: a plan of 200 activities or more
    posted every editable field at once, past DATA_UPLOAD_MAX_NUMBER_FIELDS (a 400),
    and the limit is global in Django. This works without JavaScript."""
    en_curso = _en_curso(request, pk)
    if isinstance(en_curso, HttpResponse):
        return en_curso
    importacion, previa = en_curso
    fila = parametros.entero(request.GET.get("fila"), minimo=1)
    actividad = next((a for a in previa.actividades if a.fila == fila), None)
    if fila is None or actividad is None:
        raise Http404(MENSAJE_FILA_NO_EXISTE)
    form = FilaForm(request.POST or None, initial=actividad.valores)
    if request.method == "POST" and form.is_valid():
        cambios = form.cambios()
        if not cambios:
            messages.info(request, MENSAJE_SIN_CAMBIOS.format(fila=fila))
            return redirect(_en_la_vista_previa(importacion, fila))
        try:
            servicios_importacion.guardar_ediciones(
                importacion=importacion, ediciones={str(fila): cambios}, usuario=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_en_la_vista_previa(importacion, fila))
        messages.success(request, MENSAJE_FILA_CORREGIDA.format(fila=fila))
        return redirect(_en_la_vista_previa(importacion, fila))
    return render(
        request,
        "plan/importacion/fila.html",
        {"importacion": importacion, "actividad": actividad, "form": form, "paso": 3},
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirmar(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 4: what will be created; on POST the plan is written, as a draft."""
    en_curso = _en_curso(request, pk)
    if isinstance(en_curso, HttpResponse):
        return en_curso
    importacion, previa = en_curso
    if request.method == "POST":
        try:
            plan = servicios_importacion.importar_plan(
                vista_previa=previa, usuario=request.user, importacion=importacion
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("importacion_plan_vista_previa", pk=importacion.pk)
        messages.success(
            request,
            servicios_importacion.MENSAJE_IMPORTADO.format(
                vigencia=plan.vigencia, entidad=plan.entidad, numero=len(previa.actividades)
            ),
        )
        return redirect(_tablero_de(plan))
    if previa.hay_errores:
        messages.error(
            request,
            servicios_importacion.MENSAJE_CON_ERRORES.format(numero=len(previa.errores)),
        )
        return redirect("importacion_plan_vista_previa", pk=importacion.pk)
    return render(
        request,
        "plan/importacion/confirmar.html",
        {"importacion": importacion, "previa": previa, "paso": 4},
    )
