"""Crash safety: a station killed with SIGKILL at random moments loses nothing it reported saved."""

from __future__ import annotations

from pathlib import Path

from models.store import Store
from tests.crash_harness import run_rounds, verify


def test_sigkill_at_random_moments_loses_no_committed_case(protected_store: Store, tongban_home: Path) -> None:
    assert isinstance(protected_store, Store)  # encrypted, as every station is
    protected_store.close()
    report = run_rounds(tongban_home, rounds=25, seed=20261123, max_delay=1.2)
    assert report.kills == 25
    assert len(report.committed) >= 10, "the child should commit cases between kills"
    verify(tongban_home, report)
    assert report.integrity == "ok"
    assert report.missing_cases == [] and report.missing_files == []
    assert report.check_ok
    _syncs_exactly_once_afterwards(tongban_home, len(report.committed))


def _syncs_exactly_once_afterwards(home: Path, committed: int) -> None:
    """After the kills the station still syncs, and every case reaches the hub exactly once."""
    from sqlalchemy import func, select

    from hub.server import BackgroundServer, build
    from models.orm import Case, MaterialFile, SyncOutbox
    from models.paths import DataPaths
    from models.store import open_store
    from sync.engine import SyncOptions
    from sync.runner import enroll_station, http_client, make_engine

    store = open_store(DataPaths(home))
    hub, app = build(home.parent / "hub", auto_approve=True, token="t")
    try:
        with store.db.read() as session:
            queued = set(session.scalars(select(SyncOutbox.case_uuid).where(SyncOutbox.kind == "case")))
            photos = session.scalar(select(func.count(func.distinct(MaterialFile.sha256)))) or 0
            accepted = session.scalar(select(func.count()).select_from(Case).where(Case.accepted_at.is_not(None)))
        assert len(queued) >= committed and accepted is not None and accepted >= committed
        with BackgroundServer(app) as server:
            enroll_station(store, server.url)
            for _ in range(2):  # the second run must add nothing
                with http_client(server.url) as http:
                    report = make_engine(store, http, SyncOptions(), retries=1, backoff_s=0.0).run()
                assert report.complete
                stats = hub.stats()
                assert stats["cases"] == len(queued) and stats["receipts"] == len(queued)
                assert stats["media"] == photos
    finally:
        hub.db.dispose()
        store.close()
