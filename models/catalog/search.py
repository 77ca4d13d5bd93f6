"""Matching an item against what a clerk types: code, Chinese name, pinyin initials."""

from __future__ import annotations

from functools import lru_cache

from models.catalog.item import ServiceItem


@lru_cache(maxsize=512)
def _initials(text: str) -> str:
    from models import pinyin

    with pinyin.loaded():
        return pinyin.initials(text).lower()


def matches(item: ServiceItem, needle: str) -> bool:
    """``needle`` is lower case: 002036004, 异地, ydjy (异地就医) all find 异地 items."""
    hay = (item.code.lower(), item.name, item.main_item.name)
    if any(needle in h for h in hay):
        return True
    return needle.isascii() and (needle in _initials(item.name) or needle in _initials(item.main_item.name))
