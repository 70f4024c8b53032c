"""The citizens' side of encuestas: no account, no personal data.

- /encuestas/: the surveys open now and the published results;
- /encuestas/responder/<código>/: the answer form (the QR code's link);
- /encuestas/resultados/<código>/: a survey's results, only once OPGI
  published them, and never the free texts (they may hold personal data).

Abuse protection is dialogos' (one mechanism for every public form): its
honeypot field and its per-IP rate limit (dialogos.limites, group
«encuestas», setting ENCUESTAS_LIMITE_RESPUESTAS); on top, each form carries
a one-time token, so a refresh or a double click never counts twice.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from dialogos import limites
from plan.forms import aplicar_errores

from . import selectors, services
from .forms import RespuestaForm
from .models import Encuesta

GRUPO_LIMITE = "encuestas"
MENSAJE_LIMITE = (
    "Se han enviado demasiadas respuestas desde su conexión en poco tiempo. Espere un rato "
    "y vuelva a intentarlo, o pida un formato en papel; su respuesta no se guardó."
)


def _encuesta(codigo: str):
    encuesta = selectors.buscar_por_codigo(codigo)
    if encuesta is None:
        raise Http404("No existe esa encuesta.")
    return encuesta


@require_GET
def inicio(request):
    contexto = {
        "abiertas": selectors.encuestas_abiertas(),
        "publicadas": selectors.encuestas_publicadas(),
    }
    return render(request, "encuestas/inicio.html", contexto)


def _no_abierta(request, encuesta, estado: int):
    contexto = {"encuesta": encuesta, "ahora": timezone.now()}
    return render(request, "encuestas/no_abierta.html", contexto, status=estado)


@require_http_methods(["GET", "POST"])
def responder(request, codigo):
    encuesta = _encuesta(codigo)
    if not encuesta.abierta():
        return _no_abierta(request, encuesta, 200 if request.method == "GET" else 409)
    preguntas = services.preguntas_de(encuesta)
    estado = 200
    if request.method == "POST":
        form = RespuestaForm(request.POST, preguntas=preguntas)
        if limites.excedido(request, GRUPO_LIMITE):
            form.is_valid()
            form.add_error(None, MENSAJE_LIMITE)
            estado = 429
        elif form.is_valid():
            try:
                services.responder(
                    encuesta=encuesta,
                    respuestas=form.respuestas(),
                    testigo=request.POST.get("testigo", ""),
                    preguntas=preguntas,
                )
            except services.RespuestaRepetida:
                messages.info(request, "Su respuesta ya estaba registrada: no se contó dos veces.")
                return redirect("encuestas:gracias", codigo=encuesta.codigo)
            except ValidationError as error:
                if getattr(error, "code", None) == "cerrada":
                    return _no_abierta(request, encuesta, 409)
                aplicar_errores(form, error)
            else:
                return redirect("encuestas:gracias", codigo=encuesta.codigo)
        estado = estado if estado != 200 else 400
    else:
        form = RespuestaForm(preguntas=preguntas)
    contexto = {
        "encuesta": encuesta,
        "form": form,
        # A fresh one-time token for every form shown (nothing was stored with the old one).
        "testigo": services.nuevo_testigo(encuesta),
    }
    return render(request, "encuestas/responder.html", contexto, status=estado)


@require_GET
def gracias(request, codigo):
    return render(request, "encuestas/gracias.html", {"encuesta": _encuesta(codigo)})


@require_GET
def resultados_publicos(request, codigo):
    encuesta = _encuesta(codigo)
    if not encuesta.resultados_publicados:
        raise Http404("Los resultados de esta encuesta no están publicados.")
    datos = selectors.resultados(
        encuestas=Encuesta.objects.filter(pk=encuesta.pk), con_textos=False
    )
    return render(
        request, "encuestas/resultados_publicos.html", {"encuesta": encuesta, "resultados": datos}
    )
