"""The sync scheduler (sync/scheduler.py) and policies (sync/policy.py), on a clock the test moves."""

from __future__ import annotations

from pathlib import Path

from models.settings import SYNC_AUTO_MINUTES, SYNC_PROBE_SECONDS, Settings
from sync.policy import CLI_RETRIES, COUNTER_RETRIES, ProbePolicy, RetryPolicy
from sync.scheduler import Effect, Net, RunState, SyncScheduler


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def scheduler(probe_s: float = 30, auto_s: float = 300, first_s: float = 5) -> tuple[SyncScheduler, FakeClock]:
    clock = FakeClock()
    return SyncScheduler(ProbePolicy(probe_s, auto_s, first_s), clock=clock), clock


def test_named_policies_keep_the_values_each_caller_had() -> None:
    assert (CLI_RETRIES.retries, CLI_RETRIES.backoff_s, CLI_RETRIES.max_backoff_s) == (4, 0.5, 30.0)
    assert (COUNTER_RETRIES.retries, COUNTER_RETRIES.backoff_s) == (2, 1.0)
    assert [CLI_RETRIES.delay(n) for n in range(4)] == [0.5, 1.0, 2.0, 4.0]
    assert RetryPolicy(9, 10.0).delay(5) == 30.0  # capped
    assert not CLI_RETRIES.gives_up(3) and CLI_RETRIES.gives_up(4)


def test_probe_policy_comes_from_the_settings(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "settings.json")
    SYNC_PROBE_SECONDS.set(settings, 60)
    SYNC_AUTO_MINUTES.set(settings, 2)
    policy = ProbePolicy.from_settings(settings)
    assert (policy.probe_interval_s, policy.auto_interval_s, policy.first_backoff_s) == (60, 120, 5)
    assert ProbePolicy.from_settings(settings, probe_interval_s=3, auto_interval_s=0).first_backoff_s == 3
    assert policy.timeout_s() == 5 and ProbePolicy(0.5, 0).timeout_s() == 1.0


def test_start_probes_at_once_then_every_interval_while_online_and_syncs_when_first_seen() -> None:
    s, clock = scheduler()
    assert s.start() == [Effect.PROBE] and s.start() == []  # a second start does nothing
    assert s.probe_now() == []  # one probe at a time
    assert s.probe_finished(Net.ONLINE) == [Effect.CHECK_AUTO]  # first seen: sync what waited
    assert s.next_wakeup_s() == 30
    clock.advance(29)
    assert s.poll() == []
    clock.advance(1)
    assert s.poll() == [Effect.PROBE]
    assert s.probe_finished(Net.ONLINE) == []  # still online: no new automatic check
    assert s.next_wakeup_s() == 30


def test_offline_probes_back_off_from_5_s_doubling_up_to_the_interval() -> None:
    s, clock = scheduler()
    s.start()
    delays = []
    for _ in range(5):
        s.probe_finished(Net.OFFLINE)
        delays.append(s.next_wakeup_s())
        clock.advance(s.next_wakeup_s() or 0)
        assert s.poll() == [Effect.PROBE]
    assert delays == [5, 10, 20, 30, 30]
    assert s.probe_finished(Net.ONLINE) == [Effect.CHECK_AUTO]  # back: sync at once
    assert s.next_probe_s() == 30 and s.offline_probes == 0


def test_automatic_sync_every_interval_only_when_online_idle_and_writable() -> None:
    s, clock = scheduler(probe_s=3600, auto_s=300)
    s.start()
    s.probe_finished(Net.ONLINE)
    clock.advance(300)
    assert s.poll() == [Effect.CHECK_AUTO]
    s.state = RunState.RUNNING
    clock.advance(300)
    assert s.poll() == []  # a run is going
    s.state = RunState.PAUSED
    clock.advance(300)
    assert s.poll() == []  # the operator paused: no automatic run
    s.state = RunState.IDLE
    s.read_only = True
    clock.advance(300)
    assert s.poll() == []
    s.read_only = False
    s.set_net(Net.OFFLINE)
    assert s.auto_check() == []
    off, _ = scheduler(auto_s=0)
    off.start()
    assert off.probe_finished(Net.ONLINE) == [] and off.auto_at is None  # 0: never automatic


def test_runs_never_overlap_nor_start_while_held_or_closing() -> None:
    s, _clock = scheduler()
    assert s.may_start_run(automatic=True)
    s.state = RunState.RUNNING
    assert not s.may_start_run(automatic=False) and not s.hold()  # nothing held while a run goes
    s.state = RunState.PAUSED
    assert s.may_start_run(automatic=False) and not s.may_start_run(automatic=True)
    s.state = RunState.IDLE
    assert s.hold() and s.hold()
    assert not s.may_start_run(automatic=False)
    s.release()
    assert not s.may_start_run(automatic=False)  # held twice
    s.release()
    s.release()  # one release too many does no harm
    assert s.may_start_run(automatic=True)
    s.stop()
    assert not s.may_start_run(automatic=False) and s.start() == [] and s.next_wakeup_s() is None


def test_a_run_that_found_the_hub_gone_switches_to_offline_probing() -> None:
    s, clock = scheduler()
    s.start()
    s.probe_finished(Net.ONLINE)
    s.state = RunState.RUNNING
    clock.advance(30)
    assert s.poll() == []  # no probe during a run: the run tells ...
    assert s.next_wakeup_s() == 30  # ... and the probe is put off
    s.run_failed("sync.unreachable")
    s.state = RunState.IDLE
    assert s.net is Net.OFFLINE and s.next_wakeup_s() == 5
    s.run_failed("sync.no_hub")
    assert s.net is Net.NO_HUB
    s.run_failed("sync.refused")  # a refusal says nothing about the connection
    assert s.net is Net.NO_HUB


def test_a_failed_probe_is_tried_again_without_changing_what_is_known() -> None:
    s, clock = scheduler()
    s.start()
    assert s.probe_finished(None) == [] and s.net is Net.UNKNOWN and not s.probe_busy
    clock.advance(s.next_wakeup_s() or 0)
    assert s.poll() == [Effect.PROBE]
