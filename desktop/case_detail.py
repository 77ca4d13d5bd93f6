"""The case desk's detail panel: fields, materials with thumbnails and a viewer, timeline, prints,
sync state, and the lifecycle action bar.

Everything is read on the DB worker (``models.case_views.view_case``), which also decides
whether this clerk sees whole ID and phone numbers (models/permissions) and records that view
in the audit log. Material pages are decrypted and decoded on the worker too (QImage is safe
off the GUI thread; QPixmap is made here).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.errors import error_text
from desktop.intake.desk_actions import CaseActionBar
from desktop.operations import Operations
from models import clock
from models.case_views import case_record, view_case
from models.db import Database
from models.lifecycle import RULES, Action
from widgets.image_viewer import ImageViewer
from widgets.record_table import Column, RecordTable
from widgets.thumbnail_strip import ThumbnailStrip

logger = logging.getLogger(__name__)

THUMB_PX = 240
VIEW_DPI = 110
#: Timeline names of events that are not lifecycle actions.
EVENT_LABELS = {"open": "创建", "sync_rejected": "中心退回", "rating": "评价"}


def action_label(action: str) -> str:
    """An event's action in the interface language (desktop/labels.py)."""
    try:
        return labels.action(RULES[Action(action)].label)
    except ValueError:
        return labels.action(EVENT_LABELS.get(action, action))


def document_title(kind: str) -> str:
    from printing import KINDS

    return KINDS[kind].title if kind in KINDS else kind


def load_record(
    db: Database,
    case_no: str,
    clerk_id: int | None,
    today: dt.date,
    already_audited: bool = False,
    masked: bool = False,
) -> dict[str, Any]:
    """On the DB worker: the detail, audited when it shows whole numbers (a read-only store
    cannot write the audit entry, so it shows them masked; ``masked``: the station masks the
    clerk's screens)."""
    if db.read_only:
        from models.case_lookup import find_case

        with db.read() as session:
            return case_record(session, find_case(session, case_no), today, full=False)
    with db.write() as session:
        return view_case(session, case_no, clerk_id, today, already_audited=already_audited, masked=masked)


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


def _table(headers: list[str], stretch: int | None = None) -> RecordTable:
    """A detail table: rows in the record's order (not sortable), long text wrapped."""
    columns = [Column(n, title, stretch=n == stretch) for n, title in enumerate(headers)]
    return RecordTable(columns, sortable=False, word_wrap=True, stretch_last=stretch is None)


def field_labels(fields: list[dict[str, Any]]) -> list[str]:
    """Each field by its own label; the group's name in front only where two fields share a
    label ("申请人·姓名", "代办人·姓名"), never "证件类型及号码·证件号码"."""
    counts = Counter(f["label"] for f in fields)
    return [f"{f['group']}·{f['label']}" if f["group"] and counts[f["label"]] > 1 else f["label"] for f in fields]


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
        #: ID and phone numbers masked even for roles that may see them (setting clerk_screen_masked).
        self.masked = False
        self.record: dict[str, Any] | None = None
        self.pages: list[dict[str, Any]] = []
        self.viewer: ImageViewer | None = None
        self._generation = 0
        self._viewing: tuple[str, int | None] | None = None
        self._build_header()
        materials_tab = self._build_materials_tab()
        self._build_tabs(materials_tab)
        self.scroll = self._build_layout()
        self._wire()

    def _build_header(self) -> None:
        """The case's title, its header line and the red notice."""
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        # Never squeezed below its height when a banner takes room (it was cut in half).
        self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header = QLabel(self.tr("选择一个办件查看详情和办理过程"))
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.notice.hide()

    def _build_materials_tab(self) -> QWidget:
        """受理信息 and 材料 (the list, 导出, the page thumbnails)."""
        self.fields = _table([self.tr("项目"), self.tr("内容")])
        self.materials = _table([self.tr("材料"), self.tr("状态"), self.tr("页数")], stretch=0)
        self.thumbnails = ThumbnailStrip()
        self.thumbnails.setMinimumHeight(180)
        materials_tab = QWidget()
        box = QVBoxLayout(materials_tab)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.materials, 1)
        self.export_button = QPushButton(self.tr("导出所选材料为 PDF (Ctrl+Shift+E)"))
        self.export_button.setShortcut("Ctrl+Shift+E")
        self.export_message = QLabel()
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.export_message, 1)
        box.addLayout(export_row)
        self.pages_label = QLabel(self.tr("材料页面（Enter 或双击查看）："))
        box.addWidget(self.pages_label)
        box.addWidget(self.thumbnails, 1)
        return materials_tab

    def _build_tabs(self, materials_tab: QWidget) -> None:
        """办理过程, 打印记录 and 同步状态, then the five tabs."""
        self.timeline = _table([self.tr("时间"), self.tr("经办人"), self.tr("操作"), self.tr("状态"), self.tr("原因")])
        self.prints = _table(
            [self.tr("时间"), self.tr("文书"), self.tr("经办人"), self.tr("份数"), self.tr("补打"), self.tr("补打原因")]
        )
        self.sync = _table(
            [self.tr("版本"), self.tr("同步状态"), self.tr("入队时间"), self.tr("中心确认时间"), self.tr("中心答复")]
        )
        #: 消息推送 (models/notify.py): every message made for the case, the exact text kept and sent
        self.messages = _table(
            [self.tr("时间"), self.tr("事件"), self.tr("短信"), self.tr("模板"), self.tr("通知内容")], stretch=4
        )
        self.messages.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_message(cur.row()))
        #: the chosen message in full (the table's cell may be cut): the text as kept and sent
        self.message_text = QLabel()
        self.message_text.setObjectName("message_text")
        self.message_text.setWordWrap(True)
        self.message_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_text.setStyleSheet("padding: 4px; background: #f3f4f6;")
        messages_tab = QWidget()
        column_m = QVBoxLayout(messages_tab)
        column_m.setContentsMargins(0, 0, 0, 0)
        column_m.addWidget(self.message_text)  # first: on screen even when the details scroll
        column_m.addWidget(self.messages, 1)

        self.tabs = QTabWidget()
        # Ctrl+Tab / Ctrl+PgDn move between the tabs (Alt+digits belong to the action bar).
        pages = (
            (self.fields, self.tr("受理信息")),
            (materials_tab, self.tr("材料")),
            (self.timeline, self.tr("办理过程")),
            (self.prints, self.tr("打印记录")),
            (self.sync, self.tr("同步状态")),
            (messages_tab, self.tr("通知")),
        )
        for n, (page, title) in enumerate(pages):
            self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(n, self.tr("Ctrl+Tab 下一个，Ctrl+Shift+Tab 上一个"))

    def _build_layout(self) -> QScrollArea:
        # The case's details scroll when the screen is short (1024×768 in 特大字号); the action
        # bar stays below them, always on screen.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.header)
        column.addWidget(self.notice)
        column.addWidget(self.tabs, 1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        if self.action_bar is not None:
            layout.addWidget(self.action_bar)
        return scroll

    def _wire(self) -> None:
        self.thumbnails.page_activated.connect(self.open_page)
        self.export_button.clicked.connect(self.export_material)

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
        masked = self.masked
        self._ops.run(
            lambda: load_record(db, case_no, clerk, today, seen, masked), lambda rec: self._loaded(generation, rec)
        )

    def clear(self) -> None:
        self.record, self.pages, self._viewing = None, [], None
        self.title.clear()
        self.header.setText(self.tr("选择一个办件查看详情和办理过程"))
        self.notice.hide()
        for table in (self.fields, self.materials, self.timeline, self.prints, self.sync):
            table.clear()
        self.thumbnails.clear()

    def _loaded(self, generation: int, record: dict[str, Any]) -> None:
        if generation != self._generation:
            return  # the clerk moved on to another case meanwhile
        self.record = record
        self._show_header(record)
        self.fields.set_rows(
            [
                [label, f["value"]]
                for label, f in zip(field_labels(record["field_values"]), record["field_values"], strict=True)
            ],
        )
        self.materials.set_rows(
            [
                [
                    m["name"],
                    labels.material_status(m["status_label"])
                    + (f"（{m['satisfied_by']}）" if m["satisfied_by"] else ""),
                    str(len(m["files"])) if m["files"] else "",
                ]
                for m in record["materials"]
            ],
        )
        self.timeline.set_rows(
            [
                [
                    e["at_local"] + (self.clock_mark() if e.get("clock_suspect") else ""),
                    e["who"],
                    action_label(e["action"]),
                    (
                        f"{labels.state(e['from_state'] or '')} → {labels.state(e['to_state'])}"
                        if e["from_state"] != e["to_state"]
                        else labels.state(e["to_state"])
                    ),
                    e["reason"] or "",
                ]
                for e in record["events"]
            ],
        )
        self.prints.set_rows(
            [
                [
                    p["at_local"],
                    document_title(p["document"]),
                    p["clerk"],
                    str(p["copies"]),
                    self.tr("补打") if p["reprint"] else "",
                    p["reason"],
                ]
                for p in record["prints"]
            ],
        )
        self.sync.set_rows(
            [
                [
                    str(s["revision"]),
                    labels.sync_status(s["status_label"]),
                    s["enqueued_local"],
                    s["acked_local"],
                    s["answer"],
                ]
                for s in record["sync"]
            ],
        )
        self.messages.set_rows(
            [
                [
                    m["at_local"],
                    m["event"],
                    self.tr("发送至 {phone}").format(phone=m["sms"]) if m["sms"] else self.tr("未同意，不发送"),
                    self.tr("本站拟定") if m["composed"] else m["source"].split(" ", 1)[0],
                    m["text"],
                ]
                for m in record.get("messages") or []
            ],
        )
        pages = sum(len(m["files"]) for m in record["materials"])
        self.tabs.setTabText(0, self.tr("受理信息 {n}").format(n=len(record["field_values"])))
        self.tabs.setTabText(1, self.tr("材料 {n}页").format(n=pages))
        self.tabs.setTabText(2, self.tr("办理过程 {n}").format(n=len(record["events"])))
        self.tabs.setTabText(3, self.tr("打印 {n}").format(n=len(record["prints"])))
        synced = labels.sync_status(record["sync"][-1]["status_label"]) if record["sync"] else self.tr("未排队")
        self.tabs.setTabText(4, self.tr("同步：") + synced)
        self.tabs.setTabText(5, self.tr("通知 {n}").format(n=len(record.get("messages") or [])))
        self._show_message(len(record.get("messages") or []) - 1)
        self._show_pages(generation, record)
        self.detail_loaded.emit(record)

    def _show_message(self, row: int) -> None:
        messages = (self.record or {}).get("messages") or []
        if not 0 <= row < len(messages):
            self.message_text.setText(self.tr("本办件尚无通知。") if not messages else "")
            return
        m = messages[row]
        cited = m["source"].split(" ", 1)[0]
        mark = self.tr("（本站拟定模板）") if m["composed"] else self.tr("（模板：{source}）").format(source=cited)
        self.message_text.setText(m["text"] + mark)

    def _show_header(self, r: dict[str, Any]) -> None:
        state = labels.state(r["state"]) + (self.tr("（容缺受理）") if r["deficiency_accepted"] else "")
        due = r["promised_date"] or "—"
        if r.get("deadline_provisional"):
            due += self.tr("（暂定，如遇法定节假日顺延）")
        elif r.get("promised_date_exact") and r.get("promised_date_given"):
            due += self.tr("（回执所载 {given}，节假日安排到后重算为 {exact}，以较晚者为准）").format(
                given=r["promised_date_given"], exact=r["promised_date_exact"]
            )
        colour = "#b3261e" if r["overdue"] else "#1f2937"
        who = self.tr("{applicant}　{gender}　证件号码 {id_number}").format(
            applicant=r["applicant"], gender=labels.gender(r["gender"] or ""), id_number=r["id_number"]
        )
        if r["phone"]:
            who += self.tr("　电话 {phone}").format(phone=r["phone"])
        if not r["full"]:
            who += self.tr("　<span style='color:#6b7280'>（已遮蔽）</span>")
        self.title.setText(f"<span style='font-size:14pt; font-weight:bold'>{r['case_no']}</span>")
        self.title.setToolTip(f"{r['item_name']}（{r['item_code']}）")
        lines = [
            f"<b>{r['item_name']}</b>（{r['item_code']}）",
            self.tr(
                "状态：<b>{state}</b>　承诺办结日期：<span style='color:{colour}'>{due}</span>　目录版本 {version}"
            ).format(state=state, colour=colour, due=due, version=r["catalog_version"]),
            self.tr("申请人：{who}").format(who=who) + (self.tr("　委托办理") if r["by_agent"] else ""),
        ]
        if r["parent_case_no"]:
            lines.append(self.tr("由办件 {case_no} 重新打开").format(case_no=r["parent_case_no"]))
        if r["rating"]:
            lines.append(self.tr("好差评：{rating}").format(rating=labels.rating(r["rating"])))
        messages = r.get("messages") or []
        if messages:
            last = messages[-1]
            to = self.tr("已同意短信：{phone}").format(phone=last["sms"]) if last["sms"] else self.tr("未同意短信")
            mark = self.tr("，本站拟定模板") if last["composed"] else ""
            lines.append(
                self.tr("通知（{event}，{to}{mark}）：<span style='color:#374151'>{text}</span>").format(
                    event=last["event"], to=to, mark=mark, text=html.escape(last["text"])
                )
            )
        self.header.setText("<br>".join(lines))
        if r["centre_rejection"]:
            self.notice.setText(r["centre_rejection"])
            self.notice.show()
        else:
            self.notice.hide()

    # Material pages ---------------------------------------------------------------------------

    def _show_pages(self, generation: int, record: dict[str, Any]) -> None:
        self.pages = [
            {
                **f,
                "material": m["name"],
                "title": self.tr("{material} 第{n}页").format(material=m["name"], n=f["page_no"]),
            }
            for m in record["materials"]
            for f in m["files"]
        ]
        captions = [_short(p["material"]) + f" p{p['page_no']}" for p in self.pages]
        self.thumbnails.set_pages(captions, [p["title"] for p in self.pages])
        self.pages_label.setText(
            self.tr("材料页面（Enter 或双击查看）：") if self.pages else self.tr("本办件没有拍照或上传的材料页面。")
        )
        if not self.pages or self._media_root is None:
            self.thumbnails_loaded.emit(0)
            return
        root, pages = self._media_root, list(self.pages)

        def op() -> list[QImage | None]:
            return [decode_page(root, page, THUMB_PX) for page in pages]

        self._ops.background(op, lambda images: self._thumbnails(generation, images))  # image work: the pool

    def _thumbnails(self, generation: int, images: list[QImage | None]) -> None:
        if generation != self._generation:
            return
        for n, image in enumerate(images):
            self.thumbnails.set_thumbnail(n, image)
            self.thumbnails.mark_loaded(n)
        self.thumbnails_loaded.emit(sum(1 for i in images if i is not None))

    def export_material(self) -> None:
        """The selected material's pages as one PDF file (e.g. for a USB stick or the centre).

        Export is permission-checked and audited in the core (models/material_export.py)."""
        row = self.materials.currentIndex().row()
        if self.record is None or not 0 <= row < len(self.record["materials"]):
            self.export_message.setText(self.tr("请先在上表中选择一份材料。"))
            return
        material = self.record["materials"][row]
        case_no = self.record["case_no"]
        target = self.choose_export_path(f"{case_no}-{material['name'][:20]}.pdf")
        if not target or self._media_root is None:
            return
        db, media_root, clerk_id = self._db, self._media_root, self._clerk_id()

        def op() -> int:
            from models.material_export import export_material
            from models.orm import Clerk
            from printing.material_pdf import MaterialPages, render_material_pdf

            with db.write() as session:
                clerk = session.get(Clerk, clerk_id) if clerk_id is not None else None
                found = export_material(session, media_root, case_no, material["key"], clerk)
            pdf = render_material_pdf(MaterialPages(found.name, found.pages, found.case_no))
            Path(target).write_bytes(pdf)
            return len(found.pages)

        def done(pages: int) -> None:
            self.export_message.setText(self.tr("已导出 {n} 页：{path}").format(n=pages, path=target))

        def failed(exc: BaseException) -> None:
            self.export_message.setText(error_text(exc) or "")

        self._ops.run(op, done, failed)

    def choose_export_path(self, suggested: str) -> str:
        """Where to write the PDF (a file dialog; tests replace this method)."""
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("导出材料 PDF"), suggested, "PDF (*.pdf)")
        return path

    def open_page(self, index: int) -> None:
        if not (0 <= index < len(self.pages)) or self._media_root is None:
            return
        if self.viewer is None:
            self.viewer = ImageViewer(self)
            self.viewer.page_requested.connect(self._load_page)
        self.viewer.setWindowTitle(
            self.tr("查看材料 — {case_no}").format(case_no=self.record["case_no"] if self.record else "")
        )
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

        self._ops.background(lambda: decode_page(root, page, None), shown)

    def clock_mark(self) -> str:
        """After the time of an event stamped while the PC's clock looked wrong (models/clock_guard.py)."""
        return self.tr("（本机时钟异常）")

    # For tests and the status line ------------------------------------------------------------

    def toPlainText(self) -> str:
        """What the panel shows, as text (header and timeline)."""
        if self.record is None:
            return ""
        r = self.record
        lines = [
            self.tr("办件编号：{case_no}").format(case_no=r["case_no"]),
            self.tr("服务事项：{item}（{code}）").format(item=r["item_name"], code=r["item_code"]),
            self.tr("状态：{state}").format(state=labels.state(r["state"])),
            "",
            self.tr("办理过程："),
        ]
        lines += [
            f"  {e['at_local']}{self.clock_mark() if e.get('clock_suspect') else ''}"
            f"  {action_label(e['action'])}  {labels.state(e['to_state'])}  {e['who']}"
            + (f"（{e['reason']}）" if e["reason"] else "")
            for e in r["events"]
        ]
        return "\n".join(lines)


def _short(name: str, limit: int = 8) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
