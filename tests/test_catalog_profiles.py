"""Rule profiles chosen by the station's 行政区划代码 (issue 18 §1): 委托 materials, local time
limits, the levels 002 states, Guizhou's own items taken in, printed and synced, cases pinned."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli.main import main
from models.case_lookup import material_entries
from models.catalog import clear_cache, load_catalog
from models.catalog.for_case import item_for
from models.catalog.loader import station_profile
from models.demo import demo_id_number
from models.enums import StationLevel
from models.intake import Identity, form_rows, resolve_checklist
from models.orm import Case, Station
from models.station_setup import current_station
from models.store import Store
from models.workdays import WorkCalendar
from tests.sync_helpers import LoopbackHub, loopback_hub
from tests.test_print_documents import pdf_text

ID = demo_id_number("19800101", "333")
#: Guizhou's counter items added for issue 18 (000/001), and 黔南州's own (002)
ADDED_GUIZHOU = ("520000018063", "520000019065", "520000008019", "520000021033")
ADDED_QIANNAN = ("522700017001",)


def _set_region(store: Store, admdvs: str) -> None:
    """Move the demo station to another place (its 行政区划代码 selects the rule profile)."""
    with store.db.write() as session:
        station = session.scalar(select(Station))
        assert station is not None
        station.admdvs = admdvs
    clear_cache()


def _take_in(store: Store, code: str, values: dict[str, str] | None = None) -> str:
    """Open a draft for ``code`` at the station, fill every required field, receive every needed
    material, submit. Returns the case number."""
    from models.intake.service import save_draft, set_material, start_draft
    from models.intake.submit import submit

    with store.db.write() as s:
        draft = start_draft(s, code, Identity(ID, "贵演示"), {"name": "贵演示"})
    with store.db.read() as s:
        case = s.scalar(select(Case).where(Case.case_no == draft.case_no))
        assert case is not None
        item = item_for(case)
    filled = {row.key: _sample(row) for row in form_rows(item) if row.required}
    filled.update(values or {})
    with store.db.write() as s:
        save_draft(s, draft.with_values(filled))
        for line in resolve_checklist(item, filled):
            if line.needed:
                set_material(s, draft.case_no, line.key, "received")
        result = submit(s, draft.case_no)
    assert result.accepted, (code, result)
    return draft.case_no


def _sample(row: object) -> str:
    kind = str(getattr(row, "type", ""))
    options = list(getattr(row, "options", []) or [])
    if options:
        return str(options[0])
    return {
        "id_number": ID,
        "document_number": ID,
        "phone": "13800138000",
        "date": "2024-03-01",
        "region_code": "522701",
        "boolean": "否",
        "money": "100.00",
        "integer": "1",
        "number": "1",
        "postal_code": "558000",
        "bank_account": "6222020200012345678",
    }.get(kind, "测试")


# -- profile selection and the rules that differ -------------------------------------------------


def test_region_selects_the_profile() -> None:
    assert station_profile("522701100") == "duyun"  # 都匀市: 黔南州 layer + 都匀 windows
    assert station_profile("522722") == "qiannan"  # 荔波县: 黔南州
    assert station_profile("520102") == "guizhou"  # 贵阳市南明区
    assert station_profile("410402") == "pingdingshan"  # 平顶山市新华区
    assert station_profile("410102") == "national"  # 郑州: Henan, but not 平顶山
    assert station_profile(None) == "national"
    assert load_catalog(profile="duyun").profile_chain == ("national", "guizhou", "qiannan", "duyun")


def test_guizhou_and_henan_stations_get_different_proxy_materials(demo_store: Store) -> None:
    """The same item (异地安置退休人员备案), 委托办理 = 是: 001's 代办人 materials in Guizhou,
    004's 委托书 in 平顶山; the case's checklist follows its station."""
    names = {}
    for admdvs in ("520102", "410402"):
        _set_region(demo_store, admdvs)
        from models.intake.service import start_draft

        with demo_store.db.write() as s:
            draft = start_draft(s, "002036004001", Identity(ID, "贵演示"), {"by_proxy": "是"})
            case = s.scalar(select(Case).where(Case.case_no == draft.case_no))
            assert case is not None
            names[admdvs] = {e.name for e in material_entries(s, case)}
            assert case.catalog_profile == station_profile(admdvs)
    guizhou, henan = names["520102"], names["410402"]
    assert "代办人身份证原件和办理人员医保电子凭证或有效身份证件复印件或社保卡复印件" in guizhou  # 001#1207
    assert "委托人及代理人身份证件原件及委托人授权委托书" in henan  # 004#7
    assert "委托人及代理人身份证件原件及委托人授权委托书" not in guizhou
    assert not any(n.startswith("代办人身份证原件") for n in henan)
    # 003 names no 委托 material: a national station asks none.
    national = load_catalog(profile="national").get("002036004001")
    assert not [m for m in national.required_materials({"by_proxy": True}) if m.condition is not None]


def test_transfer_certificate_is_pingdingshan_only() -> None:
    """004 asks the applicant for the 《参保凭证》 in 转移接续; 003 and 002 do not."""
    keys = {
        p: {m.key for m in load_catalog(profile=p).get("002036003002").materials}
        for p in ("national", "qiannan", "pingdingshan")
    }
    assert "insurance_certificate" in keys["pingdingshan"]
    assert "insurance_certificate" not in keys["national"] | keys["qiannan"]


def test_qiannan_station_promises_20_working_days_for_transfer(demo_store: Store) -> None:
    """002#231/#257: 20个工作日 (003: 不超过15个工作日). The case's promised date counts 20."""
    case_no = _take_in(demo_store, "002036003002")
    with demo_store.db.read() as s:
        case = s.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None and case.catalog_profile == "duyun"
        accepted = case.accepted_at
        promised, days = case.promised_date, case.time_limit_days
    assert days == 20
    assert accepted is not None
    from models.clock import local_date

    assert promised == WorkCalendar().add_working_days(local_date(accepted), 20)
    assert load_catalog(profile="national").get("002036003002").time_limit_for(StationLevel.COUNTY).working_days == 15


@pytest.mark.parametrize(
    ("code", "days", "line"),
    [
        ("002036001001", 0, "002#22"),
        ("002036001002", 0, "002#43"),
        ("002036007001", 20, "002#477"),
        ("002036007002", 20, "002#501"),
        ("002036007003", 20, "002#527"),
        ("002036006001", 25, "002#425"),
        ("002036010001", 25, "002#652"),
        ("002036010002", 25, "002#679"),
    ],
)
def test_qiannan_time_limits_cite_002(code: str, days: int, line: str) -> None:
    limit = load_catalog(profile="qiannan").get(code).time_limit_for(StationLevel.COUNTY)
    assert limit.working_days == days and limit.source.startswith(line + " ")


def test_levels_002_states_reach_the_counter() -> None:
    """002#54: 灵活就业人员参保登记 is handled at the 办事处 window, a 即办件 in 黔南 (002#62): a
    township finishes it at the counter; nationally (003 口, the catalog default) it forwards."""
    values = {"person_category": "灵活就业人员"}
    qiannan = load_catalog(profile="qiannan").get("002036001002")
    national = load_catalog(profile="national").get("002036001002")
    assert qiannan.finishes_at_counter(StationLevel.TOWNSHIP, values)
    assert not national.finishes_at_counter(StationLevel.TOWNSHIP, values)
    assert qiannan.levels.source.startswith("002#54 ")
    # 002#412: 门诊费用报销 taken in at the township, approved by the agency.
    outpatient = load_catalog(profile="qiannan").get("002036006001")
    assert outpatient.can_accept(StationLevel.TOWNSHIP) and not outpatient.can_approve(StationLevel.TOWNSHIP)
    assert not outpatient.levels.decided_locally


def test_open_case_keeps_the_profile_it_was_taken_in_under(demo_store: Store) -> None:
    from models.intake.service import start_draft

    with demo_store.db.write() as s:
        draft = start_draft(s, "002036003002", Identity(ID, "贵演示"), {})
    _set_region(demo_store, "410402")  # the station moves to 平顶山's rules
    with demo_store.db.read() as s:
        current_station(s)  # as the app reads its station at start-up
        case = s.scalar(select(Case).where(Case.case_no == draft.case_no))
        assert case is not None
        item = item_for(case)
    assert case.catalog_profile == "duyun"
    assert item.time_limit_for(StationLevel.COUNTY).working_days == 20
    assert "insurance_certificate" not in {m.key for m in item.materials}
    assert load_catalog().profile == "pingdingshan"  # new cases get the new rules


def test_guizhou_items_only_for_guizhou() -> None:
    assert "520000018063" not in load_catalog(profile="national")
    assert "520000018063" not in load_catalog(profile="pingdingshan")
    assert "520000018063" in load_catalog(profile="guizhou")
    assert "522700017001" not in load_catalog(profile="guizhou")
    assert "522700017001" in load_catalog(profile="qiannan")
    assert load_catalog(profile="qiannan").get("522700017001").time_limit_for(StationLevel.COUNTY).is_immediate


# -- catalog show ----------------------------------------------------------------------------


def test_catalog_show_applies_the_station_profile(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "show", "002036003002"]) == 0
    out = capsys.readouterr().out
    assert "规则配置：贵州省黔南州都匀市" in out and "national → guizhou → qiannan → duyun" in out
    assert "办理时限：20个工作日〔002#257 20个工作日〕" in out
    assert "本服务点（乡镇级：受理后转报县级审核办结；本级承诺：20个工作日）" in out
    assert "《参保凭证》" not in out.split("受理材料：")[1]
    assert main(["catalog", "show", "002036003002", "--profile", "national"]) == 0
    out = capsys.readouterr().out
    assert "规则配置：全国" in out and "办理时限：不超过15个工作日〔003#2894" in out
    assert main(["catalog", "show", "002036003002", "--profile", "pingdingshan", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["profile"]["id"] == "pingdingshan"
    assert {"insurance_certificate", "proxy_documents"} <= {m["key"] for m in shown["materials"]}
    assert main(["catalog", "show", "002036001002", "--level", "乡镇"]) == 0
    out = capsys.readouterr().out
    assert "层级依据：002#54" in out and "乡镇级：受理、审核" in out
    assert main(["catalog", "show", "520000021033"]) == 0
    assert "待县级补充：所需材料" in capsys.readouterr().out
    assert main(["catalog", "show", "002036003002", "--profile", "nowhere"]) == 1
    assert "没有规则配置“nowhere”" in capsys.readouterr().err


# -- the added items: intake, receipt, sync ------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


def test_added_items_take_in_print_and_sync(
    demo_store: Store, hub: LoopbackHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sync.engine import SyncOptions
    from sync.runner import enroll_station, http_client, make_engine

    cases = {code: _take_in(demo_store, code) for code in ADDED_GUIZHOU + ADDED_QIANNAN}
    catalog = load_catalog()
    for code, case_no in cases.items():
        out = tmp_path / f"{code}.pdf"
        assert main(["print", "receipt", case_no, "--out", str(out)]) == 0, capsys.readouterr().err
        text = pdf_text(out.read_bytes())
        assert case_no in text and catalog.get(code).name in text
    assert enroll_station(demo_store, hub.url).status == "approved"
    with http_client(hub.url) as http:
        report = make_engine(demo_store, http, SyncOptions()).run()
    assert report.complete and report.rejected == 0
    held = {c["uuid"]: c for c in hub.admin("GET", "/admin/cases")}
    with demo_store.db.read() as s:
        uuids = {c.case_no: c.uuid for c in s.scalars(select(Case).where(Case.case_no.in_(cases.values())))}
    for code, case_no in cases.items():
        assert held[uuids[case_no]]["item_code"] == code


def test_added_item_materials_and_county_marks() -> None:
    c = load_catalog(profile="qiannan")
    drug = c.get("520000018063")
    assert [m.name for m in drug.required_materials({})] == ["《贵州省医疗保险特殊药品用药资格申请表》"]
    assert drug.time_limit_for(StationLevel.COUNTY).promised_date(dt.date(2024, 3, 1)) is None  # 按统筹地区规定
    assert "办理时限（001未规定）" in drug.county_to_fill
    lump = c.get("520000008019")
    assert "retirement_approval" in {m.key for m in lump.required_materials({"pension_paid": "是"})}
    assert "retirement_approval" not in {m.key for m in lump.required_materials({"pension_paid": "否"})}
    assert c.get("520000019065").materials[0].name == "《贵州省城乡居民门诊(住院)重大疾病定点救治确诊单》"
    assert c.get("522700017001").contact is None  # 都匀's windows come with the duyun layer only
    assert load_catalog(profile="duyun").get("522700017001").contact is not None
