"""Issue 18 on the counter screens: after submit the clerk sees the 消息推送 made for the case (a
composed template marked so) and records the applicant's 短信 consent with one key; the case detail
shows a provisional promised date and the last message. The window stays 1024×768."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.intake.submit import SubmitResult
from models.store import Store
from tests.test_intake_gui import case_by_no, choose_item, fill_registration_form, identify_typed, idle, window

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

__all__ = ["window"]  # the fixture, shared with tests/test_intake_gui.py


def test_the_result_screen_shows_the_message_and_takes_the_consent(
    qtbot: QtBot, window: MainWindow, demo_store: Store, screenshots: Path
) -> None:
    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    fill_registration_form(qtbot, window)
    for key in ("id_document", "registration_form"):
        box = flow.materials.rows[key].check
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        idle(qtbot, window)
    with qtbot.waitSignal(flow.document_ready, timeout=15_000):
        last = flow.materials.rows["registration_form"].check
        qtbot.keyClick(last, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page = flow.result
    result = page.result
    assert result is not None and result.message and result.message_composed and not result.message_to
    assert page.message.isVisible() and "申请人未同意短信" in page.message.text()
    assert "［本站拟定模板］" in page.message.text() and "已受理" in page.message.text()
    assert page.sms_consent.isVisible() and not page.sms_consent.isChecked()

    page.sms_consent.setFocus()
    qtbot.keyClick(page.sms_consent, Qt.Key.Key_Space)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: "138****8000" in page.message.text(), timeout=10_000)
    case = case_by_no(demo_store, result.case_no)
    assert case.sms_consent and case.sms_phone == "13800138000"
    with demo_store.db.read() as session:
        from models.case_lookup import find_case

        kept = find_case(session, result.case_no).notifications
        assert kept[-1].phone == "13800138000" and kept[-1].text == result.message
    assert window.width() <= 1024 and window.height() <= 768
    assert page.print_set.isVisible() and page.new.isVisible()
    assert window.grab().save(str(screenshots / "intake_result_message.png"))


def test_the_provisional_date_is_said_on_the_result_screen(qtbot: QtBot) -> None:
    from desktop.intake.result import ResultPage

    page = ResultPage()
    qtbot.addWidget(page)
    page.show()
    result = SubmitResult(
        "522701-001-20261221-0001", "已受理", dt.date(2027, 1, 11), "不超过15个工作日", False, (),
        provisional=True, message="【演示镇医保服务站】…", message_composed=True, message_to="138****8000",
        phone_on_form=True,
    )
    page.show_result(result)
    assert "如遇法定节假日顺延" in page.deadline.text() and "2027年节假日安排未到" in page.deadline.text()
    assert "发送至 138****8000" in page.message.text() and page.sms_consent.isChecked()
