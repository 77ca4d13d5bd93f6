"""QR decode benchmark: read rate, misreads and per-frame time of each decoder stage.

Runs on the generated set (devices/camera/synthetic.py: 1280×720 phone-screen frames, 14
degradations plus frames without a code). ``run()`` returns a markdown section for
docs/benchmarks.md; ``python -m bench.qr_decode`` prints it.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import TextIO

from devices.camera import synthetic as syn
from devices.camera.base import QrRead
from devices.camera.qr import STAGES, QrDecoder, to_gray


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _measure(fn: Callable[[object], list[QrRead]], frames: list[tuple[str, str | None, object]]) -> dict[str, float]:
    reads = misreads = 0
    times: list[float] = []
    for _case, expected, gray in frames:
        t0 = time.perf_counter()
        got = fn(gray)
        times.append((time.perf_counter() - t0) * 1000.0)
        texts = {r.text for r in got}
        if expected is not None and expected in texts:
            reads += 1
        if texts - ({expected} if expected else set()):
            misreads += 1
    return {
        "reads": reads,
        "misreads": misreads,
        "median_ms": statistics.median(times),
        "p95_ms": _pct(times, 0.95),
    }


def run(out: TextIO | None = None, per_case: int = 6, seed: int = 1) -> str:
    data = syn.generated_set(per_case=per_case, seed=seed)
    frames = [(case, expected, to_gray(img)) for case, expected, img in data]
    positives = sum(1 for _, e, _ in frames if e is not None)
    negatives = len(frames) - positives

    decoder = QrDecoder()

    def pipeline(gray: object) -> list[QrRead]:
        return list(decoder.decode_image(gray)[0])  # type: ignore[arg-type]

    stream = QrDecoder()

    def stream_frame(gray: object) -> list[QrRead]:
        return list(stream.decode_stream_frame(gray)[0])  # type: ignore[arg-type]

    rows: list[tuple[str, dict[str, float]]] = []
    for name, fn in STAGES.items():
        rows.append((name, _measure(fn, frames)))  # type: ignore[arg-type]
    rows.append(("pipeline, still image (all stages until a read)", _measure(pipeline, frames)))
    rows.append(("pipeline, live stream (one paced stage every 20th frame)", _measure(stream_frame, frames)))

    # Which stage made each read, and per case, for the still-image pipeline.
    by_stage: Counter[str] = Counter()
    per_case_reads: Counter[str] = Counter()
    per_case_total: Counter[str] = Counter()
    for case, expected, gray in frames:
        if expected is None:
            continue
        per_case_total[case] += 1
        reads, _ = decoder.decode_image(gray)  # type: ignore[arg-type]
        if any(r.text == expected for r in reads):
            per_case_reads[case] += 1
            by_stage[reads[0].stage] += 1

    lines = [
        "## QR decoding (bench/qr_decode.py)",
        "",
        f"Generated set: {positives} frames with an e-voucher token ({len(syn.CASES)} degradations × "
        f"{per_case}), {negatives} frames without a code; 1280×720, decoded as grayscale. "
        f"Python {sys.version.split()[0]}.",
        "",
        "| decoder | reads | misreads / false reads | median ms | p95 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, m in rows:
        lines.append(
            f"| {name} | {m['reads']}/{positives} ({100 * m['reads'] / positives:.0f} %) | "
            f"{m['misreads']} | {m['median_ms']:.1f} | {m['p95_ms']:.1f} |"
        )
    lines += [
        "",
        "Reads by the stage that made them (still-image pipeline): "
        + ", ".join(f"{k} {v}" for k, v in by_stage.most_common())
        + ".",
        "",
        "| case | read |",
        "| --- | ---: |",
    ]
    for case in syn.CASES:
        lines.append(f"| {case} | {per_case_reads[case]}/{per_case_total[case]} |")
    text = "\n".join(lines) + "\n"
    if out is not None:
        out.write(text)
    return text


if __name__ == "__main__":
    run(sys.stdout, per_case=int(sys.argv[1]) if len(sys.argv) > 1 else 6)
