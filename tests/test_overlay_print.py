"""Issue 22: 套打 — the values of 表3 alone, onto a pre-printed sheet, moved and scaled by the
printer's calibration, which comes from a printed calibration page measured with a ruler.

Checked on rasterised pages (pdfium): the values land exactly where the full form has them, the
form's own text and rules do not print, offsets and scale move the ink as asked, and marks found
on a calibration page "printed" by a printer with a known error give the correction that cancels it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from desktop.cli.main import main
from printing import render
from printing.calibration import MARK_1, MARK_2, CalibrationData, landed, solve
from printing.layout import Overlay, RenderOptions
from tests.test_print_documents import pdf_text, raster, sample

DPI = 100
PX_PER_MM = DPI / 25.4


def ink(pdf: bytes) -> np.ndarray:
    """Dark pixels of page 1 at DPI."""
    return np.asarray(raster(pdf, scale=DPI / 72).convert("L")) < 128


def box(mask: np.ndarray) -> tuple[float, float, float, float]:
    """The inked area: left, top, right, bottom (px)."""
    ys, xs = np.nonzero(mask)
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def test_fields_only_prints_the_values_where_the_form_has_them() -> None:
    data = sample("registration")
    full = ink(render("registration", data))
    values = ink(render("registration", data, RenderOptions(overlay=Overlay())))
    assert values.sum() < 0.4 * full.sum()  # no title, labels, declaration, rules or shading
    near_full = full.copy()  # every inked pixel of the overlay is inked on the full form (±1 px)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            near_full |= np.roll(np.roll(full, dy, 0), dx, 1)
    assert (values & ~near_full).sum() < 0.01 * values.sum()
    assert values[: int(30 * PX_PER_MM)].sum() == 0  # the title band is empty
    text = pdf_text(render("registration", data, RenderOptions(overlay=Overlay())))
    assert "王演示" in text and "522701195803121014" in text  # the values themselves are text


def test_offset_and_scale_move_the_ink() -> None:
    data = sample("registration")
    base = box(ink(render("registration", data, RenderOptions(overlay=Overlay()))))
    moved = box(ink(render("registration", data, RenderOptions(overlay=Overlay(5, 3, 1.0)))))
    shift = (5 * PX_PER_MM, 3 * PX_PER_MM, 5 * PX_PER_MM, 3 * PX_PER_MM)
    assert [m - b for m, b in zip(moved, base, strict=True)] == pytest.approx(shift, abs=1.5)
    scaled = box(ink(render("registration", data, RenderOptions(overlay=Overlay(0, 0, 0.95)))))
    assert scaled == pytest.approx([v * 0.95 for v in base], abs=2)


def test_other_kinds_have_no_overlay(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render("transfer", sample("transfer"), RenderOptions(overlay=Overlay()))
    assert main(["print", "transfer", "X", "--overlay", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有套打模式" in capsys.readouterr().err


def find_mark(mask: np.ndarray, nominal: tuple[float, float]) -> tuple[float, float]:
    """The centre of the cross near ``nominal`` (mm), in mm: the row and column with most ink."""
    half = int(11 * PX_PER_MM)
    cx, cy = int(nominal[0] * PX_PER_MM), int(nominal[1] * PX_PER_MM)
    window = mask[cy - half : cy + half, cx - half : cx + half]
    row = int(np.argmax(window.sum(axis=1)))
    col = int(np.argmax(window.sum(axis=0)))
    return ((cx - half + col + 0.5) / PX_PER_MM, (cy - half + row + 0.5) / PX_PER_MM)


def test_a_measured_calibration_page_gives_the_correction_that_cancels_the_printer_error() -> None:
    printer_error = Overlay(2.5, -1.5, 0.985)  # paper fed 2.5 mm right, 1.5 mm high, a driver shrinking it
    data = CalibrationData("柜台打印机", dt.date(2026, 11, 23))
    page = render("calibration", data, RenderOptions(overlay=printer_error))
    marks = ink(page)
    m1, m2 = find_mark(marks, MARK_1), find_mark(marks, MARK_2)
    assert m1 == pytest.approx(landed(Overlay(), printer_error, MARK_1), abs=0.4)  # what the ruler would read
    correction = solve((*m1, *m2))
    for mark in (MARK_1, MARK_2, (105.0, 148.5)):
        assert landed(correction, printer_error, mark) == pytest.approx(mark, abs=0.4)


def test_implausible_measurements_are_refused() -> None:
    from models.errors import UserFacingError

    with pytest.raises(UserFacingError) as err:
        solve((20, 20, 150, 277))  # a typing error: mark 2 40 mm off
    assert err.value.code == "print.calibration_implausible"


def test_cli_stores_the_calibration_and_overlay_prints_use_it(
    demo_store: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from models.device_settings import overlay_calibration
    from models.orm import Case
    from models.settings import Settings

    page = tmp_path / "cal.pdf"
    assert main(["print", "calibration", "--out", str(page), "--printer", "HP-1"]) == 0
    assert "套打校准页" in pdf_text(page.read_bytes())
    capsys.readouterr()
    assert main(["print", "calibration", "--printer", "HP-1", "--measured", "22,18,191.5,274", "--json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    assert overlay_calibration(Settings.load(demo_store.paths.settings), "HP-1") == (
        stored["dx_mm"],
        stored["dy_mm"],
        stored["scale"],
    )
    assert main(["print", "calibration", "--printer", "HP-1", "--measured", "1,2,3"]) == 1
    with demo_store.db.read() as session:
        case_no = session.scalar(select(Case.case_no).where(Case.item_code == "002036001003"))
    out, plain_out = tmp_path / "fields.pdf", tmp_path / "fields0.pdf"
    args = ["print", "registration", str(case_no), "--overlay", "--clerk", "dayin"]
    assert main([*args, "--printer", "HP-1", "--out", str(out)]) == 0
    assert main([*args, "--reprint-reason", "套打偏了", "--out", str(plain_out)]) == 0  # no calibration: none
    footer = int(25 * PX_PER_MM)  # the reprint's 补打 footer line stays where the page has it
    shifted, base = box(ink(out.read_bytes())[:-footer]), box(ink(plain_out.read_bytes())[:-footer])
    s, dx, dy = stored["scale"], stored["dx_mm"] * PX_PER_MM, stored["dy_mm"] * PX_PER_MM
    assert shifted == pytest.approx([base[0] * s + dx, base[1] * s + dy, base[2] * s + dx, base[3] * s + dy], abs=2)
