"""Step 5, the outcome: case number, state, promised date, what is still owed, the document."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.intake.submit import SubmitResult


class ResultPage(QWidget):
    preview_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("第五步：办理结果")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.case_no = QLabel()
        self.case_no.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.state = QLabel()
        self.state.setStyleSheet("font-size: 14pt;")
        self.deadline = QLabel()
        self.deadline.setStyleSheet("font-size: 14pt;")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.document = QLabel()
        self.preview = QPushButton("预览、打印 (Ctrl+P)")
        self.preview.clicked.connect(self.preview_requested)
        self.new = QPushButton("办理下一件 (F2)")
        self.new.clicked.connect(self.new_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview)
        buttons.addWidget(self.new)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for w in (self.title, self.case_no, self.state, self.deadline, self.missing, self.document):
            layout.addWidget(w)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.result: SubmitResult | None = None

    def show_result(self, result: SubmitResult) -> None:
        self.result = result
        self.case_no.setText(f"办件编号：{result.case_no}")
        if result.accepted:
            state = "已受理" + ("（容缺受理）" if result.deficiency else "")
            self.state.setText(f"状态：{state}")
            date = result.promised_date.isoformat() if result.promised_date else "按统筹地区规定"
            self.deadline.setText(f"办理时限：{result.time_limit_text}    承诺办结日期：{date}")
            self.document.setText("受理回执已生成。")
        else:
            self.state.setText(f"状态：{result.state}")
            self.deadline.setText("材料补齐后再次受理，办件编号不变。")
            self.document.setText("一次性告知书已生成，请交申请人。")
        if result.missing:
            head = "容缺材料（须限期补齐）：" if result.accepted else "一次性告知，尚缺以下材料："
            self.missing.setText(head + "、".join(result.missing))
        else:
            self.missing.clear()
        self.preview.setFocus()
