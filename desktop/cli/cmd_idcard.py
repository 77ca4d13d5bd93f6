"""`tongban idcard`: 身份证阅读器 — read a card, check the reader, run the virtual reader (demo).

Personal data is masked unless ``--show-personal`` is given, as for ``tongban card read``.
Without ``--port``/``--library``/``--backend`` the reader configured in 管理 → 设备 is used.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.output import emit_json

BACKENDS = ("auto", "serial", "library", "virtual")


def register(sub: Any) -> None:
    parser = sub.add_parser("idcard", help="身份证阅读器：读卡、检测阅读器、虚拟阅读器（演示）")
    id_sub = parser.add_subparsers(dest="idcard_command", metavar="ACTION")

    def options(p: argparse.ArgumentParser) -> None:
        where = p.add_mutually_exclusive_group()
        where.add_argument("--port", metavar="DEV", help="串口（COM3、/dev/ttyUSB0），GA 467 SAM 帧协议")
        where.add_argument("--library", metavar="PATH", help="厂商读卡库（sdtapi / termb 风格）")
        p.add_argument("--backend", choices=BACKENDS, help="读卡方式（默认按本站 settings.json 的 idcard_* 设置）")
        p.add_argument("--baud", type=int, default=None, help="波特率（默认 115200）")
        p.add_argument("--library-port", type=int, default=None, help="厂商库端口号（1001 起为 USB）")
        p.add_argument("--photo-decoder", metavar="PATH", help="经授权的照片（WLT）解码库")
        p.add_argument("--timeout", type=float, default=10.0, help="超时秒数（默认 10）")

    read = id_sub.add_parser("read", help="读取身份证（个人信息默认打码）")
    read.add_argument("--json", action="store_true", help="以 JSON 输出")
    read.add_argument("--show-personal", action="store_true", help="显示完整个人信息（请勿在公共屏幕使用）")
    options(read)
    read.set_defaults(func=_read)

    check = id_sub.add_parser("check", help="检测阅读器（不需要放证件）")
    options(check)
    check.set_defaults(func=_check)

    emulate = id_sub.add_parser("emulate", help="在伪终端上运行虚拟身份证阅读器（演示/测试用，数据为虚构）")
    emulate.add_argument("--card", default="demo", help="初始放上的虚拟证件（默认 demo；none 表示无证件）")
    emulate.set_defaults(func=_emulate)

    parser.set_defaults(func=lambda args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def config_from_args(args: argparse.Namespace) -> Any:
    from devices.idcard import IdCardConfig

    values: dict[str, Any] = {}
    if not (args.port or args.library or args.backend):
        from models.device_settings import idcard_values
        from models.paths import data_paths
        from models.settings import Settings

        values = idcard_values(Settings.load(data_paths().settings))
    if args.port:
        values.update(backend="serial", port=args.port)
    if args.library:
        values.update(backend="library", library=args.library)
    if args.backend:
        values["backend"] = args.backend
    if args.baud:
        values["baudrate"] = args.baud
    if args.library_port:
        values["library_port"] = args.library_port
    if args.photo_decoder:
        values["photo_decoder"] = args.photo_decoder
    values["timeout"] = args.timeout
    return IdCardConfig(**values)


def warning_texts(result: Any) -> list[str]:
    from desktop.messages import render
    from models.errors import UserFacingError

    expiry = result.data.valid_until.isoformat() if result.data.valid_until else ""
    return [render(UserFacingError(code, expiry=expiry)) for code in result.warnings]


_LABELS = (
    ("kind_label", "证件类型"),
    ("name", "姓名"),
    ("english_name", "英文姓名"),
    ("gender", "性别"),
    ("nation", "民族"),
    ("birth_date", "出生"),
    ("address", "住址"),
    ("id_number", "证件号码"),
    ("pass_number", "通行证号码"),
    ("nationality", "国籍"),
    ("issuer", "签发机关"),
    ("valid_from", "有效期起"),
    ("valid_until", "有效期至"),
)


def _read(args: argparse.Namespace) -> int:
    from devices.idcard import IdCardManager

    manager = IdCardManager(config_from_args(args))
    try:
        result = manager.read()
    finally:
        manager.close()
    if args.json:
        emit_json(result.to_dict(show_personal=args.show_personal))
        return 0
    card = result.data.to_dict(show_personal=args.show_personal)
    print(f"阅读器：{result.reader}（{result.backend}）")
    for key, label in _LABELS:
        value = card.get(key)
        if value not in (None, ""):
            print(f"{label}：{value}")
    print("状态：" + ("已过期" if card["expired"] else "有效期内"))
    for text in warning_texts(result):
        print("注意：" + text, file=sys.stderr)
    if not args.show_personal:
        print("（个人信息已打码；如确需查看请加 --show-personal）")
    return 0


def _check(args: argparse.Namespace) -> int:
    from devices.idcard import IdCardManager

    manager = IdCardManager(config_from_args(args))
    try:
        where = manager.check()
    finally:
        manager.close()
    print(f"身份证阅读器正常：{where}（安全模块 SAM 状态正常）")
    return 0


def _emulate(args: argparse.Namespace) -> int:
    import os

    from devices.idcard.virtual import DEMO_CARDS, run_pty

    if os.name != "posix":
        print(
            "虚拟身份证阅读器需要伪终端（Linux/统信UOS/麒麟）。Windows 上请用 com0com 等虚拟串口对。", file=sys.stderr
        )
        return 1
    card = None if args.card == "none" else args.card
    if card is not None and card not in DEMO_CARDS:
        print(f"没有名为 {card} 的虚拟证件。可选：{'、'.join(DEMO_CARDS)}", file=sys.stderr)
        return 2
    print(
        "虚拟身份证阅读器（虚构数据）。串口路径见下行 PORT；另开终端运行：tongban idcard read --port <路径>",
        file=sys.stderr,
    )
    faults = "bad_checksum|garbage|remove_mid_read|truncate|stream|silent"
    print(f"命令：place <{'|'.join(DEMO_CARDS)}>、remove、fault <{faults}> [次数]、quit", file=sys.stderr)
    return run_pty(card)
