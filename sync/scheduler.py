"""When to probe the hub and when to sync on our own: a state machine without Qt.

desktop/sync_controller.py is its Qt adapter: it feeds events in (a probe's answer, a run's
end, the operator's pause/cancel, a hold during a data-key rotation), runs the work the
scheduler asks for (``Effect``) on the task manager, and sets one timer to ``next_wakeup_s()``,
after which it calls ``poll()``. Time comes from an injectable clock, so tests drive it by hand.

- **Connectivity**: probe at once on ``start()``; then every ``probe_interval_s`` while the hub
  answers, and from ``first_backoff_s`` doubling up to that interval while it does not
  (sync/policy.py ``ProbePolicy``). No probe while a run is going (the run tells) or while one
  is in flight.
- **Automatic sync**: when the hub comes back (or is first seen) and every ``auto_interval_s``
  while it answers, ask whether there is work (``CHECK_AUTO``; sync/status.py
  ``auto_sync_due``); never two runs at once, never while paused or held, never on a read-only
  store.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

from sync.policy import ProbePolicy


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


class Effect(enum.StrEnum):
    PROBE = "probe"  # probe the hub now, then call probe_finished()
    CHECK_AUTO = "check_auto"  # is there work? if so, start an automatic run


class SyncScheduler:
    def __init__(
        self, policy: ProbePolicy, *, read_only: bool = False, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy
        self.read_only = read_only
        self.clock = clock
        self.state = RunState.IDLE
        self.net = Net.UNKNOWN
        self.offline_probes = 0
        self.holds = 0
        self.started = False
        self.closing = False
        self.probe_busy = False
        self.probe_at: float | None = None
        self.auto_at: float | None = None

    # --- questions --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.state in (RunState.RUNNING, RunState.PAUSING, RunState.CANCELLING)

    def may_start_run(self, *, automatic: bool) -> bool:
        return not (self.closing or self.busy or self.holds or (automatic and self.state is RunState.PAUSED))

    def next_probe_s(self) -> float:
        return self.policy.next_probe_s(self.offline_probes if self.net is Net.OFFLINE else 0)

    def next_wakeup_s(self) -> float | None:
        """Seconds until ``poll()`` has something to do (None: nothing is scheduled)."""
        times = [t for t in (self.probe_at, self.auto_at) if t is not None]
        if self.closing or not times:
            return None
        return max(0.0, min(times) - self.clock())

    # --- events -----------------------------------------------------------------------------

    def start(self) -> list[Effect]:
        if self.started or self.closing:
            return []
        self.started = True
        if self.policy.auto_interval_s > 0:
            self.auto_at = self.clock() + self.policy.auto_interval_s
        return self.probe_now()

    def stop(self) -> None:
        self.closing = True
        self.probe_at = self.auto_at = None

    def poll(self) -> list[Effect]:
        """The timer fired: what is due now."""
        if self.closing:
            return []
        now, effects = self.clock(), []
        if self.probe_at is not None and self.probe_at <= now:
            self.probe_at = None
            effects += self.probe_now()
        if self.auto_at is not None and self.auto_at <= now:
            self.auto_at = now + self.policy.auto_interval_s
            effects += self.auto_check()
        return effects

    def probe_now(self) -> list[Effect]:
        if self.closing or self.probe_busy:
            return []
        if self.busy:  # the run itself tells whether the hub answers
            self.schedule_probe()
            return []
        self.probe_busy = True
        return [Effect.PROBE]

    def probe_finished(self, net: Net | None) -> list[Effect]:
        """The probe's answer (None: the probe itself failed, e.g. no database: try again)."""
        self.probe_busy = False
        if net is None:
            self.schedule_probe()
            return []
        was = self.net
        self.set_net(net)
        self.schedule_probe()
        if net is Net.ONLINE and was is not Net.ONLINE:
            return self.auto_check()  # connectivity returned (or first seen): sync what waited
        return []

    def auto_check(self) -> list[Effect]:
        if (
            self.closing
            or self.policy.auto_interval_s <= 0
            or self.read_only
            or self.state is not RunState.IDLE
            or self.net is not Net.ONLINE
        ):
            return []
        return [Effect.CHECK_AUTO]

    def set_net(self, net: Net) -> None:
        self.offline_probes = self.offline_probes + 1 if net is Net.OFFLINE else 0
        self.net = net

    def schedule_probe(self) -> None:
        if not self.closing and self.started:
            self.probe_at = self.clock() + self.next_probe_s()

    def run_failed(self, code: str) -> None:
        """A run ended in an error with this code: what it says about the hub."""
        if code == "sync.unreachable":
            self.set_net(Net.OFFLINE)
            self.schedule_probe()
        elif code == "sync.no_hub":
            self.set_net(Net.NO_HUB)

    def hold(self) -> bool:
        """No run may start until ``release()`` (False, and nothing held, while one is going)."""
        if self.busy:
            return False
        self.holds += 1
        return True

    def release(self) -> None:
        self.holds = max(0, self.holds - 1)
