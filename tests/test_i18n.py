"""Interface language through Qt's translation system, and large-font mode."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import i18n, messages
from models.clock_guard import ClockStatus, ClockTrouble
from models.enums import ClerkRole
from models.errors import UserFacingError
from models.orm import Clerk
from models.security.auth import ClerkSession
from models.settings import FONT_SCALE, Settings
from models.store import Store
from tests.qt_helpers import menu_titled

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    i18n.LANGUAGE.apply(qapp, "zh_CN")
    i18n.apply_font_scale(qapp, 1.0)


def _compile(tmp_path: Path, body: str) -> Path:
    ts = tmp_path / "tongban_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="en" sourcelanguage="zh_CN">{body}</TS>\n',
        encoding="utf-8",
    )
    qm = tmp_path / "tongban_en.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    return qm


def test_english_catalog_translates_messages_and_widgets(
    restore_language: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = messages._lookup("case.not_found")
    assert template is not None
    qm = _compile(
        tmp_path,
        "<context><name>messages</name><message>"
        f"<source>{template}</source><translation>No case numbered {{case_no}}.</translation>"
        "</message></context>",
    )
    monkeypatch.setattr(i18n, "translation_file", lambda _lang: str(qm))
    error = UserFacingError("case.not_found", case_no="X-1")
    chinese = messages.render(error)
    assert i18n.LANGUAGE.apply(restore_language, "en") == "en"
    assert messages.render(error) == "No case numbered X-1."
    assert i18n.LANGUAGE.apply(restore_language, "zh_CN") == "zh_CN"
    assert messages.render(error) == chinese
    assert i18n.LANGUAGE.apply(restore_language, "xx") == "zh_CN"  # unknown: Chinese, not a crash


def test_qt_standard_buttons_speak_chinese(restore_language: QApplication) -> None:
    i18n.LANGUAGE.apply(restore_language, "zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_large_font_mode_from_the_view_menu_scales_and_persists(
    qtbot: QtBot, demo_store: Store, restore_language: QApplication
) -> None:
    from desktop.main_window import MainWindow

    base = restore_language.font().pointSizeF()
    window = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(window)
    window.show()
    view = menu_titled(window, "视图(&V)")
    (large,) = [a for a in view.actions() if a.text() == "特大字号"]
    assert large.shortcut().toString() == "Ctrl+2"
    large.trigger()
    assert restore_language.font().pointSizeF() == pytest.approx(base * 1.5)
    # Open widgets follow once the font-change events are delivered.
    qtbot.waitUntil(lambda: window.case_desk.font().pointSizeF() == pytest.approx(base * 1.5), timeout=2000)
    assert FONT_SCALE.get(Settings.load(demo_store.paths.settings)) == 1.5
    (normal,) = [a for a in view.actions() if a.text() == "标准字号"]
    normal.trigger()
    assert restore_language.font().pointSizeF() == pytest.approx(base)


CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a\u3002\uff0c\uff1b]")


def test_translation_catalog_is_complete_and_compiled() -> None:
    """Every UI string and message template has an English translation, and the .qm is current."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr


def test_core_labels_are_listed_for_translation() -> None:
    """desktop/labels.py repeats the core's Chinese labels for lupdate: none may be missing."""
    from desktop import labels
    from models.case_lists import LISTS
    from models.case_views import OUTBOX_LABELS
    from models.intake.checklist import STATUS_LABELS
    from models.intake.submit import RATINGS
    from models.lifecycle import RULES, CaseState

    assert {label for _key, label in LISTS} <= set(labels.WORK_LISTS)
    assert {s.value for s in CaseState} <= set(labels.CASE_STATES)
    assert {rule.label for rule in RULES.values()} <= set(labels.CASE_ACTIONS)
    assert set(STATUS_LABELS.values()) <= set(labels.MATERIAL_STATUSES)
    assert set(OUTBOX_LABELS.values()) <= set(labels.SYNC_STATUSES)
    assert set(RATINGS) <= set(labels.RATINGS)
    from desktop.labels import LEVEL_LABELS, ROLE_LABELS
    from models.enums import ClerkRole, StationLevel

    assert {r.value for r in ClerkRole} <= set(ROLE_LABELS)
    assert {level.value for level in StationLevel} <= set(LEVEL_LABELS)
    # In Chinese the labels are shown as stored.
    assert labels.state("已受理") == "已受理" and labels.work_list("全部") == "全部"


def _ui_texts(root: QWidget) -> dict[str, str]:
    """Texts of the interface itself (not data) under ``root``: buttons, check boxes, tab titles,
    table headers, placeholders and the labels of forms."""
    texts: dict[str, str] = {}
    for button in root.findChildren(QAbstractButton):
        texts[f"button {button.text()!r}"] = button.text()
    for edit in root.findChildren(QLineEdit):
        texts[f"placeholder {edit.placeholderText()!r}"] = edit.placeholderText()
    for tabs in root.findChildren(QTabWidget):
        for n in range(tabs.count()):
            texts[f"tab {tabs.tabText(n)!r}"] = tabs.tabText(n)
    for view in root.findChildren(QTableView):
        model = view.model()
        for c in range(model.columnCount()):
            header = str(model.headerData(c, Qt.Orientation.Horizontal))
            texts[f"header {header!r}"] = header
    for form in root.findChildren(QFormLayout):
        for r in range(form.rowCount()):
            item = form.itemAt(r, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                texts[f"form label {widget.text()!r}"] = widget.text()
    return texts


def _menu_titles(window: QMainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_english_interface_on_the_case_desk_and_intake(
    qtbot: QtBot, demo_store: Store, restore_language: QApplication, screenshots: Path
) -> None:
    from desktop.main_window import MainWindow
    from desktop.screen_lock import CounterSession

    assert i18n.LANGUAGE.apply(restore_language, "en") == "en"
    with demo_store.db.read() as session:
        row = session.scalars(select(Clerk).where(Clerk.login == "dayin")).one()
        # a 打印员 sees masked numbers (the screenshot is kept in docs/)
        printer = ClerkSession(row.id, row.login, row.name, ClerkRole(row.role))
    window = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", clerk=printer)
    qtbot.addWidget(window)
    counter_session = CounterSession(demo_store, printer, window, minutes=0)
    window.attach_session(counter_session)
    window.resize(1400, 860)
    window.show()
    desk, intake = window.case_desk, window.intake

    # The shell: title, menus, main tabs and status bar (only data, such as names, stays Chinese).
    assert window.windowTitle() == "Tongban — 演示镇医保服务站"
    assert _menu_titles(window) == ["&Counter", "&Sync", "&View", "&Print", "&Administration", "&Help", "Clerk (&U)"]
    counter = menu_titled(window, "&Counter")
    assert [a.text() for a in counter.actions()] == [
        "&New case",
        "Case &desk",
        "Customer &view",
        "&Refresh",
        "&Batch intake…",
        "&Quit",
    ]
    menu_items = [a.text() for m in window.menuBar().actions() for a in m.menu().actions() if a.text()]
    assert menu_items and not [t for t in menu_items if CJK.search(t) and t != "简体中文"], menu_items
    assert [window.tabs.tabText(n) for n in range(window.tabs.count())] == ["Counter intake (F2)", "Case desk (F3)"]
    assert window.station_label.text() == "Service point 522701001 (township level)"
    assert window.clerk_label.text() == f"Clerk: {row.name} (print clerk)"
    assert window.sync_label.text() == "Central platform: checking…"
    status_texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    # The data directory is in 关于 (Help → About), not on the status bar the applicant can read.
    assert not [t for t in status_texts if str(demo_store.paths.root) in t]
    about = window._about()
    assert f"Data directory: {demo_store.paths.root}" in about.informativeText()
    about.close()
    shown = [t.replace(row.name, "") for t in status_texts if t]
    assert len(shown) >= 3 and not [t for t in shown if CJK.search(t)], status_texts

    # The intake's first step: title, hint, form labels and buttons in English.
    identify = intake.identify
    assert identify.next_button.text() == "Confirm identity, choose the item (Enter)"
    assert identify.scan_button.text() == "Scan with camera (F6)"
    assert identify.id_edit.placeholderText() == "18-digit citizen ID number"
    assert "1 Identify" in intake.steps_label.text() and "5 Outcome" in intake.steps_label.text()
    identify.id_edit.setText("52270119")
    assert identify.id_message.text() == "8/18 digits typed"
    identify.id_edit.clear()
    chinese = {key: text for key, text in _ui_texts(intake).items() if CJK.search(text)}
    assert not chinese, chinese

    # The case desk: work lists with their counts, table headers, legend, detail tabs, actions.
    window.tabs.setCurrentWidget(desk)
    qtbot.waitUntil(lambda: desk.table.source.rowCount() > 0, timeout=10_000)
    lists = [desk.filter_box.itemText(n) for n in range(desk.filter_box.count())]
    assert lists[0] == "In progress" and lists[-1] == "All"
    qtbot.waitUntil(lambda: desk.filter_box.itemText(1).startswith("Accepted today ("), timeout=10_000)
    assert desk.count_label.text().endswith(" cases")
    assert desk.table.model().headerData(0, Qt.Orientation.Horizontal) == "Case number"
    with qtbot.waitSignal(desk.rows_loaded, timeout=10_000):
        desk.filter_box.setCurrentIndex(desk.filter_box.findData("all"))
    states = {str(desk.table.model().index(r, 3).data()) for r in range(desk.table.model().rowCount())}
    assert states and not any(CJK.search(s) for s in states), states  # stored Chinese, shown in English
    accepted = [r for r in range(desk.table.model().rowCount()) if desk.table.model().index(r, 3).data() == "Accepted"]
    assert accepted
    with qtbot.waitSignal(desk.detail.detail_loaded, timeout=10_000):
        desk.table.selectRow(accepted[0])
    detail = desk.detail
    assert detail.tabs.tabText(2).startswith("Timeline ")
    assert "State: <b>Accepted</b>" in detail.header.text() and "(masked)" in detail.header.text()
    detail.tabs.setCurrentIndex(1)
    assert "Timeline:" in detail.toPlainText() and "State: " in detail.toPlainText()
    # A print clerk is offered reprint, not the lifecycle actions (those need 受理/审核 roles).
    qtbot.waitUntil(lambda: window.desk_actions.reprint.isEnabled(), timeout=10_000)
    assert not any(b.isEnabled() for b in window.desk_actions.buttons.values())
    assert window.desk_actions.reprint.text() == "Reprint (Ctrl+R)"
    chinese = {key: text for key, text in _ui_texts(desk).items() if CJK.search(text)}
    assert not chinese, chinese

    # Error messages come from the same catalog.
    assert messages.render(UserFacingError("case.not_found", case_no="X-1")) == "No case X-1."
    # The screenshot once the detail's header has its full height (the layout catches up).
    header = detail.header
    qtbot.waitUntil(lambda: header.height() >= header.heightForWidth(header.width()), timeout=5_000)
    assert window.grab().save(str(screenshots / "english-ui.png"))

    # The sync centre's tab: a print clerk is refused, in English, and the screen speaks English.
    center = window.open_sync_center()
    assert window.tabs.tabText(window.tabs.indexOf(center)) == "Sync centre (F9)"
    assert center.forbidden.text().startswith("The signed-in clerk lacks the “data sync” permission.")
    assert center.sync_button.text() == "Sync now" and not center.sync_button.isEnabled()
    chinese = {key: text for key, text in _ui_texts(center).items() if CJK.search(text)}
    assert not chinese, chinese
    counter_session.logout()


def test_english_login_and_recovery_dialogs(
    qtbot: QtBot, restore_language: QApplication, tongban_home: Path, screenshots: Path
) -> None:
    from desktop.app import make_login_dialog
    from desktop.login import RecoveryResetDialog
    from models.paths import DataPaths

    assert i18n.LANGUAGE.apply(restore_language, "en") == "en"
    dialog = make_login_dialog(DataPaths(tongban_home), demo=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Tongban — sign in"
    assert dialog.heading.text() == "Enter your login and password"
    assert dialog.ok_button.text() == "Sign in" and dialog.cancel_button is not None
    assert dialog.cancel_button.text() == "Quit"  # the start-up login ends the program only through 退出
    assert dialog.forgot_button is not None
    assert dialog.forgot_button.text() == "Forgot the password (reset with the recovery key)"
    texts = _ui_texts(dialog)
    assert {"form label 'Login'", "form label 'Password'"} <= set(texts)
    chinese = {key: text for key, text in texts.items() if CJK.search(text)}
    assert not chinese, chinese
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(screenshots / "english-login.png"))
    dialog.try_login()  # nothing typed: refused before any password check
    assert dialog.message.text() == "Enter your login and password." and not dialog.busy
    dialog.hide()

    reset = RecoveryResetDialog(lambda _key, _login, _password: None, login="shouli")
    qtbot.addWidget(reset)
    assert reset.windowTitle() == "Tongban — reset a password with the recovery key"
    texts = _ui_texts(reset)
    assert {"form label 'Recovery key'", "form label 'New password again'", "button 'Reset password'"} <= set(texts)
    chinese = {key: text for key, text in texts.items() if CJK.search(text)}
    assert not chinese, chinese


def test_english_durability_banner(restore_language: QApplication) -> None:
    """The banner's sentences come from desktop/messages, so they follow the interface language."""
    from desktop.durability_banner import banner_lines

    fast = ClockStatus(ClockTrouble.HUB_SKEW, 0, 180, None)
    chinese = banner_lines(read_only=True, free_mb=300, floor_mb=50, disk_low=True, clock=fast)
    assert "比中心端快 3 小时" in chinese[-1].text
    assert i18n.LANGUAGE.apply(restore_language, "en") == "en"
    lines = banner_lines(read_only=True, free_mb=300, floor_mb=50, disk_low=True, clock=fast)
    assert [x.level for x in lines] == [x.level for x in chinese]
    assert lines[0].text.startswith("Read-only mode: ")
    assert "Only 300 MB of disk space left" in lines[1].text and "below 50 MB" in lines[1].text
    assert "This PC's clock is 3 h ahead of the central platform" in lines[2].text
    behind = ClockStatus(ClockTrouble.BEHIND_HIGH_WATER, 2 * 24 * 60 + 5 * 60, None, None)
    (line,) = banner_lines(read_only=False, free_mb=900, floor_mb=50, disk_low=False, clock=behind)
    assert "it is 2 d 5 h earlier than" in line.text
    full = banner_lines(read_only=False, free_mb=12, floor_mb=50, disk_low=True, clock=None)
    assert full[0].text.startswith("The disk is full (only 12 MB left)")
    assert not any(CJK.search(x.text) for x in [*lines, line, *full])


def test_file_dialog_is_qts_own_with_chinese_labels(restore_language: QApplication) -> None:
    """On Linux the native (GTK) file dialog showed English; the counter uses Qt's own, whose
    labels come from Qt's shipped zh_CN catalog and the few strings it lacks (i18n.QT_GAPS)."""
    from PySide6.QtWidgets import QFileDialog

    i18n.LANGUAGE.apply(restore_language, "zh_CN")
    i18n.use_qt_dialogs(restore_language)
    try:
        assert restore_language.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        dialog = QFileDialog(None, "选择文件")
        texts = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        # Qt 6.11's catalog carries the accelerators, 6.9's (the bundle's) not.
        assert texts["lookInLabel"] in ("查找范围(&L)：", "查找范围：")
        assert texts["fileTypeLabel"] in ("文件类型(&T)：", "文件类型：")
        assert CJK.search(texts["fileNameLabel"])
        buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
        assert buttons and all(CJK.search(t) for t in buttons), buttons
        dialog.deleteLater()
    finally:
        restore_language.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
