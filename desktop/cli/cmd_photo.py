"""`tongban photo`: turn photos of paper materials into small, legible page images.

    tongban photo [process] IN... --out DIR [--target-kb 180] [--json]
    tongban photo --camera N --out DIR      one frame from the camera, processed

Each page is written as DIR/<name>.jpg; the report gives bytes, size, JPEG quality, whether
the paper's outline was found and the skew corrected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("photo", help="材料拍照：找边、矫正、增强、压缩")
    parser.add_argument("inputs", nargs="*", metavar="IN", help="照片文件（可先写 process）")
    parser.add_argument("--camera", type=int, metavar="N", help="从摄像头拍一张")
    parser.add_argument("--out", required=True, metavar="DIR", help="输出目录")
    parser.add_argument("--target-kb", type=int, default=180, help="每页目标大小 KB（默认 180）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(func=_run)


def _grab_camera_frame(index: int) -> Any:
    """One frame from the camera, read on this (CLI) thread: nothing else uses the device."""
    from devices.camera.base import CameraSource
    from devices.camera.capture import open_video_capture
    from models.errors import UserFacingError

    cap = open_video_capture(CameraSource(index=index))
    try:
        image = None
        for _ in range(10):  # the first frames of a UVC camera are often dark (auto exposure)
            ok, img = cap.read()
            if ok:
                image = img
        if image is None:
            raise UserFacingError("camera.busy", index=index)
        return image
    finally:
        cap.release()


def _run(args: argparse.Namespace) -> int:
    from devices.camera.document import load_image, process_page
    from models.errors import UserFacingError

    inputs = list(args.inputs)
    if inputs and inputs[0] == "process":
        inputs = inputs[1:]
    if not inputs and args.camera is None:
        print("请给出照片文件，或用 --camera N。", file=sys.stderr)
        return 2
    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError("photo.no_output_dir", path=str(out_dir)) from exc
    jobs: list[tuple[str, Any]] = [(p, None) for p in inputs]
    if args.camera is not None:
        jobs.append((f"camera{args.camera}", _grab_camera_frame(args.camera)))
    report = []
    for name, image in jobs:
        img = image if image is not None else load_image(name)
        page = process_page(img, target_bytes=args.target_kb * 1000)
        target = out_dir / f"{Path(name).stem}.jpg"
        target.write_bytes(page.jpeg)
        report.append(
            {
                "input": name,
                "output": str(target),
                "bytes": page.size,
                "width": page.width,
                "height": page.height,
                "jpeg_quality": page.quality,
                "page_found": page.page_found,
                "skew_degrees": round(page.skew_degrees, 1),
            }
        )
    if args.json:
        emit_json(report)
    else:
        for r in report:
            found = "已找到纸张边缘" if r["page_found"] else "未找到纸张边缘，按整幅处理"
            print(
                f"{r['input']} → {r['output']}: {r['bytes'] / 1000:.0f} KB，"
                f"{r['width']}×{r['height']}，质量 {r['jpeg_quality']}，{found}"
            )
    return 0
