"""The fonts every document uses, registered once per process and embedded as subsets.

Which files (``models/fontset.py``): a Song face (宋体, AR PL UMing CN or SimSun) for forms and
notices, the sans face (Droid Sans Fallback, shipped) for 80 mm receipts and as the Song face's
stand-in, extension fonts (HanaMin A/B) for the rare characters of names outside the Basic
Multilingual Plane, and DejaVu Sans for Latin letters, digits and box symbols.

reportlab embeds TrueType fonts with ``glyf`` outlines only (the Noto/Source Han CJK fonts that
Linux distributions ship are CFF-based and are skipped). Text is split into runs per character:
each character is set in the first font of the current *family* that has it. The family is
``SONG`` unless a renderer sets another (``with family(SANS): ...``, as the 80 mm roll does).
When no CJK font is found the error names what was tried (``print.font_missing``).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from models import fontset
from models.errors import UserFacingError

logger = logging.getLogger(__name__)

ENV_FONT = fontset.ENV[fontset.SANS]
CJK = "TongbanCJK"  # the sans face
SONG_FONT = "TongbanSong"
LATIN = "TongbanLatin"
BUNDLED_CJK = ("fonts", "DroidSansFallbackFull.ttf")
BUNDLED_LATIN = ("fonts", "DejaVuSans.ttf")

SONG, SANS = "song", "sans"
#: Tick boxes and the like come from the Latin font whichever family is used, so □ and ☑ match.
_SYMBOLS = frozenset(map(ord, "□☑☐■▪●○√×¥"))
#: printing/layout.py marks values inside a form's text with these (套打); they take no room.
_MARKS = frozenset("\x01\x02")


@dataclass(frozen=True)
class FontChoice:
    path: Path  # the sans CJK file
    index: int
    origin: str  # env / bundled / system
    latin: str  # the font name used for what the CJK fonts lack
    song: Path | None = None  # the Song file; None: documents fall back to the sans face
    extensions: tuple[Path, ...] = ()


@dataclass(frozen=True)
class _Registered:
    choice: FontChoice
    chains: dict[str, tuple[tuple[str, frozenset[int]], ...]]
    latin_chars: frozenset[int]


_lock = threading.Lock()
_state: _Registered | None = None
_family: contextvars.ContextVar[str] = contextvars.ContextVar("tongban_font_family", default=SONG)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with every code point as UTF-16BE, as the PDF reference wants:
    reportlab writes ``<%04X>``, so a character outside the BMP (U+2A6A5, a rare name character)
    came out as five hex digits and was extracted (copied, searched, read aloud) as another one."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{chr(v).encode('utf-16-be', 'surrogatepass').hex().upper()}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def candidates() -> list[tuple[str, Path, int]]:
    """Every place looked at for the sans CJK font, in order: (origin, path, face index)."""
    return [(c.origin, c.path, c.index) for c in fontset.candidates(fontset.SANS)]


def _register(name: str, path: Path, index: int) -> frozenset[int] | None:
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError):
        return None  # e.g. CFF outlines, which reportlab cannot embed
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def _register_latin() -> tuple[str, frozenset[int]]:
    for found in fontset.find(fontset.LATIN):
        chars = _register(LATIN, found.file.path, found.file.index)
        if chars is not None:
            return LATIN, chars
    # One of the PDF standard fonts: always available, not embedded, Latin-1 only.
    return "Helvetica", frozenset(range(0x20, 0x7F)) | frozenset(range(0xA0, 0x100))


def register_fonts() -> FontChoice:
    """Register every font (once per process) and say which files are used."""
    global _state
    with _lock:
        if _state is not None:
            return _state.choice
        tried: list[str] = []
        sans: tuple[str, Path, int, frozenset[int]] | None = None
        for origin, path, index in candidates():
            tried.append(str(path))
            if path.is_file() and (chars := _register(CJK, path, index)) is not None:
                sans = (origin, path, index, chars)
                break
        if sans is None:
            raise UserFacingError("print.font_missing", tried="; ".join(tried), env=ENV_FONT)
        origin, path, index, sans_chars = sans
        latin, latin_chars = _register_latin()
        song: tuple[Path, frozenset[int]] | None = None
        for found in fontset.find(fontset.SONG):
            if (chars := _register(SONG_FONT, found.file.path, found.file.index)) is not None:
                song = (found.file.path, chars)
        if song is None:
            logger.warning("no Song (宋体) TrueType font found: forms are set in the sans face")
        extensions: list[tuple[str, frozenset[int]]] = []
        ext_paths: list[Path] = []
        for n, found in enumerate(fontset.find(fontset.EXTENSION, limit=None)):
            name = f"TongbanExt{n}"
            if (chars := _register(name, found.file.path, found.file.index)) is not None:
                extensions.append((name, chars))
                ext_paths.append(found.file.path)
        sans_chain = ((CJK, sans_chars), (latin, latin_chars), *extensions)  # sans digits on receipts
        song_chain = sans_chain
        if song:
            song_chain = ((SONG_FONT, song[1]), *extensions, (CJK, sans_chars), (latin, latin_chars))
        choice = FontChoice(path, index, origin, latin, song[0] if song else None, tuple(ext_paths))
        _state = _Registered(choice, {SONG: song_chain, SANS: sans_chain}, latin_chars)
        return choice


def _registered() -> _Registered:
    register_fonts()
    assert _state is not None
    return _state


@contextlib.contextmanager
def family(name: str) -> Iterator[None]:
    """Set text in ``name`` (SONG or SANS) while the block builds a story or a page."""
    token = _family.set(name)
    try:
        yield
    finally:
        _family.reset(token)


def current_family() -> str:
    return _family.get()


def primary() -> str:
    """The font name paragraphs of the current family start in."""
    return _registered().chains[_family.get()][0][0]


def font_for(ch: str) -> str | None:
    """The font of the current family that draws ``ch``; None when none does."""
    state = _registered()
    code = ord(ch)
    chain = state.chains[_family.get()]
    if code in _SYMBOLS and code in state.latin_chars:
        return chain[-1][0]
    for name, chars in chain:
        if code in chars:
            return name
    return None


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, chunk) runs, each character in the first font that has it
    (a character no font has stays in the primary font: refused at intake, see check_name)."""
    first = primary()
    out: list[tuple[str, str]] = []
    for ch in text:
        if ch in _MARKS:
            continue  # layout.F()'s field marks are never drawn
        name = first if ch in "\n\t" else (font_for(ch) or first)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def missing(text: str) -> list[str]:
    """Characters of ``text`` that no registered font draws (spaces aside)."""
    return [ch for ch in text if not ch.isspace() and font_for(ch) is None]


def markup(text: str) -> str:
    """Paragraph markup for plain ``text``: escaped, a font tag per run outside the primary font."""
    first = primary()
    parts = []
    for name, chunk in runs(text):
        if name == first:
            parts.append(escape(chunk))
        else:
            parts.append(f'<font name="{name}">{escape(chunk)}</font>')
    return "".join(parts).replace("\n", "<br/>")


def string_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(chunk, name, size) for name, chunk in runs(text))
