"""What an operation changed (Anki's ``OpChanges``), noted by the database as it commits.

``Database.write()`` notes the tables its session inserted into, updated or deleted from, once
the transaction has committed (a rolled-back write changed nothing). Whoever runs an op inside
``track_changes()`` (desktop/taskman.py, on its worker threads) collects them and hands screens an
``OpChanges`` with the op's ``initiator``, so a screen refreshes on what changed and skips its own
edits. No op has to say that it writes: a write it forgot to announce cannot exist.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_local = threading.local()

#: What the case desk and the intake show of a case: its row, fields, events, materials, prints.
CASE_TABLES = frozenset(
    {"case", "case_field", "case_event", "material_entry", "material_file", "print_log", "person", "notification"}
)
#: What the sync center shows besides the cases: the queue, runs and answers.
SYNC_TABLES = frozenset(
    {"sync_outbox", "sync_batch", "sync_batch_item", "sync_media", "sync_inbox", "sync_run", "sync_identity"}
)


@dataclass(frozen=True)
class OpChanges:
    """The tables an op changed, and who started it (any object: a screen, a controller)."""

    tables: frozenset[str] = frozenset()
    initiator: object | None = None

    def touches(self, *tables: str | frozenset[str]) -> bool:
        """Did the op change any of ``tables`` (names, or sets of names such as ``CASE_TABLES``)?"""
        names: set[str] = set()
        for t in tables:
            names |= {t} if isinstance(t, str) else t
        return not self.tables.isdisjoint(names)

    def __bool__(self) -> bool:
        return bool(self.tables)


@contextmanager
def track_changes() -> Iterator[set[str]]:
    """Collect the tables committed by ``Database.write()`` on this thread inside the block."""
    outer: set[str] | None = getattr(_local, "sink", None)
    sink: set[str] = set()
    _local.sink = sink
    try:
        yield sink
    finally:
        _local.sink = outer
        if outer is not None:
            outer |= sink


def note_committed(tables: Iterable[str]) -> None:
    """Called by ``Database.write()`` after a commit; a no-op outside ``track_changes()``."""
    sink: set[str] | None = getattr(_local, "sink", None)
    if sink is not None:
        sink.update(tables)
