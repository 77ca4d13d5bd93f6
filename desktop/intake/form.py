"""Step 3, the intake form generated from the catalog item's fields (labels as the catalog has them).

Every change is checked at once (message next to the field) and autosaved, debounced, through
one DB op, so a power cut loses nothing typed. Enter goes to the next required field still
empty (Tab visits every field); when none is left it goes on to the materials. Conditional
fields appear when their condition holds.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.intake.context import IntakeContext
from desktop.messages import render
from desktop.scanner_gun import ACCEPTS_ID_NUMBER
from models import clock
from models.catalog import FieldType, ServiceItem
from models.clock import CHINA
from models.errors import ValidationError
from models.intake.draft import DraftSnapshot
from models.intake.fields import NO, YES, FormRow, form_rows, is_visible, validate_field
from models.intake.service import save_draft
from models.regions import RegionTable
from models.regions import table as region_table
from models.sms_consent import is_mobile

logger = logging.getLogger(__name__)

AUTOSAVE_MS = 600
PLACEHOLDERS = {
    FieldType.DATE: QT_TRANSLATE_NOOP("IntakeForm", "如 2026-01-31"),
    FieldType.MONEY: QT_TRANSLATE_NOOP("IntakeForm", "金额（元），如 1280.50"),
    FieldType.PHONE: QT_TRANSLATE_NOOP("IntakeForm", "手机号码或带区号的固定电话"),
    FieldType.REGION_CODE: QT_TRANSLATE_NOOP("IntakeForm", "6/9/12位行政区划代码"),
    FieldType.BANK_ACCOUNT: QT_TRANSLATE_NOOP("IntakeForm", "银行卡号"),
    FieldType.ID_NUMBER: QT_TRANSLATE_NOOP("IntakeForm", "18位公民身份号码"),
    FieldType.DOCUMENT_NUMBER: QT_TRANSLATE_NOOP("IntakeForm", "证件号码"),
    FieldType.POSTAL_CODE: QT_TRANSLATE_NOOP("IntakeForm", "6位邮政编码"),
}


class FieldEditor:
    """One row's input widget behind a common text interface."""

    def __init__(self, row: FormRow) -> None:
        self.row = row
        self.widget: QLineEdit | QComboBox
        if row.type in (FieldType.ENUM, FieldType.BOOLEAN):
            combo = QComboBox()
            options = [NO, YES] if row.type is FieldType.BOOLEAN else list(row.options)
            combo.addItems(["", *options])
            combo.setEditable(row.open_options)
            self.widget = combo
        else:
            edit = QLineEdit()
            hint = PLACEHOLDERS.get(row.type, "")
            hint = QCoreApplication.translate("IntakeForm", hint) if hint else ""
            if row.type is FieldType.MULTI_ENUM:
                hint = QCoreApplication.translate("IntakeForm", "可多选，用顿号分隔：") + "、".join(row.options)
            edit.setPlaceholderText(hint)
            if row.type in (FieldType.ID_NUMBER, FieldType.DOCUMENT_NUMBER):
                edit.setProperty(ACCEPTS_ID_NUMBER, True)  # an ID card reader may type here
            self.widget = edit
        self.widget.setAccessibleName(row.label)
        self.widget.setObjectName(f"field_{row.key}")

    def text(self) -> str:
        w = self.widget
        return w.currentText() if isinstance(w, QComboBox) else w.text()

    def set_text(self, value: str) -> None:
        w = self.widget
        w.blockSignals(True)
        if isinstance(w, QComboBox):
            index = w.findText(value)
            if index >= 0:
                w.setCurrentIndex(index)
            elif w.isEditable():
                w.setEditText(value)
        else:
            w.setText(value)
        w.blockSignals(False)

    def connect_changed(self, slot: object) -> None:
        w = self.widget
        if isinstance(w, QComboBox):
            w.currentTextChanged.connect(slot)
        else:
            w.textChanged.connect(slot)


class IntakeForm(QWidget):
    draft_saved = Signal(object)  # DraftSnapshot after an autosave
    completed = Signal()  # Enter on the last field
    validated = Signal(bool)

    def __init__(self, ctx: IntakeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.draft: DraftSnapshot | None = None
        self.item: ServiceItem | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._saving = False
        self.saves = 0
        #: the GB/T 2260 table (models/regions.py), loaded on the DB worker when a form has places
        self.regions: RegionTable | None = None
        #: 短信通知: the applicant's consent, asked beside the 联系电话 field (models/sms_consent.py);
        #: off until the clerk ticks it. None: this item's form has no 联系电话.
        self.sms_consent: QCheckBox | None = None
        self._consent_error: QLabel | None = None
        self.title = QLabel(self.tr("第三步：填写受理信息"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.saved_label = QLabel(self.tr("尚未保存"))
        self.saved_label.setStyleSheet("color: #555;")
        self._body = QWidget()
        self._layout = QFormLayout(self._body)
        scroll = QScrollArea()
        scroll.setWidget(self._body)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.saved_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

    # Building -------------------------------------------------------------------------------

    def load(self, item: ServiceItem, draft: DraftSnapshot, defaults: dict[str, str]) -> None:
        self._timer.stop()
        self.item, self.draft = item, draft
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.editors.clear()
        self.errors.clear()
        self._labels.clear()
        self.sms_consent = self._consent_error = None
        self.subtitle.setText(
            self.tr("{item}（{code}）  办件编号 {case_no}  带 * 为必填").format(
                item=item.name, code=item.code, case_no=draft.case_no
            )
        )
        group = ""
        for row in form_rows(item):
            if row.group and row.group != group:
                header = QLabel(row.group)
                header.setStyleSheet("font-weight: bold; margin-top: 6px;")
                self._layout.addRow(header)
            group = row.group
            editor = FieldEditor(row)
            label = QLabel(row.label + (" *" if row.required else ""))
            label.setBuddy(editor.widget)
            error = QLabel()
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            if row.note:
                editor.widget.setToolTip(row.note)
            self._layout.addRow(label, editor.widget)
            self._layout.addRow("", error)
            value = draft.values.get(row.key) or defaults.get(row.key, "")
            if not value and row.type is FieldType.BOOLEAN:
                value = NO
            editor.set_text(value)
            editor.connect_changed(lambda _t, key=row.key: self._changed(key))
            editor.widget.installEventFilter(self)
            if row.type is FieldType.REGION_CODE and isinstance(editor.widget, QLineEdit):
                self._add_place_chooser(editor.widget)
            self.editors[row.key] = editor
            self.errors[row.key] = error
            self._labels[row.key] = label
            if row.key == "phone":
                self._add_consent(draft.sms_consent)
        self._apply_conditions()
        if self.regions is None and any(r.type is FieldType.REGION_CODE for r in form_rows(item)):
            self._ctx.ops.run(region_table, self._regions_loaded)
        if any(not draft.values.get(k) and defaults.get(k) for k in defaults) or not draft.values:
            self.schedule_save()  # the defaults are part of the draft too
        self.saved_label.setText(self.tr("草稿已保存") if draft.saved_at else self.tr("尚未保存"))

    def _add_consent(self, checked: bool) -> None:
        """The box under the 联系电话 field: the wording the clerk reads to the applicant."""
        box = QCheckBox(self.tr("申请人同意接收短信通知（受理、补正、办结等办理进展发送至上方联系电话）"))
        box.setObjectName("sms_consent")
        box.setAccessibleName(self.tr("短信通知同意"))
        box.setToolTip(
            self.tr("须先征得申请人同意；不勾选则不发送短信，通知内容仍存档并打印在回执、告知书上。")
        )
        box.setChecked(checked)
        box.toggled.connect(self._consent_changed)
        box.installEventFilter(self)
        error = QLabel()
        error.setStyleSheet("color: #b3261e;")
        error.setWordWrap(True)
        error.hide()
        self._layout.addRow(QLabel(self.tr("短信通知")), box)
        self._layout.addRow("", error)
        self.sms_consent, self._consent_error = box, error

    def consent(self) -> bool:
        box = self.sms_consent
        return bool(box is not None and box.isVisibleTo(self) and box.isChecked())

    def _consent_changed(self, _checked: bool) -> None:
        self._check_consent()
        self.schedule_save()

    def _check_consent(self) -> bool:
        """Consent needs a mobile number to send to (a 固定电话 takes no 短信)."""
        if self._consent_error is None:
            return True
        editor = self.editors.get("phone")
        ok = not self.consent() or (editor is not None and is_mobile(editor.text()))
        self._consent_error.setText("" if ok else self.tr("短信通知须在联系电话中填写 11 位手机号码。"))
        self._consent_error.setVisible(not ok)
        return ok

    # Places (行政区划): by name, pinyin or code; the name shown beside the code ------------------

    def _add_place_chooser(self, edit: QLineEdit) -> None:
        model = QStringListModel(self)
        completer = QCompleter(model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.setWidget(edit)
        completer.activated.connect(lambda text, e=edit: self._place_chosen(e, text))
        edit.textEdited.connect(lambda text, m=model, c=completer: self._suggest_places(text, m, c))
        edit.setPlaceholderText(self.tr("输入地名、拼音或代码，如 都匀、duyun、522701"))

    def _suggest_places(self, text: str, model: QStringListModel, completer: QCompleter) -> None:
        if self.regions is None or not text.strip() or (text.strip().isdigit() and len(text.strip()) >= 6):
            self._hide_places(completer)
            return
        hits = self.regions.search(text, 12, near=self._ctx.admdvs)
        model.setStringList([f"{r.code} {r.full_name}" for r in hits])
        if hits:
            completer.complete()
        else:
            self._hide_places(completer)

    @staticmethod
    def _hide_places(completer: QCompleter) -> None:
        """Close the suggestions and give the keyboard back to the place field's window.

        Where the platform made the popup the active window (seen on the offscreen platform; not
        checked on a real window manager), the form's window must be activated again, or the next
        step's focus (the materials list after Enter) lands nowhere and Space ticks nothing.
        """
        popup = completer.popup()
        if not popup.isVisible():
            return
        popup.hide()
        edit = completer.widget()
        if edit is not None and edit.isVisible():
            edit.activateWindow()
            edit.setFocus()

    def _place_chosen(self, edit: QLineEdit, text: str) -> None:
        code = text.split(" ", 1)[0]
        edit.setText(code)  # textChanged: checked, named and autosaved like typing

    def _regions_loaded(self, regions: RegionTable) -> None:
        self.regions = regions
        for key, editor in self.editors.items():
            if editor.row.type is FieldType.REGION_CODE and editor.text().strip():
                self._check(key, show_required=False)

    def focus_first_empty(self) -> None:
        for editor in self.editors.values():
            if editor.widget.isVisibleTo(self) and not editor.text().strip() and editor.row.required:
                editor.widget.setFocus()
                return
        first = next(iter(self.editors.values()), None)
        if first:
            first.widget.setFocus()

    # Values, checking, conditions -------------------------------------------------------------

    def values(self) -> dict[str, str]:
        return {key: editor.text().strip() for key, editor in self.editors.items()}

    def _changed(self, key: str) -> None:
        self._check(key, show_required=False)
        self._apply_conditions()
        if key == "phone" and self.consent():
            self._check_consent()
        self.schedule_save()

    def _check(self, key: str, show_required: bool) -> bool:
        editor = self.editors[key]
        label = self.errors[key]
        try:
            validate_field(editor.row, editor.text(), self.values(), clock.today_local())
        except ValidationError as exc:
            if exc.code == "intake.required" and not show_required:
                label.hide()
                return False
            typed = editor.text().strip()
            if editor.row.type is FieldType.REGION_CODE and not show_required and not typed.isdigit():
                label.setStyleSheet("color: #555;")  # a name being looked up, not a wrong code yet
                label.setText(self.tr("请从下拉列表中选择地点（↓ 选择，Enter 确定）"))
                label.show()
                return False
            label.setStyleSheet("color: #b3261e;")
            label.setText(render(exc))
            label.show()
            return False
        place = editor.text().strip()
        if editor.row.type is FieldType.REGION_CODE and place and self.regions is not None:
            region = self.regions.get(place)
            if region is not None:  # the name beside the code
                label.setStyleSheet("color: #1b6e20;")
                label.setText(region.full_name + (self.tr("（乡镇/村级代码）") if len(place) > 6 else ""))
                label.show()
                return True
        label.hide()
        return True

    def _apply_conditions(self) -> None:
        if self.item is None:
            return
        values = self.values()
        for key, editor in self.editors.items():
            visible = is_visible(editor.row, values, self.item)
            editor.widget.setVisible(visible)
            self._labels[key].setVisible(visible)
            if not visible:
                self.errors[key].hide()
            if key == "phone" and self.sms_consent is not None:
                self.sms_consent.setVisible(visible)
                label = self._layout.labelForField(self.sms_consent)
                if label is not None:
                    label.setVisible(visible)

    def validate_all(self) -> bool:
        """Show every problem; focus the first. True when the form can be submitted."""
        first: QWidget | None = None
        for key, editor in self.editors.items():
            if not editor.widget.isVisibleTo(self):
                continue
            if not self._check(key, show_required=True) and first is None:
                first = editor.widget
            if key == "phone" and not self._check_consent() and first is None:
                first = self.sms_consent
        if first is not None:
            first.setFocus()
        self.validated.emit(first is None)
        return first is None

    # Autosave ---------------------------------------------------------------------------------

    def schedule_save(self) -> None:
        if self.draft is not None:
            self.saved_label.setText(self.tr("正在输入…"))
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive() or self._saving

    def save_now(self) -> None:
        self._timer.stop()
        if self.draft is None:
            return
        draft = self.draft.with_values(self.values(), self.consent())
        db = self._ctx.db
        self._saving = True

        def op() -> DraftSnapshot:
            with db.write() as session:
                return save_draft(session, draft)

        self._ctx.ops.run(op, self._saved, self._save_failed)

    def save_on_exit(self) -> None:
        """Synchronous last save when the window closes (the DB worker has already stopped)."""
        if self.draft is None or not self._timer.isActive():
            return
        self._timer.stop()
        try:
            with self._ctx.db.write() as session:
                save_draft(session, self.draft.with_values(self.values(), self.consent()))
        except Exception:  # closing must not fail; the autosave before this one stands
            logger.exception("last draft save failed")

    def _saved(self, draft: DraftSnapshot) -> None:
        self._saving = False
        self.saves += 1
        if self.draft is not None and draft.case_no == self.draft.case_no:
            self.draft = draft
        self.saved_label.setText(
            self.tr("草稿已自动保存 {time}").format(time=clock.now().astimezone(CHINA).strftime("%H:%M:%S"))
        )
        self.draft_saved.emit(draft)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        from desktop.errors import error_text

        self.saved_label.setText(self.tr("草稿未能保存：") + (error_text(exc) or ""))

    # Keyboard ---------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                phone = self.editors.get("phone")
                if obj is self.sms_consent and phone is not None:
                    obj = phone.widget  # Enter on the consent box goes on as from the phone field
                self._enter_from(obj)
                return True
        return super().eventFilter(obj, event)

    def _enter_from(self, obj: QObject) -> None:
        """Enter checks this field and goes to the next required field still empty (filled and
        optional ones are skipped: Tab reaches them); with none left, on to the materials."""
        keys = [k for k, e in self.editors.items() if e.widget.isVisibleTo(self)]
        for n, key in enumerate(keys):
            if self.editors[key].widget is obj:
                if not self._check(key, show_required=True):
                    return  # the message is beside the field; the clerk corrects it first
                later = keys[n + 1 :] + keys[:n]
                target = next(
                    (k for k in later if self.editors[k].row.required and not self.editors[k].text().strip()), None
                )
                if target is not None:
                    self.editors[target].widget.setFocus()
                else:
                    self.completed.emit()
                return
