"""Issue 22: the 受理回执 as raw ESC/POS for 80 mm printers without a good driver.

The bytes are decoded command by command (tests/escpos_decode below): GB18030 text, the native QR
code (GS ( k) holding the case number, raster lines (GS v 0) for characters the printer's font
lacks, the cut. They are sent to a real pty, as a USB printer (/dev/usb/lp0) or a serial port,
and read back from its other end; the counter's one-key print goes there when the settings say so.
"""

from __future__ import annotations

import dataclasses
import os
import pty
import select
import threading
import tty
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select as sql_select

from devices.receipt_printer import send
from models import fontset
from models.errors import UserFacingError
from printing.escpos import EscposOptions, lacking, render_receipt_escpos
from printing.layout import RenderOptions
from tests.test_print_documents import CASE_NO, receipt_data

EXT_B = "\U0002a6a5"  # 𪚥, CJK extension B: in no printer's font


@dataclass
class Decoded:
    text: str = ""
    qr: list[bytes] = field(default_factory=list)
    rasters: list[tuple[int, int, bytes]] = field(default_factory=list)  # (width bytes, height, data)
    commands: list[str] = field(default_factory=list)


def decode(data: bytes) -> Decoded:
    """Split an ESC/POS stream into its commands; text between them is decoded as GB18030."""
    out = Decoded()
    text = bytearray()
    i = 0
    fixed = {b"\x1b@": 0, b"\x1c&": 0, b"\x1b!": 1, b"\x1bE": 1, b"\x1ba": 1, b"\x1bd": 1, b"\x1d!": 1, b"\x1bM": 1}
    while i < len(data):
        two = data[i : i + 2]
        if two in fixed:
            out.commands.append(two.hex())
            i += 2 + fixed[two]
        elif data[i : i + 3] == b"\x1d(k":
            size = data[i + 3] + 256 * data[i + 4]
            body = data[i + 5 : i + 5 + size]
            if body[:2] == b"1P":  # store the symbol's data
                out.qr.append(body[3:])
            out.commands.append("qr")
            i += 5 + size
        elif data[i : i + 3] == b"\x1dv0":
            xl, xh, yl, yh = data[i + 4 : i + 8]
            width, height = xl + 256 * xh, yl + 256 * yh
            out.rasters.append((width, height, data[i + 8 : i + 8 + width * height]))
            out.commands.append("raster")
            i += 8 + width * height
        elif two == b"\x1dV":
            out.commands.append("cut")
            i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
        elif data[i] in (0x1B, 0x1C, 0x1D):
            raise AssertionError(f"unknown command {data[i : i + 3]!r} at {i}")
        else:
            text.append(data[i])
            i += 1
    out.text = text.decode("gb18030")
    return out


def rare_receipt() -> Any:
    data = receipt_data()
    return dataclasses.replace(data, applicant=dataclasses.replace(data.applicant, name=f"王{EXT_B}"))


def test_receipt_bytes_hold_gb18030_text_the_qr_code_and_the_cut() -> None:
    data = receipt_data()
    got = decode(render_receipt_escpos(data))
    assert got.commands[:2] == ["1b40", "1c26"]  # initialise, then Chinese mode
    for text in ("受理回执", "演示镇医保服务站", f"办件编号：{CASE_NO}", "申请人：王演示", "**************1014"):
        assert text in got.text
    assert "522701195803121014" not in got.text  # masked as on paper
    assert got.qr == [CASE_NO.encode()]
    assert "申请人（签字）" in got.text and "日期：" in got.text
    assert got.commands[-1] == "cut" and not got.rasters
    for line in got.text.splitlines():  # 48 half-width cells on 80 mm (a Chinese character is two)
        assert sum(2 if ord(c) > 0x2E80 else 1 for c in line) <= 48, line


def test_a_58mm_printer_gets_narrower_lines() -> None:
    got = decode(render_receipt_escpos(receipt_data(), EscposOptions(dots=384)))
    assert max(sum(2 if ord(c) > 0x2E80 else 1 for c in line) for line in got.text.splitlines()) <= 32


@pytest.mark.skipif(not fontset.find(fontset.EXTENSION), reason="fonts-hanazono not installed")
def test_a_name_the_printer_font_lacks_prints_as_a_raster_line() -> None:
    data = rare_receipt()
    assert lacking(data, "gbk") == [EXT_B] and lacking(data, "gb18030") == [EXT_B]
    got = decode(render_receipt_escpos(data))
    assert EXT_B not in got.text and "申请人：" not in got.text  # that line is an image
    assert f"办件编号：{CASE_NO}" in got.text and got.qr == [CASE_NO.encode()]
    ((width, height, bits),) = got.rasters
    assert width == 576 // 8 and height >= 24
    assert sum(bin(b).count("1") for b in bits) > 150  # ink: the line's glyphs, the rare one included


def test_the_printer_font_decides_what_is_rasterised() -> None:
    data = dataclasses.replace(receipt_data(), clerk_name="王堃")  # 堃: in GBK, not in GB2312
    assert lacking(data, "gbk") == [] and lacking(data, "gb2312") == ["堃"]
    assert "王堃" in decode(render_receipt_escpos(data, EscposOptions(font="gbk"))).text
    assert len(decode(render_receipt_escpos(data, EscposOptions(font="gb2312"))).rasters) == 1


def test_a_reprint_says_so_with_its_reason() -> None:
    got = decode(render_receipt_escpos(receipt_data(), render=RenderOptions(reprint_reason="原件遗失")))
    assert "【补打】" in got.text and "原件遗失" in got.text


@dataclass
class Pty:
    path: str
    received: bytearray
    done: threading.Event


@pytest.fixture
def printer_pty() -> Iterator[Pty]:
    """A pty as the printer: the test writes to its slave path, a thread reads the master until the cut."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    got = Pty(path, bytearray(), threading.Event())
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    got.received += os.read(master, 65536)
                except OSError:
                    return
                if b"\x1dV" in got.received[-8:]:
                    got.done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield got
    finally:
        stop.set()
        reader.join(5)
        os.close(master)
        os.close(slave)


@pytest.mark.parametrize("form", ["device", "serial"])
def test_bytes_reach_a_real_device(printer_pty: Pty, form: str) -> None:
    data = render_receipt_escpos(receipt_data())
    send(printer_pty.path if form == "device" else f"serial:{printer_pty.path}", data, baudrate=115200)
    assert printer_pty.done.wait(10)
    got = decode(bytes(printer_pty.received))
    assert "受理回执" in got.text and got.qr == [CASE_NO.encode()] and got.commands[-1] == "cut"


def test_an_unreachable_printer_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError) as err:
        send(str(tmp_path / "no" / "lp0"), b"\x1b@")
    assert err.value.code == "print.escpos_failed"


def _demo_case_and_service(store: Any) -> tuple[str, Any]:
    from desktop.print_service import PrintService
    from models.lifecycle import CaseState
    from models.orm import Case, Clerk

    with store.db.read() as session:
        clerk_id = session.scalar(sql_select(Clerk.id).where(Clerk.login == "dayin"))
        case_no = session.scalar(sql_select(Case.case_no).where(Case.state == CaseState.ACCEPTED).limit(1))
    return str(case_no), PrintService(store.db, clerk_id)


def test_the_counter_sends_the_receipt_to_the_escpos_printer(demo_store: Any, printer_pty: Pty, tmp_path: Path) -> None:
    from desktop.case_printing import print_case_set
    from models.device_settings import RECEIPT_PRINTER_MODE, RECEIPT_PRINTER_PORT
    from models.settings import A4_PRINTER

    case_no, service = _demo_case_and_service(demo_store)
    A4_PRINTER.set(demo_store.settings, f"pdf:{tmp_path / 'a4'}")
    RECEIPT_PRINTER_MODE.set(demo_store.settings, "escpos")
    RECEIPT_PRINTER_PORT.set(demo_store.settings, printer_pty.path)
    outcome = print_case_set(service, demo_store.settings, case_no)
    assert ("受理回执", printer_pty.path) in outcome.printed
    assert printer_pty.done.wait(10)
    got = decode(bytes(printer_pty.received))
    assert f"办件编号：{case_no}" in got.text and got.qr == [case_no.encode()]


@pytest.mark.skipif(not fontset.find(fontset.EXTENSION), reason="fonts-hanazono not installed")
def test_fallback_a4_sends_a_rare_name_receipt_to_the_a4_printer(
    demo_store: Any, printer_pty: Pty, tmp_path: Path
) -> None:
    from desktop.case_printing import print_case_set
    from models.device_settings import RECEIPT_PRINTER_FALLBACK, RECEIPT_PRINTER_MODE, RECEIPT_PRINTER_PORT
    from models.orm import Case
    from models.settings import A4_PRINTER
    from tests.test_print_documents import pdf_text

    case_no, service = _demo_case_and_service(demo_store)
    with demo_store.db.write() as session:
        case = session.scalar(sql_select(Case).where(Case.case_no == case_no))
        assert case is not None and case.person is not None
        case.person.name = f"王{EXT_B}"
    A4_PRINTER.set(demo_store.settings, f"pdf:{tmp_path / 'a4'}")
    RECEIPT_PRINTER_MODE.set(demo_store.settings, "escpos")
    RECEIPT_PRINTER_PORT.set(demo_store.settings, printer_pty.path)
    RECEIPT_PRINTER_FALLBACK.set(demo_store.settings, "a4")
    outcome = print_case_set(service, demo_store.settings, case_no)
    assert ("受理回执", str(tmp_path / "a4")) in outcome.printed
    receipts = [p for p in (tmp_path / "a4").iterdir() if "受理回执" in p.name]
    assert len(receipts) == 1 and f"王{EXT_B}" in pdf_text(receipts[0].read_bytes())
    assert not printer_pty.received  # nothing went to the roll printer


def test_cli_sends_a_case_receipt_to_the_port_and_logs_it(
    demo_store: Any, printer_pty: Pty, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop.cli.main import main
    from models.orm import PrintLog

    case_no, _service = _demo_case_and_service(demo_store)
    argv = ["print", "receipt", case_no, "--escpos", printer_pty.path, "--clerk", "dayin", "--json"]
    assert main(argv) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["out"] == f"escpos:{printer_pty.path}" and info["recorded"] is True
    assert printer_pty.done.wait(10)
    got = decode(bytes(printer_pty.received))
    assert f"办件编号：{case_no}" in got.text and got.qr == [case_no.encode()]
    with demo_store.db.read() as session:
        assert session.scalar(sql_select(PrintLog.document).where(PrintLog.document == "receipt")) == "receipt"
    assert main(["print", "refusal", case_no, "--escpos", printer_pty.path]) == 1
    assert "只用于受理回执" in capsys.readouterr().err
