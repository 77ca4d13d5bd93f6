"""The desk and the counter's questions (issue 15, items 11 and 13): keys that do what their
hints say, a second draft of the same item, F2 while a case is being typed, the applicant's
name on every step, F1 help in the interface language."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models.orm import Case
from models.store import Store
from tests.qt_helpers import application
from tests.test_intake_gui import choose_item, identify_typed, idle

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    human = iter(range(0, 10**9, 150))  # typed at a person's pace, not a scanner gun's
    win.scanner._clock_ms = lambda: float(next(human))
    yield win
    idle(qtbot, win)
    win.close()


def _alt_keys(window: Any, root: Any) -> list[str]:
    """Every Alt+ key reachable while ``root`` is on screen: menu mnemonics, label buddies,
    button and QShortcut keys."""
    keys = []
    for action in window.menuBar().actions():
        found = re.search(r"&(\w)", action.text())
        if found:
            keys.append(f"Alt+{found.group(1).upper()}")
    sequences = [s.key() for s in root.findChildren(QShortcut)]
    sequences += [b.shortcut() for b in root.findChildren(QAbstractButton)]
    keys += [q.toString() for q in sequences if q.toString().startswith("Alt+")]
    for label in root.findChildren(QLabel):
        found = re.search(r"&(\w)", label.text())
        if found and label.buddy() is not None:
            keys.append(f"Alt+{found.group(1).upper()}")
    return keys


def test_desk_search_key_is_the_one_its_hint_shows_and_no_alt_key_does_two_things(qtbot: QtBot, window: Any) -> None:
    desk = window.case_desk
    window.tabs.setCurrentWidget(desk)
    assert "(Ctrl+F)" in desk.search.placeholderText()
    keys = _alt_keys(window, desk)
    assert "Alt+S" in keys  # the 同步 menu's
    twice = [k for k, n in Counter(keys).items() if n > 1]
    assert twice == []
    window.activateWindow()
    qtbot.waitActive(window)
    desk.table.setFocus()
    qtbot.keyClick(desk.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is desk.search


def _question(qtbot: QtBot, flow: Any) -> QMessageBox:
    qtbot.waitUntil(lambda: flow.question is not None and flow.question.isVisible())
    return flow.question


def _click(qtbot: QtBot, box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _drafts(store: Store, item_code: str) -> list[str]:
    with store.db.read() as session:
        return list(
            session.scalars(
                select(Case.case_no).where(Case.item_code == item_code, Case.state == "草稿").order_by(Case.id)
            )
        )


def test_f2_says_the_case_stays_a_draft_and_a_second_draft_of_the_item_is_asked_for(
    qtbot: QtBot, window: Any, demo_store: Store
) -> None:
    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")  # 城乡居民参保登记
    first = flow.draft.case_no
    assert _drafts(demo_store, "002036001003").count(first) == 1
    # The clerk sees whose case this is on every step after the item.
    assert flow.case_label.isVisible() and "孙演示" in flow.case_label.text() and first in flow.case_label.text()

    # F2 in the middle of the form: asked, and 继续办理 keeps the case on screen.
    window.new_intake()
    box = _question(qtbot, flow)
    assert first in box.text() and "草稿" in box.text()
    _click(qtbot, box, "继续办理当前办件")
    assert flow.step == 2 and flow.draft.case_no == first
    window.new_intake()
    _click(qtbot, _question(qtbot, flow), "保留草稿，开始新办件")
    qtbot.waitUntil(lambda: flow.step == 0)
    assert not flow.case_label.isVisible()

    # The same person and item again: the existing draft is offered first.
    identify_typed(qtbot, window)
    qtbot.keyClicks(flow.chooser.search, "cxjmcbdj")
    qtbot.keyClick(flow.chooser.search, Qt.Key.Key_Return)
    box = _question(qtbot, flow)
    assert first in box.text()
    assert box.defaultButton().text() == "继续填写草稿"
    _click(qtbot, box, "继续填写草稿")
    qtbot.waitUntil(lambda: flow.step == 2 and flow.draft is not None and flow.draft.case_no == first)
    idle(qtbot, window)
    before = _drafts(demo_store, "002036001003")
    assert before.count(first) == 1

    # Asked again, the clerk starts a second one on purpose.
    window.new_intake()
    _click(qtbot, _question(qtbot, flow), "保留草稿，开始新办件")
    identify_typed(qtbot, window)
    qtbot.keyClicks(flow.chooser.search, "cxjmcbdj")
    qtbot.keyClick(flow.chooser.search, Qt.Key.Key_Return)
    _click(qtbot, _question(qtbot, flow), "另起新办件")
    qtbot.waitUntil(lambda: flow.step == 2 and flow.draft is not None and flow.draft.case_no != first)
    idle(qtbot, window)
    assert len(_drafts(demo_store, "002036001003")) == len(before) + 1
    with demo_store.db.read() as session:
        assert session.scalar(select(func.count(Case.id)).where(Case.case_no == first)) == 1


def test_f1_opens_the_guide_and_the_shortcut_keys(qtbot: QtBot, window: Any) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog.isVisible()
    text = dialog.text.toPlainText()
    assert "操作指南" in text and "快捷键" in text
    keys = [keys for keys, _what in dialog.shortcuts]
    assert ("F2", "新办件") in dialog.shortcuts  # the menu's name, without its "(&N)"
    # The menu keys come from the window's own actions: F1, F2, F3, F9, Ctrl+0 …
    for key in ("F1", "F2", "F3", "F9", "Ctrl+F", "Ctrl+Enter", "Alt+1 … Alt+0"):
        assert key in keys, key
    assert all(QKeySequence(k).toString() or "…" in k or "/" in k for k in keys)
    dialog.close()


def test_f1_help_speaks_english_in_the_english_interface(qtbot: QtBot, window: Any) -> None:
    from desktop import i18n
    from desktop.help_dialog import HelpDialog

    app = application()
    assert i18n.LANGUAGE.apply(app, "en") == "en"
    try:
        dialog = HelpDialog(window)
        qtbot.addWidget(dialog)
        guide = dialog._guide_html() + "".join(what for _keys, what in dialog._screen_shortcuts())
        assert "Guide" in dialog.windowTitle() or "guide" in dialog.windowTitle()
        assert not CJK.search(guide), guide
    finally:
        i18n.LANGUAGE.apply(app, "zh_CN")


def test_case_detail_labels_name_the_group_only_where_two_fields_share_a_label(qtbot: QtBot, window: Any) -> None:
    from desktop.case_detail import field_labels

    desk = window.case_desk
    window.tabs.setCurrentWidget(desk)
    with qtbot.waitSignal(desk.rows_loaded, timeout=10_000):
        desk.filter_box.setCurrentIndex(desk.filter_box.findData("all"))
    assert desk.table.select_where(lambda record: record["item_code"] == "002036001003")  # type: ignore[call-overload, index]
    fields = desk.detail.fields
    qtbot.waitUntil(lambda: fields.rowCount() > 0, timeout=10_000)
    shown = fields.column_texts(0)
    assert "证件号码" in shown and "证件类型" in shown  # the 证件类型及号码 group's two fields
    assert not [label for label in shown if "·" in label]
    twins = field_labels(
        [
            {"label": "姓名", "group": "申请人", "value": "甲"},
            {"label": "姓名", "group": "代办人", "value": "乙"},
            {"label": "证件号码", "group": "证件类型及号码", "value": "1"},
        ]
    )
    assert twins == ["申请人·姓名", "代办人·姓名", "证件号码"]


def _jpeg_bytes() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_page_content_decides_what_a_material_file_is() -> None:
    import io

    from PIL import Image

    from models.errors import ValidationError
    from models.intake.page_check import page_mime

    png = io.BytesIO()
    Image.new("L", (8, 8)).save(png, "PNG")
    gif = io.BytesIO()
    Image.new("L", (8, 8)).save(gif, "GIF")
    assert page_mime(_jpeg_bytes()) == "image/jpeg"
    assert page_mime(png.getvalue()) == "image/png"
    assert page_mime(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n") == "application/pdf"
    for bad in (b"just some text, saved as scan.jpg", _jpeg_bytes()[:40], b"%PDF-1.4 cut off", gif.getvalue()):
        with pytest.raises(ValidationError) as refused:
            page_mime(bad)
        assert refused.value.code == "intake.not_a_page"


def test_a_text_file_named_jpg_is_refused_at_attach_and_nothing_is_saved(
    qtbot: QtBot, window: Any, demo_store: Store, tmp_path: Any
) -> None:
    from models.orm import MaterialEntry

    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    from tests.test_intake_gui import fill_registration_form

    fill_registration_form(qtbot, window)
    checklist = flow.materials
    fake = tmp_path / "身份证.jpg"
    fake.write_text("这不是照片", encoding="utf-8")
    checklist.attach_path("id_document", str(fake))
    qtbot.waitUntil(lambda: checklist.file_message.text() != "", timeout=10_000)
    assert "不是 JPG、PNG 照片或 PDF" in checklist.file_message.text()
    case_no = flow.draft.case_no

    def files() -> list[tuple[str, str]]:
        with demo_store.db.read() as session:
            case = session.scalar(select(Case).where(Case.case_no == case_no))
            entry = session.scalar(
                select(MaterialEntry).where(
                    MaterialEntry.case_id == case.id, MaterialEntry.material_key == "id_document"
                )
            )
            return [(f.mime, f.sha256) for f in entry.files]

    assert files() == []
    # A real photo with the wrong extension is taken, as the JPEG it is.
    real = tmp_path / "scan.png"
    real.write_bytes(_jpeg_bytes())
    with qtbot.waitSignal(checklist.changed, timeout=10_000):
        checklist.attach_path("id_document", str(real))
    assert [mime for mime, _sha in files()] == ["image/jpeg"] and checklist.file_message.text() == ""
