"""The intake controller: identify → item → form → materials → result, keyboard first.

Every DB step is one op on the single DB worker (desktop/operations.py); the screens only
hold what the clerk sees. Ctrl+Enter goes on (or submits), Alt+← goes back, Ctrl+P previews
the document, F6 scans an e-voucher with the camera. A draft case exists (with its number)
from the moment the item is chosen; the form autosaves into it.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.customer_view import CustomerScreenEvaluator, CustomerView
from desktop.evaluator_bridge import EvaluatorBridge
from desktop.intake.chooser import ItemChooser
from desktop.intake.context import IntakeContext
from desktop.intake.documents import render_job, show_preview
from desktop.intake.form import IntakeForm
from desktop.intake.identify import IdentifyPanel
from desktop.intake.materials import FileChooser, MaterialsChecklist, ask_file
from desktop.intake.missing_question import BACK, DEFICIENCY, SUPPLEMENT, MissingQuestion
from desktop.intake.result import ResultPage
from desktop.print_service import PreviewDialog, PrintJob, PrintService
from desktop.scanner_gun import ACCEPTS_ID_NUMBER
from models.case_lookup import find_case
from models.catalog import ServiceItem
from models.catalog.for_case import item_for
from models.catalog.local_text import localise
from models.intake.checklist import STATUS_LABELS, deficiency_possible
from models.intake.draft import DraftSnapshot, Identity
from models.intake.fields import identity_defaults
from models.intake.service import PersonHistory, load_draft, start_draft
from models.intake.submit import SubmitResult, submit
from models.rating import Evaluation
from widgets.page_stack import PageStack

logger = logging.getLogger(__name__)

STEPS = (
    QT_TRANSLATE_NOOP("IntakeFlow", "身份核验"),
    QT_TRANSLATE_NOOP("IntakeFlow", "选择事项"),
    QT_TRANSLATE_NOOP("IntakeFlow", "受理信息"),
    QT_TRANSLATE_NOOP("IntakeFlow", "收取材料"),
    QT_TRANSLATE_NOOP("IntakeFlow", "办理结果"),
)


class IntakeFlow(QWidget):
    step_changed = Signal(int)
    draft_opened = Signal(object)  # DraftSnapshot
    submitted = Signal(object)  # SubmitResult
    document_ready = Signal(object)  # PrintJob
    rating_saved = Signal(str)
    #: The case's documents went to the printers (desktop/case_printing.SetOutcome)
    set_printed = Signal(object)

    def __init__(
        self,
        ctx: IntakeContext,
        printer: PrintService,
        parent: QWidget | None = None,
        choose_file: FileChooser = ask_file,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printer = printer
        self.identity: Identity | None = None
        self.history: PersonHistory | None = None
        self.item: ServiceItem | None = None
        self.draft: DraftSnapshot | None = None
        self.job: PrintJob | None = None
        self.preview: PreviewDialog | None = None
        self.customer: CustomerView | None = None
        self.evaluator: CustomerScreenEvaluator | None = None
        #: an evaluator pad (settings evaluator_*), asked once the case is submitted
        self.device_evaluator: EvaluatorBridge | None = None
        self._rating_asked = ""  # the case the evaluator was last asked about
        self._clerk_focus: QWidget | None = None  # where the clerk's keyboard was last
        self.question: MissingQuestion | None = None
        self.reason_dialog: QWidget | None = None
        #: The open question (another draft of this item, or leaving a case), if any.
        self.question: QMessageBox | None = None
        self._build_header()
        self._build_steps(choose_file)
        nav = self._build_nav()
        self._build_layout(nav)
        self._wire()
        self._go(0)

    def _build_header(self) -> None:
        self.steps_label = QLabel()
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        # Who and what the case on screen is, on every step after the item is chosen.
        self.case_label = QLabel()
        self.case_label.setObjectName("case_label")
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_steps(self, choose_file: FileChooser) -> None:
        """The five steps, one page each."""
        ctx = self.ctx
        self.identify = IdentifyPanel(ctx)
        self.chooser = ItemChooser(ctx)
        self.form = IntakeForm(ctx)
        self.materials = MaterialsChecklist(ctx, choose_file=choose_file)
        self.result = ResultPage()
        self.stack = PageStack()  # as tall as the step on show (1024×768 screens)
        for page in (self.identify, self.chooser, self.form, self.materials, self.result):
            self.stack.addWidget(page)

    def _build_nav(self) -> QHBoxLayout:
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        # Visible step buttons beside the shortcuts (Alt+← back, Ctrl+Enter on / submit). They take
        # no keyboard focus, so the keyboard path through a case is unchanged.
        self.back_button = QPushButton(self.tr("上一步 (Alt+←)"))
        self.next_button = QPushButton(self.tr("下一步 (Ctrl+Enter)"))
        self.submit_button = QPushButton(self.tr("提交受理 (Ctrl+Enter)"))
        nav = QHBoxLayout()  # one row: the message, then the step buttons
        nav.addWidget(self.message, 1)
        for button in (self.back_button, self.next_button, self.submit_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            nav.addWidget(button)
        return nav

    def _build_layout(self, nav: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.case_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)

    def _wire(self) -> None:
        """The steps' signals, the step buttons and the keyboard shortcuts."""
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next_step)
        self.submit_button.clicked.connect(self.next_step)
        self.identify.identified.connect(self._identified)
        self.chooser.item_chosen.connect(self._item_chosen)
        self.form.completed.connect(self.next_step)
        self.form.draft_saved.connect(self._draft_saved)
        self.materials.changed.connect(self._materials_changed)
        self.materials.promise_requested.connect(self.print_promise)
        self.result.preview_requested.connect(self.show_document)
        self.result.print_requested.connect(self.print_documents)
        self.result.new_requested.connect(self.restart)
        self.result.sms_consent_changed.connect(self.set_sms_consent)
        shortcuts = (
            ("Ctrl+Return", self.next_step),
            ("Ctrl+Enter", self.next_step),
            ("Alt+Left", self.back),
            ("Ctrl+P", self.show_document),
            ("F12", self.print_documents),
            ("F6", self.identify.scan_requested.emit),
            ("F11", self.ask_device_rating),
        )
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # Navigation -------------------------------------------------------------------------------

    def _go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        names = [self.tr(name) for name in STEPS]
        parts = [f"<b>{n + 1} {name}</b>" if n == step else f"{n + 1} {name}" for n, name in enumerate(names)]
        self.steps_label.setText("  →  ".join(parts))
        self.case_label.setVisible(step >= 2 and bool(self.case_label.text()))
        self.message.clear()
        self.back_button.setVisible(step in (1, 2, 3))
        self.next_button.setVisible(step in (0, 1, 2))
        self.submit_button.setVisible(step == 3)
        self.step_changed.emit(step)

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def restart(self) -> None:
        if self.form.pending():
            self.form.save_now()
        self.identity = self.history = self.item = self.draft = self.job = None
        self.case_label.clear()
        self.identify.reset()
        self._go(0)
        self.identify.id_edit.setFocus()

    def back(self) -> None:
        if self.step in (1, 2, 3):
            if self.step == 2 and self.form.pending():
                self.form.save_now()
            self._go(self.step - 1)

    def next_step(self) -> None:
        if self.step == 0:
            self.identify.confirm()
        elif self.step == 1:
            self.chooser.choose()
        elif self.step == 2:
            self.go_materials()
        elif self.step == 3:
            self.submit()

    # Steps ------------------------------------------------------------------------------------

    def _identified(self, identity: Identity, history: PersonHistory | None) -> None:
        self.identity, self.history = identity, history
        text = self.tr("申请人：{name}  {id_number}").format(name=identity.name, id_number=identity.id_number)
        self.chooser.start(text, dict(history.open_by_item) if history else {})
        self._go(1)

    def _item_chosen(self, code: str) -> None:
        drafts = [
            str(c["case_no"])
            for c in (self.history.cases if self.history else [])
            if c.get("item_code") == code and c.get("state") == "草稿"
        ]
        if not drafts:
            self._start_draft(code)
            return
        # The same person already has a draft of this item (an interrupted visit): carry on with
        # it, or start a second one only when the clerk says so.
        box = self._ask(
            self.tr("已有草稿"),
            self.tr("该申请人已有该事项的草稿 {case_no}（未提交）。继续填写这份草稿，还是另起新办件？").format(
                case_no=drafts[0]
            ),
        )
        open_button = box.addButton(self.tr("继续填写草稿"), QMessageBox.ButtonRole.AcceptRole)
        new_button = box.addButton(self.tr("另起新办件"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("返回"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        open_button.clicked.connect(lambda: self.open_draft(drafts[0]))
        new_button.clicked.connect(lambda: self._start_draft(code))
        box.open()

    def _ask(self, title: str, text: str) -> QMessageBox:
        """A question that does not block the event loop (the DB worker's answers keep coming)."""
        if self.question is not None:
            self.question.close()
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "question", None))
        self.question = box
        return box

    def leave_case(self, then: Any) -> None:
        """F2 while a case is being typed: say that it stays a draft, and ``then()`` only when
        the clerk agrees (nothing typed is lost either way: the form autosaves)."""
        if self.step not in (2, 3) or self.draft is None:
            then()
            return
        if self.form.pending():
            self.form.save_now()
        box = self._ask(
            self.tr("离开当前办件"),
            self.tr(
                "办件 {case_no}（{item}）尚未提交，已保存为草稿，可在办件台选中后按“继续填写草稿 (Ctrl+E)”接着办理。"
                "保留草稿并开始新办件吗？"
            ).format(case_no=self.draft.case_no, item=self.item.name if self.item else ""),
        )
        leave = box.addButton(self.tr("保留草稿，开始新办件"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("继续办理当前办件"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(leave)
        box.setEscapeButton(stay)
        leave.clicked.connect(then)
        box.open()

    def _start_draft(self, code: str) -> None:
        assert self.identity is not None
        item = self.ctx.get_catalog().get(code)
        defaults = identity_defaults(item, self.identity.as_values())
        identity, db, clerk = self.identity, self.ctx.db, self.ctx.clerk_id

        def op() -> DraftSnapshot:
            with db.write() as session:
                return start_draft(session, code, identity, defaults, clerk)

        self.ctx.ops.run(op, lambda d: self._open(item, d, defaults))

    def open_draft(self, case_no: str) -> None:
        """Continue a saved draft (e.g. after a power cut) from the case desk."""
        db = self.ctx.db

        def op() -> tuple[ServiceItem, DraftSnapshot]:
            # The item as the case was opened (its catalog version and rule profile), not as
            # the station's catalog has it now: a 补正 case keeps the rules it was taken in under.
            with db.read() as session:
                return item_for(find_case(session, case_no)), load_draft(session, case_no)

        def opened(loaded: tuple[ServiceItem, DraftSnapshot]) -> None:
            item, draft = loaded
            self.identity = draft.identity
            self._open(item, draft, {})

        self.ctx.ops.run(op, opened)

    def _open(self, item: ServiceItem, draft: DraftSnapshot, defaults: dict[str, str]) -> None:
        self.item, self.draft = item, draft
        name = self.identity.name if self.identity is not None else ""
        self.case_label.setText(
            self.tr("申请人：{name}    办件 {case_no}    {item}").format(
                name=name, case_no=draft.case_no, item=item.name
            )
        )
        self.form.load(item, draft, defaults)
        self._go(2)
        self.form.focus_first_empty()
        self._update_customer()
        self.draft_opened.emit(draft)

    def _draft_saved(self, draft: DraftSnapshot) -> None:
        self.draft = draft
        if self.step == 3 and self.item is not None:
            self.materials.load(self.item, draft)

    def go_materials(self) -> None:
        if self.item is None or not self.form.validate_all():
            return
        self.form.save_now()
        assert self.draft is not None
        case_no, db = self.draft.case_no, self.ctx.db

        def op() -> DraftSnapshot:  # queued after the save: sees its checklist
            with db.read() as session:
                return load_draft(session, case_no)

        def loaded(draft: DraftSnapshot) -> None:
            assert self.item is not None
            self.draft = draft
            self.materials.load(self.item, draft)
            self._go(3)
            self.materials.focus_first()
            self._update_customer()

        self.ctx.ops.run(op, loaded)

    def _materials_changed(self, draft: DraftSnapshot) -> None:
        self.draft = draft
        self._update_customer()

    def submit(self, choice: str | None = None) -> None:
        """Submit; with required materials missing, ask first (容缺受理 / 一次性告知并退回补正 /
        back): nothing goes to 退回补正 without the clerk choosing it (issue 15 item 5)."""
        if self.draft is None:
            return
        missing = self.materials.missing()
        ticked = self.materials.deficiency.isChecked() and deficiency_possible(missing)
        if missing and choice is None and not ticked:
            self._ask_missing([line.name for line in missing], deficiency_possible(missing))
            return
        if choice == BACK:
            self.materials.focus_first()
            return
        case_no, db, clerk = self.draft.case_no, self.ctx.db, self.ctx.clerk_id
        deficiency = ticked or choice == DEFICIENCY
        supplement = choice == SUPPLEMENT or not missing
        days = self.ctx.deficiency_days

        def op() -> tuple[SubmitResult, PrintJob | None]:
            with db.write() as session:
                result = submit(
                    session,
                    case_no,
                    clerk_id=clerk,
                    deficiency=deficiency,
                    supplement_if_missing=supplement,
                    deficiency_days=days,
                )
            return result, render_job(db, case_no, clerk_id=clerk)

        self.ctx.ops.run(op, self._submitted, self._submit_failed)

    def _ask_missing(self, names: list[str], allowed: bool) -> None:
        from models import clock
        from models.workdays import WorkCalendar

        due = WorkCalendar().add_working_days(clock.today_local(), self.ctx.deficiency_days) if allowed else None
        self.question = MissingQuestion(
            [localise(name, self.ctx.admdvs) for name in names],
            deficiency_possible=allowed,
            deficiency_days=self.ctx.deficiency_days,
            deficiency_due=due,
            parent=self,
        )
        self.question.chosen.connect(self.submit)
        self.question.open()
        (self.question.deficiency if allowed else self.question.supplement).setFocus()

    def _submit_failed(self, exc: BaseException) -> None:
        from desktop.errors import error_text

        self.message.setText(error_text(exc) or "")
        if self.step == 3 and self.form.errors:
            self._go(2)
            self.form.validate_all()

    def _submitted(self, outcome: tuple[SubmitResult, PrintJob | None]) -> None:
        result, job = outcome
        self.job = job
        self.result.show_result(result)
        self._go(4)
        # After the missing-material question closed, no window may be active (seen on the
        # offscreen platform: the keyboard went nowhere); the counter takes it back.
        if QApplication.activeWindow() is None:
            self.window().activateWindow()
        self.result.print_set.setFocus()  # Enter (or F12) prints the documents, no dialog
        if self.customer is not None and self.customer.isVisible():
            self.customer.show_result(self.result.state.text() + "\n" + self.result.deadline.text())
        self.submitted.emit(result)
        if job is not None:
            self.document_ready.emit(job)
        self.ask_device_rating()

    def set_sms_consent(self, consent: bool) -> None:
        """The applicant's answer to 短信通知, kept with the case (models/sms_consent.py)."""
        if self.draft is None:
            return
        case_no, db, clerk = self.draft.case_no, self.ctx.db, self.ctx.clerk_id

        def op() -> str:
            from models.case_lookup import find_case
            from models.intake.service import clerk_by_id
            from models.masking import mask_phone
            from models.sms_consent import set_sms_consent

            with db.write() as session:
                case = find_case(session, case_no)
                set_sms_consent(session, case, None, consent, clerk_by_id(session, clerk))
                return mask_phone(case.sms_phone)

        self.ctx.ops.run(op, self.result.show_consent, self._submit_failed)

    def print_promise(self, kind: str) -> None:
        """A 承诺书 from the materials step, filled from the draft, previewed for printing."""
        if self.draft is None:
            return
        db, case_no, clerk = self.ctx.db, self.draft.case_no, self.ctx.clerk_id

        def op() -> PrintJob:
            return render_job(db, case_no, kind, clerk_id=clerk)

        def done(job: PrintJob) -> None:
            self.preview = show_preview(self, job, self.printer)

        self.ctx.ops.run(op, done)

    def show_document(self) -> None:
        if self.job is None:
            return
        self.preview = show_preview(self, self.job, self.printer)

    def print_documents(self, reprint_reason: str | None = None) -> None:
        """F12 on the result screen: the case's documents straight to the configured printers."""
        if self.step != 4 or self.draft is None:
            return
        from desktop.case_printing import print_case_set

        case_no, service, settings = self.draft.case_no, self.printer, self.ctx.get_settings()
        reason = reprint_reason if isinstance(reprint_reason, str) else None

        ops = self.ctx.ops

        def op() -> object:  # on the pool; its reads and logs are short DB ops
            return print_case_set(service, settings, case_no, reason, db_call=ops.manager.db_call)

        def done(outcome: object) -> None:
            self.result.show_printed(outcome)
            self.set_printed.emit(outcome)

        def failed(exc: BaseException) -> None:
            from desktop.errors import error_text
            from models.errors import UserFacingError

            if isinstance(exc, UserFacingError) and exc.code == "print.reprint_reason_required":
                self._ask_reprint_reason()
                return
            self.message.setText(error_text(exc) or "")

        ops.background(op, done, failed)

    def _ask_reprint_reason(self) -> None:
        """Printed before: a reprint (补打) says why, every time."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("补打"))
        dialog.setLabelText(self.tr("本件文书已打印过。补打原因："))
        dialog.textValueSelected.connect(lambda text: text.strip() and self.print_documents(text.strip()))
        self.reason_dialog = dialog
        dialog.open()

    # Customer screen --------------------------------------------------------------------------

    def toggle_customer_view(self) -> CustomerView:
        """Show or hide the customer screen; the clerk keeps the keyboard either way."""
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self.window():
            self._clerk_focus = focus
        if self.customer is None:
            self.customer = CustomerView()
            self.evaluator = CustomerScreenEvaluator(self.customer)
            self.customer.activated_uninvited.connect(self._keyboard_to_clerk, Qt.ConnectionType.QueuedConnection)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_changed)
            self.customer.place_on_second_screen()
        if self.customer.isVisible():
            self.customer.hide()
        else:
            self.customer.show()
            self._update_customer()
        if focus is not None and QApplication.focusWidget() is not focus:
            focus.activateWindow()
            focus.setFocus()
        return self.customer

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        for widget in (new, old):  # new, or the one the clerk just lost to another window
            if widget is not None and widget.window() is self.window():
                self._clerk_focus = widget
                return

    def _keyboard_to_clerk(self) -> None:
        """The customer screen was activated without the applicant asking: back to the clerk."""
        target = self._clerk_focus
        if self.customer is None or self.customer.accepts_keyboard or target is None:
            return
        try:
            target.window().activateWindow()
            target.setFocus()
        except RuntimeError:  # the widget was deleted meanwhile (a step's page was rebuilt)
            self.window().activateWindow()

    def _ask_rating(self) -> None:
        """One rating per service: ask the evaluator (the customer screen) for this case's."""
        from models.rating import EvaluationRequest, bad_reasons

        if self.evaluator is None or self.draft is None or self.item is None:
            return
        if self._rating_asked == self.draft.case_no:
            return
        self._rating_asked = self.draft.case_no
        request = EvaluationRequest(self.draft.case_no, self.item.name, bad_reasons())
        self.evaluator.request(request, self._evaluated)

    def _update_customer(self) -> None:
        view, draft, item, identity = self.customer, self.draft, self.item, self.identity
        if view is None or not view.isVisible() or draft is None or item is None or identity is None:
            return
        lines = [f"{name}：{value}" for name, value in self._visible_values(item, draft)]
        lines += [
            self.tr("材料 {name}：{status}").format(
                name=localise(m.name, self.ctx.admdvs),
                status=labels.material_status(STATUS_LABELS.get(draft.materials.get(m.key, ""), "—")),
            )
            for m in item.materials
            if m.key in draft.materials and draft.materials[m.key] != "not_applicable"
        ]
        masked = self.ctx.customer_masked
        applicant = identity.masked() if masked else f"{identity.name}（{identity.id_number}）"
        view.show_case(draft.case_no, item.name, applicant, lines)
        self._ask_rating()

    def _visible_values(self, item: ServiceItem, draft: DraftSnapshot) -> list[tuple[str, str]]:
        """The form's values for the applicant to check: in full, unless the station masks them."""
        from models.intake.fields import form_rows
        from models.masking import mask_id, mask_name, mask_phone

        out = []
        for row in form_rows(item):
            value = draft.values.get(row.key, "")
            if not value:
                continue
            if not self.ctx.customer_masked:
                out.append((row.label, value))
                continue
            if "id_number" in row.key or row.type.value in ("id_number", "document_number", "bank_account"):
                value = mask_id(value)
            elif row.key == "name" or (row.key.endswith("_name") and row.type.value == "text"):
                value = mask_name(value)
            elif row.type.value == "phone":
                value = mask_phone(value)
            out.append((row.label, value))
        return out

    # Evaluator pad ----------------------------------------------------------------------------

    def set_device_evaluator(self, bridge: EvaluatorBridge | None) -> None:
        """The station's evaluator pad (None: the customer screen only, the default)."""
        self.device_evaluator = bridge
        if bridge is not None:
            bridge.rated.connect(self._rated)
            bridge.failed.connect(self._device_rating_failed)

    def ask_device_rating(self) -> None:
        """After submitting (and on F11 again): the pad asks the applicant, off the GUI thread."""
        bridge, result = self.device_evaluator, self.result.result
        if bridge is None or not bridge.active or self.step != 4 or result is None:
            return
        bridge.request(result.case_no)
        self.result.show_rating_status(self.tr("请申请人在评价器上评价本次服务……"))

    def _device_rating_failed(self, case_no: str, error: object) -> None:
        """Timeout, unplugged, garbled: the case is saved as it was; the clerk can fall back."""
        from desktop.errors import error_text

        if self.result.result is None or self.result.result.case_no != case_no:
            return  # an old case's request: the counter has moved on
        text = error_text(error) if isinstance(error, BaseException) else None
        self.result.show_rating_status(text or "", problem=True)

    def _rated(self, case_no: str, rating: str, channel: str = "") -> None:
        """An evaluator pad's level (``EvaluatorBridge.rated``). A bad one is asked about on the
        customer screen when it is open; else stored as the pad gave it."""
        from models.rating import BAD_RATINGS, DEVICE, EvaluationRequest, bad_reasons

        if rating in BAD_RATINGS and self.customer is not None and self.customer.isVisible() and self.evaluator:
            self._rating_asked = case_no
            self.evaluator.request(EvaluationRequest(case_no, "", bad_reasons()), self._evaluated)
            self.customer.ask_reason(case_no, rating)
            return
        self._evaluated(Evaluation(case_no, rating, channel=channel or DEVICE))

    def _evaluated(self, evaluation: Evaluation) -> None:
        """The applicant's 好差评 (customer screen or an evaluator device): stored with the case."""
        from desktop.errors import error_text
        from models.rating import rate_case

        db = self.ctx.db

        def op() -> Evaluation:
            with db.write() as session:
                rate_case(
                    session,
                    evaluation.case_no,
                    evaluation.rating,
                    reason=evaluation.reason,
                    comment=evaluation.comment,
                    channel=evaluation.channel,
                )
            return evaluation

        def saved(done: Evaluation) -> None:
            if self.result.result is not None and self.result.result.case_no == done.case_no:
                self.result.show_rating_status(
                    self.tr("申请人评价：{rating}").format(rating=labels.rating(done.rating))
                )
            if self.customer is not None:
                self.customer.rating_saved(done)
                if self.customer.accepts_keyboard:  # the applicant typed a comment: keyboard back
                    self.customer.give_keyboard_back()
                    self._keyboard_to_clerk()  # where the clerk's keyboard was
            self.rating_saved.emit(done.rating)

        def failed(exc: BaseException) -> None:
            if self.customer is not None:
                self.customer.rating_failed(error_text(exc) or "")
            if self.result.result is not None and self.result.result.case_no == evaluation.case_no:
                self.result.show_rating_status(error_text(exc) or "", problem=True)

        self.ctx.ops.run(op, saved, failed)

    # Devices ----------------------------------------------------------------------------------

    def on_card_read(self, result: Any) -> None:
        if self.step != 0:
            self.restart()
        self.identify.on_card_read(result)

    def on_idcard_read(self, result: Any) -> None:
        """A card read on the ID card reader: a case being typed is saved first (as for the 社保卡).

        The same applicant's card read again during their case (left on the reader while the
        reader was restarted, or laid down again) keeps the clerk where they are."""
        if self.step != 0 and self.is_current_applicant(result.data.id_number):
            logger.info("idcard: the current applicant's card was read again; the case stays at step %d", self.step)
            return
        if self.step != 0:
            self.restart()
        self.identify.on_idcard_read(result)

    def is_current_applicant(self, id_number: str) -> bool:
        """Whether ``id_number`` is the applicant of the case being typed."""
        identity = self.identity
        return identity is not None and bool(id_number) and identity.id_number.upper() == id_number.upper()

    def on_qr_text(self, text: str) -> None:
        """A scanner-gun burst or a camera read: an e-voucher token is kept, anything else explained."""
        from devices.camera.evoucher import validate_token
        from models.errors import ValidationError
        from models.validation import looks_like_id_number, upgrade_first_generation

        if looks_like_id_number(text):
            # A keyboard-style ID card reader or a scanner gun typed an ID number: it is one.
            focus = QApplication.focusWidget()
            if self.step != 0 and isinstance(focus, QLineEdit) and focus.property(ACCEPTS_ID_NUMBER):
                # Typed into an ID field of the form, where it stays (an old 15-digit number as
                # the 18 digits it became; the field's own check then speaks).
                if len(text.strip()) == 15 and focus.text().strip() == text.strip():
                    with contextlib.suppress(ValidationError):  # else the field's check explains it
                        focus.setText(upgrade_first_generation(text))
                return
            if self.step != 0:
                self.restart()
            self.identify.on_device_id(text)
            return
        try:
            token = validate_token(text)
        except ValidationError as exc:
            self.identify.on_qr_rejected(exc)
            return
        if self.step != 0:
            self.restart()
        self.identify.on_evoucher(token.token)
