"""Issue 17 item 5: who may enrol the station or point it at another hub, and the hub's key
pinned by the station (real hubs on loopback; the role checks through real ``tongban`` processes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from models import audit
from models.orm import SyncIdentity
from models.store import Store
from sync.errors import SyncError
from sync.runner import enroll_station, http_client, make_engine, run_hub_url
from tests.cli_helpers import tongban
from tests.sync_helpers import loopback_hub


def _pinned(store: Store) -> str | None:
    with store.db.read() as session:
        ident = session.scalar(select(SyncIdentity))
        return ident.hub_key if ident else None


def _hub_key(data: Path) -> str:
    from hub.bundle_import import hub_signing_key
    from sync import protocol as p

    return p.public_key_b64(hub_signing_key(data).public_key())


def _run(store: Store, url: str) -> object:
    with http_client(url) as http:
        return make_engine(store, http, retries=0).run()


def test_answers_from_another_hub_are_refused_before_anything_is_sent(demo_store: Store, tmp_path: Path) -> None:
    with loopback_hub(tmp_path / "county") as county, loopback_hub(tmp_path / "rogue") as rogue:
        # The rogue hub knows the station too (it was sent the same 9001) and approves anything.
        enroll_station(demo_store, rogue.url)
        assert _pinned(demo_store) == _hub_key(tmp_path / "rogue")  # an admin moving the station re-pins
        enroll_station(demo_store, county.url)
        assert _pinned(demo_store) == _hub_key(tmp_path / "county") != _hub_key(tmp_path / "rogue")
        with pytest.raises(SyncError) as refused:
            _run(demo_store, rogue.url)
        assert refused.value.code == "sync.hub_not_trusted"
        assert rogue.stats()["cases"] == 0  # no case (names, ID numbers) went there
        report = _run(demo_store, county.url)
        assert report.complete and county.stats()["cases"] > 0  # type: ignore[attr-defined]


def test_a_station_enrolled_before_hubs_signed_pins_the_key_at_its_next_good_sync(
    demo_store: Store, tmp_path: Path
) -> None:
    with loopback_hub(tmp_path / "county") as county, loopback_hub(tmp_path / "rogue") as rogue:
        enroll_station(demo_store, county.url)
        enroll_station(demo_store, rogue.url)  # the rogue hub knows the station's key as well
        enroll_station(demo_store, county.url)
        with demo_store.db.write() as session:  # as a station of the previous version left it
            session.scalar(select(SyncIdentity)).hub_key = None  # type: ignore[union-attr]
        assert _run(demo_store, county.url).complete  # type: ignore[attr-defined]
        assert _pinned(demo_store)
        with demo_store.db.read() as session:
            assert audit.entries(session, action="sync.hub_key_pinned")
        with pytest.raises(SyncError) as refused:
            _run(demo_store, rogue.url)
        assert refused.value.code == "sync.hub_not_trusted"


def test_only_an_admin_enrols_or_changes_the_hub_and_it_is_audited(tongban_home: Path, tmp_path: Path) -> None:
    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    with loopback_hub(tmp_path / "county") as county, loopback_hub(tmp_path / "rogue") as rogue:
        printer = tongban("--login", "dayin", "--password-stdin", "station", "enroll", "--hub", rogue.url,
                          home=tongban_home, stdin="demo-dayin\n")
        assert printer.returncode == 1 and "打印员无权执行" in printer.stderr
        admin = tongban("--login", "admin", "--password-stdin", "station", "enroll", "--hub", county.url, "--json",
                        home=tongban_home, stdin="demo-admin\n")
        assert admin.returncode == 0, admin.stderr
        syncer = tongban("--login", "tongbu", "--password-stdin", "sync", "run", "--hub", rogue.url,
                         home=tongban_home, stdin="demo-tongbu\n")
        assert syncer.returncode == 1 and "同步员无权执行" in syncer.stderr
        assert rogue.stats()["cases"] == 0
        same = tongban("--login", "tongbu", "--password-stdin", "sync", "run", "--json",
                       home=tongban_home, stdin="demo-tongbu\n")
        assert same.returncode == 0, same.stderr  # the enrolled hub: a 同步员's ordinary run
        log = tongban("audit", "list", "--json", home=tongban_home)
        entries = json.loads(log.stdout)
        enrolled = [e for e in entries if e["action"] == "station.enroll"]
        assert enrolled and enrolled[0]["clerk"] == "admin"


def test_changing_the_hub_for_a_run_needs_an_admin(demo_store: Store, tmp_path: Path) -> None:
    from models.enums import ClerkRole
    from models.errors import UserFacingError
    from models.security.auth import ClerkSession

    with loopback_hub(tmp_path / "county") as county:
        enroll_station(demo_store, county.url)
        syncer = ClerkSession(1, "tongbu", "同步员", ClerkRole.SYNC)
        assert run_hub_url(demo_store, None, syncer) == county.url
        assert run_hub_url(demo_store, county.url + "/", syncer) == county.url
        with pytest.raises(UserFacingError) as refused:
            run_hub_url(demo_store, "https://hub.example.invalid", syncer)
        assert refused.value.code == "auth.forbidden"
        with pytest.raises(UserFacingError) as not_admin:
            enroll_station(demo_store, county.url, clerk=syncer)
        assert not_admin.value.code == "auth.forbidden"
