"""The customer's screen (second window): the applicant checks their data, sees the result and
gives the 好差评 (国办发〔2019〕51号: five levels, one rating per service).

It shows the applicant's own data in full (name, ID number, bank account, phone), so they can
check it; a station whose customer screen faces the queue sets ``customer_screen_masked``.
Opening or updating it never takes the keyboard from the clerk: the window shows without
activating and its buttons take no focus; only a deliberate click into the comment field gives it
the keyboard, and the rating hands it back. 不满意/非常不满意 asks the reason (the county's list,
models/rating.bad_reasons(), plus free text) before the rating is sent.

``CustomerScreenEvaluator`` is this screen as the counter's evaluator: asked once per case
(``request``), it answers with an ``Evaluation`` (models/rating.py). An evaluator pad (the devices
issue, devices/evaluator/) answers a level by key instead; a bad one is stored as the pad gave it,
or, with this screen open, the screen asks the reason (``ask_reason``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from models.rating import BAD_RATINGS, CUSTOMER_SCREEN, RATINGS, Evaluation, EvaluationRequest

EvaluationCallback = Callable[[Evaluation], None]

BIG = "font-size: 18pt;"


class CustomerView(QWidget):
    #: the applicant's rating (an Evaluation), to be stored by the counter
    evaluated = Signal(object)
    #: the window system activated this window anyway (some window managers and the offscreen
    #: platform ignore "does not accept focus"): the counter gives the keyboard back to the clerk
    activated_uninvited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        # Shown for the applicant, never in the clerk's way: no activation on show, no focus.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(self.tr("医保通办 — 请您核对"))
        self.case_no = ""
        self.reasons: tuple[str, ...] = ()
        self._pending = ""  # the bad rating waiting for its reason
        self._reason = ""
        self._build_info()
        row = self._build_rating_row()
        self._build_reason_panel()
        self._build_layout(row)
        self._wire()
        self.resize(900, 640)

    def _build_info(self) -> None:
        """The applicant, the checks and the result, in large type."""
        self.heading = QLabel(self.tr("欢迎办理医保业务"))
        self.heading.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.applicant = QLabel()
        self.applicant.setStyleSheet(BIG)
        self.applicant.setWordWrap(True)
        self.checks = QListWidget()
        self.checks.setStyleSheet(BIG)
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet(BIG + " color: #1b6e20;")

    def _build_rating_row(self) -> QHBoxLayout:
        """The five rating buttons, disabled until a case asks for a rating."""
        self.rating_label = QLabel(self.tr("请对本次服务进行评价："))
        self.rating_label.setStyleSheet(BIG)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, name in enumerate(RATINGS, start=1):
            button = QPushButton(f"{n} {labels.rating(name)}")
            button.setStyleSheet(BIG)
            button.setEnabled(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
            self.buttons[name] = button
        return row

    def _build_reason_panel(self) -> None:
        """不满意/非常不满意: why?"""
        self.reason_panel = QWidget()
        self.reason_title = QLabel()
        self.reason_title.setStyleSheet(BIG)
        self.reason_grid = QGridLayout()
        self.reason_buttons: dict[str, QPushButton] = {}
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("其他意见（可不填）"))
        self.comment.setStyleSheet(BIG)
        self.comment.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # only when the applicant clicks it
        self.send_button = QPushButton(self.tr("提交评价"))
        self.send_button.setStyleSheet(BIG)
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel = QVBoxLayout(self.reason_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.reason_title)
        panel.addLayout(self.reason_grid)
        panel.addWidget(self.comment)
        panel.addWidget(self.send_button)
        self.reason_panel.hide()

    def _build_layout(self, row: QHBoxLayout) -> None:
        self.thanks = QLabel()
        self.thanks.setStyleSheet(BIG)
        self.thanks.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.applicant)
        layout.addWidget(QLabel(self.tr("请核对以下信息和材料：")))
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.rating_label)
        layout.addLayout(row)
        layout.addWidget(self.reason_panel)
        layout.addWidget(self.thanks)

    def _wire(self) -> None:
        for name, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, r=name: self.rate(r))
        self.comment.installEventFilter(self)
        self.send_button.clicked.connect(self.send_reason)
        self.comment.returnPressed.connect(self.send_reason)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and not self.accepts_keyboard:
            self.activated_uninvited.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.comment and event.type() == QEvent.Type.MouseButtonPress and not self.accepts_keyboard:
            self.take_keyboard()
        return super().eventFilter(obj, event)

    @property
    def accepts_keyboard(self) -> bool:
        return not bool(self.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus)

    def take_keyboard(self) -> None:
        """The applicant clicked the comment field: this window may have the keyboard now."""
        self._set_focusable(True)
        self.activateWindow()
        self.comment.setFocus()

    def give_keyboard_back(self) -> None:
        if self.accepts_keyboard:
            self._set_focusable(False)

    def _set_focusable(self, focusable: bool) -> None:
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, not focusable)
        if visible:
            self.show()  # changing window flags hides the window

    def place_on_second_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].availableGeometry())

    def show_case(self, case_no: str, item_name: str, applicant: str, lines: list[str]) -> None:
        if case_no != self.case_no:
            self._reset_rating()
        self.case_no = case_no
        self.heading.setText(item_name)
        self.applicant.setText(
            self.tr("申请人：{applicant}    办件编号：{case_no}").format(applicant=applicant, case_no=case_no)
        )
        self.checks.clear()
        self.checks.addItems(lines)

    def show_result(self, text: str) -> None:
        self.result.setText(text)
        if not self.thanks.text():
            for button in self.buttons.values():
                button.setEnabled(True)

    def set_reasons(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        while self.reason_grid.count():
            item = self.reason_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.reason_buttons = {}
        for n, reason in enumerate(reasons):
            button = QPushButton(reason)
            button.setCheckable(True)
            button.setStyleSheet(BIG)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, r=reason: self.choose_reason(r))
            self.reason_grid.addWidget(button, n // 3, n % 3)
            self.reason_buttons[reason] = button

    # --- the applicant's clicks -------------------------------------------------------------

    def rate(self, rating: str) -> None:
        if not self.case_no or not self.buttons[rating].isEnabled():
            return
        if rating in BAD_RATINGS:
            self._pending = rating
            self.reason_title.setText(
                self.tr("您选择了“{rating}”，请告诉我们原因（可多说几句）：").format(rating=labels.rating(rating))
            )
            self.reason_panel.show()
            self.thanks.clear()
            return
        self._send(Evaluation(self.case_no, rating, channel=CUSTOMER_SCREEN))

    def ask_reason(self, case_no: str, rating: str) -> None:
        """A pad gave a bad rating: the screen asks why (the answer goes out as ``evaluated``)."""
        self.case_no = case_no
        for button in self.buttons.values():
            button.setEnabled(True)
        self.rate(rating)

    def choose_reason(self, reason: str) -> None:
        self._reason = reason if self._reason != reason else ""
        for text, button in self.reason_buttons.items():
            button.setChecked(text == self._reason)

    def send_reason(self) -> None:
        if not self._pending:
            return
        comment = self.comment.text().strip()
        if not (self._reason or comment):
            self.thanks.setText(self.tr("请选择一个原因，或写下您的意见。"))
            return
        self._send(Evaluation(self.case_no, self._pending, self._reason, comment, CUSTOMER_SCREEN))

    def _send(self, evaluation: Evaluation) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.reason_panel.hide()
        self.thanks.setText(self.tr("正在提交评价……"))
        self.evaluated.emit(evaluation)

    # --- the counter's answer ---------------------------------------------------------------

    def rating_saved(self, evaluation: Evaluation) -> None:
        for button in self.buttons.values():  # rated (here or on the pad): once per service
            button.setEnabled(False)
        self.thanks.setText(self.tr("感谢您的评价：{rating}").format(rating=labels.rating(evaluation.rating)))

    def rating_failed(self, text: str) -> None:
        self.thanks.setText(text)
        if self._pending:
            self.reason_panel.show()
        else:
            for button in self.buttons.values():
                button.setEnabled(True)

    def _reset_rating(self) -> None:
        self._pending, self._reason = "", ""
        self.comment.clear()
        self.reason_panel.hide()
        self.result.clear()
        self.thanks.clear()
        for button in self.reason_buttons.values():
            button.setChecked(False)
        for button in self.buttons.values():
            button.setEnabled(False)


class CustomerScreenEvaluator(QObject):
    """The customer screen as the counter's evaluator: ``request`` once per case, ``done`` with the
    applicant's ``Evaluation`` (an evaluator pad is the devices issue's, devices/evaluator/)."""

    name = CUSTOMER_SCREEN

    def __init__(self, view: CustomerView) -> None:
        super().__init__(view)
        self.view = view
        self._done: EvaluationCallback | None = None
        view.evaluated.connect(self._evaluated)

    def request(self, request: EvaluationRequest, done: EvaluationCallback) -> None:
        self._done = done
        self.view.set_reasons(request.reasons)

    def cancel(self) -> None:
        self._done = None

    def _evaluated(self, evaluation: Evaluation) -> None:
        if self._done is not None and evaluation.case_no:
            self._done(evaluation)
