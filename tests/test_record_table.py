"""The one record table (issue 16 item 6): every screen's table is a ``RecordTable``; it sorts by
value (numbers as numbers), searches, masks personal data only when asked, styles rows and
cells, and speaks in rows as shown."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from widgets.record_table import CellStyle, Column, RecordTable

ROOT = Path(__file__).resolve().parent.parent


def _table(qtbot: QtBot) -> RecordTable:
    table = RecordTable([
        Column("seq", "序号", sort_key=int),
        Column("name", "姓名", mask="name"),
        Column("id", "证件号码", mask="id"),
    ])
    qtbot.addWidget(table)
    table.set_rows([
        {"seq": "10", "name": "张三", "id": "522701199001011234"},
        {"seq": "9", "name": "李四", "id": "522701198502023456"},
        {"seq": "100", "name": "王五", "id": "522701197003035678"},
    ])
    return table


def test_rows_keep_the_screen_s_order_until_sorted_and_numbers_sort_as_numbers(qtbot: QtBot) -> None:
    table = _table(qtbot)
    assert table.column_texts(0) == ["10", "9", "100"]
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert table.column_texts(0) == ["9", "10", "100"]  # as text it would be 10, 100, 9
    assert table.row_record(0)["name"] == "李四"  # type: ignore[call-overload]
    table.selectRow(2)
    assert table.selected_record() == {"seq": "100", "name": "王五", "id": "522701197003035678"}


def test_masking_only_when_asked_and_search(qtbot: QtBot) -> None:
    table = _table(qtbot)
    assert table.text(0, 2) == "522701199001011234"
    table.set_masked(True)
    assert table.text(0, 2) != "522701199001011234" and table.text(0, 2).endswith("1234")
    assert table.text(0, 1) != "张三" and table.text(0, 0) == "10"  # unmasked columns unchanged
    table.set_masked(False)
    table.set_search("李")
    assert table.rowCount() == 1 and table.text(0, 1) == "李四"
    assert table.select_where(lambda row: row["seq"] == "9")  # type: ignore[call-overload, index]
    assert not table.select_where(lambda row: row["seq"] == "10")  # type: ignore[call-overload, index]


def test_cell_style_over_row_style(qtbot: QtBot) -> None:
    table = _table(qtbot)
    table.set_row_style(lambda row: CellStyle(background="#fde2e1", tooltip="超期"))
    table.set_cell_style(lambda row, col: CellStyle(tooltip="单元格") if col.key == "name" else None)
    model = table.source
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e1"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "超期"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == "单元格"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e1"


def test_no_screen_hand_builds_a_table_widget() -> None:
    builders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("desktop", "widgets")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bQTableWidget\b", line)
    ]
    assert builders == [], "use widgets.record_table.RecordTable"
