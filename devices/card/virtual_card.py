"""A virtual 社保卡: the card side of the vsmartcard ``vpcd`` reader, for tests and demos.

``SocialSecurityCardApplet`` answers APDUs like a 1st/2nd/3rd-generation card (SELECT by name,
EF05/EF06, READ RECORD by tag or number, 61xx chaining, 6Cxx wrong-Le answers, 6982 on a
3rd-generation card's EF06 and dates). ``VpcdCardEmulator`` plugs it into pcscd through vpcd's
TCP socket (vpcd listens, the card connects: connecting is inserting the card, closing the socket
is removing it), so the application talks to a real PC/SC daemon exactly as with hardware.
``VirtualCardDriver`` runs the same applet in-process for a demo machine without pcscd.

The demo person is obviously fictitious: 张三 with GB 11643's own sample number.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from models.errors import UserFacingError

from . import apdu
from .base import CardErrors, CardEvent, CardEventCallback, CardEventKind, CardReadResult, ReaderInfo

logger = logging.getLogger(__name__)

VPCD_DEFAULT_PORT = 35963  # vpcd's CHANNELID 0x8C7B in /etc/reader.conf.d/vpcd; slot n is port + n
VPCD_POWER_OFF, VPCD_POWER_ON, VPCD_RESET, VPCD_GET_ATR = 0, 1, 2, 4

#: 3B 6D 00 00 + 13 historical bytes; "TBX" marks it as Tongban's virtual card.
DEMO_ATR = bytes.fromhex("3B6D0000") + bytes.fromhex("0081544258") + bytes(7) + b"\x01"


@dataclass(frozen=True)
class VirtualCardProfile:
    """What the virtual card holds and how strictly it behaves. Dates are YYYYMMDD strings."""

    generation: int = 2
    card_identifier: str = "110105D156000005" + "00544258DEADBEEF"  # first 6 digits: region
    card_type: str = "1"
    init_org: str = "TONGBAN-DEMO"
    issue_date: str = "20200101"
    expiry_date: str = "20300101"
    card_number: str = "TB0000001"
    ssn: str = "11010519491231002X"  # the sample number printed in GB 11643 itself
    name: str = "张三"
    gender: str = "1"
    nation: str = "01"
    birthplace: str = "110105"
    birth_date: str = "19491231"
    atr: bytes = DEMO_ATR
    is_social_security_card: bool = True  # False: a bank card, or the card inserted the wrong way
    strict_le: bool = True  # answer 6Cxx to a wrong or zero Le, as T=0 cards do
    chained_select: bool = True  # answer SELECT with 61xx; the reader must GET RESPONSE

    @property
    def spec_version(self) -> str:
        return f"{self.generation}.00"

    def records(self) -> dict[int, dict[int, bytes]]:
        """File id (0xEF05/0xEF06) → tag → value, in record-number order."""
        gbk_name = self.name.encode("gbk")
        ef05 = {
            0x01: bytes.fromhex(self.card_identifier),
            0x02: self.card_type.encode("ascii"),
            0x03: self.spec_version.encode("ascii"),
            0x04: self.init_org.encode("ascii"),
            0x05: apdu.encode_bcd(self.issue_date, 4),
            0x06: apdu.encode_bcd(self.expiry_date, 4),
            0x07: self.card_number.encode("ascii"),
        }
        ef06 = {
            0x08: self.ssn.encode("ascii"),
            0x09: gbk_name[:30].ljust(30, b"\x00"),
        }
        if self.generation >= 2:
            # 2nd/3rd generation: record 3 is the name extension, gender moves to record 4.
            ef06[0x4E] = gbk_name[30:].ljust(20, b"\x00")
        ef06.update(
            {
                0x0A: self.gender.encode("ascii"),
                0x0B: apdu.encode_bcd(self.nation, 1),
                0x0C: apdu.encode_bcd(self.birthplace, 3),
                0x0D: apdu.encode_bcd(self.birth_date, 4),
            }
        )
        return {0xEF05: ef05, 0xEF06: ef06}


def demo_profile(generation: int = 2, **changes: object) -> VirtualCardProfile:
    """The demo card of a generation; ``changes`` override fields (tests: long names, expiry)."""
    base = VirtualCardProfile(generation=generation)
    if generation == 3:
        base = replace(base, card_number="TB0000003", name="李四", gender="2", ssn="11010519491231002X")
    elif generation == 1:
        base = replace(base, card_number="TB0000001", issue_date="20100101", expiry_date="20991231")
    return replace(base, **changes)  # type: ignore[arg-type]


class SocialSecurityCardApplet:
    """The card's APDU state machine (pure; no sockets)."""

    PROTECTED_EF05_TAGS = frozenset({0x05, 0x06})

    def __init__(self, profile: VirtualCardProfile | None = None, *, authorised: bool = False) -> None:
        self.profile = profile or demo_profile()
        self.authorised = authorised  # as if the PSAM external authentication had succeeded
        self._records = self.profile.records()
        self.apdu_count = 0
        self.reset()

    @property
    def atr(self) -> bytes:
        return self.profile.atr

    def reset(self) -> None:
        self._app_selected = False
        self._current_ef: int | None = None
        self._pending = b""

    def process(self, command: bytes) -> bytes:
        self.apdu_count += 1
        if len(command) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = command[:4]
        if cla != 0x00:
            return b"\x6e\x00"
        body = command[5:] if len(command) > 5 else b""
        le = command[4] if len(command) == 5 else 0
        if ins != 0xC0:
            self._pending = b""
        if ins == 0xA4:
            return self._select(p1, body[: command[4]] if len(command) > 5 else b"")
        if ins == 0xC0:
            return self._get_response(le)
        if ins == 0xB2:
            return self._read_record(p1, p2, le)
        if ins == 0x82:  # EXTERNAL AUTHENTICATE: the virtual card holds no PSAM key
            return b"\x69\x82"
        return b"\x6d\x00"

    def _answer(self, payload: bytes) -> bytes:
        if self.profile.chained_select and payload:
            self._pending = payload
            return bytes([0x61, len(payload)])
        return payload + b"\x90\x00"

    def _select(self, p1: int, data: bytes) -> bytes:
        if p1 == 0x04:
            if data == apdu.SSSE_NAME and self.profile.is_social_security_card:
                self._app_selected, self._current_ef = True, None
                return self._answer(b"\x6f" + bytes([len(data) + 2, 0x84, len(data)]) + data)
            return b"\x6a\x82"
        if p1 == 0x02 and len(data) == 2:
            fid = int.from_bytes(data, "big")
            if not self._app_selected or fid not in self._records:
                return b"\x6a\x82"
            self._current_ef = fid
            return self._answer(b"\x62\x04\x83\x02" + data)
        return b"\x6a\x86"

    def _get_response(self, le: int) -> bytes:
        if not self._pending:
            return b"\x69\x85"
        chunk = self._pending[: le or 256]
        self._pending = self._pending[len(chunk) :]
        if self._pending:
            return chunk + bytes([0x61, min(len(self._pending), 0xFF)])
        return chunk + b"\x90\x00"

    def _read_record(self, p1: int, p2: int, le: int) -> bytes:
        sfi, mode = p2 >> 3, p2 & 0x07
        fid = {0: self._current_ef, 5: 0xEF05, 6: 0xEF06}.get(sfi)
        if fid is None:
            return b"\x69\x86" if sfi == 0 else b"\x6a\x82"
        records = self._records[fid]
        if mode == 0x04:  # P1 is a record number
            tags = list(records)
            if not 1 <= p1 <= len(tags):
                return b"\x6a\x83"
            tag = tags[p1 - 1]
        elif mode == 0x00:  # P1 is a record identifier (the tag)
            tag = p1
            if tag not in records:
                return b"\x6a\x83"
        else:
            return b"\x6a\x86"
        if self.profile.generation >= 3 and not self.authorised and (fid == 0xEF06 or tag in self.PROTECTED_EF05_TAGS):
            return b"\x69\x82"
        value = records[tag]
        record = bytes([tag, len(value)]) + value
        if self.profile.strict_le and le != len(record):
            return bytes([0x6C, len(record)])
        return record[: le or 256] + b"\x90\x00"


class VpcdCardEmulator:
    """Connects an applet to vpcd. ``insert()`` = card in the reader, ``remove()`` = card out.

    ``remove_after_apdus`` drops the connection instead of answering the n-th APDU (a card
    pulled out mid-read); ``response_delay`` makes every answer slow (time-out tests).
    """

    def __init__(
        self,
        applet: SocialSecurityCardApplet | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = VPCD_DEFAULT_PORT,
        response_delay: float = 0.0,
        remove_after_apdus: int | None = None,
    ) -> None:
        self.applet = applet or SocialSecurityCardApplet()
        self.host, self.port = host, port
        self.response_delay = response_delay
        self.remove_after_apdus = remove_after_apdus
        self.apdu_count = 0
        self.powered = False
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.disconnected = threading.Event()

    @property
    def inserted(self) -> bool:
        return self._sock is not None and not self.disconnected.is_set()

    def insert(self, timeout: float = 5.0) -> None:
        """Connect to vpcd (retrying until ``timeout``: pcscd may still be starting)."""
        if self.inserted:
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise ConnectionError(f"vpcd not reachable on {self.host}:{self.port}: {exc}") from exc
                self._stop.wait(0.05)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._stop.clear()
        self.disconnected.clear()
        self.apdu_count = 0
        self.applet.reset()
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vpcd-card", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        self._stop.set()
        sock, self._sock = self._sock, None
        if sock is not None:
            _close(sock)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None
        self.disconnected.set()

    def wait_disconnected(self, timeout: float | None = None) -> bool:
        return self.disconnected.wait(timeout)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                payload = _recv_message(sock)
                if payload is None:
                    break
                answer = self._handle(payload)
                if answer is _DROP:
                    break
                if answer is not None:
                    sock.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError:
            pass
        finally:
            _close(sock)
            self.disconnected.set()

    def _handle(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            code = payload[0]
            if code == VPCD_GET_ATR:
                return self.applet.atr
            if code == VPCD_POWER_OFF:
                self.powered = False
            elif code in (VPCD_POWER_ON, VPCD_RESET):
                self.powered = True
                self.applet.reset()
            return None
        self.apdu_count += 1
        if self.remove_after_apdus is not None and self.apdu_count >= self.remove_after_apdus:
            return _DROP
        if self.response_delay and self._stop.wait(self.response_delay):
            return _DROP
        return self.applet.process(payload)


_DROP = b"<drop>"


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        _quick_ack(sock)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def _recv_message(sock: socket.socket) -> bytes | None:
    header = _recv_exact(sock, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _recv_exact(sock, length) if length else b""


def _quick_ack(sock: socket.socket) -> None:
    # vpcd writes the length and the payload in two send() calls; with Nagle on its side and a
    # delayed ACK on ours every APDU would wait ~40 ms. Linux re-arms delayed ACKs, so ask again.
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class VirtualCardDriver:
    """An in-process reader holding the virtual card, for demos on a machine without pcscd.

    Chosen only explicitly (backend ``virtual``): falling back to fictitious data at a real
    counter would be worse than saying that no reader is attached.
    """

    name = "virtual"
    READER = "Tongban Virtual Reader"

    def __init__(self, applet: SocialSecurityCardApplet | None = None, *, inserted: bool = True) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="card-virtual")
        self._applet = applet or SocialSecurityCardApplet()
        self._inserted = inserted
        self._callback: CardEventCallback | None = None
        self._auto_read = True

    def list_readers(self) -> list[ReaderInfo]:
        atr = self._applet.atr.hex().upper() if self._inserted else None
        return [ReaderInfo(self.READER, card_present=self._inserted, atr=atr, backend=self.name)]

    def read(self, reader: str | None = None) -> CardReadResult:
        return self._executor.submit(self._read, reader).result()

    def _read(self, reader: str | None) -> CardReadResult:
        from .reading import read_social_security_card

        if reader not in (None, self.READER):
            raise UserFacingError(CardErrors.READER_NOT_FOUND, reader=reader)
        if not self._inserted:
            raise UserFacingError(CardErrors.NO_CARD, reader=self.READER)
        self._applet.reset()
        return read_social_security_card(
            self._applet.process, atr=self._applet.atr, reader=self.READER, backend=self.name
        )

    def insert(self, applet: SocialSecurityCardApplet | None = None) -> None:
        if applet is not None:
            self._applet = applet
        self._inserted = True
        self._executor.submit(self._emit_inserted)

    def remove(self) -> None:
        self._inserted = False
        self._executor.submit(self._emit, CardEvent(CardEventKind.CARD_REMOVED, self.READER))

    def _emit_inserted(self) -> None:
        self._emit(CardEvent(CardEventKind.CARD_INSERTED, self.READER))
        if self._auto_read and self._callback is not None:
            try:
                result = self._read(None)
            except UserFacingError as exc:
                self._emit(CardEvent(CardEventKind.CARD_ERROR, self.READER, error=exc))
            else:
                self._emit(CardEvent(CardEventKind.CARD_READ, self.READER, result=result))

    def _emit(self, event: CardEvent) -> None:
        if self._callback is not None:
            try:
                self._callback(event)
            except Exception:
                logger.exception("card event callback failed")

    def start_monitoring(self, callback: CardEventCallback, *, auto_read: bool = True) -> bool:
        self._callback, self._auto_read = callback, auto_read
        self._executor.submit(self._emit, CardEvent(CardEventKind.READER_ADDED, self.READER))
        if self._inserted:
            self._executor.submit(self._emit_inserted)
        return True

    def stop_monitoring(self) -> None:
        self._callback = None

    def close(self) -> None:
        self._callback = None
        self._executor.shutdown(wait=True)
