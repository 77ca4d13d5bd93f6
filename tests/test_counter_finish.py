"""即办件 at the counter (issue 15 item 3): finished at submit where the station's level may
approve the item, forwarded with the forwarding level's promise where it may not; 容缺 with a
补齐 date in working days (item 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import clock
from models.cases import DEFAULT_DEFICIENCY_DAYS
from models.catalog import load_catalog
from models.deadlines import load_calendar, overdue
from models.demo import demo_id_number
from models.enums import StationLevel
from models.errors import UserFacingError
from models.intake import Identity
from models.intake.service import save_draft, set_material, start_draft
from models.intake.submit import perform, submit
from models.lifecycle import Action
from models.orm import Case, Clerk, Station
from models.store import Store

ID = demo_id_number("19580302", "415")

RESETTLEMENT = "002036004001"  # 异地安置退休人员备案: 003#3100 乡镇 受理权、审批权; 即时办结(省、市、县、镇)
RESIDENT_REGISTRATION = "002036001003"  # 城乡居民参保登记: 即时办结, 受理层级 left to the locality


def _clerk(store: Store, login: str) -> int:
    with store.db.read() as s:
        clerk = s.scalar(select(Clerk).where(Clerk.login == login))
        assert clerk is not None
        return clerk.id


def _set_level(store: Store, level: StationLevel) -> None:
    with store.db.write() as s:
        station = s.scalar(select(Station))
        assert station is not None
        station.level = level


def _resettlement_draft(store: Store, clerk_id: int, *, proof: bool = True) -> str:
    values = {
        "name": "周演示",
        "insurance_scheme": "职工医保",
        "registration_category": "新增",
        "id_type": "身份证",
        "id_number": ID,
        "filing_start_date": (clock.today_local() + dt.timedelta(days=7)).isoformat(),
        "treatment_place": "110105",
        "phone": "13800138000",
        "by_proxy": "否",
    }
    with store.db.write() as s:
        draft = start_draft(s, RESETTLEMENT, Identity(ID, "周演示", identified_by="card"), values, clerk_id)
    with store.db.write() as s:
        save_draft(s, draft.with_values(values))
        set_material(s, draft.case_no, "filing_form", "received")
        if proof:
            set_material(s, draft.case_no, "resettlement_proof", "received")
    return draft.case_no


def test_a_township_finishes_the_immediate_item_it_may_approve(demo_store: Store) -> None:
    shouli = _clerk(demo_store, "shouli")  # 受理员: no 审核 right, yet finishes the 即办件
    case_no = _resettlement_draft(demo_store, shouli)
    with demo_store.db.write() as s:
        result = submit(s, case_no, clerk_id=shouli)
    assert result.finished and result.state == "已办结"
    assert result.time_limit_text == "即时办结"  # not the seed's "即时办结(省、市、县、镇)"
    assert result.promised_date == clock.today_local()
    with demo_store.db.read() as s:
        case = s.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None and case.finished_at is not None
        steps = [(e.action, e.clerk_id) for e in case.events]
        assert steps[-3:] == [("accept", shouli), ("approve", shouli), ("complete", shouli)]


def test_a_village_forwards_with_its_own_limit(demo_store: Store) -> None:
    _set_level(demo_store, StationLevel.VILLAGE)  # 003#3196 不超过2个工作日(村)
    shouli = _clerk(demo_store, "shouli")
    case_no = _resettlement_draft(demo_store, shouli)
    with demo_store.db.write() as s:
        result = submit(s, case_no, clerk_id=shouli)
        calendar = load_calendar(s)
    assert result.forwarded and result.forwarded_to == "乡镇"
    assert result.time_limit_text == "不超过2个工作日"
    assert result.promised_date == calendar.add_working_days(clock.today_local(), 2)


def test_a_forwarded_immediate_item_promises_no_date_and_is_never_overdue(demo_store: Store) -> None:
    shouli = _clerk(demo_store, "shouli")
    values = {
        "name": "孙演示",
        "id_type": "身份证",
        "id_number": ID,
        "birth_date": "1958-03-02",
        "phone": "13800138000",
        "household_address": "都匀",
        "applicant_identity": "无业成年人",
        "by_proxy": "否",
    }
    with demo_store.db.write() as s:
        draft = start_draft(s, RESIDENT_REGISTRATION, Identity(ID, "孙演示", identified_by="card"), values, shouli)
    with demo_store.db.write() as s:
        save_draft(s, draft.with_values(values))
        for key in ("id_document", "registration_form"):
            set_material(s, draft.case_no, key, "received")
        result = submit(s, draft.case_no, clerk_id=shouli)
    assert result.forwarded and result.promised_date is None
    assert result.time_limit_text == "由上级经办机构办理"
    assert "即时办结" not in result.time_limit_text
    with demo_store.db.read() as s:
        tomorrow = clock.today_local() + dt.timedelta(days=1)
        assert draft.case_no not in {c.case_no for c in overdue(s, tomorrow)}


def test_a_role_without_intake_rights_cannot_finish(demo_store: Store) -> None:
    tongbu = _clerk(demo_store, "tongbu")  # 同步员
    shouli = _clerk(demo_store, "shouli")
    case_no = _resettlement_draft(demo_store, shouli)
    with pytest.raises(UserFacingError) as err, demo_store.db.write() as s:
        submit(s, case_no, clerk_id=tongbu)
    assert err.value.code == "auth.forbidden"


def test_deficiency_gives_a_working_day_date_and_the_item_finishes_when_it_arrives(demo_store: Store) -> None:
    shouli = _clerk(demo_store, "shouli")
    case_no = _resettlement_draft(demo_store, shouli, proof=False)
    with demo_store.db.write() as s:
        result = submit(s, case_no, clerk_id=shouli, deficiency=True, deficiency_days=3)
        calendar = load_calendar(s)
    due = calendar.add_working_days(clock.today_local(), 3)
    assert result.state == "已受理" and result.deficiency and result.deficiency_due == due
    assert result.promised_date == due  # not "today", overdue tomorrow
    with demo_store.db.write() as s:
        set_material(s, case_no, "resettlement_proof", "received")
        state = perform(s, case_no, Action.SUPPLY_DEFICIENCY, clerk_id=shouli)
    assert state == "已办结"
    assert DEFAULT_DEFICIENCY_DAYS == 5


def test_missing_materials_can_be_refused_instead_of_returned(demo_store: Store) -> None:
    shouli = _clerk(demo_store, "shouli")
    case_no = _resettlement_draft(demo_store, shouli, proof=False)
    with pytest.raises(UserFacingError) as err, demo_store.db.write() as s:
        submit(s, case_no, clerk_id=shouli, supplement_if_missing=False)
    assert err.value.code == "case.materials_missing"
    with demo_store.db.read() as s:
        case = s.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None and case.state.value == "草稿"  # nothing happened silently


def test_catalog_texts_are_resolved_for_the_level() -> None:
    item = load_catalog().get(RESETTLEMENT)
    assert item.counter_limit(StationLevel.TOWNSHIP).text == "即时办结"
    assert item.counter_limit(StationLevel.VILLAGE).text == "不超过2个工作日"
    assert item.finishes_at_counter(StationLevel.TOWNSHIP)
    assert not item.finishes_at_counter(StationLevel.VILLAGE)


def test_the_receipt_says_local_times_how_the_person_was_identified_and_who_reprinted(demo_store: Store) -> None:
    from desktop.intake.documents import render_job
    from tests.test_print_documents import pdf_text

    shouli, dayin = _clerk(demo_store, "shouli"), _clerk(demo_store, "dayin")
    case_no = _resettlement_draft(demo_store, shouli)
    with demo_store.db.write() as s:
        submit(s, case_no, clerk_id=shouli)
    with demo_store.db.read() as s:
        case = s.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None and case.accepted_at is not None and case.finished_at is not None
        accepted = clock.to_local(case.accepted_at)
        finished = clock.to_local(case.finished_at)
    first = pdf_text(render_job(demo_store.db, case_no, clerk_id=shouli).pdf)
    assert accepted.strftime("%Y年%m月%d日 %H:%M") in first  # the counter's clock, not UTC
    assert finished.strftime("已于%Y年%m月%d日 %H:%M当场办结") in first
    assert "即时办结(" not in first and "（即时办结）" not in first.replace("当场办结", "")
    assert "社保卡，读取社保卡" in first  # the identity material says how the person was identified
    assert "经办人：演示受理员" in first
    again = pdf_text(render_job(demo_store.db, case_no, reprint_reason="申请人遗失", clerk_id=dayin).pdf)
    assert "经办人：演示受理员" in again and "演示打印员" not in again.split("补打人员")[1][6:]  # original 经办人
    assert "补打人员：演示打印员" in again and "申请人遗失" in again


def test_a_registration_finished_at_a_county_counter_gets_its_completion_notice(demo_store: Store) -> None:
    from desktop.case_printing import plan
    from models.case_lookup import find_case, material_entries
    from models.catalog.for_case import item_for
    from printing import render
    from printing.from_case import ADAPTERS, CaseBundle
    from tests.test_print_documents import pdf_text

    _set_level(demo_store, StationLevel.COUNTY)
    shouli = _clerk(demo_store, "shouli")
    values = {"name": "孙演示", "id_type": "身份证", "id_number": ID, "birth_date": "1958-03-02",
              "phone": "13800138000", "household_address": "都匀", "applicant_identity": "无业成年人", "by_proxy": "否"}
    with demo_store.db.write() as s:
        draft = start_draft(s, RESIDENT_REGISTRATION, Identity(ID, "孙演示", identified_by="card"), values, shouli)
    with demo_store.db.write() as s:
        save_draft(s, draft.with_values(values))
        for key in ("id_document", "registration_form"):
            set_material(s, draft.case_no, key, "received")
        result = submit(s, draft.case_no, clerk_id=shouli)
    assert result.finished
    _, docs, before = plan(demo_store.db, draft.case_no)
    assert [d.kind for d in docs] == ["receipt", "registration", "completion"] and not before
    with demo_store.db.read() as s:
        case = find_case(s, draft.case_no)
        bundle = CaseBundle(case, material_entries(s, case), item_for(case), clock.today_local())
        text = pdf_text(render("completion", ADAPTERS["completion"](bundle)))
    accepted_day = clock.today_local()
    # 003's 办结 template for the item, filled in: no placeholder left.
    assert f"【演示镇医保服务站】尊敬的孙演示,您于{accepted_day:%Y年%m月%d日}已完成城乡居民参保登记" in text
    assert "***" not in text.split("）：", 1)[1] and "经办机构落款" not in text and "经办人：演示受理员" in text


def test_the_seeds_place_placeholder_is_the_stations_place() -> None:
    from models.catalog.local_text import localise

    # 001#1560 提供《XX城乡医疗救助申请表》: each county prints its own form.
    assert localise("《XX城乡医疗救助申请表》", "522701100") == "《都匀市城乡医疗救助申请表》"
    # 001#846 《XX 市/州基本医疗保险城乡居民参保信息变更登记表》: the prefecture's form.
    assert localise("《XX 市/州基本医疗保险城乡居民参保信息变更登记表》", "522701") == (
        "《黔南布依族苗族自治州基本医疗保险城乡居民参保信息变更登记表》"
    )
    assert localise("《XX城乡医疗救助申请表》", "") == "《城乡医疗救助申请表》"  # unknown place: no "XX" shown


def test_the_document_set_follows_the_state_and_the_item() -> None:
    from models.lifecycle import CaseState
    from models.print_set import document_set

    def kinds(state: CaseState, code: str, forms: tuple[str, ...] = (), owes: bool = False) -> list[str]:
        return [d.kind for d in document_set(state, code, forms, owes_materials=owes)]

    assert kinds(CaseState.DRAFT, "002036001003", ("表3",)) == []
    assert kinds(CaseState.SUPPLEMENT, "002036001003", ("表3",)) == ["missing-notice"]
    assert kinds(CaseState.REFUSED, "002036001003", ("表3",)) == ["refusal"]
    assert kinds(CaseState.FORWARDED, "002036001003", ("表3",)) == ["receipt", "registration"]
    assert kinds(CaseState.ACCEPTED, "002036004001", ("表11", "表18"), owes=True) == [
        "receipt",
        "missing-notice",  # 容缺: what is owed, in writing
        "filing",
    ]
    # Finished: the result document the seeds name (表8 参保凭证; 002#161 参保缴费证明).
    assert kinds(CaseState.COMPLETED, "002036003001", ("表8",)) == ["receipt", "certificate"]
    assert kinds(CaseState.COMPLETED, "002036002002") == ["receipt", "contribution-proof"]
    assert kinds(CaseState.COMPLETED, "002036004001", ("表11",)) == ["receipt", "filing", "completion"]
