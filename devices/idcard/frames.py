"""GA 467 SAM frames: the serial protocol between a terminal and an ID card reader's SAM.

Frame (both directions)::

    AA AA AA 96 69 | LEN1 LEN2 | body ... | CHK
    command body:  CMD PARA [data]
    answer body:   SW1 SW2 SW3 [data]

``LEN`` (big-endian) counts the body and the checksum; ``CHK`` is the XOR of every byte from
``LEN1`` to the end of the body. SW3 is the SAM's operation status (0x90 success, 0x9F card
found, …; see ``STATUS``). Sources followed are listed in docs/devices.md.

Everything here is pure: bytes in, frames out. ``FrameDecoder`` is fed whatever the port
returns (garbage, split frames, hostile lengths) and never raises or grows without bound.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .base import IdCardErrors

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2
#: Largest body+checksum a reader sends: 30 10 (text, photo and fingerprint) is 3+6+256+1024+1024+1.
MAX_FRAME_LEN = 2400
#: Smallest: a command (CMD PARA) or an answer (SW1 SW2 SW3) plus the checksum.
MIN_FRAME_LEN = 3


class Command(tuple[int, int], enum.Enum):
    SAM_RESET = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)  # 找卡
    SELECT_CARD = (0x20, 0x02)  # 选卡
    READ_BASE = (0x30, 0x01)  # 读卡: text + photo
    READ_BASE_FP = (0x30, 0x10)  # text + photo + fingerprint


# SW3 values (GA 467 / the readers' SAM interface documents).
SW_OK = 0x90
SW_NO_CONTENT = 0x91
SW_CARD_FOUND = 0x9F

#: SW3 → (error code, description for logs). Success values are not here.
STATUS: dict[int, tuple[str, str]] = {
    0x10: (IdCardErrors.CHECKSUM, "reader received a bad checksum"),
    0x11: (IdCardErrors.REJECTED, "reader received a bad length"),
    0x21: (IdCardErrors.REJECTED, "command not accepted"),
    0x23: (IdCardErrors.REJECTED, "operation not permitted"),
    0x24: (IdCardErrors.REJECTED, "unrecognised error"),
    0x31: (IdCardErrors.AUTH_FAILED, "card failed to authenticate the SAM"),
    0x32: (IdCardErrors.AUTH_FAILED, "SAM failed to authenticate the card"),
    0x33: (IdCardErrors.AUTH_FAILED, "information verification failed"),
    0x37: (IdCardErrors.AUTH_FAILED, "fingerprint verification failed"),
    0x3F: (IdCardErrors.INVALID_DATA, "information length wrong"),
    0x40: (IdCardErrors.UNKNOWN_CARD, "unknown card type"),
    0x41: (IdCardErrors.REMOVED, "read failed (card moved or removed)"),
    0x47: (IdCardErrors.SAM_FAULT, "random number failed"),
    0x60: (IdCardErrors.SAM_FAULT, "SAM self-test failed"),
    0x66: (IdCardErrors.SAM_UNAUTHORISED, "SAM not authorised"),
    0x80: (IdCardErrors.NO_CARD, "no card found"),
    0x81: (IdCardErrors.SELECT_FAILED, "select failed"),
}


def checksum(data: bytes) -> int:
    value = 0
    for b in data:
        value ^= b
    return value


def _frame(body: bytes) -> bytes:
    length = len(body) + 1
    if length > 0xFFFF:
        raise ValueError("frame too long")
    head = length.to_bytes(2, "big") + body
    return PREAMBLE + head + bytes([checksum(head)])


def encode_command(command: Command, data: bytes = b"") -> bytes:
    cmd, para = command.value
    return _frame(bytes([cmd, para]) + data)


def encode_answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return _frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Frame:
    """A checked frame: ``body`` is what lies between the length and the checksum."""

    body: bytes

    # As a command
    @property
    def command(self) -> tuple[int, int]:
        return (self.body[0], self.body[1])

    # As an answer
    @property
    def sw3(self) -> int:
        return self.body[2]

    @property
    def data(self) -> bytes:
        return self.body[3:]

    @property
    def command_data(self) -> bytes:
        return self.body[2:]


class DecodeProblem(enum.StrEnum):
    CHECKSUM = "checksum"  # a whole frame arrived but its checksum is wrong
    BAD_LENGTH = "bad_length"  # a preamble followed by an impossible length


@dataclass(frozen=True)
class Problem:
    kind: DecodeProblem


class FrameDecoder:
    """Incremental decoder: ``feed`` bytes, get frames and problems in arrival order.

    Bytes before a preamble are skipped (and counted in ``skipped``). A preamble followed by
    an impossible length is skipped one byte at a time, so a real frame hidden after it is
    still found. The buffer never holds more than one maximal frame.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.skipped = 0

    @property
    def pending(self) -> int:
        """Bytes held waiting for the rest of a frame."""
        return len(self._buf)

    @property
    def in_frame(self) -> bool:
        """A preamble has arrived and the rest of its frame has not."""
        return self._buf.startswith(PREAMBLE)

    def feed(self, chunk: bytes) -> list[Frame | Problem]:
        self._buf += chunk
        out: list[Frame | Problem] = []
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                # Keep a tail that may be the start of a preamble split across reads.
                keep = len(PREAMBLE) - 1
                drop = max(0, len(self._buf) - keep)
                self.skipped += drop
                del self._buf[:drop]
                return out
            if start:
                self.skipped += start
                del self._buf[:start]
            if len(self._buf) < HEADER_LEN:
                return out
            length = int.from_bytes(self._buf[len(PREAMBLE) : HEADER_LEN], "big")
            if not MIN_FRAME_LEN <= length <= MAX_FRAME_LEN:
                out.append(Problem(DecodeProblem.BAD_LENGTH))
                self.skipped += 1
                del self._buf[:1]
                continue
            end = HEADER_LEN + length
            if len(self._buf) < end:
                return out
            head = bytes(self._buf[len(PREAMBLE) : end - 1])
            chk = self._buf[end - 1]
            if checksum(head) != chk:
                out.append(Problem(DecodeProblem.CHECKSUM))
                # Skip only the preamble's first byte: a frame may start inside the bad one.
                self.skipped += 1
                del self._buf[:1]
                continue
            out.append(Frame(head[2:]))
            del self._buf[:end]
