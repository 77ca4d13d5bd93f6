"""The counter driven as a clerk would: keyboard only, real DB worker, virtual card, scanner gun."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.demo import demo_id_number
from models.orm import Case
from models.store import Store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.main_window import MainWindow
    from models.lifecycle import Action

NEW_ID = demo_id_number("19900101", "616")
TOKEN = "4243754826492874240001130000"


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    human = iter(range(0, 10**9, 150))  # the clerk types at a person's pace, not a gun's
    win.scanner._clock_ms = lambda: float(next(human))
    yield win
    if win.intake.preview is not None:
        win.intake.preview.close()
    idle(qtbot, win)
    win.close()


def ime(widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method (QTest cannot type non-ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def idle(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)


def identify_typed(qtbot: QtBot, win: MainWindow, number: str = NEW_ID, name: str = "孙演示") -> None:
    flow = win.intake
    edit = flow.identify.id_edit
    edit.setFocus()
    qtbot.keyClicks(edit, number)
    idle(qtbot, win)
    assert "校验通过" in flow.identify.id_message.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    if flow.identify.name_edit.hasFocus():
        ime(flow.identify.name_edit, name)
        qtbot.keyClick(flow.identify.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 1)


def choose_item(qtbot: QtBot, win: MainWindow, text: str) -> None:
    flow = win.intake
    qtbot.keyClicks(flow.chooser.search, text)
    qtbot.keyClick(flow.chooser.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 2, timeout=10_000)


def fill_registration_form(qtbot: QtBot, win: MainWindow) -> None:
    """城乡居民参保登记: name, ID, birth date come from the identity; type the rest, Enter between."""
    flow = win.intake
    form = flow.form
    phone = form.editors["phone"].widget
    assert phone.hasFocus()  # first empty required field
    qtbot.keyClicks(phone, "13800138000")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    address = form.editors["household_address"].widget
    assert address.hasFocus()
    ime(address, "贵州省都匀市演示路1号")
    qtbot.keyClick(address, Qt.Key.Key_Return)
    identity = form.editors["applicant_identity"].widget
    assert identity.hasFocus()
    for _ in range(3):  # "" → 中小学儿童 → 大学生 → 无业成年人
        qtbot.keyClick(identity, Qt.Key.Key_Down)
    assert form.editors["applicant_identity"].text() == "无业成年人"
    # Enter skips the optional fields (财政补助对象, 委托办理: Tab reaches them) and, with every
    # required field filled, goes on to the materials.
    qtbot.keyClick(identity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 3, timeout=10_000)


def case_by_no(store: Store, case_no: str) -> Case:
    with store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None
        case.field_map()
        return case


def test_keyboard_only_intake_from_typed_id_to_accepted_case_with_receipt(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")  # 城乡居民参保登记 by pinyin initials
    assert flow.item is not None and flow.item.code == "002036001003"
    assert flow.form.editors["id_number"].text() == NEW_ID
    assert flow.form.editors["id_type"].text() == "身份证"
    fill_registration_form(qtbot, window)

    checklist = flow.materials
    assert set(checklist.rows) >= {"id_document", "registration_form"}
    assert not checklist.rows["proxy_documents"].check.isEnabled()  # 委托办理 = 否
    first, second = (checklist.rows[k].check for k in ("id_document", "registration_form"))
    gap = second.mapTo(checklist, first.rect().topLeft()).y() - first.mapTo(checklist, first.rect().topLeft()).y()
    assert 0 < gap < 3 * first.height()  # the rows packed at the top, not spread over the page
    for key in ("id_document", "registration_form"):
        box = checklist.rows[key].check
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        idle(qtbot, window)
    assert checklist.summary.text() == "材料齐全。"
    with qtbot.waitSignal(flow.document_ready, timeout=15_000) as ready:
        last = checklist.rows["registration_form"].check
        qtbot.keyClick(last, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert flow.step == 4
    assert ready.args[0].kind == "receipt" and ready.args[0].pdf.startswith(b"%PDF")
    result = flow.result.result
    assert result is not None
    # A 即办件 the demo township may not approve: forwarded, and the screen promises no 即时办结.
    assert result.accepted and result.forwarded and result.promised_date is None
    assert "由上级经办机构办理" in flow.result.deadline.text() and "即时办结" not in flow.result.deadline.text()

    case = case_by_no(demo_store, result.case_no)
    assert case.state.value == "已转报"
    assert case.promised_date is None
    values = case.field_map()
    assert values["phone"] == "13800138000" and values["applicant_identity"] == "无业成年人"

    qtbot.keyClick(flow.result.preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible())
    assert flow.preview is not None and flow.preview.page_labels


def test_missing_material_gives_one_time_notice_and_supplement(
    qtbot: QtBot, window: MainWindow, demo_store: Store, screenshots: Path
) -> None:
    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "002036001003")
    fill_registration_form(qtbot, window)
    box = flow.materials.rows["id_document"].check
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    idle(qtbot, window)
    assert "尚缺1项" in flow.materials.summary.text()
    # Submitting asks first: nothing is returned for 补正 silently (issue 15 item 5).
    assert flow.submit_button.isVisible() and flow.back_button.isVisible()
    qtbot.mouseClick(flow.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.question is not None and flow.question.isVisible())
    question = flow.question
    assert question is not None
    assert not question.deficiency.isVisible()  # the 参保登记表 allows no 容缺
    question.grab().save(str(screenshots / "intake_missing_question.png"))
    assert "参保登记表" in question.findChildren(type(flow.message))[0].text()
    qtbot.mouseClick(question.back, Qt.MouseButton.LeftButton)  # back: still a draft
    assert flow.step == 3
    assert flow.draft is not None
    assert case_by_no(demo_store, flow.draft.case_no).state.value == "草稿"
    flow.next_step()
    qtbot.waitUntil(lambda: flow.question is not None and flow.question.isVisible())
    assert flow.question is not None
    with qtbot.waitSignal(flow.document_ready, timeout=15_000) as ready:
        qtbot.mouseClick(flow.question.supplement, Qt.MouseButton.LeftButton)
    assert ready.args[0].kind == "missing-notice"
    result = flow.result.result
    assert result is not None
    assert result.state == "退回补正" and "参保登记表" in result.missing[0]
    assert "一次性告知" in flow.result.missing.text()
    assert case_by_no(demo_store, result.case_no).state.value == "退回补正"


def test_duplicate_guard_warns_of_an_open_case_for_the_same_item(qtbot: QtBot, window: MainWindow) -> None:
    flow = window.intake
    identify_typed(qtbot, window, demo_id_number("20190120", "303"))  # 张演示: 城乡居民参保登记 accepted
    assert flow.identify.name_edit.text() == "" or flow.step == 1
    assert flow.identify.history_list.count() >= 1
    qtbot.keyClicks(flow.chooser.search, "002036001003")
    qtbot.waitUntil(lambda: "重复办理提醒" in flow.chooser.warning.text())
    assert "有未办结办件" in flow.chooser.list.currentItem().text()


def test_bad_input_shows_chinese_message_and_nothing_wrong_is_accepted(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    flow = window.intake
    edit = flow.identify.id_edit
    edit.setFocus()
    qtbot.keyClicks(edit, NEW_ID[:-1] + ("0" if NEW_ID[-1] != "0" else "1"))
    assert "校验位不正确" in flow.identify.id_message.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert flow.step == 0
    edit.clear()
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "002036001003")
    phone = flow.form.editors["phone"].widget
    qtbot.keyClicks(phone, "12345")
    assert "手机号码" in flow.form.errors["phone"].text()
    flow.next_step()
    assert flow.step == 2 and phone.hasFocus()
    idle(qtbot, window)
    assert flow.draft is not None
    case_no = flow.draft.case_no
    assert case_by_no(demo_store, case_no).state.value == "草稿"


def test_autosave_then_reopen_restores_the_draft(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "002036001003")
    assert flow.draft is not None
    case_no = flow.draft.case_no
    with qtbot.waitSignal(flow.form.draft_saved, timeout=10_000):
        ime(flow.form.editors["household_address"].widget, "贵州省都匀市演示路2号")
    assert case_by_no(demo_store, case_no).field_map()["household_address"] == "贵州省都匀市演示路2号"

    flow.restart()  # the counter moves on (or the power went)
    window.case_desk.filter_box.setCurrentIndex(window.case_desk.filter_box.findData("draft"))
    with qtbot.waitSignal(flow.draft_opened, timeout=10_000):
        window.resume_draft(case_no)
    assert flow.form.editors["household_address"].text() == "贵州省都匀市演示路2号"
    assert flow.form.editors["name"].text() == "孙演示"


def test_scanner_gun_burst_is_kept_as_pending_evoucher(qtbot: QtBot, window: MainWindow) -> None:
    flow = window.intake
    ticks = iter(range(0, 10_000, 4))
    window.scanner._clock_ms = lambda: float(next(ticks))
    edit = flow.identify.id_edit
    edit.setFocus()
    with qtbot.waitSignal(window.scanner.qr_decoded, timeout=5_000):
        qtbot.keyClicks(edit, TOKEN)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == ""  # the burst did not land in the ID field
    assert "待联网核验" in flow.identify.evoucher_label.text()
    assert TOKEN not in flow.identify.evoucher_label.text()  # masked


def test_virtual_card_insert_fills_the_identify_panel(qtbot: QtBot, demo_store: Store) -> None:
    from desktop.main_window import MainWindow
    from devices.card import CardManager

    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", card_manager=CardManager("virtual"))
    qtbot.addWidget(win)
    win.show()
    panel = win.intake.identify
    qtbot.waitUntil(lambda: panel.id_edit.text() == "11010519491231002X", timeout=10_000)
    assert panel.name_edit.text() == "张三"
    # The derived gender comes from the ID number (the demo card's gender record says 1/男, its
    # GB 11643 sample number is a woman's); the number is what the case records.
    assert "1949-12-31" in panel.derived.text() and "北京市" in panel.derived.text()
    assert "卡号" in panel.card_label.text()
    win.close()


def test_case_desk_actions_respect_level_and_need_reasons(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    desk = window.case_desk
    bar = window.desk_actions
    window.tabs.setCurrentWidget(desk)
    desk.filter_box.setCurrentIndex(desk.filter_box.findData("draft"))
    idle(qtbot, window)
    qtbot.waitUntil(lambda: desk.table.source.rowCount() > 0)
    assert all(desk.table.source.row_data(i)["state"] == "草稿" for i in range(desk.table.source.rowCount()))
    desk.table.selectRow(0)
    qtbot.waitUntil(lambda: bar.buttons[_action("REFUSE")].isEnabled(), timeout=10_000)
    assert not bar.buttons[_action("APPROVE")].isEnabled()
    case_no = bar.case_no
    assert case_no is not None
    bar.buttons[_action("REFUSE")].click()
    assert "需要填写原因" in bar.message.text()
    ime(bar.reason, "不属于本服务点受理范围")
    with qtbot.waitSignal(bar.action_done, timeout=10_000):
        bar.buttons[_action("REFUSE")].click()
    assert case_by_no(demo_store, case_no).state.value == "不予受理"


def _action(name: str) -> Action:
    from models.lifecycle import Action

    return Action[name]


def test_screenshots_of_the_counter_screens(qtbot: QtBot, window: MainWindow, screenshots: Path) -> None:
    flow = window.intake
    window.resize(1200, 760)
    edit = flow.identify.id_edit
    edit.setFocus()
    qtbot.keyClicks(edit, demo_id_number("20190120", "303"))
    idle(qtbot, window)
    qtbot.waitUntil(lambda: flow.identify.history_list.count() > 0)
    assert window.grab().save(str(screenshots / "intake_identify.png"))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 1)
    qtbot.keyClicks(flow.chooser.search, "cxjm")
    idle(qtbot, window)
    assert window.grab().save(str(screenshots / "intake_item_chooser.png"))
    flow.chooser.search.clear()
    qtbot.keyClicks(flow.chooser.search, "002036006001")  # 门(急)诊费用报销: conditions, 容缺
    qtbot.keyClick(flow.chooser.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 2, timeout=10_000)
    form = flow.form
    qtbot.keyClicks(form.editors["phone"].widget, "1380013")
    ime(form.editors["business_type"].widget, "门诊费用报销")
    assert window.grab().save(str(screenshots / "intake_form.png"))
    form.editors["phone"].widget.clear()
    qtbot.keyClicks(form.editors["phone"].widget, "13800138000")
    ime(form.editors["materials_detail"].widget, "收费票据3张")
    qtbot.keyClicks(form.editors["bank_account"].widget, "6222020200112233446")
    ime(form.editors["bank_name"].widget, "工商银行都匀分行")
    form.editors["accidental_injury"].set_text("是")
    flow.go_materials()
    qtbot.waitUntil(lambda: flow.step == 3, timeout=10_000)
    assert "accident_proof" in flow.materials.rows
    flow.materials.rows["id_document" if "id_document" in flow.materials.rows else "id_credential"].check.click()
    idle(qtbot, window)
    customer = flow.toggle_customer_view()
    idle(qtbot, window)
    assert window.grab().save(str(screenshots / "intake_materials.png"))
    customer.resize(900, 640)
    customer.show_result("状态：已受理    承诺办结日期：示例")
    assert customer.grab().save(str(screenshots / "customer_view.png"))
    with qtbot.waitSignal(flow.rating_saved, timeout=10_000):
        customer.rate("非常满意")
    customer.close()

    desk = window.case_desk
    window.tabs.setCurrentWidget(desk)
    desk.filter_box.setCurrentIndex(desk.filter_box.findData("open"))
    idle(qtbot, window)
    desk.table.selectRow(1)
    qtbot.waitUntil(lambda: window.desk_actions.buttons[_action("REFUSE")].isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: "办理过程" in desk.detail.toPlainText())
    assert window.grab().save(str(screenshots / "case_desk_actions.png"))


def test_id_card_reader_typing_an_id_number_is_taken_as_one(qtbot: QtBot, window: MainWindow) -> None:
    """A keyboard-style ID card reader types the 18 digits and Enter in a burst, into the ID field."""
    flow = window.intake
    ticks = iter(range(0, 10_000, 4))
    window.scanner._clock_ms = lambda: float(next(ticks))
    edit = flow.identify.id_edit
    edit.setFocus()
    with qtbot.waitSignal(window.scanner.qr_decoded, timeout=5_000):
        qtbot.keyClicks(edit, NEW_ID)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    idle(qtbot, window)
    assert edit.text() == NEW_ID  # kept, not cleared as a bad e-voucher
    assert "校验通过" in flow.identify.id_message.text()
    assert "读入公民身份号码" in flow.identify.message.text()
    assert "电子凭证" not in flow.identify.message.text()
    assert flow.identify.name_edit.hasFocus()  # the name comes next
    ime(flow.identify.name_edit, "孙演示")
    with qtbot.waitSignal(flow.identify.identified, timeout=5_000) as blocker:
        qtbot.keyClick(flow.identify.name_edit, Qt.Key.Key_Return)
    identity = blocker.args[0]
    assert identity.id_number == NEW_ID and identity.identified_by == "keyboard_reader"


def test_old_15_digit_id_from_a_device_or_typed_becomes_18_digits(qtbot: QtBot, window: MainWindow) -> None:
    flow = window.intake
    ticks = iter(range(0, 10_000, 4))
    window.scanner._clock_ms = lambda: float(next(ticks))
    name = flow.identify.name_edit
    name.setFocus()  # the burst lands in the wrong field: it goes where it belongs
    qtbot.waitUntil(name.hasFocus)
    with qtbot.waitSignal(window.scanner.qr_decoded, timeout=5_000):
        qtbot.keyClicks(name, "110105491231002")
        qtbot.keyClick(name, Qt.Key.Key_Return)
    idle(qtbot, window)
    assert name.text() == ""
    assert flow.identify.id_edit.text() == "11010519491231002X"
    assert "升为18位" in flow.identify.message.text()
    assert "11010519491231002X" in flow.identify.message.text()

    flow.restart()
    human = iter(range(0, 10**9, 150))
    window.scanner._clock_ms = lambda: float(next(human))
    edit = flow.identify.id_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "110105491231002")
    assert "按 Enter 升为18位" in flow.identify.id_message.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    idle(qtbot, window)
    assert edit.text() == "11010519491231002X"
    assert "升为18位" in flow.identify.message.text()
    assert "校验通过" in flow.identify.id_message.text()


def test_customer_screen_full_data_no_focus_taken_and_a_bad_rating_with_its_reason(
    qtbot: QtBot, window: MainWindow, demo_store: Store, screenshots: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    fill_registration_form(qtbot, window)
    box = flow.materials.rows["id_document"].check
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    idle(qtbot, window)
    # Opening the customer screen mid-case leaves the keyboard where the clerk was.
    focused = QApplication.focusWidget()
    assert focused is flow.materials.rows["registration_form"].check  # Space ticks and moves on
    customer = flow.toggle_customer_view()
    qtbot.waitExposed(customer)
    idle(qtbot, window)
    assert QApplication.focusWidget() is focused
    assert NEW_ID in customer.applicant.text()  # the applicant's own data, in full, to check
    shown = [customer.checks.item(i).text() for i in range(customer.checks.count())]
    assert any("13800138000" in line for line in shown)
    reg = flow.materials.rows["registration_form"].check
    reg.setFocus()
    qtbot.keyClick(reg, Qt.Key.Key_Space)
    idle(qtbot, window)
    with qtbot.waitSignal(flow.document_ready, timeout=15_000):
        qtbot.keyClick(reg, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert flow.result.result is not None
    case_no = flow.result.result.case_no
    clerk_focus = QApplication.focusWidget()
    assert clerk_focus is not None and clerk_focus.window() is window
    # 不满意 asks why before anything is stored.
    assert customer.buttons["不满意"].isEnabled()
    qtbot.mouseClick(customer.buttons["不满意"], Qt.MouseButton.LeftButton)
    assert customer.reason_panel.isVisible() and next(iter(customer.reason_buttons)) == "等候时间长"
    qtbot.mouseClick(customer.send_button, Qt.MouseButton.LeftButton)
    assert "请选择一个原因" in customer.thanks.text()
    assert case_by_no(demo_store, case_no).rating is None
    assert QApplication.focusWidget() is clerk_focus and window.isActiveWindow()
    qtbot.mouseClick(customer.reason_buttons["办理时间长"], Qt.MouseButton.LeftButton)
    customer.resize(1366, 768)
    assert customer.grab().save(str(screenshots / "customer_view_bad_rating.png"))
    qtbot.mouseClick(customer.comment, Qt.MouseButton.LeftButton)  # the applicant writes a line
    assert customer.accepts_keyboard
    qtbot.waitUntil(customer.comment.hasFocus, timeout=5_000)
    ime(customer.comment, "等了很久")
    with qtbot.waitSignal(flow.rating_saved, timeout=10_000):
        qtbot.keyClick(customer.comment, Qt.Key.Key_Return)
    assert "感谢您的评价" in customer.thanks.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is clerk_focus, timeout=5_000)  # keyboard back
    case = case_by_no(demo_store, case_no)
    assert (case.rating, case.rating_reason, case.rating_channel) == ("不满意", "办理时间长", "screen")
    assert case.rating_comment == "等了很久" and not customer.accepts_keyboard
    assert not any(b.isEnabled() for b in customer.buttons.values())  # one rating per service

    # The desk lists it until the follow-up (整改) is recorded.
    desk = window.case_desk
    window.tabs.setCurrentWidget(desk)
    desk.filter_box.setCurrentIndex(desk.filter_box.findData("bad_rating"))
    idle(qtbot, window)
    qtbot.waitUntil(lambda: desk.table.model().rowCount() == 1, timeout=10_000)
    desk.table.selectRow(0)
    bar = window.desk_actions
    qtbot.waitUntil(lambda: bar.follow_up.isEnabled(), timeout=10_000)
    window.resize(1366, 768)
    assert window.grab().save(str(screenshots / "case_desk_bad_ratings.png"))
    bar.reason.setText("已向申请人说明办理时限，并优化流程")
    bar.follow_up.click()
    idle(qtbot, window)
    assert case_by_no(demo_store, case_no).rating_followup_note == "已向申请人说明办理时限，并优化流程"
    qtbot.waitUntil(lambda: desk.table.model().rowCount() == 0, timeout=10_000)  # off the list
    customer.close()


def test_a_pad_rating_is_stored_and_a_bad_one_asked_about_on_the_open_customer_screen(
    qtbot: QtBot, window: object, demo_store: Store
) -> None:
    """The devices issue's EvaluatorBridge.rated(case_no, level) goes to IntakeFlow._rated."""
    flow = window.intake  # type: ignore[attr-defined]
    with demo_store.db.read() as session:
        first, second = [c.case_no for c in session.scalars(select(Case).where(Case.state != "草稿").limit(2))]
    with qtbot.waitSignal(flow.rating_saved, timeout=10_000):
        flow._rated(first, "满意")
    assert case_by_no(demo_store, first).rating_channel == "device"
    customer = flow.toggle_customer_view()
    flow._rated(second, "不满意")  # the screen is open: it asks why
    assert customer.reason_panel.isVisible() and case_by_no(demo_store, second).rating is None
    qtbot.mouseClick(customer.reason_buttons["等候时间长"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(flow.rating_saved, timeout=10_000):
        qtbot.mouseClick(customer.send_button, Qt.MouseButton.LeftButton)
    assert case_by_no(demo_store, second).rating_reason == "等候时间长"
    customer.close()


def test_a_keyboard_reader_typing_a_2017_permanent_resident_number_is_taken_as_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A keyboard-style reader types a 2017 外国人永久居留身份证 number (3 letters + 12 digits): it
    goes to the identify step and through that card's own check, not GB 11643's."""
    flow = window.intake
    ticks = iter(range(0, 10_000, 4))
    window.scanner._clock_ms = lambda: float(next(ticks))
    edit = flow.identify.id_edit
    edit.setFocus()
    with qtbot.waitSignal(window.scanner.qr_decoded, timeout=5_000):
        qtbot.keyClicks(edit, "USA117501010010")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    idle(qtbot, window)
    assert edit.text() == "USA117501010010"
    assert flow.identify.id_message.text() == "外国人永久居留身份证号码校验通过"
    assert "1975-01-01" in flow.identify.derived.text() and "USA" in flow.identify.derived.text()
    assert flow.identify.name_edit.hasFocus()
