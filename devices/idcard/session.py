"""The read sequence over any byte transport: SAM status → 找卡 → 选卡 → 读卡.

A transport is anything with ``write(bytes)``, ``read(n) -> bytes`` (returning what arrived
within its short timeout, possibly nothing) and ``close()``: a pyserial ``Serial`` or the
virtual reader's loopback. Each exchange is bounded twice: by a deadline and by a byte budget,
so a device streaming garbage forever gets ``idcard.garbage``, never a hang.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from models.errors import UserFacingError

from .base import IdCardData, IdCardErrors, IdReadResult, PhotoStatus
from .frames import (
    MAX_FRAME_LEN,
    STATUS,
    SW_CARD_FOUND,
    SW_NO_CONTENT,
    SW_OK,
    Command,
    DecodeProblem,
    Frame,
    FrameDecoder,
    Problem,
    encode_command,
)
from .text import TEXT_LEN, number_problem, parse_text

logger = logging.getLogger(__name__)

WLT_LEN = 1024


class Transport(Protocol):
    def write(self, data: bytes) -> int | None: ...

    def read(self, size: int = 1) -> bytes: ...

    def close(self) -> None: ...


#: A licensed WLT decoder: 1024 WLT bytes in, BMP bytes out (raises on failure).
PhotoDecoder = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Timing:
    answer_s: float = 1.0  # first byte of an answer
    read_s: float = 3.0  # a whole 读卡 answer (1295 bytes at 115200 Bd take ~0.12 s)
    byte_budget: int = 4 * MAX_FRAME_LEN


def status_error(sw3: int, step: str) -> UserFacingError:
    code, what = STATUS.get(sw3, (IdCardErrors.REJECTED, "unknown status"))
    logger.info("idcard: %s answered SW3=%02X (%s)", step, sw3, what)
    return UserFacingError(code, sw=f"{sw3:02X}")


class SamSession:
    """One conversation with a reader over an open transport (runs on the device thread)."""

    def __init__(self, transport: Transport, timing: Timing | None = None) -> None:
        self.transport = transport
        self.timing = timing or Timing()
        self.decoder = FrameDecoder()

    def drain(self) -> int:
        """Discard what a reader sent before this conversation began; the count of bytes dropped.

        A reader that streamed noise or an answer nobody waited for leaves bytes in the port's
        input queue; without this the next card's first answer would be read as garbage. Reads
        until the line has been quiet for one transport timeout, bounded by the byte budget and
        the answer time (an endlessly streaming reader is then reported by ``exchange``).
        """
        dropped = 0
        deadline = time.monotonic() + self.timing.answer_s
        while dropped <= self.timing.byte_budget and time.monotonic() < deadline:
            chunk = self.transport.read(512)
            if not chunk:
                break
            dropped += len(chunk)
        if dropped:
            logger.info("idcard: %d stale bytes discarded before the conversation", dropped)
        return dropped

    def exchange(self, command: Command, *, timeout: float | None = None) -> Frame:
        """Send one command and return its answer frame; raises UserFacingError."""
        self.decoder = FrameDecoder()  # a new command forgets the bytes of an abandoned answer
        self.transport.write(encode_command(command))
        deadline = time.monotonic() + (timeout or self.timing.answer_s)
        received = 0
        while True:
            chunk = self.transport.read(512)
            if chunk:
                received += len(chunk)
                for item in self.decoder.feed(chunk):
                    if isinstance(item, Frame):
                        if len(item.body) < 3:
                            raise UserFacingError(IdCardErrors.INVALID_DATA, field="answer")
                        return item
                    if isinstance(item, Problem) and item.kind is DecodeProblem.CHECKSUM:
                        raise UserFacingError(IdCardErrors.CHECKSUM)
                if received > self.timing.byte_budget:
                    raise UserFacingError(IdCardErrors.GARBAGE, count=received)
            if time.monotonic() > deadline:
                if self.decoder.in_frame:
                    raise UserFacingError(IdCardErrors.INCOMPLETE)
                if received:
                    raise UserFacingError(IdCardErrors.GARBAGE, count=received)
                raise UserFacingError(IdCardErrors.NO_ANSWER)

    def sam_status(self) -> None:
        answer = self.exchange(Command.SAM_STATUS)
        if answer.sw3 != SW_OK:
            raise status_error(answer.sw3, "SAM status")

    def find(self) -> bool:
        """True when a card is on the reader (找卡 answered 9F)."""
        answer = self.exchange(Command.FIND_CARD)
        if answer.sw3 == SW_CARD_FOUND:
            return True
        if answer.sw3 == 0x80:
            return False
        raise status_error(answer.sw3, "find")

    def select(self) -> None:
        answer = self.exchange(Command.SELECT_CARD)
        if answer.sw3 != SW_OK:
            raise status_error(answer.sw3, "select")

    def read_base(self) -> tuple[bytes, bytes]:
        """读卡 30 01: (256-byte text, WLT photo block or b"")."""
        answer = self.exchange(Command.READ_BASE, timeout=self.timing.read_s)
        if answer.sw3 not in (SW_OK, SW_NO_CONTENT):
            raise status_error(answer.sw3, "read")
        data = answer.data
        if len(data) < 4:
            raise UserFacingError(IdCardErrors.INVALID_DATA, field="lengths")
        text_len = int.from_bytes(data[0:2], "big")
        photo_len = int.from_bytes(data[2:4], "big")
        if text_len != TEXT_LEN or photo_len > WLT_LEN or len(data) != 4 + text_len + photo_len:
            raise UserFacingError(IdCardErrors.INVALID_DATA, field="lengths")
        return bytes(data[4 : 4 + text_len]), bytes(data[4 + text_len :])


def result_from_blocks(
    text: bytes,
    wlt: bytes,
    *,
    reader: str,
    backend: str,
    photo_decoder: PhotoDecoder | None,
    started: float,
    attempts: int = 1,
) -> IdReadResult:
    """Parse, check the number for its kind, decode the photo if a decoder is configured."""
    return result_from_data(
        parse_text(text),
        wlt,
        reader=reader,
        backend=backend,
        photo_decoder=photo_decoder,
        started=started,
        attempts=attempts,
    )


def result_from_data(
    data: IdCardData,
    wlt: bytes,
    *,
    reader: str,
    backend: str,
    photo_decoder: PhotoDecoder | None,
    started: float,
    attempts: int = 1,
    photo_bmp: bytes | None = None,
) -> IdReadResult:
    """The warnings a card's data calls for (expired, number, rare characters) and its photo:
    ``photo_bmp`` when the vendor's library decoded it itself (华视 GetBMPData), else the WLT
    block through the configured decoder."""
    warnings: list[str] = []
    if data.is_expired():
        warnings.append(IdCardErrors.EXPIRED)
    if number_problem(data) is not None:
        warnings.append(IdCardErrors.NUMBER_INVALID)
    if data.unreadable_name_positions:
        warnings.append(IdCardErrors.RARE_CHARACTER)
    photo_status, photo = PhotoStatus.ABSENT, None
    if photo_bmp is not None:
        photo_status, photo = PhotoStatus.DECODED, photo_bmp
    elif len(wlt) == WLT_LEN:
        if photo_decoder is None:
            photo_status = PhotoStatus.NOT_CONFIGURED
            warnings.append(IdCardErrors.PHOTO_UNAVAILABLE)
        else:
            try:
                photo = photo_decoder(wlt)
                photo_status = PhotoStatus.DECODED
            except Exception as exc:  # a vendor decoder failing must not lose the text
                logger.warning("idcard: photo decoder failed: %s", type(exc).__name__)
                photo_status = PhotoStatus.DECODER_FAILED
                warnings.append(IdCardErrors.PHOTO_DECODER_FAILED)
    return IdReadResult(
        data=data,
        reader=reader,
        backend=backend,
        warnings=tuple(warnings),
        photo_status=photo_status,
        photo_bmp=photo,
        wlt_present=len(wlt) == WLT_LEN,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        attempts=attempts,
    )
