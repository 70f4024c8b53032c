from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class PreferenciaNotificaciones(models.Model):
    """What e-mail a user accepts besides the notices of their own work (those always go)."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preferencia_notificaciones",
        verbose_name="usuario",
    )
    resumenes = models.BooleanField(
        "recibir los resúmenes de pendientes por correo",
        default=True,
        help_text="OPGI: cada día hábil. Oficinas: cada lunes y 10 días antes de cada corte. "
        "Control interno: cada lunes mientras haya cortes por cerrar.",
    )
    actualizada_en = models.DateTimeField("actualizada en", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "preferencia de notificaciones"
        verbose_name_plural = "preferencias de notificaciones"

    def __str__(self) -> str:
        return f"{self.usuario}: resúmenes {'sí' if self.resumenes else 'no'}"
