"""Crash safety: a station killed with SIGKILL at random moments loses nothing it reported saved."""

from __future__ import annotations

from pathlib import Path

from tests.crash_harness import run_rounds, verify


def test_sigkill_at_random_moments_loses_no_committed_case(demo_store: object, tongban_home: Path) -> None:
    from models.store import Store

    assert isinstance(demo_store, Store)
    demo_store.close()
    report = run_rounds(tongban_home, rounds=25, seed=20261123, max_delay=1.2)
    assert report.kills == 25
    assert len(report.committed) >= 10, "the child should commit cases between kills"
    verify(tongban_home, report)
    assert report.integrity == "ok"
    assert report.missing_cases == [] and report.missing_files == []
    assert report.check_ok
