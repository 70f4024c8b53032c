"""Form helpers every app uses: a service's errors on a form, and the public forms' honeypot."""

from django import forms
from django.core.exceptions import ValidationError

from nucleo.historial import ConflictoDeVersion, renovar_version


def aplicar_errores(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field when it names one.

    Services hold the rules and their messages (one rule, one message); a form shows
    what the service refused instead of repeating the check.
    """
    if hasattr(error, "error_dict"):
        for campo, errores in error.error_dict.items():
            form.add_error(campo if campo in form.fields else None, errores)
    else:
        form.add_error(None, error)
    if isinstance(error, ConflictoDeVersion):
        renovar_version(form, error.version)


# --- Honeypot of the public forms ----------------------------------------------
#
# One hidden field, the same on every public form (questions, surveys): people never
# see it (the templates hide it from screen readers too) and leave it empty; bots fill
# every field in.

CAMPO_TRAMPA = "sitio_web"
MENSAJE_TRAMPA = (
    "No pudimos recibir el formulario. Si usted es una persona, deje vacío el campo "
    "«Deje este campo vacío» y vuelva a enviarlo."
)


def campo_trampa() -> forms.CharField:
    return forms.CharField(
        label="Deje este campo vacío",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def revisar_trampa(datos: dict) -> None:
    """Refuse a form whose honeypot was filled in."""
    if datos.get(CAMPO_TRAMPA):
        raise ValidationError(MENSAJE_TRAMPA, code="trampa")
