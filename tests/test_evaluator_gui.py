"""The counter asks the evaluator pad once a case is submitted: a real pty pad in a second
process, the real DB worker. A pad that times out or is unplugged leaves the case as it was and
tells the clerk, in Chinese, how to fall back (F11 again, F4 the customer screen)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.evaluator_bridge import EvaluatorBridge
from devices.evaluator import EvaluatorConfig, EvaluatorManager
from models.intake.submit import SubmitResult
from models.orm import Case
from models.store import Store
from tests.test_evaluator_serial import Pad
from tests.test_intake_gui import (
    choose_item,
    fill_registration_form,
    identify_typed,
    idle,
    window,  # noqa: F401  (the counter, as a fixture)
)

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")


@pytest.fixture
def pad() -> Iterator[Pad]:
    p = Pad()
    try:
        yield p
    finally:
        p.stop()


def submitted_case(demo_store: Store, flow: object) -> str:
    """A submitted, unrated case on the result step, as after Ctrl+Enter."""
    with demo_store.db.read() as session:
        case = session.scalars(select(Case).where(Case.state != "草稿", Case.rating.is_(None)).limit(1)).one()
        case_no, state = case.case_no, case.state
    flow.result.show_result(SubmitResult(case_no, state, None, "", False, ()))  # type: ignore[attr-defined]
    flow._go(4)  # type: ignore[attr-defined]
    return case_no


def rating_of(demo_store: Store, case_no: str) -> tuple[str | None, str | None]:
    with demo_store.db.read() as session:
        case = session.scalars(select(Case).where(Case.case_no == case_no)).one()
        return case.rating, case.rating_channel


def attach(win: MainWindow, port: str, timeout: float) -> EvaluatorBridge:
    bridge = EvaluatorBridge(EvaluatorManager(EvaluatorConfig("serial", port=port, timeout=timeout)), win)
    win.intake.set_device_evaluator(bridge)
    return bridge


def test_the_pad_rates_the_submitted_case(qtbot: QtBot, window: MainWindow, demo_store: Store, pad: Pad) -> None:  # noqa: F811
    flow = window.intake
    bridge = attach(window, pad.port, timeout=30)
    case_no = submitted_case(demo_store, flow)
    flow.ask_device_rating()
    assert "评价器" in flow.result.rating_status.text()
    pad.say("wait")
    with qtbot.waitSignal(flow.rating_saved, timeout=10_000) as blocker:
        pad.say("press 5")
    assert blocker.args == ["非常满意"]
    assert rating_of(demo_store, case_no) == ("非常满意", "device:serial")
    assert "非常满意" in flow.result.rating_status.text()
    bridge.shutdown()


def test_timeout_and_unplug_keep_the_case_and_say_how_to_fall_back(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    demo_store: Store,
    pad: Pad,
) -> None:
    from PySide6.QtCore import Qt

    flow = window.intake
    bridge = attach(window, pad.port, timeout=0.3)
    # A whole case at the keyboard; Ctrl+Enter submits and the pad is asked at once.
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    fill_registration_form(qtbot, window)
    for key in ("id_document", "registration_form"):
        box = flow.materials.rows[key].check
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        idle(qtbot, window)
    with qtbot.waitSignal(bridge.failed, timeout=20_000):
        qtbot.keyClick(
            flow.materials.rows["registration_form"].check, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert flow.result.result is not None
    case_no = flow.result.result.case_no
    text = flow.result.rating_status.text()
    assert "未按评价键" in text and "F4" in text and "F11" in text
    assert rating_of(demo_store, case_no) == (None, None) and flow.step == 4

    bridge.manager.close()
    bridge.manager.config = EvaluatorConfig("serial", port=pad.port, timeout=30)
    with qtbot.waitSignal(bridge.failed, timeout=10_000):
        flow.ask_device_rating()  # F11: asked again
        pad.say("wait")
        pad.stop()  # pulled out while the applicant was choosing
    assert "连接中断" in flow.result.rating_status.text()
    assert rating_of(demo_store, case_no) == (None, None)

    customer = flow.toggle_customer_view()  # F4: the customer screen takes over
    assert customer.case_no == case_no
    customer.show_result("")
    with qtbot.waitSignal(flow.rating_saved, timeout=10_000):
        customer.rate("满意")
    assert rating_of(demo_store, case_no) == ("满意", "screen")
    customer.close()
    bridge.shutdown()
