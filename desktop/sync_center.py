"""同步中心: the sync operator's screen (同步员 and 管理员).

Counts, batches and per-case answers come from sync/status.py on the DB worker; runs, pause,
resume, cancel and retry go through the ``SyncController``; 打印对账单 renders the selected
batch's reconciliation list and opens the print preview of desktop/print_service.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.errors import error_text
from desktop.messages.sync_center import MESSAGES
from desktop.operations import Operations
from desktop.print_service import PreviewDialog, PrintJob, PrintService
from desktop.sync_controller import RunOutcome, RunState, SyncController, SyncProgress, t
from desktop.sync_usb import PathChooser, UsbSyncPanel, ask_path
from models import clock
from models.changes import CASE_TABLES, SYNC_TABLES, OpChanges
from models.db import Database
from models.errors import UserFacingError
from models.permissions import Permission, clerk_may
from widgets.record_table import Column, RecordTable, Row
from widgets.sync_progress import ProgressPanel, format_bytes, format_duration

if TYPE_CHECKING:
    from models.security.auth import ClerkSession
    from models.store import Store
    from sync.status import BatchRow, CaseRow, RetryOutcome, SyncOverview

logger = logging.getLogger(__name__)

BATCH_COLUMNS = ("batch_id", "batch_status", "cases", "accepted", "rejected", "unanswered", "started_at", "acked_at")
CASE_COLUMNS = ("case_no", "item_name", "revision", "case_state", "sync_state", "answer")


def load_overview(db: Database) -> SyncOverview:
    from sync.status import overview

    with db.read() as session:
        return overview(session)


def load_batch(db: Database, batch_pk: int) -> list[CaseRow]:
    from sync.status import batch_cases

    with db.read() as session:
        return batch_cases(session, batch_pk)


def render_reconciliation_pdf(db: Database, batch_pk: int, clerk_name: str) -> tuple[str, bytes]:
    """The batch's 同步对账单 as PDF (on the DB worker): (batch id, pdf)."""
    from models import clock
    from models.station_setup import current_station
    from printing import render
    from printing.data import ReconciliationData
    from printing.from_case import office
    from sync.status import reconciliation

    with db.read() as session:
        station = current_station(session)
        if station is None:
            raise UserFacingError("station.not_initialised")
        batch = reconciliation(session, batch_pk)
        data = ReconciliationData(batch.batch_id, office(station), clock.now(), batch.rows, clerk_name)
    return data.batch_id, render("reconciliation", data)


def answer_text(row: CaseRow) -> str:
    parts = []
    if row.reason_code:
        what = row.field or row.material or ""
        key = f"sync_center.reason.{row.reason_code}"
        parts.append(t(key, what=what) if key in MESSAGES else f"{row.reason_code} {what}".strip())
        if row.reason and key not in MESSAGES:
            parts.append(row.reason)
    if row.reopened_case_no:
        parts.append(t("reopened", case_no=row.reopened_case_no))
    if row.duplicate:
        parts.append(t("duplicate"))
    return QCoreApplication.translate("SyncCenter", "；").join(parts)


def _when(moment: dt.datetime | None) -> str:
    return moment.astimezone(clock.CHINA).strftime("%Y-%m-%d %H:%M") if moment else ""


class SyncCenter(QWidget):
    def __init__(
        self,
        db: Database,
        ops: Operations,
        controller: SyncController,
        printer: PrintService,
        clerk: ClerkSession | None = None,
        parent: QWidget | None = None,
        *,
        store: Store | None = None,
        choose_path: PathChooser = ask_path,
    ) -> None:
        super().__init__(parent)
        self.db, self.ops, self.controller, self.printer = db, ops, controller, printer
        self.clerk = clerk
        self.overview: SyncOverview | None = None
        self.batches: list[BatchRow] = []
        self.case_rows: list[CaseRow] = []
        self.preview: PreviewDialog | None = None
        self.selected_batch: int | None = None
        #: U盘同步 where the station is known (the GUI always passes it)
        self.usb: UsbSyncPanel | None = None
        self._build_status()
        buttons = self._build_buttons()
        splitter = self._build_tables()
        self._build_layout(buttons, splitter, store, choose_path)
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(500)
        self._wire()
        self.set_clerk(clerk)

    def _build_status(self) -> None:
        self.forbidden = QLabel(t("forbidden"))
        self.forbidden.setStyleSheet("color: #b00020; font-weight: bold")
        self.counts_label = QLabel()
        self.counts_label.setStyleSheet("font-size: 15px; font-weight: bold")
        self.last_label = QLabel()
        self.state_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.progress = ProgressPanel()

    def _build_buttons(self) -> QHBoxLayout:
        self.sync_button = QPushButton(t("sync_now"))
        self.pause_button = QPushButton(t("pause"))
        self.resume_button = QPushButton(t("resume"))
        self.cancel_button = QPushButton(t("cancel"))
        self.retry_button = QPushButton(t("retry"))
        self.print_button = QPushButton(t("print"))
        self.refresh_button = QPushButton(t("refresh"))
        buttons = QHBoxLayout()
        for button, _slot in self._action_buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.refresh_button)
        return buttons

    def _action_buttons(self) -> list[tuple[QPushButton, Callable[[], object]]]:
        return [
            (self.sync_button, self.controller.run_now),
            (self.pause_button, self.controller.pause),
            (self.resume_button, self.controller.resume),
            (self.cancel_button, self.controller.cancel),
            (self.retry_button, self.controller.retry_rejected),
        ]

    def _build_tables(self) -> QSplitter:
        """批次 above, the selected batch's 业务 below."""
        self.batch_table = _table(BATCH_COLUMNS)
        self.case_title = QLabel(t("cases_all"))
        self.case_table = _table(CASE_COLUMNS)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.case_title)
        lower_layout.addWidget(self.case_table)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(QLabel(t("batches")))
        upper_layout.addWidget(self.batch_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        return splitter

    def _build_layout(
        self, buttons: QHBoxLayout, splitter: QSplitter, store: Store | None, choose_path: PathChooser
    ) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.forbidden)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.last_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        if store is not None:
            self.usb = UsbSyncPanel(store, self.ops, self.clerk, choose_path, self)
            layout.addWidget(self.usb)
        layout.addWidget(splitter, 1)

    def _wire(self) -> None:
        for button, slot in self._action_buttons():
            button.clicked.connect(lambda _=False, s=slot: self._act(s))
        self.print_button.clicked.connect(self.print_reconciliation)
        self.refresh_button.clicked.connect(self.refresh)
        self.batch_table.selection_changed.connect(self._batch_selected)
        if self.usb is not None:
            self.usb.done.connect(self.refresh)
        self._refresh_soon.timeout.connect(self.refresh)
        controller, ops = self.controller, self.ops
        controller.state_changed.connect(lambda _s: self._update_buttons())
        controller.connectivity_changed.connect(lambda _s: self._update_state_label())
        controller.status_text_changed.connect(lambda _s: self._update_state_label())
        controller.progress_changed.connect(self._on_progress)
        controller.run_finished.connect(self._on_finished)
        controller.retried.connect(self._on_retried)
        ops.changes_applied.connect(self._changed)

    # --- who may use it -------------------------------------------------------------------

    @property
    def may_sync(self) -> bool:
        return clerk_may(self.clerk, Permission.SYNC)

    def set_clerk(self, clerk: ClerkSession | None) -> None:
        self.clerk = clerk
        if self.usb is not None:
            self.usb.clerk = clerk
        self.forbidden.setVisible(not self.may_sync)
        for widget in (self.batch_table, self.case_table, self.progress):
            widget.setEnabled(self.may_sync)
        self._update_buttons()
        self._update_state_label()
        if self.may_sync:
            self.refresh()
        else:  # what another clerk saw is not left on screen
            self.overview, self.batches, self.case_rows = None, [], []
            self.batch_table.clear()
            self.case_table.clear()
            self.counts_label.clear()
            self.last_label.clear()

    # --- data -----------------------------------------------------------------------------

    def _changed(self, changes: OpChanges) -> None:
        # The controller's own runs and retries: run_finished and retried refresh this already.
        if changes.initiator is not self.controller and changes.touches(CASE_TABLES, SYNC_TABLES):
            self._refresh_soon.start()

    def refresh(self) -> None:
        if not self.may_sync:
            return
        self._op(lambda: load_overview(self.db), self._show_overview)

    def _show_overview(self, data: SyncOverview) -> None:
        self.overview = data
        c = data.counts
        self.counts_label.setText(t("counts", **c))
        last = c.get("last_run")
        if last:
            status = last["status"]
            word = {"ok": t("run_ok"), "cancelled": t("run_cancelled"), "running": t("run_running")}.get(
                status, t("run_failed", error=last.get("error_code") or "")
            )
            started = dt.datetime.fromisoformat(last["started_at"])
            self.last_label.setText(t("last_run", at=_when(started), status=word))
        else:
            self.last_label.setText(t("last_run_none"))
        keep = self.selected_batch
        self.batches = data.batches
        self.batch_table.blockSignals(True)
        self.batch_table.set_rows([
            {
                "pk": b.pk,
                "batch_id": b.batch_id,
                "batch_status": t(f"batch.{b.status}"),
                "cases": b.cases,
                "accepted": b.accepted,
                "rejected": b.rejected,
                "unanswered": b.unanswered,
                "started_at": _when(b.started_at),
                "acked_at": _when(b.acked_at),
            }
            for b in data.batches
        ])
        if keep is not None:
            self.batch_table.select_where(lambda row: _pk(row) == keep)
        self.batch_table.blockSignals(False)
        if keep is not None and any(b.pk == keep for b in data.batches):
            self._load_batch(keep)
        else:
            self.selected_batch = None
            self._show_cases(data.cases, t("cases_all"))
        self._update_buttons()

    def _batch_selected(self) -> None:
        record = self.batch_table.selected_record()
        if record is None:
            self.selected_batch = None
            if self.overview is not None:
                self._show_cases(self.overview.cases, t("cases_all"))
        else:
            self.selected_batch = _pk(record)
            self._load_batch(self.selected_batch)
        self._update_buttons()

    def _load_batch(self, pk: int) -> None:
        batch_id = next((b.batch_id for b in self.batches if b.pk == pk), "")
        self._op(
            lambda: load_batch(self.db, pk), lambda rows: self._show_cases(rows, t("cases_batch", batch_id=batch_id))
        )

    def _show_cases(self, rows: list[CaseRow], title: str) -> None:
        self.case_rows = rows
        self.case_title.setText(title)
        self.case_table.set_rows([
            {
                "case_no": row.case_no,
                "item_name": row.item_name,
                "revision": row.revision,
                "case_state": labels.state(row.case_state),
                "sync_state": t(f"sync.{row.sync_state}"),
                "answer": answer_text(row),
            }
            for row in rows
        ])

    def _op(self, op: Any, success: Any, failure: Any = None) -> None:
        try:
            self.ops.run(op, success, failure)
        except RuntimeError:  # the window is closing and the DB worker has stopped: nothing to show
            self._refresh_soon.stop()

    # --- actions --------------------------------------------------------------------------

    def _act(self, slot: Any) -> None:
        self.message_label.clear()
        try:
            slot()
        except UserFacingError as exc:
            self.message_label.setText(error_text(exc) or "")

    def print_reconciliation(self) -> None:
        pk = self.selected_batch
        if pk is None:
            self.message_label.setText(t("pick_batch"))
            return
        clerk_name = self.clerk.name if self.clerk else ""
        self._op(
            lambda: render_reconciliation_pdf(self.db, pk, clerk_name),
            self._open_preview,
            lambda exc: self.message_label.setText(error_text(exc) or ""),
        )

    def _open_preview(self, result: tuple[str, bytes]) -> None:
        batch_id, pdf = result
        job = PrintJob("reconciliation", t("reconciliation_title", batch_id=batch_id), pdf)
        self.preview = PreviewDialog(job, self.printer, self)
        self.preview.setModal(False)
        self.preview.show()

    # --- controller signals ---------------------------------------------------------------

    def _on_progress(self, p: SyncProgress) -> None:
        eta = t("eta_unknown") if p.eta_s is None else t("eta", eta=format_duration(p.eta_s))
        text = t(
            "progress",
            phase=t(f"phase.{p.phase}"),
            bytes_done=format_bytes(p.bytes_done),
            bytes_total=format_bytes(p.bytes_total),
            items_done=p.items_done,
            items_total=p.items_total,
            wire=format_bytes(p.wire_bytes),
            eta=eta,
        )
        self.progress.show_progress(p.fraction, text)
        if p.phase == "cases":  # acknowledgements are stored batch by batch: show them
            self._refresh_soon.start()

    def _on_finished(self, outcome: RunOutcome) -> None:
        if outcome.status == "ok":
            self.progress.show_progress(1.0, t("phase.done"))
        self.refresh()

    def _on_retried(self, outcome: RetryOutcome) -> None:
        self.message_label.setText(t("retry_done", **outcome.__dict__))
        self.refresh()

    def _update_buttons(self) -> None:
        state = self.controller.state
        ok = self.may_sync
        self.sync_button.setEnabled(ok and state is RunState.IDLE)
        self.pause_button.setEnabled(ok and state is RunState.RUNNING)
        self.resume_button.setEnabled(ok and state is RunState.PAUSED)
        self.cancel_button.setEnabled(ok and state in (RunState.RUNNING, RunState.PAUSING, RunState.PAUSED))
        self.retry_button.setEnabled(ok and state in (RunState.IDLE, RunState.PAUSED))
        self.print_button.setEnabled(ok and self.selected_batch is not None)
        self.refresh_button.setEnabled(ok)
        if self.usb is not None:  # a bundle is not written while a network run sends the same cases
            self.usb.set_enabled(ok and state is RunState.IDLE)
        self._update_state_label()

    def _update_state_label(self) -> None:
        self.state_label.setText(
            self.tr("{state}　{status}").format(
                state=t("state." + self.controller.state.value), status=self.controller.status_text
            )
            if self.may_sync
            else ""
        )


def _table(keys: tuple[str, ...]) -> RecordTable:
    return RecordTable([Column(key, t(f"col.{key}")) for key in keys])


def _pk(record: Row) -> int:
    assert isinstance(record, Mapping)
    return int(record["pk"])
