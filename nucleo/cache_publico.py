"""Public files and pages cached by the version of their data.

A public download (an open dataset, a published report) or an anonymous page is
built once per version of its data and then served from Django's cache (the
database, or Redis with REDIS_URL: shared by every server). The version is a
key that changes whenever its data does — the latest history date of its tables,
the day for what is computed for the day —, so nothing is ever invalidated by
hand and a stale copy is never served: a change makes a new key, the old one
expires.

The same key is the response's ETag, with its Last-Modified and
`Cache-Control: public, max-age=…`: a browser, a proxy or a CDN may keep it and
revalidate it (If-None-Match → 304 without building anything).
"""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date


def segundos_en_el_cliente() -> int:
    """max-age of a public download: how long a client or proxy may skip revalidating."""
    return getattr(settings, "CACHE_PUBLICO_SEGUNDOS", 300)


def segundos_en_cache() -> int:
    """How long a built version is kept (a newer version makes a new key anyway)."""
    return getattr(settings, "CACHE_PUBLICO_DURACION", 24 * 3600)


def huella(*partes: object) -> str:
    """A short stable digest of the parts of a version."""
    return hashlib.sha256("|".join(map(str, partes)).encode()).hexdigest()[:32]


def _etag(version: str) -> str:
    return f'"{version}"'


def condicional(
    request: HttpRequest, *, version: str, modificado: datetime | None
) -> HttpResponse | None:
    """304 (or 412) when the client already holds this version, else None."""
    respuesta = get_conditional_response(
        request,
        etag=_etag(version),
        last_modified=int(modificado.timestamp()) if modificado else None,
    )
    if respuesta is not None:
        publica(respuesta, version=version, modificado=modificado)
    return respuesta


def publica(
    respuesta: HttpResponseBase, *, version: str, modificado: datetime | None
) -> HttpResponseBase:
    """ETag, Last-Modified and Cache-Control of a public response of that version."""
    respuesta["ETag"] = _etag(version)
    if modificado is not None:
        respuesta["Last-Modified"] = http_date(modificado.timestamp())
    patch_cache_control(respuesta, public=True, max_age=segundos_en_el_cliente())
    return respuesta


class RespuestaEnFlujo(StreamingHttpResponse):
    """A streamed response whose whole body can still be read as `content` (the test
    client, or a middleware that needs it); reading it consumes the stream once."""

    @property
    def content(self) -> bytes:  # type: ignore[override]
        if not hasattr(self, "_leido"):
            self._leido = b"".join(self.streaming_content)  # type: ignore[arg-type]
        return self._leido

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.content.decode(self.charset)


def en_flujo(clave: str, trozos: Iterable[bytes], *, content_type: str) -> RespuestaEnFlujo:
    """The chunks streamed as they come, and kept in the cache under `clave` once the last
    one went out (a download cut short stores nothing).

    The first chunk is built before the response starts: the queries run then, so a
    failing query is an error page, not a file cut short after a 200.
    """
    iterador = iter(trozos)
    primero = next(iterador, b"")

    def todos() -> Iterator[bytes]:
        partes = [primero]
        yield primero
        for trozo in iterador:
            partes.append(trozo)
            yield trozo
        cache.set(clave, b"".join(partes), segundos_en_cache())

    return RespuestaEnFlujo(todos(), content_type=content_type)


def documento(
    request: HttpRequest,
    *,
    version: str,
    generar: Callable[[], HttpResponse],
    modificado: datetime | None = None,
) -> HttpResponse:
    """A public document (PDF, XLSX) built once per `version` of its data: the bytes and
    headers of the response `generar` makes are kept in the cache, under a key of the
    version and the address (so a PDF is never rendered twice for the same data)."""
    etiqueta = huella(request.path, version)
    if (respuesta := condicional(request, version=etiqueta, modificado=modificado)) is not None:
        return respuesta
    clave = f"documento-publico:{etiqueta}"
    guardado = cache.get(clave)
    if guardado is None:
        generada = generar()
        if generada.status_code != 200:
            return generada
        encabezados = {
            nombre: generada[nombre]
            for nombre in ("Content-Type", "Content-Disposition")
            if generada.has_header(nombre)
        }
        guardado = (generada.content, encabezados)
        cache.set(clave, guardado, segundos_en_cache())
    contenido, encabezados = guardado
    respuesta = HttpResponse(contenido, headers=encabezados)
    respuesta["Content-Length"] = str(len(contenido))
    publica(respuesta, version=etiqueta, modificado=modificado)
    return respuesta
