"""Issue 22: blank forms (``tongban print KIND --blank``, 打印 → 空白表) and ``tongban print --list``
with each form's seed table, both derived from the print-kind registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli.main import main
from printing import KINDS, blank_kinds, render, render_blank
from tests.test_print_documents import pdf_text, sample

BLANK = [k.key for k in blank_kinds()]


def test_the_registry_names_a_seed_table_for_every_sample_form() -> None:
    assert {"registration", "transfer", "filing", "chronic", "assistance-application"} <= set(BLANK)
    for kind in BLANK:
        seed, _, table = KINDS[kind].seed_table.partition(" ")
        assert seed in {"001", "003"} and table.startswith(("表", "附件")), kind


@pytest.mark.parametrize("kind", BLANK)
def test_a_blank_form_has_the_labels_and_nothing_filled(kind: str) -> None:
    blank = pdf_text(render_blank(kind))
    filled = pdf_text(render(kind, sample(kind)))
    assert "☑" not in blank  # no box ticked for the applicant
    for value in ("王演示", "522701195803121014", "13800000000", "都匀市演示路1号"):
        assert value not in blank
    assert any(v in filled for v in ("王演示", "522701195803121014"))  # the same form, filled, has them
    assert KINDS[kind].title.split("（")[0] in blank and "姓名" in blank  # the form's title and labels


def test_list_shows_the_seed_table_and_blank_marker(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "--list"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert set(lines) == set(KINDS)
    assert "003 表3" in lines["registration"] and "可打空白表" in lines["registration"]
    assert "001 附件1" in lines["assistance-application"]
    assert "可打空白表" not in lines["receipt"]
    assert main(["print", "--list", "--json"]) == 0
    rows = {r["kind"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["transfer"]["seed_table"] == "003 表9" and rows["transfer"]["blank"] is True
    assert rows["receipt"]["blank"] is False


def test_cli_prints_a_blank_form_and_refuses_a_receipt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "blank.pdf"
    assert main(["print", "transfer", "--blank", "--out", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["pages"] == 1 and info["blank"] is True
    assert "基本医疗保险关系转移接续申请表" in pdf_text(out.read_bytes())
    assert main(["print", "receipt", "--blank", "--out", str(tmp_path / "r.pdf")]) == 1
    assert "没有空白表" in capsys.readouterr().err


def test_print_menu_offers_every_blank_form_and_prints_one(qtbot: Any, demo_store: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMenu, QWidget

    from desktop.blank_forms import BlankForms
    from desktop.operations import Operations
    from desktop.print_service import PrintService
    from models.orm import Clerk, PrintLog

    with demo_store.db.read() as session:
        clerk_id = session.scalar(select(Clerk.id).where(Clerk.login == "dayin"))
    errors: list[BaseException] = []
    ops = Operations(on_error=errors.append)
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    forms = BlankForms(ops, PrintService(demo_store.db, clerk_id, ops=ops), parent)
    try:
        sub = forms.install(menu)
        keys = [a.data() for a in sub.actions()]
        assert keys == BLANK
        next(a for a in sub.actions() if a.data() == "registration").trigger()
        qtbot.waitUntil(lambda: forms.preview is not None, timeout=10_000)
        assert forms.preview is not None and forms.preview.job.case_id is None
        assert "参保登记表" in forms.preview.job.title
        out = tmp_path / "printed.pdf"

        def choose(printer: Any, _parent: Any) -> bool:
            printer.setOutputFormat(printer.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(72)
            return True

        forms.preview._choose = choose
        with qtbot.waitSignal(forms.preview.printed, timeout=20_000):
            forms.preview.print_button.click()
        assert out.stat().st_size > 1000
        with demo_store.db.read() as session:
            logged = session.scalars(select(PrintLog).where(PrintLog.document == "registration")).all()
        assert [(p.case_id, p.clerk_id) for p in logged][-1] == (None, clerk_id)
        assert not errors
    finally:
        ops.shutdown()
