"""QR on photographed codes: single decoders against the pipeline, per degradation class.

The set is bench/qr_photoset.py (generated at run time through a camera model; independent of
every decoder's own test images). A read counts only if the e-voucher validation
(devices/camera/evoucher.py ``is_token``) accepts it, as the counter does; a *misread* is an
accepted token that differs from the one in the picture, a *false read* an accepted token on a
frame without an e-voucher (no code at all, or a URL code). ``run()`` returns the markdown
section for docs/benchmarks.md.

"Before" is the pipeline as it was (zxing, then 2× upscale, then zbar; one paced stage every 2nd
frame), "after" the current ``QrDecoder`` defaults; both run in the same process on the same frames.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

import cv2

from bench import qr_photoset as ps
from devices.camera.evoucher import is_token
from devices.camera.qr import QrDecoder, decode_zbar, decode_zxing, to_gray

Decode = Callable[[Any], list[str]]


def _opencv(detector: Any) -> Decode:
    def decode(gray: Any) -> list[str]:
        try:
            _ok, texts, _pts, _ = detector.detectAndDecodeMulti(gray)
        except cv2.error:
            return []
        return [t for t in (texts or ()) if t]

    return decode


def single_decoders() -> dict[str, Decode]:
    out: dict[str, Decode] = {
        "zxing-cpp": lambda g: [r.text for r in decode_zxing(g)],
        "pyzbar (zbar)": lambda g: [r.text for r in decode_zbar(g)],
        "OpenCV QRCodeDetector": _opencv(cv2.QRCodeDetector()),
    }
    if hasattr(cv2, "QRCodeDetectorAruco"):
        out["OpenCV QRCodeDetectorAruco"] = _opencv(cv2.QRCodeDetectorAruco())
    return out


def before_decoder() -> QrDecoder:
    """The pipeline before this change (commit 86d7c89): same stages, old order and pacing."""
    return QrDecoder(fallbacks=("upscale2x", "zbar"), fallback_every=2, stream_fallbacks=None)


def after_decoder() -> QrDecoder:
    return QrDecoder(accept=is_token)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def score(decode: Decode, frames: list[tuple[str, str | None, Any]]) -> dict[str, Any]:
    """Reads per class, misreads and false reads (accepted = passes ``is_token``), times."""
    reads: Counter[str] = Counter()
    misreads = false_reads = 0
    times: list[float] = []
    for cls, expected, gray in frames:
        t0 = time.perf_counter()
        texts = decode(gray)
        times.append((time.perf_counter() - t0) * 1000.0)
        accepted = {t for t in texts if is_token(t)}
        if expected is None:
            false_reads += bool(accepted)
        else:
            reads[cls] += expected in accepted
            misreads += bool(accepted - {expected})
    return {"reads": reads, "misreads": misreads, "false_reads": false_reads, "times": times}


def stream_p95(paths: dict[str, Decode], frames: list[Any], repeat: int = 3) -> dict[str, tuple[float, float]]:
    """p95 and max ms per 720p frame of each path over ``frames`` played ``repeat`` times.

    The paths take turns on every frame, so load from other processes falls on all of them alike.
    """
    times: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(repeat):
        for gray in frames:
            for name, decode in paths.items():
                t0 = time.perf_counter()
                decode(gray)
                times[name].append((time.perf_counter() - t0) * 1000.0)
    return {name: (_pct(t, 0.95), max(t)) for name, t in times.items()}


def run(out: TextIO | None = None, per_class: int = 8, seed: int = 20) -> str:
    frames = [(cls, expected, to_gray(img)) for cls, expected, img in ps.frames(per_class=per_class, seed=seed)]
    positives = [f for f in frames if f[1] is not None]
    n_neg = len(frames) - len(positives)
    before, after = before_decoder(), after_decoder()
    rows: dict[str, dict[str, Any]] = {name: score(fn, frames) for name, fn in single_decoders().items()}
    rows["pipeline before (still image)"] = score(lambda g: [r.text for r in before.decode_image(g)[0]], frames)
    rows["pipeline after (still image)"] = score(lambda g: [r.text for r in after.decode_image(g)[0]], frames)

    # Live stream: the frames played in order (a code shown for a while, then gone), as a camera does.
    stream = [g for _, _, g in frames]

    def live(dec: QrDecoder) -> Decode:
        return lambda g: [r.text for r in dec.decode_stream_frame(g)[0]]

    live_rows = stream_p95(
        {
            "zxing-cpp alone": lambda g: [r.text for r in decode_zxing(g)],
            "pipeline before, live path": live(before_decoder()),
            "pipeline after, live path": live(after_decoder()),
        },
        stream,
    )
    base = live_rows["zxing-cpp alone"][0]

    best_single = max(single_decoders(), key=lambda k: sum(rows[k]["reads"].values()))
    lines = [
        "## QR on photographed codes (bench/qr_photo_bench.py)",
        "",
        f"{len(positives)} generated 1280×720 camera frames of e-voucher tokens ({len(ps.CLASSES)} classes × "
        f"{per_class}, bench/qr_photoset.py: printed slips and phone screens through perspective, curvature, "
        f"lens blur, a Bayer sensor with noise, and JPEG) and {n_neg} frames without an e-voucher "
        f"(no code; a URL code). A read counts when the e-voucher check accepts it; misread = an accepted token "
        f"other than the one shown, false read = an accepted token on a frame without one.",
        "",
        "| decoder | " + " | ".join(ps.CLASSES) + " | total | misreads | false reads | median ms | p95 ms |",
        "| --- | " + " | ".join("---:" for _ in ps.CLASSES) + " | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, m in rows.items():
        total = sum(m["reads"].values())
        lines.append(
            f"| {name} | "
            + " | ".join(str(m["reads"][c]) for c in ps.CLASSES)
            + f" | {total}/{len(positives)} ({100 * total / len(positives):.0f} %) | {m['misreads']} | "
            f"{m['false_reads']} | {_pct(m['times'], 0.5):.1f} | {_pct(m['times'], 0.95):.1f} |"
        )
    after_total = sum(rows["pipeline after (still image)"]["reads"].values())
    best_total = sum(rows[best_single]["reads"].values())
    lines += [
        "",
        f"Best single decoder: {best_single}, {best_total}/{len(positives)}; the pipeline after: "
        f"{after_total}/{len(positives)} (+{after_total - best_total}).",
        "",
        f"Live path, {len(stream)} frames played 3 times in order, the three paths taking turns on each frame "
        "(per-frame ms):",
        "",
        "| path | p95 ms | max ms | p95 / zxing-cpp alone |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, (p95, worst) in live_rows.items():
        lines.append(f"| {name} | {p95:.1f} | {worst:.1f} | {p95 / base:.2f}× |")
    text = "\n".join(lines) + "\n"
    if out is not None:
        out.write(text)
    return text


if __name__ == "__main__":
    run(sys.stdout, per_class=int(sys.argv[1]) if len(sys.argv) > 1 else 8)
