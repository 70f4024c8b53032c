"""The citizens' side of dialogos: no account, and never a citizen's name or contact.

Schedule (with its iCal feeds), a space's page, the question forms, the
lookup by tracking number, the published answers and the territorial coverage.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from nucleo import cache_publico, documentos, limites, paginacion
from nucleo.entidad import entidad_actual
from nucleo.formularios import aplicar_errores
from nucleo.parametros import entero, slug
from plan import selectors as plan_selectors
from plan.views import respuesta_archivo

from . import calendario, informes, selectors
from .forms import ConsultaForm, FiltroCronogramaForm, PreguntaForm
from .models import Territorio
from .services import preguntas as servicios_preguntas

SESION_RADICADO = "dialogos_radicado"
MENSAJE_LIMITE = (
    "Se han enviado demasiados formularios desde su conexión en poco tiempo. "
    "Espere un rato y vuelva a intentarlo; su pregunta no se guardó."
)


@require_GET
def cronograma(request):
    filtros = FiltroCronogramaForm(request.GET or None)
    datos = selectors.cronograma(ahora=timezone.now(), **filtros.filtros())
    return render(
        request,
        "dialogos/cronograma.html",
        {
            "cronograma": datos,
            "pasados": paginacion.pagina(datos.pasados, request.GET.get("pagina")),
            "filtros": filtros,
            # «pagina» is not a filter.
            "filtrado": any(campo in request.GET for campo in filtros.fields),
        },
    )


@require_GET
def espacio(request, pk):
    espacio = selectors.espacio_publico(pk=pk)
    if espacio is None:
        raise Http404("No existe ese espacio de diálogo.")
    preguntas = selectors.pagina(
        selectors.preguntas_publicadas(espacio=espacio), request.GET.get("pagina")
    )
    return render(request, "dialogos/espacio.html", {"espacio": espacio, "preguntas": preguntas})


@require_GET
def informe_gestion(request, pk):
    """The management report uploaded for a hearing, published with it (the MURC)."""
    adjunto = selectors.informe_gestion_publico(pk=pk)
    if adjunto is None:
        raise Http404("Esta audiencia no tiene un documento de informe de gestión.")
    return respuesta_archivo(adjunto)


def _ics(contenido: bytes, nombre_archivo: str) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type="text/calendar; charset=utf-8")
    respuesta["Content-Disposition"] = f'inline; filename="{nombre_archivo}"'
    return respuesta


def _url_publica(request):
    return lambda e: request.build_absolute_uri(reverse("dialogos:espacio", args=[e.pk]))


@require_GET
def calendario_ics(request):
    contenido = calendario.calendario(
        selectors.espacios_para_calendario(),
        nombre=f"Rendición de cuentas – {entidad_actual().nombre}",
        url_de=_url_publica(request),
    )
    return _ics(contenido, "rendicion-de-cuentas.ics")


@require_GET
def espacio_ics(request, pk):
    espacios = list(selectors.espacios_para_calendario().filter(pk=pk))
    if not espacios:
        raise Http404("No existe ese espacio de diálogo.")
    contenido = calendario.calendario(
        espacios, nombre=espacios[0].titulo, url_de=_url_publica(request)
    )
    return _ics(contenido, f"espacio-{pk}.ics")


def preguntar(request, pk=None):
    """The question form: general, or for one public space (/espacios/<pk>/preguntar/)."""
    espacio = None
    if pk is not None:
        espacio = get_object_or_404(
            selectors.espacios_publicos().select_related("territorio"), pk=pk
        )
    if request.method != "POST":
        form = PreguntaForm(initial={"territorio": espacio.territorio_id if espacio else None})
        return render(request, "dialogos/preguntar.html", {"form": form, "espacio": espacio})
    form = PreguntaForm(request.POST)
    estado = 400
    if limites.excedido(request, "preguntas"):
        form.is_valid()
        form.add_error(None, MENSAJE_LIMITE)
        estado = 429
    elif form.is_valid():
        try:
            pregunta = servicios_preguntas.recibir_pregunta(
                espacio=espacio, **form.datos_servicio()
            )
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            # Post/Redirect/Get: the number is shown once; a reload sends nothing again.
            request.session[SESION_RADICADO] = pregunta.radicado
            return redirect("dialogos:pregunta_recibida")
    contexto = {"form": form, "espacio": espacio}
    return render(request, "dialogos/preguntar.html", contexto, status=estado)


@require_GET
def pregunta_recibida(request):
    radicado = request.session.pop(SESION_RADICADO, None)
    if radicado is None:
        return redirect("dialogos:consulta")
    return render(request, "dialogos/pregunta_recibida.html", {"radicado": radicado})


@require_http_methods(["GET", "POST"])
def consulta(request):
    """Lookup by tracking number: status and deadline, and once published the published
    texts (selectors.Consulta); never personal data, never the radicado echoed back.

    The number is sent by POST, never in the URL: a query string ends up in the access
    logs of gunicorn and of the proxy, in the browser's history and in shared links. A
    GET only shows the empty form (an old link with ?radicado= looks nothing up)."""
    form = ConsultaForm(request.POST if request.method == "POST" else None)
    resultado = None
    estado = 200
    if form.is_bound:
        if limites.excedido(request, "consultas"):
            form.is_valid()
            form.add_error(None, "Demasiadas consultas desde su conexión. Espere un rato.")
            estado = 429
        elif form.is_valid():
            resultado = selectors.consulta_por_radicado(
                radicado=form.cleaned_data["radicado"], hoy=timezone.localdate()
            )
            if resultado is None:
                form.add_error(
                    "radicado", "No encontramos una pregunta con ese número de radicado."
                )
                estado = 404
        else:
            estado = 400
    contexto = {"form": form, "resultado": resultado}
    return render(request, "dialogos/consulta.html", contexto, status=estado)


@require_GET
def respuestas(request):
    """The published questions and answers, newest first."""
    territorio = None
    if pedido := slug(request.GET.get("territorio")):
        territorio = Territorio.objects.filter(slug=pedido).first()
    preguntas = selectors.pagina(
        selectors.preguntas_publicadas(territorio=territorio), request.GET.get("pagina")
    )
    contexto = {
        "preguntas": preguntas,
        "territorio": territorio,
        "territorios": Territorio.objects.order_by("orden"),
        "informes": selectors.informes_para_publico(),
    }
    return render(request, "dialogos/respuestas.html", contexto)


@require_GET
def cobertura(request):
    pedido = request.GET.get("anio", "")
    if pedido:
        anio = entero(pedido, minimo=2000, maximo=2100)
        if anio is None:
            messages.error(request, "Año no válido.")
            return redirect("dialogos:cobertura")
    else:
        plan = plan_selectors.plan_vigente()
        anio = plan.vigencia if plan else timezone.localdate().year
    anios = sorted({p.vigencia for p in plan_selectors.planes_publicados()} | {anio}, reverse=True)
    return render(
        request,
        "dialogos/cobertura.html",
        {"cobertura": selectors.cobertura(anio=anio), "anios": anios},
    )


def descarga_informe(request, informe: informes.InformeDeRespuestas, formato: str):
    """The answers report as PDF or XLSX (`formato`, checked by the URL or the form)."""
    return documentos.descarga(
        request,
        formato=formato,
        nombre=informe.nombre,
        plantilla="dialogos/informes/respuestas.html",
        # The letterhead (entity, office) of a public document: a published plan's only.
        contexto={"informe": informe, "plan": plan_selectors.plan_vigente()},
        hojas=lambda: informes.hojas_respuestas(informe),
    )


@require_GET
def informe_publicado(request, pk, formato):
    """A published answers report: public, since it holds only published texts."""
    registro = get_object_or_404(selectors.informes_publicos().select_related("espacio"), pk=pk)
    # Built once per version of its data: many citizens asking for the same PDF render it once.
    return cache_publico.documento(
        request,
        version=selectors.version_de_informe_publico(registro),
        generar=lambda: descarga_informe(request, informes.informe_registrado(registro), formato),
    )
