"""身份证正反面复印件: both sides of a card photographed on the 高拍仪, flattened and placed at
true size (ID-1, 85.6 × 54 mm, ISO/IEC 7810 — the size of the 居民身份证) on one A4 sheet.

The result is one JPEG of the whole sheet (210 × 297 mm) at ``dpi`` with that DPI in its header,
so printed at 100 % (or placed on an A4 page full size) each side measures 85.6 × 54 mm. It is
stored as one page of the identity material. Colour is kept (a copy of a card is a picture of it,
not a text page: the document pipeline's grayscale enhancement is not applied).
"""

from __future__ import annotations

import io

import cv2
import numpy as np

from devices.camera.base import Image
from devices.camera.document import Corners, detect_quad
from models.errors import UserFacingError

CARD_MM = (85.6, 54.0)
A4_MM = (210.0, 297.0)
DPI = 300
#: top edge of the front, and the gap between the sides, on the sheet (mm)
TOP_MM = 50.0
GAP_MM = 30.0
#: a card is small in the frame: it is looked for on a larger copy than a page (640)
_DETECT_SIDE = 800


def mm_to_px(mm: float, dpi: int = DPI) -> int:
    return round(mm / 25.4 * dpi)


def detect_card(image: Image) -> Corners | None:
    """The card's outline (tl, tr, br, bl) in ``image`` pixels. A card covers far less of the
    frame than a page (about a tenth of an A4 field), hence its own, smaller, minimum area."""
    return detect_quad(image, min_fraction=0.03, detect_side=_DETECT_SIDE)


def extract_card(image: Image, dpi: int = DPI) -> Image:
    """The card flattened to exactly 85.6 × 54 mm at ``dpi`` (landscape); ``photo.no_card`` when
    no card outline is seen."""
    if image is None or image.size == 0:
        raise UserFacingError("photo.empty_image")
    corners = detect_card(image)
    if corners is None:
        raise UserFacingError("photo.no_card")
    quad = np.array(corners, np.float32)
    tl, tr, br, bl = quad
    if np.linalg.norm(bl - tl) > np.linalg.norm(tr - tl):  # lying upright (turned clockwise, as most lay it)
        quad = np.array([tr, br, bl, tl], np.float32)
    w, h = mm_to_px(CARD_MM[0], dpi), mm_to_px(CARD_MM[1], dpi)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    card = cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return card if card.ndim == 3 else cv2.cvtColor(card, cv2.COLOR_GRAY2BGR)


def card_boxes(dpi: int = DPI) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    """Where the front and the back go on the sheet: (x, y, w, h) in pixels at ``dpi``."""
    w, h = mm_to_px(CARD_MM[0], dpi), mm_to_px(CARD_MM[1], dpi)
    x = (mm_to_px(A4_MM[0], dpi) - w) // 2
    top = mm_to_px(TOP_MM, dpi)
    return (x, top, w, h), (x, top + h + mm_to_px(GAP_MM, dpi), w, h)


def compose_a4(front: Image, back: Image, dpi: int = DPI, quality: int = 85) -> bytes:
    """Both flattened sides (``extract_card``) on a white A4 sheet; JPEG bytes with ``dpi`` set."""
    from PIL import Image as PILImage

    sheet = np.full((mm_to_px(A4_MM[1], dpi), mm_to_px(A4_MM[0], dpi), 3), 255, np.uint8)
    for side, (x, y, w, h) in zip((front, back), card_boxes(dpi), strict=True):
        if side.shape[:2] != (h, w):
            side = cv2.resize(side, (w, h), interpolation=cv2.INTER_AREA)
        sheet[y : y + h, x : x + w] = side if side.ndim == 3 else cv2.cvtColor(side, cv2.COLOR_GRAY2BGR)
    out = io.BytesIO()
    PILImage.fromarray(cv2.cvtColor(sheet, cv2.COLOR_BGR2RGB)).save(
        out, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True
    )
    return out.getvalue()
