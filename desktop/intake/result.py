"""Step 5, the outcome: case number, state, promised date, what is still owed, the document."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import labels
from models.intake.submit import SubmitResult


class ResultPage(QWidget):
    preview_requested = Signal()
    print_requested = Signal()
    new_requested = Signal()
    #: the clerk ticked or cleared 申请人同意短信通知 (flow.py stores it: models/sms_consent.py)
    sms_consent_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: SubmitResult | None = None
        self._build_labels()
        buttons = self._build_buttons()
        self._build_layout(buttons)
        self._wire()

    def _build_labels(self) -> None:
        """The case number, state, deadline and the notes under them."""
        self.title = QLabel(self.tr("第五步：办理结果"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.case_no = QLabel()
        self.case_no.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.state = QLabel()
        self.state.setStyleSheet("font-size: 14pt;")
        self.deadline = QLabel()
        self.deadline.setStyleSheet("font-size: 14pt;")
        #: The PC's clock looked wrong at acceptance (models/clock_guard.py): the date is not the clock's.
        self.clock_note = QLabel()
        self.clock_note.setObjectName("clock_note")
        self.clock_note.setWordWrap(True)
        self.clock_note.setStyleSheet("color: #b00020; font-weight: bold;")
        self.clock_note.hide()
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.document = QLabel()
        #: 消息推送 (models/notify.py): the text made for the state reached, as the hub sends it
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #374151;")
        self.message.hide()
        self.sms_consent = QCheckBox(self.tr("申请人同意以短信接收办理进展（发送至受理信息中的联系电话）"))
        self.sms_consent.hide()

    def _build_buttons(self) -> QHBoxLayout:
        self.print_set = QPushButton(self.tr("直接打印全部文书 (F12)"))
        self.printed = QLabel()
        self.printed.setWordWrap(True)
        self.printed.hide()
        #: The evaluator pad's state for this case (waiting, rated, or why not and what to do).
        self.rating_status = QLabel()
        self.rating_status.setObjectName("rating_status")
        self.rating_status.setWordWrap(True)
        self.preview = QPushButton(self.tr("预览、打印 (Ctrl+P)"))
        self.new = QPushButton(self.tr("办理下一件 (F2)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_set)
        buttons.addWidget(self.preview)
        buttons.addWidget(self.new)
        buttons.addStretch(1)
        return buttons

    def _build_layout(self, buttons: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        for w in (self.title, self.case_no, self.state, self.deadline, self.clock_note, self.missing, self.document):
            layout.addWidget(w)
        layout.addWidget(self.message)
        layout.addWidget(self.sms_consent)
        layout.addLayout(buttons)
        layout.addWidget(self.printed)
        layout.addWidget(self.rating_status)
        layout.addStretch(1)

    def _wire(self) -> None:
        self.sms_consent.toggled.connect(self._consent_toggled)
        self.print_set.clicked.connect(self.print_requested)
        self.preview.clicked.connect(self.preview_requested)
        self.new.clicked.connect(self.new_requested)

    def show_printed(self, outcome: object) -> None:
        """What went to which printer (desktop/case_printing.SetOutcome)."""
        printed = getattr(outcome, "printed", [])
        head = self.tr("已补打：") if getattr(outcome, "reprint", False) else self.tr("已打印：")
        self.printed.setText(head + "；".join(f"{title} → {where}" for title, where in printed))
        self.printed.show()

    def show_rating_status(self, text: str, problem: bool = False) -> None:
        self.rating_status.setStyleSheet("color: #b3261e;" if problem else "color: #1b6e20;")
        self.rating_status.setText(text)

    def show_result(self, result: SubmitResult) -> None:
        self.result = result
        self.rating_status.clear()
        self.printed.clear()
        self.printed.hide()
        self.clock_note.clear()
        self.case_no.setText(self.tr("办件编号：{case_no}").format(case_no=result.case_no))
        if result.accepted:
            state = labels.state(result.state) + (self.tr("（容缺受理）") if result.deficiency else "")
            if result.finished:
                state += self.tr("（即办件，已当场办结）")
            elif result.forwarded:
                state += self.tr("（已转{level}级经办机构办理）").format(level=result.forwarded_to)
            self.state.setText(self.tr("状态：{state}").format(state=state))
            if result.finished:
                self.deadline.setText(self.tr("办理时限：{time_limit}").format(time_limit=result.time_limit_text))
            elif result.promised_date is None:
                # Forwarded 即办件 (由上级经办机构办理) or a limit the 统筹地区 sets: no date to promise.
                self.deadline.setText(self.tr("办理时限：{time_limit}").format(time_limit=result.time_limit_text))
            else:
                self.deadline.setText(
                    self.tr("办理时限：{time_limit}    承诺办结日期：{date}").format(
                        time_limit=result.time_limit_text, date=result.promised_date.isoformat()
                    )
                )
                if result.provisional:
                    self.deadline.setText(
                        self.deadline.text() + self.tr("（暂定：{year}年节假日安排未到，如遇法定节假日顺延）").format(
                            year=result.promised_date.year
                        )
                    )
            if result.deficiency_due is not None:
                self.deadline.setText(
                    self.deadline.text()
                    + "\n"
                    + self.tr("容缺材料补齐期限：{date}").format(date=result.deficiency_due.isoformat())
                )
            self.document.setText(self.tr("受理回执已生成。"))
            if result.clock_suspect:
                self.clock_note.setText(
                    self.tr(
                        "⚠ 本机时钟异常，承诺办结日期未按本机日期，而按本站已知的最晚日期或中心端时间起算"
                        "（已在办理过程中注明）。请核对电脑日期和时间。"
                    )
                )
        else:
            self.state.setText(self.tr("状态：{state}").format(state=labels.state(result.state)))
            self.deadline.setText(self.tr("材料补齐后再次受理，办件编号不变。"))
            self.document.setText(self.tr("一次性告知书已生成，请交申请人。"))
        if result.missing:
            head = self.tr("容缺材料（须限期补齐）：") if result.accepted else self.tr("一次性告知，尚缺以下材料：")
            self.missing.setText(head + "、".join(result.missing))
        else:
            self.missing.clear()
        self.clock_note.setVisible(bool(self.clock_note.text()))
        self._show_message(result)
        self.sms_consent.blockSignals(True)
        self.sms_consent.setChecked(bool(result.message_to))
        self.sms_consent.blockSignals(False)
        self.sms_consent.setVisible(result.phone_on_form and bool(result.message))
        self.print_set.setFocus()

    def _show_message(self, result: SubmitResult) -> None:
        if not result.message and result.message_missing:
            if result.message_missing == "phone":
                why = self.tr("本站目录未配置该事项的咨询电话（由县级管理员在本地配置中填写）")
            else:
                why = self.tr("消息模板缺少需要填写的内容：{value}").format(value=result.message_missing)
            self.message.setText(self.tr("未生成通知短信：{why}。").format(why=why))
            self.message.show()
            return
        if not result.message:
            self.message.clear()
            self.message.hide()
            return
        if result.message_to:
            head = self.tr("通知短信（发送至 {phone}）：").format(phone=result.message_to)
        else:
            head = self.tr("通知短信（申请人未同意短信，仅存档）：")
        mark = self.tr("［本站拟定模板］") if result.message_composed else ""
        self.message.setText(head + result.message + mark)
        self.message.show()

    def _consent_toggled(self, checked: bool) -> None:
        self.sms_consent_changed.emit(checked)

    def show_consent(self, phone_masked: str) -> None:
        """After the consent was stored: the message line says where it goes."""
        if self.result is None:
            return
        from dataclasses import replace

        self.result = replace(self.result, message_to=phone_masked)
        self._show_message(self.result)
