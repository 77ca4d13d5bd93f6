"""Step 5, the outcome: case number, state, promised date, what is still owed, the document."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import labels
from models.intake.submit import SubmitResult


class ResultPage(QWidget):
    preview_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.preview = QPushButton(self.tr("预览、打印 (Ctrl+P)"))
        self.preview.clicked.connect(self.preview_requested)
        self.new = QPushButton(self.tr("办理下一件 (F2)"))
        self.new.clicked.connect(self.new_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview)
        buttons.addWidget(self.new)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for w in (self.title, self.case_no, self.state, self.deadline, self.clock_note, self.missing, self.document):
            layout.addWidget(w)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.result: SubmitResult | None = None

    def show_result(self, result: SubmitResult) -> None:
        self.result = result
        self.clock_note.clear()
        self.case_no.setText(self.tr("办件编号：{case_no}").format(case_no=result.case_no))
        if result.accepted:
            state = labels.state("已受理") + (self.tr("（容缺受理）") if result.deficiency else "")
            self.state.setText(self.tr("状态：{state}").format(state=state))
            date = result.promised_date.isoformat() if result.promised_date else self.tr("按统筹地区规定")
            self.deadline.setText(
                self.tr("办理时限：{time_limit}    承诺办结日期：{date}").format(
                    time_limit=result.time_limit_text, date=date
                )
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
        self.preview.setFocus()
