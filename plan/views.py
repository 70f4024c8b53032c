"""Thin views: check the permission, validate a form, call a service or selector."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nucleo import paginacion, parametros, roles
from nucleo.formularios import aplicar_errores
from nucleo.parametros import entero
from plan import cortes, fuentes, graficos, permisos, selectors, services, servicios_avances
from plan.forms import (
    AvanceForm,
    CorreccionAvanceForm,
    EvidenciaForm,
    FiltroTableroForm,
    FuenteAvanceForm,
    RevisionAvanceForm,
    RevisionForm,
)
from plan.models import Avance, Evidencia, Plan, Responsable
from plan.permisos import Accion

logger = logging.getLogger(__name__)


@login_required
def despues_de_ingresar(request):
    """Each role lands on its own page after login."""
    oficina = roles.oficina_de(request.user)
    if oficina is not None:
        return redirect("tablero_oficina", slug=oficina.slug)
    if roles.ve_todo(request.user):
        return redirect("tablero")
    return redirect("inicio")


def _plan_pedido(request) -> Plan:
    """The plan of ?plan=<slug>; of ?vigencia=AAAA (the address before issue 16) when
    that vigencia has one plan; else the plan shown by default."""
    if "plan" in request.GET:
        plan = selectors.plan_de_gestion(slug=parametros.slug(request.GET["plan"]) or "")
        if plan is None:
            raise Http404("No hay un plan con esa dirección.")
        return plan
    if "vigencia" in request.GET:
        numero = entero(request.GET["vigencia"])
        planes = (
            []
            if numero is None
            else selectors.planes_de_vigencia(vigencia=numero, con_borradores=True)
        )
        if len(planes) != 1:
            raise Http404(MENSAJE_VIGENCIA_AMBIGUA if planes else "No hay un plan de esa vigencia.")
        return planes[0]
    plan = selectors.plan_vigente(solo_publicados=False)
    if plan is None:
        raise Http404("Todavía no hay ningún plan.")
    return plan


MENSAJE_VIGENCIA_AMBIGUA = "Hay varios planes de esa vigencia: elija uno en la lista de planes."


def _pagina_tablero(request, *, plan, filtros, responsable, titulo, publicacion=None):
    datos = selectors.tablero(
        plan=plan,
        hoy=timezone.localdate(),
        corte=filtros.corte_elegido,
        responsable=responsable,
        subcomponente=filtros.valor("subcomponente"),
        evidencias_visibles=permisos.EVIDENCIAS.instancias_para(request.user, Accion.VER),
        cortes=filtros.cortes,
        pagina=request.GET.get("pagina", "1"),
    )
    contexto = {
        "plan": plan,
        "tablero": datos,
        "graficos": graficos.del_tablero(datos, prefijo="tablero"),
        "filtros": filtros,
        "titulo": titulo,
        "responsable": responsable,
        "publicacion": publicacion,
        "puede_revisar": permisos.ACTIVIDADES.puede(request.user, Accion.REVISAR_EVIDENCIA),
    }
    return render(request, "plan/tablero.html", contexto)


@login_required
def tablero(request):
    if not roles.ve_todo(request.user):
        raise PermissionDenied("El tablero general es para OPGI y Control interno.")
    plan = _plan_pedido(request)
    filtros = FiltroTableroForm(request.GET or None, plan=plan)
    return _pagina_tablero(
        request,
        plan=plan,
        filtros=filtros,
        responsable=filtros.valor("oficina"),
        titulo=f"Tablero del plan {plan.vigencia}",
        # Publishing the follow-up is OPGI's and Control interno's duty, not an office's.
        publicacion=cortes.plazo_de_publicacion(
            cortes=filtros.cortes, hoy=timezone.localdate(), corte=filtros.corte_elegido
        ),
    )


@login_required
def tablero_oficina(request, slug):
    responsable = get_object_or_404(Responsable, slug=slug)
    if not permisos.puede_ver_oficina(request.user, responsable):
        raise PermissionDenied("Solo puede ver el tablero de su propia oficina.")
    plan = _plan_pedido(request)
    filtros = FiltroTableroForm(request.GET or None, plan=plan, con_oficina=False)
    return _pagina_tablero(
        request, plan=plan, filtros=filtros, responsable=responsable, titulo=responsable.nombre
    )


def _contexto_actividad(request, actividad, **formularios):
    usuario = request.user
    return {
        "actividad": actividad,
        "fila": selectors.fila_de_actividad(actividad=actividad, fecha=timezone.localdate()),
        "avances": selectors.historial_de_avances(actividad=actividad),
        "evidencias": selectors.evidencias_de_actividad(actividad=actividad),
        # An automatic activity counts its own records: hand reports would be ignored.
        "puede_reportar": not actividad.es_automatica
        and permisos.ACTIVIDADES.permite(usuario, Accion.REPORTAR_AVANCE, actividad),
        "fuente": fuentes.fuente(actividad.fuente_avance),
        "puede_cambiar_fuente": permisos.ACTIVIDADES.puede(usuario, Accion.CAMBIAR_FUENTE_AVANCE),
        "form_fuente": FuenteAvanceForm(initial={"fuente": actividad.fuente_avance}),
        "puede_subir": permisos.ACTIVIDADES.permite(usuario, Accion.SUBIR_EVIDENCIA, actividad),
        "puede_revisar": permisos.ACTIVIDADES.permite(usuario, Accion.REVISAR_EVIDENCIA, actividad),
        "form_avance": formularios.get("form_avance") or AvanceForm(actividad=actividad),
        "form_evidencia": formularios.get("form_evidencia") or EvidenciaForm(),
        "form_revision": RevisionForm(),
        "max_mb": settings.EVIDENCIA_MAX_MB,
        "puede_ver_historial": permisos.ACTIVIDADES.puede(usuario, Accion.VER_HISTORIAL),
        # OPGI's, on every activity: the role decides, no query.
        "puede_revisar_avances": permisos.ACTIVIDADES.puede(usuario, Accion.REVISAR_AVANCE),
    }


@login_required
def actividad_detalle(request, pk):
    actividad = permisos.ACTIVIDADES.obtener(request.user, pk)
    return render(request, "plan/actividad.html", _contexto_actividad(request, actividad))


@login_required
@require_POST
def reportar_avance(request, pk):
    actividad = permisos.ACTIVIDADES.obtener(request.user, pk, Accion.REPORTAR_AVANCE)
    form = AvanceForm(request.POST, actividad=actividad)
    if form.is_valid():
        try:
            avance = services.registrar_avance(
                actividad=actividad, usuario=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            aplicar_errores(form, error)
            if actividad.es_automatica:  # the page shows no form: say it above the page
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "Avance registrado y aprobado."
                if avance.cuenta
                else "Avance enviado. OPGI lo revisará; cuenta en las cifras cuando lo apruebe.",
            )
            return redirect("actividad", pk=actividad.pk)
    contexto = _contexto_actividad(request, actividad, form_avance=form)
    return render(request, "plan/actividad.html", contexto, status=400)


@login_required
@require_POST
def revisar_avance(request, pk):
    """OPGI approves, returns (with a comment) or annuls (with a reason) a report."""
    avance = get_object_or_404(
        Avance.objects.select_related("actividad__plan", "reportado_por"), pk=pk
    )
    permisos.ACTIVIDADES.exigir(request.user, Accion.REVISAR_AVANCE, avance.actividad)
    usuario = request.user
    acciones = {
        "aprobar": lambda texto: servicios_avances.aprobar_avance(
            avance=avance, revisor=usuario, comentario=texto
        ),
        "devolver": lambda texto: servicios_avances.devolver_avance(
            avance=avance, revisor=usuario, comentario=texto
        ),
        "anular": lambda texto: servicios_avances.anular_avance(
            avance=avance, usuario=usuario, motivo=texto
        ),
    }
    nombre = f"Avance del {avance.fecha:%d/%m/%Y}"
    return _revisar(
        request,
        form=RevisionAvanceForm(request.POST),
        acciones=acciones,
        actividad=avance.actividad,
        ancla=f"avance-{avance.pk}",
        exito={
            "aprobar": lambda: f"{nombre} aprobado.",
            "devolver": lambda: f"{nombre} devuelto a {_oficina_de(avance.reportado_por)}.",
            "anular": lambda: f"{nombre} anulado.",
        },
    )


MENSAJE_ACCION_DE_REVISION = "Elija una acción de revisión válida."
MENSAJE_SIN_REVISIONES = "No quedan revisiones pendientes."


def _oficina_de(usuario) -> str:
    """Whom a returned item goes back to: the office of the account that sent it."""
    oficina = roles.oficina_de(usuario) if usuario is not None else None
    return oficina.nombre if oficina is not None else "la oficina"


def _en_la_pagina(actividad_id: int, ancla: str) -> HttpResponse:
    """The activity's page, scrolled to the item (#evidencia-… / #avance-…)."""
    return redirect(f"{reverse('actividad', args=[actividad_id])}#{ancla}")


def _revisar(request, *, form, acciones, actividad, ancla: str, exito) -> HttpResponse:
    """The one shape of the review endpoints (progress, evidence): a valid choice calls
    its service with the comment; the outcome is said, naming the item; back to the item
    on its activity's page, or (?siguiente=1, «Aprobar y siguiente») on to the next item
    waiting for review in the plan."""
    if not form.is_valid():
        messages.error(request, MENSAJE_ACCION_DE_REVISION)
        return _en_la_pagina(actividad.pk, ancla)
    accion = form.cleaned_data["accion"]
    try:
        acciones[accion](form.cleaned_data["comentario"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _en_la_pagina(actividad.pk, ancla)
    messages.success(request, exito[accion]())
    if request.GET.get("siguiente") == "1":
        siguiente = selectors.siguiente_por_revisar(plan=actividad.plan)
        if siguiente is None:
            messages.info(request, MENSAJE_SIN_REVISIONES)
            return redirect("tablero")
        return _en_la_pagina(siguiente.actividad_id, siguiente.ancla)
    return _en_la_pagina(actividad.pk, ancla)


@login_required
@require_http_methods(["GET", "POST"])
def corregir_avance(request, pk):
    """A correction of an approved report: a new report, with its reason, that replaces
    it once approved (the office's goes to OPGI's review like any other)."""
    avance = get_object_or_404(Avance.objects.select_related("actividad__plan"), pk=pk)
    actividad = permisos.ACTIVIDADES.obtener(
        request.user, avance.actividad_id, Accion.REPORTAR_AVANCE
    )
    if not avance.corregible:
        messages.error(request, services.MENSAJE_SOLO_APROBADOS_SE_CORRIGEN)
        return redirect("actividad", pk=actividad.pk)
    if request.method == "GET":
        inicial = {
            "fecha": avance.fecha,
            "cantidad": avance.cantidad,
            "narrativa": avance.narrativa,
        }
        form = CorreccionAvanceForm(initial=inicial, actividad=avance.actividad)
    else:
        form = CorreccionAvanceForm(request.POST, actividad=avance.actividad)
        if form.is_valid():
            try:
                nuevo = services.registrar_avance(
                    actividad=actividad, usuario=request.user, corrige=avance, **form.cleaned_data
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(
                    request,
                    "Corrección registrada y aprobada: reemplaza al avance anterior."
                    if nuevo.cuenta
                    else "Corrección enviada. OPGI la revisará; hasta entonces cuenta el "
                    "avance anterior.",
                )
                return redirect("actividad", pk=actividad.pk)
    estado = 400 if form.is_bound else 200
    return render(
        request,
        "plan/corregir_avance.html",
        {"actividad": actividad, "avance": avance, "form": form},
        status=estado,
    )


@login_required
@require_POST
def subir_evidencia(request, pk):
    actividad = permisos.ACTIVIDADES.obtener(request.user, pk, Accion.SUBIR_EVIDENCIA)
    form = EvidenciaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.subir_evidencia(actividad=actividad, usuario=request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, "Evidencia enviada. OPGI la revisará.")
            return redirect("actividad", pk=actividad.pk)
    contexto = _contexto_actividad(request, actividad, form_evidencia=form)
    return render(request, "plan/actividad.html", contexto, status=400)


@login_required
@require_POST
def cambiar_fuente_avance(request, pk):
    actividad = permisos.ACTIVIDADES.obtener(request.user, pk, Accion.CAMBIAR_FUENTE_AVANCE)
    form = FuenteAvanceForm(request.POST)
    if form.is_valid():
        services.cambiar_fuente_avance(
            actividad=actividad, usuario=request.user, fuente=form.cleaned_data["fuente"]
        )
        messages.success(request, "Fuente del avance guardada.")
    else:
        messages.error(request, "Elija una fuente de avance válida.")
    return redirect("actividad", pk=actividad.pk)


@login_required
@require_POST
def revisar_evidencia(request, pk):
    evidencia = permisos.EVIDENCIAS.obtener(request.user, pk, Accion.REVISAR_EVIDENCIA)
    usuario = request.user
    acciones = {
        "aprobar": lambda texto: services.aprobar_evidencia(
            evidencia=evidencia, revisor=usuario, comentario=texto
        ),
        "devolver": lambda texto: services.devolver_evidencia(
            evidencia=evidencia, revisor=usuario, comentario=texto
        ),
        "publicar": lambda _: services.cambiar_publicacion(
            evidencia=evidencia, revisor=usuario, publica=True
        ),
        "despublicar": lambda _: services.cambiar_publicacion(
            evidencia=evidencia, revisor=usuario, publica=False
        ),
    }
    nombre = f"Evidencia «{evidencia.descripcion}»"
    return _revisar(
        request,
        form=RevisionForm(request.POST),
        acciones=acciones,
        actividad=evidencia.actividad,
        ancla=f"evidencia-{evidencia.pk}",
        exito={
            "aprobar": lambda: f"{nombre} aprobada.",
            "devolver": lambda: f"{nombre} devuelta a {_oficina_de(evidencia.subida_por)}.",
            "publicar": lambda: f"{nombre} publicada en la página pública.",
            "despublicar": lambda: f"{nombre} retirada de la página pública.",
        },
    )


# The inline response is a sandboxed document: no script, no form, no same origin.
CSP_EN_LINEA = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


@login_required
def descargar_evidencia(request, pk):
    """The evidence file: a download; with ?ver=1, inline for PDFs and images."""
    evidencia = permisos.EVIDENCIAS.obtener(request.user, pk)
    if not evidencia.archivo:
        raise Http404("Esta evidencia es un enlace, no un archivo.")
    en_linea = request.GET.get("ver") == "1" and evidencia.tiene_vista_previa
    return respuesta_archivo(evidencia, en_linea=en_linea)


def respuesta_archivo(evidencia: Evidencia, *, en_linea: bool = False) -> FileResponse:
    """The evidence file as a download under its original name (inline if asked: the
    caller decides which types may be)."""
    try:
        contenido = evidencia.archivo.open("rb")
    except FileNotFoundError:
        # The row says there is a file but the storage lost it: log it, tell the user.
        logger.error("Falta el archivo %s de la evidencia %s", evidencia.archivo.name, evidencia.pk)
        raise Http404("El archivo de esta evidencia no está disponible.") from None
    respuesta = FileResponse(
        contenido,
        as_attachment=not en_linea,
        filename=evidencia.nombre_original or evidencia.archivo.name.rsplit("/", 1)[-1],
        content_type=evidencia.tipo_contenido or "application/octet-stream",
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    if en_linea:
        respuesta["Content-Security-Policy"] = CSP_EN_LINEA
        # A private document: the browser keeps no copy.
        respuesta["Cache-Control"] = "private, no-store"
    return respuesta


@login_required
def historial_actividad(request, pk):
    actividad = permisos.ACTIVIDADES.obtener(request.user, pk, Accion.VER_HISTORIAL)
    contexto = {
        "actividad": actividad,
        "pagina": paginacion.pagina(
            selectors.historial_de_actividad(actividad=actividad), request.GET.get("pagina")
        ),
    }
    return render(request, "plan/historial.html", contexto)
