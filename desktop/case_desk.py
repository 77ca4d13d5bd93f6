"""The case desk: every case of the station, filtered, searchable, with a detail panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.intake.desk_actions import CaseActionBar
from desktop.operations import Operations
from models import clock
from models.case_search import search_cases
from models.case_views import case_detail, case_summary
from models.cases import due_soon, overdue
from models.db import Database
from models.lifecycle import CaseState
from models.orm import Case
from widgets.case_table import CaseTable

FILTERS: tuple[tuple[str, str], ...] = (
    ("open", "办理中"),
    ("overdue", "已超期"),
    ("due_soon", "即将到期"),
    ("supplement", "退回补正"),
    ("draft", "草稿"),
    ("closed", "已办结/已终止"),
    ("all", "全部"),
)


def load_rows(db: Database, which: str, today: dt.date, limit: int = 2000) -> list[dict[str, Any]]:
    """Rows for the desk (runs on the DB worker)."""
    with db.read() as session:
        soon_uuids = {c.uuid for c in due_soon(session, today)}
        if which == "overdue":
            cases = overdue(session, today)
        elif which == "due_soon":
            cases = due_soon(session, today)
        else:
            query = select(Case).order_by(Case.created_at.desc()).limit(limit)
            states = {
                "open": [s for s in CaseState if s.is_open and s is not CaseState.DRAFT],
                "supplement": [CaseState.SUPPLEMENT],
                "draft": [CaseState.DRAFT],
                "closed": [s for s in CaseState if s.is_final],
            }.get(which)
            if states is not None:
                query = query.where(Case.state.in_(states))
            cases = list(session.scalars(query))
        return _rows(cases, soon_uuids, today)


def search_rows(db: Database, text: str, today: dt.date) -> list[dict[str, Any]]:
    """Every local case matching a case number, ID number, name or item (models/case_search.py)."""
    with db.read() as session:
        soon_uuids = {c.uuid for c in due_soon(session, today)}
        return _rows(search_cases(session, text), soon_uuids, today)


def _rows(cases: list[Case], soon_uuids: set[str], today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for case in cases:
        row = case_summary(case, today)
        row["accepted_on"] = clock.local_date(case.accepted_at).isoformat() if case.accepted_at else ""
        row["due_soon"] = case.uuid in soon_uuids
        rows.append(row)
    return rows


def load_detail(db: Database, case_no: str, today: dt.date) -> dict[str, Any] | None:
    with db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == case_no))
        return None if case is None else case_detail(case, today)


class CaseDesk(QWidget):
    rows_loaded = Signal(int)

    def __init__(
        self,
        db: Database,
        ops: Operations,
        parent: QWidget | None = None,
        actions: CaseActionBar | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._ops = ops
        self.actions = actions
        self.filter_box = QComboBox()
        for key, label in FILTERS:
            self.filter_box.addItem(label, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索全部办件：办件编号、公民身份号码、姓名、事项名称或编码")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("显示："))
        bar.addWidget(self.filter_box)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)

        self.table = CaseTable()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选择一个办件查看详情和办理过程")
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        if actions is not None:
            layout.addWidget(actions)

        self.filter_box.currentIndexChanged.connect(self.refresh)
        # Search runs in the database over every local case (indexed), once typing pauses.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        ops.changes_applied.connect(lambda _=None: self.refresh())

    def refresh(self) -> None:
        today = clock.today_local()
        text = self.search.text().strip()
        if text:
            self._ops.run(lambda: search_rows(self._db, text, today), self._set_rows)
            return
        which = str(self.filter_box.currentData())
        self._ops.run(lambda: load_rows(self._db, which, today), self._set_rows)

    def _set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.table.source.set_rows(rows)
        found = "搜索到" if self.search.text().strip() else "共"
        self.count_label.setText(f"{found} {len(rows)} 件")
        self.rows_loaded.emit(len(rows))

    def _show_selected(self) -> None:
        row = self.table.selected_row()
        if self.actions is not None:
            self.actions.set_case(row["case_no"] if row else None, row["state"] if row else "")
        if row is None:
            self.detail.clear()
            return
        today = clock.today_local()
        case_no = row["case_no"]
        self._ops.run(lambda: load_detail(self._db, case_no, today), self._set_detail)

    def _set_detail(self, detail: dict[str, Any] | None) -> None:
        if detail is None:
            self.detail.clear()
            return
        lines = [
            f"办件编号：{detail['case_no']}",
            f"服务事项：{detail['item_name']}（{detail['item_code']}）",
            f"申请人：{detail['applicant']}  {detail['id_number']}",
            f"状态：{detail['state']}" + ("（容缺受理）" if detail["deficiency_accepted"] else ""),
            f"承诺办结日期：{detail['promised_date'] or '—'}",
            f"目录版本：{detail['catalog_version']}",
            "",
            "办理过程：",
        ]
        for ev in detail["events"]:
            when = ev["at_local"]
            who = ev["clerk"] or ""
            reason = f"（{ev['reason']}）" if ev["reason"] else ""
            lines.append(f"  {when}  {ev['to_state']}  {who}{reason}")
        self.detail.setPlainText("\n".join(lines))
