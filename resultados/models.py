"""What OPGI published of the results: a hearing's report (MURC) or a vigencia's.

The figures are computed from dialogos, encuestas and plan (resultados/selectors.py);
this app stores only the decision «these figures were reviewed and may go public»:
who published which report and when. Without its InformePublicado row a report is a
draft that only OPGI and Control interno download (resultados/permisos.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dialogos.models import EspacioDialogo
from nucleo.fechas import FECHA_MAXIMA, FECHA_MINIMA, MENSAJE_RANGO

MENSAJE_CLAVE = (
    "Un informe de audiencia indica solo la audiencia; uno de la estrategia, solo la vigencia."
)
MENSAJE_AUDIENCIA_YA = "El informe de esta audiencia ya está publicado."
MENSAJE_VIGENCIA_YA = "El informe de resultados de esta vigencia ya está publicado."


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = "informe de resultados publicado"
        verbose_name_plural = "informes de resultados publicados"
        ordering = ["-publicado_en", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(tipo="audiencia", espacio__isnull=False, vigencia__isnull=True)
                    | Q(tipo="estrategia", espacio__isnull=True, vigencia__isnull=False)
                ),
                name="informe_resultados_clave_segun_tipo",
                violation_error_message=MENSAJE_CLAVE,
            ),
            models.UniqueConstraint(
                fields=["tipo", "espacio"],
                condition=Q(tipo="audiencia"),
                name="informe_resultados_una_vez_por_audiencia",
                violation_error_message=MENSAJE_AUDIENCIA_YA,
            ),
            models.UniqueConstraint(
                fields=["tipo", "vigencia"],
                condition=Q(tipo="estrategia"),
                name="informe_resultados_una_vez_por_vigencia",
                violation_error_message=MENSAJE_VIGENCIA_YA,
            ),
        ]

    def __str__(self) -> str:
        if self.tipo == self.Tipo.AUDIENCIA:
            return f"{self.get_tipo_display()}: {self.espacio}"
        return f"{self.get_tipo_display()} {self.vigencia}"

    @property
    def es_de_audiencia(self) -> bool:
        return self.tipo == self.Tipo.AUDIENCIA
