"""Step 4, the materials checklist from the catalog: tick (Space), photograph (F7), attach (F8).

Alternatives (医保电子凭证或有效身份证件或社保卡) are chosen in a list beside the line; a
conditional material shows greyed with its condition until the form's values make it apply.
Files are stored by their hash first and referenced after (models.media), on the DB worker.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.intake.context import IntakeContext
from models.catalog import ServiceItem
from models.catalog.local_text import localise
from models.errors import UserFacingError
from models.intake.checklist import (
    ID_READER_LABEL,
    IDENTITY_ALTERNATIVES,
    STATUS_LABELS,
    ChecklistLine,
    deficiency_possible,
    missing_required,
    resolve_checklist,
)
from models.intake.draft import DraftSnapshot
from models.intake.service import attach_file, set_material

FileChooser = Callable[[QWidget], str | None]


def ask_file(parent: QWidget) -> str | None:
    kinds = QCoreApplication.translate("MaterialsChecklist", "图片或PDF (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)")
    title = QCoreApplication.translate("MaterialsChecklist", "选择材料文件")
    path, _ = QFileDialog.getOpenFileName(parent, title, "", kinds)
    return path or None


class MaterialRow:
    def __init__(self, line: ChecklistLine, admdvs: str = "") -> None:
        self.line = line
        name = localise(line.name, admdvs)  # 《XX城乡医疗救助申请表》 → this county's form
        optional = QCoreApplication.translate("MaterialRow", "{name}（非必需）")
        text = name if line.required else optional.format(name=name)
        self.check = QCheckBox(text)
        self.check.setObjectName(f"material_{line.key}")
        self.alternative: QComboBox | None = None
        if line.alternatives:
            self.alternative = QComboBox()
            self.alternative.addItems(list(line.alternatives))
            self.alternative.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.status = QLabel()
        self.files = QLabel()
        hints = []
        if line.condition_text:
            hints.append(
                QCoreApplication.translate("MaterialRow", "适用：{condition}").format(condition=line.condition_text)
            )
        if line.photo_required:
            hints.append(QCoreApplication.translate("MaterialRow", "需拍照留存"))
        if line.original_required:
            hints.append(QCoreApplication.translate("MaterialRow", "需核验原件"))
        if line.deficiency_allowed:
            hints.append(
                QCoreApplication.translate("MaterialRow", "可容缺")
                + (f"（{line.promise_substitute}）" if line.promise_substitute else "")
            )
        self.check.setToolTip("；".join(hints + ([line.note] if line.note else [])))


class MaterialsChecklist(QWidget):
    changed = Signal(object)  # DraftSnapshot after a tick or a file
    photo_requested = Signal(str)  # material key
    submit_requested = Signal()
    #: A 承诺书 to print for the applicant to sign (a print kind: personal-promise …).
    promise_requested = Signal(str)

    def __init__(self, ctx: IntakeContext, parent: QWidget | None = None, choose_file: FileChooser = ask_file) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._choose_file = choose_file
        self.item: ServiceItem | None = None
        self.draft: DraftSnapshot | None = None
        self.rows: dict[str, MaterialRow] = {}
        title = QLabel(self.tr("第四步：收取材料"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        hint = QLabel(self.tr("空格勾选已收取并跳到下一项，Tab 逐项；F7 拍照，F8 添加文件；Ctrl+Enter 提交受理。"))
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        scroll = QScrollArea()
        scroll.setWidget(self._body)
        scroll.setWidgetResizable(True)
        self.deficiency = QCheckBox(self.tr("容缺受理：缺少的材料以个人承诺书代替，限期补齐(&R)"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.deficiency)
        #: 打印承诺书: the item's 承诺书 (表16/表17/表18, 001 委托承诺书) for the applicant to sign
        #: where the catalog lets one stand in for a material.
        self.promises = QHBoxLayout()
        self.promise_buttons: dict[str, QPushButton] = {}
        layout.addLayout(self.promises)
        layout.addWidget(self.summary)
        #: Why a file was not attached (not a picture or PDF, empty, too large), in place.
        self.file_message = QLabel()
        self.file_message.setObjectName("file_message")
        self.file_message.setWordWrap(True)
        self.file_message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.file_message)

    def load(self, item: ServiceItem, draft: DraftSnapshot) -> None:
        self.item, self.draft = item, draft
        while self._grid.count():
            child = self._grid.takeAt(0)
            if child and child.widget():
                child.widget().deleteLater()
        self.rows.clear()
        for n, line in enumerate(resolve_checklist(item, draft.values)):
            if line.applies is not True and line.key not in draft.materials:
                row = MaterialRow(line, self._ctx.admdvs)
                row.check.setEnabled(False)
                row.status.setText(self.tr("不适用") if line.applies is False else self.tr("视填写情况"))
            else:
                row = MaterialRow(line, self._ctx.admdvs)
                row.check.toggled.connect(lambda on, key=line.key: self._ticked(key, on))
                row.check.installEventFilter(self)
            self._grid.addWidget(row.check, n, 0)
            if row.alternative is not None:
                self._grid.addWidget(row.alternative, n, 1)
            self._grid.addWidget(row.status, n, 2)
            self._grid.addWidget(row.files, n, 3)
            self.rows[line.key] = row
        self._grid.setColumnStretch(0, 1)
        # Rows packed at the top: without a stretching row below them, three materials were spread
        # over the whole page with a hand's width between them.
        for r in range(self._grid.rowCount()):
            self._grid.setRowStretch(r, 0)
        self._grid.setRowStretch(len(self.rows), 1)
        self._load_promises(item)
        self._show(draft)

    def _load_promises(self, item: ServiceItem) -> None:
        from models.print_set import promise_kinds
        from printing import KINDS

        for button in self.promise_buttons.values():
            self.promises.removeWidget(button)
            button.deleteLater()
        self.promise_buttons.clear()
        kinds = promise_kinds(item.code, (f.number for f in item.forms), admdvs=self._ctx.admdvs)
        for kind in kinds:
            button = QPushButton(self.tr("打印{title}").format(title=KINDS[kind].title))
            button.setObjectName(f"promise_{kind}")
            button.setToolTip(self.tr("打印承诺书交申请人签字（以承诺书代替无法提供的材料）"))
            button.clicked.connect(lambda _=False, k=kind: self.promise_requested.emit(k))
            self.promises.addWidget(button)
            self.promise_buttons[kind] = button
        if kinds:
            self.promises.addStretch(1)

    def _show(self, draft: DraftSnapshot) -> None:
        self.draft = draft
        for key, row in self.rows.items():
            status = draft.materials.get(key)
            if status is None:
                continue
            row.check.blockSignals(True)
            row.check.setChecked(status == "received")
            row.check.setEnabled(status != "not_applicable")
            row.check.blockSignals(False)
            row.status.setText(labels.material_status(STATUS_LABELS.get(status, status)))
            by = draft.satisfied_by.get(key) or IDENTITY_ALTERNATIVES.get(draft.identity.identified_by)
            if by == ID_READER_LABEL and row.alternative is not None and row.alternative.findText(by) < 0:
                # The card read on the ID card reader (it stands for 有效身份证件): kept as it was
                # recorded, so that unticking and ticking again keeps saying how it was verified.
                row.alternative.addItem(by)
            if by and row.alternative is not None and row.alternative.findText(by) >= 0:
                # Unticked, the list offers what identified the person (a typed number is
                # 有效身份证件, not the first alternative 医保电子凭证).
                row.alternative.setCurrentText(by)
            count = draft.files.get(key, 0)
            row.files.setText(self.tr("{n}页").format(n=count) if count else "")
        assert self.item is not None
        missing = missing_required(self.item, draft.values, draft.materials)
        allowed = deficiency_possible(missing)
        self.deficiency.setVisible(self.item.allows_deficiency)
        self.deficiency.setEnabled(allowed)
        if not allowed:
            self.deficiency.setChecked(False)
        if missing:
            names = "、".join(localise(m.name, self._ctx.admdvs) for m in missing)
            self.summary.setText(self.tr("尚缺{n}项：").format(n=len(missing)) + names)
            self.summary.setStyleSheet("font-weight: bold; color: #8a5300;")
        else:
            self.summary.setText(self.tr("材料齐全。"))
            self.summary.setStyleSheet("font-weight: bold; color: #1b6e20;")

    def focus_first(self) -> None:
        for row in self.rows.values():
            if row.check.isEnabled() and not row.check.isChecked():
                row.check.setFocus()
                return
        self.deficiency.setFocus()

    def _focus_next_open(self, after: QCheckBox) -> None:
        boxes = [r.check for r in self.rows.values() if r.check.isEnabled()]
        start = boxes.index(after) + 1 if after in boxes else 0
        for box in boxes[start:]:
            if not box.isChecked():
                box.setFocus()
                return

    def missing(self) -> list[ChecklistLine]:
        if self.item is None or self.draft is None:
            return []
        return missing_required(self.item, self.draft.values, self.draft.materials)

    # Changes ----------------------------------------------------------------------------------

    def _ticked(self, key: str, on: bool) -> None:
        if self.draft is None:
            return
        row = self.rows[key]
        by = row.alternative.currentText() if (row.alternative is not None and on) else None
        case_no, db = self.draft.case_no, self._ctx.db

        def op() -> DraftSnapshot:
            with db.write() as session:
                return set_material(session, case_no, key, "received" if on else "missing", by)

        self._ctx.ops.run(op, self._applied)

    def attach_bytes(self, key: str, data: bytes, mime: str) -> None:
        if self.draft is None:
            return
        case_no, db, root = self.draft.case_no, self._ctx.db, self._ctx.media_root

        def op() -> DraftSnapshot:
            with db.write() as session:
                return attach_file(session, root, case_no, key, data, mime)

        self.file_message.clear()
        self._ctx.ops.run(op, self._applied, self._refused)

    def attach_pages(self, key: str, pages: list[bytes]) -> None:
        """Pages from the 高拍仪 window, in their order, as the material's next pages (one op)."""
        if self.draft is None or not pages:
            return
        case_no, db, root = self.draft.case_no, self._ctx.db, self._ctx.media_root

        def op() -> DraftSnapshot:
            with db.write() as session:
                snapshot = None
                for data in pages:
                    snapshot = attach_file(session, root, case_no, key, data, "image/jpeg")
                assert snapshot is not None
                return snapshot

        self.file_message.clear()
        self._ctx.ops.run(op, self._applied, self._refused)

    def attach_path(self, key: str, path: str) -> None:
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if self.draft is None:
            return
        case_no, db, root = self.draft.case_no, self._ctx.db, self._ctx.media_root

        def op() -> DraftSnapshot:
            data = Path(path).read_bytes()
            with db.write() as session:
                return attach_file(session, root, case_no, key, data, mime)

        self.file_message.clear()
        self._ctx.ops.run(op, self._applied, self._refused)

    def _refused(self, exc: BaseException) -> None:
        from desktop.errors import error_text, show_error

        if isinstance(exc, (UserFacingError, OSError)):
            name = exc.filename if isinstance(exc, OSError) and exc.filename else ""
            text = (
                error_text(exc)
                if isinstance(exc, UserFacingError)
                else self.tr("无法读取文件 {name}。").format(name=name)
            )
            self.file_message.setText(text or "")
        else:
            show_error(self, exc)

    def _applied(self, draft: DraftSnapshot) -> None:
        self._show(draft)
        self.changed.emit(draft)

    def current_key(self) -> str | None:
        for key, row in self.rows.items():
            if row.check.hasFocus():
                return key
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = self.current_key()
            if key is not None and event.key() == Qt.Key.Key_F7:
                self.photo_requested.emit(key)
                return True
            if key is not None and event.key() == Qt.Key.Key_F8:
                path = self._choose_file(self)
                if path:
                    self.attach_path(key, path)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(obj, QCheckBox):
                self.focusNextChild()
                return True
            if event.key() == Qt.Key.Key_Space and isinstance(obj, QCheckBox) and not obj.isChecked():
                # Space ticks the line and moves on to the next one still open (one key per material).
                obj.setChecked(True)
                self._focus_next_open(obj)
                return True
        return super().eventFilter(obj, event)
