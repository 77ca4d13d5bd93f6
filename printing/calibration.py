"""套打 calibration: a page with two cross marks at known places; the clerk prints it on the printer
that will print onto pre-printed forms, measures where the marks landed, and ``solve()`` turns the
two measurements into the correction (offset and scale) that 套打 prints apply (layout.Overlay).

A printer's error is modelled per sheet as ``landed = s × intended + d`` (one scale for both axes,
an offset per axis, from the top-left corner): paper fed a little to the side, a driver's margin,
a "fit to page" that shrinks. Two marks far apart give both.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from models.errors import UserFacingError
from printing.fonts import register_fonts
from printing.layout import A4, Overlay, RenderOptions, date_cn, draw_text

#: Where the two marks are meant to be: millimetres from the sheet's left and top edges.
MARK_1 = (20.0, 20.0)
MARK_2 = (190.0, 277.0)
#: Beyond these a measurement is more likely a typing error than a printer's.
MAX_OFFSET_MM = 20.0
SCALE_RANGE = (0.9, 1.1)


@dataclass(frozen=True)
class CalibrationData:
    printer: str
    printed_on: dt.date
    #: The correction in force (printed on the page for the record); None: none yet.
    current: Overlay | None = None


def _cross(canvas: Canvas, x_mm: float, y_mm: float, height: float) -> None:
    x, y = x_mm * mm, height - y_mm * mm
    canvas.setLineWidth(0.3)
    canvas.line(x - 8 * mm, y, x + 8 * mm, y)
    canvas.line(x, y - 8 * mm, x, y + 8 * mm)
    canvas.circle(x, y, 3 * mm)


def render_calibration(data: CalibrationData, options: RenderOptions = A4) -> bytes:
    """The calibration page. With ``options.overlay`` the correction is applied (a check print:
    the marks should then land exactly at 20/20 and 190/277 mm)."""
    register_fonts()
    buf = io.BytesIO()
    width, height = A4_PAGE
    canvas = Canvas(buf, pagesize=A4_PAGE, invariant=1)
    canvas.setTitle("套打校准页")
    if options.overlay is not None:
        o = options.overlay
        canvas.translate(o.dx_mm * mm, height - o.dy_mm * mm)
        canvas.scale(o.scale, o.scale)
        canvas.translate(0, -height)
    _cross(canvas, *MARK_1, height)
    _cross(canvas, *MARK_2, height)
    label_1 = "标记1（应距左边20毫米、上边20毫米）"
    draw_text(canvas, MARK_1[0] * mm + 15 * mm, height - MARK_1[1] * mm - 1.2 * mm, label_1, 9)
    draw_text(
        canvas,
        MARK_2[0] * mm - 15 * mm,
        height - MARK_2[1] * mm - 1.2 * mm,
        "标记2（应距左边190毫米、上边277毫米）",
        9,
        anchor="right",
    )
    lines = [
        "套打校准页",
        f"打印机：{data.printer or '系统默认打印机'}    打印日期：{date_cn(data.printed_on)}",
        "用此打印机、以实际大小（不缩放）打印本页，然后用直尺量出两个十字中心",
        "到纸张左边和上边的距离（毫米，精确到0.5毫米），按顺序输入：",
        "tongban print calibration --printer 打印机名 --measured 标记1左,标记1上,标记2左,标记2上",
        "例如 --measured 21.5,18,191,275.5",
    ]
    if data.current is not None:
        c = data.current
        lines.append(f"当前校准：右移 {c.dx_mm:.1f} 毫米，下移 {c.dy_mm:.1f} 毫米，缩放 {c.scale:.4f}")
    if options.overlay is not None:
        lines.append("（本页已按当前校准打印：两个十字应正好落在标称位置）")
    y = height / 2 + 30 * mm
    for n, line in enumerate(lines):
        draw_text(canvas, width / 2, y, line, 14 if n == 0 else 10, anchor="center")
        y -= (10 if n == 0 else 6.5) * mm
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def solve(measured: tuple[float, float, float, float]) -> Overlay:
    """The correction for a printer whose marks landed at ``measured`` (mark 1 left, top, mark 2
    left, top, in mm): what 套打 applies so that the values land where the form wants them."""
    x1, y1, x2, y2 = measured
    sx = (x2 - x1) / (MARK_2[0] - MARK_1[0])
    sy = (y2 - y1) / (MARK_2[1] - MARK_1[1])
    s = (sx + sy) / 2
    if not (SCALE_RANGE[0] <= s <= SCALE_RANGE[1]):
        raise UserFacingError("print.calibration_implausible", values=",".join(f"{v:g}" for v in measured))
    dx, dy = x1 - s * MARK_1[0], y1 - s * MARK_1[1]
    if abs(dx) > MAX_OFFSET_MM or abs(dy) > MAX_OFFSET_MM:
        raise UserFacingError("print.calibration_implausible", values=",".join(f"{v:g}" for v in measured))
    return Overlay(dx_mm=round(-dx / s, 2), dy_mm=round(-dy / s, 2), scale=round(1 / s, 5))


def landed(correction: Overlay, printer_error: Overlay, point_mm: tuple[float, float]) -> tuple[float, float]:
    """Where a point meant for ``point_mm`` lands when printed with ``correction`` by a printer
    whose own error is ``printer_error`` (both as offset + scale from the top-left corner)."""
    x = correction.scale * point_mm[0] + correction.dx_mm
    y = correction.scale * point_mm[1] + correction.dy_mm
    return (printer_error.scale * x + printer_error.dx_mm, printer_error.scale * y + printer_error.dy_mm)
