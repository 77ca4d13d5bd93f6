"""Where Tongban keeps its data.

One directory holds everything (database, material files, backups, logs, settings). It is
platformdirs' user data directory unless ``TONGBAN_HOME`` relocates it, as tests and
benchmarks always do (vorta ``init_dev_mode``, Anki ``ANKI_BASE``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_HOME = "TONGBAN_HOME"
APP_NAME = "tongban"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "tongban.sqlite3"

    @property
    def media(self) -> Path:
        """Material files, content-addressed by sha256 (models/media.py)."""
        return self.root / "media"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> DataPaths:
        for d in (self.root, self.media, self.backups, self.logs, self.exports):
            d.mkdir(parents=True, exist_ok=True)
        return self


def data_root() -> Path:
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_paths() -> DataPaths:
    return DataPaths(data_root())


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a checkout, an installed wheel or a PyInstaller bundle."""
    import resources

    return Path(resources.__file__).resolve().parent.joinpath(*parts)
