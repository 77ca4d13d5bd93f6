"""Virtual counter devices in a second process on a real pty pair: the SAM ID card reader
(devices/idcard/virtual.py) and the evaluator pad (devices/evaluator/virtual.py).

Each prints ``PORT <path>`` first, then acknowledges each control line with ``OK`` only after it
took effect, so tests never sleep.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class VirtualDevice:
    def __init__(self, module: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
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


class Pad(VirtualDevice):
    """The evaluator pad with 3 or 5 keys."""

    def __init__(self, scale: int = 5) -> None:
        super().__init__("devices.evaluator.virtual", str(scale))
