"""How often, and how long, a station tries the hub: the sync timing in one place (no Qt).

Three callers had their own numbers; they are kept, by name:

- ``CLI_RETRIES`` (4 retries, 0.5 s doubling, at most 30 s): a ``tongban sync`` run and the
  ``HubClient``/``make_engine`` defaults. Nobody watches a counter; patience pays.
- ``COUNTER_RETRIES`` (2 retries, 1 s doubling): a run from the counter (desktop/sync_controller.py).
  A clerk may be waiting, and when the hub stays away the connectivity probe takes over.
- ``ProbePolicy``: the probe every ``sync_probe_seconds`` while the hub answers, from 5 s doubling
  up to that interval while it does not; automatic runs every ``sync_auto_minutes``.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.settings import SYNC_AUTO_MINUTES, SYNC_PROBE_SECONDS, Settings


@dataclass(frozen=True)
class RetryPolicy:
    """Transport failures and 5xx answers within one exchange: ``retries`` more attempts, the
    n-th after ``backoff_s * 2**n`` seconds (at most ``max_backoff_s``)."""

    retries: int
    backoff_s: float
    max_backoff_s: float = 30.0

    def gives_up(self, attempt: int) -> bool:
        """After ``attempt`` failed attempts (0-based count of retries so far)?"""
        return attempt >= self.retries

    def delay(self, attempt: int) -> float:
        return min(self.max_backoff_s, self.backoff_s * (2**attempt))


CLI_RETRIES = RetryPolicy(retries=4, backoff_s=0.5)
COUNTER_RETRIES = RetryPolicy(retries=2, backoff_s=1.0)

#: first probe after the hub went away; doubles up to the probe interval
FIRST_BACKOFF_S = 5.0
PROBE_TIMEOUT_S = 5.0


@dataclass
class ProbePolicy:
    """Connectivity probes and automatic runs (desktop's sync scheduler, sync/scheduler.py)."""

    probe_interval_s: float
    auto_interval_s: float  # 0: no automatic sync
    first_backoff_s: float = FIRST_BACKOFF_S
    probe_timeout_s: float = PROBE_TIMEOUT_S

    def __post_init__(self) -> None:
        self.first_backoff_s = min(self.first_backoff_s, self.probe_interval_s)

    def next_probe_s(self, offline_probes: int) -> float:
        """Seconds to the next probe, after ``offline_probes`` failed probes in a row (0: online)."""
        if offline_probes <= 0:
            return self.probe_interval_s
        return min(self.probe_interval_s, self.first_backoff_s * 2 ** (offline_probes - 1))

    def timeout_s(self) -> float:
        """A probe waits at most this long (never longer than the interval, at least 1 s)."""
        return min(self.probe_timeout_s, max(1.0, self.probe_interval_s))

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        probe_interval_s: float | None = None,
        auto_interval_s: float | None = None,
        first_backoff_s: float = FIRST_BACKOFF_S,
    ) -> ProbePolicy:
        """The station's settings (``sync_probe_seconds``, ``sync_auto_minutes``), unless given."""
        probe = float(probe_interval_s if probe_interval_s is not None else SYNC_PROBE_SECONDS.get(settings))
        auto = float(auto_interval_s if auto_interval_s is not None else SYNC_AUTO_MINUTES.get(settings) * 60)
        return cls(probe, auto, first_backoff_s)
