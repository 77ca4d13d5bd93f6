"""The Qt bridge: events from the PC/SC device thread arrive as signals on the GUI thread."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QThread

from desktop.card_bridge import CardBridge
from desktop.messages import render
from devices.card import CardManager
from devices.card.virtual_card import demo_profile


@pytest.fixture
def bridge(qtbot, pcscd):
    manager = CardManager("pcsc", timeout=5.0)
    b = CardBridge(manager)
    yield b
    b.shutdown()
    manager.close()


def test_insert_fills_and_remove_clears_on_the_gui_thread(qtbot, bridge, card_slots):
    gui_thread = QThread.currentThread()
    seen_threads = []
    bridge.card_read.connect(lambda _r: seen_threads.append(QThread.currentThread()))
    assert bridge.start()
    with qtbot.waitSignal(bridge.card_read, timeout=10_000) as blocker:
        card_slots[0].insert(demo_profile(2), wait=False)
    result = blocker.args[0]
    assert result.data.name == "张三" and result.reader == card_slots[0].reader
    assert seen_threads == [gui_thread]
    with qtbot.waitSignal(bridge.card_removed, timeout=10_000) as blocker:
        card_slots[0].remove(wait=False)
    assert blocker.args == [card_slots[0].reader]


def test_card_pulled_mid_read_gives_a_clean_message(qtbot, bridge, card_slots):
    assert bridge.start()
    with qtbot.waitSignal(bridge.card_error, timeout=10_000) as blocker:
        card_slots[0].insert(demo_profile(2), wait=False, remove_after_apdus=5)
    error = blocker.args[0]
    assert error.code == "card.removed"
    assert "拔出" in render(error)


def test_read_on_request_reports_no_card(qtbot, bridge, card_slots):
    with qtbot.waitSignal(bridge.card_error, timeout=10_000) as blocker:
        bridge.read_now()
    assert blocker.args[0].code == "card.no_card"
    card_slots[1].insert(demo_profile(3))
    with qtbot.waitSignal(bridge.card_read, timeout=10_000) as blocker:
        bridge.read_now(card_slots[1].reader)
    assert blocker.args[0].personal_data_requires_authorised_interface
