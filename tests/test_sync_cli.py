"""The console commands against a hub in its own process: enrol, approve, sync, decide, sync back;
the hub killed and restarted in between changes nothing."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import tongban
from tests.sync_helpers import free_port, start_hub_process, wait_until_serving


class HubProcess:
    def __init__(self, data: Path, home: Path) -> None:
        self.data, self.home = data, home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = start_hub_process(self.data, self.port, self.home)
        wait_until_serving(self.url, self.proc, timeout_s=30)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)


@pytest.fixture
def hub_process(tmp_path: Path) -> Iterator[HubProcess]:
    hub = HubProcess(tmp_path / "hub", tmp_path / "hub-home")
    hub.start()
    yield hub
    if hub.proc and hub.proc.poll() is None:
        hub.kill()


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_enrol_approve_sync_decide_and_back(tongban_home: Path, hub_process: HubProcess) -> None:
    home, hub = tongban_home, hub_process
    assert tongban("init", "--demo", home=home).returncode == 0
    enrolled = _json(tongban("station", "enroll", "--hub", hub.url, "--json", home=home))
    assert enrolled["status"] == "pending" and len(enrolled["key_fingerprint"]) == 16

    refused = tongban("sync", "run", home=home)
    assert refused.returncode == 1 and "等待中心端审核" in refused.stderr
    listed = _json(tongban("hub", "list", "--json", "--data", str(hub.data), home=home))
    assert listed[0]["key_fingerprint"] == enrolled["key_fingerprint"]
    assert tongban("hub", "approve", enrolled["station_code"], "--data", str(hub.data), home=home).returncode == 0

    report = _json(tongban("sync", "run", "--json", home=home))
    assert report["complete"] and report["accepted"] == 4
    status = _json(tongban("sync", "status", "--json", home=home))
    assert (status["pending"], status["sent"], status["accepted"], status["rejected"]) == (0, 0, 4, 0)

    cases = _json(tongban("hub", "list", "cases", "--json", "--data", str(hub.data), home=home))
    accepted = [c for c in cases if c["state"] == "已受理"]
    case_no = accepted[0]["case_no"]
    hub.kill()  # the hub dies; its data survives
    down = tongban("sync", "run", home=home)
    assert down.returncode == 1 and "无法连接中心端" in down.stderr
    assert tongban("hub", "decide", case_no, "--action", "approve", "--data", str(hub.data),
                   home=home).returncode == 0
    hub.start()
    report = _json(tongban("sync", "run", "--json", home=home))
    assert report["results_applied"] == 1 and report["cases_sent"] == 0
    # Read the station's database directly: the state and who moved it there.
    from models.db import connect_raw
    from models.paths import DataPaths
    from models.security.vault import unlock

    key = unlock(DataPaths(home), None).data_key  # the demo station is encrypted (docs/security.md)
    con = connect_raw(home / "tongban.sqlite3", key=key)
    state, actor = con.execute(
        "SELECT c.state, e.actor FROM \"case\" c JOIN case_event e ON e.case_id = c.id "
        "WHERE c.case_no = ? ORDER BY e.seq DESC LIMIT 1", (case_no,)).fetchone()
    con.close()
    assert (state, actor) == ("审核通过", "centre")
    stats = _json(tongban("hub", "list", "stats", "--json", "--data", str(hub.data), home=home))
    assert stats["cases"] == 4 and stats["receipts"] == 4
