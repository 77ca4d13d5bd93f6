"""身份证正反面复印件: both sides flattened to 85.6 × 54 mm and placed on one A4 sheet. Checked on
the pixels at the stated DPI, and by printing the sheet full size on an A4 PDF page and rendering
that with pdftoppm: each card measures its true size on paper."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from devices.camera import synthetic as syn
from devices.camera.idcopy import CARD_MM, card_boxes, compose_a4, detect_card, extract_card, mm_to_px
from models.errors import UserFacingError


def card_regions(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, w, h) of the non-white blobs on a sheet, top to bottom."""
    _, ink = cv2.threshold(gray, 245, 255, cv2.THRESH_BINARY_INV)
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(c) for c in contours if cv2.contourArea(c) > 0.01 * gray.size]
    return sorted(boxes, key=lambda b: b[1])


@pytest.fixture(scope="module")
def sheet() -> bytes:
    front = extract_card(syn.photographed_card(1))
    back = extract_card(syn.photographed_card(2, back=True, upright=True))
    assert front.shape == back.shape == (mm_to_px(CARD_MM[1]), mm_to_px(CARD_MM[0]), 3) == (638, 1011, 3)
    return compose_a4(front, back)


def test_the_sheet_is_a4_at_300_dpi_with_both_sides_at_true_size(sheet: bytes) -> None:
    image = Image.open(io.BytesIO(sheet))
    assert image.format == "JPEG" and image.size == (2480, 3508)  # 210 × 297 mm at 300 dpi
    assert tuple(round(d) for d in image.info["dpi"]) == (300, 300)
    gray = cv2.imdecode(np.frombuffer(sheet, np.uint8), cv2.IMREAD_GRAYSCALE)
    boxes = card_regions(gray)
    assert len(boxes) == 2
    for (x, y, w, h), expected in zip(boxes, card_boxes(), strict=True):
        assert abs(w - 1011) <= 3 and abs(h - 638) <= 3  # 85.6 × 54 mm within 0.25 mm
        assert abs(x - expected[0]) <= 3 and abs(y - expected[1]) <= 3


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils renders the PDF")
def test_printed_full_size_each_card_measures_85_6_by_54_mm(sheet: bytes, tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "copy.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(sheet)), 0, 0, *A4)  # the sheet as the whole page
    canvas.save()
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    rendered = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    assert rendered.shape == (2339, 1654)  # A4 at 200 dpi
    boxes = card_regions(rendered)
    assert len(boxes) == 2
    for _x, _y, w, h in boxes:
        assert abs(w / 200 * 25.4 - 85.6) < 0.5 and abs(h / 200 * 25.4 - 54.0) < 0.5


def test_no_card_on_the_mat_is_said_so() -> None:
    mat = np.full((1080, 1920, 3), (40, 45, 50), np.uint8)
    assert detect_card(mat) is None
    with pytest.raises(UserFacingError) as caught:
        extract_card(mat)
    assert caught.value.code == "photo.no_card"
