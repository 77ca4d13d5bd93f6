"""Issue 17 item 11: the audit chain anchored outside the station (an exported head, every
backup's manifest, the hub at every sync), so a cut tail with ``sqlite_sequence`` lowered too, or
a wiped log, no longer verifies."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import text

from models import audit
from models.backup import create_backup
from models.paths import DataPaths
from models.security.setup import ensure_demo
from tests.cli_helpers import tongban


def _cut_tail(paths: DataPaths, keep: int) -> None:
    """What the attacker did: delete the newest entries and lower sqlite_sequence to match."""
    from models.store import open_store

    st = open_store(paths)
    try:
        with st.db.write() as session:
            session.execute(text("DELETE FROM audit_log WHERE id > :keep"), {"keep": keep})
            session.execute(text("UPDATE sqlite_sequence SET seq = :keep WHERE name = 'audit_log'"), {"keep": keep})
    finally:
        st.close()


def test_a_cut_tail_is_found_against_an_exported_head_and_a_backup(tongban_home: Path, tmp_path: Path) -> None:
    paths = DataPaths(tongban_home)
    st, _recovery, _summary = ensure_demo(paths)
    try:
        with st.db.read() as session:
            head = audit.head(session)
            count = len(audit.entries(session, limit=100000))
        backup = create_backup(paths, tmp_path / "usb").path
    finally:
        st.close()
    with zipfile.ZipFile(backup) as zf:
        assert json.loads(zf.read("manifest.json"))["audit_head"] == head
    exported = tongban("audit", "verify", "--json", home=tongban_home)
    assert exported.returncode == 0, exported.stderr
    head_file = tmp_path / "audit-head.json"
    head_file.write_text(exported.stdout)
    assert tongban("audit", "verify", "--against", str(head_file), home=tongban_home).returncode == 0
    _cut_tail(paths, keep=count - 3)
    plain = tongban("audit", "verify", home=tongban_home)
    assert plain.returncode == 0  # the chain alone cannot tell: that was the hole
    for anchor in (head_file, backup):
        checked = tongban("audit", "verify", "--against", str(anchor), home=tongban_home)
        # Gone, or (if entries were appended since) replaced by a different one at that number.
        assert checked.returncode == 1, checked.stderr
        assert "已不在日志中" in checked.stderr or "与保存在别处的链头不符" in checked.stderr


def test_every_sync_leaves_the_head_at_the_hub(demo_store: object, tmp_path: Path) -> None:
    from models.store import Store
    from sync.runner import enroll_station, http_client, make_engine
    from tests.sync_helpers import loopback_hub

    assert isinstance(demo_store, Store)
    with loopback_hub(tmp_path / "hub") as hub:
        enroll_station(demo_store, hub.url)
        with http_client(hub.url) as http:
            assert make_engine(demo_store, http).run().complete
        with demo_store.db.read() as session:
            sent = audit.head(session)
        anchored = hub.admin("GET", f"/admin/stations/{demo_store_code(demo_store)}/audit-head")
        # The run's own entries (sync.start …) come after the head it sent.
        assert anchored["seq"] < sent["seq"] and anchored["hash"] != sent["hash"]
        with demo_store.db.read() as session:
            assert audit.check_anchor(session, anchored) is None
            session.execute(text("UPDATE audit_log SET entry_hash = :h WHERE seq = :s"),
                            {"h": "f" * 64, "s": anchored["seq"]})
            assert audit.check_anchor(session, anchored) is not None


def demo_store_code(store: object) -> str:
    from models.station_setup import current_station

    with store.db.read() as session:  # type: ignore[attr-defined]
        station = current_station(session)
        assert station is not None
        return station.code
