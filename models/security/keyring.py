"""``keyring.json``: the station's data key, wrapped per clerk and by the recovery key.

The database is encrypted with the data key, so what unlocks it cannot live inside it. This
file lies beside the database and holds only wrapped copies (AES-256-GCM under a key derived
from a clerk's password with scrypt, or from the recovery key) . Reading it without a password
gives nothing but the logins and the scrypt salts.

Written atomically (temp file, fsync, rename), like settings.json, and only as a
read-modify-write under ``keyring_lock`` (an exclusive lock on ``keyring.lock``, across
processes and threads): a writer that loaded the keyring before another one saved it would
otherwise put the older keyring back (issue 17: a wrong password typed during a data-key
rotation undid the rotation). Failed sign-in counts are not in this file at all but in
``login-failures.json`` (``FailureLog``): a login never writes the keyring unless it upgrades
its own slot.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import filelock

from models import clock
from models.errors import UserFacingError
from models.fsutil import atomic_write
from models.paths import KEYRING_FILE, DataPaths

logger = logging.getLogger(__name__)

FILE_NAME = KEYRING_FILE
FORMAT = "tongban-keyring"
VERSION = 1
RECOVERY_SLOT = "recovery"
LOCK_NAME = "keyring.lock"
FAILURES_NAME = "login-failures.json"
FAILURES_FORMAT = "tongban-login-failures"
#: How long a writer waits for another one (a rotation switching over many files) before giving up.
LOCK_TIMEOUT_S = 300.0


def keyring_path(paths: DataPaths) -> Path:
    return paths.keyring


def clerk_slot(login: str) -> str:
    return f"clerk:{login}"


@dataclass
class Failures:
    count: int = 0
    locked_until: dt.datetime | None = None


@contextlib.contextmanager
def keyring_lock(root: Path) -> Iterator[None]:
    """Exclusive lock for a read-modify-write of ``keyring.json`` or ``login-failures.json`` in
    ``root`` (fcntl.flock / msvcrt through ``filelock``; re-entrant in one thread, exclusive
    between threads and processes; released by the OS if the process dies).

    On read-only media the lock file cannot be created: nothing can be written there either,
    so the caller goes on unlocked (its own write then fails, or is skipped as bookkeeping)."""
    lock = filelock.FileLock(root / LOCK_NAME, is_singleton=True)
    try:
        lock.acquire(timeout=LOCK_TIMEOUT_S)
    except filelock.Timeout as exc:
        raise UserFacingError("auth.keyring_busy") from exc
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT):
            raise
        logger.warning("keyring lock not available (%s): going on without it", type(exc).__name__)
        yield
        return
    try:
        yield
    finally:
        lock.release()


def _parse_failures(data: Any) -> dict[str, Failures]:
    return {
        str(login): Failures(
            int(f.get("count", 0)),
            dt.datetime.fromisoformat(f["locked_until"]) if f.get("locked_until") else None,
        )
        for login, f in dict(data or {}).items()
    }


@dataclass
class FailureLog:
    """Consecutive failed sign-ins per login (and for the recovery key), in ``login-failures.json``.

    Kept apart from the keyring so that counting a failure can never put back an older keyring,
    and changed only under ``keyring_lock`` (``update``), so parallel guesses cannot lose each
    other's counts. Unknown logins are counted like real ones (the answers cannot tell them
    apart); entries whose lockout has run out are dropped on the next write.
    """

    path: Path
    failures: dict[str, Failures] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> FailureLog:
        path = root / FAILURES_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FAILURES_FORMAT:
                raise ValueError("format")
            return cls(path, _parse_failures(data.get("failures")))
        except FileNotFoundError:
            # Stations of the previous version kept the counts inside keyring.json.
            try:
                legacy = json.loads((root / FILE_NAME).read_text(encoding="utf-8")).get("failures")
                return cls(path, _parse_failures(legacy))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                return cls(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            logger.warning("login failure counts unreadable: starting again from zero")
            return cls(path)

    def get(self, login: str) -> Failures:
        return self.failures.get(login, Failures())

    def save(self) -> None:
        now = clock.now()
        data = {
            "format": FAILURES_FORMAT,
            "version": 1,
            "failures": {
                login: {"count": f.count, "locked_until": f.locked_until.isoformat() if f.locked_until else None}
                for login, f in sorted(self.failures.items())
                if f.count and not (f.locked_until and _aware(f.locked_until) <= now)
            },
        }
        body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self.path, body, prefix=".login-failures-")


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass
class Keyring:
    path: Path
    key_id: str
    demo: bool = False
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Keyring:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or int(data.get("version", 0)) > VERSION:
                raise ValueError("format")
            return cls(path, str(data["key_id"]), bool(data.get("demo", False)), dict(data["slots"]))
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UserFacingError("auth.keyring_damaged") from exc

    def save(self) -> None:
        """Write the keyring. Callers hold ``keyring_lock`` and loaded it under that lock."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "key_id": self.key_id,
            "demo": self.demo,
            "slots": self.slots,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self.path, body, prefix=".keyring-")

    def logins(self) -> list[str]:
        return sorted(name.split(":", 1)[1] for name in self.slots if name.startswith("clerk:"))
