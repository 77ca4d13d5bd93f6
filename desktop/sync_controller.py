"""Sync runs off the GUI thread: manual and automatic, pause/resume/cancel, connectivity.

One ``SyncController`` per main window, created in the GUI thread. A run goes on the
controller's own worker thread (never the DB worker of desktop/operations.py: the network part
of a run can take minutes, and the engine's three short DB phases use the store's own sessions,
which ``Database.write()`` serialises with the DB worker's). Connectivity probes and the "is
there work?" check go on a second small thread, so a hung probe never delays a run.

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
import enum
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.messages import render
from desktop.messages.sync_center import MESSAGES as SYNC_CENTER_MESSAGES
from models import clock
from models.errors import Cancelled, UserFacingError
from models.permissions import Permission, require
from models.progress import CancelToken, Progress
from models.settings import SYNC_AUTO_MINUTES, SYNC_PROBE_SECONDS
from models.store import Store
from sync.engine import SyncOptions, SyncReport
from sync.errors import SyncError

if TYPE_CHECKING:
    from models.security.auth import ClerkSession
    from sync.status import RetryOutcome

logger = logging.getLogger(__name__)

#: first retry of the probe after the hub went away; doubles up to the configured interval
FIRST_BACKOFF_S = 5.0
PROBE_TIMEOUT_S = 5.0
#: at most this many progress updates a second reach the GUI (STYLE.md section 4)
PROGRESS_HZ = 10


class RunState(enum.StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSING = "pausing"
    PAUSED = "paused"
    CANCELLING = "cancelling"


class Net(enum.StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    NO_HUB = "no_hub"


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
        self._last_emit = 0.0

    def update(self, step: Progress, wire_bytes: int) -> SyncProgress | None:
        """The new state, or None when it is too soon after the last one (same phase)."""
        changed = step.label != self.phase
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
        final = step.label == "done" or (step.total is not None and step.done >= step.total)
        if not (changed or final) and t_now - self._last_emit < 1.0 / PROGRESS_HZ:
            return None
        self._last_emit = t_now
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

    # worker → GUI thread (queued: emitted from a thread other than this object's)
    _deliver = Signal(object)

    def __init__(
        self,
        store: Store,
        *,
        clerk: ClerkSession | None = None,
        options: SyncOptions | None = None,
        probe_interval_s: float | None = None,
        auto_interval_s: float | None = None,
        first_backoff_s: float = FIRST_BACKOFF_S,
        retries: int = 2,
        backoff_s: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clerk = clerk
        self.options = options or SyncOptions()
        self.probe_interval_s = float(
            probe_interval_s if probe_interval_s is not None else SYNC_PROBE_SECONDS.get(store.settings)
        )
        self.auto_interval_s = float(
            auto_interval_s if auto_interval_s is not None else SYNC_AUTO_MINUTES.get(store.settings) * 60
        )
        self.first_backoff_s = min(first_backoff_s, self.probe_interval_s)
        self.retries, self.backoff_s = retries, backoff_s
        self.state = RunState.IDLE
        self.net = Net.UNKNOWN
        self.status_text = t("net.unknown")
        self.last_outcome: RunOutcome | None = None
        self.runs_started = 0
        self._offline_probes = 0
        self._token: CancelToken | None = None
        self._closing = False
        self._holds = 0  # see hold()
        self._started = False
        self._run_exec = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-run")
        self._probe_exec = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-probe")
        self._probe_busy = False
        self._deliver.connect(self._on_deliver)
        self._probe_timer = QTimer(self)
        self._probe_timer.setSingleShot(True)
        self._probe_timer.timeout.connect(self.probe_now)
        self._auto_timer = QTimer(self)
        self._auto_timer.timeout.connect(self._maybe_auto)

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Begin probing (at once) and, if configured, the automatic sync timer."""
        if self._started or self._closing:
            return
        self._started = True
        if self.auto_interval_s > 0:
            self._auto_timer.start(int(self.auto_interval_s * 1000))
        self.probe_now()

    def shutdown(self) -> None:
        """Stop timers, stop a run at its next boundary and wait for the threads (window closing)."""
        self._closing = True
        self._probe_timer.stop()
        self._auto_timer.stop()
        if self._token is not None:
            self._token.cancel()
        self._run_exec.shutdown(wait=True, cancel_futures=True)
        self._probe_exec.shutdown(wait=True, cancel_futures=True)

    def set_clerk(self, clerk: ClerkSession | None) -> None:
        self.clerk = clerk

    @property
    def busy(self) -> bool:
        return self.state in (RunState.RUNNING, RunState.PAUSING, RunState.CANCELLING)

    def hold(self) -> bool:
        """Keep every run (automatic ones too) from starting until ``release()``, e.g. while the
        data key is rotated. False, and nothing held, when a run is going now."""
        if self.busy:
            return False
        self._holds += 1
        return True

    def release(self) -> None:
        self._holds = max(0, self._holds - 1)

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

        def done(fut: Future[RetryOutcome]) -> None:
            exc = fut.exception()
            if exc is not None:
                self._set_status(t("status.failed", error=_error_text(exc), at=_hhmm(clock.now())))
                return
            self.retried.emit(fut.result())
            if self.state is RunState.PAUSED:
                self._set_state(RunState.IDLE)
            self._start_run(automatic=False)

        self._submit(self._run_exec, job, done)

    # --- runs -----------------------------------------------------------------------------

    def _start_run(self, *, automatic: bool) -> bool:
        if self._closing or self.busy or self._holds or (automatic and self.state is RunState.PAUSED):
            return False
        token = CancelToken()
        self._token = token
        self.runs_started += 1
        self._set_state(RunState.RUNNING)
        self._set_status(t("status.running"))
        self.run_started.emit(automatic)
        # An automatic run is the system's (audited without a clerk); a manual one the operator's.
        clerk = None if automatic else self.clerk

        def job() -> SyncReport:
            return self._run_engine(token, clerk)

        self._submit(self._run_exec, job, lambda fut: self._run_done(fut, automatic))
        return True

    def _run_engine(self, token: CancelToken, clerk: ClerkSession | None) -> SyncReport:
        """On the sync thread: network I/O here, the engine's short DB phases in its own sessions."""
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
                retries=self.retries,
                backoff_s=self.backoff_s,
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

    def _run_done(self, fut: Future[SyncReport], automatic: bool) -> None:
        now = clock.now()
        self._token = None
        exc = fut.exception()
        if exc is None:
            outcome = RunOutcome("ok", automatic, report=fut.result(), at=now)
            self._set_net(Net.ONLINE)
            self._set_state(RunState.IDLE)
            report = outcome.report
            assert report is not None
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
            if isinstance(exc, SyncError) and exc.code == "sync.unreachable":
                self._set_net(Net.OFFLINE)
                self._schedule_probe()
            elif isinstance(exc, SyncError) and exc.code == "sync.no_hub":
                self._set_net(Net.NO_HUB)
            self._set_state(RunState.IDLE)
            self._set_status(t("status.failed", error=_error_text(exc), at=_hhmm(now)))
        self.last_outcome = outcome
        self.run_finished.emit(outcome)

    # --- connectivity and automatic sync ----------------------------------------------------

    @Slot()
    def probe_now(self) -> None:
        if self._closing or self._probe_busy:
            return
        if self.busy:  # the run itself tells whether the hub answers
            self._schedule_probe()
            return
        self._probe_busy = True
        self._submit(self._probe_exec, self._probe_job, self._probe_done)

    def _probe_job(self) -> Net:
        from sync.runner import hub_url_for

        try:
            url = hub_url_for(self.store)
        except SyncError:
            return Net.NO_HUB
        return Net.ONLINE if probe(url, min(PROBE_TIMEOUT_S, max(1.0, self.probe_interval_s))) else Net.OFFLINE

    def _probe_done(self, fut: Future[Net]) -> None:
        self._probe_busy = False
        exc = fut.exception()
        if exc is not None:  # e.g. the database went away: keep trying, say nothing new
            logger.warning("connectivity probe failed: %s", type(exc).__name__)
            self._schedule_probe()
            return
        was = self.net
        self._set_net(fut.result())
        self._schedule_probe()
        if self.net is Net.ONLINE and was is not Net.ONLINE:
            self._maybe_auto()  # connectivity returned (or first seen): sync what waited

    def next_probe_s(self) -> float:
        if self.net is Net.OFFLINE:
            return min(self.probe_interval_s, self.first_backoff_s * 2 ** max(0, self._offline_probes - 1))
        return self.probe_interval_s

    def _schedule_probe(self) -> None:
        if not self._closing and self._started:
            self._probe_timer.start(int(self.next_probe_s() * 1000))

    @Slot()
    def _maybe_auto(self) -> None:
        if (
            self._closing
            or self.auto_interval_s <= 0
            or self.store.read_only
            or self.state is not RunState.IDLE
            or self.net is not Net.ONLINE
        ):
            return
        from sync.status import auto_sync_due

        interval = dt.timedelta(seconds=self.auto_interval_s)

        def due() -> bool:
            with self.store.db.read() as session:
                return auto_sync_due(session, interval)

        def done(fut: Future[bool]) -> None:
            exc = fut.exception()
            if exc is not None:
                logger.warning("automatic sync check failed: %s", type(exc).__name__)
            elif fut.result():
                self._start_run(automatic=True)

        self._submit(self._probe_exec, due, done)

    # --- plumbing ---------------------------------------------------------------------------

    def _submit(
        self, executor: ThreadPoolExecutor, job: Callable[[], Any], done: Callable[[Future[Any]], None]
    ) -> None:
        try:
            future = executor.submit(job)
        except RuntimeError:  # shut down
            return
        future.add_done_callback(lambda fut: self._deliver.emit(lambda: done(fut)))

    @Slot(object)
    def _on_deliver(self, callback: Callable[[], None]) -> None:
        if not self._closing:
            callback()

    def _set_state(self, state: RunState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state.value)

    def _set_net(self, net: Net) -> None:
        self._offline_probes = self._offline_probes + 1 if net is Net.OFFLINE else 0
        changed = net is not self.net
        self.net = net
        if changed:
            self.connectivity_changed.emit(net.value)
        if (changed or net is Net.OFFLINE) and not self.busy:  # offline: the retry delay grows
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
