"""The customer's screen (optional second window): what to check, the result, and 好差评.

Shows only masked personal data (the screen faces the queue too). Placed on the second screen
when there is one. Rating keys 1–5 or clicks; the rating is stored with the case by the flow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop import labels
from models.intake.submit import RATINGS

BIG = "font-size: 18pt;"


class CustomerView(QWidget):
    rated = Signal(str, str)  # case_no, rating

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("医保通办 — 请您核对"))
        self.case_no = ""
        self.heading = QLabel(self.tr("欢迎办理医保业务"))
        self.heading.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.applicant = QLabel()
        self.applicant.setStyleSheet(BIG)
        self.checks = QListWidget()
        self.checks.setStyleSheet(BIG)
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet(BIG + " color: #1b6e20;")
        self.rating_label = QLabel(self.tr("请对本次服务进行评价："))
        self.rating_label.setStyleSheet(BIG)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, name in enumerate(RATINGS, start=1):
            button = QPushButton(f"{n} {labels.rating(name)}")
            button.setStyleSheet(BIG)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, r=name: self.rate(r))
            QShortcut(QKeySequence(str(n)), self, activated=lambda r=name: self.rate(r))
            row.addWidget(button)
            self.buttons[name] = button
        self.thanks = QLabel()
        self.thanks.setStyleSheet(BIG)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.applicant)
        layout.addWidget(QLabel(self.tr("请核对以下信息和材料：")))
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.rating_label)
        layout.addLayout(row)
        layout.addWidget(self.thanks)
        self.resize(900, 640)

    def place_on_second_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].availableGeometry())

    def show_case(self, case_no: str, item_name: str, applicant_masked: str, lines: list[str]) -> None:
        self.case_no = case_no
        self.heading.setText(item_name)
        self.applicant.setText(
            self.tr("申请人：{applicant}    办件编号：{case_no}").format(applicant=applicant_masked, case_no=case_no)
        )
        self.checks.clear()
        self.checks.addItems(lines)
        self.result.clear()
        self.thanks.clear()
        for button in self.buttons.values():
            button.setEnabled(False)

    def show_result(self, text: str) -> None:
        self.result.setText(text)
        for button in self.buttons.values():
            button.setEnabled(True)

    def rate(self, rating: str) -> None:
        if not self.case_no or not self.buttons[rating].isEnabled():
            return
        for button in self.buttons.values():
            button.setEnabled(False)
        self.thanks.setText(self.tr("感谢您的评价：{rating}").format(rating=labels.rating(rating)))
        self.rated.emit(self.case_no, rating)
