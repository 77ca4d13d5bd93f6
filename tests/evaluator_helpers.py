"""The virtual evaluator pad (devices/evaluator/virtual.py) in a second process on a pty, for
the driver tests and the 管理 → 设备 测试 button."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Pad:
    def __init__(self, scale: int = 5) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devices.evaluator.virtual", str(scale)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        words = self.proc.stdout.readline().split()
        assert words[0] == "PORT", words
        self.port = words[1]

    def say(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().strip()
        assert reply.startswith("OK"), reply
        return reply

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.say("quit")
            self.proc.wait(timeout=10)
