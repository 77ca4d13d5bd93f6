"""Step 2, choose the service item: type a name, pinyin initials (ydjy) or a code; ↑/↓, Enter.

Items this station's level may not accept are listed greyed with the reason; items this
station used lately come first. The duplicate guard warns when the applicant already has an
open case for the highlighted item.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.intake.context import IntakeContext
from desktop.labels import level_label
from models.intake.item_index import ItemHit, ItemIndex, Usage
from models.intake.service import item_usage

CODE_ROLE = Qt.ItemDataRole.UserRole
ALLOWED_ROLE = Qt.ItemDataRole.UserRole + 1


class ItemChooser(QWidget):
    item_chosen = Signal(str)  # item code
    results_shown = Signal(int)

    def __init__(self, ctx: IntakeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._index = ItemIndex(ctx.get_catalog(), ctx.level)
        self._usage: dict[str, Usage] = {}
        self._open_by_item: dict[str, list[str]] = {}
        title = QLabel(self.tr("第二步：选择服务事项"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.applicant = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入事项名称、拼音首字母（如 ydjy）或事项编码；↑↓ 选择，Enter 确定"))
        self.search.setAccessibleName(self.tr("搜索服务事项"))
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.itemDoubleClicked.connect(lambda _i: self.choose())
        self.list.currentRowChanged.connect(self._current_changed)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5300; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.applicant)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.warning)
        self.search.textChanged.connect(self._refresh)
        self.search.returnPressed.connect(self.choose)
        self.search.installEventFilter(self)

    def start(self, applicant_text: str, open_by_item: dict[str, list[str]]) -> None:
        self.applicant.setText(applicant_text)
        self._open_by_item = open_by_item
        self.search.clear()
        self._refresh()
        self.search.setFocus()
        self._ctx.ops.run(self._load_usage, self._set_usage)

    def _load_usage(self) -> dict[str, Usage]:
        with self._ctx.db.read() as session:
            return item_usage(session)

    def _set_usage(self, usage: dict[str, Usage]) -> None:
        self._usage = usage
        self._refresh()

    def _refresh(self) -> None:
        hits = self._index.search(self.search.text(), self._usage)
        self.list.clear()
        for hit in hits:
            self.list.addItem(self._row(hit))
        first = next((i for i in range(self.list.count()) if self.list.item(i).data(ALLOWED_ROLE)), 0)
        if self.list.count():
            self.list.setCurrentRow(first)
        self.results_shown.emit(len(hits))

    def _row(self, hit: ItemHit) -> QListWidgetItem:
        text = f"{hit.name}    {hit.code}    〔{hit.rights_text}〕"
        if hit.used:
            text += self.tr("  本站近期办理{n}件").format(n=hit.used)
        if hit.code in self._open_by_item:
            text += self.tr("  ⚠ 有未办结办件")
        row = QListWidgetItem(text)
        row.setData(CODE_ROLE, hit.code)
        row.setData(ALLOWED_ROLE, hit.can_accept)
        if not hit.can_accept:
            row.setForeground(QBrush(QColor("#8c8c8c")))
            row.setToolTip(self.tr("本服务点（{level}级）不能受理该事项").format(level=level_label(self._ctx.level.value)))
        return row

    def _current_changed(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        code = item.data(CODE_ROLE) if item else None
        if code and code in self._open_by_item:
            numbers = "、".join(self._open_by_item[code])
            text = self.tr(
                "重复办理提醒：该申请人已有该事项未办结的办件 {numbers}。确需再次申请请按 Enter 继续。"
            ).format(numbers=numbers)
            self.warning.setText(text)
        elif item is not None and not item.data(ALLOWED_ROLE):
            level = level_label(self._ctx.level.value)
            self.warning.setText(
                self.tr("本服务点（{level}级）不能受理该事项，请引导申请人到上级经办机构办理。").format(level=level)
            )
        else:
            self.warning.clear()

    def current_code(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(CODE_ROLE)) if item else None

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        if not item.data(ALLOWED_ROLE):
            self._current_changed(self.list.currentRow())
            return
        self.item_chosen.emit(str(item.data(CODE_ROLE)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """↑/↓/PgUp/PgDn in the search field move the list selection."""
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8, Qt.Key.Key_PageDown: 8}.get(
                Qt.Key(event.key())
            )
            if step is not None and self.list.count():
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(obj, event)
