"""The hash-chained audit log: what is recorded, and that edits, deletions and reordering show."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from models import audit
from models.db import connect_raw
from models.orm import AuditEntry
from models.paths import DataPaths
from models.security.vault import unlock
from models.store import Store


def _raw(home: Path) -> sqlite3.Connection:
    """The database as an attacker with the key would edit it: straight SQL, no application."""
    key = unlock(DataPaths(home), None).data_key
    return connect_raw(home / "tongban.sqlite3", key=key)


def tongban(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TONGBAN_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "desktop.cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_lifecycle_transitions_are_recorded_with_clerk_and_target(demo_store: Store) -> None:
    with demo_store.db.read() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action.startswith("case."))).all()
        report = audit.verify(session)
    assert {(r.action, r.clerk_login, r.clerk_role) for r in rows} >= {
        ("case.accept", "shouli", "受理员"),
        ("case.return_for_supplement", "shouli", "受理员"),
    }
    assert all(r.target.startswith("case:522701-001-") for r in rows)
    assert report.ok and report.entries == len(rows) and report.head_seq == len(rows)


def test_person_view_is_recorded_masked(demo_store: Store) -> None:
    with demo_store.db.write() as session:
        entry = audit.record_person_view(session, None, 3, "522701195803121011", case_no="522701-001-x")
    assert "522701********1011" in entry.detail and "195803" not in entry.detail


def test_edited_row_is_named_by_verify(tongban_home: Path) -> None:
    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    assert tongban("audit", "verify", home=tongban_home).returncode == 0
    con = _raw(tongban_home)
    con.execute("UPDATE audit_log SET clerk_login = 'shenhe' WHERE seq = 2")
    con.commit()
    con.close()
    out = tongban("audit", "verify", home=tongban_home)
    assert out.returncode == 1
    assert "第 2 条审计记录内容被修改" in out.stderr


def test_deleted_reordered_and_truncated_entries_are_detected(tongban_home: Path) -> None:
    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    from models.store import open_store

    def problems() -> list[tuple[int, str]]:
        st = open_store(DataPaths(tongban_home))
        try:
            with st.db.read() as session:
                return [(p.seq, p.kind) for p in audit.verify(session).problems]
        finally:
            st.close()

    assert problems() == []
    con = _raw(tongban_home)
    con.execute("DELETE FROM audit_log WHERE seq = 3")
    con.commit()
    assert problems() == [(3, "missing")]
    # Swap the contents of entries 4 and 5 (rows keep their ids): reordering.
    con.execute("UPDATE audit_log SET seq = -4 WHERE seq = 4")
    con.execute("UPDATE audit_log SET seq = 4 WHERE seq = 5")
    con.execute("UPDATE audit_log SET seq = 5 WHERE seq = -4")
    con.commit()
    found = problems()
    assert (4, "edited") in found or any(kind == "reordered" for _s, kind in found)
    con.close()

    # Deleting the newest entries: the chain that remains is intact, sqlite_sequence is not fooled.
    home2 = tongban_home.parent / "second"
    assert tongban("init", "--demo", home=home2).returncode == 0
    con = _raw(home2)
    newest = con.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    con.execute("DELETE FROM audit_log WHERE seq = ?", (newest,))
    con.commit()
    con.close()
    st = open_store(DataPaths(home2))
    try:
        with st.db.read() as session:
            assert [(p.seq, p.kind) for p in audit.verify(session).problems] == [(newest, "truncated")]
    finally:
        st.close()
    # Signing in appends an entry; it numbers past the deleted one, so the gap still shows.
    out = tongban("audit", "verify", "--json", home=home2)
    assert out.returncode == 1
    assert json.loads(out.stdout)["problems"][0] == {"seq": newest, "kind": "missing", "entry_id": newest + 1}


def test_export_writes_the_log_and_is_itself_audited(tongban_home: Path) -> None:
    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    target = tongban_home.parent / "audit.csv"
    out = tongban("audit", "export", "--out", str(target), home=tongban_home)
    assert out.returncode == 0, out.stderr
    body = target.read_text(encoding="utf-8")
    assert body.startswith("seq,at,clerk") and "case.accept" in body and "王演示" not in body
    listed = tongban("audit", "list", "--action", "audit.export", home=tongban_home)
    assert "audit.export" in listed.stdout
    assert tongban("audit", "verify", home=tongban_home).returncode == 0


def test_case_show_backup_and_sync_runs_are_audited_without_personal_data(tongban_home: Path) -> None:
    from fastapi.testclient import TestClient

    from hub.server import build
    from models.demo import DEMO_PEOPLE, demo_id_number
    from models.store import open_store
    from sync.runner import enroll_station, make_engine

    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    case_no = json.loads(tongban("case", "list", "--json", home=tongban_home).stdout)[0]["case_no"]
    assert tongban("case", "show", case_no, home=tongban_home).returncode == 0
    backup = tongban("db", "backup", home=tongban_home)
    assert backup.returncode == 0, backup.stderr
    hub, app = build(tongban_home.parent / "hub", auto_approve=True, token="t")
    st = open_store(DataPaths(tongban_home))
    try:
        with TestClient(app) as http:
            enroll_station(st, str(http.base_url), transport=http._transport)
            report = make_engine(st, http, retries=0).run()
        assert report.complete and report.cases_sent > 0
        with st.db.read() as session:
            rows = {e.action: e for e in audit.entries(session, limit=40)}
            assert audit.verify(session).ok
    finally:
        st.close()
        hub.db.dispose()
    assert rows["case.view"].target == f"case:{case_no}" and rows["case.view"].clerk_login == "admin"
    assert rows["backup.create"].clerk_role == "管理员" and '"encrypted":true' in rows["backup.create"].detail
    finish = json.loads(rows["sync.finish"].detail)
    assert rows["sync.start"].target == rows["sync.finish"].target
    assert finish["status"] == "ok" and finish["cases_sent"] == report.cases_sent and "reopened" not in finish
    texts = " ".join(e.detail + e.target for e in rows.values())
    for name, birth, serial in DEMO_PEOPLE:
        assert name not in texts and demo_id_number(birth, serial) not in texts


def test_sync_runs_need_the_sync_role_and_name_the_operator(tongban_home: Path) -> None:
    from fastapi.testclient import TestClient

    from hub.server import build
    from models.enums import ClerkRole
    from models.errors import UserFacingError
    from models.orm import Clerk
    from models.security.auth import ClerkSession
    from models.store import open_store
    from sync.runner import enroll_station, make_engine

    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    hub, app = build(tongban_home.parent / "hub", auto_approve=True, token="t")
    st = open_store(DataPaths(tongban_home))
    try:
        with st.db.read() as session:
            ids = {c.login: c.id for c in session.query(Clerk)}
        intake = ClerkSession(ids["shouli"], "shouli", "受理员", ClerkRole.INTAKE)
        operator = ClerkSession(ids["tongbu"], "tongbu", "同步员", ClerkRole.SYNC)
        with TestClient(app) as http:
            enroll_station(st, str(http.base_url), transport=http._transport)
            with pytest.raises(UserFacingError) as refused:
                make_engine(st, http, retries=0, clerk=intake)
            assert refused.value.code == "auth.forbidden"
            report = make_engine(st, http, retries=0, clerk=operator).run()
        assert report.complete
        with st.db.read() as session:
            rows = {e.action: e for e in audit.entries(session, limit=10)}
        assert rows["sync.start"].clerk_login == rows["sync.finish"].clerk_login == "tongbu"
    finally:
        st.close()
        hub.db.dispose()
