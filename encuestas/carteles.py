"""The QR code of a survey's public link (segno), as PNG and as inline SVG for the poster.

Error correction level M (15 %) survives a poster printed in grey or a
little crumpled; segno picks the smallest version that holds the link. The
poster itself is a PDF rendered through nucleo.documentos (template
encuestas/cartel.html): the QR as inline SVG (WeasyPrint loads nothing
external), the space's name, date and place, and the link in letters for
whoever cannot scan it.
"""

import io

import segno
from django.utils.safestring import SafeString, mark_safe

CORRECCION = "m"


def qr(url: str) -> segno.QRCode:
    return segno.make(url, error=CORRECCION, micro=False)


def qr_png(url: str, *, escala: int = 12) -> bytes:
    """A PNG of the QR code, black on white, with the 4-module quiet zone."""
    salida = io.BytesIO()
    qr(url).save(salida, kind="png", scale=escala, border=4, dark="#000000", light="#ffffff")
    return salida.getvalue()


def qr_svg(url: str, *, escala: int = 10, titulo: str = "") -> SafeString:
    """Inline SVG markup of the QR code (for the poster and the staff page)."""
    salida = io.BytesIO()
    qr(url).save(
        salida,
        kind="svg",
        scale=escala,
        border=4,
        xmldecl=False,
        svgns=True,
        title=titulo or None,
        svgclass="qr",
        lineclass=None,
        omitsize=False,
        dark="#000000",
        light="#ffffff",
    )
    svg = salida.getvalue().decode("utf-8").replace("<svg ", '<svg role="img" ', 1)
    # segno writes well-formed SVG and XML-escapes the title it embeds.
    return mark_safe(svg)
