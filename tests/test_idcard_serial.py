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


#: A stand-in for 华视's libtermb.so (CVR_ prefix), as the vendor's CVR100UD SDK examples call it
#: (docs/devices.md): GBK getters (char *buf, int *len) → 1, GetBMPData with the decoded photo,
#: CVR_Authenticate → 2 with no card; it leaves zp.bmp in its folder as the real one leaves files.
CVR_C = r"""
#include <stdio.h>
#include <string.h>
#define NFIELDS 12
static const char *keys[NFIELDS] = {"GetPeopleName", "GetPeopleChineseName", "GetPeopleSex",
    "GetPeopleNation", "GetNationCode", "GetPeopleBirthday", "GetPeopleAddress", "GetPeopleIDCode",
    "GetDepartment", "GetStartDate", "GetEndDate", "GetCertType"};
static char values[NFIELDS][128];
static unsigned char bmp[40000];
static int bmp_len = 0, has_card = 0, opened = 0;
static char folder[512];
void set_folder(const char *path) { strncpy(folder, path, sizeof folder - 1); }
void set_field(const char *key, const char *value) {
    for (int i = 0; i < NFIELDS; i++) if (!strcmp(keys[i], key)) strncpy(values[i], value, 127);
}
void set_card(int present) { has_card = present; }
void set_bmp(const unsigned char *data, int len) { memcpy(bmp, data, len); bmp_len = len; }
int open_count(void) { return opened; }
int CVR_InitComm(int port) { if (port != 1001) return 0; opened++; return 1; }
int CVR_CloseComm(void) { opened--; return 1; }
int CVR_Authenticate(void) { return has_card ? 1 : 2; }
int CVR_Read_Content(int active) {
    char path[600]; snprintf(path, sizeof path, "%s/zp.bmp", folder);
    FILE *f = fopen(path, "wb"); if (f) { fwrite(bmp, 1, bmp_len, f); fclose(f); }
    return has_card ? 1 : 0;
}
static int get(int i, char *buf, int *len) {
    int n = (int)strlen(values[i]); if (n >= *len) return 0;
    memcpy(buf, values[i], n + 1); *len = n; return 1;
}
int GetPeopleName(char *b, int *l) { return get(0, b, l); }
int GetPeopleChineseName(char *b, int *l) { return get(1, b, l); }
int GetPeopleSex(char *b, int *l) { return get(2, b, l); }
int GetPeopleNation(char *b, int *l) { return get(3, b, l); }
int GetNationCode(char *b, int *l) { return get(4, b, l); }
int GetPeopleBirthday(char *b, int *l) { return get(5, b, l); }
int GetPeopleAddress(char *b, int *l) { return get(6, b, l); }
int GetPeopleIDCode(char *b, int *l) { return get(7, b, l); }
int GetDepartment(char *b, int *l) { return get(8, b, l); }
int GetStartDate(char *b, int *l) { return get(9, b, l); }
int GetEndDate(char *b, int *l) { return get(10, b, l); }
int GetCertType(char *b, int *l) { return get(11, b, l); }
int GetBMPData(unsigned char *b, int *l) {
    if (!bmp_len || bmp_len > *l) return 0; memcpy(b, bmp, bmp_len); *l = bmp_len; return 1;
}
"""


def _tiny_bmp() -> bytes:
    """A 2×2 24-bit BMP standing in for the 102×126 photo (the header is what is checked)."""
    pixels = b"\xff\x00\x00" * 2 + b"\x00\x00" + b"\x00\xff\x00" * 2 + b"\x00\x00"
    header = b"BM" + (54 + len(pixels)).to_bytes(4, "little") + b"\0\0\0\0" + (54).to_bytes(4, "little")
    info = (40).to_bytes(4, "little") + (2).to_bytes(4, "little") + (2).to_bytes(4, "little")
    info += (1).to_bytes(2, "little") + (24).to_bytes(2, "little") + bytes(24)
    return header + info + pixels


@pytest.mark.skipif(shutil.which("cc") is None, reason="a C compiler builds the test library")
def test_a_chinavision_library_with_the_cvr_prefix_reads_cards_and_says_no_card(tmp_path: Path) -> None:
    """华视's termb exports CVR_InitComm…: the driver takes its call sequence and getters (named
    libtermb.so, the file name alone would have chosen the plain termb sequence), fills the same
    value type, shows the photo the library decoded, deletes what the library left on disk, closes
    the port every time, and a missing card is said in Chinese."""
    import ctypes
    import subprocess

    from desktop.messages import render
    from devices.idcard import IdCardConfig, IdCardManager
    from devices.idcard.base import PhotoStatus

    source = tmp_path / "cvr.c"
    source.write_text(CVR_C)
    folder = tmp_path / "vendor"
    folder.mkdir()
    lib_path = folder / "libtermb.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(lib_path), str(source)], check=True)
    fake = ctypes.CDLL(str(lib_path))  # the same loaded copy the driver gets (dlopen shares it)
    fake.set_folder(str(folder).encode())
    card = DEMO_CARDS["demo"]

    def put(key: str, value: str) -> None:
        fake.set_field(key.encode(), value.encode("gbk"))

    for key, value in {
        "GetPeopleName": card.name,
        "GetPeopleSex": "男",
        "GetPeopleNation": "汉",
        "GetNationCode": "01",
        "GetPeopleBirthday": "19850615",
        "GetPeopleAddress": card.address,
        "GetPeopleIDCode": card.id_number,
        "GetDepartment": card.issuer,
        "GetStartDate": "20160301",
        "GetEndDate": "20360301",
        "GetCertType": " ",
    }.items():
        put(key, value)
    bmp = _tiny_bmp()
    fake.set_bmp(bmp, len(bmp))
    manager = IdCardManager(IdCardConfig(backend="library", library=str(lib_path), library_port=1001, timeout=10))
    driver = manager.driver
    try:
        fake.set_card(0)
        with pytest.raises(UserFacingError) as exc:
            driver.read()
        assert exc.value.code == IdCardErrors.NO_CARD
        assert render(exc.value) == "读卡区没有身份证。请将证件平放在阅读器感应区上。"
        assert driver.name == "cvr" and fake.open_count() == 0  # closed after the failure too

        fake.set_card(1)
        result = driver.read()
        data = result.data
        assert (data.kind, data.name, data.gender_label, data.nation_label) == (
            IdCardKind.RESIDENT,
            "张演示",
            "男",
            "汉",
        )
        assert (data.id_number, data.birth_date, data.valid_until) == (
            card.id_number,
            card.birth_date,
            card.valid_until,
        )
        assert data.address == card.address and data.issuer == card.issuer
        assert result.photo_status is PhotoStatus.DECODED and result.photo_bmp == bmp
        assert result.warnings == () and result.backend == "cvr"
        assert not (folder / "zp.bmp").exists() and fake.open_count() == 0

        # a 2023 永居证: the marker Y, the Chinese name apart from the English one, no gender guessed
        foreign = DEMO_CARDS["foreign_2023"]
        put("GetCertType", "Y")
        put("GetPeopleChineseName", foreign.name)
        put("GetPeopleName", foreign.english_name)
        put("GetPeopleIDCode", foreign.id_number)
        put("GetPeopleSex", "女")
        put("GetNationCode", "USA")
        put("GetPeopleBirthday", "19800202")
        put("GetEndDate", "长期")
        result = driver.read()
        data = result.data
        assert (data.kind, data.name, data.english_name) == (
            IdCardKind.FOREIGN_PERMANENT_2023,
            foreign.name,
            foreign.english_name,
        )
        assert (data.nationality, data.gender_label, data.long_term, data.address) == ("USA", "女", True, "")
        assert IdCardErrors.NUMBER_INVALID not in result.warnings

        # a character GBK cannot carry comes back as "?": shown as □ for the clerk to type
        put("GetCertType", " ")
        put("GetPeopleName", "林?")
        put("GetPeopleIDCode", DEMO_CARDS["rare_char"].id_number)
        put("GetPeopleBirthday", "19901203")
        put("GetEndDate", "20350701")
        result = driver.read()
        assert result.data.unreadable_name_positions == (1,) and IdCardErrors.RARE_CHARACTER in result.warnings
    finally:
        driver.close()
    wrong = IdCardManager(IdCardConfig(backend="library", library=str(lib_path), library_port=1002, timeout=10))
    other = wrong.driver
    try:
        with pytest.raises(UserFacingError) as exc:
            other.check()
        assert exc.value.code == IdCardErrors.LIBRARY_PORT_NOT_FOUND
    finally:
        other.close()
