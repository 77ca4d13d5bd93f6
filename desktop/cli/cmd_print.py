"""``tongban print``: render any printed document of a case to a PDF file.

    tongban print --list                       document kinds, one per line, with the seed's table
    tongban print registration --blank --out f.pdf   a form with nothing filled in (空白表)
    tongban print receipt CASE_NO --out r.pdf  (or --case CASE_NO), --paper 80mm for the roll printer
    tongban print assistance-slip CASE_NO --set total_cost=30000 --set compliant_cost=25000 ...
    tongban print reconciliation --rows batch.json --batch B1 --out list.pdf
    tongban print calibration --out cal.pdf [--printer NAME] [--check]     套打 calibration page
    tongban print calibration --printer NAME --measured 21.5,18,191,275.5  store what was measured
    tongban print registration CASE_NO --overlay [--printer NAME] --out f.pdf  values only (套打)
    tongban print receipt CASE_NO --escpos [PORT]   raw ESC/POS to the receipt printer (PORT or settings)

Every document written is a print (issue 17 item 6: a PDF file carries the same personal data as
paper): the clerk's role is checked before anything is rendered, and the print goes to the print
log and the audit log. A document printed before for the case is a reprint: it needs
``--reprint-reason`` and the reprint role, and the PDF carries the 补打 mark and the reason.
``--record`` is accepted for old scripts and changes nothing. On a protected station the
signed-in clerk is the one logged (``--clerk`` may only name them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("print", help="打印文书（输出 PDF）")
    parser.add_argument("kind", nargs="?", help="文书种类（见 --list）")
    parser.add_argument("case_no", nargs="?", help="办件编号")
    parser.add_argument("--list", action="store_true", help="列出文书种类，每行一个（含样表编号）")
    parser.add_argument("--blank", action="store_true", help="打印空白表（不填任何办件信息，供群众带回填写）")
    parser.add_argument("--case", dest="case_opt", help="办件编号（同位置参数）")
    parser.add_argument("--out", type=Path, help="输出 PDF 文件")
    parser.add_argument("--paper", choices=("a4", "80mm"), default="a4", help="纸张：A4 或 80mm 热敏（仅受理回执）")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="补充或覆盖受理信息字段")
    parser.add_argument("--reprint-reason", help="补打原因（加“补打”水印）")
    parser.add_argument("--record", action="store_true", help="（已无作用：每次打印都记入打印日志）")
    parser.add_argument("--clerk", help="经办人员登录名（记入打印日志）")
    parser.add_argument("--rows", type=Path, help="同步对账单的行（JSON 数组）")
    parser.add_argument("--batch", default="", help="同步批次号")
    parser.add_argument("--overlay", action="store_true", help="套打：只打印填写内容，按打印机校准偏移缩放")
    parser.add_argument("--printer", default="", help="套打所用打印机名（校准按打印机分别保存；空为默认打印机）")
    parser.add_argument("--measured", help="校准：量得的 标记1左,标记1上,标记2左,标记2上（毫米）")
    parser.add_argument("--check", action="store_true", help="校准页按已保存的校准打印（检查校准结果）")
    parser.add_argument(
        "--escpos",
        nargs="?",
        const="",
        metavar="PORT",
        help="受理回执以 ESC/POS 直接发送到回执打印机（端口省略时用设置 receipt_printer_port）",
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=_run)


def _extra(pairs: list[str]) -> dict[str, str]:
    from models.errors import UserFacingError

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserFacingError("print.bad_set", value=pair)
        out[key.strip()] = value.strip()
    return out


def _list(as_json: bool) -> int:
    from printing import KINDS

    if as_json:
        fields = ("key", "title", "from_case", "seed_table", "blank")
        emit_json([{("kind" if f == "key" else f): getattr(k, f) for f in fields} for k in KINDS.values()])
    else:
        for k in KINDS.values():
            blank = "  [可打空白表]" if k.blank else ""
            print(f"{k.key:<26}{_pad(k.seed_table or '—', 12)}{k.title}{blank}")
    return 0


def _settings() -> Any:
    from models.paths import data_paths
    from models.settings import Settings

    return Settings.load(data_paths().settings)


def _overlay(printer: str) -> Any:
    from models.device_settings import overlay_calibration
    from printing.layout import Overlay

    found = overlay_calibration(_settings(), printer)
    return Overlay(*found) if found else Overlay()


def _calibration_page(args: argparse.Namespace) -> int:
    """The calibration page (no personal data: not logged); ``--check`` applies the stored correction."""
    from models import clock
    from models.device_settings import overlay_calibration
    from printing import render
    from printing.calibration import CalibrationData
    from printing.layout import Overlay, RenderOptions

    found = overlay_calibration(_settings(), args.printer)
    current = Overlay(*found) if found else None
    options = RenderOptions(overlay=(current or Overlay()) if args.check else None)
    pdf = render("calibration", CalibrationData(args.printer, clock.today_local(), current), options)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    if args.json:
        emit_json({"kind": "calibration", "out": str(args.out), "printer": args.printer, "check": args.check})
    else:
        print(f"已生成套打校准页：{args.out}")
    return 0


def _store_calibration(args: argparse.Namespace) -> int:
    from models.device_settings import set_overlay_calibration
    from models.errors import UserFacingError
    from printing.calibration import solve

    try:
        values = tuple(float(v) for v in args.measured.replace("，", ",").split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise UserFacingError("print.calibration_bad_values", values=args.measured)
    correction = solve(values)
    settings = _settings()
    set_overlay_calibration(settings, args.printer, correction.dx_mm, correction.dy_mm, correction.scale)
    settings.save()
    if args.json:
        emit_json(
            {"printer": args.printer, "dx_mm": correction.dx_mm, "dy_mm": correction.dy_mm, "scale": correction.scale}
        )
    else:
        print(
            f"已保存打印机“{args.printer or '默认打印机'}”的套打校准：右移 {correction.dx_mm:.2f} 毫米，"
            f"下移 {correction.dy_mm:.2f} 毫米，缩放 {correction.scale:.4f}"
        )
    return 0


def _pad(text: str, width: int) -> str:
    """Pad to ``width`` terminal columns (a Chinese character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)


def _blank(args: argparse.Namespace) -> int:
    """A blank form: no case, no personal data, so no role check and no print log."""
    from models.errors import UserFacingError
    from printing import KINDS, render_blank

    if not KINDS[args.kind].blank:
        raise UserFacingError("print.not_blank", kind=args.kind)
    pdf = render_blank(args.kind)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    if args.json:
        emit_json({"kind": args.kind, "blank": True, "out": str(args.out), "bytes": len(pdf), "pages": _pages(pdf)})
    else:
        print(f"已生成空白 {KINDS[args.kind].title}：{args.out}（{_pages(pdf)} 页）")
    return 0


def _run(args: argparse.Namespace) -> int:
    from models.errors import UserFacingError
    from printing import KINDS

    if args.list:
        return _list(args.json)
    if not args.kind:
        raise UserFacingError("print.no_kind")
    if args.kind not in KINDS:
        raise UserFacingError("print.unknown_kind", kind=args.kind)
    if args.kind == "calibration" and args.measured:
        return _store_calibration(args)
    if args.escpos is not None:
        if args.kind != "receipt":
            raise UserFacingError("print.escpos_receipt_only", kind=args.kind)
        args.paper = "80mm"
        args.out = None
    elif args.out is None:
        raise UserFacingError("print.no_out")
    if args.overlay and not KINDS[args.kind].overlay:
        overlays = ", ".join(k.key for k in KINDS.values() if k.overlay)
        raise UserFacingError("print.no_overlay", kind=args.kind, kinds=overlays)
    if args.blank:
        return _blank(args)
    if args.kind == "calibration":
        return _calibration_page(args)
    case_no = args.case_opt or args.case_no
    if KINDS[args.kind].from_case and not case_no:
        raise UserFacingError("print.no_case")
    pdf, case_id_no = _render(args, case_no)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(pdf)
    info = {
        "kind": args.kind,
        "case_no": case_id_no,
        "out": str(args.out) if args.out is not None else f"escpos:{args.escpos_port}",
        "bytes": len(pdf),
        "pages": _pages(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "recorded": True,
    }
    if args.json:
        emit_json(info)
    elif args.out is None:
        print(f"已发送 {KINDS[args.kind].title} 到回执打印机（ESC/POS）：{args.escpos_port}")
    else:
        print(f"已生成 {KINDS[args.kind].title}：{args.out}（{info['pages']} 页）")
    return 0


def _send_escpos(args: argparse.Namespace, data: Any, options: Any) -> None:
    """The receipt as ESC/POS to the port given or set (printing/escpos.py, devices/receipt_printer)."""
    from devices.receipt_printer import send
    from models.device_settings import escpos_values
    from printing.escpos import options_from, render_receipt_escpos

    values = escpos_values(_settings())
    args.escpos_port = args.escpos or values["port"]
    raw = render_receipt_escpos(data, options_from(values), options)
    send(args.escpos_port, raw, values["baudrate"])


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _render(args: argparse.Namespace, case_no: str | None) -> tuple[bytes, str | None]:
    from sqlalchemy import select

    from desktop.cli.common import require_station, store_with_actor
    from models import clock
    from models.case_lookup import find_case, material_entries
    from models.catalog import CatalogError, ServiceItem
    from models.catalog.for_case import item_for
    from models.errors import UserFacingError
    from models.orm import Clerk
    from models.print_log import check_print_allowed, record_print, was_printed
    from printing import render
    from printing.from_case import ADAPTERS, CaseBundle, office
    from printing.layout import RenderOptions

    options = RenderOptions(
        paper=args.paper,
        reprint_reason=args.reprint_reason,
        printed_at=clock.now(),
        overlay=_overlay(args.printer) if args.overlay else None,
    )
    if args.paper == "80mm" and args.kind != "receipt":
        raise UserFacingError("print.paper_receipt_only", kind=args.kind)
    st, actor = store_with_actor()
    try:
        station = require_station(st)
        with st.db.write() as session:
            clerk = None
            login = args.clerk or (actor.login if actor is not None else None)
            if actor is not None and login != actor.login:
                raise UserFacingError("print.clerk_not_signed_in", login=login, signed_in=actor.login)
            if login:
                clerk = session.scalar(select(Clerk).where(Clerk.login == login))
                if clerk is None:
                    raise UserFacingError("print.unknown_clerk", login=login)
            clerk_id = clerk.id if clerk else None
            reason = (args.reprint_reason or "").strip() or None
            if args.kind == "reconciliation":
                check_print_allowed(session, clerk_id, reprint=reason is not None)
                data = _reconciliation(args, office(station), clerk.name if clerk else "")
                pdf = render(args.kind, data, options)
                record_print(session, document=args.kind, pdf=pdf, clerk_id=clerk_id, reprint_reason=reason)
                return pdf, None
            assert case_no is not None
            case = find_case(session, case_no)
            # The role first, before any personal data is rendered; a reprint needs its reason
            # (record_print checks both again, in the same transaction).
            reprint = was_printed(session, case.id, args.kind)
            if reprint and reason is None:
                raise UserFacingError("print.reprint_reason_required", document=args.kind)
            check_print_allowed(session, clerk_id, reprint=reprint or reason is not None)
            try:  # the item as the case was taken in (its catalog version and rule profile)
                item: ServiceItem | None = item_for(case)
            except CatalogError:
                item = None
            bundle = CaseBundle(
                case, material_entries(session, case), item, clock.today_local(), clerk, _extra(args.set)
            )
            data = ADAPTERS[args.kind](bundle)
            _warn_gaps(args.kind, data)
            pdf = render(args.kind, data, options)
            if args.escpos is not None:  # sent before it is logged: a printer that failed printed nothing
                _send_escpos(args, data, options)
            record_print(
                session, document=args.kind, pdf=pdf, case_id=case.id, clerk_id=clerk_id, reprint_reason=reason
            )
            return pdf, case.case_no
    finally:
        st.close()


def _warn_gaps(kind: str, data: Any) -> None:
    """Tell the clerk which 参保凭证 lines print blank (labels only, no personal data)."""
    from desktop import messages
    from models.errors import UserFacingError
    from printing.data import CertificateData
    from printing.from_case import certificate_gaps

    if kind == "certificate" and isinstance(data, CertificateData):
        gaps = certificate_gaps(data)
        if gaps:
            print(
                messages.render(UserFacingError("print.certificate_gaps", labels="、".join(gaps)), cli=True),
                file=sys.stderr,
            )


def _reconciliation(args: argparse.Namespace, station: Any, clerk: str) -> Any:
    from models import clock
    from models.errors import UserFacingError
    from printing.data import ReconciliationData, ReconciliationRow

    if args.rows is None:
        raise UserFacingError("print.no_rows")
    try:
        raw = json.loads(args.rows.read_text(encoding="utf-8"))
        rows = tuple(
            ReconciliationRow(
                case_no=str(r["case_no"]),
                item_name=str(r.get("item_name", "")),
                revision=int(r.get("revision", 1)),
                status=str(r.get("status", "")),
                at=str(r.get("at", "")),
                note=str(r.get("note", "")),
            )
            for r in raw
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"rows: {type(exc).__name__}", file=sys.stderr)
        raise UserFacingError("print.bad_rows", path=str(args.rows)) from None
    now = clock.now()
    return ReconciliationData(args.batch or now.strftime("%Y%m%d%H%M"), station, now, rows, clerk)
