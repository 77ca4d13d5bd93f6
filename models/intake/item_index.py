"""Finding a service item as a clerk types: name, pinyin initials (ydjy), full pinyin, or code.

Qt-free. Built once per catalog and station level; ``search`` ranks matches by how well they
match, then by this station's use (recent first, then frequent), then catalog order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from models import pinyin
from models.catalog import ServiceItem
from models.enums import StationLevel


@dataclass(frozen=True)
class Usage:
    count: int
    last_used: dt.datetime | None


@dataclass(frozen=True)
class ItemHit:
    code: str
    name: str
    main_item: str
    can_accept: bool
    can_approve: bool
    used: int = 0

    @property
    def rights_text(self) -> str:
        if not self.can_accept:
            return "本级不能受理"
        if self.can_approve:
            return "本级受理、审核"
        return "本级受理后转报"


@dataclass(frozen=True)
class _Entry:
    order: int
    hit: ItemHit
    initials: str
    pinyin: str


def _initials(text: str) -> str:
    """门(急)诊费用报销 → mjzfybx: brackets and punctuation are not typed by a clerk."""
    letters = (p[:1] for p in pinyin.first_letters(text) if p)
    return "".join(ch for ch in letters if ch.isalnum()).lower()


def _pinyin(text: str) -> str:
    return "".join(ch for ch in "".join(pinyin.syllables(text)) if ch.isalnum()).lower()


class ItemIndex:
    def __init__(self, items: Iterable[ServiceItem], level: StationLevel) -> None:
        self._entries: list[_Entry] = []
        with pinyin.loaded():  # pypinyin's dictionaries are freed once the index is built
            for n, item in enumerate(items):
                hit = ItemHit(
                    item.code, item.name, item.main_item.name, item.can_accept(level), item.can_approve(level)
                )
                self._entries.append(_Entry(n, hit, _initials(item.name), _pinyin(item.name)))

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, usage: Mapping[str, Usage] | None = None, limit: int = 50) -> list[ItemHit]:
        usage = usage or {}
        needle = text.strip().lower()
        scored: list[tuple[tuple[float, ...], ItemHit]] = []
        for entry in self._entries:
            score = _match(entry, needle)
            if score is None:
                continue
            use = usage.get(entry.hit.code)
            last = use.last_used.timestamp() if use and use.last_used else 0.0
            count = use.count if use else 0
            # Acceptable items first: a village clerk rarely wants what only the county takes.
            key = (score, 0 if entry.hit.can_accept else 1, -last, -count, entry.order)
            hit = entry.hit if not count else ItemHit(**{**entry.hit.__dict__, "used": count})
            scored.append((key, hit))
        scored.sort(key=lambda pair: pair[0])
        return [hit for _, hit in scored[:limit]]


def _match(entry: _Entry, needle: str) -> int | None:
    """Lower is better; None: no match."""
    if not needle:
        return 0
    hit = entry.hit
    if hit.code == needle:
        return 0
    if hit.code.startswith(needle):
        return 1
    if hit.name.startswith(needle):
        return 2
    if needle in hit.name:
        return 3
    if needle.isascii():
        if entry.initials.startswith(needle):
            return 4
        if needle in entry.initials:
            return 5
        if entry.pinyin.startswith(needle):
            return 6
        if needle in entry.pinyin:
            return 7
    if needle in hit.main_item or needle in hit.code:
        return 8
    return None
