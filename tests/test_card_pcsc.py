"""The PC/SC driver against a real pcscd, the vpcd virtual readers and the virtual 社保卡.

Nothing is mocked: pyscard talks to pcscd, pcscd to vpcd, vpcd over TCP to the emulator.
"""

from __future__ import annotations

import queue
import subprocess
import sys
import time

import pytest

from devices.card import CardErrors, CardEvent, CardEventKind, CardManager
from devices.card.pcsc import PcscDriver
from devices.card.virtual_card import DEMO_ATR, demo_profile
from models.errors import UserFacingError


@pytest.fixture
def driver():
    d = PcscDriver(timeout=5.0, poll_ms=1000)
    yield d
    d.close()


def next_event(events: queue.Queue[CardEvent], kind: CardEventKind, timeout: float = 10.0) -> CardEvent:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {kind} event within {timeout} s"
        event = events.get(timeout=remaining)
        if event.kind is kind:
            return event


def test_lists_the_vpcd_readers_and_card_presence(driver, card_slots):
    names = [r.name for r in driver.list_readers()]
    assert [s.reader for s in card_slots] == [n for n in names if n.startswith("Virtual PCD")]
    card_slots[1].insert(demo_profile(2))
    by_name = {r.name: r for r in driver.list_readers()}
    assert not by_name[card_slots[0].reader].card_present
    assert by_name[card_slots[1].reader].card_present
    assert by_name[card_slots[1].reader].atr == DEMO_ATR.hex().upper()


def test_reads_a_second_generation_card(driver, card_slots):
    emulator = card_slots[0].insert(demo_profile(2))
    result = driver.read()
    assert result.reader == card_slots[0].reader and result.backend == "pcsc"
    assert result.data.name == "张三" and result.data.ssn == "11010519491231002X"
    assert result.data.card_number == "TB0000001" and result.generation == 2
    assert result.data.atr == DEMO_ATR.hex().upper()
    assert not result.personal_data_requires_authorised_interface
    assert emulator.apdu_count == result.apdu_count  # every APDU really went through pcscd


def test_reads_first_and_third_generation_cards(driver, card_slots):
    card_slots[0].insert(demo_profile(1))
    card_slots[1].insert(demo_profile(3))
    first = driver.read(card_slots[0].reader)
    third = driver.read(card_slots[1].reader)
    assert first.generation == 1 and first.data.name == "张三"
    assert third.generation == 3 and third.personal_data_requires_authorised_interface
    assert third.data.card_number == "TB0000003" and third.data.ssn is None and third.data.name is None


def test_no_card_and_unknown_reader(driver, card_slots):
    with pytest.raises(UserFacingError) as exc:
        driver.read()
    assert exc.value.code == CardErrors.NO_CARD
    card_slots[1].insert(demo_profile(2))
    with pytest.raises(UserFacingError) as exc:
        driver.read(card_slots[0].reader)
    assert exc.value.code == CardErrors.NO_CARD
    with pytest.raises(UserFacingError) as exc:
        driver.read("No Such Reader 00 00")
    assert exc.value.code == CardErrors.READER_NOT_FOUND
    assert driver.read().reader == card_slots[1].reader  # the first reader that holds a card


def test_other_card_is_unsupported(driver, card_slots):
    card_slots[0].insert(demo_profile(2, is_social_security_card=False))
    with pytest.raises(UserFacingError) as exc:
        driver.read()
    assert exc.value.code == CardErrors.UNSUPPORTED


def test_card_pulled_out_mid_read(driver, card_slots):
    card_slots[0].insert(demo_profile(2), remove_after_apdus=6)
    with pytest.raises(UserFacingError) as exc:
        driver.read()
    assert exc.value.code == CardErrors.REMOVED


def test_silent_card_times_out_instead_of_hanging(card_slots):
    card_slots[0].insert(demo_profile(2), response_delay=30.0)
    d = PcscDriver(timeout=0.5)
    try:
        started = time.monotonic()
        with pytest.raises(UserFacingError) as exc:
            d.read()
        assert exc.value.code == CardErrors.TIMEOUT
        assert time.monotonic() - started < 5
    finally:
        card_slots[0].remove()  # unblocks pcscd, then the worker
        d.close()


def test_monitor_reports_insert_read_and_remove_on_several_readers(card_slots):
    events: queue.Queue[CardEvent] = queue.Queue()
    d = PcscDriver(poll_ms=5000)
    try:
        assert d.start_monitoring(events.put)
        added = {next_event(events, CardEventKind.READER_ADDED).reader for _ in card_slots}
        assert added == {s.reader for s in card_slots}
        card_slots[1].insert(demo_profile(3), wait=False)
        assert next_event(events, CardEventKind.CARD_INSERTED).reader == card_slots[1].reader
        read = next_event(events, CardEventKind.CARD_READ)
        assert read.result is not None and read.result.data.card_number == "TB0000003"
        card_slots[0].insert(demo_profile(2), wait=False)
        read = next_event(events, CardEventKind.CARD_READ)
        assert read.reader == card_slots[0].reader and read.result is not None
        assert read.result.data.name == "张三"
        card_slots[1].remove(wait=False)
        assert next_event(events, CardEventKind.CARD_REMOVED).reader == card_slots[1].reader
        # A request while the monitor blocks (poll_ms=5000) is served at once: SCardCancel wakes it.
        started = time.monotonic()
        assert d.read(card_slots[0].reader).data.name == "张三"
        assert time.monotonic() - started < 2.5
    finally:
        d.close()


def test_monitor_reports_a_card_pulled_out_mid_read(card_slots):
    events: queue.Queue[CardEvent] = queue.Queue()
    d = PcscDriver()
    try:
        d.start_monitoring(events.put)
        card_slots[0].insert(demo_profile(2), wait=False, remove_after_apdus=4)
        error = next_event(events, CardEventKind.CARD_ERROR)
        assert error.error is not None and error.error.code == CardErrors.REMOVED
        assert next_event(events, CardEventKind.CARD_REMOVED).reader == card_slots[0].reader
    finally:
        d.close()


def test_manager_picks_pcsc_and_reads(card_slots):
    card_slots[0].insert(demo_profile(2))
    manager = CardManager("auto")
    try:
        assert manager.driver.name == "pcsc"
        assert manager.read().data.card_number == "TB0000001"
    finally:
        manager.close()


def test_no_pcsc_service_is_a_clear_error(tmp_path):
    # A fresh process pointed at a socket where no pcscd listens.
    code = (
        "from devices.card.pcsc import PcscDriver\n"
        "from models.errors import UserFacingError\n"
        "d = PcscDriver(timeout=5)\n"
        "try:\n    d.read()\nexcept UserFacingError as e:\n    print(e.code)\n"
        "finally:\n    d.close()\n"
    )
    env = {"PCSCLITE_CSOCK_NAME": str(tmp_path / "nothing.comm"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30, cwd=str(_root())
    )
    assert out.stdout.strip() == CardErrors.PCSC_UNAVAILABLE, out.stderr


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent
