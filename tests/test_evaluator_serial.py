"""The evaluator pad drivers on real links: TBEV/1 over a pty pair to a virtual pad in a second
process, and a vendor library built with the C compiler and called through ctypes.

The emulator (devices/evaluator/virtual.py) acknowledges each control line only after it took
effect (``wait`` returns once the driver's request is pending), so nothing here sleeps.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.evaluator import EvaluatorErrors, EvaluatorResult, level_to_rating
from devices.evaluator.protocol import LineSplitter, decode, encode
from devices.evaluator.serial_driver import SerialEvaluator
from models.rating import RATINGS
from tests.virtual_devices import Pad

ROOT = Path(__file__).resolve().parents[1]
posix = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")


@pytest.fixture
def pad() -> Iterator[Pad]:
    p = Pad()
    try:
        yield p
    finally:
        p.stop()


def ask(driver: SerialEvaluator | object, case_no: str = "C-1") -> queue.Queue[EvaluatorResult]:
    answers: queue.Queue[EvaluatorResult] = queue.Queue()
    driver.request(case_no, answers.put)  # type: ignore[attr-defined]
    return answers


def test_level_mapping_onto_the_national_five() -> None:
    assert [level_to_rating(5, k) for k in (5, 4, 3, 2, 1)] == list(RATINGS)
    assert [level_to_rating(3, k) for k in (3, 2, 1)] == ["满意", "基本满意", "不满意"]
    for bad in ((5, 0), (5, 6), (3, 4), (4, 1)):
        with pytest.raises(ValueError):
            level_to_rating(*bad)


@posix
def test_a_key_press_is_the_rating(pad: Pad) -> None:
    driver = SerialEvaluator(pad.port, timeout=30)
    try:
        assert "TONGBAN-VIRTUAL" in driver.check()
        answers = ask(driver, "C-7")
        assert pad.say("wait").startswith("OK pending")
        pad.say("press 2")
        result = answers.get(timeout=10)
        assert (result.ok, result.case_no, result.rating, result.scale, result.level) == (True, "C-7", "不满意", 5, 2)
        pad.say("scale 3")
        pad.say("fault noise")  # noise before the answer is skipped
        pad.say("auto 2")
        result = ask(driver).get(timeout=10)
        assert (result.rating, result.scale) == ("基本满意", 3)
    finally:
        driver.close()


@posix
def test_no_key_within_the_time_is_a_timeout_and_the_pad_is_told(pad: Pad) -> None:
    driver = SerialEvaluator(pad.port, timeout=0.3)
    try:
        result = ask(driver).get(timeout=10)
        assert result.error is not None and result.error.code == EvaluatorErrors.TIMEOUT and not result.ok
        # the driver sent CANCEL: the pad has nothing pending, a late key press is refused
        assert pad.say("auto 5") == "OK auto 5"
        assert ask(driver).get(timeout=10).rating == "非常满意"  # the next request works
    finally:
        driver.close()


@posix
@pytest.mark.parametrize(
    ("fault", "code"),
    [
        ("garbage", EvaluatorErrors.GARBLED),
        ("silent", EvaluatorErrors.NO_ANSWER),
        ("err", EvaluatorErrors.DEVICE_ERROR),
    ],
)
def test_garbage_silence_and_a_fault_report(pad: Pad, fault: str, code: str) -> None:
    driver = SerialEvaluator(pad.port, timeout=30, ack_s=0.5)
    try:
        pad.say(f"fault {fault}")
        result = ask(driver).get(timeout=10)
        assert result.error is not None and result.error.code == code
    finally:
        driver.close()


@posix
def test_unplugged_while_waiting_for_the_key(pad: Pad) -> None:
    driver = SerialEvaluator(pad.port, timeout=30)
    try:
        answers = ask(driver)
        pad.say("wait")
        pad.stop()  # the pty pair disappears, as a USB-serial adapter pulled out
        result = answers.get(timeout=10)
        assert result.error is not None and result.error.code == EvaluatorErrors.PORT_LOST
        result = ask(driver).get(timeout=10)  # and the next request says the port is gone
        assert result.error is not None and result.error.code == EvaluatorErrors.PORT_NOT_FOUND
    finally:
        driver.close()


@posix
def test_a_withdrawn_request_answers_nothing(pad: Pad) -> None:
    driver = SerialEvaluator(pad.port, timeout=30)
    try:
        first = ask(driver, "C-1")
        pad.say("wait")
        second = ask(driver, "C-2")  # the next case replaces the request
        pad.say("wait 2")
        pad.say("press 4")
        assert second.get(timeout=10).rating == "满意"
        assert first.empty()
    finally:
        driver.close()


@given(st.binary(max_size=400))
def test_hostile_bytes_never_crash_the_line_parser(data: bytes) -> None:
    splitter = LineSplitter()
    for line in splitter.feed(data):
        message = decode(line)
        assert message is None or message.verb
    assert len(splitter._buf) <= 128


def test_the_checksum_guards_each_line() -> None:
    line = encode("RATE", 3, 5, 4)
    xor = 0
    for byte in b"RATE 3 5 4":
        xor ^= byte
    assert line == b"RATE 3 5 4*" + f"{xor:02X}".encode() + b"\r\n"
    message = decode(line)
    assert message is not None and message.args == ("3", "5", "4")
    assert decode(line.replace(b"4*", b"5*")) is None
    assert encode("EVAL", 7) == b"EVAL 7*09\r\n" and encode("ACK", 7) == b"ACK 7*5E\r\n"  # docs/devices.md


LIBRARY_C = r"""
static int next_key = 0;
void set_next(int key) { next_key = key; }
int StartEvaluate(int timeout_seconds) { return timeout_seconds > 0 ? next_key : -9; }
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="a C compiler builds the test library")
def test_vendor_library_through_ctypes(tmp_path: Path) -> None:
    import ctypes

    from devices.evaluator.vendor import LibraryEvaluator

    source = tmp_path / "pad.c"
    source.write_text(LIBRARY_C)
    lib = tmp_path / "libpad.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(lib), str(source)], check=True)
    control = ctypes.CDLL(str(lib))  # the same loaded library the driver will call
    three = LibraryEvaluator(str(lib), "StartEvaluate", scale=3, timeout=5)
    try:
        assert three.check().endswith("StartEvaluate")
        for key, rating in ((3, "满意"), (2, "基本满意"), (1, "不满意")):
            control.set_next(key)
            assert ask(three).get(timeout=10).rating == rating
        for key, code in (
            (0, EvaluatorErrors.TIMEOUT),
            (-3, EvaluatorErrors.LIBRARY_CODE),
            (4, EvaluatorErrors.LIBRARY_CODE),
        ):
            control.set_next(key)
            result = ask(three).get(timeout=10)
            assert result.error is not None and result.error.code == code
    finally:
        three.close()
    missing = LibraryEvaluator(str(lib), "NoSuchCall", timeout=5)
    try:
        result = ask(missing).get(timeout=10)
        assert result.error is not None and result.error.code == EvaluatorErrors.LIBRARY_FUNCTION
    finally:
        missing.close()


@posix
def test_cli_checks_and_rates_through_the_pad(pad: Pad, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.main import main

    assert main(["evaluator", "check", "--port", pad.port]) == 0
    assert "评价器正常" in capsys.readouterr().out
    pad.say("scale 3")
    pad.say("auto 1")
    assert main(["evaluator", "rate", "--port", pad.port, "--timeout", "10"]) == 0
    assert "评价：不满意（3 键评价器，第 1 键）" in capsys.readouterr().out
    assert main(["evaluator", "rate", "--port", pad.port, "--timeout", "0.3"]) == 1
    err = capsys.readouterr().err
    # The window's keys (F11 again, F4 the customer screen) mean nothing here: the command says
    # how to try again instead.
    assert "未按评价键" in err and "F11" not in err and "F4" not in err
    assert "tongban evaluator rate" in err
