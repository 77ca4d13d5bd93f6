"""The case desk's action bar: lifecycle actions on the selected case, reprint, resume a draft.

Buttons are enabled from ``models.intake.submit.desk_actions`` (lifecycle + the catalog's level
rights); a disabled one says why in its tooltip. Reasons are typed into the bar (no modal
prompt), and an action that needs one without it gets the message next to the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop import labels
from desktop.errors import error_text
from desktop.intake.context import IntakeContext
from desktop.intake.documents import render_job, show_preview
from desktop.print_service import PreviewDialog, PrintJob, PrintService
from models.intake.service import clerk_by_id
from models.intake.submit import DESK_ACTIONS, ActionChoice, case_actions, perform
from models.lifecycle import RULES, Action
from models.permissions import Permission, clerk_may
from models.print_log import may_reprint
from models.rating import awaits_follow_up, follow_up

SHORTCUTS = {
    Action.ACCEPT: "Alt+1",
    Action.RETURN_FOR_SUPPLEMENT: "Alt+2",
    Action.REFUSE: "Alt+3",
    Action.WITHDRAW: "Alt+4",
    Action.FORWARD: "Alt+5",
    Action.APPROVE: "Alt+6",
    Action.REJECT: "Alt+7",
    Action.PAY: "Alt+8",
    Action.COMPLETE: "Alt+9",
    Action.SUPPLY_DEFICIENCY: "Alt+0",
}


class CaseActionBar(QWidget):
    action_done = Signal(str, str)  # case_no, new state
    resume_requested = Signal(str)  # case_no of a draft
    actions_loaded = Signal(object)  # list[ActionChoice]
    set_printed = Signal(object)  # desktop/case_printing.SetOutcome

    def __init__(self, ctx: IntakeContext, printer: PrintService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._printer = printer
        self.case_no: str | None = None
        self.state: str = ""
        self.preview: PreviewDialog | None = None
        self.buttons: dict[Action, QPushButton] = {}
        self._build_reason()
        grid = QGridLayout(self)
        self._build_grid(grid)
        self._wire()

    def _build_reason(self) -> None:
        """原因 and the message line."""
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("原因（不予受理、退回补正、撤回、审核不通过、补打时必填）"))
        self.reason.setAccessibleName(self.tr("原因"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        # Two lines kept for it (what was printed where runs to two at 1366×768); squeezed to one
        # by the detail above, the text was cut at top and bottom.
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing() + 4)

    def _build_grid(self, grid: QGridLayout) -> None:
        """原因, the desk actions four to a row, 打印/补打/草稿/整改, the message."""
        reason_label = QLabel(self.tr("原因(&Y)："))
        reason_label.setBuddy(self.reason)  # Alt+Y, and the label shows no "&"
        grid.addWidget(reason_label, 0, 0)
        grid.addWidget(self.reason, 0, 1, 1, 3)
        for n, action in enumerate(DESK_ACTIONS):
            button = QPushButton(f"{labels.action(RULES[action].label)} ({SHORTCUTS[action]})")
            button.setShortcut(SHORTCUTS[action])
            button.setEnabled(False)
            grid.addWidget(button, 1 + n // 4, n % 4)
            self.buttons[action] = button
        self.reprint = QPushButton(self.tr("补打 (Ctrl+R)"))
        self.reprint.setShortcut("Ctrl+R")
        self.reprint.setEnabled(False)
        self.resume = QPushButton(self.tr("继续填写草稿 (Ctrl+E)"))
        self.resume.setShortcut("Ctrl+E")
        self.resume.setEnabled(False)
        # The case's documents straight to the configured printers (no dialog); printed before,
        # it is a 补打 and takes the reason typed above.
        self.print_set = QPushButton(self.tr("直接打印全部文书 (F12)"))
        self.print_set.setShortcut("F12")
        self.print_set.setEnabled(False)
        grid.addWidget(self.print_set, 3, 1)
        grid.addWidget(self.reprint, 3, 2)
        grid.addWidget(self.resume, 3, 3)
        # 差评整改: what was done about a 不满意/非常不满意 rating, written in the 原因 field.
        self.follow_up = QPushButton(self.tr("登记差评整改 (Ctrl+G)"))
        self.follow_up.setShortcut("Ctrl+G")
        self.follow_up.setEnabled(False)
        grid.addWidget(self.follow_up, 4, 0, 1, 2)
        grid.addWidget(self.message, 5, 0, 1, 4)

    def _wire(self) -> None:
        for action, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, a=action: self.run(a))
        self.reprint.clicked.connect(self.reprint_document)
        self.resume.clicked.connect(self._resume)
        self.print_set.clicked.connect(self.print_documents)
        self.follow_up.clicked.connect(self.record_follow_up)

    def _resume(self) -> None:
        if self.case_no:
            self.resume_requested.emit(self.case_no)

    @property
    def ctx(self) -> IntakeContext:
        """The counter's context (database, worker, media, signed-in clerk) the desk shares."""
        return self._ctx

    def set_case(self, case_no: str | None, state: str = "") -> None:
        self.case_no, self.state = case_no, state
        self.message.clear()
        for button in self.buttons.values():
            button.setEnabled(False)
        self.reprint.setEnabled(False)
        self.follow_up.setEnabled(False)
        self.print_set.setEnabled(case_no is not None and state not in ("草稿", ""))
        self.resume.setEnabled(state in ("草稿", "退回补正"))
        if case_no is None:
            return
        db = self._ctx.db

        clerk_id = self._ctx.clerk_id

        def op() -> tuple[list[ActionChoice], bool, bool, bool]:
            with db.read() as session:
                bad = awaits_follow_up(session, case_no)
                may_intake = clerk_may(clerk_by_id(session, clerk_id), Permission.CASE_INTAKE)
                return case_actions(session, case_no, clerk_id), may_reprint(session, clerk_id), bad, may_intake

        self._ctx.ops.run(op, lambda result: self._show(case_no, *result))

    def _show(
        self,
        case_no: str,
        choices: list[ActionChoice],
        reprint_allowed: bool = True,
        follow_up: bool = False,
        may_intake: bool = True,
    ) -> None:
        if case_no != self.case_no:
            return
        if not may_intake:  # 继续填写草稿 is intake work
            self.resume.setEnabled(False)
        self.follow_up.setEnabled(follow_up)
        for choice in choices:
            button = self.buttons[choice.action]
            button.setEnabled(choice.enabled)
            button.setToolTip(choice.why_not or labels.action(RULES[choice.action].label))
        # 补打 needs the reprint permission (打印员, 管理员); the core refuses it anyway.
        self.reprint.setEnabled(reprint_allowed and self.state not in ("草稿",))
        self.reprint.setToolTip(
            "" if reprint_allowed else self.tr("当前经办人的角色不能补打，请由打印员或管理员补打。")
        )
        self.actions_loaded.emit(choices)

    def run(self, action: Action) -> None:
        if self.case_no is None:
            return
        reason = self.reason.text().strip()
        if RULES[action].needs_reason and not reason:
            self.message.setText(self.tr("“{action}”需要填写原因。").format(action=labels.action(RULES[action].label)))
            self.reason.setFocus()
            return
        case_no, db, clerk = self.case_no, self._ctx.db, self._ctx.clerk_id

        def op() -> str:
            with db.write() as session:
                return perform(session, case_no, action, reason=reason, clerk_id=clerk)

        def done(state: str) -> None:
            self.reason.clear()
            self.message.setStyleSheet("color: #1b6e20;")
            self.message.setText(
                self.tr("已{action}：{case_no} 现为“{state}”。").format(
                    action=labels.action(RULES[action].label), case_no=case_no, state=labels.state(state)
                )
            )
            self.action_done.emit(case_no, state)

        self._ctx.ops.run(op, done, self._failed)

    def reprint_document(self) -> None:
        if self.case_no is None:
            return
        reason = self.reason.text().strip() or None
        case_no, db, clerk = self.case_no, self._ctx.db, self._ctx.clerk_id

        def op() -> PrintJob:
            return render_job(db, case_no, reprint_reason=reason, clerk_id=clerk)

        def ready(job: PrintJob) -> None:
            self.preview = show_preview(self, job, self._printer)

        self._ctx.ops.run(op, ready, self._failed)

    def record_follow_up(self) -> None:
        if self.case_no is None:
            return
        note = self.reason.text().strip()
        if not note:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(self.tr("请在“原因”栏写明整改情况，再登记差评整改。"))
            self.reason.setFocus()
            return
        case_no, db, clerk_id = self.case_no, self._ctx.db, self._ctx.clerk_id

        def op() -> str:
            with db.write() as session:
                follow_up(session, case_no, clerk_by_id(session, clerk_id), note)
            return case_no

        def done(_case_no: str) -> None:
            self.reason.clear()
            self.follow_up.setEnabled(False)
            self.message.setStyleSheet("color: #1b6e20;")
            self.message.setText(self.tr("已登记 {case_no} 的差评整改。").format(case_no=case_no))
            self.action_done.emit(case_no, self.state)

        self._ctx.ops.run(op, done, self._failed)

    def print_documents(self) -> None:
        """F12: the case's document set to the printers (desktop/case_printing.py)."""
        if self.case_no is None:
            return
        from desktop.case_printing import SetOutcome, print_case_set

        reason = self.reason.text().strip() or None
        case_no, service, settings = self.case_no, self._printer, self._ctx.get_settings()

        def done(outcome: SetOutcome) -> None:
            self.reason.clear()
            self.message.setStyleSheet("color: #1b6e20;")
            head = self.tr("已补打：") if outcome.reprint else self.tr("已打印：")
            self.message.setText(head + "；".join(f"{title} → {where}" for title, where in outcome.printed))
            self.set_printed.emit(outcome)

        ops = self._ctx.ops
        ops.background(
            lambda: print_case_set(service, settings, case_no, reason, db_call=ops.manager.db_call), done, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(error_text(exc) or "")
