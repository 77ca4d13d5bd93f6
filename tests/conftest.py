"""Shared fixtures: a temp data directory for every test, an offscreen Qt, a fresh store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from models.store import Store

# Qt must not look for a display in CI; set before any Qt import (pytest-qt imports lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent

# A real pcscd with the vpcd virtual reader, for the card reader tests (see tests/pcsc_plugin.py).
pytest_plugins = ["tests.pcsc_plugin"]


@pytest.fixture(autouse=True)
def tongban_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory; nothing touches the user's real one."""
    home = tmp_path / "tongban-home"
    monkeypatch.setenv("TONGBAN_HOME", str(home))
    from models.catalog.profiles import use_station_region

    use_station_region(None)  # the catalog's rule profile follows this test's station, if any
    return home


@pytest.fixture
def store(tongban_home: Path) -> Iterator[Store]:
    from models.store import open_store

    st = open_store()
    yield st
    st.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    from models.demo import seed_demo

    with store.db.write() as session:
        seed_demo(session, store.paths)
    return store


@pytest.fixture
def protected_store(tongban_home: Path) -> Iterator[Store]:
    """The demo station as `tongban init --demo` makes it: SQLCipher database, encrypted media."""
    from models.paths import DataPaths
    from models.security.setup import ensure_demo

    st, _recovery, _summary = ensure_demo(DataPaths(tongban_home))
    yield st
    st.close()


#: Where GUI and printing tests save their screenshots. Unset, a temporary folder: running the
#: tests never modifies tracked files. ``python -m tests.update_docs`` sets it and copies the
#: screenshots into docs/screenshots/.
SCREENSHOT_DIR_ENV = "TONGBAN_SCREENSHOT_DIR"


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get(SCREENSHOT_DIR_ENV)
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
