"""Several photographed pages of one material, kept together as one PDF (for the centre, a
USB stick or a printer).

The pages are JPEGs already compressed by the document pipeline (devices/camera/document.py);
reportlab embeds a JPEG as it is (DCTDecode), so the PDF is barely larger than its pages and
nothing is recompressed a second time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from models.images import check_image
from printing.fonts import register_fonts, runs, string_width

MARGIN = 8 * mm


@dataclass(frozen=True)
class MaterialPages:
    """One material of one case: its name and page images (JPEG or PNG bytes), in page order."""

    title: str
    pages: Sequence[bytes]
    #: Printed small at the foot of each page, e.g. the case number; never personal data.
    reference: str = ""


def render_material_pdf(data: MaterialPages) -> bytes:
    """One A4 page per image, scaled to fit and centred, with ``title  page i/n`` at the foot."""
    if not data.pages:
        raise ValueError("a material PDF needs at least one page")
    register_fonts()
    # reportlab wraps binary streams in ASCII85 by default (+25 % on every JPEG); a PDF file
    # needs no 7-bit safety, so this document is written binary.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        return _render(data)
    finally:
        rl_config.useA85 = saved


def _render(data: MaterialPages) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(data.title)
    page_w, page_h = A4
    box_w, box_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN - 6 * mm
    total = len(data.pages)
    for number, blob in enumerate(data.pages, start=1):
        check_image(blob)  # the header's pixel count before reportlab decodes the page
        image = ImageReader(io.BytesIO(blob))
        img_w, img_h = image.getSize()
        scale = min(box_w / img_w, box_h / img_h)
        w, h = img_w * scale, img_h * scale
        x = (page_w - w) / 2
        y = MARGIN + 6 * mm + (box_h - h) / 2
        canvas.drawImage(image, x, y, w, h)
        foot = f"{data.title}  第 {number} 页 / 共 {total} 页"
        if data.reference:
            foot = f"{data.reference}  {foot}"
        _centred(canvas, page_w / 2, MARGIN, foot, 8)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _centred(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """Mixed Chinese/Latin text: each run in the font that has its glyphs."""
    cursor = x - string_width(text, size) / 2
    for font, part in runs(text):
        canvas.setFont(font, size)
        canvas.drawString(cursor, y, part)
        cursor += canvas.stringWidth(part, font, size)
