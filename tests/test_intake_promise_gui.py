"""The materials step prints the item's 承诺书 for the applicant to sign (issue 22): the button is
there for an item whose catalog lets a 承诺书 stand in for a material, and it previews the form
filled from the draft."""

from __future__ import annotations

import pypdfium2 as pdfium
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from tests.test_intake_gui import NEW_ID, choose_item, identify_typed, idle, window  # noqa: F401 (fixture)


def test_materials_step_prints_the_filing_promise_for_the_draft(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    flow = window.intake
    identify_typed(qtbot, window, name="孙演示")
    choose_item(qtbot, window, "002036004001")  # 异地安置退休人员备案: 表18 replaces the 认定材料
    assert flow.item is not None and flow.draft is not None
    flow.materials.load(flow.item, flow.draft)
    buttons = flow.materials.promise_buttons
    assert list(buttons) == ["filing-promise"]
    assert "基本医疗保险异地就医备案个人承诺书" in buttons["filing-promise"].text()
    buttons["filing-promise"].click()
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(), timeout=15_000)
    assert flow.preview is not None
    job = flow.preview.job
    assert job.kind == "filing-promise" and flow.preview.page_labels
    doc = pdfium.PdfDocument(job.pdf)
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    assert "承诺事项" in text and "孙演示" in text and NEW_ID in text
    assert "☑异地安置退休人员" in text
    flow.preview.close()
    idle(qtbot, window)


def test_no_promise_button_where_the_catalog_offers_none(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "002036001003")  # 城乡居民参保登记: no 承诺书 in the catalog
    assert flow.item is not None and flow.draft is not None
    flow.materials.load(flow.item, flow.draft)
    assert flow.materials.promise_buttons == {}
