"""The serial driver against the virtual SAM reader in a second process, on a real pty pair.

The emulator (devices/idcard/virtual.py) acknowledges each control line only after it took
effect, so nothing here sleeps; faults are answered within the driver's own time-outs.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.idcard import IdCardErrors, IdCardEventKind, IdCardKind
from devices.idcard.serial_driver import SamReaderDriver
from devices.idcard.session import Timing
from devices.idcard.virtual import DEMO_CARDS
from models.errors import UserFacingError
from tests.idcard_helpers import Emulator, running_emulator

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")

ROOT = Path(__file__).resolve().parents[1]
FAST = Timing(answer_s=0.5, read_s=1.0)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def driver(emulator: Emulator) -> Iterator[SamReaderDriver]:
    d = SamReaderDriver(emulator.port, timing=FAST, timeout=10.0, poll_s=0.05)
    try:
        yield d
    finally:
        d.close()


def read_error(driver: SamReaderDriver) -> str:
    with pytest.raises(UserFacingError) as exc:
        driver.read()
    return exc.value.code


def test_reads_a_resident_card(emulator, driver):
    emulator.say("place demo")
    result = driver.read()
    d = result.data
    assert d.kind is IdCardKind.RESIDENT and d.name == "张演示" and d.gender_label == "男" and d.nation_label == "汉"
    assert d.id_number.startswith("11010119850615") and d.issuer == "北京市公安局东城分局"
    assert result.warnings == (IdCardErrors.PHOTO_UNAVAILABLE,) and not result.expired
    assert result.backend == "serial" and result.reader == emulator.port
    assert driver.check() == emulator.port


@pytest.mark.parametrize(
    ("card", "kind", "warning"),
    [
        ("long_name", IdCardKind.RESIDENT, None),
        ("expired", IdCardKind.RESIDENT, IdCardErrors.EXPIRED),
        ("rare_char", IdCardKind.RESIDENT, IdCardErrors.RARE_CHARACTER),
        ("bad_number", IdCardKind.RESIDENT, IdCardErrors.NUMBER_INVALID),
        ("hmt", IdCardKind.HMT_RESIDENCE, None),
        ("foreign", IdCardKind.FOREIGN_PERMANENT, None),
    ],
)
def test_card_kinds_and_warnings(emulator, driver, card, kind, warning):
    emulator.say(f"place {card}")
    result = driver.read()
    assert result.data.kind is kind
    expected = {IdCardErrors.PHOTO_UNAVAILABLE} | ({warning} if warning else set())
    assert set(result.warnings) == expected
    if card == "long_name":
        assert len(result.data.name) == 15 and result.data.long_term and len(result.data.address) == 35
    if card == "rare_char":
        assert result.data.display_name == "林□"


def test_the_2023_foreign_card_is_read_on_the_serial_reader(emulator, driver):
    emulator.say("place foreign_2023")
    result = driver.read()
    card = DEMO_CARDS["foreign_2023"]
    assert result.data.kind is IdCardKind.FOREIGN_PERMANENT_2023
    assert (result.data.id_number, result.data.name, result.data.english_name) == (
        card.id_number,
        card.name,
        card.english_name,
    )
    assert set(result.warnings) == {IdCardErrors.PHOTO_UNAVAILABLE}  # its number passes its own check


def test_no_card(emulator, driver):
    assert read_error(driver) == IdCardErrors.NO_CARD


def test_card_removed_during_read(emulator, driver):
    emulator.say("place demo")
    # SAM status, find and select answer normally; the card goes away during 读卡 (SW3 41).
    emulator.say("fault seq ,,,remove_mid_read")
    assert read_error(driver) == IdCardErrors.REMOVED
    assert read_error(driver) == IdCardErrors.NO_CARD  # and it is gone


def test_bad_checksum_is_retried_once_then_reported(emulator, driver):
    emulator.say("place demo")
    emulator.say("fault seq ,,,bad_checksum")
    result = driver.read()
    assert result.attempts == 2 and result.data.name == "张演示"
    emulator.say("fault bad_checksum 8")
    assert read_error(driver) == IdCardErrors.CHECKSUM


def test_garbage_before_frames_is_skipped(emulator, driver):
    emulator.say("place expired")
    emulator.say("fault garbage 4")
    result = driver.read()
    assert result.attempts == 1 and result.expired


def test_truncated_answer_endless_stream_and_silence(emulator, driver):
    emulator.say("place demo")
    emulator.say("fault truncate 8")
    assert read_error(driver) == IdCardErrors.INCOMPLETE
    emulator.say("fault stream 1")
    assert read_error(driver) == IdCardErrors.GARBAGE
    emulator.say("fault silent 1")
    assert read_error(driver) == IdCardErrors.NO_ANSWER
    assert driver.read().data.name == "张演示"  # and the reader works again afterwards


def test_sam_fault(emulator, driver):
    emulator.say("sam bad")
    with pytest.raises(UserFacingError) as exc:
        driver.check()
    assert exc.value.code == IdCardErrors.SAM_FAULT and exc.value.params["sw"] == "60"


def test_unplugged_reader(emulator, driver):
    emulator.say("place demo")
    assert driver.read().data.name
    emulator.stop()  # the pty pair disappears, as a USB-serial adapter pulled out
    assert read_error(driver) in (IdCardErrors.PORT_NOT_FOUND, IdCardErrors.PORT_LOST)


def test_monitoring_reads_each_placed_card_once_and_reports_unplugging(emulator, driver):
    events: queue.Queue = queue.Queue()
    assert driver.start_monitoring(events.put)

    def next_kind() -> IdCardEventKind:
        return events.get(timeout=10).kind

    emulator.say("place demo")
    first = events.get(timeout=10)
    assert first.kind is IdCardEventKind.CARD_READ and first.result.data.name == "张演示"
    emulator.say("remove")
    assert next_kind() is IdCardEventKind.CARD_REMOVED
    emulator.say("place hmt")
    again = events.get(timeout=10)
    assert again.kind is IdCardEventKind.CARD_READ and again.result.data.kind is IdCardKind.HMT_RESIDENCE
    emulator.stop()
    assert next_kind() is IdCardEventKind.READER_LOST
    driver.stop_monitoring()


def run_cli(argv: list[str]) -> int:
    from desktop.cli import cmd_idcard

    parser = argparse.ArgumentParser(prog="tongban")
    cmd_idcard.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["idcard", *argv])
    return args.func(args)


def test_cli_read_json_masked_by_default_and_says_expired(emulator, capsys):
    emulator.say("place expired")
    assert run_cli(["read", "--port", emulator.port, "--json"]) == 0
    text = capsys.readouterr().out
    out = json.loads(text)
    assert "王过期" not in text and "19600229" not in text and "兴庆区演示巷" not in text
    assert out["expired"] is True and out["card"]["expired"] is True and out["card"]["name"] == "王**"
    assert out["photo"] == "not_configured" and "idcard.expired" in out["warnings"]
    assert run_cli(["read", "--port", emulator.port, "--json", "--show-personal"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["card"]["name"] == "王过期" and out["card"]["address"].startswith("宁夏")


def test_cli_read_text_warns_in_chinese(emulator, capsys):
    emulator.say("place expired")
    assert run_cli(["read", "--port", emulator.port]) == 0
    captured = capsys.readouterr()
    assert "状态：已过期" in captured.out and "王**" in captured.out
    assert "证件已过有效期（" in captured.err and "照片不可用" in captured.err


@pytest.mark.parametrize("card", ["hmt", "foreign", "foreign_2023"])
def test_cli_read_masks_every_number_whatever_its_length(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], card: str
) -> None:
    """The 港澳台 通行证号码 (9 characters), the 15-character 2017 永居证 number: none in clear."""
    data = DEMO_CARDS[card]
    emulator.say(f"place {card}")
    assert run_cli(["read", "--port", emulator.port]) == 0
    emulator.say(f"place {card}")  # the reader reads each card once: lay it again
    assert run_cli(["read", "--port", emulator.port, "--json"]) == 0
    out = capsys.readouterr().out
    for number in filter(None, (data.id_number, data.pass_number)):
        assert number not in out
        assert number[-4:] not in out or "*" * (len(number) - 10) in out  # the long ones: 6 + **** + 4
    if card == "hmt":
        assert "通行证号码：H******78" in out and '"pass_number": "H******78"' in out


SDTAPI_C = r"""
#include <string.h>
static unsigned char text_block[256];
static int has_card = 0;
void set_card(const unsigned char *block) { memcpy(text_block, block, 256); has_card = 1; }
int SDT_OpenPort(int port) { return port == 1001 ? 0x90 : 0x01; }
int SDT_ClosePort(int port) { return 0x90; }
int SDT_GetSAMStatus(int port, int open) { return 0x90; }
int SDT_StartFindIDCard(int port, unsigned char *manage, int open) { return has_card ? 0x9F : 0x80; }
int SDT_SelectIDCard(int port, unsigned char *manage, int open) { return 0x90; }
int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_len, unsigned char *photo,
                    unsigned int *photo_len, int open) {
    memcpy(text, text_block, 256); *text_len = 256;
    memset(photo, 0, 1024); *photo_len = 1024;
    return 0x90;
}
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="a C compiler builds the test library")
def test_vendor_library_reads_the_2023_card_and_names_a_wrong_usb_port(tmp_path: Path) -> None:
    """The sdtapi call sequence through ctypes: the 2023 永居证 is parsed there too (the same text
    layout), and a wrong port number is reported as the library's USB/serial port number, not as
    a serial port."""
    import ctypes
    import subprocess

    from desktop.messages import render
    from devices.idcard.text import build_text
    from devices.idcard.vendor import VendorLibraryDriver
    from models.errors import UserFacingError

    source = tmp_path / "sdt.c"
    source.write_text(SDTAPI_C)
    lib = tmp_path / "libsdtapi.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(lib), str(source)], check=True)
    ctypes.CDLL(str(lib)).set_card(build_text(DEMO_CARDS["foreign_2023"]))
    good = VendorLibraryDriver(lib, port=1001, timeout=10)
    try:
        result = good.read()
        assert result.data.kind is IdCardKind.FOREIGN_PERMANENT_2023
        assert result.data.id_number == DEMO_CARDS["foreign_2023"].id_number
        assert IdCardErrors.NUMBER_INVALID not in result.warnings
    finally:
        good.close()
    wrong = VendorLibraryDriver(lib, port=1002, timeout=10)
    try:
        with pytest.raises(UserFacingError) as exc:
            wrong.check()
    finally:
        wrong.close()
    assert exc.value.code == IdCardErrors.LIBRARY_PORT_NOT_FOUND
    text = render(exc.value)
    assert "端口号 1002" in text and "USB" in text and "串口（1002）" not in text
