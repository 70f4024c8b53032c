"""Administration of the plan: every model, with import/export of activities and offices."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import SelectableFieldsExportForm
from import_export.results import RowResult

from nucleo import archivos, documentos, historial
from nucleo.admin_base import AdminConHistorial, TabularSinBorrado
from nucleo.formularios import aplicar_errores
from nucleo.models import Entidad
from plan import cortes, fuentes, plantilla
from plan.models import (
    Actividad,
    ActividadResponsable,
    Avance,
    Componente,
    CortePlan,
    Evidencia,
    ImportacionPlan,
    ObservacionSeguimiento,
    Perfil,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)
from plan.resources import ActividadResource, ResponsableResource, prefetch_asignaciones


def resumen_errores(result) -> list[str]:
    """One Spanish line per problem of an import result, numbered as the spreadsheet's rows
    (the result already counts the header: plan.resources.ResultadoEnFilasDeHoja)."""
    lineas = [str(error.error) for error in result.base_errors]
    for numero, errores in result.row_errors():
        lineas += [f"Fila {numero} de la hoja: {error.error}" for error in errores]
    for fila in result.invalid_rows:
        for campo, mensajes in fila.error_dict.items():
            etiqueta = "" if campo == "__all__" else f"{campo}: "
            lineas += [
                f"Fila {fila.number} de la hoja: {etiqueta}{mensaje}" for mensaje in mensajes
            ]
    return lineas


class ExportacionForm(SelectableFieldsExportForm):
    """Each column to export is offered by its header in the file («Código»), not by its
    Python name («Codigo (Código)»)."""

    def _get_field_label(self, resource, field_name):
        campo = resource.fields.get(field_name)
        return campo.column_name if campo else field_name


class CSVConPuntoYComa(CSV):
    """CSV separated by «,» or by «;» (Excel in Spanish saves with «;»)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        encabezado = in_stream.split("\n", 1)[0]
        kwargs.setdefault(
            "delimiter", ";" if encabezado.count(";") > encabezado.count(",") else ","
        )
        return super().create_dataset(in_stream, **kwargs)


class XLSXConPorcentajes(XLSX):
    """XLSX whose percent cells read as people typed them: Excel stores «100 %» as 1 with
    a «%» number format, so such a cell reads as 100, never as a meta of 1 %."""

    def get_title(self):
        return "xlsx"

    def create_dataset(self, in_stream):
        import io

        import openpyxl
        import tablib

        libro = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        filas = libro.active.rows
        dataset = tablib.Dataset()
        dataset.headers = [celda.value for celda in next(filas, ())]
        for fila in filas:
            dataset.append([_valor_de_celda(celda) for celda in fila])
        return dataset


def _valor_de_celda(celda):
    valor = celda.value
    es_numero = isinstance(valor, int | float) and not isinstance(valor, bool)
    if es_numero and "%" in (getattr(celda, "number_format", "") or ""):
        return Decimal(str(valor)) * 100
    return valor


class ImportacionAdmin(AdminConHistorial, ImportExportModelAdmin):
    """Import/export in XLSX and CSV; a confirmation that fails writes nothing."""

    formats = [XLSX, CSVConPuntoYComa]
    import_formats = [XLSXConPorcentajes, CSVConPuntoYComa]
    export_form_class = ExportacionForm
    import_template_name = "admin/plan/importacion.html"
    to_encoding = "utf-8-sig"  # so that spreadsheet programs read the accents of a CSV
    from_encoding = "utf-8-sig"

    def get_export_filename(self, request, queryset, file_format):
        # import-export dates the file in UTC: after 19:00 in Bogotá it would say tomorrow.
        nombre = str(self.model._meta.verbose_name_plural).capitalize().replace(" ", "-")
        return f"{nombre}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "No se importó nada porque el archivo tiene errores: "
                + " · ".join(resumen_errores(result)),
            )
            info = self.get_model_info()
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info)))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totales = result.totals
        messages.success(
            request,
            f"Importación de {self.model._meta.verbose_name_plural} terminada. "
            f"Nuevos: {totales[RowResult.IMPORT_TYPE_NEW]}. "
            f"Actualizados: {totales[RowResult.IMPORT_TYPE_UPDATE]}. "
            f"Sin cambios: {totales[RowResult.IMPORT_TYPE_SKIP]}.",
        )


class CortesFormSet(forms.BaseInlineFormSet):
    """A plan's own cortes, checked together (plan.cortes.validar_cortes); the date of
    a closed corte stays as Control Interno froze it."""

    def clean(self):
        super().clean()
        vivos = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        for formulario in vivos:
            corte = formulario.instance
            if corte.pk and corte.cerrado and "fin" in formulario.changed_data:
                raise forms.ValidationError(MENSAJE_CORTE_CERRADO_SIN_CAMBIOS)
        fechas = [(f.cleaned_data.get("numero"), f.cleaned_data.get("fin")) for f in vivos]
        # A row with a bad number or date already shows its own error.
        if vivos and all(numero and fin for numero, fin in fechas):
            cortes.validar_cortes(self.instance.vigencia, fechas)


MENSAJE_CORTE_CERRADO_SIN_CAMBIOS = (
    "Un corte cerrado conserva su fecha: Control Interno debe reabrirlo antes de cambiarla."
)


class CortePlanInline(TabularSinBorrado):
    """The plan's follow-up cortes; none means the three cuatrimestres."""

    model = CortePlan
    formset = CortesFormSet
    fields = ("numero", "fin", "situacion")
    readonly_fields = ("situacion",)
    extra = 0
    verbose_name = "corte del seguimiento"
    verbose_name_plural = (
        "cortes del seguimiento (si no agrega ninguno: los tres cuatrimestres, "
        "al 30/04, 31/08 y 31/12)"
    )

    @admin.display(description="situación")
    def situacion(self, obj):
        if obj is None or obj.pk is None:
            return "Nuevo"
        return "Cerrado" if obj.cerrado else "Abierto"


class ComponenteInline(TabularSinBorrado):
    model = Componente
    fields = ("orden", "nombre")
    extra = 0


@admin.register(Plan)
class PlanAdmin(AdminConHistorial):
    list_display = (
        "vigencia",
        "entidad",
        "titulo",
        "instrumento",
        "publicado",
        "numero_actividades",
    )
    list_display_links = ("vigencia", "entidad")
    list_filter = ("publicado", "instrumento", "vigencia")
    search_fields = ("entidad__nombre", "titulo", "dependencia")
    ordering = ("-vigencia", "entidad__nombre")
    inlines = [CortePlanInline, ComponenteInline]
    actions = ["copiar_a_la_vigencia_siguiente"]
    # Publishing and the plan in force have their rules, history and log line in
    # plan/servicios_ciclo.py: they change on /planes/, not here.
    readonly_fields = ("publicado", "en_vigor", "ciclo_de_vida")

    @admin.display(description="publicación y plan en vigor")
    def ciclo_de_vida(self, obj):
        return format_html(
            "Se publica, se retira de la publicación y se marca como plan en vigor en "
            '<a href="{}">Planes: publicación y plan en vigor</a>.',
            reverse("planes"),
        )

    @admin.action(description="Copiar a la vigencia siguiente")
    def copiar_a_la_vigencia_siguiente(self, request, queryset):
        # The copy is previewed first, on its own page (plan/views_copia.py).
        if queryset.count() != 1:
            messages.warning(request, "Seleccione un solo plan para copiarlo.")
            return None
        return HttpResponseRedirect(reverse("copiar_plan", args=[queryset.get().pk]))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_actividades=Count("actividades"))

    @admin.display(description="actividades", ordering="total_actividades")
    def numero_actividades(self, obj):
        return obj.total_actividades


class SubcomponenteInline(TabularSinBorrado):
    model = Subcomponente
    fields = ("numero", "nombre")
    extra = 0


@admin.register(Componente)
class ComponenteAdmin(AdminConHistorial):
    list_display = ("nombre", "plan", "orden")
    list_filter = ("plan",)
    search_fields = ("nombre", "plan__entidad__nombre", "plan__titulo")
    ordering = ("-plan__vigencia", "plan__entidad__nombre", "orden", "nombre")
    list_select_related = ("plan",)
    inlines = [SubcomponenteInline]


@admin.register(Subcomponente)
class SubcomponenteAdmin(AdminConHistorial):
    list_display = ("numero", "nombre", "componente")
    list_display_links = ("numero", "nombre")
    list_filter = ("componente__plan", "componente")
    search_fields = ("nombre", "componente__nombre")
    ordering = ("-componente__plan__vigencia", "componente__orden", "numero")
    list_select_related = ("componente__plan",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["componente"].queryset = Componente.objects.select_related("plan")
        return form


class OficinasDeLaEntidad(admin.RelatedFieldListFilter):
    """An office filter that lists the offices of the filtered plan's entity, or of the
    site's entity (never another entity's «Secretaría de Gobierno»), in the same query."""

    def field_choices(self, field, request, model_admin):
        plan = request.GET.get("plan__id__exact") or request.GET.get("actividad__plan__id__exact")
        donde = (
            Q(entidad__planes__pk=plan)
            if plan and plan.isascii() and plan.isdigit()
            else Q(entidad__principal=True)
        )
        return [
            (oficina.pk, str(oficina))
            for oficina in Responsable.objects.filter(donde).order_by("nombre")
        ]


class ResponsableAdminForm(forms.ModelForm):
    """An office as people write it: its name (and sigla); a blank slug and tipo are
    filled by `Responsable.completar`."""

    class Meta:
        model = Responsable
        fields = ("entidad", "nombre", "sigla", "slug", "tipo")
        help_texts = {
            "slug": "Vacío: se toma de la sigla o del nombre.",
            "tipo": "Vacío: se deduce del nombre («Secretaría…», «Oficina…», «Comité…»).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for campo in ("slug", "tipo"):
            self.fields[campo].required = False


@admin.register(Responsable)
class ResponsableAdmin(ImportacionAdmin):
    form = ResponsableAdminForm
    resource_classes = [ResponsableResource]
    list_display = ("nombre", "sigla", "slug", "tipo", "entidad", "numero_actividades")
    list_filter = ("entidad", "tipo")
    list_select_related = ("entidad",)
    search_fields = ("nombre", "sigla", "slug")
    ordering = ("nombre",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_actividades=Count("asignaciones"))

    def get_changeform_initial_data(self, request):
        inicial = super().get_changeform_initial_data(request)
        if "entidad" not in inicial:
            inicial["entidad"] = Entidad.objects.del_sitio().pk
        return inicial

    @admin.display(description="actividades", ordering="total_actividades")
    def numero_actividades(self, obj):
        return obj.total_actividades


class ActividadResponsableInline(TabularSinBorrado):
    model = ActividadResponsable
    fields = ("orden", "responsable")
    autocomplete_fields = ("responsable",)
    ordering = ("orden", "id")
    extra = 0
    min_num = 1


class VentanaInline(TabularSinBorrado):
    model = Ventana
    fields = ("inicio", "fin")
    extra = 0
    min_num = 1


class ActividadAdminForm(forms.ModelForm):
    """The activity's change form, with optimistic concurrency: it carries the latest
    history id its user saw; if someone saved the activity meanwhile, the save is
    refused with who, when and what they changed, and the user's input stays."""

    version = historial.campo_version()

    class Meta:
        model = Actividad
        fields = (
            "subcomponente", "codigo", "descripcion", "producto", "meta_texto",
            "meta_cantidad", "meta_unidad", "meta_tipo", "fuente_avance",
        )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = historial.ultima_version(self.instance)

    def clean(self):
        datos = super().clean()
        if self.instance.pk and "version" not in self.errors:
            # The admin saves inside a transaction: lock the row until it does.
            Actividad.objects.select_for_update().filter(pk=self.instance.pk).exists()
            try:
                historial.exigir_version(self.instance, datos.get("version"), propuestos=datos)
            except historial.ConflictoDeVersion as conflicto:
                aplicar_errores(self, conflicto)
        return datos


@admin.register(Actividad)
class ActividadAdmin(ImportacionAdmin):
    form = ActividadAdminForm
    resource_classes = [ActividadResource]
    list_display = (
        "codigo", "descripcion_corta", "vigencia", "subcomponente_numero", "meta_texto",
        "meta_tipo", "lista_responsables",
    )  # fmt: skip
    list_display_links = ("codigo", "descripcion_corta")
    list_filter = (
        "plan", "subcomponente", ("responsables", OficinasDeLaEntidad), "meta_tipo",
        "fuente_avance",
    )  # fmt: skip
    search_fields = (
        "codigo", "descripcion", "producto", "meta_texto", "responsables__nombre",
        "responsables__sigla",
    )  # fmt: skip
    ordering = ("-plan__vigencia", "plan__entidad__nombre", "orden")
    list_select_related = ("plan", "subcomponente")
    inlines = [ActividadResponsableInline, VentanaInline]
    import_template_name = "admin/plan/actividad/import.html"

    def get_urls(self):
        return [
            path(
                "plantilla/",
                self.admin_site.admin_view(self.plantilla_view),
                name="plan_actividad_plantilla",
            ),
            *super().get_urls(),
        ]

    def plantilla_view(self, request):
        """The empty XLSX to import a new plan's activities (plan/plantilla.py)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return documentos.respuesta_xlsx(
            plantilla.plantilla_actividades(), "Plantilla-actividades-del-plan.xlsx"
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(prefetch_asignaciones())

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "fuente_avance":
            return forms.ChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=fuentes.opciones,
                required=False,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "subcomponente":
            kwargs["queryset"] = Subcomponente.objects.select_related("componente__plan")
        campo = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "subcomponente":
            campo.label_from_instance = lambda s: f"{s.componente.plan.vigencia} · {s}"
        return campo

    @admin.display(description="actividad", ordering="descripcion")
    def descripcion_corta(self, obj):
        return obj.descripcion if len(obj.descripcion) <= 90 else obj.descripcion[:89] + "…"

    @admin.display(description="vigencia", ordering="plan__vigencia")
    def vigencia(self, obj):
        return obj.plan.vigencia

    @admin.display(description="subcomponente", ordering="subcomponente__numero")
    def subcomponente_numero(self, obj):
        return obj.subcomponente.numero

    @admin.display(description="responsables")
    def lista_responsables(self, obj):
        return ", ".join(a.responsable.nombre_corto for a in obj.asignaciones.all())


@admin.register(ActividadResponsable)
class ActividadResponsableAdmin(AdminConHistorial):
    list_display = ("actividad", "responsable", "orden")
    list_filter = ("actividad__plan", ("responsable", OficinasDeLaEntidad))
    search_fields = ("actividad__codigo", "actividad__descripcion", "responsable__nombre")
    ordering = ("actividad__plan", "actividad__orden", "orden", "id")
    list_select_related = ("actividad", "responsable")
    autocomplete_fields = ("actividad", "responsable")


@admin.register(Ventana)
class VentanaAdmin(AdminConHistorial):
    list_display = ("actividad", "inicio", "fin")
    list_filter = ("actividad__plan", "actividad__subcomponente")
    search_fields = ("actividad__codigo", "actividad__descripcion")
    ordering = ("actividad__plan", "actividad__orden", "inicio", "fin")
    list_select_related = ("actividad",)
    autocomplete_fields = ("actividad",)
    date_hierarchy = "inicio"


class EvidenciaForm(forms.ModelForm):
    """An upload from the admin is checked like any other (nucleo.archivos)."""

    enlace = forms.URLField(label="enlace", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Evidencia
        fields = (
            "actividad", "descripcion", "archivo", "enlace", "estado", "comentario_revision",
            "publica",
        )  # fmt: skip

    def clean_archivo(self):
        archivo = self.cleaned_data.get("archivo")
        if archivo and "archivo" in self.changed_data:
            revisado = archivos.revisar_archivo(archivo)
            self.instance.sha256 = revisado.sha256
            self.instance.tamano = revisado.tamano
            self.instance.tipo_contenido = revisado.tipo_contenido
            self.instance.nombre_original = archivo.name[:255]
        return archivo


@admin.register(Evidencia)
class EvidenciaAdmin(AdminConHistorial):
    form = EvidenciaForm
    list_display = (
        "descripcion", "actividad", "estado", "publica", "tipo", "subida_por", "subida_en",
    )  # fmt: skip
    list_filter = ("estado", "publica", "actividad__plan")
    search_fields = ("descripcion", "nombre_original", "enlace", "actividad__codigo")
    ordering = ("-subida_en",)
    list_select_related = ("actividad", "subida_por")
    readonly_fields = (
        "nombre_original", "sha256", "tamano", "tipo_contenido", "subida_por", "subida_en",
        "revisada_por", "revisada_en",
    )  # fmt: skip
    autocomplete_fields = ("actividad",)
    date_hierarchy = "subida_en"

    def get_readonly_fields(self, request, obj=None):
        campos = super().get_readonly_fields(request, obj)
        # A stored file is never replaced in place: its fingerprint would go stale.
        return (*campos, "archivo") if obj and obj.archivo else campos

    def save_model(self, request, obj, form, change):
        if not change:
            obj.subida_por = request.user
        if change and {"estado", "comentario_revision"} & set(form.changed_data):
            obj.revisada_por, obj.revisada_en = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description="tipo")
    def tipo(self, obj):
        return "enlace" if obj.es_enlace else "archivo"


@admin.register(Perfil)
class PerfilAdmin(AdminConHistorial):
    list_display = ("usuario", "responsable")
    list_filter = (("responsable", OficinasDeLaEntidad),)
    search_fields = (
        "usuario__username", "usuario__first_name", "usuario__last_name", "usuario__email",
        "responsable__nombre", "responsable__sigla",
    )  # fmt: skip
    ordering = ("usuario__username",)
    list_select_related = ("usuario", "responsable")
    autocomplete_fields = ("usuario", "responsable")


@admin.register(Avance)
class AvanceAdmin(AdminConHistorial):
    """Read only: reports are written through plan.services, never edited or deleted."""

    list_display = ("actividad", "fecha", "cantidad", "reportado_por", "creado_en")
    list_filter = (
        "actividad__plan",
        ("actividad__responsables", OficinasDeLaEntidad),
        "actividad__subcomponente",
    )
    search_fields = ("actividad__codigo", "actividad__descripcion", "narrativa")
    ordering = ("-fecha", "-creado_en", "-pk")
    list_select_related = ("actividad", "reportado_por")
    date_hierarchy = "fecha"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ObservacionSeguimiento)
class ObservacionSeguimientoAdmin(AdminConHistorial):
    list_display = ("actividad", "corte", "texto_corto", "actualizada_por", "actualizada_en")
    list_filter = ("corte", "actividad__plan", ("actividad__responsables", OficinasDeLaEntidad))
    search_fields = ("actividad__codigo", "actividad__descripcion", "texto")
    ordering = ("actividad__plan", "actividad__orden", "corte")
    list_select_related = ("actividad", "actualizada_por")
    readonly_fields = ("actualizada_por", "actualizada_en")
    autocomplete_fields = ("actividad",)

    def save_model(self, request, obj, form, change):
        obj.actualizada_por = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="observaciones")
    def texto_corto(self, obj):
        return obj.texto if len(obj.texto) <= 80 else obj.texto[:79] + "…"


@admin.register(ImportacionPlan)
class ImportacionPlanAdmin(admin.ModelAdmin):
    """Read only: who imported which file into which plan (plan/views_importacion.py
    writes them). The file is downloaded through the admin, so only staff with the view
    permission gets it."""

    list_display = ("creada_en", "creada_por", "archivo_descarga", "plan", "estado")
    list_filter = ("instrumento", "vigencia")
    search_fields = ("nombre_archivo", "entidad", "creada_por__username")
    ordering = ("-creada_en",)
    list_select_related = ("creada_por", "plan")
    date_hierarchy = "creada_en"
    fields = (
        "archivo_descarga", "entidad", "instrumento", "vigencia", "titulo", "hoja", "mapeo",
        "ediciones", "creada_por", "creada_en", "plan", "importada_en", "estado",
    )  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        return [
            path(
                "<path:object_id>/archivo/",
                self.admin_site.admin_view(self.descargar_archivo),
                name="plan_importacionplan_archivo",
            ),
            *super().get_urls(),
        ]

    def descargar_archivo(self, request, object_id):
        importacion = self.get_object(request, object_id)
        if importacion is None or not self.has_view_permission(request, importacion):
            raise Http404("No existe esta importación o no tiene acceso a ella.")
        try:
            contenido = importacion.archivo.open("rb")
        except FileNotFoundError:
            raise Http404("El archivo de esta importación no está disponible.") from None
        respuesta = FileResponse(
            contenido,
            as_attachment=True,
            filename=importacion.nombre_archivo,
            content_type="application/octet-stream",
        )
        respuesta["X-Content-Type-Options"] = "nosniff"
        return respuesta

    @admin.display(description="archivo", ordering="nombre_archivo")
    def archivo_descarga(self, obj):
        enlace = reverse("admin:plan_importacionplan_archivo", args=[obj.pk])
        return format_html('<a href="{}" download>{}</a>', enlace, obj.nombre_archivo)

    @admin.display(description="estado")
    def estado(self, obj):
        if obj.importada and obj.importada_en:
            return f"Importada el {timezone.localtime(obj.importada_en):%d/%m/%Y %H:%M}"
        return "En curso (sin importar)"
