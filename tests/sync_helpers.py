"""Shared by the sync tests: a photo or a withdrawal on a queued case, a hub on loopback, a hub process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import httpx
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from hub.server import BackgroundServer, build
from models import clock
from models.cases import apply_action, enqueue_case
from models.lifecycle import Action
from models.media import store_bytes
from models.orm import Case, MaterialEntry, MaterialFile
from models.store import Store
from sync.records import SyncedItem

REPO = Path(__file__).resolve().parent.parent
TOKEN = "test-admin-token"


class Photo(NamedTuple):
    sha: str
    case_uuid: str
    material_key: str
    material_name: str


def _first_case(session: Session, where: tuple[ColumnElement[bool], ...]) -> Case:
    row = session.scalar(select(Case).where(*where).order_by(Case.id).limit(1))
    assert row is not None, "no case matches"
    return row


def add_photo(store: Store, data: bytes, *where: ColumnElement[bool]) -> Photo:
    """Attach ``data`` to the first material of the first case matching ``where`` (conditions on
    ``Case``) and queue the case again, as the counter does when a page is scanned."""
    sha = store_bytes(store.paths.media, data)
    with store.db.write() as session:
        row = _first_case(session, where)
        entry = session.scalar(select(MaterialEntry).where(MaterialEntry.case_id == row.id).order_by(MaterialEntry.id))
        assert entry is not None
        session.add(
            MaterialFile(entry_id=entry.id, sha256=sha, mime="image/jpeg", size=len(data), created_at=clock.now())
        )
        enqueue_case(session, row)
        return Photo(sha, row.uuid, entry.material_key, entry.name)


def withdraw(store: Store, *where: ColumnElement[bool]) -> str:
    """The applicant withdraws the first case matching ``where``: same revision, one event more
    for the hub to take. Returns the case's uuid."""
    with store.db.write() as session:
        case = _first_case(session, where)
        item = SyncedItem(case.item_code, case.item_name)
        apply_action(session, case, Action.WITHDRAW, item=item, clerk=None, reason="申请人撤回")
        return case.uuid


class LoopbackHub:
    """A hub (its own SQLite under ``data``) served by uvicorn on loopback; it can be stopped
    and started again on the same port with the same data."""

    def __init__(self, data: Path, **build_kw: Any) -> None:
        self.hub, self.app = build(data, auto_approve=True, token=TOKEN, **build_kw)
        self.server = BackgroundServer(self.app).start()
        self.port = self.server.port
        self.url = self.server.url
        self.running = True

    def stop(self) -> None:
        self.server.stop()
        self.running = False

    def start(self) -> None:
        self.server = BackgroundServer(self.app, port=self.port).start()
        self.running = True

    def close(self) -> None:
        if self.running:
            self.stop()
        self.hub.db.dispose()

    def admin(self, method: str, path: str, **kw: Any) -> Any:
        r = httpx.request(method, self.url + path, headers={"Authorization": f"Bearer {TOKEN}"}, **kw)
        r.raise_for_status()
        return r.json()

    def stats(self) -> dict[str, Any]:
        return dict(self.admin("GET", "/admin/stats"))


@contextmanager
def loopback_hub(data: Path, **build_kw: Any) -> Iterator[LoopbackHub]:
    hub = LoopbackHub(data, **build_kw)
    try:
        yield hub
    finally:
        hub.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_hub_process(data: Path, port: int, home: Path, *options: str) -> subprocess.Popen[bytes]:
    """``tongban hub serve`` in its own process (``options``: more command-line options)."""
    env = {**os.environ, "TONGBAN_HOME": str(home)}
    command = [sys.executable, "-m", "desktop.cli.main", "hub", "serve", "--port", str(port), "--data", str(data)]
    return subprocess.Popen([*command, *options], env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_serving(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    """Until the hub process at ``url`` answers; fails with its stderr if it exits first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "hub exited")
        try:
            httpx.get(f"{url}/openapi.json", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)  # polling for the port to open, bounded by the deadline
    raise AssertionError("hub did not start")


class RecordingGateway:
    """A county's SMS gateway as ``--sms-gateway tests.sync_helpers:RecordingGateway`` names it
    (hub/sms.py): it keeps what it was handed, where a real one calls its provider."""

    handed: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> str:
        RecordingGateway.handed.append((phone, text))
        return f"rec-{len(RecordingGateway.handed)}"
