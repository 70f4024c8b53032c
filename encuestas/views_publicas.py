"""The citizens' side of encuestas: no account, no personal data.

- /encuestas/: the surveys open now and the published results;
- /encuestas/responder/<código>/: the answer form (the QR code's link);
- /encuestas/resultados/<código>/: a survey's results, only once OPGI
  published them, and never the free texts (they may hold personal data).

Abuse protection is the core's (one mechanism for every public form): nucleo.formularios'
honeypot field and its per-IP rate limit (nucleo.limites, group
«encuestas», setting ENCUESTAS_LIMITE_RESPUESTAS); on top, each form carries
a one-time token, so a refresh or a double click never counts twice; a signed
cookie remembers the surveys this browser answered («ya respondió» after
Back); and each survey accepts at most `maximo_por_hora` answers per hour
from one address (encuestas.services.responder, HTTP 429).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from nucleo import limites
from nucleo.acceso import ip_cliente
from nucleo.formularios import aplicar_errores

from . import selectors, services
from .forms import RespuestaForm
from .models import MAXIMO_POR_HORA, Encuesta

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
    return render(request, "encuestas/no_abierta.html", {"encuesta": encuesta}, status=estado)


# The surveys this browser already answered, in a long-lived signed cookie (no account, no
# personal data: only the surveys' public codes). The Back button after «¡Gracias!» fetches
# the form again; with this cookie it gets «ya respondió», not a fresh one-time token.
COOKIE_RESPONDIDAS = "encuestas_respondidas"
SAL_RESPONDIDAS = "encuestas.respondidas"
DURACION_COOKIE = 365 * 24 * 60 * 60
MAXIMO_EN_COOKIE = 100  # the newest codes are kept; a cookie stays under 4 KB


def _respondidas(request) -> list[str]:
    valor = request.get_signed_cookie(
        COOKIE_RESPONDIDAS, default="", salt=SAL_RESPONDIDAS, max_age=DURACION_COOKIE
    )
    return [codigo for codigo in valor.split(",") if codigo]


def _recordar(request, respuesta, encuesta: Encuesta):
    codigos = [c for c in _respondidas(request) if c != encuesta.codigo] + [encuesta.codigo]
    respuesta.set_signed_cookie(
        COOKIE_RESPONDIDAS,
        ",".join(codigos[-MAXIMO_EN_COOKIE:]),
        salt=SAL_RESPONDIDAS,
        max_age=DURACION_COOKIE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return respuesta


def _ya_respondio(request, encuesta: Encuesta):
    respuesta = render(request, "encuestas/ya_respondio.html", {"encuesta": encuesta})
    return _recordar(request, respuesta, encuesta)


def ip_de(request) -> str:
    """The client's address behind the proxy (IP_CLIENTE_ENCABEZADO): the same function
    django-axes and django-ratelimit use, so the per-survey cap counts the same person."""
    return ip_cliente(request)


@require_http_methods(["GET", "POST"])
def responder(request, codigo):
    encuesta = _encuesta(codigo)
    if not encuesta.abierta():
        return _no_abierta(request, encuesta, 200 if request.method == "GET" else 409)
    if encuesta.codigo in _respondidas(request):
        return _ya_respondio(request, encuesta)
    estado = 200
    testigo = ""
    if request.method == "POST":
        testigo = request.POST.get("testigo", "")
        # Before anything about the answers: a used token (Back, then «Enviar» with the
        # answers blank or not) is «ya respondió», never a form with a fresh token.
        if services.testigo_usado(encuesta, testigo):
            return _ya_respondio(request, encuesta)
    preguntas = services.preguntas_de(encuesta)
    if request.method == "POST":
        form = RespuestaForm(request.POST, preguntas=preguntas)
        # The per-IP limit across every survey (nucleo.limites) stops one client from
        # spraying many surveys; a survey whose organisers raised its own hourly cap for an
        # in-person event (everyone on the venue's Wi-Fi) is bounded by that cap instead.
        evento = encuesta.maximo_por_hora > MAXIMO_POR_HORA
        if not evento and limites.excedido(request, GRUPO_LIMITE):
            form.is_valid()
            form.add_error(None, MENSAJE_LIMITE)
            estado = 429
        elif form.is_valid():
            try:
                services.responder(
                    encuesta=encuesta,
                    respuestas=form.respuestas(),
                    testigo=testigo,
                    ip=ip_de(request),
                    preguntas=preguntas,
                )
            except services.RespuestaRepetida:
                return _ya_respondio(request, encuesta)
            except services.DemasiadasRespuestas as error:
                form.add_error(None, str(error))
                estado = 429
            except ValidationError as error:
                if getattr(error, "code", None) == "cerrada":
                    return _no_abierta(request, encuesta, 409)
                aplicar_errores(form, error)
            else:
                destino = redirect("encuestas:gracias", codigo=encuesta.codigo)
                return _recordar(request, destino, encuesta)
        estado = estado if estado != 200 else 400
    else:
        form = RespuestaForm(preguntas=preguntas)
    contexto = {
        "encuesta": encuesta,
        "form": form,
        # The same token while it is valid and unused (nothing was stored with it), so
        # one form can never be counted twice; a fresh one only for a new form or a bad,
        # expired or foreign token.
        "testigo": testigo
        if testigo and services.testigo_valido(encuesta, testigo)
        else services.nuevo_testigo(encuesta),
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
