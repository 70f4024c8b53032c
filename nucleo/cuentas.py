"""Officials' passwords: forgotten (a link by e-mail) and changed, in the site's style.

Django's auth views do the work (tokens, validators, the session kept after a change);
this module only says where the pages are drawn, how the message goes out and how
often an address may ask:

- the reset link is not sent with Django's `send_mail` but stored and sent by
  `nucleo.correo.programar` (a background task, retried): an SMTP server that is down
  leaves the message pending instead of giving the user a 500;
- the «enviado» page is the same whether the address exists or not (Django's
  behaviour), so the form tells nobody which addresses have an account;
- the request form is rate-limited per IP (`nucleo.limites`, group «clave», setting
  CUENTAS_LIMITE_CLAVE), like the public forms: past the limit it answers 429;
- after a change the official lands on their own start page (LOGIN_REDIRECT_URL).
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse, reverse_lazy

from nucleo import correo, limites

GRUPO_LIMITE = "clave"
ASUNTO = "Restablecer su contraseña"
PLANTILLA = "correo/clave_olvidada"
MENSAJE_LIMITE = (
    "Se han pedido demasiados enlaces desde su conexión en poco tiempo. "
    "Espere un rato y vuelva a intentarlo."
)
MENSAJE_CAMBIADA = "Su contraseña se cambió."


def vigencia_del_enlace() -> str:
    """How long a reset link works (PASSWORD_RESET_TIMEOUT, seconds), said in Spanish."""
    segundos = int(settings.PASSWORD_RESET_TIMEOUT)
    dias, resto = divmod(segundos, 24 * 3600)
    if dias and not resto:
        return "1 día" if dias == 1 else f"{dias} días"
    horas = max(1, round(segundos / 3600))
    return "1 hora" if horas == 1 else f"{horas} horas"


class OlvideClaveForm(auth_forms.PasswordResetForm):
    """Django's reset form, whose message goes through nucleo.correo."""

    email = forms.EmailField(
        label="Correo electrónico",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        ruta = reverse(
            "password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        correo.programar(
            para=to_email,
            asunto=ASUNTO,
            plantilla=PLANTILLA,
            contexto={
                **context,
                "enlace": correo.enlace(ruta),
                "vigencia": vigencia_del_enlace(),
            },
        )


class CambiarClaveForm(auth_forms.PasswordChangeForm):
    """Django's change form with the site's wording."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": "La contraseña actual no es correcta. Escríbala de nuevo.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Contraseña actual"


class OlvideClaveView(auth_views.PasswordResetView):
    form_class = OlvideClaveForm
    template_name = "registration/clave_olvide.html"
    success_url = reverse_lazy("password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if limites.excedido(request, GRUPO_LIMITE):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, MENSAJE_LIMITE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


class OlvideClaveEnviadoView(auth_views.PasswordResetDoneView):
    template_name = "registration/clave_olvide_enviado.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "vigencia": vigencia_del_enlace()}


class ClaveNuevaView(auth_views.PasswordResetConfirmView):
    template_name = "registration/clave_nueva.html"
    success_url = reverse_lazy("password_reset_complete")


class ClaveNuevaListaView(auth_views.PasswordResetCompleteView):
    template_name = "registration/clave_nueva_lista.html"


class CambiarClaveView(auth_views.PasswordChangeView):
    """Change one's own password, then back to one's start page with a message."""

    form_class = CambiarClaveForm
    template_name = "registration/clave_cambiar.html"

    def get_success_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form: Any) -> HttpResponse:
        respuesta = super().form_valid(form)
        messages.success(self.request, MENSAJE_CAMBIADA)
        return respuesta


@login_required
def clave_cambiada(request: HttpRequest) -> HttpResponseRedirect:
    """Django's «password_change_done»: there is no such page, the start page says it."""
    return redirect(settings.LOGIN_REDIRECT_URL)
