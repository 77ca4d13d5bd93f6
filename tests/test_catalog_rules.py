"""Time-limit rules give the right promised dates; overrides layer; templates render."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from models.catalog import CatalogError, TimeLimitKind, clear_cache, load_catalog
from models.catalog.loader import bundled_dir, catalog_home
from models.catalog.render import MessageData, render_message
from models.deadlines import add_months
from models.enums import StationLevel
from models.workdays import WorkCalendar

V, T, C = StationLevel.VILLAGE, StationLevel.TOWNSHIP, StationLevel.COUNTY


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_HOME", str(tmp_path / "home"))
    clear_cache()


def test_immediate_is_the_same_day() -> None:
    item = load_catalog().get("002036001003")  # 003#766 即时办结
    limit = item.time_limit_for(C)
    assert limit.working_days == 0 and limit.is_immediate
    assert item.promised_date(dt.date(2024, 5, 6), C) == dt.date(2024, 5, 6)


def test_village_gets_two_working_days_over_a_make_up_weekend() -> None:
    # 003#3196 不超过2个工作日(村); 003#3192 即时办结(省、市、县、镇)
    item = load_catalog().get("002036004001")
    assert item.time_limit_for(T).working_days == 0
    assert item.time_limit_for(V).text == "不超过2个工作日(村)"
    # 2024-09-29 (Sunday) was a 调休 working day before 国庆; accepted Friday 09-27
    assert item.promised_date(dt.date(2024, 9, 27), V) == dt.date(2024, 9, 30)


def test_referral_township_waits_two_days() -> None:
    item = load_catalog().get("002036004004")  # 003#4079 不超过2个工作日(镇、村)
    assert item.time_limit_for(T).working_days == 2
    assert item.time_limit_for(C).working_days == 0


def test_thirty_working_days_over_spring_festival() -> None:
    item = load_catalog().get("002036006002")  # 003#4945 不超过30个工作日
    cal = WorkCalendar()
    promised = item.promised_date(dt.date(2024, 2, 1), C, cal)
    assert promised == cal.add_working_days(dt.date(2024, 2, 1), 30)
    assert promised == dt.date(2024, 3, 19)  # 春节 2-10..2-17 off, Sundays 2-4 and 2-18 worked (调休)


def test_condition_picks_the_rule_and_unknown_is_conservative() -> None:
    item = load_catalog().get("002036001002")  # 003#439 在职职工不超过5个工作日；灵活就业人员即时办结
    assert item.time_limit_for(C, {"person_category": "灵活就业人员"}).working_days == 0
    assert item.time_limit_for(C, {"person_category": "在职职工"}).working_days == 5
    assert item.time_limit_for(C).working_days == 5


def test_natural_months_and_local_rule() -> None:
    c = load_catalog()
    limit = c.get("002036009001").time_limit_for(C)  # 003#6987 自然日 不超过3个月
    assert limit.kind is TimeLimitKind.NATURAL_MONTHS and limit.working_days is None
    assert limit.promised_date(dt.date(2023, 11, 30)) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    local = load_catalog(profile="guizhou").get("520000017059").time_limit_for(C)  # 001: no limit for 年审
    assert local.kind is TimeLimitKind.LOCAL_RULE and local.promised_date(dt.date(2024, 1, 2)) is None


def test_every_rule_of_every_item_computes() -> None:
    cal = WorkCalendar()
    for item in load_catalog():
        for level in StationLevel:
            limit = item.time_limit_for(level)
            date = limit.promised_date(dt.date(2024, 6, 3), cal)
            if limit.working_days is not None:
                assert date == cal.add_working_days(dt.date(2024, 6, 3), limit.working_days)


def test_overrides_layer_without_editing_national_data() -> None:
    national = load_catalog().get("002036006001")
    folder = catalog_home() / "overrides"
    folder.mkdir(parents=True)
    shutil.copy(bundled_dir() / "overrides" / "qiannan-duyun.example.yaml", folder / "duyun.yaml")
    clear_cache()
    local = load_catalog().get("002036006001")
    assert national.time_limit_for(C).working_days == 30
    assert local.time_limit_for(C).working_days == 25  # 002#425 25个工作日
    assert local.contact is not None and local.contact.consult_phone == "0854-8192359"
    assert "insured_bank_account" in {m.key for m in local.materials}
    assert local.overrides_applied == ["黔南州都匀市本地配置（示例）"]
    photo = next(m for m in load_catalog().get("002036005001").materials if m.key == "photos_1inch")
    assert photo.photo_required
    assert load_catalog().get("002036001001").contact is not None  # "*" reached every item
    assert "25个工作日" not in (bundled_dir() / "items" / "002036006001.yaml").read_text(encoding="utf-8")


def test_bad_override_is_refused(tmp_path: Path) -> None:
    folder = catalog_home() / "overrides"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text("items:\n  '002036006001':\n    time_limit: []\n", encoding="utf-8")
    clear_cache()
    with pytest.raises(CatalogError) as err:
        load_catalog()
    assert err.value.code == "catalog.bad_override"


def test_unknown_item_raises_user_facing_error() -> None:
    with pytest.raises(CatalogError) as err:
        load_catalog().get("002036999999")
    assert err.value.code == "catalog.unknown_item"


def test_render_message_template() -> None:
    item = load_catalog().get("002036001001")
    data = MessageData(agency="都匀市医疗保障事务中心", name="某某公司", date=dt.date(2024, 3, 5), phone="0854-8198115")
    text = render_message(item.message("办结") or "", data)
    expected = (
        "【都匀市医疗保障事务中心】尊敬的某某公司,您于2024年03月05日已完成单位参保登记。如有疑问，请咨询0854-8198115。"
    )
    assert text == expected
    with pytest.raises(CatalogError) as err:
        render_message(item.message("未办结") or "", data)  # 原因为：*** needs a reason
    assert err.value.code == "catalog.template_value_missing"


def test_every_template_renders_with_full_data() -> None:
    data = MessageData(agency="经办机构", name="张三", date=dt.date(2024, 1, 2), phone="12345", reason="材料不全",
                       validity="一年", amount="10.00", payee="张三", bank="农业", account_tail="0001",
                       institution="某诊所")  # fmt: skip
    for item in load_catalog():
        for m in item.messages:
            assert "*" not in render_message(m.template, data)
