"""Administration of encuestas: every model, with Spanish names.

The day-to-day work (questionnaires, surveys, paper entry, publishing
results) happens in the staff pages under /encuestas/gestion/, whose
services enforce the rules; the admin is for looking things up and for
corrections by OPGI. Responses are evidence of meta 3.1: they are read-only
here (never edited, never added by hand).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count

from nucleo.admin_base import AdminConHistorial, TabularSinBorrado

from . import permisos, services
from .models import Cuestionario, Encuesta, Opcion, PreguntaEncuesta, Respuesta, ValorRespuesta
from .permisos import Accion


class PreguntaInline(TabularSinBorrado):
    model = PreguntaEncuesta
    extra = 0
    fields = ["orden", "tipo", "texto", "obligatoria"]
    show_change_link = True


@admin.register(Cuestionario)
class CuestionarioAdmin(AdminConHistorial):
    list_display = ["nombre", "predeterminado", "num_preguntas", "creado_en"]
    list_filter = ["predeterminado"]
    search_fields = ["nombre"]
    readonly_fields = ["creado_por", "creado_en"]
    inlines = [PreguntaInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_num_preguntas=Count("preguntas"))

    @admin.display(description="preguntas", ordering="_num_preguntas")
    def num_preguntas(self, obj):
        return obj._num_preguntas


class OpcionInline(TabularSinBorrado):
    model = Opcion
    extra = 0
    fields = ["orden", "texto", "valor"]


@admin.register(PreguntaEncuesta)
class PreguntaEncuestaAdmin(AdminConHistorial):
    list_display = ["texto", "cuestionario", "orden", "tipo", "obligatoria"]
    list_filter = ["cuestionario", "tipo"]
    search_fields = ["texto"]
    list_select_related = ["cuestionario"]
    inlines = [OpcionInline]


@admin.register(Encuesta)
class EncuestaAdmin(AdminConHistorial):
    """Look-ups and corrections; the rules are the services'.

    Surveys are created on /encuestas/gestion/nueva/ (not here: the service checks the
    questionnaire, the space and who may link it). Publishing or withdrawing the
    results, with the checkbox or the list's actions, goes through
    services.publicar_resultados, which checks the permission and records who and when
    (it answered 500 here before: the publication date was left empty).
    """

    list_display = [
        "__str__",
        "espacio",
        "cuestionario",
        "abre_en",
        "cierra_en",
        "num_respuestas",
        "resultados_publicados",
    ]
    list_filter = ["resultados_publicados", "cuestionario"]
    search_fields = ["titulo", "espacio__titulo", "codigo"]
    list_select_related = ["espacio", "cuestionario"]
    readonly_fields = [
        "codigo",
        "espacio",
        "cuestionario",
        "creada_por",
        "creada_en",
        "publicados_en",
        "publicados_por",
    ]
    actions = ["publicar", "retirar"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_num_respuestas=Count("respuestas"))

    @admin.display(description="respuestas", ordering="_num_respuestas")
    def num_respuestas(self, obj):
        return obj._num_respuestas

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change, **kwargs)
        usuario = request.user

        class FormularioEncuesta(formulario):
            def clean(self):
                datos = super().clean()
                if "resultados_publicados" in self.changed_data and not (
                    permisos.ENCUESTAS.permite(usuario, Accion.PUBLICAR_RESULTADOS, self.instance)
                ):
                    self.add_error(
                        "resultados_publicados",
                        "Solo OPGI publica o retira los resultados de las encuestas.",
                    )
                return datos

        return FormularioEncuesta

    def save_model(self, request, obj, form, change):
        if "resultados_publicados" not in form.changed_data:
            return super().save_model(request, obj, form, change)
        publicar = obj.resultados_publicados
        obj.resultados_publicados = not publicar  # saved as it was; the service changes it
        super().save_model(request, obj, form, change)
        services.publicar_resultados(usuario=request.user, encuesta=obj, publicar=publicar)

    def _publicacion(self, request, queryset, *, publicar: bool) -> None:
        cambiadas, negadas = 0, 0
        for encuesta in queryset:
            if not encuesta.admite("publicar" if publicar else "retirar"):
                continue  # already in that state
            try:
                services.publicar_resultados(
                    usuario=request.user, encuesta=encuesta, publicar=publicar
                )
            except PermissionDenied:
                negadas += 1
            else:
                cambiadas += 1
        if cambiadas:
            verbo = "publicaron" if publicar else "retiraron"
            self.message_user(request, f"Se {verbo} los resultados de {cambiadas} encuesta(s).")
        if negadas:
            self.message_user(
                request,
                f"{negadas} encuesta(s) sin cambio: solo OPGI publica o retira resultados.",
                level=messages.ERROR,
            )

    @admin.action(description="Publicar los resultados de las encuestas seleccionadas")
    def publicar(self, request, queryset):
        self._publicacion(request, queryset, publicar=True)

    @admin.action(description="Retirar los resultados de las encuestas seleccionadas")
    def retirar(self, request, queryset):
        self._publicacion(request, queryset, publicar=False)


class ValorInline(TabularSinBorrado):
    model = ValorRespuesta
    extra = 0
    can_delete = False
    fields = ["pregunta", "opcion", "texto"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Respuesta)
class RespuestaAdmin(AdminConHistorial):
    list_display = ["pk", "encuesta", "canal", "fecha", "registrada_en", "registrada_por"]
    list_filter = ["canal", "fecha", "encuesta"]
    list_select_related = ["encuesta__espacio", "registrada_por"]
    date_hierarchy = "fecha"
    fields = ["encuesta", "canal", "fecha", "registrada_en", "registrada_por"]
    readonly_fields = fields
    inlines = [ValorInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
