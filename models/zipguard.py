"""Zip archives from outside read within bounds (issue 17 item 10: zip bombs).

A catalog package or an .xlsx workbook is a zip, and a few KB of zip can inflate to gigabytes.
``zipfile`` never returns more than the size a member declares in the central directory (it
cuts the stream there and then fails the CRC check), so summing the declared sizes before
reading anything bounds everything read afterwards: ``check_bounds`` refuses an archive whose
members would inflate past the caller's limit, or that has too many members, and ``read_member``
reads one member with its own bound on top.
"""

from __future__ import annotations

import zipfile


class ZipTooLarge(Exception):
    """The archive would inflate past the limit (``inflated`` bytes declared, ``limit`` allowed)."""

    def __init__(self, inflated: int, limit: int) -> None:
        super().__init__(f"zip declares {inflated} bytes inflated, over {limit}")
        self.inflated = inflated
        self.limit = limit


def check_bounds(zf: zipfile.ZipFile, *, max_total: int, max_members: int = 10_000) -> int:
    """The declared inflated size of every member together; ``ZipTooLarge`` over ``max_total``
    bytes or ``max_members`` members. Nothing is decompressed."""
    infos = zf.infolist()
    if len(infos) > max_members:
        raise ZipTooLarge(len(infos), max_members)
    total = sum(info.file_size for info in infos)
    if total > max_total:
        raise ZipTooLarge(total, max_total)
    return total


def read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member's bytes, at most ``limit`` (``ZipTooLarge`` past it, whatever it declares)."""
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise ZipTooLarge(info.file_size, limit)
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ZipTooLarge(len(data), limit)
    return data
