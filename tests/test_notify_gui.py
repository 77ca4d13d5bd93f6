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


def test_the_intake_form_asks_the_consent_beside_the_phone_and_the_case_keeps_the_text(
    qtbot: QtBot, window: MainWindow, demo_store: Store, screenshots: Path
) -> None:
    """The consent box sits under 联系电话, off by default, reached by Tab and ticked with Space;
    it needs a mobile number; what was ticked is kept with the case, recorded (masked), attached to
    the 受理 message made at submit, queued for the hub, and the exact text is in the case detail."""
    from sqlalchemy import select

    from models.case_lookup import find_case
    from models.orm import AuditEntry, SyncOutbox
    from sync.records import case_record
    from tests.test_case_detail_gui import select_case, show_list
    from tests.test_intake_gui import ime

    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    form = flow.form
    box, error = form.sms_consent, form._consent_error
    assert box is not None and error is not None
    assert box.isVisible() and not box.isChecked() and "短信通知" in box.text()
    phone = form.editors["phone"].widget
    assert phone.hasFocus()
    qtbot.keyClicks(phone, "0854-8198115")  # a 固定电话 is a valid 联系电话 but takes no 短信
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() and error.isVisible() and "11 位手机号码" in error.text()
    assert not form.validate_all() and box.hasFocus()
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(phone, "13800138000")
    assert not error.isVisible()
    with qtbot.waitSignal(form.draft_saved, timeout=10_000) as saved:
        form.save_now()
    assert saved.args[0].sms_consent  # kept on the draft (a power cut loses nothing)
    assert case_by_no(demo_store, saved.args[0].case_no).sms_consent
    assert window.width() <= 1024 and window.height() <= 768
    assert window.grab().save(str(screenshots / "intake_form_sms_consent.png"))

    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter goes on as from the phone field
    address = form.editors["household_address"].widget
    assert address.hasFocus()
    ime(address, "贵州省都匀市演示路1号")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    identity = form.editors["applicant_identity"].widget
    for _ in range(3):
        qtbot.keyClick(identity, Qt.Key.Key_Down)
    qtbot.keyClick(identity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 3, timeout=10_000)
    for key in ("id_document", "registration_form"):
        check = flow.materials.rows[key].check
        check.setFocus()
        qtbot.keyClick(check, Qt.Key.Key_Space)
        idle(qtbot, window)
    with qtbot.waitSignal(flow.document_ready, timeout=15_000):
        last = flow.materials.rows["registration_form"].check
        qtbot.keyClick(last, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page = flow.result
    result = page.result
    assert result is not None and result.message_to == "138****8000"
    assert page.sms_consent.isChecked() and "发送至 138****8000" in page.message.text()

    with demo_store.db.read() as session:
        case = find_case(session, result.case_no)
        assert case.sms_consent and case.sms_phone == "13800138000"
        [note] = case.notifications
        assert note.event == "受理" and note.phone == "13800138000" and note.text == result.message
        said = [e.reason for e in case.events if e.action == "sms_consent"]
        assert said == ["同意短信通知（138****8000）"]
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "case.sms_consent"))
        assert entry is not None and "13800138000" not in entry.detail
        pending = select(SyncOutbox).where(SyncOutbox.case_uuid == case.uuid, SyncOutbox.status == "pending")
        assert session.scalar(pending) is not None
        record = case_record(session, case)
        assert [(n.text, n.phone) for n in record.notifications] == [(note.text, "13800138000")]
        text = note.text

    window.tabs.setCurrentWidget(window.case_desk)
    desk = window.case_desk
    show_list(qtbot, desk, "today")
    select_case(qtbot, desk, result.case_no)
    detail = desk.detail
    detail.tabs.setCurrentIndex(5)
    assert detail.tabs.tabText(5) == "通知 1"
    cells = [detail.messages.source.index(0, c).data() for c in range(5)]
    assert cells[1] == "受理" and cells[2].startswith("发送至 138") and cells[3] == "本站拟定"
    shown = cells[4]
    assert shown == text or shown == text.replace("孙演示", "孙*")  # masked for a role that sees masked data
    assert detail.message_text.isVisible() and detail.message_text.text() == shown + "（本站拟定模板）"
    assert window.width() <= 1024 and window.height() <= 768
    assert window.grab().save(str(screenshots / "case_detail_messages.png"))


def test_the_result_screen_says_why_no_message_was_made(qtbot: QtBot) -> None:
    from desktop.intake.result import ResultPage

    page = ResultPage()
    qtbot.addWidget(page)
    page.show()
    result = SubmitResult(
        "410102-001-20261221-0001", "已受理", dt.date(2027, 1, 11), "不超过15个工作日", False, (),
        phone_on_form=True, message_missing="phone",
    )
    page.show_result(result)
    assert page.message.isVisible() and "未生成通知短信" in page.message.text() and "咨询电话" in page.message.text()
    assert not page.sms_consent.isVisible()
