"""The counter's install and bundle leave the hub out (pyproject `hub` extra, build.spec excludes)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop.cli import cmd_hub
from desktop.cli.main import main

REPO = Path(__file__).resolve().parent.parent
STATION_PACKAGES = ("desktop", "widgets", "models", "printing", "devices", "sync")
HUB_ONLY = ("hub", "fastapi", "uvicorn", "starlette", "psycopg")


def _top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_station_code_never_imports_the_hub_stack() -> None:
    offenders = []
    for package in STATION_PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            if path == REPO / "desktop" / "cli" / "cmd_hub.py":
                continue  # imports the hub lazily, behind hub_installed()
            bad = _top_level_imports(path) & set(HUB_ONLY)
            if bad:
                offenders.append(f"{path.relative_to(REPO)}: {sorted(bad)}")
    assert offenders == []


def test_build_spec_excludes_the_hub_stack() -> None:
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    excludes = spec[spec.index("excludes = [") : spec.index("]", spec.index("excludes = ["))]
    for name in HUB_ONLY:
        assert f'"{name}"' in excludes


def test_hub_commands_on_a_station_install_say_the_hub_is_not_there(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_hub.hub_installed()  # this checkout has the `hub` extra (dev installs it)
    monkeypatch.setattr(cmd_hub, "hub_installed", lambda: False)  # as in the station bundle
    assert main(["hub", "list"]) == 2
    assert "服务点版，不含中心端组件" in capsys.readouterr().err
