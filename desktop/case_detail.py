"""The case desk's detail panel: fields, materials with thumbnails and a viewer, timeline, prints,
sync state, and the lifecycle action bar.

Everything is read on the DB worker (``models.case_views.view_case``), which also decides
whether this clerk sees whole ID and phone numbers (models/permissions) and records that view
in the audit log. Material pages are decrypted and decoded on the worker too (QImage is safe
off the GUI thread; QPixmap is made here).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.intake.desk_actions import CaseActionBar
from desktop.operations import Operations
from models import clock
from models.case_views import case_record, view_case
from models.db import Database
from models.lifecycle import RULES, Action
from widgets.image_viewer import ImageViewer
from widgets.thumbnail_strip import ThumbnailStrip

logger = logging.getLogger(__name__)

THUMB_PX = 240
VIEW_DPI = 110
#: Timeline names of events that are not lifecycle actions.
EVENT_LABELS = {"open": "创建", "sync_rejected": "中心退回", "rating": "评价"}


def action_label(action: str) -> str:
    try:
        return RULES[Action(action)].label
    except ValueError:
        return EVENT_LABELS.get(action, action)


def document_title(kind: str) -> str:
    from printing import KINDS

    return KINDS[kind].title if kind in KINDS else kind


def load_record(
    db: Database, case_no: str, clerk_id: int | None, today: dt.date, already_audited: bool = False
) -> dict[str, Any]:
    """On the DB worker: the detail, audited when it shows whole numbers (a read-only store
    cannot write the audit entry, so it shows them masked)."""
    if db.read_only:
        from models.print_log import find_case

        with db.read() as session:
            return case_record(session, find_case(session, case_no), today, full=False)
    with db.write() as session:
        return view_case(session, case_no, clerk_id, today, already_audited=already_audited)


def decode_page(media_root: Path, page: dict[str, Any], max_px: int | None, dpi: float = VIEW_DPI) -> QImage | None:
    """One stored page as an image (worker thread): decrypt, check, decode; PDFs by their first page."""
    from models.errors import UserFacingError
    from models.media import read_verified

    try:
        data = read_verified(media_root, page["sha256"])
    except (OSError, UserFacingError) as exc:
        logger.warning("material page not readable: %s", type(exc).__name__)
        return None
    if page["mime"] == "application/pdf" or data.startswith(b"%PDF"):
        from desktop.print_service import page_images

        try:
            images = page_images(data, dpi if max_px is None else 40)
        except Exception:  # a damaged PDF: shown as not displayable
            logger.warning("material PDF not renderable")
            return None
        image = images[0] if images else QImage()
    else:
        image = QImage.fromData(data)
    if image.isNull():
        return None
    if max_px is not None:
        image = image.scaled(
            max_px, max_px, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


def _table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeRowsToContents()


class CaseDetailPanel(QWidget):
    detail_loaded = Signal(object)  # the record dict
    thumbnails_loaded = Signal(int)  # pages decoded
    page_shown = Signal(int)  # viewer page index

    def __init__(
        self,
        db: Database,
        ops: Operations,
        media_root: Path | None,
        clerk_id: Callable[[], int | None],
        actions: CaseActionBar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._ops, self._media_root, self._clerk_id = db, ops, media_root, clerk_id
        self.action_bar = actions
        self.record: dict[str, Any] | None = None
        self.pages: list[dict[str, Any]] = []
        self.viewer: ImageViewer | None = None
        self._generation = 0
        self._viewing: tuple[str, int | None] | None = None

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header = QLabel("选择一个办件查看详情和办理过程")
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.notice.hide()

        self.fields = _table(["项目", "内容"])
        self.materials = _table(["材料", "状态", "页数"], stretch=0)
        self.thumbnails = ThumbnailStrip()
        self.thumbnails.setMinimumHeight(180)
        self.thumbnails.page_activated.connect(self.open_page)
        materials_tab = QWidget()
        box = QVBoxLayout(materials_tab)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.materials, 1)
        self.pages_label = QLabel("材料页面（Enter 或双击查看）：")
        box.addWidget(self.pages_label)
        box.addWidget(self.thumbnails, 1)
        self.timeline = _table(["时间", "经办人", "操作", "状态", "原因"])
        self.prints = _table(["时间", "文书", "经办人", "份数", "补打", "补打原因"])
        self.sync = _table(["版本", "同步状态", "入队时间", "中心确认时间", "中心答复"])

        self.tabs = QTabWidget()
        # Ctrl+Tab / Ctrl+PgDn move between the tabs (Alt+digits belong to the action bar).
        pages = (
            (self.fields, "受理信息"),
            (materials_tab, "材料"),
            (self.timeline, "办理过程"),
            (self.prints, "打印记录"),
            (self.sync, "同步状态"),
        )
        for n, (page, title) in enumerate(pages):
            self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(n, "Ctrl+Tab 下一个，Ctrl+Shift+Tab 上一个")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        if actions is not None:
            layout.addWidget(actions)

    # Loading --------------------------------------------------------------------------------

    def show_case(self, case_no: str | None, state: str = "") -> None:
        self._generation += 1
        if self.action_bar is not None:
            self.action_bar.set_case(case_no, state)
        if case_no is None:
            self.clear()
            return
        generation, db, today, clerk = self._generation, self._db, clock.today_local(), self._clerk_id()
        # A refresh of the case on screen (after an action) is not a new view for the audit log.
        seen = self._viewing == (case_no, clerk)
        self._viewing = (case_no, clerk)
        self._ops.run(lambda: load_record(db, case_no, clerk, today, seen), lambda rec: self._loaded(generation, rec))

    def clear(self) -> None:
        self.record, self.pages, self._viewing = None, [], None
        self.title.clear()
        self.header.setText("选择一个办件查看详情和办理过程")
        self.notice.hide()
        for table in (self.fields, self.materials, self.timeline, self.prints, self.sync):
            table.setRowCount(0)
        self.thumbnails.clear()

    def _loaded(self, generation: int, record: dict[str, Any]) -> None:
        if generation != self._generation:
            return  # the clerk moved on to another case meanwhile
        self.record = record
        self._show_header(record)
        _fill(
            self.fields,
            [
                [f["label"] if not f["group"] else f"{f['group']}·{f['label']}", f["value"]]
                for f in record["field_values"]
            ],
        )
        _fill(
            self.materials,
            [
                [
                    m["name"],
                    m["status_label"] + (f"（{m['satisfied_by']}）" if m["satisfied_by"] else ""),
                    str(len(m["files"])) if m["files"] else "",
                ]
                for m in record["materials"]
            ],
        )
        _fill(
            self.timeline,
            [
                [
                    e["at_local"],
                    e["who"],
                    action_label(e["action"]),
                    f"{e['from_state'] or ''} → {e['to_state']}" if e["from_state"] != e["to_state"] else e["to_state"],
                    e["reason"] or "",
                ]
                for e in record["events"]
            ],
        )
        _fill(
            self.prints,
            [
                [
                    p["at_local"],
                    document_title(p["document"]),
                    p["clerk"],
                    str(p["copies"]),
                    "补打" if p["reprint"] else "",
                    p["reason"],
                ]
                for p in record["prints"]
            ],
        )
        _fill(
            self.sync,
            [
                [str(s["revision"]), s["status_label"], s["enqueued_local"], s["acked_local"], s["answer"]]
                for s in record["sync"]
            ],
        )
        pages = sum(len(m["files"]) for m in record["materials"])
        self.tabs.setTabText(0, f"受理信息 {len(record['field_values'])}")
        self.tabs.setTabText(1, f"材料 {pages}页")
        self.tabs.setTabText(2, f"办理过程 {len(record['events'])}")
        self.tabs.setTabText(3, f"打印 {len(record['prints'])}")
        self.tabs.setTabText(4, "同步：" + (record["sync"][-1]["status_label"] if record["sync"] else "未排队"))
        self._show_pages(generation, record)
        self.detail_loaded.emit(record)

    def _show_header(self, r: dict[str, Any]) -> None:
        state = r["state"] + ("（容缺受理）" if r["deficiency_accepted"] else "")
        due = r["promised_date"] or "—"
        colour = "#b3261e" if r["overdue"] else "#1f2937"
        who = f"{r['applicant']}　{r['gender']}　证件号码 {r['id_number']}"
        if r["phone"]:
            who += f"　电话 {r['phone']}"
        if not r["full"]:
            who += "　<span style='color:#6b7280'>（已遮蔽）</span>"
        self.title.setText(f"<span style='font-size:14pt; font-weight:bold'>{r['case_no']}</span>")
        self.title.setToolTip(f"{r['item_name']}（{r['item_code']}）")
        lines = [
            f"<b>{r['item_name']}</b>（{r['item_code']}）",
            f"状态：<b>{state}</b>　承诺办结日期：<span style='color:{colour}'>{due}</span>"
            f"　目录版本 {r['catalog_version']}",
            f"申请人：{who}" + ("　委托办理" if r["by_agent"] else ""),
        ]
        if r["parent_case_no"]:
            lines.append(f"由办件 {r['parent_case_no']} 重新打开")
        if r["rating"]:
            lines.append(f"好差评：{r['rating']}")
        self.header.setText("<br>".join(lines))
        if r["centre_rejection"]:
            self.notice.setText(r["centre_rejection"])
            self.notice.show()
        else:
            self.notice.hide()

    # Material pages ---------------------------------------------------------------------------

    def _show_pages(self, generation: int, record: dict[str, Any]) -> None:
        self.pages = [
            {**f, "material": m["name"], "title": f"{m['name']} 第{f['page_no']}页"}
            for m in record["materials"]
            for f in m["files"]
        ]
        captions = [_short(p["material"]) + f" p{p['page_no']}" for p in self.pages]
        self.thumbnails.set_pages(captions, [p["title"] for p in self.pages])
        self.pages_label.setText("材料页面（Enter 或双击查看）：" if self.pages else "本办件没有拍照或上传的材料页面。")
        if not self.pages or self._media_root is None:
            self.thumbnails_loaded.emit(0)
            return
        root, pages = self._media_root, list(self.pages)

        def op() -> list[QImage | None]:
            return [decode_page(root, page, THUMB_PX) for page in pages]

        self._ops.run(op, lambda images: self._thumbnails(generation, images))

    def _thumbnails(self, generation: int, images: list[QImage | None]) -> None:
        if generation != self._generation:
            return
        for n, image in enumerate(images):
            self.thumbnails.set_thumbnail(n, image)
            self.thumbnails.mark_loaded(n)
        self.thumbnails_loaded.emit(sum(1 for i in images if i is not None))

    def open_page(self, index: int) -> None:
        if not (0 <= index < len(self.pages)) or self._media_root is None:
            return
        if self.viewer is None:
            self.viewer = ImageViewer(self)
            self.viewer.page_requested.connect(self._load_page)
        self.viewer.setWindowTitle(f"查看材料 — {self.record['case_no'] if self.record else ''}")
        self.viewer.open_page(index, len(self.pages))

    def _load_page(self, index: int) -> None:
        if not (0 <= index < len(self.pages)) or self._media_root is None:
            return
        root, page, count, generation = self._media_root, self.pages[index], len(self.pages), self._generation

        def shown(image: QImage | None) -> None:
            if generation != self._generation or self.viewer is None:
                return
            self.viewer.show_page(index, count, page["title"], image)
            self.page_shown.emit(index)

        self._ops.run(lambda: decode_page(root, page, None), shown)

    # For tests and the status line ------------------------------------------------------------

    def toPlainText(self) -> str:
        """What the panel shows, as text (header and timeline)."""
        if self.record is None:
            return ""
        r = self.record
        lines = [
            f"办件编号：{r['case_no']}",
            f"服务事项：{r['item_name']}（{r['item_code']}）",
            f"状态：{r['state']}",
            "",
            "办理过程：",
        ]
        lines += [
            f"  {e['at_local']}  {action_label(e['action'])}  {e['to_state']}  {e['who']}"
            + (f"（{e['reason']}）" if e["reason"] else "")
            for e in r["events"]
        ]
        return "\n".join(lines)


def _short(name: str, limit: int = 8) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
