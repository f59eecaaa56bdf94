"""Test helper: rasterise a PDF into an image-only PDF (a scan), as a copy of a report printed and scanned."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image


def page_images(pdf: bytes, dpi: int = 175, pages: list[int] | None = None) -> list[Image.Image]:
    """The PDF's pages (1-based numbers; all when None) rendered to greyscale images at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or list(range(1, len(document) + 1))
        return [document[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in numbers]
    finally:
        document.close()


def rasterise(pdf: bytes, dpi: int = 175, pages: list[int] | None = None) -> bytes:
    """An image-only PDF of the same pages at the same size: no text layer at all."""
    images = page_images(pdf, dpi, pages)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out.getvalue()


def mixed(pdf: bytes, scanned: set[int], dpi: int = 175) -> bytes:
    """A PDF whose pages in ``scanned`` (1-based) are images and the others keep their text layer."""
    source = pdfium.PdfDocument(pdf)
    image_pdf = pdfium.PdfDocument(rasterise(pdf, dpi))
    out = pdfium.PdfDocument.new()
    try:
        for n in range(1, len(source) + 1):
            out.import_pages(image_pdf if n in scanned else source, [n - 1])
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        for document in (out, image_pdf, source):
            document.close()
