"""Staff pages of encuestas (login required): thin views over services and selectors.

Surveys are fetched through encuestas.permisos.ENCUESTAS.obtener (404 for
what the user may not see, 403 for what they may see but not do); every
write goes through encuestas.services, which checks the permission again.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogos.models import EspacioDialogo
from nucleo import documentos
from nucleo.confirmacion import pedir_confirmacion
from nucleo.entidad import entidad_actual
from nucleo.formularios import aplicar_errores
from nucleo.parametros import entero
from plan import selectors as plan_selectors
from plan import services as servicios_plan
from plan.models import Actividad
from plan.permisos import ACTIVIDADES
from plan.permisos import Accion as AccionPlan

from . import carteles, fechas, informes, metas, permisos, selectors, services
from .forms import EncuestaForm, PapelForm, PeriodoForm
from .models import Encuesta
from .permisos import Accion


def _exigir_rol(request, accion: Accion = Accion.VER) -> None:
    if not permisos.ENCUESTAS.puede(request.user, accion):
        raise PermissionDenied("Esta página es para el equipo de la Alcaldía con ese permiso.")


def _url_publica(request, encuesta: Encuesta) -> str:
    return request.build_absolute_uri(reverse("encuestas:responder", args=[encuesta.codigo]))


# --- Surveys ----------------------------------------------------------------------


def _metas(usuario) -> dict:
    """The activities whose meta counts the responses, and the seed one OPGI may switch on."""
    plan = plan_selectors.plan_vigente(solo_publicados=False)
    hoy = timezone.localdate()
    automaticas = Actividad.objects.filter(fuente_avance=metas.RESPUESTAS).order_by(
        "-plan__vigencia", "orden"
    )
    filas = plan_selectors.seguimiento(
        actividades=automaticas.select_related("plan").prefetch_related("ventanas"), fecha=hoy
    )
    sugerida = None
    if plan is not None and ACTIVIDADES.puede(usuario, AccionPlan.CAMBIAR_FUENTE_AVANCE):
        codigos = [codigo for codigo, clave in metas.SUGERIDAS.items() if clave == metas.RESPUESTAS]
        sugerida = (
            Actividad.objects.filter(plan=plan, codigo__in=codigos)
            .exclude(fuente_avance=metas.RESPUESTAS)
            .first()
        )
    return {"filas_meta": filas, "actividad_sugerida": sugerida}


@login_required
@require_GET
def gestion(request):
    _exigir_rol(request)
    usuario = request.user
    contexto = {
        "encuestas": selectors.encuestas_con_conteo(
            permisos.ENCUESTAS.instancias_para(usuario, Accion.VER)
        ),
        "puede_crear": permisos.ENCUESTAS.puede(usuario, Accion.PROGRAMAR_ENCUESTA),
        "gestiona_cuestionarios": permisos.ENCUESTAS.puede(usuario, Accion.GESTIONAR_CUESTIONARIOS),
        "periodo": PeriodoForm(),
        **_metas(usuario),
    }
    return render(request, "encuestas/gestion/encuestas.html", contexto)


@login_required
@require_POST
def meta(request, pk):
    """OPGI makes an activity count the survey responses (or go back to manual reports).

    Plan's one permission for it (CAMBIAR_FUENTE_AVANCE); the service checks it on the
    activity too."""
    if not ACTIVIDADES.puede(request.user, AccionPlan.CAMBIAR_FUENTE_AVANCE):
        raise PermissionDenied(ACTIVIDADES.mensaje_sin_permiso)
    actividad = get_object_or_404(Actividad, pk=pk)
    fuente = metas.RESPUESTAS if request.POST.get("automatica") == "1" else ""
    servicios_plan.cambiar_fuente_avance(actividad=actividad, usuario=request.user, fuente=fuente)
    if fuente:
        messages.success(
            request, f"La meta {actividad.codigo} cuenta ahora las respuestas de las encuestas."
        )
    else:
        messages.success(request, f"La meta {actividad.codigo} vuelve a los reportes de avance.")
    return redirect("encuestas:gestion")


@login_required
@require_http_methods(["GET", "POST"])
def nueva(request):
    _exigir_rol(request, Accion.PROGRAMAR_ENCUESTA)
    espacios = permisos.espacios_para_encuesta(request.user).filter(encuesta__isnull=True)
    if request.method == "POST":
        form = EncuestaForm(request.POST, espacios=espacios)
        if form.is_valid():
            try:
                encuesta = services.crear_encuesta(usuario=request.user, **form.cleaned_data)
            except ValidationError as error:
                aplicar_errores(form, error)
            except PermissionDenied:
                form.add_error("espacio", "Elija uno de los espacios que organiza su dependencia.")
            else:
                messages.success(
                    request, "Encuesta creada. Comparta su enlace o imprima el cartel."
                )
                return redirect("encuestas:detalle", pk=encuesta.pk)
        return render(request, "encuestas/gestion/encuesta_form.html", {"form": form}, status=400)
    espacio = None
    if (pk := entero(request.GET.get("espacio"))) is not None:
        espacio = espacios.filter(pk=pk).first()
    inicial = EncuestaForm.inicial(espacio, selectors.predeterminado())
    form = EncuestaForm(initial=inicial, espacios=espacios)
    return render(request, "encuestas/gestion/encuesta_form.html", {"form": form})


@login_required
@require_GET
def detalle(request, pk):
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk)
    usuario = request.user
    url = _url_publica(request, encuesta)
    contexto = {
        "encuesta": encuesta,
        "url_publica": url,
        "qr": carteles.qr_svg(url, escala=5, titulo=f"Código QR de la encuesta: {url}"),
        "resultados": selectors.resultados(encuestas=Encuesta.objects.filter(pk=encuesta.pk)),
        "puede_programar": permisos.ENCUESTAS.permite(usuario, Accion.PROGRAMAR_ENCUESTA, encuesta),
        "puede_papel": permisos.ENCUESTAS.permite(usuario, Accion.REGISTRAR_PAPEL, encuesta),
        "puede_publicar": permisos.ENCUESTAS.permite(usuario, Accion.PUBLICAR_RESULTADOS, encuesta),
    }
    return render(request, "encuestas/gestion/encuesta.html", contexto)


@login_required
@require_http_methods(["GET", "POST"])
def editar(request, pk):
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk, Accion.PROGRAMAR_ENCUESTA)
    sin_espacios = EspacioDialogo.objects.none()
    if request.method == "POST":
        form = EncuestaForm(request.POST, espacios=sin_espacios, con_espacio=False)
        if form.is_valid():
            try:
                services.editar_encuesta(
                    usuario=request.user, encuesta=encuesta, **form.cleaned_data
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(request, "Cambios guardados.")
                return redirect("encuestas:detalle", pk=encuesta.pk)
        contexto = {"form": form, "encuesta": encuesta}
        return render(request, "encuestas/gestion/encuesta_form.html", contexto, status=400)
    form = EncuestaForm.desde_encuesta(encuesta, espacios=sin_espacios)
    return render(
        request, "encuestas/gestion/encuesta_form.html", {"form": form, "encuesta": encuesta}
    )


@login_required
@require_POST
def publicacion(request, pk):
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk, Accion.PUBLICAR_RESULTADOS)
    publicar = request.POST.get("publicar") == "1"
    if publicar:  # withdrawing can be undone by publishing again: no confirmation
        pagina = pedir_confirmacion(
            request,
            titulo=f"¿Publicar los resultados de «{encuesta.titulo}» en la página ciudadana?",
            mensaje="La ciudadanía verá las cifras agregadas desde ahora.",
            consecuencias=[
                "Se publican las cifras agregadas; nunca los textos libres.",
                "Podrá retirarlos después, pero quien ya los vio o descargó los conserva.",
            ],
            boton="Sí, publicar los resultados",
            volver=reverse("encuestas:detalle", args=[encuesta.pk]),
            peligro=False,
        )
        if pagina is not None:
            return pagina
    try:
        services.publicar_resultados(usuario=request.user, encuesta=encuesta, publicar=publicar)
    except ValidationError as error:  # a stale page: already in that state
        messages.error(request, " ".join(error.messages))
    else:
        _avisar_publicacion(request, publicar)
    return redirect("encuestas:detalle", pk=encuesta.pk)


def _avisar_publicacion(request, publicar: bool) -> None:
    if publicar:
        messages.success(request, "Resultados publicados en la página ciudadana.")
    else:
        messages.success(request, "Los resultados ya no se muestran a la ciudadanía.")


def _fecha_inicial(request, encuesta: Encuesta) -> date:
    """The date of the paper forms: the one of the last form saved, else the space's day."""
    try:
        propuesta = date.fromisoformat(request.GET.get("fecha", ""))
    except ValueError:
        pass
    else:
        if fechas.en_rango(propuesta):
            return propuesta
    dia = timezone.localdate(encuesta.espacio.inicio) if encuesta.espacio_id else None
    return min(dia or timezone.localdate(), timezone.localdate())


@login_required
@require_http_methods(["GET", "POST"])
def papel(request, pk):
    """Paper forms typed in one after the other: «Guardar y siguiente» keeps the date."""
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk, Accion.REGISTRAR_PAPEL)
    preguntas = services.preguntas_de(encuesta)
    if request.method == "POST":
        form = PapelForm(request.POST, preguntas=preguntas)
        if form.is_valid():
            try:
                respuesta = services.registrar_papel(
                    usuario=request.user,
                    encuesta=encuesta,
                    respuestas=form.respuestas(),
                    fecha=form.cleaned_data["fecha"],
                    preguntas=preguntas,
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                total = encuesta.respuestas.filter(canal=respuesta.Canal.PAPEL).count()
                messages.success(
                    request,
                    f"Formato guardado (respuesta N.° {respuesta.pk}). "
                    f"Formatos en papel digitados en esta encuesta: {total}.",
                )
                if "terminar" in request.POST:
                    return redirect("encuestas:detalle", pk=encuesta.pk)
                siguiente = reverse("encuestas:papel", args=[encuesta.pk])
                return redirect(f"{siguiente}?fecha={respuesta.fecha.isoformat()}")
        contexto = {"encuesta": encuesta, "form": form}
        return render(request, "encuestas/gestion/papel.html", contexto, status=400)
    form = PapelForm(preguntas=preguntas, initial={"fecha": _fecha_inicial(request, encuesta)})
    return render(request, "encuestas/gestion/papel.html", {"encuesta": encuesta, "form": form})


# --- Results and downloads -------------------------------------------------------------


def _membrete() -> dict:
    plan = plan_selectors.plan_vigente(solo_publicados=False)
    return {
        "entidad": plan.entidad.nombre if plan else entidad_actual().nombre,
        "dependencia": plan.dependencia if plan else "",
    }


def _descarga(
    request: HttpRequest,
    *,
    formato: str,
    resultados: selectors.Resultados,
    encuestas: QuerySet[Encuesta],
    titulo: str,
    nombre: str,
) -> HttpResponse:
    """The summary (PDF) or the responses (XLSX) of these results: nucleo's one download."""

    def hojas() -> list[documentos.Hoja]:
        respuestas = selectors.respuestas_completas(
            encuestas=encuestas, desde=resultados.desde, hasta=resultados.hasta
        )
        return informes.hojas(resultados, respuestas, titulo=titulo)

    return documentos.descarga(
        request,
        formato=formato,
        nombre=nombre,
        plantilla="encuestas/informes/resultados.html",
        contexto={"resultados": resultados, "titulo": titulo, "plan": _membrete()},
        hojas=hojas,
    )


@login_required
@require_GET
def resultados(request, pk):
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk)
    datos = selectors.resultados(encuestas=Encuesta.objects.filter(pk=encuesta.pk))
    contexto = {
        "encuesta": encuesta,
        "resultados": datos,
        "titulo": f"Resultados: {encuesta}",
        # For meta 3.1: OPGI judges bursts from one address before counting them.
        "rafagas": selectors.rafagas(encuesta),
    }
    return render(request, "encuestas/gestion/resultados.html", contexto)


@login_required
@require_GET
def resultados_descarga(request, pk, formato):
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk)
    encuestas = Encuesta.objects.filter(pk=encuesta.pk)
    return _descarga(
        request,
        formato=formato,
        resultados=selectors.resultados(encuestas=encuestas),
        encuestas=encuestas,
        titulo=f"Resultados de la encuesta: {encuesta}",
        nombre=f"encuesta-{encuesta.codigo}",
    )


def _periodo(request: HttpRequest) -> tuple[PeriodoForm, QuerySet[Encuesta], selectors.Resultados]:
    """The period asked for, the visible surveys with responses in it, and their results."""
    _exigir_rol(request)
    form = PeriodoForm(request.GET or None)
    periodo = form.periodo()
    encuestas = selectors.con_respuestas_en(
        permisos.ENCUESTAS.instancias_para(request.user, Accion.VER), **periodo
    )
    return form, encuestas, selectors.resultados(encuestas=encuestas, **periodo)


def _titulo_periodo(resultados: selectors.Resultados) -> str:
    return f"Resultados de las encuestas – {resultados.periodo.lower()}"


@login_required
@require_GET
def periodo(request: HttpRequest) -> HttpResponse:
    form, _, datos = _periodo(request)
    contexto = {
        "form": form,
        "resultados": datos,
        "titulo": _titulo_periodo(datos),
        "consulta": request.GET.urlencode(),
    }
    return render(request, "encuestas/gestion/periodo.html", contexto)


@login_required
@require_GET
def periodo_descarga(request: HttpRequest, formato: str) -> HttpResponse:
    _, encuestas, datos = _periodo(request)
    desde = datos.desde.isoformat() if datos.desde else "inicio"
    hasta = datos.hasta.isoformat() if datos.hasta else "hoy"
    return _descarga(
        request,
        formato=formato,
        resultados=datos,
        encuestas=encuestas,
        titulo=_titulo_periodo(datos),
        nombre=f"encuestas-{desde}-{hasta}",
    )


@login_required
@require_GET
def cartel(request, pk):
    """The printable poster (PDF): QR code, the space's name, date and place, the link."""
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk)
    url = _url_publica(request, encuesta)
    html = render_to_string(
        "encuestas/cartel.html",
        {
            "encuesta": encuesta,
            "url": url,
            "qr": carteles.qr_svg(url, escala=9),
            "institucion": entidad_actual(),  # rendered without a request
        },
    )
    contenido = documentos.pdf_desde_html(html, base_url=request.build_absolute_uri("/"))
    return documentos.respuesta_pdf(contenido, f"cartel-encuesta-{encuesta.codigo}.pdf")


@login_required
@require_GET
def qr_png(request, pk):
    encuesta = permisos.ENCUESTAS.obtener(request.user, pk)
    respuesta = HttpResponse(
        carteles.qr_png(_url_publica(request, encuesta)), content_type="image/png"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="qr-encuesta-{encuesta.codigo}.png"'
    return respuesta
