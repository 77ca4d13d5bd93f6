"""`tongban card`: 社保卡读卡 — list readers, read a card, run the virtual card for demos.

Personal data (姓名, 社会保障号码, 出生日期, …) is masked unless ``--show-personal`` is given:
the output of a counter command ends up in terminals, tickets and chat screenshots.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from desktop.cli.output import emit_json

BACKENDS = ("auto", "pcsc", "sscard", "virtual")


def register(sub: Any) -> None:
    parser = sub.add_parser("card", help="社保卡读卡：列出读卡器、读卡、虚拟社保卡（演示）")
    card_sub = parser.add_subparsers(dest="card_command", metavar="ACTION")

    def backend_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--backend", choices=BACKENDS, default="auto", help="读卡方式（默认 auto）")
        p.add_argument("--library", metavar="PATH", help="厂商 iReadCardBas 读卡库路径（sscard 方式）")
        p.add_argument("--timeout", type=float, default=10.0, help="读卡超时秒数（默认 10）")

    readers = card_sub.add_parser("readers", help="列出读卡器及其中是否有卡")
    readers.add_argument("--json", action="store_true", help="以 JSON 输出")
    backend_options(readers)
    readers.set_defaults(func=_readers)

    read = card_sub.add_parser("read", help="读取社保卡（个人信息默认打码）")
    read.add_argument("--json", action="store_true", help="以 JSON 输出")
    read.add_argument("--reader", metavar="NAME", help="读卡器名称（默认：第一个有卡的读卡器）")
    read.add_argument("--show-personal", action="store_true", help="显示完整个人信息（请勿在公共屏幕使用）")
    backend_options(read)
    read.set_defaults(func=_read)

    emulate = card_sub.add_parser("emulate", help="运行虚拟社保卡（vpcd，演示/测试用，数据为虚构）")
    emulate.add_argument("--generation", type=int, choices=(1, 2, 3), default=2, help="卡的代次（默认 2）")
    emulate.add_argument("--port", type=int, default=None, help="vpcd 端口（默认 35963）")
    emulate.add_argument("--host", default="127.0.0.1", help="vpcd 主机（默认 127.0.0.1）")
    emulate.set_defaults(func=_emulate)

    parser.set_defaults(func=lambda args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _manager(args: argparse.Namespace) -> Any:
    from devices.card import CardManager

    return CardManager(args.backend, sscard_library=args.library, timeout=args.timeout)


def _readers(args: argparse.Namespace) -> int:
    manager = _manager(args)
    try:
        readers = manager.list_readers()
    finally:
        manager.close()
    if args.json:
        emit_json({"backend": args.backend, "readers": [r.to_dict() for r in readers]})
        return 0
    if not readers:
        print("未检测到读卡器。")
        return 0
    for r in readers:
        print(f"{r.name}\t{'有卡' if r.card_present else '无卡'}\t{r.atr or ''}")
    return 0


_LABELS = (
    ("card_number", "卡号"),
    ("card_identifier", "卡识别码"),
    ("region_code", "发卡地区"),
    ("spec_version", "规范版本"),
    ("issue_date", "发卡日期"),
    ("expiry_date", "有效期至"),
    ("name", "姓名"),
    ("ssn", "社会保障号码"),
    ("gender", "性别"),
    ("nation", "民族代码"),
    ("birthplace", "出生地"),
    ("birth_date", "出生日期"),
)


def _read(args: argparse.Namespace) -> int:
    from desktop.messages import card as card_messages

    manager = _manager(args)
    try:
        result = manager.read(args.reader)
    finally:
        manager.close()
    if args.json:
        emit_json(result.to_dict(show_personal=args.show_personal))
        return 0
    card = result.data.to_dict(show_personal=args.show_personal)
    if card.get("gender") in ("1", "2"):
        card["gender"] = {"1": "男", "2": "女"}[card["gender"]]
    print(f"读卡器：{result.reader}（{result.backend}，第 {result.generation or '?'} 代卡）")
    for key, label in _LABELS:
        value = card.get(key)
        print(f"{label}：{value if value not in (None, '') else '—'}")
    if result.personal_data_requires_authorised_interface:
        print(card_messages.MESSAGES["card.auth_required"])
    for code in result.warnings:
        text = card_messages.MESSAGES.get(code, code)
        expiry = result.data.expiry_date.isoformat() if result.data.expiry_date else ""
        print("注意：" + text.format(expiry=expiry), file=sys.stderr)
    if not args.show_personal:
        print("（个人信息已打码；如确需查看请加 --show-personal）")
    return 0


def _emulate(args: argparse.Namespace) -> int:
    return emulate(args.generation, args.host, args.port, threading.Event())


def emulate(generation: int, host: str, port: int | None, stop: threading.Event) -> int:
    """Keep the demo card in the vpcd reader until ``stop`` is set or Ctrl+C."""
    from devices.card.virtual_card import (
        VPCD_DEFAULT_PORT,
        SocialSecurityCardApplet,
        VpcdCardEmulator,
        demo_profile,
    )

    port = port or VPCD_DEFAULT_PORT
    emulator = VpcdCardEmulator(SocialSecurityCardApplet(demo_profile(generation)), host=host, port=port)
    try:
        emulator.insert(timeout=5.0)
    except ConnectionError as exc:
        print(
            f"无法连接 vpcd（{host}:{port}）：请确认已安装 vsmartcard-vpcd 且 pcscd 正在运行。{exc}",
            file=sys.stderr,
        )
        return 1
    print(f"虚拟社保卡（第 {generation} 代，虚构数据）已插入 vpcd {host}:{port}。按 Ctrl+C 拔卡退出。")
    try:
        while not stop.wait(0.2):
            if emulator.disconnected.is_set():
                print("vpcd 断开了连接（pcscd 已停止？）。", file=sys.stderr)
                return 1
    finally:
        emulator.remove()
    return 0
