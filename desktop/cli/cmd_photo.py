"""`tongban photo`: turn photos of paper materials into small, legible page images, and keep
the pages of one material together as one PDF.

    tongban photo process IN... --out OUT [--target-kb 180] [--json]
        OUT is a directory (one OUT/<name>.jpg per input) or, for one input, a .jpg file
    tongban photo camera N --out OUT       one frame from camera N, processed
    tongban photo pdf IN... --out FILE.pdf [--raw]
        several photos of one material → one PDF (processed first unless --raw)
    tongban photo pdf --case NO --material KEY --out FILE.pdf
        the stored pages of one material of a case (decrypted, hash-verified)
    tongban photo pdf --case NO --list     the case's materials and their page counts

The report gives bytes, size, JPEG quality, whether the paper's outline was found and the skew
corrected. Exporting a case's material is recorded in the audit log.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json

IMAGE_SUFFIXES = (".jpg", ".jpeg")


def register(sub: Any) -> None:
    parser = sub.add_parser("photo", help="材料拍照：找边、矫正、增强、压缩；多页合成 PDF")
    cmds = parser.add_subparsers(dest="photo_command", metavar="{process,camera,pdf}")
    parser.set_defaults(func=lambda _args: _usage(parser))

    process = cmds.add_parser("process", help="处理照片文件：找边、矫正、增强、压缩")
    process.add_argument("inputs", nargs="+", metavar="IN", help="照片文件")
    process.add_argument("--out", required=True, metavar="OUT", help="输出目录，或单个输入时的 .jpg 文件")
    process.add_argument("--target-kb", type=int, default=180, help="每页目标大小 KB（默认 180）")
    process.add_argument("--json", action="store_true", help="输出 JSON")
    process.set_defaults(func=_run_process)

    camera = cmds.add_parser("camera", help="从摄像头拍一张并处理")
    camera.add_argument("index", type=int, metavar="N", help="摄像头编号")
    camera.add_argument("--out", required=True, metavar="OUT", help="输出目录或 .jpg 文件")
    camera.add_argument("--target-kb", type=int, default=180, help="每页目标大小 KB（默认 180）")
    camera.add_argument("--json", action="store_true", help="输出 JSON")
    camera.set_defaults(func=_run_camera)

    pdf = cmds.add_parser("pdf", help="一份材料的多页照片合成一个 PDF")
    pdf.add_argument("inputs", nargs="*", metavar="IN", help="照片文件（按页序）")
    pdf.add_argument("--case", dest="case_no", help="办件编号：导出该办件已存的材料页")
    pdf.add_argument("--material", help="材料代码（见 --list）")
    pdf.add_argument("--list", action="store_true", help="列出办件的材料及页数")
    pdf.add_argument("--out", type=Path, help="输出 PDF 文件")
    pdf.add_argument("--raw", action="store_true", help="照片不做处理，原样放入")
    pdf.add_argument("--target-kb", type=int, default=180, help="每页目标大小 KB（默认 180）")
    pdf.add_argument("--json", action="store_true", help="输出 JSON")
    pdf.set_defaults(func=_run_pdf)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


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


def _targets(out: str, names: list[str]) -> list[Path]:
    """Where each processed page goes: into the directory OUT, or OUT itself for one input."""
    from models.errors import UserFacingError

    target = Path(out)
    if target.suffix.lower() in IMAGE_SUFFIXES:
        if len(names) != 1:
            raise UserFacingError("photo.out_file_needs_one_input", count=len(names))
        directory = target.parent
        files = [target]
    else:
        directory = target
        files = [target / f"{Path(name).stem}.jpg" for name in names]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError("photo.no_output_dir", path=str(directory)) from exc
    return files


def _process(jobs: list[tuple[str, Any]], out: str, target_kb: int, as_json: bool) -> int:
    from devices.camera.document import load_image, process_page

    report = []
    for (name, image), target in zip(jobs, _targets(out, [n for n, _ in jobs]), strict=True):
        img = image if image is not None else load_image(name)
        page = process_page(img, target_bytes=target_kb * 1000)
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
    if as_json:
        emit_json(report)
    else:
        for r in report:
            found = "已找到纸张边缘" if r["page_found"] else "未找到纸张边缘，按整幅处理"
            print(
                f"{r['input']} → {r['output']}: {r['bytes'] / 1000:.0f} KB，"
                f"{r['width']}×{r['height']}，质量 {r['jpeg_quality']}，{found}"
            )
    return 0


def _run_process(args: argparse.Namespace) -> int:
    return _process([(p, None) for p in args.inputs], args.out, args.target_kb, args.json)


def _run_camera(args: argparse.Namespace) -> int:
    frame = _grab_camera_frame(args.index)
    return _process([(f"camera{args.index}", frame)], args.out, args.target_kb, args.json)


def _run_pdf(args: argparse.Namespace) -> int:
    from models.errors import UserFacingError

    if args.case_no and args.list:
        return _list_materials(args.case_no, args.json)
    if args.out is None:
        raise UserFacingError("photo.pdf_needs_out")
    if args.case_no:
        if args.inputs or not args.material:
            raise UserFacingError("photo.pdf_case_or_files")
        title, reference, pages = _case_pages(args.case_no, args.material)
    else:
        if not args.inputs or args.material:
            raise UserFacingError("photo.pdf_case_or_files")
        title, reference, pages = Path(args.inputs[0]).stem, "", _file_pages(args.inputs, args.raw, args.target_kb)
    from printing.material_pdf import MaterialPages, render_material_pdf

    pdf = render_material_pdf(MaterialPages(title, pages, reference))
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(pdf)
    except OSError as exc:
        raise UserFacingError("photo.no_output_dir", path=str(args.out.parent)) from exc
    summary = {"output": str(args.out), "pages": len(pages), "bytes": len(pdf), "page_bytes": sum(map(len, pages))}
    if args.json:
        emit_json(summary)
    else:
        print(f"已导出 {len(pages)} 页 → {args.out}（{len(pdf) / 1000:.0f} KB）")
    return 0


def _file_pages(inputs: list[str], raw: bool, target_kb: int) -> list[bytes]:
    from devices.camera.document import load_image, process_page
    from models.errors import UserFacingError

    if not raw:
        return [process_page(load_image(p), target_bytes=target_kb * 1000).jpeg for p in inputs]
    pages = []
    for name in inputs:
        load_image(name)  # a clear error for a missing or unreadable file
        try:
            pages.append(Path(name).read_bytes())
        except OSError as exc:
            raise UserFacingError("camera.file_not_found", path=name) from exc
    return pages


def _case_pages(case_no: str, material: str) -> tuple[str, str, list[bytes]]:
    from desktop.cli.common import store_with_actor
    from models.material_export import export_material

    st, actor = store_with_actor()
    try:
        with st.db.write() as session:
            found = export_material(session, st.paths.media, case_no, material, actor)
    finally:
        st.close()
    return found.name, found.case_no, found.pages


def _list_materials(case_no: str, as_json: bool) -> int:
    from desktop.cli.common import store
    from models.material_export import material_keys

    st = store()
    try:
        with st.db.read() as session:
            rows = material_keys(session, case_no)
    finally:
        st.close()
    if as_json:
        emit_json([{"material": k, "name": n, "pages": c} for k, n, c in rows])
    else:
        for key, name, count in rows:
            print(f"{key}\t{count} 页\t{name}")
    return 0
