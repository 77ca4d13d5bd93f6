"""`tongban devices`: this PC's devices as set in 管理 → 设备 (settings.json), and their 测试.

    tongban devices list [--json]          what is configured (touches no device)
    tongban devices test [NAME] [--json]   talk to one device (or all): exit 0 when all are fine

NAME is one of card, idcard, camera, evaluator, a4_printer, receipt_printer. The tests read no
personal data (the ID card reader is asked for its SAM status without a card); a printer test
prints one test page.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json

NAMES = ("card", "idcard", "camera", "evaluator", "a4_printer", "receipt_printer")


def register(sub: Any) -> None:
    parser = sub.add_parser("devices", help="本机设备：列出设置、逐项测试（管理 → 设备）")
    dev_sub = parser.add_subparsers(dest="devices_command", metavar="ACTION")
    listing = dev_sub.add_parser("list", help="列出本机设备设置（不连接设备）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(func=_list)
    test = dev_sub.add_parser("test", help="测试设备（不指定则逐项测试全部；打印机会打印一张测试页）")
    test.add_argument("name", nargs="?", choices=NAMES, metavar="NAME", help="、".join(NAMES))
    test.add_argument("--json", action="store_true", help="以 JSON 输出")
    test.add_argument("--timeout", type=float, default=10.0, help="超时秒数（默认 10）")
    test.set_defaults(func=_test)
    parser.set_defaults(func=lambda args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _settings() -> Any:
    from models.paths import data_paths
    from models.settings import Settings

    return Settings.load(data_paths().settings)


def _list(args: argparse.Namespace) -> int:
    from desktop.device_check import list_devices

    rows = list_devices(_settings())
    if args.json:
        emit_json([{"name": n, "label": label, "setting": shown} for n, label, shown in rows])
        return 0
    for name, label, shown in rows:
        print(f"{name:<16}{label}：{shown}")
    return 0


def _test(args: argparse.Namespace) -> int:
    from desktop.device_check import check_device

    settings = _settings()
    reports = [check_device(n, settings, timeout=args.timeout) for n in ([args.name] if args.name else NAMES)]
    if args.json:
        emit_json([r.to_dict() for r in reports])
    else:
        for r in reports:
            print(f"{'正常' if r.ok else '异常'}  {r.label}（{r.setting}）：{r.message}")
    return 0 if all(r.ok for r in reports) else 1
