"""The SQLite database: engine with the right pragmas, sessions, and one writer at a time.

- WAL, so the case desk reads while a write commits; ``synchronous=FULL`` so a committed
  case survives a power cut (WAL's NORMAL may lose the last commits).
- Foreign keys on (SQLite leaves them off by default).
- Transactions start with ``BEGIN IMMEDIATE`` for writers: a writer takes the lock up front
  instead of failing half-way with "database is locked" when it upgrades a read lock.
- One writer per process (a lock here), as the GUI's single-worker DB executor also ensures.
- A protected station's file is encrypted with SQLCipher (docs/security.md): once a clerk has
  unlocked the keyring, ``register_key`` tells this module the key for that path, and every
  connection to it (engine, ``connect_raw``) starts with ``PRAGMA key``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from models.changes import note_committed
from models.errors import DatabaseError

BUSY_TIMEOUT_MS = 10_000

#: Data keys of unlocked stores, by resolved database path (set by models/security/vault.py).
_KEYS: dict[str, bytes] = {}


def register_key(path: Path, key: bytes | None) -> None:
    """Connections to ``path`` use ``key`` from now on (None: the file is plaintext)."""
    if key is None:
        _KEYS.pop(str(path.resolve()), None)
    else:
        _KEYS[str(path.resolve())] = key


def key_for(path: Path) -> bytes | None:
    return _KEYS.get(str(path.resolve()))


def cipher_dbapi() -> Any:
    """SQLCipher's DB-API module (sqlcipher3-wheels), imported only for encrypted files."""
    from sqlcipher3 import dbapi2

    return dbapi2


def key_pragma(key: bytes) -> str:
    """The raw-key form: SQLCipher uses these 32 bytes as they are (no passphrase KDF)."""
    return f"\"x'{key.hex()}'\""


def connect_raw(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A DB-API connection to ``path`` (keyed if the store is unlocked), e.g. for the backup API.

    Pass ``key=key_for(source)`` to open a backup target with its source's key.
    """
    key = key if key is not None else key_for(path)
    if key is None:
        return sqlite3.connect(path)
    con: sqlite3.Connection = cipher_dbapi().connect(str(path))
    con.execute(f"PRAGMA key = {key_pragma(key)}")
    return con


def make_engine(path: Path, read_only: bool = False) -> Engine:
    key = key_for(path)
    module: dict[str, Any] = {"module": cipher_dbapi()} if key is not None else {}
    if read_only:
        # Read-only media (a write-protected USB stick, a full or failing disk remounted ro):
        # immutable=1 lets SQLite read a WAL database without creating -shm/-wal files.
        ro = create_engine(f"sqlite:///file:{path.as_posix()}?mode=ro&immutable=1&uri=true", **module)
        if key is not None:
            event.listen(ro, "connect", lambda dbapi_conn, _r: dbapi_conn.execute(f"PRAGMA key = {key_pragma(key)}"))
        return ro
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **module)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if key is not None:
            cur.execute(f"PRAGMA key = {key_pragma(key)}")  # before anything else touches the file
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


#: ``Session.info`` key: the tables a write session changed (models/changes.py).
CHANGED = "tongban.changed_tables"


class _WriteSession(Session):
    """A write session that notes which tables it changes (flushes and bulk statements)."""


@event.listens_for(_WriteSession, "after_flush")
def _note_flush(session: Session, _flush: UOWTransaction) -> None:
    changed = session.info.setdefault(CHANGED, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table is not None:
            changed.add(table)


@event.listens_for(_WriteSession, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and getattr(table, "name", None):
            state.session.info.setdefault(CHANGED, set()).add(table.name)


class Database:
    """Sessions on one SQLite file. ``write()`` serialises writers within the process."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._write_lock = threading.RLock()
        self._bind(make_engine(path, read_only))

    def _bind(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, class_=_WriteSession, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            engine if self.read_only else engine.execution_options(sqlite_begin="DEFERRED"),
            expire_on_commit=False,
        )

    def reopen(self) -> None:
        """A new engine on the same file with the key registered for it now (after a data-key
        rotation): everything holding this object carries on under the new key."""
        with self._write_lock:
            old = self.engine
            self._bind(make_engine(self.path, self.read_only))
            old.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any error."""
        if self.read_only:
            raise DatabaseError("db.read_only")
        with self._write_lock, _translate_errors():
            with self._sessions() as session, session.begin():
                yield session
            note_committed(session.info.get(CHANGED, ()))  # committed: what it changed is real

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translate_errors(), self._read_sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _translate_errors() -> Iterator[None]:
    try:
        yield
    except SADatabaseError as exc:
        orig = getattr(exc, "orig", None)
        text = str(orig or exc).lower()
        if "not a database" in text or "malformed" in text:
            raise DatabaseError("db.corrupt") from exc
        if "locked" in text or "busy" in text:
            raise DatabaseError("db.locked") from exc
        if "disk" in text and ("full" in text or "i/o" in text):
            raise DatabaseError("db.disk_full") from exc
        if "readonly" in text or "read-only" in text:
            raise DatabaseError("db.read_only") from exc
        raise
