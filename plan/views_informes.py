"""Report downloads (PDF and XLSX) and the page where the follow-up's observaciones are edited.

Each report is built once by plan/informes.py and rendered either to HTML →
PDF (WeasyPrint) or to XLSX; who may download what is decided in
plan/permisos.py. Unknown plan, office or corte → 404 (the `<corte:…>` converter of
plan/urls.py lets through 1–12; a number the plan has no corte for is refused here).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nucleo import documentos, generados, paginacion
from nucleo.confirmacion import pedir_confirmacion
from plan import informes, permisos, selectors, services, servicios_cortes
from plan.cortes import Corte
from plan.forms import ObservacionesForm
from plan.models import Plan, Responsable


def _plan(slug: str) -> Plan:
    plan = selectors.plan_de_gestion(slug=slug)
    if plan is None:
        raise Http404("No hay un plan con esa dirección.")
    return plan


def corte_o_404(plan: Plan, numero: int) -> Corte:
    try:
        return plan.corte(numero)
    except ValidationError as error:
        raise Http404(error.messages[0]) from None


def plan_documento(request, plan, formato: str):
    # The plan is looked up before asking to log in: an unpublished plan is a 404 for
    # whoever may not download it, anonymous visitors included (see plan/permisos.py).
    plan = permisos.obtener_plan_para_documento(request.user, plan)
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
def seguimiento(request, plan, corte: int, formato: str):
    if not permisos.puede_descargar_seguimiento(request.user):
        raise PermissionDenied("El seguimiento del plan es para OPGI y Control interno.")
    plan = _plan(plan)
    periodo = corte_o_404(plan, corte)
    cerrado = informes.seguimiento_cerrado(plan=plan, numero=periodo.numero)
    if cerrado is not None:
        return descarga_cerrado(request, plan=plan, cerrado=cerrado, formato=formato)
    if plan.actividades.count() >= settings.INFORME_EN_SEGUNDO_PLANO_DESDE:
        return _en_segundo_plano(
            request,
            titulo=f"Seguimiento del {periodo.nombre}",
            nombre=f"seguimiento-rdc-{plan.vigencia}-{periodo.numero}",
            formato=formato,
            generador="plan.informes.documento_seguimiento",
            parametros={"plan_id": plan.pk, "corte": periodo.numero},
        )
    informe = informes.informe_seguimiento(plan=plan, corte=periodo, hoy=timezone.localdate())
    return documentos.descarga(
        request,
        formato=formato,
        nombre=informe.nombre,
        plantilla="plan/informes/seguimiento.html",
        contexto={"informe": informe, "plan": plan},
        hojas=lambda: informes.hojas_seguimiento(informe),
    )


def _en_segundo_plano(
    request, *, titulo: str, nombre: str, formato: str, generador: str, parametros: dict
):
    """A large report is built by a task; the user finds it in «Mis pendientes»."""
    hoy = timezone.localdate()
    generados.pedir(
        usuario=request.user,
        titulo=f"{titulo} ({formato.upper()})",
        nombre=f"{nombre}-{hoy:%Y%m%d}",
        formato=formato,
        generador=generador,
        parametros={**parametros, "hoy": hoy.isoformat()},
    )
    messages.info(request, generados.MENSAJE_GENERANDO)
    return redirect("mis_pendientes")


def descarga_cerrado(request, *, plan: Plan, cerrado: informes.SeguimientoCerrado, formato: str):
    """The PDF or XLSX of a closed corte, from its snapshot (also the portal's download)."""
    return documentos.descarga(
        request,
        formato=formato,
        nombre=cerrado.nombre,
        plantilla="plan/informes/seguimiento_cerrado.html",
        contexto={"cerrado": cerrado, "datos": cerrado.datos, "plan": plan},
        hojas=lambda: informes.hojas_seguimiento_cerrado(cerrado),
    )


@login_required
def oficina(request, slug: str, plan, corte: int, formato: str):
    responsable = get_object_or_404(Responsable, slug=slug)
    if not permisos.puede_descargar_informe_oficina(request.user, responsable):
        raise PermissionDenied("Solo puede descargar el informe de su propia oficina.")
    plan = _plan(plan)
    periodo = corte_o_404(plan, corte)
    propias = plan.actividades.filter(asignaciones__responsable=responsable)
    if propias.count() >= settings.INFORME_EN_SEGUNDO_PLANO_DESDE:
        return _en_segundo_plano(
            request,
            titulo=f"Informe de {responsable.nombre} – {periodo.nombre}",
            nombre=f"rdc-{responsable.slug}-{plan.vigencia}-{periodo.numero}",
            formato=formato,
            generador="plan.informes.documento_oficina",
            parametros={"plan_id": plan.pk, "corte": periodo.numero, "oficina_id": responsable.pk},
        )
    informe = informes.informe_oficina(
        plan=plan, responsable=responsable, corte=periodo, hoy=timezone.localdate()
    )
    return documentos.descarga(
        request,
        formato=formato,
        nombre=informe.nombre,
        plantilla="plan/informes/oficina.html",
        contexto={"informe": informe, "plan": plan},
        hojas=lambda: informes.hojas_oficina(informe),
    )


def _observaciones_form(data, *, informe, usuario, hoja):
    return ObservacionesForm(
        data,
        filas=list(hoja.object_list),
        max_length=services.MAX_OBSERVACION,
        origen=permisos.origen_observacion(usuario),
        versiones=services.version_observacion,
    )


@login_required
@require_http_methods(["GET", "POST"])
def observaciones(request, plan, corte: int):
    """The follow-up of a corte on screen: Control Interno's and OPGI's observations side
    by side, each user editing only his own kind; one POST saves all.

    An activity whose observation someone else saved since the page was read is not
    saved: the page comes back with the user's text and the other person's (the other
    activities are saved)."""
    if not permisos.puede_editar_observaciones(request.user):
        raise PermissionDenied("Solo OPGI y Control interno registran observaciones.")
    plan = _plan(plan)
    periodo = corte_o_404(plan, corte)
    informe = informes.informe_seguimiento(plan=plan, corte=periodo, hoy=timezone.localdate())
    # One page of activities (and of textareas): a POST saves the page it was sent from.
    numero = request.GET.get("pagina")
    hoja = paginacion.pagina(informe.filas, numero)
    volver = reverse(
        "observaciones_seguimiento", kwargs={"plan": plan.slug, "corte": periodo.numero}
    )
    if hoja.number > 1:
        volver += f"?pagina={hoja.number}"
    form = _observaciones_form(
        request.POST if request.method == "POST" else None,
        informe=informe,
        usuario=request.user,
        hoja=hoja,
    )
    estado = 200
    cerrado = informes.seguimiento_cerrado(plan=plan, numero=periodo.numero)
    if request.method == "POST" and cerrado is not None:
        messages.error(request, services.MENSAJE_CORTE_CERRADO)
        return redirect(volver)
    if request.method == "POST" and form.is_valid():
        cambiadas = form.cambiadas()
        guardadas, conflictos = 0, []
        with transaction.atomic():
            for fila, texto, visto in cambiadas:
                try:
                    services.guardar_observacion(
                        actividad=fila.actividad,
                        corte=periodo.numero,
                        texto=texto,
                        usuario=request.user,
                        visto=visto,
                    )
                    guardadas += 1
                except ValidationError as error:
                    conflictos.append((fila.actividad.pk, " ".join(error.messages)))
        if not conflictos:
            messages.success(request, f"Observaciones guardadas: {guardadas} actividades.")
            return redirect(volver)
        # Read again: the rows show what is stored now, each textarea keeps what was
        # typed, and the versions are the current ones (saving again is deliberate).
        informe = informes.informe_seguimiento(plan=plan, corte=periodo, hoy=timezone.localdate())
        hoja = paginacion.pagina(informe.filas, numero)
        datos = request.POST.copy()
        for _fila, _texto, version, _otras in _observaciones_form(
            None, informe=informe, usuario=request.user, hoja=hoja
        ).filas_con_campo():
            datos[version.html_name] = version.initial
        form = _observaciones_form(datos, informe=informe, usuario=request.user, hoja=hoja)
        form.is_valid()
        por_pk = {fila.actividad.pk: fila for fila in informe.filas}
        for pk, mensaje in conflictos:
            form.conflicto(por_pk[pk], mensaje)
        messages.warning(
            request,
            f"Observaciones guardadas: {guardadas} actividades. {len(conflictos)} no se "
            "guardaron porque otra persona las cambió mientras usted editaba: revíselas abajo.",
        )
        estado = 409
    elif request.method == "POST":
        estado = 400
    contexto = {
        "plan": plan,
        "informe": informe,
        "form": form,
        "pagina": hoja,
        "origen": permisos.origen_observacion(request.user),
        "cerrado": cerrado,
        "puede_cerrar": permisos.puede_cerrar_cortes(request.user),
        "firma": servicios_cortes.firma_por_defecto(),
    }
    return render(request, "plan/informes/observaciones.html", contexto, status=estado)


@login_required
@require_http_methods(["POST"])
def cerrar_corte(request, plan, corte: int):
    plan = _plan(plan)
    corte_o_404(plan, corte)
    if permisos.puede_cerrar_cortes(request.user):  # others get the service's refusal
        pagina = pedir_confirmacion(
            request,
            titulo=f"¿Cerrar y publicar el corte {corte} del plan {plan.vigencia}?",
            mensaje="El seguimiento de este corte quedará congelado tal como se ve ahora.",
            consecuencias=[
                "Sus cifras, estados y observaciones se publican en el portal, firmados.",
                "Solo se puede reabrir con un motivo, que queda en el historial.",
            ],
            boton="Sí, cerrar y publicar el corte",
            volver=reverse("observaciones_seguimiento", kwargs={"plan": plan.slug, "corte": corte}),
            peligro=False,
        )
        if pagina is not None:
            return pagina
    try:
        servicios_cortes.cerrar_corte(
            plan=plan,
            numero=corte,
            usuario=request.user,
            firmado_nombre=request.POST.get("firmado_nombre", ""),
            firmado_cargo=request.POST.get("firmado_cargo", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Corte cerrado: su seguimiento quedó publicado en el portal.")
    return redirect("observaciones_seguimiento", plan=plan.slug, corte=corte)


@login_required
@require_http_methods(["POST"])
def reabrir_corte(request, plan, corte: int):
    plan = _plan(plan)
    corte_o_404(plan, corte)
    try:
        servicios_cortes.reabrir_corte(
            plan=plan, numero=corte, usuario=request.user, motivo=request.POST.get("motivo", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "Corte reabierto: el seguimiento vuelve a leer las cifras vigentes."
        )
    return redirect("observaciones_seguimiento", plan=plan.slug, corte=corte)
