"""Synthetic camera frames for tests and the benchmark (no camera exists in CI).

Renders e-voucher tokens with segno onto phone-screen-like images and degrades them the way
a counter camera does (small, tilted, blurred, inverted, glare, moiré, low contrast, noise),
and draws A4 "paper" photographed on a desk with perspective. segno is a development
dependency: it is imported only here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from devices.camera.base import Image

FRAME_W, FRAME_H = 1280, 720


def random_token(rng: random.Random, province: str = "13") -> str:
    body = "".join(rng.choice("0123456789") for _ in range(17))
    return f"424{body}{rng.randint(0, 99):02d}{province}0000"


def qr_matrix(text: str, border: int = 4) -> Image:
    """The code as a 0/255 array, one pixel per module (255 = light)."""
    import segno

    qr = segno.make_qr(text, error="m")
    rows = [[0 if dark else 255 for dark in row] for row in qr.matrix_iter(scale=1, border=border)]
    return np.array(rows, dtype=np.uint8)


@dataclass(frozen=True)
class Degradation:
    """How to spoil a rendered frame. ``qr_px`` is the code's width in frame pixels."""

    qr_px: int = 260
    tilt: float = 0.0  # perspective strength 0..0.35
    rotate: float = 0.0  # degrees in plane
    blur: float = 0.0  # gaussian sigma in frame pixels
    motion: int = 0  # motion-blur kernel length
    invert: bool = False  # dark-mode screen: light modules on dark
    glare: float = 0.0  # 0..1 strength of a bright blob over the code
    moire: float = 0.0  # 0..1 amplitude of screen-door interference
    contrast: float = 1.0  # 1 = full, 0.3 = dim screen
    noise: float = 0.0  # gaussian noise sigma (0..255)
    jpeg: int = 0  # re-encode at this quality (0 = no)


def _desk(rng: random.Random, w: int = FRAME_W, h: int = FRAME_H) -> Image:
    base = rng.randint(60, 140)
    nprng = np.random.default_rng(rng.randint(0, 2**31))
    small = nprng.normal(base, 12, (h // 24 + 1, w // 24 + 1, 3)).clip(0, 255).astype(np.uint8)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def _phone_screen(code: Image, rng: random.Random, invert: bool, with_code: bool = True) -> Image:
    """A portrait phone screen (about 9:19) with a header bar, a code card and some text."""
    modules = code.shape[0]
    mod_px = 8
    qr = cv2.resize(code, (modules * mod_px, modules * mod_px), interpolation=cv2.INTER_NEAREST)
    sw = qr.shape[1] + 80
    sh = int(sw * 19 / 9)
    bg, fg = (30, 235) if invert else (245, 20)
    screen = np.full((sh, sw, 3), bg, np.uint8)
    header = (40, 160, 60) if rng.random() < 0.5 else (200, 120, 20)  # 医保 green / blue bar
    cv2.rectangle(screen, (0, 0), (sw, sh // 9), header, -1)
    y0 = sh // 4
    if with_code:
        tile = qr if not invert else cv2.bitwise_not(qr)
        screen[y0 : y0 + qr.shape[0], 40 : 40 + qr.shape[1]] = tile[..., None]
    for i in range(4):  # text-like lines under the code
        y = y0 + qr.shape[0] + 40 + i * 36
        if y + 12 < sh:
            cv2.rectangle(screen, (60, y), (60 + rng.randint(120, sw - 120), y + 12), (fg, fg, fg), -1)
    return screen


def _composite(
    content: Image, rng: random.Random, target_w: int, tilt: float, rotate: float, bezel: int
) -> tuple[Image, Image]:
    """Warp ``content`` (with a dark bezel) onto a desk frame; returns frame and the 3×3 transform."""
    content = cv2.copyMakeBorder(content, bezel, bezel, bezel, bezel, cv2.BORDER_CONSTANT, value=(15, 15, 15))
    h, w = content.shape[:2]
    s = target_w / w
    cx = FRAME_W / 2 + rng.uniform(-0.15, 0.15) * FRAME_W * (1 - min(1.0, s * w / FRAME_W))
    cy = FRAME_H / 2 + rng.uniform(-0.1, 0.1) * FRAME_H * (1 - min(1.0, s * h / FRAME_H))
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    half = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]], np.float32) * s
    if tilt:
        side = rng.choice([0, 1, 2, 3])  # which edge recedes from the camera
        shrink = 1 - tilt
        if side == 0:
            half[[0, 1], 0] *= shrink
        elif side == 1:
            half[[2, 3], 0] *= shrink
        elif side == 2:
            half[[0, 3], 1] *= shrink
        else:
            half[[1, 2], 1] *= shrink
    a = np.deg2rad(rotate)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    dst = (half @ rot.T + np.array([cx, cy], np.float32)).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    frame = _desk(rng)
    warped = cv2.warpPerspective(content, m, (FRAME_W, FRAME_H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, (FRAME_W, FRAME_H))
    frame[mask > 127] = warped[mask > 127]
    return frame, m


def phone_frame(text: str | None, d: Degradation, seed: int = 0) -> Image:
    """A 1280×720 BGR frame of a phone showing ``text`` as a QR code (None: a screen without one)."""
    rng = random.Random(seed)
    code = qr_matrix(text if text is not None else "x")
    screen = _phone_screen(code, rng, d.invert, with_code=text is not None)
    code_w_on_screen = code.shape[1] * 8
    target_w = d.qr_px * (screen.shape[1] + 2 * 24) / code_w_on_screen
    frame, _ = _composite(screen, rng, int(target_w), d.tilt, d.rotate, bezel=24)
    f = frame.astype(np.float32)
    if d.contrast != 1.0:
        f = 128 + (f - 128) * d.contrast
    if d.moire:
        yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
        ang = rng.uniform(0, np.pi)
        period = rng.uniform(3.0, 6.0)
        wave = np.sin((xx * np.cos(ang) + yy * np.sin(ang)) * 2 * np.pi / period)
        f *= (1 + d.moire * 0.35 * wave)[..., None]
    if d.glare:
        gx, gy = rng.uniform(0.35, 0.65) * FRAME_W, rng.uniform(0.3, 0.7) * FRAME_H
        yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
        r2 = ((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * (d.qr_px * 0.25) ** 2)
        f += (d.glare * 230 * np.exp(-r2))[..., None]
    f = f.clip(0, 255)
    out: Any = f.astype(np.uint8)
    if d.blur:
        out = cv2.GaussianBlur(out, (0, 0), d.blur)
    if d.motion:
        k = np.zeros((d.motion, d.motion), np.float32)
        k[d.motion // 2, :] = 1.0 / d.motion
        out = cv2.filter2D(out, -1, k)
    if d.noise:
        nprng = np.random.default_rng(seed)
        out = (out.astype(np.float32) + nprng.normal(0, d.noise, out.shape)).clip(0, 255).astype(np.uint8)
    if d.jpeg:
        _ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg])
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out


#: Named cases of the generated set: a mix of easy and hard, as a counter sees them.
CASES: dict[str, Degradation] = {
    "clean": Degradation(),
    "small": Degradation(qr_px=70),
    "tiny": Degradation(qr_px=55),
    "tiny_blurred": Degradation(qr_px=50, blur=0.6),
    "tilted": Degradation(tilt=0.35, rotate=40, qr_px=110),
    "blurred": Degradation(blur=3.0, qr_px=180),
    "motion": Degradation(motion=11, qr_px=200),
    "inverted": Degradation(invert=True),
    "inverted_small": Degradation(invert=True, qr_px=60, blur=0.8),
    "glare": Degradation(glare=1.4, qr_px=160),
    "moire": Degradation(moire=1.0, qr_px=110),
    "low_contrast": Degradation(contrast=0.1, noise=5),
    "noisy": Degradation(noise=35, jpeg=25, qr_px=120),
    "hard_mix": Degradation(qr_px=90, tilt=0.2, rotate=8, blur=1.2, contrast=0.4, noise=6, jpeg=50),
}


def generated_set(per_case: int = 4, seed: int = 1) -> list[tuple[str, str | None, Image]]:
    """(case name, expected text or None, frame) for every case, plus negative frames."""
    rng = random.Random(seed)
    out: list[tuple[str, str | None, Image]] = []
    for name, d in CASES.items():
        for i in range(per_case):
            token = random_token(rng, province=rng.choice(["11", "13", "44", "51", "65"]))
            out.append((name, token, phone_frame(token, d, seed=rng.randint(0, 10**6) + i)))
    for i in range(per_case * 2):
        d = Degradation(noise=rng.choice([0, 6, 15]), glare=rng.choice([0.0, 0.6]))
        out.append(("no_code", None, phone_frame(None, d, seed=1000 + i)))
    return out


# -- document pages -------------------------------------------------------------------------


def document_page(seed: int = 0, width: int = 1240) -> Image:
    """A white A4 page (portrait, about 150 dpi) with a title, a table and text-like lines."""
    rng = random.Random(seed)
    height = int(width * 297 / 210)
    page = np.full((height, width, 3), 250, np.uint8)
    cv2.putText(
        page,
        f"INVOICE 2024-{rng.randint(0, 9999):04d}",
        (120, 160),
        cv2.FONT_HERSHEY_DUPLEX,
        1.6,
        (20, 20, 20),
        3,
        cv2.LINE_AA,
    )
    y = 260
    while y < height - 150:
        if rng.random() < 0.15:  # a table row with cell borders
            cv2.rectangle(page, (110, y - 30), (width - 110, y + 14), (40, 40, 40), 2)
            for x in range(110, width - 110, (width - 220) // 4):
                cv2.line(page, (x, y - 30), (x, y + 14), (40, 40, 40), 2)
        words = []
        for _ in range(rng.randint(3, 8)):
            words.append("".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(rng.randint(2, 9))))
        cv2.putText(page, " ".join(words), (130, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (30, 30, 30), 2, cv2.LINE_AA)
        y += rng.choice([44, 44, 52, 70])
    return page


def photographed_page(seed: int = 0, tilt: float = 0.12, rotate: float = 6.0, page: Image | None = None) -> Image:
    """The page lying on a desk, photographed at an angle under uneven light (1920×1080)."""
    rng = random.Random(seed)
    page = document_page(seed) if page is None else page
    w, h = 1920, 1080
    ph, pw = page.shape[:2]
    s = (h * 0.88) / ph
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    half = np.array([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]], np.float32) * s
    half[[0, 1], 0] *= 1 - tilt  # top edge further from the camera
    a = np.deg2rad(rotate)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    dst = (half @ rot.T + np.array([w / 2 + rng.uniform(-80, 80), h / 2], np.float32)).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    desk = np.empty((h, w, 3), np.uint8)
    desk[:] = (rng.randint(50, 90), rng.randint(60, 100), rng.randint(80, 120))
    warped = cv2.warpPerspective(page, m, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (w, h))
    desk[mask > 127] = warped[mask > 127]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 0.75 + 0.3 * (xx / w) - 0.1 * (yy / h)  # lamp on the right
    out = (desk.astype(np.float32) * light[..., None]).clip(0, 255)
    nprng = np.random.default_rng(seed)
    out += nprng.normal(0, 4, out.shape)
    return cv2.GaussianBlur(out.clip(0, 255).astype(np.uint8), (0, 0), 0.8)


def write_video(path: str, frames: list[Image], fps: float = 15.0) -> None:
    """Write frames as an MJPG .avi (opencv's ffmpeg backend reads it back via VideoCapture)."""
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(path, cv2.VideoWriter.fourcc(*"MJPG"), fps, (w, h))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write video {path}")
    try:
        for f in frames:
            writer.write(f)
    finally:
        writer.release()


# -- ID cards -------------------------------------------------------------------------------


def id_card_side(seed: int = 0, back: bool = False, width: int = 856) -> Image:
    """A fictitious card side at the ID-1 ratio (85.6 × 54 mm): pale background, a photo box
    and text-like lines on the front, an emblem-like disc and two lines on the back."""
    rng = random.Random(seed)
    height = round(width * 54.0 / 85.6)
    card = np.full((height, width, 3), (236, 232, 225) if not back else (230, 236, 240), np.uint8)
    if back:
        cv2.circle(card, (width // 5, height // 3), height // 5, (40, 40, 200), -1)
        for n, y in enumerate((int(height * 0.72), int(height * 0.85))):
            cv2.putText(
                card,
                f"VALID 20{20 + n}-{rng.randint(10, 99)}",
                (width // 3, y),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.9,
                (30, 30, 30),
                2,
                cv2.LINE_AA,
            )
    else:
        cv2.rectangle(
            card, (int(width * 0.66), int(height * 0.15)), (int(width * 0.92), int(height * 0.72)), (150, 160, 170), -1
        )
        for n in range(5):
            y = int(height * (0.2 + 0.13 * n))
            text = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(rng.randint(4, 12)))
            cv2.putText(card, text, (40, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (30, 30, 30), 2, cv2.LINE_AA)
    cv2.rectangle(card, (0, 0), (width - 1, height - 1), (200, 200, 200), 2)
    return card


def photographed_card(seed: int = 0, back: bool = False, rotate: float = 4.0, upright: bool = False) -> Image:
    """A card lying on the 高拍仪's dark mat, about 0.3 of the frame wide (as an ID card is in an
    A4 field), slightly turned, under uneven light; 1920×1080."""
    rng = random.Random(seed)
    card = id_card_side(seed, back)
    if upright:
        card = cv2.rotate(card, cv2.ROTATE_90_CLOCKWISE)
    w, h = 1920, 1080
    ch, cw = card.shape[:2]
    s = (w * 0.3) / max(cw, ch)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    half = np.array([[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]], np.float32) * s
    a = np.deg2rad(rotate)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    dst = half @ rot.T + np.array([w / 2 + rng.uniform(-100, 100), h / 2 + rng.uniform(-60, 60)], np.float32)
    m = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    mat = np.empty((h, w, 3), np.uint8)
    mat[:] = (40, 45, 50)
    warped = cv2.warpPerspective(card, m, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ch, cw), 255, np.uint8), m, (w, h))
    mat[mask > 127] = warped[mask > 127]
    light = np.broadcast_to(0.85 + 0.2 * np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :], (h, w))
    out = (mat.astype(np.float32) * light[..., None]).clip(0, 255)
    out += np.random.default_rng(seed).normal(0, 3, out.shape)
    return cv2.GaussianBlur(out.clip(0, 255).astype(np.uint8), (0, 0), 0.8)
