"""What OPGI published of the results: a hearing's report (MURC) or a vigencia's.

The figures are computed from dialogos, encuestas and plan (resultados/selectors.py).
Until OPGI publishes it a report is a draft, computed on each download, that only OPGI
and Control interno see (resultados/permisos.py). Publishing records who published
which report and when, and freezes it: its PDF and XLSX are rendered once and stored
with their SHA-256, and citizens download those files. The figures they read are the
ones OPGI reviewed, even if a question is answered or a survey response arrives later.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from simple_history.models import HistoricalRecords

from dialogos.models import EspacioDialogo
from nucleo.fechas import FECHA_MAXIMA, FECHA_MINIMA, MENSAJE_RANGO
from nucleo.models import ruta_unica
from plan.models import Plan

MENSAJE_CLAVE = (
    "Un informe de audiencia indica solo la audiencia; uno de la estrategia, su plan y vigencia."
)
MENSAJE_AUDIENCIA_YA = "El informe de esta audiencia ya está publicado."
MENSAJE_VIGENCIA_YA = "El informe de resultados de este plan ya está publicado."


def ruta_informe(_instancia: object, filename: str) -> str:
    return ruta_unica("resultados", filename)


class InformePublicado(models.Model):
    class Tipo(models.TextChoices):
        AUDIENCIA = "audiencia", "Informe de la audiencia pública"
        ESTRATEGIA = "estrategia", "Informe de resultados de la estrategia"

    tipo = models.CharField("tipo de informe", max_length=12, choices=Tipo.choices)
    espacio = models.ForeignKey(
        EspacioDialogo,
        on_delete=models.PROTECT,
        related_name="informes_de_resultados",
        verbose_name="audiencia",
        null=True,
        blank=True,
    )
    # A vigencia's report is its plan's: two entities (or a PAAC and a PTEP) of one
    # vigencia each publish theirs. The vigencia is kept beside it, as published.
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        related_name="informes_de_resultados",
        verbose_name="plan",
        null=True,
        blank=True,
    )
    vigencia = models.PositiveSmallIntegerField(
        "vigencia",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(FECHA_MINIMA.year, MENSAJE_RANGO),
            MaxValueValidator(FECHA_MAXIMA.year, MENSAJE_RANGO),
        ],
    )
    publicado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="informes_de_resultados",
        verbose_name="publicado por",
    )
    publicado_en = models.DateTimeField("publicado en")
    # The report as published (frozen): what every public download serves.
    nombre = models.CharField("nombre del archivo (sin extensión)", max_length=200)
    pdf = models.FileField("PDF publicado", upload_to=ruta_informe, max_length=300)
    sha256_pdf = models.CharField("SHA-256 del PDF", max_length=64)
    xlsx = models.FileField("XLSX publicado", upload_to=ruta_informe, max_length=300)
    sha256_xlsx = models.CharField("SHA-256 del XLSX", max_length=64)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "informe de resultados publicado"
        verbose_name_plural = "informes de resultados publicados"
        ordering = ["-publicado_en", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(tipo="audiencia", espacio__isnull=False, vigencia__isnull=True)
                    | Q(
                        tipo="estrategia",
                        espacio__isnull=True,
                        plan__isnull=False,
                        vigencia__isnull=False,
                    )
                ),
                name="informe_resultados_clave_del_tipo",
                violation_error_message=MENSAJE_CLAVE,
            ),
            models.UniqueConstraint(
                fields=["tipo", "espacio"],
                condition=Q(tipo="audiencia"),
                name="informe_resultados_una_vez_por_audiencia",
                violation_error_message=MENSAJE_AUDIENCIA_YA,
            ),
            models.UniqueConstraint(
                fields=["tipo", "plan"],
                condition=Q(tipo="estrategia"),
                name="informe_resultados_una_vez_por_plan",
                violation_error_message=MENSAJE_VIGENCIA_YA,
            ),
        ]

    def __str__(self) -> str:
        if self.tipo == self.Tipo.AUDIENCIA:
            return f"{self.get_tipo_display()}: {self.espacio}"
        return f"{self.get_tipo_display()}: {self.plan}"

    def archivo(self, formato: str) -> FieldFile:
        """The stored file of `formato` («pdf» or «xlsx»)."""
        return self.pdf if formato == "pdf" else self.xlsx

    @property
    def es_de_audiencia(self) -> bool:
        return self.tipo == self.Tipo.AUDIENCIA
