"""Photographed e-voucher codes: a seeded set rendered through a simple camera model.

Independent of every decoder's own test images and of devices/camera/synthetic.py (which
pastes a code onto a frame and spoils the pixels afterwards). Here a scene is built in object
space — a printed voucher slip or a phone screen with its pixel grid — and a camera looks at it:

    object (paper: curved/crumpled, shaded; screen: emissive, pixel grid, dark-mode or not)
      → projection (perspective homography, cylinder curvature, crumple displacement),
        point-sampled at 2× and box-filtered (the aliasing that makes screen moiré)
      → illumination (vignetting, specular glare), exposure (low light)
      → lens PSF (defocus disk, motion line at any angle)
      → Bayer mosaic, shot + read noise, gain, demosaic, gamma → JPEG.

Every frame goes through the whole chain with mild settings; its class turns one stage up
hard (or several for ``mixed``). Frames without a code use the same scenes with the code left
out, and ``other_code`` shows a non-e-voucher QR (a URL), which the e-voucher validation must
reject. Everything is generated at run time from a seed; nothing is committed but this file.

Payload: the 医保电子凭证 token shape — ``424`` + 17 digits + 2 digits + province + ``0000``
(devices/camera/evoucher.py, DOMAIN-NOTES.md).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from devices.camera.evoucher import PROVINCE_CODES

W, H = 1280, 720
SS = 2  # supersampling of the projection (point-sampled at 2×, then box-filtered)

#: Degradation classes of the set (each frame also gets the mild baseline of every stage).
CLASSES: tuple[str, ...] = (
    "perspective",
    "curvature",
    "defocus",
    "motion",
    "moire",
    "glare",
    "noise",
    "low_light",
    "edge_small",
    "jpeg",
    "mixed",
)
NEGATIVE_CLASSES: tuple[str, ...] = ("no_code", "other_code")


def token(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(17))
    return f"424{body}{rng.randint(0, 99):02d}{rng.choice(sorted(PROVINCE_CODES))}0000"


def _matrix(text: str, rng: random.Random) -> Any:
    """Module matrix (True = dark) with a 4-module quiet zone; error level and mask vary."""
    import segno  # development dependency, as for devices/camera/synthetic.py

    qr = segno.make_qr(text, error=rng.choice("lmmq"), mask=rng.randrange(8), boost_error=False)
    return np.array([[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=4)])


@dataclass(frozen=True)
class Shot:
    """Camera and scene parameters of one frame (all have mild defaults)."""

    carrier: str = "paper"  # "paper" slip or "screen" (phone)
    code_px: float = 180.0  # width of the code (quiet zone included) in frame pixels
    centre: tuple[float, float] = (0.5, 0.5)  # code centre as a fraction of the frame
    yaw: float = 0.0  # perspective: one side recedes (0..0.6)
    roll: float = 0.0  # in-plane rotation, degrees
    bend: float = 0.0  # cylinder curvature: radians of arc from the code centre to its edge
    crumple: float = 0.0  # smooth random displacement, in modules
    dark_mode: bool = False
    screen_pitch: float = 0.0  # screen pixels per frame pixel (moiré when near 1); 0 = no grid
    defocus: float = 0.6  # disk PSF radius, frame pixels
    motion: float = 0.0  # motion PSF length, frame pixels
    motion_angle: float = 0.0
    glare: float = 0.0  # 0..1.5 peak of the specular spot (1 = sensor saturation)
    exposure: float = 1.0  # 1 = well exposed; 0.05 = very low light (gain brings it back)
    read_noise: float = 1.5  # sensor read noise (DN at gain 1)
    jpeg: int = 88
    vignette: float = 0.25


def _slip(matrix: Any, mod: int, rng: random.Random, with_code: bool) -> Any:
    """A printed voucher slip (grayscale reflectance 0..1): code, text lines, a border."""
    n = matrix.shape[0]
    side = n * mod
    w, h = int(side * 1.5), int(side * 1.9)
    page: Any = np.full((h, w), rng.uniform(0.82, 0.93), np.float32)
    x0, y0 = (w - side) // 2, int(side * 0.45)
    if with_code:
        code: Any = np.where(matrix, rng.uniform(0.05, 0.14), 1.0).astype(np.float32)
        code = cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST)
        page[y0 : y0 + side, x0 : x0 + side] *= code
    for i in range(3):  # title and text lines above and below
        y = int(side * (0.12 + 0.1 * i))
        page[y : y + mod, mod * 3 : mod * 3 + rng.randint(w // 3, w - mod * 6)] *= 0.2
    for i in range(4):
        y = y0 + side + mod * (2 + 3 * i)
        if y + mod < h:
            page[y : y + mod, mod * 3 : mod * 3 + rng.randint(w // 4, w - mod * 6)] *= 0.25
    fibre = np.random.default_rng(rng.randrange(2**31)).normal(1.0, 0.03, (h // 4 + 1, w // 4 + 1)).astype(np.float32)
    page *= cv2.resize(fibre, (w, h))
    return page, (x0 + side / 2, y0 + side / 2)


def _screen(matrix: Any, mod: int, rng: random.Random, with_code: bool, dark: bool, url: bool) -> Any:
    """A phone screen (emitted light 0..1): header bar, code card, text; 9:19.5 portrait."""
    n = matrix.shape[0]
    side = n * mod
    w = int(side * 1.45)
    h = int(w * 19.5 / 9)
    bg, fg = (0.1, 0.9) if dark else (0.97, 0.12)
    scr = np.full((h, w), bg, np.float32)
    scr[: h // 10] = rng.uniform(0.35, 0.6)  # app header bar
    x0, y0 = (w - side) // 2, int(h * 0.28)
    if with_code:
        dark_v, light_v = (0.9, 0.1) if dark and not url else (0.03, 1.0)
        code = np.where(matrix, dark_v, light_v).astype(np.float32)
        scr[y0 : y0 + side, x0 : x0 + side] = cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST)
    for i in range(5):
        y = y0 + side + mod * (2 + 3 * i)
        if y + mod < h:
            scr[y : y + mod, mod * 2 : mod * 2 + rng.randint(w // 4, w - mod * 4)] = fg
    return scr, (x0 + side / 2, y0 + side / 2)


def _render(text: str | None, shot: Shot, seed: int, url: bool = False) -> Any:
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    matrix = _matrix(text if text is not None else "4240000000000000000000110000", rng)
    n = matrix.shape[0]
    mod = 12  # object pixels per module
    if shot.carrier == "screen":
        obj, (ocx, ocy) = _screen(matrix, mod, rng, text is not None, shot.dark_mode, url)
    else:
        obj, (ocx, ocy) = _slip(matrix, mod, rng, text is not None)
    oh, ow = obj.shape
    # Frame (supersampled) → object coordinates: similarity + perspective around the code centre.
    s = shot.code_px * SS / (n * mod)  # frame px per object px
    cx, cy = shot.centre[0] * W * SS, shot.centre[1] * H * SS
    src = np.array([[0, 0], [ow, 0], [ow, oh], [0, oh]], np.float32) - np.array([ocx, ocy], np.float32)
    dst = src * s
    if shot.yaw:
        side = rng.randrange(4)  # which edge recedes
        idx = [[0, 3], [1, 2], [0, 1], [2, 3]][side]
        axis = 0 if side < 2 else 1
        dst[idx, 1 - axis] *= 1 - shot.yaw
        dst[idx, axis] *= 1 - shot.yaw * 0.4
    a = np.deg2rad(shot.roll)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    dst = dst @ rot.T + np.array([cx, cy], np.float32)
    hom = cv2.getPerspectiveTransform(
        (src + np.array([ocx, ocy], np.float32)).astype(np.float32), dst.astype(np.float32)
    )
    inv = np.linalg.inv(hom)
    fh, fw = H * SS, W * SS
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    den = inv[2, 0] * xx + inv[2, 1] * yy + inv[2, 2]
    u = (inv[0, 0] * xx + inv[0, 1] * yy + inv[0, 2]) / den
    v = (inv[1, 0] * xx + inv[1, 1] * yy + inv[1, 2]) / den
    shade = np.ones_like(u)
    if shot.bend:  # paper bent round a vertical axis: arc length from the visible chord
        half = n * mod / 2
        r = half / max(shot.bend, 1e-3)
        t_raw = (u - ocx) / r
        t = np.clip(t_raw, -0.999, 0.999)
        u = np.where(np.abs(t_raw) < 0.999, ocx + r * np.arcsin(t), -1.0)  # beyond the fold: unseen
        depth = r * (1 - np.sqrt(1 - t**2))
        v = ocy + (v - ocy) * (1 + 0.6 * depth / (n * mod))
        shade = 1 - 0.35 * t**2
    if shot.crumple:
        k = nprng.normal(0, 1, (2, 5, 5)).astype(np.float32)
        dx = cv2.resize(k[0], (fw, fh), interpolation=cv2.INTER_CUBIC) * shot.crumple * mod
        dy = cv2.resize(k[1], (fw, fh), interpolation=cv2.INTER_CUBIC) * shot.crumple * mod
        u = u + dx
        v = v + dy
        gy, gx = np.gradient(dx)
        shade = shade * (1 + 4.0 * (gx + gy) / max(shot.crumple * mod, 1e-3) * shot.crumple * 0.15).clip(0.6, 1.3)
    inside = (u >= 0) & (u < ow - 1) & (v >= 0) & (v < oh - 1)
    scene = cv2.remap(
        obj, u.astype(np.float32), v.astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    if shot.carrier == "screen" and shot.screen_pitch:
        # The screen's pixel grid (a dark gap between pixels), sampled by the sensor: moiré.
        sp = SS / (s * shot.screen_pitch)  # object px per screen pixel
        gu = 0.55 + 0.45 * (np.cos(2 * np.pi * u / sp) > -0.3)
        gv = 0.55 + 0.45 * (np.cos(2 * np.pi * v / sp) > -0.3)
        scene = scene * gu * gv
    # Desk / background where the object is not.
    desk = cv2.resize(
        nprng.normal(rng.uniform(0.2, 0.45), 0.06, (fh // 40 + 1, fw // 40 + 1)).astype(np.float32), (fw, fh)
    )
    if shot.carrier == "screen":
        bezel = cv2.dilate(inside.astype(np.uint8), np.ones((int(30 * s) | 1, int(30 * s) | 1), np.uint8)) > 0
        desk[bezel & ~inside] = 0.04
        light = 0.85  # emissive: independent of room light, brighter than paper
    else:
        light = 0.9
    radiance: Any = np.where(inside, scene * shade * light, desk).astype(np.float32)
    radiance = cv2.resize(radiance, (W, H), interpolation=cv2.INTER_AREA)
    # Illumination: vignetting, a specular spot over (part of) the code.
    fy, fx = np.mgrid[0:H, 0:W].astype(np.float32)
    rr = ((fx - W / 2) / (W / 2)) ** 2 + ((fy - H / 2) / (H / 2)) ** 2
    radiance *= 1 - shot.vignette * rr / 2
    if shot.glare:
        gx = shot.centre[0] * W + rng.uniform(-0.35, 0.35) * shot.code_px
        gy = shot.centre[1] * H + rng.uniform(-0.35, 0.35) * shot.code_px
        sx, sy = shot.code_px * rng.uniform(0.15, 0.35), shot.code_px * rng.uniform(0.1, 0.25)
        ang = rng.uniform(0, np.pi)
        xr = (fx - gx) * np.cos(ang) + (fy - gy) * np.sin(ang)
        yr = -(fx - gx) * np.sin(ang) + (fy - gy) * np.cos(ang)
        radiance += shot.glare * np.exp(-(((xr / sx) ** 2 + (yr / sy) ** 2) ** 1.5))
    # Lens: defocus disk and motion line PSFs.
    if shot.defocus > 0.3:
        r = shot.defocus
        kd = int(np.ceil(r)) * 2 + 1
        ky, kx = np.mgrid[0:kd, 0:kd].astype(np.float32) - kd // 2
        disk = np.clip(r + 0.5 - np.sqrt(kx**2 + ky**2), 0, 1)
        radiance = cv2.filter2D(radiance, -1, disk / disk.sum())
    if shot.motion > 1:
        length = shot.motion
        kl = int(np.ceil(length)) | 1
        line = np.zeros((kl, kl), np.float32)
        c = kl // 2
        dx, dy = np.cos(np.deg2rad(shot.motion_angle)), np.sin(np.deg2rad(shot.motion_angle))
        for t in np.linspace(-length / 2, length / 2, int(length * 3)):
            line[round(float(c + t * dy)), round(float(c + t * dx))] += 1
        radiance = cv2.filter2D(radiance, -1, line / line.sum())
    # Sensor: colour (a slight warm cast), Bayer mosaic, shot + read noise, gain, clip.
    full_well = 4000.0 * shot.exposure  # electrons at white for this exposure
    rgb = np.stack([radiance * 0.92, radiance, radiance * 1.05], -1)  # B, G, R response
    bayer = np.empty((H, W), np.float32)
    bayer[0::2, 0::2] = rgb[0::2, 0::2, 0]
    bayer[0::2, 1::2] = rgb[0::2, 1::2, 1]
    bayer[1::2, 0::2] = rgb[1::2, 0::2, 1]
    bayer[1::2, 1::2] = rgb[1::2, 1::2, 2]
    electrons = nprng.poisson(np.clip(bayer, 0, None) * full_well).astype(np.float32)
    gain = 255.0 / full_well
    dn = electrons * gain + nprng.normal(0, shot.read_noise * max(1.0, 1 / shot.exposure) ** 0.5, (H, W))
    raw = np.clip(dn, 0, 255).astype(np.uint8)
    bgr = cv2.cvtColor(raw, cv2.COLOR_BayerRG2BGR)
    lut = (255 * (np.arange(256) / 255.0) ** (1 / 1.6)).astype(np.uint8)  # tone curve
    bgr = cv2.LUT(bgr, lut)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, shot.jpeg])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def _shot(cls: str, rng: random.Random) -> Shot:
    """Parameters of one frame of class ``cls``: mild everywhere, one stage turned up."""
    base = Shot(
        carrier=rng.choice(["paper", "screen"]),
        code_px=rng.uniform(140, 260),
        centre=(rng.uniform(0.35, 0.65), rng.uniform(0.35, 0.65)),
        yaw=rng.uniform(0, 0.15),
        roll=rng.uniform(-20, 20),
        defocus=rng.uniform(0.3, 0.9),
        jpeg=rng.randint(80, 92),
        dark_mode=False,
    )
    u = rng.uniform
    if cls == "perspective":
        return replace(base, yaw=u(0.45, 0.65), roll=u(-45, 45), code_px=u(110, 170))
    if cls == "curvature":
        return replace(base, carrier="paper", bend=u(0.45, 0.85), crumple=u(0.15, 0.4), code_px=u(140, 220))
    if cls == "defocus":
        return replace(base, defocus=u(3.5, 5.5), code_px=u(150, 240))
    if cls == "motion":
        return replace(base, motion=u(9, 15), motion_angle=u(0, 180), code_px=u(150, 240))
    if cls == "moire":
        return replace(
            base, carrier="screen", screen_pitch=u(0.9, 1.3), code_px=u(100, 170), dark_mode=rng.random() < 0.3
        )
    if cls == "glare":
        return replace(base, glare=u(0.7, 1.3), code_px=u(150, 240))
    if cls == "noise":
        return replace(base, read_noise=u(25, 40), jpeg=rng.randint(70, 85), code_px=u(110, 170))
    if cls == "low_light":
        return replace(base, exposure=u(0.003, 0.008), read_noise=u(2, 4), code_px=u(120, 200))
    if cls == "edge_small":
        cx = rng.choice([u(0.03, 0.06), u(0.94, 0.97)])
        cy = rng.choice([u(0.05, 0.1), u(0.9, 0.95), u(0.2, 0.8)])
        return replace(base, code_px=u(48, 70), centre=(cx, cy), vignette=0.5, defocus=u(0.7, 1.1))
    if cls == "jpeg":
        return replace(base, jpeg=rng.randint(5, 10), code_px=u(90, 140), read_noise=4)
    if cls == "mixed":
        return replace(
            base,
            yaw=u(0.2, 0.35),
            defocus=u(1.0, 1.8),
            motion=u(2, 5),
            motion_angle=u(0, 180),
            glare=u(0.2, 0.5),
            exposure=u(0.05, 0.1),
            read_noise=6,
            jpeg=rng.randint(40, 60),
            code_px=u(120, 180),
            screen_pitch=u(0.9, 1.4) if base.carrier == "screen" else 0.0,
        )
    if cls in NEGATIVE_CLASSES:
        return replace(
            base, read_noise=u(1.5, 12), glare=rng.choice([0.0, 0.0, 0.8]), screen_pitch=rng.choice([0.0, 1.1])
        )
    raise ValueError(cls)


def frames(per_class: int = 8, seed: int = 20, negatives: int | None = None) -> Iterator[tuple[str, str | None, Any]]:
    """(class, expected token or None, 1280×720 BGR frame), generated lazily in a fixed order.

    ``negatives``: frames per negative class (default ``per_class``). ``other_code`` frames carry
    a URL QR: its expected token is None because no e-voucher may be accepted from them.
    """
    rng = random.Random(seed)
    for cls in CLASSES:
        for _ in range(per_class):
            text = token(rng)
            yield cls, text, _render(text, _shot(cls, rng), rng.randrange(2**31))
    for cls in NEGATIVE_CLASSES:
        for _ in range(per_class if negatives is None else negatives):
            shot = _shot(cls, rng)
            fseed = rng.randrange(2**31)
            if cls == "other_code":
                url = f"https://example.org/hc/{rng.randrange(10**9):09d}"
                yield cls, None, _render(url, shot, fseed, url=True)
            else:
                yield cls, None, _render(None, shot, fseed)
