"""`tongban scan`: read 医保电子凭证 QR codes from image/video files or the counter camera.

    tongban scan FILE... [--json]            one entry per file (images and videos)
    tongban scan --file PATH [--json]        the same, for one file
    tongban scan --camera N [--timeout S]    wait for a code in front of camera N

Tokens are printed masked (first and last four characters): they are credentials.
Exit status 0 when every input gave a valid e-voucher, 4 when some gave none.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".pgm", ".ppm"}
NO_EVOUCHER = 4


def register(sub: Any) -> None:
    parser = sub.add_parser("scan", help="识别医保电子凭证二维码（图片、视频或摄像头）")
    parser.add_argument("files", nargs="*", metavar="FILE", help="图片或视频文件")
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--camera", type=int, metavar="N", help="摄像头编号")
    src.add_argument("--file", dest="file", metavar="PATH", help="图片、视频或图像序列 (frame_%%03d.png)")
    parser.add_argument("--timeout", type=float, default=30.0, help="摄像头等待秒数（默认 30）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(func=_run)


def _describe_text(text: str) -> dict[str, Any]:
    from devices.camera.evoucher import mask_token, validate_token
    from models.errors import ValidationError

    try:
        token = validate_token(text)
    except ValidationError as exc:
        return {"text": mask_token(text), "evoucher": False, "error": exc.code, "params": exc.params}
    return {"text": token.masked, "evoucher": True, "province": token.province_code}


class _Collector:
    """CaptureListener gathering distinct texts from a file or camera (called on capture threads)."""

    def __init__(self, stop_on_evoucher: bool) -> None:
        self.texts: dict[str, str] = {}  # text -> stage
        self.frames = 0
        self.times_ms: list[float] = []
        self.error: Exception | None = None
        self.done = threading.Event()
        self.found = threading.Event()
        self._stop_on_evoucher = stop_on_evoucher

    def frame_captured(self, frame: Any) -> None:
        pass

    def frame_analysed(self, frame: Any, analysis: Any) -> None:
        from devices.camera.evoucher import is_token

        self.frames += 1
        self.times_ms.append(analysis.elapsed_ms)
        for r in analysis.reads:
            self.texts.setdefault(r.text, r.stage)
            if not self._stop_on_evoucher or is_token(r.text):
                self.found.set()

    def capture_failed(self, error: Exception) -> None:
        self.error = error

    def capture_stopped(self) -> None:
        self.done.set()


def _scan_stream(source: Any, timeout: float | None, stop_on_evoucher: bool) -> _Collector:
    from devices.camera.capture import FrameCapture
    from devices.camera.qr import QrFrameAnalyser

    collector = _Collector(stop_on_evoucher)
    capture = FrameCapture(source, collector, QrFrameAnalyser())
    capture.start()
    try:
        if source.is_device:
            deadline = time.monotonic() + (timeout or 0)
            while not collector.done.is_set() and not collector.found.is_set():
                if time.monotonic() > deadline:
                    break
                collector.found.wait(0.1)
        else:
            collector.done.wait(timeout)
    finally:
        capture.stop()
    return collector


def _scan_one(path: str) -> dict[str, Any]:
    from devices.camera.base import CameraSource
    from devices.camera.qr import QrDecoder, to_gray
    from models.errors import UserFacingError

    t0 = time.perf_counter()
    entry: dict[str, Any] = {"path": path}
    try:
        if Path(path).suffix.lower() in IMAGE_SUFFIXES and "%" not in path:
            from devices.camera.document import load_image

            reads, _stages = QrDecoder().decode_image(to_gray(load_image(path)))
            entry["frames"] = 1
            found = {r.text: r.stage for r in reads}
        else:
            col = _scan_stream(CameraSource(path=path), timeout=None, stop_on_evoucher=False)
            if col.error is not None:
                raise col.error
            entry["frames"] = col.frames
            if col.times_ms:
                ordered = sorted(col.times_ms)
                entry["frame_ms_median"] = round(ordered[len(ordered) // 2], 2)
            found = col.texts
    except UserFacingError as exc:
        entry.update(error=exc.code, codes=[], evoucher_valid=False)
        entry["error_params"] = {k: v for k, v in exc.params.items() if isinstance(v, int | str)}
        return entry
    codes = [{**_describe_text(text), "stage": stage} for text, stage in found.items()]
    entry["codes"] = codes
    entry["evoucher_valid"] = any(c["evoucher"] for c in codes)
    entry["elapsed_ms"] = round((time.perf_counter() - t0) * 1000.0, 2)
    return entry


def _print_entry(entry: dict[str, Any]) -> None:
    from desktop.messages import render
    from models.errors import UserFacingError

    if "error" in entry:
        params = {"path": entry["path"], **entry.get("error_params", {})}
        print(f"{entry['path']}: 错误：{render(UserFacingError(entry['error'], **params))}")
        return
    if not entry["codes"]:
        print(f"{entry['path']}: 未识别到二维码（{entry['elapsed_ms']} ms）")
    for c in entry["codes"]:
        if c["evoucher"]:
            print(f"{entry['path']}: 医保电子凭证 {c['text']}（省份代码 {c['province']}，{entry['elapsed_ms']} ms）")
        else:
            msg = render(UserFacingError(c["error"], **c.get("params", {})))
            print(f"{entry['path']}: {c['text']} — {msg}")


def _run(args: argparse.Namespace) -> int:
    from devices.camera.base import CameraSource
    from models.errors import UserFacingError

    if args.camera is not None:
        col = _scan_stream(CameraSource(index=args.camera), args.timeout, stop_on_evoucher=True)
        if col.error is not None:
            raise col.error
        entry: dict[str, Any] = {"camera": args.camera, "frames": col.frames}
        entry["codes"] = [{**_describe_text(t), "stage": s} for t, s in col.texts.items()]
        entry["evoucher_valid"] = any(c["evoucher"] for c in entry["codes"])
        if args.json:
            emit_json(entry)
        elif not entry["codes"]:
            raise UserFacingError("camera.timeout", seconds=int(args.timeout))
        else:
            for c in entry["codes"]:
                print(c["text"] if c["evoucher"] else f"{c['text']} ({c['error']})")
        return 0 if entry["evoucher_valid"] else NO_EVOUCHER
    paths = list(args.files) + ([args.file] if args.file else [])
    if not paths:
        print("请给出图片/视频文件，或用 --camera N 选择摄像头。", file=sys.stderr)
        return 2
    entries = [_scan_one(p) for p in paths]
    if args.json:
        emit_json(entries)
    else:
        for e in entries:
            _print_entry(e)
    return 0 if all(e["evoucher_valid"] for e in entries) else NO_EVOUCHER
