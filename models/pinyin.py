"""Pinyin of Chinese text, with pypinyin's dictionaries loaded only while tables are built.

pypinyin keeps its character and phrase dictionaries (and the segmenter built from them) as
Python objects for as long as it is imported: about 50 MB of the counter's memory, for tables
that are built once (the item index, the region table) and then only looked up. Code that needs
pinyin calls the functions below inside ``with loaded():``; when the last such block ends,
pypinyin is dropped from ``sys.modules`` and its dictionaries are freed. The next block loads it
again (about half a second, off the GUI thread where it is used at all). Blocks nest and may run
on several threads at once; pypinyin is freed only when none is open.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

_lock = threading.Lock()
_users = 0
_module: ModuleType | None = None


@contextmanager
def loaded() -> Iterator[None]:
    """pypinyin stays imported inside this block (and any other open at the same time)."""
    global _users, _module
    with _lock:
        if _module is None:
            # No local name for it: this generator's frame must not keep it past the block.
            _module = importlib.import_module("pypinyin")
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                _release()


def _release() -> None:
    """Forget pypinyin; its dictionaries go with the last reference (held only by its modules)."""
    global _module
    _module = None
    for name in [n for n in sys.modules if n == "pypinyin" or n.startswith("pypinyin.")]:
        del sys.modules[name]
    gc.collect()


def _pypinyin() -> ModuleType:
    if _module is None:
        raise RuntimeError("pinyin used outside `with models.pinyin.loaded():`")
    return _module


def initials(text: str) -> str:
    """First letters of each reading, as pypinyin's FIRST_LETTER style (other characters as they are)."""
    p = _pypinyin()
    return "".join(s[:1] for s in p.lazy_pinyin(text, style=p.Style.FIRST_LETTER))


def syllables(text: str) -> list[str]:
    """Toneless pinyin, one reading per character (phrase-aware, as ``pypinyin.lazy_pinyin``)."""
    return list(_pypinyin().lazy_pinyin(text))


def first_letters(text: str) -> list[str]:
    """The first letter of each character's reading (pypinyin FIRST_LETTER style), one per item."""
    p = _pypinyin()
    return list(p.lazy_pinyin(text, style=p.Style.FIRST_LETTER))


def readings(text: str) -> list[list[str]]:
    """Every toneless reading of each character (heteronyms), characters without pinyin left out."""
    p = _pypinyin()
    return [list(r) for r in p.pinyin(text, style=p.Style.NORMAL, heteronym=True, errors="ignore")]
