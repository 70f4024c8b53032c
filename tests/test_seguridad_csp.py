"""Every response carries a strict Content-Security-Policy, and the pages live within it."""

import io
import re

import pytest
from django.urls import URLResolver, get_resolver, reverse
from pypdf import PdfReader


def _politica(respuesta) -> dict[str, list[str]]:
    cabecera = respuesta["Content-Security-Policy"]
    directivas = {}
    for parte in cabecera.split(";"):
        nombre, *valores = parte.split()
        directivas[nombre] = valores
    return directivas


def _rutas_sin_parametros(resolver=None, espacio=""):
    """The name of every URL pattern that needs no argument (the admin's index apart)."""
    for entrada in (resolver or get_resolver()).url_patterns:
        if isinstance(entrada, URLResolver):
            if entrada.namespace == "admin" or entrada.pattern.regex.groupindex:
                continue
            prefijo = f"{espacio}{entrada.namespace}:" if entrada.namespace else espacio
            yield from _rutas_sin_parametros(entrada, prefijo)
        elif entrada.name and not entrada.pattern.regex.groupindex:
            yield f"{espacio}{entrada.name}"


def test_la_politica_es_estricta(client, plan_2022):
    politica = _politica(client.get("/"))

    assert politica["default-src"] == ["'self'"]
    assert politica["script-src"] == ["'self'"]  # no inline script on the page: no nonce
    assert politica["object-src"] == ["'none'"]
    assert politica["base-uri"] == ["'self'"]
    assert politica["frame-ancestors"] == ["'none'"]
    assert politica["form-action"] == ["'self'"]
    assert politica["img-src"] == ["'self'", "data:"]
    assert politica["style-src-elem"] == ["'self'"]
    assert "'unsafe-inline'" not in politica["script-src"] + politica["style-src-elem"]


@pytest.mark.parametrize("como", ["anonimo", "opgi"])
def test_toda_pagina_envia_la_cabecera_csp_y_no_tiene_script_en_linea_sin_nonce(
    client, alicia, como
):
    if como == "opgi":
        client.force_login(alicia)
    nombres = sorted(set(_rutas_sin_parametros())) + ["admin:index", "admin:plan_actividad_export"]
    revisadas = 0
    for nombre in nombres:
        if nombre in {"logout"}:
            continue
        respuesta = client.get(reverse(nombre))
        assert "Content-Security-Policy" in respuesta, nombre
        revisadas += 1
        if respuesta.get("Content-Type", "").startswith("text/html"):
            html = respuesta.content.decode()
            for etiqueta in re.findall(r"<script\b[^>]*>", html):
                permitida = ("src=", "application/json", "nonce=")
                assert any(p in etiqueta for p in permitida), (nombre, etiqueta)
            assert not re.search(r"<style\b(?![^>]*nonce=)", html), nombre
    assert revisadas > 20


def test_las_paginas_de_error_tambien_envian_la_cabecera_csp(client, bruno):
    assert "Content-Security-Policy" in client.get("/no-existe/")
    client.force_login(bruno)
    assert "Content-Security-Policy" in client.get("/tablero/")  # 403


def test_los_pdf_se_siguen_generando_con_la_politica_activa(client, alicia):
    client.force_login(alicia)
    respuesta = client.get("/informes/plan/alcaldia-de-pasto-paac-2022.pdf")

    assert respuesta.status_code == 200
    lector = PdfReader(io.BytesIO(respuesta.content))
    texto = "".join(pagina.extract_text() for pagina in lector.pages)
    assert "2022" in texto and len(lector.pages) >= 1
