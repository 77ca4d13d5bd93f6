"""Sync runs off the GUI thread: manual and automatic, pause/resume/cancel, connectivity.

One ``SyncController`` per main window, created in the GUI thread: a thin Qt adapter. When to
probe and when to sync on our own is decided by ``sync.scheduler.SyncScheduler`` (Qt-free, its
timing from sync/policy.py); this object feeds it events, runs what it asks for on the task
manager (desktop/taskman.py) and turns the outcome into signals and status texts. A run goes on
the task manager's pool as a task that uses the database (never the DB executor: the network
part of a run can take minutes, and the engine's three short DB phases use the store's own
sessions, which ``Database.write()`` serialises with the DB executor's; a data-key rotation, an
exclusive op, waits for it). Connectivity probes go on the pool too, so a hung probe never
delays a run; the "is there work?" check and re-queuing rejected cases are DB ops.

- **Pause** cancels the run's ``CancelToken``: the engine stops at the next chunk or batch
  boundary with everything acknowledged so far stored. **Resume** is a new run: cases sent without
  a stored answer go again (the hub acknowledges them idempotently) and a media file continues
  from the offset the hub acknowledged. **Cancel** does the same but returns to idle; the queue
  stays as it is and the next automatic or manual run carries on.
- **Connectivity**: a plain HTTP request to the hub URL (any HTTP answer means reachable; no
  signing, no DB write), every ``sync_probe_seconds`` while online, and with a backoff from 5 s up
  to that interval while offline. The result is a status text for the status bar, never a pop-up
  (STYLE.md section 6); failures of automatic runs are logged and shown the same way.
- **Automatic sync** when the hub becomes reachable and every ``sync_auto_minutes`` while it is,
  if there is work (sync/status.py ``auto_sync_due``); never two runs at once, never while the
  operator has paused.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.messages import render
from desktop.messages.sync_center import MESSAGES as SYNC_CENTER_MESSAGES
from desktop.operations import Operations
from desktop.taskman import TaskManager
from models import clock
from models.errors import Cancelled, UserFacingError
from models.permissions import Permission, require
from models.progress import CancelToken, Progress, ProgressThrottle
from models.store import Store
from sync.engine import SyncOptions, SyncReport
from sync.errors import SyncError
from sync.policy import COUNTER_RETRIES, FIRST_BACKOFF_S, PROBE_TIMEOUT_S, ProbePolicy, RetryPolicy
from sync.scheduler import Effect, Net, RunState, SyncScheduler

if TYPE_CHECKING:
    from models.security.auth import ClerkSession
    from sync.status import RetryOutcome

logger = logging.getLogger(__name__)

__all__ = ["FIRST_BACKOFF_S", "PROBE_TIMEOUT_S", "Net", "RunState", "SyncController"]


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # collect / media / cases / results / roster / done
    bytes_done: int = 0
    bytes_total: int = 0
    items_done: int = 0  # batches of cases
    items_total: int = 0
    wire_bytes: int = 0  # bytes this run put on the wire (envelopes and chunks)
    eta_s: float | None = None
    fraction: float = 0.0  # of the whole run, for the progress bar


@dataclass(frozen=True)
class RunOutcome:
    status: str  # ok / failed / cancelled / paused
    automatic: bool
    report: SyncReport | None = None
    error: BaseException | None = None
    at: dt.datetime | None = None


class ProgressTracker:
    """Engine progress → ``SyncProgress`` with an estimate of the time left (worker thread)."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self.now = now
        self.phase = "collect"
        self.bytes_done = self.bytes_total = 0
        self.items_done = self.items_total = 0
        self._media_start: tuple[float, int] | None = None
        self._cases_start: float | None = None
        self._throttle = ProgressThrottle(now=lambda: self.now(), phases=True)

    def update(self, step: Progress, wire_bytes: int) -> SyncProgress | None:
        """The new state, or None when it is too soon after the last one (same phase)."""
        self.phase = step.label or self.phase
        t_now = self.now()
        if step.label == "media":
            self.bytes_done, self.bytes_total = step.done, step.total or 0
            if self._media_start is None:
                self._media_start = (t_now, step.done)
        elif step.label == "cases":
            self.items_done, self.items_total = step.done, step.total or 0
            if self._cases_start is None:
                self._cases_start = t_now
            if self._media_start is not None:
                self.bytes_done = self.bytes_total  # media phase is over
        if not self._throttle.due(step):
            return None
        return SyncProgress(
            self.phase,
            self.bytes_done,
            self.bytes_total,
            self.items_done,
            self.items_total,
            wire_bytes,
            self._eta(t_now),
            self._fraction(),
        )

    def _eta(self, t_now: float) -> float | None:
        if self.phase == "media" and self._media_start is not None:
            started, base = self._media_start
            sent, elapsed = self.bytes_done - base, t_now - started
            if sent <= 0 or elapsed <= 0:
                return None
            return max(0.0, (self.bytes_total - self.bytes_done) / (sent / elapsed))
        if self.phase == "cases" and self._cases_start is not None and self.items_done > 0:
            per_batch = (t_now - self._cases_start) / self.items_done
            return max(0.0, (self.items_total - self.items_done) * per_batch)
        if self.phase == "done":
            return 0.0
        return None

    def _fraction(self) -> float:
        if self.phase == "done":
            return 1.0
        parts = []  # (weight, done fraction); downstream pages have no known total
        if self.bytes_total:
            parts.append((0.6, self.bytes_done / self.bytes_total))
        if self.items_total:
            parts.append((0.3, self.items_done / self.items_total))
        downstream = 1.0 if self.phase in ("results", "roster") else 0.0
        parts.append((0.1, downstream * 0.5))
        total = sum(w for w, _ in parts)
        return min(1.0, sum(w * f for w, f in parts) / total) if total else 0.0


def probe(url: str, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """Is the hub reachable? Any HTTP answer counts (the path need not exist)."""
    import httpx  # on first use: a counter that never syncs does not hold it (about 7 MB)

    try:
        httpx.get(url.rstrip("/") + "/", timeout=timeout_s)
    except httpx.HTTPError:
        return False
    return True


class SyncController(QObject):
    state_changed = Signal(str)  # RunState
    connectivity_changed = Signal(str)  # Net
    progress_changed = Signal(object)  # SyncProgress
    run_started = Signal(bool)  # automatic?
    run_finished = Signal(object)  # RunOutcome
    retried = Signal(object)  # sync.status.RetryOutcome
    status_text_changed = Signal(str)  # for the status bar

    def __init__(
        self,
        store: Store,
        *,
        clerk: ClerkSession | None = None,
        options: SyncOptions | None = None,
        probe_interval_s: float | None = None,
        auto_interval_s: float | None = None,
        first_backoff_s: float = FIRST_BACKOFF_S,
        retries: int = COUNTER_RETRIES.retries,
        backoff_s: float = COUNTER_RETRIES.backoff_s,
        manager: TaskManager | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clerk = clerk
        self.options = options or SyncOptions()
        policy = ProbePolicy.from_settings(
            store.settings,
            probe_interval_s=probe_interval_s,
            auto_interval_s=auto_interval_s,
            first_backoff_s=first_backoff_s,
        )
        self.scheduler = SyncScheduler(policy, read_only=store.read_only)
        self.retry_policy = RetryPolicy(retries, backoff_s)
        self.status_text = t("net.unknown")
        self.last_outcome: RunOutcome | None = None
        self.runs_started = 0
        self._token: CancelToken | None = None
        self._ops = Operations(on_error=self._unexpected, manager=manager)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._wake)

    # --- the scheduler's state, as the screens and tests read it ------------------------------

    @property
    def state(self) -> RunState:
        return self.scheduler.state

    @property
    def net(self) -> Net:
        return self.scheduler.net

    @property
    def probe_interval_s(self) -> float:
        return self.scheduler.policy.probe_interval_s

    @probe_interval_s.setter
    def probe_interval_s(self, value: float) -> None:
        self.scheduler.policy.probe_interval_s = value

    @property
    def auto_interval_s(self) -> float:
        return self.scheduler.policy.auto_interval_s

    @auto_interval_s.setter
    def auto_interval_s(self, value: float) -> None:
        self.scheduler.policy.auto_interval_s = value

    @property
    def first_backoff_s(self) -> float:
        return self.scheduler.policy.first_backoff_s

    @first_backoff_s.setter
    def first_backoff_s(self, value: float) -> None:
        self.scheduler.policy.first_backoff_s = value

    @property
    def _started(self) -> bool:
        return self.scheduler.started

    @_started.setter
    def _started(self, value: bool) -> None:
        self.scheduler.started = value

    @property
    def _closing(self) -> bool:
        return self.scheduler.closing

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Begin probing (at once) and, if configured, automatic sync."""
        self._do(self.scheduler.start())

    def shutdown(self) -> None:
        """Stop the timer, stop a run at its next boundary and wait for it (window closing)."""
        self.scheduler.stop()
        self._timer.stop()
        if self._token is not None:
            self._token.cancel()
        self._ops.shutdown()

    def set_clerk(self, clerk: ClerkSession | None) -> None:
        self.clerk = clerk

    @property
    def busy(self) -> bool:
        return self.scheduler.busy

    def hold(self) -> bool:
        """Keep every run (automatic ones too) from starting until ``release()``, e.g. while the
        data key is rotated. False, and nothing held, when a run is going now."""
        return self.scheduler.hold()

    def release(self) -> None:
        self.scheduler.release()

    # --- operator actions (the core checks the role) -------------------------------------------

    def run_now(self) -> bool:
        """立即同步 (also 继续 after a pause). False when a run is already going."""
        require(self.clerk, Permission.SYNC)
        return self._start_run(automatic=False)

    def pause(self) -> None:
        require(self.clerk, Permission.SYNC)
        if self.state is RunState.RUNNING and self._token is not None:
            self._token.cancel()
            self._set_state(RunState.PAUSING)

    def resume(self) -> bool:
        require(self.clerk, Permission.SYNC)
        if self.state is not RunState.PAUSED:
            return False
        self._set_state(RunState.IDLE)
        return self._start_run(automatic=False)

    def cancel(self) -> None:
        require(self.clerk, Permission.SYNC)
        if self.state in (RunState.RUNNING, RunState.PAUSING) and self._token is not None:
            self._token.cancel()
            self._set_state(RunState.CANCELLING)
        elif self.state is RunState.PAUSED:
            self._set_state(RunState.IDLE)
            self._set_status(t("status.cancelled", at=_hhmm(clock.now())))

    def retry_rejected(self) -> None:
        """Re-queue what may be sent again (sync/status.py ``retry_rejected``), then run."""
        require(self.clerk, Permission.SYNC)
        if self.busy:
            raise UserFacingError("sync_center.busy")
        from sync.status import retry_rejected

        def job() -> RetryOutcome:
            with self.store.db.write() as session:
                return retry_rejected(session, self.store.paths.media)

        def done(outcome: RetryOutcome) -> None:
            if self._closing:
                return
            self.retried.emit(outcome)
            if self.state is RunState.PAUSED:
                self._set_state(RunState.IDLE)
            self._start_run(automatic=False)

        def failed(exc: BaseException) -> None:
            if not self._closing:
                self._set_status(t("status.failed", error=_error_text(exc), at=_hhmm(clock.now())))

        self._ops.run(job, done, failed, initiator=self)

    # --- runs -----------------------------------------------------------------------------

    def _start_run(self, *, automatic: bool) -> bool:
        if not self.scheduler.may_start_run(automatic=automatic):
            return False
        token = CancelToken()
        self._token = token
        self.runs_started += 1
        self._set_state(RunState.RUNNING)
        self._set_status(t("status.running"))
        self.run_started.emit(automatic)
        # An automatic run is the system's (audited without a clerk); a manual one the operator's.
        clerk = None if automatic else self.clerk

        def finished(fut_result: SyncReport | None, exc: BaseException | None) -> None:
            if not self._closing:
                self._run_done(fut_result, exc, automatic)

        self._ops.background(
            lambda: self._run_engine(token, clerk),
            lambda report: finished(report, None),
            lambda exc: finished(None, exc),
            uses_db=True,
            initiator=self,
        )
        return True

    def _run_engine(self, token: CancelToken, clerk: ClerkSession | None) -> SyncReport:
        """On the pool: network I/O here, the engine's short DB phases in its own sessions."""
        from sync.runner import hub_url_for, make_engine, store_http_client

        tracker = ProgressTracker()
        self.progress_changed.emit(SyncProgress("collect"))
        with store_http_client(self.store, hub_url_for(self.store)) as http:
            # make_engine checks the clerk's 数据同步 role in the core and names them as opter
            # and in the run's audit entries (None: an automatic run, the system's).
            engine = make_engine(
                self.store,
                http,
                self.options,
                opter_type="1",
                retries=self.retry_policy.retries,
                backoff_s=self.retry_policy.backoff_s,
                clerk=clerk,
            )
            sleep = _cancellable_sleep(token)
            engine.sleep = sleep
            engine.client.sleep = sleep

            def progress(step: Progress) -> None:
                update = tracker.update(step, engine.client.bytes_sent)
                if update is not None:
                    self.progress_changed.emit(update)

            return engine.run(progress, token)

    def _run_done(self, report: SyncReport | None, exc: BaseException | None, automatic: bool) -> None:
        now = clock.now()
        self._token = None
        if exc is None:
            assert report is not None
            outcome = RunOutcome("ok", automatic, report=report, at=now)
            self._set_net(Net.ONLINE)
            self._set_state(RunState.IDLE)
            self._set_status(
                t(
                    "status.ok",
                    cases=report.cases_sent,
                    accepted=report.accepted,
                    rejected=report.rejected,
                    at=_hhmm(now),
                )
            )
        elif isinstance(exc, Cancelled):
            paused = self.state is RunState.PAUSING
            outcome = RunOutcome("paused" if paused else "cancelled", automatic, error=exc, at=now)
            self._set_state(RunState.PAUSED if paused else RunState.IDLE)
            self._set_status(t("status.paused") if paused else t("status.cancelled", at=_hhmm(now)))
        else:
            outcome = RunOutcome("failed", automatic, error=exc, at=now)
            code = exc.code if isinstance(exc, UserFacingError) else type(exc).__name__
            logger.warning("%s sync run failed: %s", "automatic" if automatic else "manual", code)
            if isinstance(exc, SyncError):
                was = self.net
                self.scheduler.run_failed(exc.code)
                self._net_changed(was)
                self._arm()
            self._set_state(RunState.IDLE)
            self._set_status(t("status.failed", error=_error_text(exc), at=_hhmm(now)))
        self.last_outcome = outcome
        self.run_finished.emit(outcome)

    # --- connectivity and automatic sync (decided by the scheduler) ---------------------------

    @Slot()
    def probe_now(self) -> None:
        self._do(self.scheduler.probe_now())

    def next_probe_s(self) -> float:
        return self.scheduler.next_probe_s()

    @Slot()
    def _wake(self) -> None:
        self._do(self.scheduler.poll())

    def _do(self, effects: list[Effect]) -> None:
        """Run what the scheduler asked for, then set the timer to its next wake-up."""
        self.scheduler.read_only = self.store.read_only  # for the next decision
        for effect in effects:
            if effect is Effect.PROBE:
                self._ops.background(self._probe_job, self._probe_done, self._probe_failed, uses_db=True)
            elif effect is Effect.CHECK_AUTO and not self.store.read_only:
                self._check_auto()
        self._arm()

    def _arm(self) -> None:
        wait_s = self.scheduler.next_wakeup_s()
        if wait_s is None:
            self._timer.stop()
        else:
            self._timer.start(int(wait_s * 1000))

    def _probe_job(self) -> Net:
        from sync.runner import hub_url_for

        try:
            url = hub_url_for(self.store)
        except SyncError:
            return Net.NO_HUB
        return Net.ONLINE if probe(url, self.scheduler.policy.timeout_s()) else Net.OFFLINE

    def _probe_done(self, net: Net) -> None:
        if self._closing:
            return
        was = self.net
        effects = self.scheduler.probe_finished(net)
        self._net_changed(was)
        self._do(effects)

    def _probe_failed(self, exc: BaseException) -> None:
        # e.g. the database went away: keep trying, say nothing new
        logger.warning("connectivity probe failed: %s", type(exc).__name__)
        if not self._closing:
            self._do(self.scheduler.probe_finished(None))

    def _check_auto(self) -> None:
        from sync.status import auto_sync_due

        interval = dt.timedelta(seconds=self.auto_interval_s)

        def due() -> bool:
            with self.store.db.read() as session:
                return auto_sync_due(session, interval)

        def done(is_due: bool) -> None:
            if is_due and not self._closing:
                self._start_run(automatic=True)

        def failed(exc: BaseException) -> None:
            logger.warning("automatic sync check failed: %s", type(exc).__name__)

        self._ops.run(due, done, failed)

    # --- plumbing ---------------------------------------------------------------------------

    def _unexpected(self, exc: BaseException) -> None:  # every op here has its own failure callback
        logger.error("sync controller: %s", type(exc).__name__)

    def _set_state(self, state: RunState) -> None:
        if state is not self.scheduler.state:
            self.scheduler.state = state
            self.state_changed.emit(state.value)

    def _set_net(self, net: Net) -> None:
        was = self.net
        self.scheduler.set_net(net)
        self._net_changed(was)

    def _net_changed(self, was: Net) -> None:
        changed = self.net is not was
        if changed:
            self.connectivity_changed.emit(self.net.value)
        if (changed or self.net is Net.OFFLINE) and not self.busy:  # offline: the retry delay grows
            self._set_status(self.net_text())

    def net_text(self) -> str:
        if self.net is Net.OFFLINE:
            return t("net.offline", seconds=round(self.next_probe_s()))
        return t(f"net.{self.net.value}")

    def _set_status(self, text: str) -> None:
        self.status_text = text
        self.status_text_changed.emit(text)


def t(key: str, **params: object) -> str:
    """A text of desktop/messages/sync_center.py (``sync_center.`` implied) filled with ``params``,
    in the interface language: ``messages.render`` goes through the catalog's "messages" context,
    where scripts/i18n.py collects these texts. An unknown key is shown as it is."""
    code = key if key.startswith("sync_center.") else f"sync_center.{key}"
    if code not in SYNC_CENTER_MESSAGES:
        return key
    return render(UserFacingError(code, **params))


def _cancellable_sleep(token: CancelToken) -> Callable[[float], None]:
    """Throttling and retry back-off that end early (raising ``Cancelled``) on pause or cancel."""

    def sleep(seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            token.check()
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.05))

    return sleep


def _error_text(exc: BaseException) -> str:
    return render(exc) if isinstance(exc, UserFacingError) else t("run_failed", error=type(exc).__name__)


def _hhmm(moment: dt.datetime) -> str:
    return moment.astimezone(clock.CHINA).strftime("%H:%M")
