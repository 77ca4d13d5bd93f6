from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_self_test_runs_every_check_on_a_throwaway_directory(tongban_home: Path) -> None:
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "self-test", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    results = {r["check"]: r for r in json.loads(out.stdout)}
    assert set(results) == {"database", "catalog", "printing", "devices", "images", "qt"}
    assert all(r["ok"] for r in results.values())
    assert "SQLCipher" in results["database"]["detail"] and "PDF" in results["printing"]["detail"]
    assert not (tongban_home / "tongban.sqlite3").exists()  # the station's own data was never touched


def test_a_failing_check_is_reported_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.self_test as st

    def broken(_tmp: Path) -> str:
        raise RuntimeError("字体缺失")

    monkeypatch.setattr(st, "CHECKS", (("fonts", broken), ("catalog", st._catalog)))
    results = st.run_checks()
    assert [(r.name, r.ok) for r in results] == [("fonts", False), ("catalog", True)]
    assert "字体缺失" in results[0].detail
