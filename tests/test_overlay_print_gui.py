"""打印 → 套打… (desktop/overlay_print.py): a printer's calibration measured and saved from the GUI,
its calibration page, and a case's form printed values-only with that printer's correction."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.orm import Case, Clerk
from models.store import Store


def _text(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    return "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout.split()
    )


@pytest.fixture
def dialog(qtbot: QtBot, demo_store: Store) -> Any:
    from desktop.operations import Operations
    from desktop.overlay_print import OverlayPrintDialog
    from desktop.print_service import PrintService

    with demo_store.db.read() as session:
        clerk_id = session.scalar(select(Clerk.id).where(Clerk.login == "dayin"))
    ops = Operations(on_error=lambda exc: pytest.fail(str(exc)))
    dlg = OverlayPrintDialog(demo_store.settings, ops, PrintService(demo_store.db, clerk_id, ops=ops))
    qtbot.addWidget(dlg)
    dlg.errors = []
    dlg._failed = dlg.errors.append
    yield dlg
    qtbot.waitUntil(lambda: not ops.busy, timeout=10_000)
    ops.shutdown()


def test_the_calibration_is_measured_saved_per_printer_and_applied(
    qtbot: QtBot, dialog: Any, demo_store: Store, tmp_path: Path
) -> None:
    from models.device_settings import overlay_calibration
    from models.settings import Settings

    dialog.printer.setEditText("柜台针式打印机")
    assert "尚未校准" in dialog.state.text()
    # The marks landed 1.5 mm right and 2 mm up of where they belong, at true size.
    for box, value in zip(dialog.measured, (21.5, 18.0, 191.5, 275.0), strict=True):
        box.setValue(value)
    dialog.solve_button.click()
    assert (dialog.dx.value(), dialog.dy.value(), dialog.scale.value()) == (-1.5, 2.0, 1.0)
    dialog.save_button.click()
    saved = overlay_calibration(Settings.load(demo_store.paths.settings), "柜台针式打印机")
    assert saved == (-1.5, 2.0, 1.0)  # on disk, for this printer only
    assert overlay_calibration(demo_store.settings, "") is None
    assert "右移 -1.50 毫米" in dialog.state.text()

    dialog.check_button.click()  # the check page: the correction applied
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    text = _text(dialog.preview.job.pdf, tmp_path / "cal.pdf")
    assert "套打校准页" in text and "柜台针式打印机" in text and dialog.preview.job.kind == "calibration"

    # A wrong measurement is refused, the saved calibration kept.
    dialog.measured[0].setValue(60.0)
    dialog.solve_button.click()
    assert dialog.dx.value() == -1.5


def test_a_case_form_prints_values_only_with_the_printers_correction(
    qtbot: QtBot, dialog: Any, demo_store: Store, tmp_path: Path
) -> None:
    from printing.layout import Overlay
    from tests.test_overlay_print import PX_PER_MM, box, ink

    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.item_code == "002036001003"))
        assert case is not None and case.person is not None
        case_id, case_no, name = case.id, case.case_no, case.person.name
    # The default printer's correction, typed in directly: 5 mm right, 3 mm down.
    dialog.dx.setValue(5.0)
    dialog.dy.setValue(3.0)
    dialog.save_button.click()
    dialog.case_no.setText(case_no)
    dialog.kind.setCurrentIndex(dialog.kind.findData("registration"))
    dialog.form_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    job = dialog.preview.job
    assert job.kind == "registration" and job.case_id == case_id and not dialog.errors
    text = _text(job.pdf, tmp_path / "form.pdf")
    assert name in text and "贵州" in text  # the case's values are on the page
    values = ink(job.pdf)
    assert values[: int(30 * PX_PER_MM)].sum() == 0  # no title: values only
    full = ink(dialog.service.render_case(case_id, "registration").pdf)
    assert values.sum() < 0.4 * full.sum()  # no labels, rules or shading either
    unmoved = box(ink(dialog.service.render_case(case_id, "registration", overlay=Overlay()).pdf))
    shift = (5 * PX_PER_MM, 3 * PX_PER_MM, 5 * PX_PER_MM, 3 * PX_PER_MM)
    assert [m - b for m, b in zip(box(values), unmoved, strict=True)] == pytest.approx(shift, abs=1.5)


def test_an_unknown_case_number_is_reported(qtbot: QtBot, dialog: Any) -> None:
    dialog.case_no.setText("522701-001-20000101-9999")
    dialog.form_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors), timeout=10_000)
    assert getattr(dialog.errors[0], "code", "") == "case.not_found" and dialog.preview is None
