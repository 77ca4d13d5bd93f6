"""Shared page furniture: paper, styles, label/value grids like the seeds' sample forms,
QR codes, the 补打 watermark, and building the story into PDF bytes."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from models import clock
from printing.fonts import SANS, family, markup, primary, register_fonts, runs, string_width

Paper = Literal["a4", "80mm"]
RECEIPT_WIDTH = 80 * mm
RECEIPT_MARGIN = 4 * mm
A4_MARGIN = 18 * mm
CHECKED, UNCHECKED = "☑", "□"


@dataclass(frozen=True)
class Overlay:
    """套打: only the filled-in values, for forms printed onto a pre-printed sheet of the same
    form, moved and scaled by this printer's calibration (``tongban print calibration``).
    ``dx_mm``/``dy_mm`` move the content right/down, ``scale`` scales it about the top-left corner."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0
    scale: float = 1.0


@dataclass(frozen=True)
class RenderOptions:
    """How to render, independent of the document's data."""

    paper: Paper = "a4"
    #: Set for a reprint: the page carries a 补打 watermark and this reason in the footer.
    reprint_reason: str | None = None
    printed_at: dt.datetime | None = None
    #: The clerk who reprints (the document keeps naming the 经办人 who took the case in).
    reprinted_by: str | None = None
    #: 套打 (fields only, shifted and scaled); only for kinds registered with ``overlay=True``.
    overlay: Overlay | None = None


#: The default: A4, first print.
A4 = RenderOptions()


#: A filled-in value inside printed text (``F()``): in 套打 only these parts print.
FIELD_START, FIELD_END = "\x01", "\x02"
_FIELD = re.compile("(\x01.*?\x02)", re.DOTALL)
_fields_only: contextvars.ContextVar[bool] = contextvars.ContextVar("tongban_fields_only", default=False)


def F(value: str) -> str:
    """Mark ``value`` as filled in from the case, inside a text that is otherwise the form's own."""
    return f"{FIELD_START}{value}{FIELD_END}" if value else ""


def plain(text: str) -> str:
    """``text`` without the field marks."""
    return text.replace(FIELD_START, "").replace(FIELD_END, "")


@contextlib.contextmanager
def fields_only(on: bool = True) -> Iterator[None]:
    """While a 套打 story is built: the form's own text is set in no ink (white), only values print."""
    token = _fields_only.set(on)
    try:
        yield
    finally:
        _fields_only.reset(token)


def _markup(text: str, static: bool) -> str:
    """Markup for a text that is the form's own (``static``) or a value; ``F()`` parts are values."""
    overlay = _fields_only.get()
    if FIELD_START not in text:
        return f'<font color="white">{markup(text)}</font>' if overlay and static else markup(text)
    parts = []
    for part in _FIELD.split(text):
        if part.startswith(FIELD_START):
            parts.append(markup(part[1:-1]))
        elif part:
            parts.append(f'<font color="white">{markup(part)}</font>' if overlay else markup(part))
    return "".join(parts)


def style(size: float = 10.5, align: int = TA_LEFT, leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle(
        f"cjk{size}-{align}",
        fontName=primary(),
        fontSize=size,
        leading=leading or size * 1.45,
        alignment=align,
        wordWrap="CJK",
    )


def para(text: str, size: float = 10.5, align: int = TA_LEFT) -> Paragraph:
    """The form's own text (not printed in 套打 except its ``F()`` parts)."""
    return Paragraph(_markup(text, static=True), style(size, align))


def title(text: str, size: float = 16) -> Paragraph:
    return para(text, size, TA_CENTER)


def right(text: str, size: float = 10.5) -> Paragraph:
    return para(text, size, TA_RIGHT)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def checks(options: Sequence[str], selected: str | Sequence[str] | None) -> str:
    """``□男 ☑女``: the seeds' tick boxes, ticked for the selected option(s)."""
    chosen = {selected} if isinstance(selected, str) else set(selected or ())
    return "  ".join(f"{F(CHECKED) if o in chosen else UNCHECKED}{o}" for o in options)


@dataclass(frozen=True)
class Cell:
    text: str
    span: int = 1
    label: bool = False
    align: int = TA_LEFT
    #: Printed on one line, in a smaller size when the column is too narrow (ID numbers: a
    #: number broken over two lines is misread).
    nowrap: bool = False
    #: The form's own text in a value cell (a declaration, a 审核 box): not printed in 套打.
    static: bool = False


def L(text: str, span: int = 1) -> Cell:
    return Cell(text, span, label=True, align=TA_CENTER)


def V(text: str | None, span: int = 1, align: int = TA_LEFT) -> Cell:
    return Cell(text or "", span, align=align)


def S(text: str, span: int = 1) -> Cell:
    """A cell of the form's own text (a declaration): printed on the form, not in 套打; ``F()``
    parts inside it are values and print in both."""
    return Cell(text, span, static=True)


def ID(text: str | None, span: int = 1) -> Cell:
    """An ID number (or a phone number): never wrapped."""
    return Cell(text or "", span, nowrap=True)


#: reportlab's default left + right cell padding.
CELL_SIDE_PADDING = 12.0
MIN_NOWRAP_SIZE = 6.5


def _fitted_size(text: str, size: float, width: float) -> float:
    needed = string_width(plain(text), size)
    room = width - CELL_SIDE_PADDING
    return size if needed <= room else max(MIN_NOWRAP_SIZE, size * room / needed * 0.98)


def grid(rows: Sequence[Sequence[Cell]], widths: Sequence[float], size: float = 10, pad: float = 4) -> Table:
    """A ruled form: each row lists cells, a cell may span columns (spans must add up)."""
    ncols = len(widths)
    overlay = _fields_only.get()  # 套打: the sheet has the rules and the shading already
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.white if overlay else colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    for r, row in enumerate(rows):
        line: list[Any] = []
        col = 0
        for cell in row:
            cell_size = _fitted_size(cell.text, size, sum(widths[col : col + cell.span])) if cell.nowrap else size
            line.append(Paragraph(_markup(cell.text, cell.label or cell.static), style(cell_size, cell.align)))
            line.extend([""] * (cell.span - 1))
            if cell.span > 1:
                commands.append(("SPAN", (col, r), (col + cell.span - 1, r)))
            if cell.label and not overlay:
                commands.append(("BACKGROUND", (col, r), (col + cell.span - 1, r), colors.Color(0.93, 0.93, 0.93)))
            col += cell.span
        if col != ncols:
            raise ValueError(f"row {r} spans {col} columns, the grid has {ncols}")
        data.append(line)
    table = Table(data, colWidths=list(widths))
    table.setStyle(TableStyle(commands))
    return table


def qr(text: str, size_mm: float = 28) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    side = size_mm * mm
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, anchor: str = "left") -> None:
    """Draw one line with the CJK/Latin font runs (for page furniture outside the story)."""
    width = string_width(text, size)
    if anchor == "center":
        x -= width / 2
    elif anchor == "right":
        x -= width
    for name, chunk in runs(text):
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += canvas.stringWidth(chunk, name, size)


def _furniture(options: RenderOptions, footer: str) -> Callable[[Canvas, Any], None]:
    def on_page(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        width, height = doc.pagesize
        small = 7 if options.paper == "80mm" else 8
        if options.reprint_reason is not None:
            canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.45))
            canvas.translate(width / 2, height / 2)
            canvas.rotate(35)
            draw_text(canvas, 0, 0, "补打", min(width, height) / 4, anchor="center")
            canvas.rotate(-35)
            canvas.translate(-width / 2, -height / 2)
            canvas.setFillColor(colors.black)
        lines = [footer] if footer and options.overlay is None else []
        if options.reprint_reason is not None:
            when = clock.to_local(options.printed_at).strftime("%Y-%m-%d %H:%M") if options.printed_at else ""
            who = f"  补打人员：{options.reprinted_by}" if options.reprinted_by else ""
            lines.append(f"补打  原因：{options.reprint_reason}{who}  {when}".rstrip())
        y = 5 * mm
        for line in reversed(lines):
            draw_text(canvas, width / 2, y, line, small, anchor="center")
            y += small * 1.4
        canvas.restoreState()
        if options.overlay is not None:  # the page's content, moved onto the pre-printed sheet
            o = options.overlay
            canvas.translate(o.dx_mm * mm, height - o.dy_mm * mm)
            canvas.scale(o.scale, o.scale)
            canvas.translate(0, -height)

    return on_page


def build(
    story: list[Flowable],
    *,
    doc_title: str,
    options: RenderOptions = A4,
    footer: str = "",
    pagesize: tuple[float, float] = A4_PAGE,
    margin: float = A4_MARGIN,
) -> bytes:
    """Lay the story out on A4 (or ``pagesize``) and return the PDF bytes."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + (8 * mm if options.reprint_reason is not None else 4 * mm),
        title=doc_title,
        author="医保通办",
        creator="Tongban",
        invariant=1,
    )
    on_page = _furniture(options, footer)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def build_receipt_roll(
    make_story: Callable[[], list[Flowable]], *, doc_title: str, options: RenderOptions, footer: str = ""
) -> bytes:
    """80 mm roll paper: one page as tall as the content (measured, then laid out)."""
    register_fonts()
    pad = 6  # SimpleDocTemplate's frame pads 6 pt on every side
    inner = RECEIPT_WIDTH - 2 * RECEIPT_MARGIN - 2 * pad
    height = 2.0 * pad
    with family(SANS):  # a sans face stays legible at 8 pt on a thermal printer
        for flowable in make_story():
            _, h = flowable.wrap(inner, 10_000)
            height += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        extra = (18 if options.reprint_reason is not None else 12) * mm  # footer, rounding slack
        page = (RECEIPT_WIDTH, height + 2 * RECEIPT_MARGIN + extra)
        return build(
            make_story(), doc_title=doc_title, options=options, footer=footer, pagesize=page, margin=RECEIPT_MARGIN
        )


SIGN_BLANK = "＿" * 8
NBSP = "\xa0"


def applicant_signature(size: float = 10.5, who: str = "申请人") -> Paragraph:
    """The applicant's signature and date line (receipt, 一次性告知书, every 承诺书): filled by hand."""
    return para(f"{who}（签字）：{SIGN_BLANK}{NBSP * 6}日期：{date_cn(None)}", size)


def content_width(options: RenderOptions) -> float:
    if options.paper == "80mm":
        return RECEIPT_WIDTH - 2 * RECEIPT_MARGIN
    return A4_PAGE[0] - 2 * A4_MARGIN


def date_cn(day: dt.date | None) -> str:
    if day is None:  # room to write by hand: no-break spaces (a paragraph collapses plain ones)
        return f"{NBSP * 4}年{NBSP * 2}月{NBSP * 2}日"  # as wide as a filled-in date
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def date_field(day: dt.date | None) -> str:
    """``date_cn`` as a filled-in value: printed in 套打 when there is a date, blanks otherwise."""
    return F(date_cn(day)) if day else date_cn(None)
