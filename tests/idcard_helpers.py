"""The virtual SAM reader (devices/idcard/virtual.py) in a second process on a real pty pair.

It acknowledges each control line only after it took effect, so tests never sleep.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Emulator:
    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devices.idcard.virtual"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        assert line[0] == "PORT", line
        self.port = line[1]

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


def running_emulator() -> Iterator[Emulator]:
    """For a fixture: ``yield from running_emulator()``."""
    emu = Emulator()
    try:
        yield emu
    finally:
        emu.stop()
