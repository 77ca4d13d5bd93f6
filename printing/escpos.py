"""受理回执 as raw ESC/POS for 80 mm (or 58 mm) receipt printers that have no good driver.

The commands are built with python-escpos (its ``Dummy`` printer collects them); text goes to the
printer in GB18030 in its Chinese mode (``FS &``), the case number as the printer's own QR code
(``GS ( k``). A printer's built-in font covers GB2312, GBK or the BMP part of GB18030 only
(``ReceiptFont``); a line holding a character the font lacks (a rare character of a name, CJK
extension B and beyond) is drawn with the shipped TrueType fonts and sent as a raster image
(``GS v 0``), so the name prints exactly; ``lacking()`` tells a caller that would rather send
such a receipt to the A4 printer. Sending the bytes is devices/receipt_printer's.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal, cast

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy
from PIL import Image, ImageDraw, ImageFont

from models import clock, fontset
from printing.data import ReceiptData
from printing.layout import A4, RenderOptions
from printing.receipt import DOC_TITLE, _notes, _phones, receipt_lines

ReceiptFont = Literal["gb2312", "gbk", "gb18030"]
FS_CHINESE_ON = b"\x1c\x26"  # FS &: Chinese character mode (two/four-byte GB codes)
FONT_A_DOTS = 12  # Font A: 12 × 24 dots per half-width cell
LINE_DOTS = 24


@dataclass(frozen=True)
class EscposOptions:
    #: Which characters the printer's own font has (settings ``receipt_printer_font``).
    font: ReceiptFont = "gbk"
    #: Printable width in dots: 576 for 80 mm paper, 384 for 58 mm (``receipt_printer_dots``).
    dots: int = 576
    qr_size: int = 6


def options_from(values: dict[str, Any]) -> EscposOptions:
    """EscposOptions from the ``receipt_printer_*`` settings (models.device_settings.escpos_values)."""
    font = values.get("font")
    dots = values.get("dots")
    return EscposOptions(
        font=cast(ReceiptFont, font) if font in ("gb2312", "gbk", "gb18030") else "gbk",
        dots=dots if isinstance(dots, int) and 200 <= dots <= 1000 else 576,
    )


def printer_has(ch: str, font: ReceiptFont) -> bool:
    """Whether the printer's built-in font draws ``ch`` (ASCII always)."""
    if ch.isascii():
        return True
    if font == "gb18030":
        return ord(ch) <= 0xFFFF  # printers' GB18030 fonts stop at the BMP
    try:
        ch.encode(font)
    except UnicodeEncodeError:
        return False
    return True


def lacking(data: ReceiptData, font: ReceiptFont) -> list[str]:
    """Characters of the receipt the printer's font cannot draw (code points only are logged)."""
    return sorted({ch for line in receipt_lines(data) for ch in line if not printer_has(ch, font)})


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, columns: int) -> list[str]:
    """Break ``text`` into lines of at most ``columns`` half-width cells (a Chinese character is two)."""
    out, line, used = [], "", 0
    for ch in text:
        w = _width(ch)
        if used + w > columns and line:
            out.append(line)
            line, used = "", 0
        line += ch
        used += w
    if line or not out:
        out.append(line)
    return out


class _Raster:
    """Draws a line with the shipped fonts (per-character fallback, as printing/fonts.py does)."""

    def __init__(self) -> None:
        self.fonts: list[tuple[ImageFont.FreeTypeFont, fontset.CodePoints]] = []
        for role, limit in ((fontset.SANS, 1), (fontset.LATIN, 1), (fontset.EXTENSION, None)):
            for found in fontset.find(role, limit=limit):
                face = ImageFont.truetype(str(found.file.path), LINE_DOTS - 2, index=found.file.index)
                self.fonts.append((face, found.chars))

    def line(self, text: str, dots: int) -> Image.Image:
        image = Image.new("1", (dots, LINE_DOTS + 6), 1)
        draw = ImageDraw.Draw(image)
        x = 0.0
        for ch in text:
            face = next((f for f, chars in self.fonts if ord(ch) in chars), self.fonts[0][0] if self.fonts else None)
            if face is None:
                break
            draw.text((x, 2), ch, font=face, fill=0)
            x += face.getlength(ch)
        return image


def render_receipt_escpos(data: ReceiptData, options: EscposOptions | None = None, render: RenderOptions = A4) -> bytes:
    """The 受理回执 as ESC/POS bytes: title, lines, QR code, notes, the applicant's signature and
    date lines, feed and cut; a reprint (``render.reprint_reason``) says 补打 under the title and
    gives the reason, the reprinting clerk and the time at the end, as the PDF does."""
    opts = options or EscposOptions()
    columns = opts.dots // FONT_A_DOTS
    p = Dummy()
    profile = copy.deepcopy(p.profile.profile_data)  # the library's profiles are shared dicts
    profile.setdefault("media", {}).setdefault("width", {})["pixels"] = opts.dots
    p.profile.profile_data = profile
    p.hw("INIT")
    p._raw(FS_CHINESE_ON)
    raster: _Raster | None = None

    def out(text: str, align: str = "left") -> None:
        nonlocal raster
        for line in wrap(text, columns):
            if all(printer_has(ch, opts.font) for ch in line):
                p.set(align=align)
                p._raw(line.encode("gb18030") + b"\n")
            else:
                raster = raster or _Raster()
                p.set(align="left")
                p.image(raster.line(line, opts.dots), impl="bitImageRaster")

    p.set(align="center", double_height=True, double_width=True, bold=True)
    p._raw(DOC_TITLE.encode("gb18030") + b"\n")
    if render.reprint_reason is not None:
        p._raw("【补打】\n".encode("gb18030"))
    p.set(normal_textsize=True, bold=False)
    out(data.station.name, "center")
    p._raw(b"\n")
    for line in receipt_lines(data):
        out(line)
    p._raw(b"\n")
    p.set(align="center")
    p.qr(data.case_no, ec=QR_ECLEVEL_M, size=opts.qr_size, native=True)
    p._raw(b"\n")
    for line in _notes(data) + _phones(data):
        out(line)
    p._raw(b"\n\n")
    out("申请人（签字）：" + "_" * max(8, columns - 18))
    p._raw(b"\n")
    out("日期：      年    月    日")
    if render.reprint_reason is not None:
        when = clock.to_local(render.printed_at).strftime("%Y-%m-%d %H:%M") if render.printed_at else ""
        who = f"  补打人员：{render.reprinted_by}" if render.reprinted_by else ""
        p._raw(b"\n")
        out(f"补打  原因：{render.reprint_reason}{who}  {when}".rstrip())
    p._raw(b"\n\n")
    p.cut()
    return bytes(p.output)


def render_test_slip(options: EscposOptions | None = None, when: str = "") -> bytes:
    """A short test slip for 管理 → 设备 测试: title, the paper width, the time, a line of
    GB18030 text in the printer's Chinese mode, feed and cut (no personal data)."""
    opts = options or EscposOptions()
    p = Dummy()
    p.hw("INIT")
    p._raw(FS_CHINESE_ON)
    p.set(align="center", bold=True)
    p._raw("医保通办 回执打印机测试\n".encode("gb18030"))
    p.set(align="center", bold=False)
    paper = "80mm" if opts.dots >= 500 else "58mm"
    lines = (
        f"纸宽 {paper}（{opts.dots} 点），字库 {opts.font.upper()}",
        when,
        "能看到这张纸条，说明回执打印机设置正确。",
    )
    for line in lines:
        if line:
            p._raw(line.encode("gb18030") + b"\n")
    p._raw(b"\n\n")
    p.cut()
    return bytes(p.output)
