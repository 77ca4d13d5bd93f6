"""QR decoding on numpy arrays: zxing-cpp first, zbar (QR only) second, paced fallbacks.

zxing-cpp reads more codes and is about ten times faster per frame than zbar (issue 6
measurements; bench/qr_decode.py for ours), so it alone runs on every frame. The paced
stages — a 2× upscale for small codes, then zbar (QR only), which reads some blurred codes
zxing misses — cost several plain passes, so a live camera runs at most one of them every
``fallback_every`` frames, in turn; a still image (CLI, bench) runs them all until one reads.
Contrast stretching and inverted zbar remain available but are off: they added no read.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2

from devices.camera.base import Frame, FrameAnalysis, Image, QrRead

logger = logging.getLogger(__name__)

Stage = Callable[[Image], list[QrRead]]


def _optional(module: str) -> Any:
    """zxing-cpp (a wheel with a native library) and pyzbar (needs the system libzbar0) may be
    missing on a broken install: decoding then goes on with the other one."""
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - exercised only on a broken install
        logger.warning("QR decoder %s unavailable", module)
        return None


_zxing = _optional("zxingcpp")
_pyzbar = _optional("pyzbar.pyzbar")


def to_gray(image: Image) -> Image:
    """Grayscale view of a BGR/BGRA/gray frame (both decoders binarise luminance anyway)."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _text(raw: str | bytes) -> str:
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("gb18030", errors="replace")  # Chinese payment codes are often GBK
    return raw


def zxing_available() -> bool:
    return _zxing is not None


def zbar_available() -> bool:
    return _pyzbar is not None


def decode_zxing(gray: Image, stage: str = "zxing", scale: float = 1.0) -> list[QrRead]:
    if _zxing is None:
        return []
    reads = []
    fmt = _zxing.BarcodeFormat.QRCode
    for r in _zxing.read_barcodes(gray, formats=fmt, try_rotate=False, try_invert=True):
        if not r.valid or not r.text:
            continue
        p = r.position
        corners = tuple((pt.x / scale, pt.y / scale) for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
        reads.append(QrRead(text=r.text, stage=stage, corners=corners))
    return reads


def decode_zbar(gray: Image, stage: str = "zbar", scale: float = 1.0) -> list[QrRead]:
    if _pyzbar is None:
        return []
    reads = []
    for r in _pyzbar.decode(gray, symbols=[_pyzbar.ZBarSymbol.QRCODE]):
        if not r.data:
            continue
        corners = tuple((pt.x / scale, pt.y / scale) for pt in r.polygon)
        reads.append(QrRead(text=_text(r.data), stage=stage, corners=corners))
    return reads


def _upscale(gray: Image, limit: int = 2600) -> tuple[Image, float]:
    """2× cubic upscale; a frame already larger than ``limit`` is first cropped to its centre,
    where the clerk holds the phone, so the fallback stays a few times one plain pass."""
    h, w = gray.shape[:2]
    if max(h, w) * 2 > limit:
        ch, cw = h // 2, w // 2
        y0, x0 = (h - ch) // 2, (w - cw) // 2
        crop = gray[y0 : y0 + ch, x0 : x0 + cw]
        up = cv2.resize(crop, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        return up, 2.0  # corners are reported in crop coordinates shifted below
    return cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC), 2.0


def fallback_upscale(gray: Image) -> list[QrRead]:
    h, w = gray.shape[:2]
    up, scale = _upscale(gray)
    reads = decode_zxing(up, "upscale2x", scale)
    if up.shape[0] != h * 2:  # centre crop: shift corners back into frame coordinates
        dy, dx = (h - h // 2) // 2, (w - w // 2) // 2
        reads = [QrRead(r.text, r.stage, tuple((x + dx, y + dy) for x, y in r.corners)) for r in reads]
    return reads


_CLAHE = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))


def fallback_contrast(gray: Image) -> list[QrRead]:
    """Local contrast (CLAHE) plus a light blur: dim screens, glare patches and moiré."""
    enhanced = _CLAHE.apply(cv2.GaussianBlur(gray, (3, 3), 0))
    return decode_zxing(enhanced, "contrast") or decode_zbar(enhanced, "contrast")


def fallback_sharpen(gray: Image) -> list[QrRead]:
    """Unsharp mask (sigma 3, amount 2.5): defocus, motion blur and soft small codes."""
    blurred = cv2.GaussianBlur(gray, (0, 0), 3.0)
    return decode_zxing(cv2.addWeighted(gray, 3.5, blurred, -2.5, 0), "sharpen")


def fallback_smooth(gray: Image) -> list[QrRead]:
    """Gaussian smoothing (sigma 1.5): sensor noise, screen moiré and crumpled-paper texture."""
    return decode_zxing(cv2.GaussianBlur(gray, (0, 0), 1.5), "smooth")


def fallback_zbar_inverted(gray: Image) -> list[QrRead]:
    """Light-on-dark codes (dark-mode phones): zxing already tries this, zbar does not."""
    return decode_zbar(cv2.bitwise_not(gray), "zbar_inverted")


PRIMARY_STAGES: dict[str, Stage] = {"zxing": decode_zxing, "zbar": decode_zbar}
FALLBACK_STAGES: dict[str, Stage] = {
    "upscale2x": fallback_upscale,
    "contrast": fallback_contrast,
    "sharpen": fallback_sharpen,
    "smooth": fallback_smooth,
    "zbar_inverted": fallback_zbar_inverted,
}
#: Any stage may be always-on or paced; the defaults below are what bench/qr_decode.py showed
#: to pay: contrast and zbar_inverted added no read on the generated set (zxing already tries
#: inverted codes), so they are kept for measurement but not run by default.
STAGES: dict[str, Stage] = {**PRIMARY_STAGES, **FALLBACK_STAGES}


def _dedupe(reads: Sequence[QrRead]) -> tuple[QrRead, ...]:
    seen: set[str] = set()
    out = []
    for r in reads:
        if r.text not in seen:
            seen.add(r.text)
            out.append(r)
    return tuple(out)


#: The still-image ladder (bench/qr_photo_bench.py): cheap first, each stage only when the
#: earlier ones read nothing. ``zbar`` last: it is the slowest and adds the fewest reads.
STILL_FALLBACKS: tuple[str, ...] = ("upscale2x", "sharpen", "contrast", "smooth", "zbar")
#: The live path's paced stages, in turn (the cheapest rescues first).
STREAM_FALLBACKS: tuple[str, ...] = ("sharpen", "upscale2x", "smooth", "contrast")


@dataclass
class QrDecoder:
    """Decodes frames; stateful only for pacing the fallbacks. One per analysis thread.

    ``fallback_every``: on a stream, a frame with no read runs one fallback (in turn) only if
    at least this many frames passed since the last one; 0 disables fallbacks. A fallback costs
    one to four plain passes, so pacing it to one frame in ``fallback_every`` keeps the live
    path's p95 per frame near the plain pass's (bench/qr_photo_bench.py measures it).

    ``accept``: what the caller can use (the counter: ``evoucher.is_token``). A read it refuses
    does not stop the ladder — a later stage may read the right code — and is returned only if
    no stage reads an accepted one, so the caller can still say what else was scanned.
    """

    primary: Sequence[str] = ("zxing",)
    fallbacks: Sequence[str] = STILL_FALLBACKS
    fallback_every: int = 20
    stream_fallbacks: Sequence[str] | None = STREAM_FALLBACKS
    accept: Callable[[str], bool] | None = None
    _since_fallback: int = field(default=0, init=False)
    _next_fallback: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        stream = tuple(self.stream_fallbacks) if self.stream_fallbacks is not None else ()
        unknown = [s for s in (*self.primary, *self.fallbacks, *stream) if s not in STAGES]
        if unknown:
            raise ValueError(f"unknown QR stages: {unknown}")

    def decode_image(self, image: Image) -> tuple[tuple[QrRead, ...], tuple[str, ...]]:
        """Still image: every stage until one reads an accepted code (the CLI and the benchmark)."""
        gray = to_gray(image)
        tried: list[str] = []
        refused: tuple[QrRead, ...] = ()
        for name in (*self.primary, *self.fallbacks):
            reads = _first_read((name,), gray, tried)
            good = self._accepted(reads)
            if good:
                return good, tuple(tried)
            refused = refused or reads
        return refused, tuple(tried)

    def decode_stream_frame(self, image: Image) -> tuple[tuple[QrRead, ...], tuple[str, ...]]:
        """Live frame: primary stages always, at most one paced fallback."""
        gray = to_gray(image)
        tried: list[str] = []
        reads = _first_read(self.primary, gray, tried)
        if self._accepted(reads):
            return self._accepted(reads), tuple(tried)
        fallbacks = self.fallbacks if self.stream_fallbacks is None else self.stream_fallbacks
        self._since_fallback += 1
        if fallbacks and self.fallback_every and self._since_fallback >= self.fallback_every:
            self._since_fallback = 0
            name = fallbacks[self._next_fallback % len(fallbacks)]
            self._next_fallback += 1
            more = _first_read((name,), gray, tried)
            if self._accepted(more) or not reads:
                reads = self._accepted(more) or more
        return reads, tuple(tried)

    def _accepted(self, reads: tuple[QrRead, ...]) -> tuple[QrRead, ...]:
        if self.accept is None:
            return reads
        return tuple(r for r in reads if self.accept(r.text))


def _first_read(stages: Sequence[str], gray: Image, tried: list[str]) -> tuple[QrRead, ...]:
    """Run ``stages`` in order until one reads a code (each one tried is appended to ``tried``)."""
    for name in stages:
        tried.append(name)
        reads = STAGES[name](gray)
        if reads:
            return _dedupe(reads)
    return ()


class QrFrameAnalyser:
    """``FrameAnalyser`` for the capture thread: paced decoding of live frames."""

    def __init__(self, decoder: QrDecoder | None = None, exhaustive: bool = False) -> None:
        self.decoder = decoder or QrDecoder()
        self.exhaustive = exhaustive

    def analyse(self, frame: Frame) -> FrameAnalysis:
        t0 = time.perf_counter()
        img: Any = frame.image
        if self.exhaustive:
            reads, tried = self.decoder.decode_image(img)
        else:
            reads, tried = self.decoder.decode_stream_frame(img)
        elapsed = (time.perf_counter() - t0) * 1000.0
        return FrameAnalysis(seq=frame.seq, reads=reads, elapsed_ms=elapsed, stages_tried=tried)
