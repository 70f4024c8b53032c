"""Helpers shared by the tests of every app (import them; do not copy them)."""

# The smallest file that is a PDF by content (filetype detects it): for uploads.
PDF_MINIMO = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)

# What a test puts in place of WeasyPrint's output when it checks who may download a
# report, not the report itself (rendering every PDF of a grid would take minutes).
PDF_FALSO = b"%PDF-1.7 (WeasyPrint no se ejecuta en esta prueba)"
