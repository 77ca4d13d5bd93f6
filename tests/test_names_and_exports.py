"""Issue 17 item 15: names refuse control and bidi-override characters (one validator,
``models.validation.check_name``, used by intake, batch lists, clerks and stations), and every
CSV/Excel export escapes text Excel would run as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.main import main
from desktop.messages import render
from models.errors import ValidationError
from models.validation import check_name
from tests.test_batch_import import SUBSIDY, SUBSIDY_HEADER, subsidy_row, write_csv

HOSTILE = ["张\u202e三", "李\u2066四\u2069", "王\x00五", "赵\n六", "孙\u200b七", "周\u2028八", "吴\t九"]


@pytest.mark.parametrize("name", HOSTILE)
def test_control_and_bidi_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_name(name)
    assert err.value.code == "name.bad_character"
    message = render(err.value)
    assert "控制字符" in message and "U+" in message
    assert name not in message  # the code point is named, not the name


@pytest.mark.parametrize("name", ["张三", " 阿依古丽·买买提 ", "欧阳娜娜", "𠮷野", "Zhang San", "=1+2"])
def test_real_names_pass(name: str) -> None:
    assert check_name(name) == name.strip()


def test_counter_intake_refuses_a_bidi_name(demo_store: Any) -> None:
    from models.demo import demo_id_number
    from models.intake.draft import Identity
    from models.intake.service import start_draft

    with demo_store.db.write() as session, pytest.raises(ValidationError) as err:
        start_draft(session, "002036001003", Identity(demo_id_number("19800101", "321"), "张\u202e三"), {})
    assert err.value.code == "name.bad_character"


def test_batch_list_row_with_a_bidi_name_is_refused(demo_store: Any, tmp_path: Path) -> None:
    from models.batch_import import INVALID, VALID, run_import

    rows = [SUBSIDY_HEADER, subsidy_row(1), subsidy_row(2, name="钱\u202e演示")]
    report = run_import(demo_store.db, write_csv(tmp_path / "l.csv", rows), SUBSIDY, dry_run=True)
    assert [r.status for r in report.rows] == [VALID, INVALID]
    assert [e.code for e in report.rows[1].errors] == ["name.bad_character"]


def test_clerk_and_station_names_use_the_same_check(protected_store: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from models.enums import StationLevel
    from models.station_setup import StationSpec, validate_spec

    with pytest.raises(ValidationError):
        validate_spec(StationSpec("演示\u202e站", "522701100", StationLevel.TOWNSHIP, "001"))
    protected_store.close()
    argv = ["user", "add", "evil", "--name", "王\u202e五", "--role", "受理员", "--password-stdin"]
    sys.stdin = io.StringIO("Evil-pass-2026\n")
    try:
        assert main(argv) == 1
    finally:
        sys.stdin = sys.__stdin__
    assert "控制字符" in capsys.readouterr().err


def test_audit_csv_export_escapes_formulas(demo_store: Any, tmp_path: Path) -> None:
    from models import audit

    with demo_store.db.write() as session:
        audit.record(session, "case.view", '=HYPERLINK("http://x","点我")', clerk=None)
        audit.record(session, "case.view", "+1+2", clerk=None)
        audit.record(session, "case.view", "@SUM(A1)", clerk=None)
        audit.record(session, "case.view", "\t=1", clerk=None)
        out = tmp_path / "audit.csv"
        audit.export_file(session, out, clerk=None, fmt="csv")
    rows = list(csv.reader(out.open(encoding="utf-8")))
    targets = [row[5] for row in rows[1:]][-4:]
    assert targets == ["'=HYPERLINK(\"http://x\",\"点我\")", "'+1+2", "'@SUM(A1)", "'\t=1"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_template_cells_are_escaped_in_xlsx_and_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A header is catalog text; a catalog override could still start one with '='."""
    from openpyxl import load_workbook

    from models.batch_import import columns
    from models.catalog import load_catalog

    item = load_catalog(profile="guizhou").get(SUBSIDY)  # a Guizhou item (001 参保资助)
    real = columns.item_columns

    def hostile(it: Any) -> list[Any]:
        cols = real(it)
        return [dataclasses.replace(cols[0], header="=cmd|' /C calc'!A0"), *cols[1:]]

    monkeypatch.setattr(columns, "item_columns", hostile)
    columns.write_template(item, tmp_path / "t.xlsx")
    columns.write_template(item, tmp_path / "t.csv")
    sheet = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    assert sheet.cell(row=1, column=1).value == "'=cmd|' /C calc'!A0"
    assert sheet.cell(row=1, column=1).data_type == "s"  # text, not a formula
    assert next(csv.reader((tmp_path / "t.csv").open(encoding="utf-8-sig")))[0] == "'=cmd|' /C calc'!A0"
