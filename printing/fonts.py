"""The fonts every document uses, found once per process and embedded as subsets.

reportlab embeds TrueType fonts with ``glyf`` outlines only; the Noto/Source Han CJK fonts
that Linux distributions ship are CFF-based OpenType and cannot be used. The CJK font is:

1. ``TONGBAN_CJK_FONT`` (a .ttf/.ttc path; ``path.ttc#index`` picks a face in a collection);
2. the font shipped in ``resources/fonts/`` (Droid Sans Fallback, Apache-2.0), so a receipt
   looks the same on every PC;
3. system TrueType CJK fonts: Droid/WenQuanYi/AR PL on Linux, SimSun/Microsoft YaHei/SimHei in
   ``%WINDIR%\\Fonts`` on Windows.

Droid Sans Fallback has no Latin letters, digits or box symbols, so text is split into runs:
characters the CJK font lacks are set in DejaVu Sans (shipped too; Helvetica as last resort).
When no CJK font is found the error names what was tried (``print.font_missing``).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from models.errors import UserFacingError
from models.paths import resource_path

ENV_FONT = "TONGBAN_CJK_FONT"
CJK = "TongbanCJK"
LATIN = "TongbanLatin"
BUNDLED_CJK = ("fonts", "DroidSansFallbackFull.ttf")
BUNDLED_LATIN = ("fonts", "DejaVuSans.ttf")

_LINUX = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#0",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0",
    "/usr/share/fonts/truetype/arphic/uming.ttc#0",
)
_WINDOWS = ("simsun.ttc#0", "msyh.ttc#0", "simhei.ttf", "msyh.ttf")


@dataclass(frozen=True)
class FontChoice:
    path: Path
    index: int
    origin: str  # env / bundled / system
    latin: str  # the font name used for what the CJK font lacks


@dataclass(frozen=True)
class _Registered:
    choice: FontChoice
    cjk_chars: frozenset[int]


_lock = threading.Lock()
_state: _Registered | None = None


def _split(spec: str) -> tuple[Path, int]:
    path, _, index = spec.partition("#")
    return Path(path), int(index or 0)


def candidates() -> list[tuple[str, Path, int]]:
    """Every place looked at for the CJK font, in order: (origin, path, face index)."""
    out: list[tuple[str, Path, int]] = []
    env = os.environ.get(ENV_FONT)
    if env:
        out.append(("env", *_split(env)))
    out.append(("bundled", resource_path(*BUNDLED_CJK), 0))
    for spec in _LINUX:
        out.append(("system", *_split(spec)))
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        for spec in _WINDOWS:
            path, index = _split(spec)
            out.append(("system", Path(windir) / "Fonts" / path, index))
    return out


def _register_latin() -> str:
    path = resource_path(*BUNDLED_LATIN)
    if path.is_file():
        try:
            pdfmetrics.registerFont(TTFont(LATIN, str(path)))
            return LATIN
        except (TTFError, OSError):
            pass
    return "Helvetica"  # one of the PDF standard fonts: always available, not embedded


def register_fonts() -> FontChoice:
    """Register the CJK and Latin fonts (once per process) and say which CJK file is used."""
    global _state
    with _lock:
        if _state is not None:
            return _state.choice
        tried: list[str] = []
        for origin, path, index in candidates():
            tried.append(str(path))
            if not path.is_file():
                continue
            try:
                font = TTFont(CJK, str(path), subfontIndex=index)
            except (TTFError, OSError):
                continue  # e.g. CFF outlines, which reportlab cannot embed: try the next
            pdfmetrics.registerFont(font)
            choice = FontChoice(path, index, origin, _register_latin())
            _state = _Registered(choice, frozenset(font.face.charToGlyph))
            return choice
        raise UserFacingError("print.font_missing", tried="; ".join(tried), env=ENV_FONT)


def _registered() -> _Registered:
    register_fonts()
    assert _state is not None
    return _state


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, chunk) runs: CJK font where it has the glyph."""
    state = _registered()
    latin = state.choice.latin
    out: list[tuple[str, str]] = []
    for ch in text:
        name = CJK if ord(ch) in state.cjk_chars or ch in "\n\t" else latin
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def markup(text: str) -> str:
    """Paragraph markup for plain ``text``: escaped, with a font tag per run of the Latin font."""
    parts = []
    for name, chunk in runs(text):
        if name == CJK:
            parts.append(escape(chunk))
        else:
            parts.append(f'<font name="{name}">{escape(chunk)}</font>')
    return "".join(parts).replace("\n", "<br/>")


def string_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(chunk, name, size) for name, chunk in runs(text))
