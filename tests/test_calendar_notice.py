"""Issue 18 part 2: deadlines that reach a year without holiday data are provisional (如遇法定节假日
顺延) until the year's schedule arrives, from ``tongban calendar import`` or from a real hub on
loopback; then they are exact, the receipt's date is kept and the later date binds.

The 2027 schedules below are TEST DATA written for these tests, not the State Council's notice
(the seeds and DOMAIN-NOTES.md do not hold the 2027 notice; nothing here ships as data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import chinese_calendar
import pytest
from sqlalchemy import select

from models.audit import verify as verify_audit
from models.catalog import load_catalog
from models.deadlines import PROVISIONAL_NOTE, deadline_text, load_calendar
from models.demo import accept_sample_case
from models.errors import ValidationError
from models.holiday_notice import import_notice, parse_notice, recount_provisional
from models.orm import AuditEntry, Case, CaseEvent, SyncOutbox
from models.store import Store
from models.workdays import WorkCalendar, library_last_year
from sync import protocol as p
from sync.engine import SyncOptions
from sync.runner import enroll_station, http_client, make_engine
from tests.cli_helpers import tongban
from tests.sync_helpers import LoopbackHub, loopback_hub

D = dt.date
#: 转移接续手续办理: 20 working days at the demo station (黔南 profile, 002#257)
ITEM = "002036003002"
#: Monday 21 Dec 2026, 10:00 China time (02:00 UTC)
ACCEPTED = dt.datetime(2026, 12, 21, 2, 0, tzinfo=dt.UTC)
#: 20 working days by the weekend rule: 22-25 Dec (4), 28-31 Dec (8), Fri 1 Jan (9), 4-8 Jan (14),
#: 11-15 Jan (19), Mon 18 Jan
WEEKEND_RULE_DATE = D(2027, 1, 18)
#: TEST DATA: New Year's Day 2027 off (a Friday) moves the 20th working day to Tue 19 Jan
TEST_2027_NEW_YEAR = "# test data, not the State Council's notice\n2027-01-01,休,元旦\n"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


def _accept(store: Store) -> str:
    with store.db.write() as session:
        case = accept_sample_case(session, load_catalog(), ITEM, [], now=ACCEPTED)
        return case.case_no


def _case(store: Store, case_no: str) -> Case:
    with store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None
        session.expunge(case)
        return case


def _code(data: str) -> str:
    with pytest.raises(ValidationError) as err:
        parse_notice(data.encode())
    return err.value.code


def test_the_installed_library_stops_at_2026_and_2027_falls_back_to_the_weekend_rule() -> None:
    assert library_last_year() == max(chinese_calendar.holidays).year == 2026  # chinesecalendar 1.11.0
    cal = WorkCalendar()
    assert not cal.knows_year(2027)
    assert cal.add_working_days(ACCEPTED.date(), 20) == WEEKEND_RULE_DATE
    assert cal.unknown_years(ACCEPTED.date(), WEEKEND_RULE_DATE) == [2027]
    assert cal.unknown_years(D(2026, 11, 2), D(2026, 11, 20)) == []


def test_the_file_is_validated_line_by_line() -> None:
    ok = parse_notice("2027-01-01,休\n\n# comment\n2027-02-20,班,春节调休\n".encode())
    assert (ok.year, ok.days_off, ok.makeup_days) == (2027, 1, 1)
    assert ok.days[1].note == "春节调休"
    assert _code("2027-01-01,休\n2028-01-01,休\n") == "calendar.wrong_year"
    assert _code("2027-01-01,休\n2027-01-01,休\n") == "calendar.duplicate_day"
    assert _code("2027-01-01,休\n2027-01-01,班\n") == "calendar.conflict"
    assert _code("2027-01-01,休\n2027-01-04,班\n") == "calendar.makeup_not_weekend"  # a Monday
    assert _code("2027-01-01 休\n") == "calendar.bad_line"
    assert _code("2027-13-01,休\n") == "calendar.bad_date"
    assert _code("2027-02-20,班\n") == "calendar.no_days_off"
    with pytest.raises(ValidationError) as err:
        parse_notice(b"2027-01-01,\xe4\xbc\x91\n", year=2028)
    assert err.value.code == "calendar.wrong_year" and err.value.params["line"] == 1


def test_a_deadline_over_new_year_2027_is_provisional_until_the_cli_imports_2027(
    demo_store: Store, tongban_home: Path, tmp_path: Path
) -> None:
    case_no = _accept(demo_store)
    case = _case(demo_store, case_no)
    assert case.deadline_provisional and case.promised_date == case.promised_date_given == WEEKEND_RULE_DATE
    assert case.promised_date_exact is None
    assert PROVISIONAL_NOTE == "如遇法定节假日顺延"
    with demo_store.db.read() as session:
        held = session.get(Case, case.id)
        assert held is not None  # the desk's column says so too
        assert deadline_text(held, D(2026, 12, 22), load_calendar(session)) == "剩19个工作日（暂定）"

    shown = tongban("calendar", "show", "2027", home=tongban_home)
    assert shown.returncode == 0 and "无节假日数据" in shown.stdout and "暂定的办件：1 件" in shown.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text("2027-01-01,休\n2027-01-01,班\n", encoding="utf-8")
    refused = tongban("calendar", "import", str(bad), home=tongban_home)
    assert refused.returncode == 1 and "矛盾" in refused.stderr and "Traceback" not in refused.stderr
    assert _case(demo_store, case_no).deadline_provisional  # nothing stored

    notice = tmp_path / "2027.csv"
    notice.write_text(TEST_2027_NEW_YEAR, encoding="utf-8")
    done = tongban("calendar", "import", str(notice), home=tongban_home)
    assert done.returncode == 0, done.stderr
    assert "放假 1 天" in done.stdout and "重算 1 件" in done.stdout

    case = _case(demo_store, case_no)
    assert not case.deadline_provisional
    assert case.promised_date_given == WEEKEND_RULE_DATE  # the receipt's date is kept
    assert case.promised_date_exact == D(2027, 1, 19)
    assert case.promised_date == D(2027, 1, 19)  # the later one binds
    with demo_store.db.read() as session:
        event = session.scalar(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc()).limit(1)
        )
        assert event is not None and event.action == "deadline_recount" and "2027-01-18" in (event.reason or "")
        pending = select(SyncOutbox).where(SyncOutbox.case_uuid == case.uuid, SyncOutbox.status == "pending")
        assert session.scalar(pending) is not None
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-2:] == ["case.deadline_recount", "calendar.import"]
        assert verify_audit(session).ok
        cal = load_calendar(session)
        assert cal.knows_year(2027) and not cal.uncertain_between(ACCEPTED.date(), D(2027, 1, 19))
        held = session.get(Case, case.id)
        assert held is not None and deadline_text(held, D(2026, 12, 22), cal) == "剩19个工作日"

    shown = tongban("calendar", "show", "2027", "--json", home=tongban_home)
    assert '"source": "notice"' in shown.stdout and '"date": "2027-01-01"' in shown.stdout
    # The same file again changes nothing; another schedule for the year needs --replace.
    assert tongban("calendar", "import", str(notice), home=tongban_home).returncode == 0
    other = tmp_path / "other.csv"
    other.write_text("2027-01-01,休\n2027-10-01,休\n", encoding="utf-8")
    again = tongban("calendar", "import", str(other), home=tongban_home)
    assert again.returncode == 1 and "--replace" in again.stderr
    assert tongban("calendar", "import", str(other), "--replace", home=tongban_home).returncode == 0
    # A year the library knows is not imported over it.
    old = tmp_path / "2026.csv"
    old.write_text("2026-05-06,休\n", encoding="utf-8")
    assert "程序内置节假日库" in tongban("calendar", "import", str(old), home=tongban_home).stderr


def test_an_earlier_recount_does_not_shorten_the_receipts_date(demo_store: Store) -> None:
    case_no = _accept(demo_store)
    # TEST DATA: a make-up Saturday on 9 Jan and no day off before it brings the count's end
    # forward from Mon 18 Jan to Fri 15 Jan.
    notice = parse_notice("2027-01-09,班\n2027-10-01,休\n".encode())
    with demo_store.db.write() as session:
        result = import_notice(session, notice, None)
    assert result.recounted == [case_no]
    case = _case(demo_store, case_no)
    assert case.promised_date_exact == D(2027, 1, 15)
    assert case.promised_date == case.promised_date_given == WEEKEND_RULE_DATE
    with demo_store.db.write() as session:
        assert recount_provisional(session) == []  # counted once


def test_the_schedule_from_the_hub_makes_the_deadline_exact(demo_store: Store, hub: LoopbackHub) -> None:
    case_no = _accept(demo_store)
    assert enroll_station(demo_store, hub.url).status == "approved"

    def run() -> None:
        with http_client(hub.url) as http:
            engine = make_engine(demo_store, http, SyncOptions(), retries=1, backoff_s=0.0)
            engine.client.sleep = lambda _s: None
            engine.run()

    run()
    assert _case(demo_store, case_no).deadline_provisional  # the hub has no 2027 yet
    # TEST DATA through the hub's existing admin endpoint (POST /admin/holidays).
    hub.admin("POST", "/admin/holidays", json=[{"day": "2027-01-01", "is_workday": False, "note": "元旦"}])
    run()
    case = _case(demo_store, case_no)
    assert not case.deadline_provisional
    assert (case.promised_date_given, case.promised_date_exact, case.promised_date) == (
        WEEKEND_RULE_DATE,
        D(2027, 1, 19),
        D(2027, 1, 19),
    )
    run()  # the recount went up with the case: the hub holds the binding date
    from hub.db import HubCase

    with hub.hub.db.read() as session:
        row = session.scalar(select(HubCase).where(HubCase.case_no == case_no))
        assert row is not None
        record = p.CaseRecord.model_validate_json(row.payload)
    assert record.promised_date == D(2027, 1, 19)
    assert [e.action for e in record.events][-1] == "deadline_recount"
