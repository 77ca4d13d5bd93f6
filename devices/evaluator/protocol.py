"""Tongban's evaluator line protocol ("TBEV/1"), for pads that speak plain serial.

Vendor protocols of "柜外清" evaluator pads vary from maker to maker and are given to buyers, not
published; no public specification or open driver for one was found (docs/devices.md says where
we looked). This is therefore Tongban's own, deliberately simple protocol, which a pad's firmware
or a small adapter can implement; pads that come with a vendor library use the library back-end
(vendor.py) instead.

ASCII lines ending in CR LF, at most ``MAX_LINE`` bytes, each with an NMEA-style checksum: ``*``
and two hex digits, the XOR of every byte before the ``*``.

host → pad                      pad → host
``PING*HH``                     ``PONG <model>*HH``
``EVAL <seq>*HH``               ``ACK <seq>*HH``, later ``RATE <seq> <scale> <level>*HH``
``CANCEL <seq>*HH``             ``ACK <seq>*HH``
                                ``ERR <code>*HH`` (a fault the pad reports)

``seq`` is 1–9999 and ties a RATE to its EVAL (a RATE for an older request is ignored);
``scale`` is 3 or 5 and ``level`` the key, 1 = worst (base.py maps it onto the national levels).
Anything else on the line (noise, a half line after plugging in) is skipped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LINE = 64
EOL = b"\r\n"


def checksum(body: bytes) -> int:
    value = 0
    for byte in body:
        value ^= byte
    return value


def encode(*words: object) -> bytes:
    body = " ".join(str(w) for w in words).encode("ascii")
    return body + b"*" + f"{checksum(body):02X}".encode("ascii") + EOL


@dataclass(frozen=True)
class Message:
    verb: str
    args: tuple[str, ...]


def decode(line: bytes) -> Message | None:
    """One line (without CR LF) → Message, or None when it is not a well-formed TBEV/1 line."""
    line = line.strip(b"\r\n ")
    if not line or len(line) > MAX_LINE or line.count(b"*") != 1:
        return None
    body, _, tail = line.partition(b"*")
    try:
        if len(tail) != 2 or int(tail, 16) != checksum(body):
            return None
        words = body.decode("ascii").split()
    except (ValueError, UnicodeDecodeError):
        return None
    if not words or not all(w.isprintable() for w in words):
        return None
    return Message(words[0].upper(), tuple(words[1:]))


def rate_of(message: Message) -> tuple[int, int, int] | None:
    """``RATE seq scale level`` → (seq, scale, level), or None when malformed."""
    if message.verb != "RATE" or len(message.args) != 3 or not all(a.isdigit() for a in message.args):
        return None
    seq, scale, level = (int(a) for a in message.args)
    return seq, scale, level


class LineSplitter:
    """Bytes in, complete lines out; a line longer than MAX_LINE is dropped (counted as garbage),
    so an endless stream without line ends never grows the buffer."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.dropped = 0

    def feed(self, data: bytes) -> list[bytes]:
        lines: list[bytes] = []
        for byte in data:
            if byte == 0x0A:  # LF ends a line; CR is stripped by decode
                lines.append(bytes(self._buf))
                self._buf.clear()
                continue
            if len(self._buf) >= MAX_LINE * 2:
                self._buf.clear()
                self.dropped += 1
            self._buf.append(byte)
        return lines
