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
#: The keyring beside the database (models/security/keyring.py): its presence marks a protected station.
KEYRING_FILE = "keyring.json"


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
    def keyring(self) -> Path:
        return self.root / KEYRING_FILE

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> DataPaths:
        """Create the directories, private to the station's user (0700 on POSIX); a data
        directory made by an earlier version with 0755 is tightened, which also closes the files
        already in it (created 0644 then) to other users."""
        for d in (self.root, self.media, self.backups, self.logs, self.exports):
            d.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
            make_private(d)
        return self


#: Directories and files of the station: only its own user (issue 17: database, backups and logs
#: were 0644 in a 0755 directory). The entry points also set the umask (``private_umask``).
PRIVATE_DIR = 0o700
PRIVATE_UMASK = 0o077


def make_private(path: Path) -> None:
    if os.name != "posix":
        return  # Windows: the per-user profile directory's ACL already keeps other users out
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_DIR if path.is_dir() else 0o600)
    except OSError:
        pass  # read-only media, or not ours: opened read-only anyway


def private_umask() -> None:
    """Files this process creates (database, -wal, backups, logs, exports) are 0600, its
    directories 0700, whatever the desktop session's umask."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


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
