"""批量受理 dialog driven as a clerk would: choose a list, 校验, 导入, template; real DB worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.operations import Operations
from models.catalog import load_catalog
from models.enums import StationLevel
from models.lifecycle import CaseState
from models.orm import Case, Clerk
from models.store import Store
from tests.qt_helpers import cell
from tests.test_batch_import import SUBSIDY, SUBSIDY_HEADER, bad_check_digit, subsidy_row, write_csv

if TYPE_CHECKING:
    from desktop.batch_import import BatchImportDialog


def clerk_id(store: Store, login: str) -> int:
    with store.db.read() as session:
        clerk = session.scalar(select(Clerk).where(Clerk.login == login))
        assert clerk is not None
        return clerk.id


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    errors: list[BaseException] = []
    runner = Operations(on_error=errors.append)
    yield runner
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    runner.shutdown()
    assert errors == []  # every failure went to the dialog, not to the generic handler


def make_dialog(qtbot: QtBot, store: Store, ops: Operations, login: str, files: dict[str, Path]) -> BatchImportDialog:
    from desktop.batch_import import BatchImportDialog

    dialog = BatchImportDialog(
        store.db,
        ops,
        load_catalog(),
        StationLevel.TOWNSHIP,
        clerk_id(store, login),
        choose_open=lambda _parent: str(files["open"]),
        choose_save=lambda _parent: str(files["save"]),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_clerk_checks_then_imports_a_list_and_downloads_the_template(
    qtbot: QtBot, demo_store: Store, ops: Operations, tmp_path: Path, screenshots: Path
) -> None:
    rows = [SUBSIDY_HEADER, subsidy_row(201), subsidy_row(202), subsidy_row(203)]
    broken = subsidy_row(204)
    broken[1] = bad_check_digit(broken[1])
    broken[3] = "三百八"
    rows.append(broken)
    files = {"open": write_csv(tmp_path / "民政资助名单.csv", rows, encoding="gbk"), "save": tmp_path / "模板"}
    dialog = make_dialog(qtbot, demo_store, ops, "shouli", files)
    dialog.select_item(SUBSIDY)
    assert "缴费金额*" in dialog.columns_label.text()

    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.file_edit.text() == str(files["open"])

    with qtbot.waitSignal(dialog.checked, timeout=10_000) as checked:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    report = checked.args[0]
    assert (report.total, report.valid, report.invalid) == (4, 3, 1)
    table = dialog.table
    assert table.rowCount() == 2  # both errors of row 5, nothing created yet
    assert {cell(table, r, 2) for r in range(2)} == {"身份证", "缴费金额"}
    assert all(cell(table, r, 0) == "5" for r in range(2))
    assert "校验位不正确" in cell(table, 0, 3) or "校验位不正确" in cell(table, 1, 3)
    with demo_store.db.read() as session:
        assert session.scalars(select(Case).where(Case.item_code == SUBSIDY)).first() is None

    with qtbot.waitSignal(dialog.imported, timeout=20_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = imported.args[0]
    assert len(report.created) == 3
    with demo_store.db.read() as session:
        cases = list(session.scalars(select(Case).where(Case.item_code == SUBSIDY).order_by(Case.id)))
        assert [c.case_no for c in cases] == report.created
        assert all(
            c.state is CaseState.DRAFT and c.created_by is not None and c.created_by.login == "shouli" for c in cases
        )
    texts = [cell(table, r, 3) for r in range(table.rowCount())]
    assert sum(t.startswith("已建立办件") for t in texts) == 3
    assert "已建立办件（草稿）3 件" in dialog.summary.text()
    assert "**" in cell(table, texts.index(next(t for t in texts if t.startswith("已建立"))), 1)
    dialog.resize(960, 520)
    assert dialog.grab().save(str(screenshots / "batch-import.png"))

    # Importing the same list again creates nothing twice.
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as again:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert again.args[0].created == [] and again.args[0].already_imported == 3

    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    template = tmp_path / "模板.xlsx"
    qtbot.waitUntil(lambda: template.exists() and "模板已保存" in dialog.summary.text(), timeout=10_000)
    from models.batch_import import read_table

    assert read_table(template).rows[0][1][: len(SUBSIDY_HEADER)] == SUBSIDY_HEADER


def test_a_clerk_without_intake_rights_is_refused_in_the_dialog(
    qtbot: QtBot, demo_store: Store, ops: Operations, tmp_path: Path
) -> None:
    files = {"open": write_csv(tmp_path / "a.csv", [SUBSIDY_HEADER, subsidy_row(211)]), "save": tmp_path / "t.xlsx"}
    dialog = make_dialog(qtbot, demo_store, ops, "dayin", files)  # 打印员
    dialog.select_item(SUBSIDY)
    dialog.file_edit.setText(str(files["open"]))
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "受理办件" in failed.args[0]
    assert dialog.import_button.isEnabled()
    with demo_store.db.read() as session:
        assert session.scalars(select(Case).where(Case.item_code == SUBSIDY)).first() is None


def test_main_window_menu_opens_the_dialog(qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.batch_import import BatchImportDialog
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    win.show()
    action = next(a for m in win.menuBar().actions() for a in m.menu().actions() if a.text().startswith("批量受理"))
    assert action.shortcut().toString() == "Ctrl+B"
    action.trigger()
    dialogs = [w for w in win.findChildren(BatchImportDialog) if w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].item_combo.count() >= 25
    dialogs[0].close()
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()
