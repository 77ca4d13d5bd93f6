"""The virtual SAM reader: a protocol-level ID card reader for tests and demos (fictitious cards).

``SamReaderEngine`` answers command frames the way a reader's SAM does; it is driven either
in-process (``LoopbackTransport``, the ``virtual`` backend) or on a pseudo-terminal pair in a
separate process (``python -m devices.idcard.virtual`` / ``tongban idcard emulate``), so the
serial driver is tested on a real tty with pyserial.

The process prints ``PORT <slave path>`` and then takes one command per line on stdin,
answering ``OK …`` (or ``ERR …``) after it has taken effect, so tests never sleep::

    place NAME        put a demo card on the reader (names: see DEMO_CARDS)
    remove            lift the card
    fault KIND [N]    the next N answers (default 1) misbehave: bad_checksum, garbage
                      (noise before the frame), remove_mid_read (SW3 41), truncate (half a
                      frame, then silence), stream (endless noise), silent (no answer)
    fault seq A,B,…   one fault per coming answer ("" = a normal answer)
    sam ok|bad        the SAM passes or fails its self-test
    quit
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, field

from ..pty_emulator import PtyLink
from .base import IdCardData, IdCardKind
from .frames import SW_CARD_FOUND, SW_OK, Command, Frame, FrameDecoder, encode_answer
from .session import WLT_LEN
from .text import build_text


def _ric(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")  # the function ignores the last digit


def _demo_cards() -> dict[str, IdCardData]:
    today = dt.date.today()
    d = dt.date
    return {
        "demo": IdCardData(
            IdCardKind.RESIDENT, name="张演示", gender="1", nation="01", birth_date=d(1985, 6, 15),
            address="北京市东城区演示路1号", id_number=_ric("11010119850615003"),
            issuer="北京市公安局东城分局", valid_from=d(2016, 3, 1), valid_until=d(2036, 3, 1),
        ),
        "long_name": IdCardData(
            IdCardKind.RESIDENT, name="阿卜杜热合曼·买买提依明·艾力", gender="1", nation="05",
            birth_date=d(1972, 1, 30), address="新疆维吾尔自治区乌鲁木齐市天山区演示街道幸福路社区123号4栋601室",
            id_number=_ric("65010219720130001"), issuer="乌鲁木齐市公安局天山区分局",
            valid_from=d(2012, 5, 20), long_term=True,
        ),
        # 林 + a character outside the card's set: readers return a Private Use Area code point.
        "rare_char": IdCardData(
            IdCardKind.RESIDENT, name="林\ue863", gender="2", nation="01", birth_date=d(1990, 12, 3),
            address="福建省福州市鼓楼区演示路8号", id_number=_ric("35010219901203002"),
            issuer="福州市公安局鼓楼分局", valid_from=d(2015, 7, 1), valid_until=d(2035, 7, 1),
        ),
        "expired": IdCardData(
            IdCardKind.RESIDENT, name="王过期", gender="2", nation="03", birth_date=d(1960, 2, 29),
            address="宁夏回族自治区银川市兴庆区演示巷2号", id_number=_ric("64010419600229002"),
            issuer="银川市公安局兴庆区分局", valid_from=d(2004, 1, 1), valid_until=today - dt.timedelta(days=30),
        ),
        "bad_number": IdCardData(
            IdCardKind.RESIDENT, name="赵校验", gender="1", nation="01", birth_date=d(1980, 1, 1),
            address="河北省石家庄市演示路3号", id_number="130102198001010011",
            issuer="石家庄市公安局", valid_from=d(2010, 1, 1), valid_until=d(2030, 1, 1),
        ),
        "hmt": IdCardData(
            IdCardKind.HMT_RESIDENCE, name="陈港澳", gender="1", birth_date=d(1988, 8, 8),
            address="广东省深圳市福田区演示大道9号", id_number=_ric("81000019880808001"),
            issuer="深圳市公安局福田分局", valid_from=d(2020, 1, 1), valid_until=d(2025 + 5, 1, 1),
            pass_number="H12345678", issue_count="01",
        ),
        "foreign": IdCardData(
            IdCardKind.FOREIGN_PERMANENT, english_name="SMITH, JOHN DEMO", name="史约翰", gender="1",
            id_number="USA117501010010", nationality="USA", birth_date=d(1975, 1, 1),
            valid_from=d(2019, 1, 1), valid_until=d(2029, 1, 1), card_version="01", issuer="1100",
        ),
        # 2023 edition: "9", province 11, nationality 840 (ISO 3166-1 numeric, USA), born 1980-02-02
        "foreign_2023": IdCardData(
            IdCardKind.FOREIGN_PERMANENT_2023, name="李新版", gender="2", issue_count="00",
            birth_date=d(1980, 2, 2), english_name="LEE-WILLIAMSON, MARY ANNE DEMONSTRATION",
            id_number=_ric("91184019800202002"), nationality="USA", valid_from=d(2024, 1, 2),
            valid_until=d(2034, 1, 2), former_number_ref="",
        ),
    }  # fmt: skip


DEMO_CARDS = _demo_cards()


def demo_wlt(seed: str) -> bytes:
    """1024 bytes standing in for the encrypted WLT photo (only a licensed decoder reads one)."""
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(WLT_LEN))


@dataclass
class SamReaderEngine:
    """Answers command frames; ``card`` is what lies on the reader (None: nothing)."""

    card: IdCardData | None = None
    sam_ok: bool = True
    faults: list[str] = field(default_factory=list)
    commands_seen: int = 0

    def answer(self, frame: Frame) -> bytes | None:
        """The bytes to send back for one command (None: stay silent)."""
        self.commands_seen += 1
        command = frame.command
        fault = self.faults.pop(0) if self.faults else ""
        if fault == "silent":
            return None
        if command == Command.SAM_STATUS.value:
            out = encode_answer(SW_OK if self.sam_ok else 0x60)
        elif command == Command.FIND_CARD.value:
            out = encode_answer(SW_CARD_FOUND, b"\x00\x00\x00\x00") if self.card else encode_answer(0x80)
        elif command == Command.SELECT_CARD.value:
            out = encode_answer(SW_OK, b"\x00" * 8) if self.card else encode_answer(0x81)
        elif command in (Command.READ_BASE.value, Command.READ_BASE_FP.value):
            if self.card is None:
                out = encode_answer(0x41)
            elif fault == "remove_mid_read":
                self.card = None
                out = encode_answer(0x41)
            else:
                text = build_text(self.card)
                wlt = demo_wlt(self.card.id_number)
                payload = len(text).to_bytes(2, "big") + len(wlt).to_bytes(2, "big") + text + wlt
                out = encode_answer(SW_OK, payload)
        elif command == Command.SAM_ID.value:
            out = encode_answer(SW_OK, bytes(16))
        else:
            out = encode_answer(0x21)
        if fault == "bad_checksum":
            out = out[:-1] + bytes([out[-1] ^ 0x5A])
        elif fault == "garbage":
            out = b"\x00\xff\xaa\x96\x69\x13\x37noise\xaa\xaa" + out
        elif fault == "truncate":
            out = out[: len(out) // 2]
        elif fault == "stream":
            out = b"\x55" * 20000
        return out


class LoopbackTransport:
    """An in-process transport: written commands are answered by the engine."""

    def __init__(self, engine: SamReaderEngine) -> None:
        self.engine = engine
        self._decoder = FrameDecoder()
        self._out = bytearray()

    def write(self, data: bytes) -> int:
        for item in self._decoder.feed(data):
            if isinstance(item, Frame):
                answer = self.engine.answer(item)
                if answer:
                    self._out += answer
        return len(data)

    def read(self, size: int = 1) -> bytes:
        chunk = bytes(self._out[:size])
        del self._out[:size]
        return chunk

    def close(self) -> None:
        return None


# The pseudo-terminal process ---------------------------------------------------------------


def run_pty(initial: str | None = None, out=None, inp=None) -> int:  # type: ignore[no-untyped-def]
    """Serve on a new pty pair until ``quit`` or end of input. Linux/macOS only."""
    out = out or sys.stdout
    inp = inp or sys.stdin
    engine = SamReaderEngine(card=DEMO_CARDS[initial] if initial else None)
    decoder = FrameDecoder()
    link = PtyLink(
        lambda data: b"".join(engine.answer(item) or b"" for item in decoder.feed(data) if isinstance(item, Frame))
    )
    lock = link.lock
    print(f"PORT {link.path}", file=out, flush=True)
    try:
        for line in inp:
            words = line.split()
            if not words:
                continue
            verb, args = words[0], words[1:]
            with lock:
                if verb == "place" and args and args[0] in DEMO_CARDS:
                    engine.card = DEMO_CARDS[args[0]]
                    reply = f"OK placed {args[0]}"
                elif verb == "remove":
                    engine.card = None
                    reply = "OK removed"
                elif verb == "fault" and len(args) > 1 and args[0] == "seq":
                    engine.faults[:] = args[1].split(",")  # one per answer, "" = normal
                    reply = f"OK faults {args[1]}"
                elif verb == "fault" and args:
                    count = int(args[1]) if len(args) > 1 and args[1].isdigit() else 1
                    engine.faults[:] = [args[0]] * count
                    reply = f"OK fault {args[0]} x{count}"
                elif verb == "sam" and args:
                    engine.sam_ok = args[0] == "ok"
                    reply = f"OK sam {args[0]}"
                elif verb == "quit":
                    print("OK bye", file=out, flush=True)
                    break
                else:
                    reply = "ERR " + " ".join(words)
            print(reply, file=out, flush=True)
    finally:
        link.close()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised as a subprocess by the tests
    sys.exit(run_pty(sys.argv[1] if len(sys.argv) > 1 else None))
