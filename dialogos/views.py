"""Staff pages of dialogos (login required): thin views over services and selectors.

Objects are fetched through dialogos.permisos' policies' `obtener` (404 for what the
user may not see, 403 for what they may see but not do); every write goes
through dialogos.services, which checks the permission again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nucleo import historial, paginacion
from nucleo.confirmacion import pedir_confirmacion
from nucleo.formularios import aplicar_errores
from nucleo.parametros import entero
from nucleo.roles import oficina_de
from plan import fuentes
from plan import selectors as plan_selectors
from plan import services as servicios_plan
from plan.models import Actividad
from plan.permisos import ACTIVIDADES
from plan.permisos import Accion as AccionPlan
from plan.views import respuesta_archivo

from . import informes as informes_dialogos
from . import metas, murc, permisos, selectors
from .forms import (
    AdjuntoForm,
    AlcanceInformeForm,
    AsignarForm,
    CancelarForm,
    ComplementoForm,
    CompromisoForm,
    ConvocatoriaForm,
    EspacioForm,
    FiltroEspaciosForm,
    FiltroPreguntasForm,
    FuenteForm,
    InformeForm,
    InformeGestionForm,
    PreguntaFormatoForm,
    ProrrogaForm,
    PublicarForm,
    RealizacionForm,
    ReclasificarForm,
    ResponderForm,
    SeguimientoCompromisoForm,
    SolicitudCompletarForm,
    TrasladoForm,
)
from .models import AdjuntoEspacio
from .permisos import Accion
from .services import compromisos as servicios_compromisos
from .services import espacios as servicios_espacios
from .services import informes as servicios_informes
from .services import plazos as servicios_plazos
from .services import preguntas as servicios_preguntas
from .views_publicas import descarga_informe


def _avisar_murc(request, avisos: list[murc.Aviso]) -> None:
    """The MURC's warnings after a save: the hearing was saved, the office decides."""
    for aviso in avisos:
        messages.warning(request, aviso.mensaje)


def _exigir_rol(request, accion: Accion = Accion.VER) -> None:
    if not permisos.ESPACIOS.puede(request.user, accion):
        raise PermissionDenied("Esta página es para el equipo de la Alcaldía con ese permiso.")


# --- Spaces -------------------------------------------------------------------


@login_required
def espacios(request):
    _exigir_rol(request)
    filtros = FiltroEspaciosForm(request.GET or None)
    lista = selectors.espacios_de_gestion(usuario=request.user, **filtros.filtros())
    contexto = {
        "pagina": selectors.pagina(lista, request.GET.get("pagina")),
        "filtros": filtros,
        "puede_programar": permisos.ESPACIOS.puede(request.user, Accion.PROGRAMAR_ESPACIO),
    }
    return render(request, "dialogos/gestion/espacios.html", contexto)


@login_required
def espacio_nuevo(request):
    _exigir_rol(request, Accion.PROGRAMAR_ESPACIO)
    if request.method == "POST":
        form = EspacioForm(request.POST, usuario=request.user)
        if form.is_valid():
            try:
                espacio = servicios_espacios.programar_espacio(
                    usuario=request.user, **form.datos_servicio()
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            except PermissionDenied as error:
                campo = "actividad" if "actividad" in str(error) else "oficinas"
                form.add_error(campo, str(error))
            else:
                messages.success(request, "Espacio programado y publicado en el cronograma.")
                _avisar_murc(request, murc.avisos_informe(espacio))
                return redirect("dialogos:gestion_espacio", pk=espacio.pk)
        return render(request, "dialogos/gestion/espacio_form.html", {"form": form}, status=400)
    oficina = oficina_de(request.user)
    form = EspacioForm(usuario=request.user, initial={"oficinas": [oficina] if oficina else []})
    return render(request, "dialogos/gestion/espacio_form.html", {"form": form})


@login_required
def espacio_editar(request, pk):
    espacio = permisos.ESPACIOS.obtener(request.user, pk, Accion.PROGRAMAR_ESPACIO)
    if request.method == "POST":
        form = EspacioForm(
            request.POST, usuario=request.user, actividad_actual=espacio.actividad_id
        )
        if form.is_valid():
            try:
                editado = servicios_espacios.editar_espacio(
                    espacio=espacio, usuario=request.user, **form.datos_servicio()
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            except PermissionDenied as error:
                form.add_error("actividad", str(error))
            else:
                messages.success(request, "Cambios guardados.")
                _avisar_murc(request, murc.avisos_informe(editado))
                return redirect("dialogos:gestion_espacio", pk=espacio.pk)
        contexto = {"form": form, "espacio": espacio}
        return render(request, "dialogos/gestion/espacio_form.html", contexto, status=400)
    contexto = {
        "form": EspacioForm.desde_espacio(espacio, usuario=request.user),
        "espacio": espacio,
    }
    return render(request, "dialogos/gestion/espacio_form.html", contexto)


def _contexto_espacio(request, espacio, **formularios):
    usuario = request.user
    return {
        "espacio": espacio,
        **selectors.espacio_de_gestion(espacio=espacio),
        "puede_programar": permisos.ESPACIOS.permite(usuario, Accion.PROGRAMAR_ESPACIO, espacio),
        "puede_cerrar": permisos.ESPACIOS.permite(usuario, Accion.CERRAR_ESPACIO, espacio),
        "puede_registrar": permisos.puede_registrar_formato(usuario, espacio),
        "form_cancelar": formularios.get("form_cancelar") or CancelarForm(),
        "form_realizacion": formularios.get("form_realizacion") or RealizacionForm(),
        "form_compromiso": formularios.get("form_compromiso") or CompromisoForm(),
        "form_adjunto": formularios.get("form_adjunto") or AdjuntoForm(),
        "avisos_murc": murc.avisos(espacio),
        "puede_ciclo": espacio.admite_ciclo
        and permisos.ESPACIOS.permite(usuario, Accion.REGISTRAR_CICLO, espacio),
        "form_informe_gestion": formularios.get("form_informe_gestion")
        or InformeGestionForm.desde_espacio(espacio),
        "form_convocatoria": formularios.get("form_convocatoria")
        or ConvocatoriaForm.desde_espacio(espacio),
        "ahora": timezone.now(),
        "puede_ver_historial": permisos.ESPACIOS.puede(usuario, Accion.VER_HISTORIAL),
    }


@login_required
def espacio_gestion(request, pk):
    espacio = permisos.ESPACIOS.obtener(request.user, pk)
    return render(request, "dialogos/gestion/espacio.html", _contexto_espacio(request, espacio))


def _accion_sobre_espacio(
    request, pk, accion, form_class, nombre_form, hacer, exito, avisos=None, confirmar=None
):
    """The POST pattern of the space page: validate, call the service, redirect or show errors.

    `avisos(espacio)`: the MURC warnings to show after the save (dialogos.murc).
    `confirmar(espacio)`: for a final action, the keyword arguments of
    `nucleo.confirmacion.pedir_confirmacion`; a valid form is acted on only once confirmed."""
    espacio = permisos.ESPACIOS.obtener(request.user, pk, accion)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        if confirmar is not None:
            pagina = pedir_confirmacion(
                request,
                volver=reverse("dialogos:gestion_espacio", args=[espacio.pk]),
                **confirmar(espacio),
            )
            if pagina is not None:
                return pagina
        try:
            resultado = hacer(espacio, form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, exito)
            if avisos is not None:
                _avisar_murc(request, avisos(resultado))
            return redirect("dialogos:gestion_espacio", pk=espacio.pk)
    contexto = _contexto_espacio(request, espacio, **{nombre_form: form})
    return render(request, "dialogos/gestion/espacio.html", contexto, status=400)


@login_required
@require_POST
def espacio_cancelar(request, pk):
    return _accion_sobre_espacio(
        request,
        pk,
        Accion.PROGRAMAR_ESPACIO,
        CancelarForm,
        "form_cancelar",
        lambda espacio, datos: servicios_espacios.cancelar_espacio(
            espacio=espacio, usuario=request.user, **datos
        ),
        "Espacio cancelado. El cronograma y los calendarios suscritos lo muestran cancelado.",
        confirmar=lambda espacio: {
            "titulo": f"¿Cancelar el espacio «{espacio.titulo}»?",
            "mensaje": "Esta acción no se puede deshacer.",
            "consecuencias": [
                "El cronograma público y los calendarios suscritos lo mostrarán cancelado.",
                "No se podrá registrar como realizado ni cambiar su programación.",
            ],
            "boton": "Sí, cancelar el espacio",
        },
    )


@login_required
@require_POST
def espacio_realizacion(request, pk):
    return _accion_sobre_espacio(
        request,
        pk,
        Accion.CERRAR_ESPACIO,
        RealizacionForm,
        "form_realizacion",
        lambda espacio, datos: servicios_espacios.registrar_realizacion(
            espacio=espacio, usuario=request.user, **datos
        ),
        "Espacio registrado como realizado.",
        murc.avisos,
        confirmar=lambda espacio: {
            "titulo": f"¿Registrar «{espacio.titulo}» como realizado?",
            "mensaje": "Esta acción no se puede deshacer.",
            "consecuencias": [
                "El acta y el número de asistentes quedan registrados tal como los escribió.",
                "El espacio ya no se podrá cancelar ni reprogramar.",
            ],
            "boton": "Sí, registrar como realizado",
            "peligro": False,
        },
    )


@login_required
@require_POST
def espacio_informe_gestion(request, pk):
    return _accion_sobre_espacio(
        request,
        pk,
        Accion.REGISTRAR_CICLO,
        InformeGestionForm,
        "form_informe_gestion",
        lambda espacio, datos: servicios_espacios.registrar_informe_gestion(
            espacio=espacio, usuario=request.user, **datos
        ),
        "Informe de gestión registrado; la página pública de la audiencia lo muestra.",
        murc.avisos_informe,
    )


@login_required
@require_POST
def espacio_convocatoria(request, pk):
    return _accion_sobre_espacio(
        request,
        pk,
        Accion.REGISTRAR_CICLO,
        ConvocatoriaForm,
        "form_convocatoria",
        lambda espacio, datos: servicios_espacios.registrar_convocatoria(
            espacio=espacio, usuario=request.user, **datos
        ),
        "Convocatoria registrada; la página pública de la audiencia la muestra.",
    )


@login_required
@require_POST
def compromiso_nuevo(request, pk):
    return _accion_sobre_espacio(
        request,
        pk,
        Accion.CERRAR_ESPACIO,
        CompromisoForm,
        "form_compromiso",
        lambda espacio, datos: servicios_compromisos.agregar_compromiso(
            espacio=espacio, usuario=request.user, **datos
        ),
        "Compromiso registrado.",
    )


@login_required
@require_POST
def adjunto_nuevo(request, pk):
    return _accion_sobre_espacio(
        request,
        pk,
        Accion.CERRAR_ESPACIO,
        AdjuntoForm,
        "form_adjunto",
        lambda espacio, datos: servicios_espacios.subir_adjunto(
            espacio=espacio, usuario=request.user, **datos
        ),
        "Archivo adjuntado.",
    )


@login_required
def adjunto_descargar(request, pk):
    try:
        adjunto = AdjuntoEspacio.objects.get(
            pk=pk, espacio__in=permisos.ESPACIOS.instancias_para(request.user, Accion.VER)
        )
    except AdjuntoEspacio.DoesNotExist:
        raise Http404("No existe el adjunto o no tiene acceso a él.") from None
    return respuesta_archivo(adjunto)


# --- Commitments --------------------------------------------------------------


@login_required
def compromisos(request):
    _exigir_rol(request)
    lista = (
        permisos.COMPROMISOS.instancias_para(request.user, Accion.VER)
        .select_related("espacio", "responsable")
        .order_by("estado", "fecha_limite", "pk")
    )
    seguibles = set(
        permisos.COMPROMISOS.instancias_para(request.user, Accion.SEGUIR_COMPROMISO).values_list(
            "pk", flat=True
        )
    )
    contexto = {
        "pagina": selectors.pagina(lista, request.GET.get("pagina")),
        "seguibles": seguibles,
        "hoy": timezone.localdate(),
    }
    return render(request, "dialogos/gestion/compromisos.html", contexto)


@login_required
@require_POST
def compromiso_seguimiento(request, pk):
    compromiso = permisos.COMPROMISOS.obtener(request.user, pk, Accion.SEGUIR_COMPROMISO)
    form = SeguimientoCompromisoForm(request.POST)
    if form.is_valid():
        servicios_compromisos.actualizar_compromiso(
            compromiso=compromiso, usuario=request.user, **form.cleaned_data
        )
        messages.success(request, "Seguimiento del compromiso guardado.")
    else:
        messages.error(request, "Elija un estado de seguimiento válido.")
    return redirect("dialogos:compromisos")


# --- Questions ----------------------------------------------------------------


@login_required
def preguntas(request):
    _exigir_rol(request)
    es_oficina = oficina_de(request.user) is not None
    filtros = FiltroPreguntasForm(request.GET or None, con_oficina=not es_oficina)
    tablero = selectors.tablero_preguntas(
        usuario=request.user,
        hoy=timezone.localdate(),
        numero_pagina=request.GET.get("pagina"),
        **filtros.filtros(),
    )
    contexto = {
        "tablero": tablero,
        "filtros": filtros,
        "oficina": oficina_de(request.user),
        "puede_registrar": permisos.ESPACIOS.puede(request.user, Accion.REGISTRAR_PREGUNTA),
    }
    return render(request, "dialogos/gestion/preguntas.html", contexto)


@login_required
def pregunta_nueva(request):
    """Type in a paper form filled at an event."""
    _exigir_rol(request, Accion.REGISTRAR_PREGUNTA)
    espacios = permisos.ESPACIOS.instancias_para(request.user, Accion.REGISTRAR_PREGUNTA).order_by(
        "-inicio"
    )
    if request.method == "POST":
        form = PreguntaFormatoForm(request.POST, espacios=espacios)
        if form.is_valid():
            try:
                pregunta = servicios_preguntas.registrar_pregunta_formato(
                    usuario=request.user, **form.datos_servicio()
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            except PermissionDenied as error:
                form.add_error("espacio", str(error))
            else:
                messages.success(
                    request, f"Pregunta registrada con el radicado {pregunta.radicado}."
                )
                return redirect("dialogos:pregunta_nueva")
        return render(request, "dialogos/gestion/pregunta_form.html", {"form": form}, status=400)
    inicial = {"recibida_el": timezone.localdate()}
    if (espacio := entero(request.GET.get("espacio"))) is not None:
        inicial["espacio"] = espacio
    form = PreguntaFormatoForm(initial=inicial, espacios=espacios)
    return render(request, "dialogos/gestion/pregunta_form.html", {"form": form})


def _contexto_pregunta(request, pregunta, **formularios):
    usuario = request.user

    def puede(accion: Accion) -> bool:
        return permisos.PREGUNTAS.permite(usuario, accion, pregunta)

    detalle = selectors.detalle_de_pregunta(pregunta)
    return {
        "pregunta": pregunta,
        # From the calendar and the events, never a stale stored date.
        "plazo": selectors.plazo_de(pregunta, timezone.localdate(), detalle.calculo.vence_el),
        "detalle": detalle,
        "puede_reclasificar": puede(Accion.RECLASIFICAR_PREGUNTA),
        "puede_prorrogar": puede(Accion.PRORROGAR_PLAZO),
        "puede_trasladar": puede(Accion.TRASLADAR_PREGUNTA),
        "puede_solicitar_completar": puede(Accion.SOLICITAR_COMPLETAR),
        "form_reclasificar": formularios.get("form_reclasificar") or ReclasificarForm(),
        "form_prorroga": formularios.get("form_prorroga") or ProrrogaForm(),
        "form_traslado": formularios.get("form_traslado") or TrasladoForm(),
        "form_completar": formularios.get("form_completar") or SolicitudCompletarForm(),
        "form_complemento": formularios.get("form_complemento") or ComplementoForm(),
        "puede_asignar": permisos.PREGUNTAS.permite(usuario, Accion.ASIGNAR_PREGUNTA, pregunta),
        "puede_responder": permisos.PREGUNTAS.permite(usuario, Accion.RESPONDER_PREGUNTA, pregunta),
        "puede_publicar": permisos.PREGUNTAS.permite(usuario, Accion.PUBLICAR_PREGUNTA, pregunta),
        "form_asignar": formularios.get("form_asignar")
        or AsignarForm(initial={"oficina": pregunta.oficina_id}),
        "form_responder": formularios.get("form_responder")
        or ResponderForm(initial={"version": historial.ultima_version(pregunta)}),
        "puede_ver_historial": permisos.PREGUNTAS.puede(usuario, Accion.VER_HISTORIAL),
        "form_publicar": formularios.get("form_publicar")
        or PublicarForm(
            initial={"texto_publico": pregunta.texto, "respuesta_publica": pregunta.respuesta}
        ),
    }


@login_required
def pregunta(request, pk):
    pregunta = permisos.PREGUNTAS.obtener(request.user, pk)
    return render(request, "dialogos/gestion/pregunta.html", _contexto_pregunta(request, pregunta))


def _accion_sobre_pregunta(
    request, pk, accion, form_class, nombre_form, hacer, exito, confirmar=None
):
    pregunta = permisos.PREGUNTAS.obtener(request.user, pk, accion)
    form = form_class(request.POST)
    if form.is_valid():
        if confirmar is not None:
            pagina = pedir_confirmacion(
                request, volver=reverse("dialogos:pregunta", args=[pregunta.pk]), **confirmar
            )
            if pagina is not None:
                return pagina
        try:
            hacer(pregunta, form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(request, exito)
            return redirect("dialogos:pregunta", pk=pregunta.pk)
    contexto = _contexto_pregunta(request, pregunta, **{nombre_form: form})
    return render(request, "dialogos/gestion/pregunta.html", contexto, status=400)


@login_required
@require_POST
def pregunta_asignar(request, pk):
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.ASIGNAR_PREGUNTA,
        AsignarForm,
        "form_asignar",
        lambda pregunta, datos: servicios_preguntas.asignar_pregunta(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Pregunta asignada.",
    )


@login_required
@require_POST
def pregunta_responder(request, pk):
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.RESPONDER_PREGUNTA,
        ResponderForm,
        "form_responder",
        lambda pregunta, datos: servicios_preguntas.responder_pregunta(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Respuesta guardada. OPGI la revisará para publicarla.",
    )


@login_required
@require_POST
def pregunta_publicar(request, pk):
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.PUBLICAR_PREGUNTA,
        PublicarForm,
        "form_publicar",
        lambda pregunta, datos: servicios_preguntas.publicar_pregunta(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Pregunta y respuesta publicadas, sin datos personales.",
        confirmar={
            "titulo": "¿Publicar esta pregunta y su respuesta?",
            "mensaje": "Los textos quedarán a la vista de la ciudadanía en «Respuestas».",
            "consecuencias": [
                "Se publican los textos tal como los dejó, nunca el nombre ni el contacto.",
                "Revise antes que no contengan datos personales.",
            ],
            "boton": "Sí, publicar",
            "peligro": False,
        },
    )


@login_required
@require_POST
def pregunta_reclasificar(request: HttpRequest, pk: int) -> HttpResponse:
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.RECLASIFICAR_PREGUNTA,
        ReclasificarForm,
        "form_reclasificar",
        lambda pregunta, datos: servicios_plazos.reclasificar_pregunta(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Pregunta reclasificada; su vencimiento se recalculó.",
    )


@login_required
@require_POST
def pregunta_prorrogar(request: HttpRequest, pk: int) -> HttpResponse:
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.PRORROGAR_PLAZO,
        ProrrogaForm,
        "form_prorroga",
        lambda pregunta, datos: servicios_plazos.prorrogar_plazo(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Plazo prorrogado.",
    )


@login_required
@require_POST
def pregunta_trasladar(request: HttpRequest, pk: int) -> HttpResponse:
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.TRASLADAR_PREGUNTA,
        TrasladoForm,
        "form_traslado",
        lambda pregunta, datos: servicios_plazos.trasladar_pregunta(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Pregunta trasladada.",
    )


@login_required
@require_POST
def pregunta_solicitar_completar(request: HttpRequest, pk: int) -> HttpResponse:
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.SOLICITAR_COMPLETAR,
        SolicitudCompletarForm,
        "form_completar",
        lambda pregunta, datos: servicios_plazos.solicitar_completar(
            pregunta=pregunta, usuario=request.user, **datos
        ),
        "Se pidió completar la petición; el término queda suspendido.",
    )


@login_required
@require_POST
def pregunta_completada(request: HttpRequest, pk: int) -> HttpResponse:
    return _accion_sobre_pregunta(
        request,
        pk,
        Accion.SOLICITAR_COMPLETAR,
        ComplementoForm,
        "form_complemento",
        lambda pregunta, datos: servicios_plazos.registrar_complemento(
            pregunta=pregunta, usuario=request.user
        ),
        "Petición completada; el término vuelve a correr.",
    )


# --- Reports and automatic metas ----------------------------------------------


def _pagina_informes(request, *, form=None, form_alcance=None, estado=200):
    if form is None and permisos.INFORMES.puede(request.user, Accion.GESTIONAR_INFORMES):
        form = InformeForm(initial={"publicado_el": timezone.localdate()})
    contexto = {
        "informes": selectors.informes(),
        "form": form,
        "form_alcance": form_alcance or AlcanceInformeForm(),
    }
    return render(request, "dialogos/gestion/informes.html", contexto, status=estado)


@login_required
def informes(request):
    """The published answer reports; OPGI records a new one (meta 3.4)."""
    _exigir_rol(request)
    if request.method != "POST":
        return _pagina_informes(request)
    _exigir_rol(request, Accion.GESTIONAR_INFORMES)
    form = InformeForm(request.POST)
    if form.is_valid():
        try:
            servicios_informes.registrar_informe(usuario=request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
        else:
            messages.success(
                request, "Informe registrado como publicado: suma a la meta de informes."
            )
            return redirect("dialogos:informes")
    return _pagina_informes(request, form=form, estado=400)


@login_required
def informe_alcance(request):
    """Download the answers report of any period or space (PDF or XLSX)."""
    _exigir_rol(request)
    form = AlcanceInformeForm(request.GET or None)
    if not form.is_valid():
        return _pagina_informes(request, form_alcance=form, estado=400)
    datos = form.cleaned_data
    informe = informes_dialogos.informe_respuestas(
        espacio=datos["espacio"], desde=datos["desde"], hasta=datos["hasta"]
    )
    return descarga_informe(request, informe, datos["formato"])


@login_required
def metas_automaticas(request):
    """OPGI switches the dialogue activities between hand-typed and automatic progress."""
    if not ACTIVIDADES.puede(request.user, AccionPlan.CAMBIAR_FUENTE_AVANCE):
        raise PermissionDenied("Esta página es para el equipo de la Alcaldía con ese permiso.")
    plan = plan_selectors.plan_vigente(solo_publicados=False)
    if plan is None:
        raise Http404("Todavía no hay ningún plan.")
    if request.method == "POST":
        try:
            actividad = Actividad.objects.get(plan=plan, pk=request.POST.get("actividad"))
        except (Actividad.DoesNotExist, ValueError):
            raise Http404("No existe esa actividad en el plan.") from None
        form = FuenteForm(request.POST)
        if form.is_valid():
            servicios_plan.cambiar_fuente_avance(
                actividad=actividad, usuario=request.user, fuente=form.cleaned_data["fuente"]
            )
            messages.success(
                request, f"Fuente del avance de la actividad {actividad.codigo} guardada."
            )
        else:
            messages.error(request, "Elija una fuente de avance válida.")
        return redirect("dialogos:metas")
    actividades = plan_selectors.actividades_con_detalle(plan=plan).filter(
        codigo__in=metas.SUGERIDAS.keys()
    )
    filas = plan_selectors.seguimiento(actividades=actividades, fecha=timezone.localdate())
    contexto = {
        "plan": plan,
        "filas": [
            (
                fila,
                FuenteForm(
                    initial={"fuente": fila.actividad.fuente_avance},
                    auto_id=f"id_%s_{fila.actividad.pk}",
                ),
                fuentes.fuente(metas.SUGERIDAS.get(fila.actividad.codigo, "")),
            )
            for fila in filas
        ],
    }
    return render(request, "dialogos/gestion/metas.html", contexto)


# --- History ------------------------------------------------------------------


@login_required
def espacio_historial(request, pk):
    espacio = permisos.ESPACIOS.obtener(request.user, pk, Accion.VER_HISTORIAL)
    contexto = {
        "titulo": espacio.titulo,
        "descripcion": "Quién cambió qué y cuándo en el espacio, sus compromisos y adjuntos.",
        "volver": reverse("dialogos:gestion_espacio", args=[espacio.pk]),
        "pagina": paginacion.pagina(
            selectors.historial_de_espacio(espacio), request.GET.get("pagina")
        ),
    }
    return render(request, "dialogos/gestion/historial.html", contexto)


@login_required
def pregunta_historial(request, pk):
    pregunta = permisos.PREGUNTAS.obtener(request.user, pk, Accion.VER_HISTORIAL)
    contexto = {
        "titulo": f"pregunta {pregunta.radicado}",
        "descripcion": (
            "Quién cambió qué y cuándo en la pregunta. Los datos personales de quien "
            "pregunta no se muestran (Ley 1581 de 2012)."
        ),
        "volver": reverse("dialogos:pregunta", args=[pregunta.pk]),
        "pagina": paginacion.pagina(
            selectors.historial_de_pregunta(pregunta), request.GET.get("pagina")
        ),
    }
    return render(request, "dialogos/gestion/historial.html", contexto)
