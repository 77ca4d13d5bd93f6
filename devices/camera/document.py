"""Material photos: find the page, correct perspective and skew, enhance, compress to size.

The centre must read what the counter photographed (invoices, 费用清单, 出院小结) from a file
well under 200 KB per A4 page. Steps: detect the paper's outline on a downscaled copy, warp
it flat at about 150 dpi (A4 ratio snapped when close), remove the residual skew from the
text lines, flatten uneven lighting and stretch contrast in grayscale (stamps and handwriting
survive, unlike with binarisation), then pick the highest JPEG quality that fits the budget.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np

from devices.camera.base import Frame, FrameAnalysis, Image, PagePhoto
from models.errors import UserFacingError
from models.images import check_image
from models.progress import CancelToken

A4_RATIO = 297 / 210
#: Long side of a flattened page: 150 dpi on A4, enough for 5-point print.
PAGE_LONG_SIDE = 1754
TARGET_BYTES = 180_000
MIN_QUALITY = 35
MAX_QUALITY = 85
_DETECT_SIDE = 640

Corners = tuple[tuple[float, float], ...]


def _order(pts: np.ndarray) -> np.ndarray:
    """Order four points tl, tr, br, bl."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def _quad_from_mask(mask: Image, gray: Image, min_area: float) -> np.ndarray | None:
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best: np.ndarray | None = None
    best_area = min_area
    max_area = 0.97 * gray.shape[0] * gray.shape[1]  # the whole frame is not a page outline
    for c in contours:
        area = cv2.contourArea(c)
        if area < best_area or area > max_area:
            continue
        inside = np.zeros_like(gray)
        cv2.drawContours(inside, [c], -1, 255, -1)
        # Paper stands out from the desk; a blob of texture or noise does not.
        if cv2.mean(gray, mask=inside)[0] - cv2.mean(gray, mask=cv2.bitwise_not(inside))[0] < 25:
            continue
        hull = cv2.convexHull(c)
        peri = cv2.arcLength(hull, True)
        approx = cv2.approxPolyDP(hull, 0.02 * peri, True)
        if len(approx) != 4:
            approx = cv2.boxPoints(cv2.minAreaRect(hull)).reshape(4, 1, 2)
            # A rectangle around a blob that is not a page would be a false outline.
            if cv2.contourArea(approx.astype(np.float32)) > area * 1.25:
                continue
        best, best_area = approx.reshape(4, 2).astype(np.float32), area
    return best


def detect_page(image: Image) -> Corners | None:
    """The page outline (tl, tr, br, bl) in ``image`` pixels, or None when no paper is seen."""
    return detect_quad(image, min_fraction=0.15)


def _resized(image: Image, side: int) -> tuple[Image, float]:
    """``image`` with its longer side ``side`` pixels, and the factor applied (the image itself
    when it already has that size: a page analyser's copy, ``PageFrameAnalyser.prepare``)."""
    scale = side / max(image.shape[:2])
    if scale == 1.0:
        return image, scale
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def detect_quad(image: Image, min_fraction: float, detect_side: int = _DETECT_SIDE) -> Corners | None:
    """The outline of the bright sheet or card covering at least ``min_fraction`` of the frame,
    looked for on a copy whose longer side is ``detect_side`` pixels."""
    small, scale = _resized(image, detect_side)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    min_area = min_fraction * gray.shape[0] * gray.shape[1]
    # Paper is the large bright region; Otsu separates it from the desk even under a lamp.
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    quad = _quad_from_mask(bright, gray, min_area)
    if quad is None:  # low contrast with the desk: fall back to edges
        edges = cv2.dilate(cv2.Canny(gray, 40, 120), np.ones((3, 3), np.uint8))
        quad = _quad_from_mask(edges, gray, min_area)
    if quad is None:
        return None
    quad = _order(quad) / scale
    return tuple((float(x), float(y)) for x, y in quad)


def _page_size(quad: np.ndarray) -> tuple[int, int]:
    tl, tr, br, bl = quad
    width = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    portrait = height >= width
    long_side, short_side = (height, width) if portrait else (width, height)
    ratio = long_side / max(short_side, 1.0)
    if abs(ratio - A4_RATIO) / A4_RATIO < 0.15:
        ratio = A4_RATIO  # perspective distorts the ratio; paper at a counter is mostly A4
    out_long = int(min(PAGE_LONG_SIDE, max(long_side * 1.1, 800)))
    out_short = round(out_long / ratio)
    return (out_short, out_long) if portrait else (out_long, out_short)


def warp_page(image: Image, corners: Corners) -> Image:
    quad = np.array(corners, np.float32)
    w, h = _page_size(quad)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def estimate_skew(gray: Image, max_degrees: float = 12.0) -> float:
    """Angle (degrees, counter-clockwise) that makes text lines horizontal: the rotation whose
    row profile of ink is sharpest (projection profile)."""
    scale = 800 / max(gray.shape[:2])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    if cv2.countNonZero(ink) < 0.002 * ink.size:
        return 0.0  # blank page: nothing to align
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        return float(np.var(rows))

    coarse = np.arange(-max_degrees, max_degrees + 0.01, 1.0)
    best = max(coarse, key=score)
    fine = np.arange(best - 1.0, best + 1.01, 0.2)
    best_fine = float(max(fine, key=score))
    return 0.0 if abs(best_fine) < 0.05 else round(best_fine, 2)


def rotate(image: Image, degrees: float) -> Image:
    if abs(degrees) < 0.1:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def enhance(gray: Image) -> Image:
    """Even out the lighting and stretch contrast so print stays legible after JPEG."""
    k = max(15, (min(gray.shape[:2]) // 25) | 1)
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    background = cv2.GaussianBlur(background, (0, 0), k / 4)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    lo, hi = np.percentile(flat, (1.0, 99.5))
    if hi - lo < 10:
        return flat
    # The stretch, gamma and snap map each grey level to one output level: computed for the 256
    # levels and applied as a table, not as float32 copies of the page (a 5 MP capture's peak).
    levels = np.arange(256, dtype=np.float32)
    stretched = np.clip((levels - np.float32(lo)) * np.float32(255.0 / (hi - lo)), 0, 255)
    # Gamma > 1 darkens mid-greys: thin strokes gain weight, the paper stays white.
    table = (255.0 * (stretched / 255.0) ** 1.4).astype(np.uint8)
    # Paper grain is noise to JPEG: snapping near-white to white roughly halves the bytes.
    table[table > 200] = 255
    return cv2.LUT(flat, table)


def compress(gray: Image, target_bytes: int = TARGET_BYTES) -> tuple[bytes, int, Image]:
    """Highest JPEG quality within ``target_bytes``; shrinks the page if even the lowest does not fit."""
    img = gray
    while True:
        lo, hi = MIN_QUALITY, MAX_QUALITY
        best: tuple[bytes, int] | None = None
        while lo <= hi:
            q = (lo + hi) // 2
            ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q, cv2.IMWRITE_JPEG_OPTIMIZE, 1])
            if not ok:
                raise UserFacingError("photo.encode_failed")
            if buf.size <= target_bytes:
                best = (buf.tobytes(), q)
                lo = q + 1
            else:
                hi = q - 1
        if best is not None:
            return best[0], best[1], img
        if max(img.shape[:2]) < 1000:  # keep what is readable, even if over budget
            ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, MIN_QUALITY])
            return buf.tobytes(), MIN_QUALITY, img
        img = cv2.resize(img, None, fx=0.85, fy=0.85, interpolation=cv2.INTER_AREA)


def process_page(
    image: Image,
    target_bytes: int = TARGET_BYTES,
    cancel: CancelToken | None = None,
) -> PagePhoto:
    """Run the whole pipeline on one photo of one page."""
    if image is None or image.size == 0:
        raise UserFacingError("photo.empty_image")
    corners = detect_page(image)
    page = warp_page(image, corners) if corners is not None else image
    if cancel:
        cancel.check()
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    skew = estimate_skew(gray)
    gray = rotate(gray, skew)
    if cancel:
        cancel.check()
    out = enhance(gray)
    jpeg, quality, final = compress(out, target_bytes)
    return PagePhoto(
        jpeg=jpeg,
        width=int(final.shape[1]),
        height=int(final.shape[0]),
        quality=quality,
        page_found=corners is not None,
        skew_degrees=skew,
        corners=corners or (),
    )


def load_image(path: str) -> Image:
    """Read an image file (any path, also non-ASCII on Windows, where cv2.imread fails)."""
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except FileNotFoundError as exc:
        raise UserFacingError("camera.file_not_found", path=path) from exc
    except OSError as exc:
        raise UserFacingError("camera.unreadable_file", path=path) from exc
    if data.size:
        check_image(data.tobytes())  # the header's pixel count, before opencv decodes anything
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise UserFacingError("camera.unreadable_file", path=path)
    return image


@dataclass
class SteadyTracker:
    """Says when the detected page has held still for ``frames`` frames (auto-capture)."""

    frames: int = 8
    tolerance: float = 0.012  # fraction of the frame diagonal

    def __post_init__(self) -> None:
        self._history: deque[np.ndarray] = deque(maxlen=self.frames)

    def update(self, corners: Corners | None, diagonal: float) -> bool:
        if corners is None:
            self._history.clear()
            return False
        self._history.append(np.array(corners, np.float32))
        if len(self._history) < self.frames:
            return False
        stack = np.stack(self._history)
        spread = float(np.max(np.linalg.norm(stack - stack.mean(axis=0), axis=2)))
        return spread <= self.tolerance * diagonal


class AutoCapture:
    """Says "capture now" once per page placement: when the outline has come to rest, and not
    again until the page is taken away or moved (the next page laid down), so a page held still
    is photographed once, not at every steady frame."""

    def __init__(self, moved_fraction: float = 0.05) -> None:
        self.moved_fraction = moved_fraction
        self._captured: np.ndarray | None = None

    def update(self, corners: Corners | tuple[()], steady: bool, diagonal: float) -> bool:
        if not corners:
            self._captured = None  # page taken away: the next one may be captured
            return False
        quad = np.array(corners, np.float32)
        if self._captured is not None:
            moved = float(np.max(np.linalg.norm(quad - self._captured, axis=1)))
            if moved <= self.moved_fraction * diagonal:
                return False
            self._captured = None
        if not steady:
            return False
        self._captured = quad
        return True


class PageFrameAnalyser:
    """``FrameAnalyser`` for document mode: the outline to draw live and whether it is steady."""

    def __init__(self, tracker: SteadyTracker | None = None) -> None:
        self.tracker = tracker or SteadyTracker()

    def prepare(self, frame: Frame) -> Frame:
        """The copy ``detect_page`` looks at anyway (longer side ``_DETECT_SIDE``), made on the
        capture thread: the analysis thread then never holds a second 5 MP frame."""
        if max(frame.image.shape[:2]) <= _DETECT_SIDE:
            return frame
        small, scale = _resized(frame.image, _DETECT_SIDE)
        return Frame(seq=frame.seq, timestamp=frame.timestamp, image=small, scale=frame.scale * scale)

    def analyse(self, frame: Frame) -> FrameAnalysis:
        t0 = time.perf_counter()
        img: Image = frame.image
        corners = detect_page(img)
        if corners is not None and frame.scale != 1.0:  # found on a reduced copy: camera pixels
            corners = tuple((x / frame.scale, y / frame.scale) for x, y in corners)
        steady = self.tracker.update(corners, float(np.hypot(frame.width, frame.height)) / frame.scale)
        return FrameAnalysis(
            seq=frame.seq,
            elapsed_ms=(time.perf_counter() - t0) * 1000.0,
            page_corners=corners or (),
            steady=steady,
        )
