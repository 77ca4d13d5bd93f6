"""``keyring.json``: the station's data key, wrapped per clerk and by the recovery key.

The database is encrypted with the data key, so what unlocks it cannot live inside it. This
file lies beside the database and holds only wrapped copies (AES-256-GCM under a key derived
from a clerk's password with scrypt, or from the recovery key) and lockout counters. Reading
it without a password gives nothing but the logins and the scrypt salts.

Written atomically (temp file, fsync, rename), like settings.json.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import UserFacingError
from models.fsutil import atomic_write
from models.paths import DataPaths

FILE_NAME = "keyring.json"
FORMAT = "tongban-keyring"
VERSION = 1
RECOVERY_SLOT = "recovery"


def keyring_path(paths: DataPaths) -> Path:
    return paths.root / FILE_NAME


def clerk_slot(login: str) -> str:
    return f"clerk:{login}"


@dataclass
class Failures:
    count: int = 0
    locked_until: dt.datetime | None = None


@dataclass
class Keyring:
    path: Path
    key_id: str
    demo: bool = False
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, Failures] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Keyring:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or int(data.get("version", 0)) > VERSION:
                raise ValueError("format")
            failures = {
                login: Failures(
                    int(f.get("count", 0)),
                    dt.datetime.fromisoformat(f["locked_until"]) if f.get("locked_until") else None,
                )
                for login, f in dict(data.get("failures", {})).items()
            }
            return cls(path, str(data["key_id"]), bool(data.get("demo", False)), dict(data["slots"]), failures)
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UserFacingError("auth.keyring_damaged") from exc

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "key_id": self.key_id,
            "demo": self.demo,
            "slots": self.slots,
            "failures": {
                login: {"count": f.count, "locked_until": f.locked_until.isoformat() if f.locked_until else None}
                for login, f in self.failures.items()
                if f.count or f.locked_until
            },
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self.path, body, prefix=".keyring-")

    def logins(self) -> list[str]:
        return sorted(name.split(":", 1)[1] for name in self.slots if name.startswith("clerk:"))
