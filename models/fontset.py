"""The font files Tongban draws Chinese with, and which characters they can draw (no Qt, no reportlab).

Roles (each an ordered list of places; the first usable file wins, for ``EXTENSION`` all do):

- ``SONG``: forms and notices, as government forms are set (宋体): AR PL UMing CN
  (``fonts-arphic-uming``), SimSun on Windows;
- ``SANS``: receipts on 80 mm paper and the fallback for ``SONG``: Droid Sans Fallback (shipped);
- ``EXTENSION``: the rare characters of names (生僻字) in the CJK extension planes: HanaMin A/B
  (``fonts-hanazono``), SimSun-ExtB / SimSun-ExtG on Windows;
- ``LATIN``: letters, digits and symbols the CJK fonts lack: DejaVu Sans (shipped).

A file counts only with TrueType (``glyf``) outlines: reportlab cannot embed CFF fonts (Noto CJK).
``coverage()`` is the union of the characters of every usable file: what a name may hold
(``models.validation.check_name`` refuses the rest, so nothing prints as an empty box).
Environment overrides: ``TONGBAN_SONG_FONT``, ``TONGBAN_CJK_FONT`` (the sans face) and
``TONGBAN_EXT_FONTS`` (extension fonts, separated by ``os.pathsep``); ``path.ttc#N`` picks face N.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from models.paths import resource_path

logger = logging.getLogger(__name__)

SONG, SANS, EXTENSION, LATIN = "song", "sans", "extension", "latin"
ENV = {SONG: "TONGBAN_SONG_FONT", SANS: "TONGBAN_CJK_FONT", EXTENSION: "TONGBAN_EXT_FONTS"}

#: Files looked for in resources/fonts/ (the PyInstaller bundle copies the system ones there,
#: build.spec ``BUNDLED_SYSTEM_FONTS``) and then on the system, per role: (file name, face, system paths).
_PLACES: dict[str, tuple[tuple[str, int, tuple[str, ...]], ...]] = {
    SONG: (
        ("uming.ttc", 0, ("/usr/share/fonts/truetype/arphic/uming.ttc",)),
        ("simsun.ttc", 0, ()),
        ("simfang.ttf", 0, ()),
    ),
    SANS: (
        ("DroidSansFallbackFull.ttf", 0, ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",)),
        ("wqy-zenhei.ttc", 0, ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",)),
        ("wqy-microhei.ttc", 0, ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",)),
        ("uming.ttc", 0, ("/usr/share/fonts/truetype/arphic/uming.ttc",)),
        ("msyh.ttc", 0, ()),
        ("simhei.ttf", 0, ()),
        ("simsun.ttc", 0, ()),
    ),
    EXTENSION: (
        ("HanaMinA.ttf", 0, ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",)),
        ("HanaMinB.ttf", 0, ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",)),
        ("simsunb.ttf", 0, ()),
        ("SimsunExtG.ttf", 0, ()),
    ),
    LATIN: (("DejaVuSans.ttf", 0, ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)),),
}

#: Debian packages that provide the system fonts above (scripts/dev.sh, the .deb's Depends).
DEBIAN_PACKAGES = ("fonts-arphic-uming", "fonts-hanazono", "fonts-dejavu-core")


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int
    origin: str  # env / bundled / system


def split_spec(spec: str) -> tuple[Path, int]:
    path, _, index = spec.partition("#")
    return Path(path), int(index or 0)


def candidates(role: str) -> list[FontFile]:
    """Every place looked at for ``role``, in order."""
    out: list[FontFile] = []
    env = os.environ.get(ENV.get(role, ""), "") if role in ENV else ""
    specs = env.split(os.pathsep) if role == EXTENSION else [env]
    out += [FontFile(*split_spec(s), "env") for s in specs if s]
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    for name, index, system in _PLACES[role]:
        out.append(FontFile(resource_path("fonts", name), index, "bundled"))
        out += [FontFile(Path(p), index, "system") for p in system]
        if windir:
            out.append(FontFile(Path(windir) / "Fonts" / name, index, "system"))
    return out


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from(">H", data, at)[0])


def _u32(data: bytes, at: int) -> int:
    return int(struct.unpack_from(">I", data, at)[0])


class CodePoints:
    """A set of code points as a bitmap (one bit per code point up to the highest one).

    A CJK font maps 30,000–90,000 characters; as a ``frozenset`` of ints each font took some
    5 MB of the counter's memory (and the union as much again), as a bitmap at most 140 KB.
    Supports what the callers use: ``in``, ``|``, ``len`` and truth.
    """

    __slots__ = ("_bits", "_count")

    def __init__(self, bits: bytes | bytearray = b"") -> None:
        self._bits = bytes(bits)
        self._count = sum(b.bit_count() for b in self._bits)

    @classmethod
    def of(cls, points: Iterable[int]) -> CodePoints:
        bits = bytearray()
        for cp in points:
            byte = cp >> 3
            if byte >= len(bits):
                bits.extend(bytes(byte + 1 - len(bits)))
            bits[byte] |= 1 << (cp & 7)
        return cls(bits)

    def __contains__(self, cp: object) -> bool:
        if not isinstance(cp, int) or cp < 0:
            return False
        byte = cp >> 3
        return byte < len(self._bits) and bool(self._bits[byte] >> (cp & 7) & 1)

    def __or__(self, other: CodePoints) -> CodePoints:
        a, b = (self._bits, other._bits) if len(self._bits) >= len(other._bits) else (other._bits, self._bits)
        merged = bytearray(a)
        merged[: len(b)] = (int.from_bytes(a[: len(b)], "little") | int.from_bytes(b, "little")).to_bytes(
            len(b), "little"
        )
        return CodePoints(merged)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


def _tables(fh: BinaryIO, index: int) -> dict[bytes, tuple[int, int]]:
    """The table directory (tag → offset, length) of the TrueType font open in ``fh``, or of face
    ``index`` of a collection; {} for a face the collection does not have. Raises
    OSError/struct.error."""
    head = fh.read(12 + 4 * 64)
    base = 0
    if head[:4] == b"ttcf":
        if index >= _u32(head, 8):
            return {}
        base = _u32(head, 12 + 4 * index)
    fh.seek(base)
    offset_table = fh.read(12)
    count = _u16(offset_table, 4)
    records = fh.read(16 * count)
    return {records[16 * n : 16 * n + 4]: (_u32(records, 16 * n + 8), _u32(records, 16 * n + 12)) for n in range(count)}


def has_outlines(path: Path, index: int = 0) -> bool:
    """The font (face ``index``) has ``glyf`` outlines and a ``cmap``: usable here (reportlab
    embeds TrueType outlines only). Reads only the table directory."""
    try:
        with path.open("rb") as fh:
            tables = _tables(fh, index)
    except (OSError, struct.error, IndexError):
        return False
    return b"glyf" in tables and b"cmap" in tables


def read_cmap(path: Path, index: int = 0) -> CodePoints | None:
    """The code points a TrueType font (or face ``index`` of a collection) maps to a glyph;
    None when the file is missing, unreadable or has no ``glyf`` outlines (CFF). Reads only the
    table directory and the ``cmap`` table (the CJK files are 20–30 MB)."""
    try:
        with path.open("rb") as fh:
            tables = _tables(fh, index)
            if b"glyf" not in tables or b"cmap" not in tables:
                return None
            at, length = tables[b"cmap"]
            fh.seek(at)
            cmap = fh.read(length)
        return CodePoints.of(_cmap_points(cmap, 0))
    except (OSError, struct.error, IndexError):
        return None


def _cmap_points(data: bytes, cmap: int) -> set[int]:
    subtables = {}
    for n in range(_u16(data, cmap + 2)):
        rec = cmap + 4 + 8 * n
        subtables[(_u16(data, rec), _u16(data, rec + 2))] = cmap + _u32(data, rec + 4)
    points: set[int] = set()
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and _u16(data, subtables[key]) == 12:
            at = subtables[key]
            for g in range(_u32(data, at + 12)):
                start, end, _glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
                points.update(range(start, end + 1))
            break
    for key in ((3, 1), (0, 3), (0, 1), (3, 0)):
        if key in subtables and _u16(data, subtables[key]) == 4:
            points |= _format4(data, subtables[key])
            break
    return points


def _format4(data: bytes, at: int) -> set[int]:
    segs = _u16(data, at + 6) // 2
    ends, starts = at + 14, at + 16 + 2 * segs
    deltas, ranges = starts + 2 * segs, starts + 4 * segs
    points: set[int] = set()
    for s in range(segs):
        start, end = _u16(data, starts + 2 * s), _u16(data, ends + 2 * s)
        delta, offset = _u16(data, deltas + 2 * s), _u16(data, ranges + 2 * s)
        for char in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (char + delta) & 0xFFFF
            else:
                glyph = _u16(data, ranges + 2 * s + offset + 2 * (char - start))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                points.add(char)
    return points


class Found:
    """A usable font file; ``chars`` (the characters it draws) is read from its ``cmap`` when
    first asked for: registering a font with Qt or reportlab does not need it, and parsing a
    CJK font's map takes tens of milliseconds."""

    def __init__(self, file: FontFile) -> None:
        self.file = file
        self._chars: CodePoints | None = None
        self._chars_lock = threading.Lock()

    @property
    def chars(self) -> CodePoints:
        with self._chars_lock:
            if self._chars is None:
                self._chars = read_cmap(self.file.path, self.file.index) or CodePoints()
            return self._chars


_found: dict[tuple[str, int | None], list[Found]] = {}


def find(role: str, limit: int | None = 1) -> list[Found]:
    """The usable files of ``role`` in order (one file for a face role, all for EXTENSION);
    the same file is not listed twice (bundled and system copies of one font). Cached per
    process (``reset()`` forgets)."""
    with _lock:
        cached = _found.get((role, limit))
    if cached is not None:
        return list(cached)
    out: list[Found] = []
    seen: set[tuple[str, int]] = set()
    for candidate in candidates(role):
        key = (candidate.path.name, candidate.index)
        if key in seen or not candidate.path.is_file():
            continue
        if not has_outlines(candidate.path, candidate.index):
            continue
        seen.add(key)
        out.append(Found(candidate))
        if limit is not None and len(out) >= limit:
            break
    with _lock:
        _found[(role, limit)] = out
    return list(out)


_lock = threading.Lock()
_coverage: CodePoints | None = None


def coverage() -> CodePoints:
    """Every character some shipped (or installed) usable font draws; cached per process."""
    global _coverage
    if _coverage is not None:
        return _coverage
    chars = CodePoints()
    for role in (SONG, SANS, LATIN):
        for found in find(role):
            chars |= found.chars
    for found in find(EXTENSION, limit=None):
        chars |= found.chars
    if not chars:
        logger.warning("no usable TrueType font found: characters of names are not checked")
    with _lock:
        _coverage = chars
        return _coverage


def reset() -> None:
    """Forget the cached coverage (tests that change the environment)."""
    global _coverage
    with _lock:
        _coverage = None
        _found.clear()


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` no usable font can draw (spaces always can); empty when no
    font was found at all (then the print path reports ``print.font_missing`` instead)."""
    chars = coverage()
    if not chars:
        return []
    return [ch for ch in text if not ch.isspace() and ord(ch) not in chars]
