"""`tongban evaluator`: 评价器 — check the pad, ask for one rating, run the virtual pad (demo).

Without ``--port``/``--library`` the pad configured in settings.json (``evaluator_*``) is used.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("evaluator", help="评价器：检测、试评价一次、虚拟评价器（演示）")
    ev_sub = parser.add_subparsers(dest="evaluator_command", metavar="ACTION")

    def options(p: argparse.ArgumentParser) -> None:
        where = p.add_mutually_exclusive_group()
        where.add_argument("--port", metavar="DEV", help="串口（COM3、/dev/ttyUSB0），TBEV/1 行协议")
        where.add_argument("--library", metavar="PATH", help="评价器厂商库（DLL/.so）")
        p.add_argument("--function", help="厂商库中开始评价的函数名（与 --library 同用）")
        p.add_argument("--scale", type=int, choices=(3, 5), default=None, help="按键数：3 或 5")
        p.add_argument("--baud", type=int, default=None, help="波特率（默认 9600）")
        p.add_argument("--timeout", type=float, default=None, help="等待按键的秒数（默认按设置，60）")

    check = ev_sub.add_parser("check", help="检测评价器（不开始评价）")
    options(check)
    check.set_defaults(func=_check)

    rate = ev_sub.add_parser("rate", help="请申请人评价一次，显示结果（不保存到办件）")
    options(rate)
    rate.set_defaults(func=_rate)

    emulate = ev_sub.add_parser("emulate", help="在伪终端上运行虚拟评价器（演示/测试用）")
    emulate.add_argument("--scale", type=int, choices=(3, 5), default=5, help="按键数（默认 5）")
    emulate.set_defaults(func=_emulate)

    parser.set_defaults(func=lambda args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def config_from_args(args: argparse.Namespace) -> Any:
    from devices.evaluator import EvaluatorConfig

    values: dict[str, Any] = {}
    if not (args.port or args.library):
        from models.device_settings import evaluator_values
        from models.paths import data_paths
        from models.settings import Settings

        values = evaluator_values(Settings.load(data_paths().settings))
    if args.port:
        values.update(backend="serial", port=args.port)
    if args.library:
        values.update(backend="library", library=args.library)
    for name, key in (("function", "function"), ("scale", "scale"), ("baud", "baudrate"), ("timeout", "timeout")):
        if getattr(args, name) is not None:
            values[key] = getattr(args, name)
    return EvaluatorConfig(**values)


def _driver(args: argparse.Namespace) -> Any:
    from devices.evaluator import EvaluatorManager

    manager = EvaluatorManager(config_from_args(args))
    if not manager.uses_device:
        print("本站未设置评价器（evaluator_backend = screen：由客户屏评价）。", file=sys.stderr)
        return None
    return manager


def _check(args: argparse.Namespace) -> int:
    manager = _driver(args)
    if manager is None:
        return 1
    try:
        where = manager.driver.check()
    finally:
        manager.close()
    print(f"评价器正常：{where}")
    return 0


def _rate(args: argparse.Namespace) -> int:
    import queue

    from desktop.messages import render

    manager = _driver(args)
    if manager is None:
        return 1
    answers: queue.Queue[Any] = queue.Queue()
    try:
        print("请在评价器上按键……", file=sys.stderr)
        manager.driver.request("CLI", answers.put)
        result = answers.get(timeout=manager.config.timeout + 10)
    finally:
        manager.close()
    if not result.ok:
        print(render(result.error, cli=True), file=sys.stderr)
        return 1
    print(f"评价：{result.rating}（{result.scale} 键评价器，第 {result.level} 键）")
    return 0


def _emulate(args: argparse.Namespace) -> int:
    import os

    from devices.evaluator.virtual import run_pty

    if os.name != "posix":
        print("虚拟评价器需要伪终端（Linux/统信UOS/麒麟）。Windows 上请用 com0com 等虚拟串口对。", file=sys.stderr)
        return 1
    print(
        "虚拟评价器。串口路径见下行 PORT；在 settings.json 设 evaluator_backend=virtual、evaluator_port=<路径>，"
        "或另开终端运行：tongban evaluator rate --port <路径>",
        file=sys.stderr,
    )
    print("命令：press <键>、auto <键>、scale 3|5、fault garbage|noise|silent|err、wait、quit", file=sys.stderr)
    return run_pty(args.scale)
