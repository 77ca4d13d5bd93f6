"""Batch intake (models/batch_import): real CSV/GBK/xlsx files, real SQLite, the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from stdnum import luhn

from desktop.messages import known_codes, render
from models.batch_import import (
    BATCH_REF_KEY,
    CREATED,
    IMPORTED,
    INVALID,
    VALID,
    BatchReport,
    item_columns,
    normalise_header,
    read_table,
    run_import,
    write_template,
)
from models.batch_import.importer import check_table
from models.catalog import load_catalog
from models.demo import demo_id_number
from models.errors import Cancelled, UserFacingError
from models.lifecycle import CaseState
from models.orm import Case, CaseFieldValue, MaterialEntry, Person
from models.progress import CancelToken, Progress
from models.store import Store

SUBSIDY = "520000016056"  # 城乡医疗救助参保资助: the 参保资助 list from 民政/残联 (seed 001)
RESIDENT = "002036001003"  # 城乡居民参保登记: 证件类型, 出生日期, enumerations
SUBSIDY_HEADER = ["姓名", "身份证", "身份属性", "缴费金额", "账号", "开户行"]
RESIDENT_HEADER = ["姓名", "证件类型", "证件号码", "出生日期", "联系电话", "户籍地址", "申请人身份"]


def bank(seq: int) -> str:
    body = f"6222021234{seq:08d}"
    return body + luhn.calc_check_digit(body)


def pid(seq: int, birth: str = "19700101") -> str:
    return demo_id_number(birth, f"{seq:03d}")


def bad_check_digit(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"


def subsidy_row(seq: int, name: str = "") -> list[str]:
    """A fictitious person on a 参保资助 list (demo-style names, computed check digits)."""
    return [
        name or f"{SURNAMES[seq % len(SURNAMES)]}演示",
        pid(seq),
        "低保对象",
        "380",
        bank(seq),
        "黔南农商行都匀支行",
    ]


def write_csv(path: Path, rows: Sequence[Sequence[str]], encoding: str = "utf-8-sig") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def messages(report: BatchReport) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.code) for e in report.errors]


def cases_of(store: Store, item_code: str) -> list[Case]:
    with store.db.read() as session:
        cases = list(session.scalars(select(Case).where(Case.item_code == item_code).order_by(Case.id)))
        for case in cases:
            _ = case.fields, case.person  # load before the session closes
        return cases


# Reading ----------------------------------------------------------------------------------


def test_csv_utf8_bom_creates_draft_cases_through_the_intake_path(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "资助名单.csv", [SUBSIDY_HEADER, subsidy_row(1), subsidy_row(2), subsidy_row(3)])
    report = run_import(demo_store.db, path, SUBSIDY)

    assert report.encoding == "utf-8-sig" and report.header_row == 1
    assert (report.total, report.valid, len(report.created), report.invalid) == (3, 3, 3, 0)
    cases = cases_of(demo_store, SUBSIDY)
    assert [c.case_no for c in cases] == report.created
    for row, case in zip((2, 3, 4), cases, strict=True):
        assert case.state is CaseState.DRAFT
        fields = case.field_map()
        assert fields[BATCH_REF_KEY] == f"{report.sha256}:{row}"
        assert fields["identity_attribute"] == "低保对象" and fields["contribution_amount"] == "380.00"
        assert case.person is not None and case.person.id_number == fields["id_number"]
    with demo_store.db.read() as session:  # the checklist comes from the catalog, as at the counter
        keys = set(session.scalars(select(MaterialEntry.material_key).where(MaterialEntry.case_id == cases[0].id)))
        people = session.scalar(select(func.count()).select_from(Person).where(Person.id_number == pid(1)))
    assert {"id_document", "contribution_receipt", "no_subsidy_promise"} <= keys
    assert people == 1


def test_gbk_csv_as_excel_saves_it_with_title_row_and_untidy_headers(demo_store: Store, tmp_path: Path) -> None:
    header = [" 姓　名 ", "*身份证", "身份属性(必填)", "缴费金额", "账号", "开户行", "备注"]
    rows = [["城乡医疗救助参保资助名单（民政局）"], header, [*subsidy_row(4), "新增"], [], [*subsidy_row(5), ""]]
    path = write_csv(tmp_path / "gbk.csv", rows, encoding="gbk")
    report = run_import(demo_store.db, path, SUBSIDY, dry_run=True)
    assert report.encoding == "gb18030" and report.header_row == 2
    assert report.ignored_columns == ["备注"]
    assert [(r.row, r.status) for r in report.rows] == [(3, VALID), (5, VALID)]
    assert report.created == [] and cases_of(demo_store, SUBSIDY) == []  # a dry run writes nothing


def test_header_normalisation_folds_full_width_and_quotes() -> None:
    assert normalise_header("收款人“一卡通”银行账户信息") == normalise_header('收款人"一卡通"银行账户信息')
    assert normalise_header("＊证件号码（必填）") == normalise_header("证件号码")
    assert normalise_header("门（急）诊") == normalise_header("门(急)诊")


def test_xlsx_with_dates_numbers_and_an_id_number_excel_rounded(demo_store: Store, tmp_path: Path) -> None:
    numeric_id = next(p for p in (pid(n) for n in range(13, 60)) if p[-1].isdigit())
    rows: list[list[object]] = [
        RESIDENT_HEADER,
        [
            "居民甲",
            "身份证",
            pid(11, "20100305"),
            dt.datetime(2010, 3, 5),
            13800000011,
            "都匀市文峰路1号",
            "中小学儿童",
        ],
        ["居民乙", "", pid(12), "", "13800000012", "都匀市文峰路2号", "无业成年人"],
        # typed into a numeric cell: Excel keeps a float with 15 significant digits
        ["居民丙", "身份证", float(numeric_id), "", "13800000013", "都匀市文峰路3号", "无业成年人"],
    ]
    path = write_xlsx(tmp_path / "居民.xlsx", rows)
    report = run_import(demo_store.db, path, RESIDENT)
    assert report.encoding == "xlsx"
    assert [(r.row, r.status) for r in report.rows] == [(2, CREATED), (3, CREATED), (4, INVALID)]
    assert messages(report) == [(4, "证件号码", "batch.number_rounded")]
    first, second = cases_of(demo_store, RESIDENT)[-2:]
    assert first.field_map()["birth_date"] == "2010-03-05" and first.field_map()["phone"] == "13800000011"
    # 证件类型 left empty means 身份证, 出生日期 comes from the ID number
    assert second.field_map()["id_type"] == "身份证" and second.field_map()["birth_date"] == "1970-01-01"


# Row errors -------------------------------------------------------------------------------


def test_every_row_error_is_reported_with_row_column_and_chinese_text(demo_store: Store, tmp_path: Path) -> None:
    rows = [
        [*RESIDENT_HEADER, "委托办理"],
        ["甲", "身份证", bad_check_digit(pid(21)), "", "13800000021", "地址", "大学生", ""],
        ["乙", "护照", "E12345678", "", "13800000022", "地址", "大学生", ""],
        ["丙", "身份证", pid(23), "1999-01-01", "12345", "", "退休人员", "也许"],
        ["丁", "身份证", pid(24), "2001-02-30", "13800000024", "地址", "大学生", "否"],
        ["", "身份证", pid(25), "", "13800000025", "地址", "大学生", ""],
        ["戊", "身份证", pid(26), "", "13800000026", "地址", "大学生", "是"],
        ["己", "身份证", pid(26), "", "13800000027", "地址", "大学生", ""],
        ["庚", "身份证", "52270119700101", "", "13800000028", "地址", "大学生", ""],
    ]
    report = run_import(demo_store.db, write_csv(tmp_path / "errors.csv", rows), RESIDENT, dry_run=True)
    assert messages(report) == [
        (2, "证件号码", "id.bad_check_digit"),
        (3, "证件类型", "batch.id_type_unsupported"),
        (4, "出生日期", "batch.birth_date_mismatch"),
        (4, "联系电话", "phone.bad_number"),
        (4, "户籍地址", "intake.required"),
        (4, "委托办理", "intake.bad_boolean"),
        (5, "出生日期", "date.invalid"),
        (6, "姓名", "intake.required"),
        (8, "证件号码", "batch.duplicate_in_file"),
        (9, "证件号码", "id.bad_length"),
    ]
    assert [r.row for r in report.rows if r.status == VALID] == [7]
    texts = [render(UserFacingError(e.code, **e.params)) for e in report.errors]
    assert "与第7行是同一人（公民身份号码重复）。" in texts
    assert (
        "证件类型为“护照”：批量导入仅支持居民身份证、港澳台居民居住证和外国人永久居留证，其他证件请到柜台逐件受理。"
        in texts
    )
    assert all("错误代码" not in t for t in texts)  # every code has its Chinese text


def gb11643(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")


def test_permit_rows_are_checked_by_their_own_rule(demo_store: Store, tmp_path: Path) -> None:
    """外国人永久居留证 (the catalog's wording) rows take the permit's rule, 港澳台居民居住证 rows
    GB 11643 with the 港澳台 地址码; a 2017 number carries no gender and may carry its birth date
    two ways: the list's 出生日期 decides, none is guessed."""
    foreign_2023 = gb11643("91184019800202002")  # 2023 永居证: born 1980-02-02, 女
    hk_permit = gb11643("81000019900101002")  # 港澳台居民居住证 of a 香港居民
    rows = [
        RESIDENT_HEADER,
        ["外甲", "外国人永久居留证", foreign_2023, "", "13800000051", "地址", "无业成年人"],
        ["外乙", "外国人永久居留证", "USA117501010010", "", "13800000052", "地址", "无业成年人"],
        ["外丙", "外国人永久居留证", "USA118001010101", "2001-01-01", "13800000053", "地址", "无业成年人"],
        ["外丁", "外国人永久居留证", "USA118001010102", "", "13800000054", "地址", "无业成年人"],
        ["外戊", "外国人永久居留证", pid(55), "", "13800000055", "地址", "无业成年人"],
        ["港甲", "港澳台居民居住证", hk_permit, "", "13800000056", "地址", "无业成年人"],
        ["港乙", "港澳台居民居住证", pid(57), "", "13800000057", "地址", "无业成年人"],
        ["外己", "外国人永久居留证", "USA118001010103", "1999-01-01", "13800000058", "地址", "无业成年人"],
        ["外庚", "", gb11643("91184019800202012"), "", "13800000059", "地址", "无业成年人"],
    ]
    report = run_import(demo_store.db, write_csv(tmp_path / "permits.csv", rows), RESIDENT)
    assert messages(report) == [
        (5, "出生日期", "batch.birth_date_ambiguous"),
        (6, "证件号码", "permit.not_foreign_number"),
        (8, "证件号码", "permit.not_hmt_number"),
        (9, "出生日期", "batch.birth_date_mismatch"),
    ]
    assert [r.row for r in report.rows if r.status == CREATED] == [2, 3, 4, 7, 10]
    texts = [render(UserFacingError(e.code, **e.params)) for e in report.errors]
    assert all("错误代码" not in t for t in texts)
    assert "2017版外国人永久居留身份证号码中的出生日期可读作1980-01-01或2001-01-01" in texts[0]
    assert "不是外国人永久居留身份证号码" in texts[1] and "830000（台湾）" in texts[2]
    created = {c.person.name: c for c in cases_of(demo_store, RESIDENT) if c.person is not None}
    with demo_store.db.read() as session:
        people = {p.name: p for p in session.scalars(select(Person).where(Person.name.in_(list(created))))}
    assert (people["外甲"].gender, people["外甲"].birth_date) == ("女", dt.date(1980, 2, 2))
    assert (people["外乙"].gender or "", people["外乙"].birth_date) == ("", dt.date(1975, 1, 1))
    assert (people["外丙"].gender or "", people["外丙"].birth_date) == ("", dt.date(2001, 1, 1))
    assert created["外丙"].field_map()["birth_date"] == "2001-01-01"
    assert created["港甲"].field_map()["id_type"] == "港澳台居民居住证" and people["港甲"].gender == "女"
    # 证件类型 left empty: the card the number's shape belongs to
    assert created["外庚"].field_map()["id_type"] == "外国人永久居留证"


def test_closed_enumeration_lists_its_options(demo_store: Store, tmp_path: Path) -> None:
    header = ["姓名", "身份证号码", "账号", "开户行", "救助对象认定情况"]
    rows = [header, ["甲", pid(27), bank(27), "某银行", "不知道"], ["乙", pid(28), bank(28), "某银行", "已认定"]]
    report = run_import(demo_store.db, write_csv(tmp_path / "enum.csv", rows), "002036008001", dry_run=True)
    assert messages(report) == [(2, "救助对象认定情况", "intake.bad_option")]
    text = render(UserFacingError(report.errors[0].code, **report.errors[0].params))
    assert "已认定" in text and "符合救助条件但未经认定" in text


def test_open_case_of_the_same_item_is_refused(demo_store: Store, tmp_path: Path) -> None:
    first = run_import(demo_store.db, write_csv(tmp_path / "a.csv", [SUBSIDY_HEADER, subsidy_row(31)]), SUBSIDY)
    assert len(first.created) == 1
    # Another list (another file) names the same person again while the first case is open.
    second = run_import(
        demo_store.db, write_csv(tmp_path / "b.csv", [SUBSIDY_HEADER, subsidy_row(32), subsidy_row(31)]), SUBSIDY
    )
    assert [(r.row, r.status) for r in second.rows] == [(2, CREATED), (3, INVALID)]
    assert second.errors[0].code == "batch.open_case" and second.errors[0].params["case_no"] == first.created[0]


def test_a_list_cannot_rename_a_person_the_station_knows(demo_store: Store, tmp_path: Path) -> None:
    known = demo_id_number("19580312", "101")  # 王演示 of the demo station
    rows = [SUBSIDY_HEADER, ["王某某", *subsidy_row(81)[1:]], ["王演示", *subsidy_row(82)[1:]]]
    rows[1][1], rows[2][1] = known, known
    report = run_import(demo_store.db, write_csv(tmp_path / "n.csv", rows), SUBSIDY, dry_run=True)
    assert messages(report) == [(2, "姓名", "batch.name_mismatch"), (3, "身份证", "batch.duplicate_in_file")]
    assert "王**" in render(UserFacingError(report.errors[0].code, **report.errors[0].params))


def test_reimporting_the_same_file_creates_nothing_twice(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "same.csv", [SUBSIDY_HEADER, subsidy_row(41), ["", "", "", "", "", "x"]])
    once = run_import(demo_store.db, path, SUBSIDY)
    twice = run_import(demo_store.db, path, SUBSIDY)
    assert len(once.created) == 1 and once.invalid == 1
    assert twice.created == [] and twice.already_imported == 1
    assert [(r.status, r.case_no) for r in twice.rows if r.status == IMPORTED] == [(IMPORTED, once.created[0])]
    assert len(cases_of(demo_store, SUBSIDY)) == 1


def test_cancel_keeps_committed_chunks_and_a_reimport_finishes(demo_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", [SUBSIDY_HEADER] + [subsidy_row(100 + i) for i in range(7)])
    token = CancelToken()

    def progress(p: Progress) -> None:
        if p.total and p.done >= 3:
            token.cancel()

    with pytest.raises(Cancelled):
        run_import(demo_store.db, path, SUBSIDY, progress=progress, cancel=token, chunk_rows=3)
    assert len(cases_of(demo_store, SUBSIDY)) == 3
    rest = run_import(demo_store.db, path, SUBSIDY, chunk_rows=3)
    assert (len(rest.created), rest.already_imported) == (4, 3)
    assert len(cases_of(demo_store, SUBSIDY)) == 7


# Whole-file refusals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "item", "code"),
    [
        ("missing.csv", "姓名,身份证\n张三,1\n", SUBSIDY, "batch.missing_columns"),
        ("noheader.csv", "a,b,c\n1,2,3\n", SUBSIDY, "batch.no_header"),
        ("header-only.csv", ",".join(SUBSIDY_HEADER) + "\n\n", SUBSIDY, "batch.no_rows"),
        ("dup.csv", ",".join([*SUBSIDY_HEADER, "姓名"]) + "\n", SUBSIDY, "batch.duplicate_column"),
        ("unit.csv", "单位名称\n某公司\n", "002036001001", "batch.item_not_personal"),
        ("old.xls", "\xd0\xcf\x11\xe0 not really", SUBSIDY, "batch.xls_unsupported"),
        ("broken.xlsx", "PK\x03\x04 broken zip", SUBSIDY, "batch.unreadable"),
        ("empty.csv", "", SUBSIDY, "batch.empty_file"),
    ],
)
def test_files_that_cannot_be_imported_are_refused_whole(
    demo_store: Store, tmp_path: Path, name: str, content: str, item: str, code: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserFacingError) as caught:
        run_import(demo_store.db, path, item)
    assert caught.value.code == code and code in known_codes()
    assert "错误代码" not in render(caught.value)


def test_bad_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\x81\x30\xff\xfe\xfd" * 10)
    with pytest.raises(UserFacingError) as caught:
        read_table(path)
    assert caught.value.code in ("batch.bad_encoding", "batch.unreadable")


# The template -----------------------------------------------------------------------------


def test_template_round_trip_for_every_importable_item(demo_store: Store, tmp_path: Path) -> None:
    from models.batch_import.columns import find_header

    catalog = load_catalog()
    importable = 0
    for item in catalog:
        try:
            columns = item_columns(item)
        except UserFacingError as exc:
            assert exc.code == "batch.item_not_personal"
            continue
        importable += 1
        out = tmp_path / f"{item.code}.xlsx"
        headers = write_template(item, out)
        table = read_table(out)
        assert table.rows[0][1] == headers == [c.header for c in columns]
        assert set(find_header(table.rows, columns).by_index) == set(range(len(columns)))
    assert importable >= 25

    # A clerk fills the downloaded template in and imports it.
    template = tmp_path / "filled.xlsx"
    write_template(catalog.get(SUBSIDY), template)
    from openpyxl import load_workbook

    book = load_workbook(template)
    sheet = book.worksheets[0]
    for col, value in enumerate(subsidy_row(51), start=1):
        sheet.cell(row=2, column=col, value=value)
    book.save(template)
    assert load_workbook(template).sheetnames == ["城乡医疗救助参保资助", "填写说明"]
    report = run_import(demo_store.db, template, SUBSIDY)
    assert len(report.created) == 1 and report.ok


# Hostile input ----------------------------------------------------------------------------

_cells = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789Xx-/. 年月日", max_size=20),
    st.sampled_from(["", "身份证", "护照", "低保对象", "中小学儿童", "2026-02-30", "1e+17", "是", "否"]),
    st.builds(lambda n: pid(n % 999 + 1), st.integers(min_value=0, max_value=10_000)),
    st.text(min_size=501, max_size=600),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cells, max_size=9), max_size=8), item=st.sampled_from([SUBSIDY, RESIDENT]))
def test_random_rows_never_crash_and_every_refused_row_says_why(
    demo_store: Store, tmp_path: Path, rows: list[list[str]], item: str
) -> None:
    header = SUBSIDY_HEADER if item == SUBSIDY else RESIDENT_HEADER
    path = write_csv(tmp_path / "fuzz.csv", [header, *rows], encoding="utf-8")
    catalog_item = load_catalog().get(item)
    try:
        table = read_table(path)
        with demo_store.db.read() as session:
            report = check_table(session, table, catalog_item, path.name)
    except UserFacingError as exc:
        assert exc.code in known_codes()
        return
    for outcome in report.rows:
        assert outcome.status in (VALID, INVALID)
        if outcome.status == INVALID:
            assert outcome.errors, outcome.row
            assert all(e.code in known_codes() for e in outcome.errors)
        else:
            assert outcome.identity["id_number"] and outcome.identity["name"]


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_are_read_or_refused_clearly(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"f{suffix}"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except UserFacingError as exc:
        assert exc.code in known_codes()
        return
    assert all(isinstance(c, str) for _n, cells in table.rows for c in cells)


# The command line -------------------------------------------------------------------------


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from desktop.cli.main import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_import_dry_run_json_then_import_and_template(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "cli.csv", [SUBSIDY_HEADER, subsidy_row(61), [*subsidy_row(62)[:3], "-5", *subsidy_row(62)[4:]]]
    )
    code, out, _ = run_cli("case", "import", str(path), "--item", SUBSIDY, "--dry-run", "--json", capsys=capsys)
    summary = json.loads(out)
    assert code == 1 and summary["dry_run"] is True
    assert (summary["rows"], summary["valid"], summary["created"], summary["invalid"]) == (2, 1, 0, 1)
    assert summary["errors"] == [
        {
            "row": 3,
            "column": "缴费金额",
            "code": "money.invalid",
            "message": "金额“-5”无效：应为不小于0的数字，最多两位小数。",
        }
    ]
    code, out, _ = run_cli("case", "import", str(path), "--item", SUBSIDY, capsys=capsys)
    assert code == 1 and "已建办件（草稿）1 件" in out and "第3行 「缴费金额」 金额“-5”无效" in out
    assert len(cases_of(demo_store, SUBSIDY)) == 1

    clean = write_csv(tmp_path / "clean.csv", [SUBSIDY_HEADER, subsidy_row(63)])
    code, out, _ = run_cli("case", "import", str(clean), "--item", SUBSIDY, capsys=capsys)
    assert code == 0 and "有错误 0 行" in out

    out_file = tmp_path / "模板.xlsx"
    code, out, _ = run_cli("case", "import-template", "--item", SUBSIDY, "--out", str(out_file), capsys=capsys)
    assert code == 0 and read_table(out_file).rows[0][1] == [*SUBSIDY_HEADER, "委托办理"]

    code, _, err = run_cli("case", "import", str(clean), "--item", "002036001001", capsys=capsys)
    assert code == 1 and "不能批量导入" in err


def test_cli_as_a_real_process(demo_store: Store, tongban_home: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [SUBSIDY_HEADER, subsidy_row(71)], encoding="gbk")
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "case", "import", str(path), "--item", SUBSIDY, "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "TONGBAN_HOME": str(tongban_home)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["created"] == 1 and result["encoding"] == "gb18030"
    with demo_store.db.read() as session:
        ref = session.scalar(select(CaseFieldValue.value).where(CaseFieldValue.key == BATCH_REF_KEY))
    assert ref == f"{result['sha256']}:2"
