"""A virtual evaluator pad speaking TBEV/1, for tests and the demo (fictitious, no real device).

``VirtualPad`` is the pad's logic; ``run_pty`` serves it on a pseudo-terminal pair in its own
process (``tongban evaluator emulate``, and the tests' second process), controlled by lines on
stdin, each acknowledged on stdout only after it took effect, so tests never sleep:

``press <level>``      the applicant presses a key now (answers the pending request)
``auto <level>``       answer the next request with this key at once
``scale 3|5``          a three-key or five-key pad (default 5)
``fault garbage|noise|silent|err``  the next request is answered with noise only / noise and
                       then normally / not at all / an ERR line
``wait [seq]``         reply once a request (request ``seq``) is pending (``OK pending <seq>``)
``quit``               close the pty (the pad is unplugged)
"""

from __future__ import annotations

import sys
import time

from ..pty_emulator import PtyLink
from .protocol import LineSplitter, decode, encode

NOISE = (b"\x00\xff\x13garbage\r\n", b"RATE 1 5 5*00\r\n", b"~~~~~~~~\r\n", b"\xfe\xfe\r\n")


class VirtualPad:
    def __init__(self, scale: int = 5, model: str = "TONGBAN-VIRTUAL") -> None:
        self.scale = scale
        self.model = model
        self.pending: int | None = None
        self.auto: int | None = None
        self.fault = ""
        self.requests = 0

    def answer(self, line: bytes) -> bytes:
        message = decode(line)
        if message is None:
            return b""
        if message.verb == "PING":
            return encode("PONG", self.model, f"{self.scale}-key")
        if message.verb == "CANCEL":
            self.pending = None
            return encode("ACK", *message.args[:1])
        if message.verb != "EVAL" or not message.args:
            return encode("ERR", "unknown")
        self.requests += 1
        seq = int(message.args[0]) if message.args[0].isdigit() else 0
        fault, self.fault = self.fault, ""
        if fault == "silent":
            return b""
        if fault == "garbage":
            return b"".join(NOISE * 3)
        if fault == "err":
            return encode("ERR", "keypad")
        out = b"".join(NOISE) if fault == "noise" else b""
        out += encode("ACK", seq)
        if self.auto is not None:
            out += encode("RATE", seq, self.scale, self.auto)
            self.auto = None
        else:
            self.pending = seq
        return out

    def press(self, level: int) -> bytes:
        if self.pending is None:
            return b""
        seq, self.pending = self.pending, None
        return encode("RATE", seq, self.scale, level)


def run_pty(scale: int = 5, out=None, inp=None) -> int:  # type: ignore[no-untyped-def]
    """Serve on a new pty pair until ``quit`` or end of input. Linux/macOS only."""
    out = out or sys.stdout
    inp = inp or sys.stdin
    pad = VirtualPad(scale=scale)
    splitter = LineSplitter()
    link = PtyLink(lambda data: b"".join(pad.answer(line) for line in splitter.feed(data)))
    lock = link.lock
    print(f"PORT {link.path}", file=out, flush=True)
    try:
        for line in inp:
            words = line.split()
            if not words:
                continue
            verb, args = words[0], words[1:]
            number = int(args[0]) if args and args[0].isdigit() else None
            if verb == "quit":
                print("OK bye", file=out, flush=True)
                break
            if verb == "wait":
                deadline = time.monotonic() + 10.0
                while time.monotonic() < deadline:
                    with lock:
                        if pad.pending is not None and number in (None, pad.pending):
                            break
                    time.sleep(0.01)
                with lock:
                    ok = pad.pending is not None and number in (None, pad.pending)
                    reply = f"OK pending {pad.pending}" if ok else "ERR nothing pending"
                print(reply, file=out, flush=True)
                continue
            with lock:
                if verb == "press" and number is not None:
                    data = pad.press(number)
                    if data:
                        link.write(data)
                    reply = "OK pressed" if data else "ERR no request"
                elif verb == "auto" and number is not None:
                    pad.auto = number
                    reply = f"OK auto {number}"
                elif verb == "scale" and number in (3, 5):
                    pad.scale = number
                    reply = f"OK scale {number}"
                elif verb == "fault" and args and args[0] in ("garbage", "noise", "silent", "err"):
                    pad.fault = args[0]
                    reply = f"OK fault {args[0]}"
                else:
                    reply = "ERR " + " ".join(words)
            print(reply, file=out, flush=True)
    finally:
        link.close()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised as a subprocess by the tests
    sys.exit(run_pty(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
