"""The shipped catalog: every national item from the seeds, complete, with the seeds' wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from models.catalog import FieldType, load_catalog
from models.catalog.loader import bundled_dir, compile_source, validate_source
from models.enums import StationLevel

# 004 (平顶山市清单) lists the national codes of 医保发〔2020〕18号; 003's 其他临时外出就医人员备案
# has no code in the seeds and is assigned 002036004005 (code_assigned: true).
NATIONAL_CODES = {
    "002036001001", "002036001002", "002036001003", "002036001004", "002036001005", "002036001006",
    "002036002001", "002036002002", "002036002003", "002036003001", "002036003002",
    "002036004001", "002036004002", "002036004003", "002036004004", "002036004005",
    "002036005001", "002036006001", "002036006002",
    "002036007001", "002036007002", "002036007003", "002036007004", "002036007005",
    "002036008001", "002036008002", "002036009001", "002036009002", "002036010001", "002036010002",
}  # fmt: skip
LOCAL_CODES = {
    "520000017059", "520000017060", "520000017061", "520000017062", "520000016056", "520000016057",
    "520000018063", "520000019065", "520000008019", "520000021033",
}  # fmt: skip
#: 黔南州's own item (002 门诊特殊病缺药外购申请), only in the qiannan profile and below
QIANNAN_CODES = {"522700017001"}


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_HOME", str(tmp_path / "home"))
    from models.catalog import clear_cache

    clear_cache()


def test_every_national_code_present_and_complete() -> None:
    assert set(load_catalog().items) == NATIONAL_CODES  # no station: the national profile
    assert set(load_catalog(profile="pingdingshan").items) == NATIONAL_CODES
    assert set(load_catalog(profile="guizhou").items) == NATIONAL_CODES | LOCAL_CODES
    catalog = load_catalog(profile="qiannan")
    assert set(catalog.items) == NATIONAL_CODES | LOCAL_CODES | QIANNAN_CODES
    for code in NATIONAL_CODES | LOCAL_CODES | QIANNAN_CODES:
        item = catalog.get(code)
        assert item.materials, code
        assert item.fields, code
        assert item.time_limits, code
        assert item.steps, code
        assert len(item.code) == 12


def test_codes_match_004() -> None:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    seed = next(seeds.glob("004_*.txt"), None) if seeds.is_dir() else None
    if seed is None:
        pytest.skip("seed documents not available")
    in_004 = set(re.findall(r"002036\d{6}", seed.read_text(encoding="utf-8"))) - {"002036005000"}
    in_004.discard("002036005002")  # 平顶山市城镇职工重症病鉴定: a Pingdingshan local item
    assert in_004 <= NATIONAL_CODES
    assert NATIONAL_CODES - in_004 == {"002036004005"}
    assert load_catalog().get("002036004005").code_assigned


def test_compiled_json_is_in_sync_with_yaml() -> None:
    """catalog.json is what ships; it must be rebuilt (tongban catalog build) after editing YAML."""
    assert (bundled_dir() / "catalog.json").read_bytes() == compile_source(bundled_dir())


def test_sources_validate_cleanly() -> None:
    manifest, items, problems = validate_source(bundled_dir())
    assert problems == []
    assert manifest is not None and len(items) == 41


def test_labels_and_options_match_seed_text() -> None:
    c = load_catalog()
    # 003 line 803-818: 城乡居民参保登记 受理信息必填项
    assert [f.label for f in c.get("002036001003").fields][:6] == [
        "姓名", "证件类型及号码", "出生日期", "联系电话", "户籍地址", "申请人身份",
    ]  # fmt: skip
    # 003 line 9307-9327 (表11): 险种 and 登记类别 of 异地就医登记备案表
    filing = c.get("002036004001")
    assert filing.field("insurance_scheme").options == ["职工医保", "城乡居民医保"]
    assert filing.field("registration_category").options == ["新增", "变更"]
    # 003 line 8368 (表1): □新参保登记 □暂停登记 □注销登记 口拆分合并分立
    unit = c.get("002036001001")
    assert unit.field("registration_type").options == ["新参保登记", "暂停登记", "注销登记", "拆分合并分立"]
    assert unit.field("insurance_types").type is FieldType.MULTI_ENUM
    # 003 line 8999 (表7): 支取原因
    assert c.get("002036002003").field("withdrawal_reason").options == ["死亡", "出国(境)定居", "主动放弃", "其他"]
    # 003 line 2402-2449: labels of 个人账户一次性支取
    assert "领取人(继承人、代表人)姓名" in [f.label for f in c.get("002036002003").fields]


def test_field_types_cover_the_contract() -> None:
    types = {f.type for item in load_catalog() for f in item.all_fields()}
    needed = {
        FieldType.TEXT, FieldType.ID_NUMBER, FieldType.USCC, FieldType.DATE, FieldType.MONEY, FieldType.ENUM,
        FieldType.REGION_CODE, FieldType.BANK_ACCOUNT, FieldType.PHONE,
    }  # fmt: skip
    assert needed <= types


def test_material_alternatives_conditions_and_deficiency() -> None:
    c = load_catalog()
    idm = c.get("002036004002").materials[0]
    assert idm.name == "医保电子凭证或有效身份证件或社保卡"
    assert idm.alternatives == ["医保电子凭证", "有效身份证件", "社保卡"]
    inpatient = c.get("002036006002")
    accident = next(m for m in inpatient.materials if m.key == "accident_proof")
    assert accident.condition_text == "意外伤害就医的" and accident.deficiency_allowed
    assert inpatient.allows_deficiency
    assert not c.get("002036001003").allows_deficiency
    needed = {m.key for m in inpatient.required_materials({"accidental_injury": True})}
    assert "accident_proof" in needed
    assert "accident_proof" not in {m.key for m in inpatient.required_materials({})}
    assert "proxy_documents" not in {m.key for m in inpatient.required_materials({"by_proxy": True})}  # 003: none
    henan = load_catalog(profile="pingdingshan").get("002036006002")
    assert "proxy_documents" in {m.key for m in henan.required_materials({"by_proxy": True})}  # 004#7
    change = c.get("002036001005")
    assert "key_change_docs" not in {m.key for m in change.required_materials({"key_info_flag": "非关键信息"})}
    assert "key_change_docs" in {m.key for m in change.required_materials({"key_info_flag": "关键信息"})}


def test_levels_from_003_notes() -> None:
    c = load_catalog()
    remote = c.get("002036004001")  # 003#3100 省、市、县、乡镇(街道)级受理权、审批权，村(社区)级受理权
    assert remote.can_accept(StationLevel.VILLAGE) and not remote.can_approve(StationLevel.VILLAGE)
    assert remote.can_approve(StationLevel.TOWNSHIP)
    referral = c.get("002036004004")  # 003#3990 省、市、县级受理权、审批权，乡镇(街道)、村(社区)级受理权
    assert not referral.can_approve(StationLevel.TOWNSHIP)
    assert referral.can_approve(StationLevel.COUNTY)


def test_messages_and_forms() -> None:
    c = load_catalog()
    item = c.get("002036001001")
    assert item.form == "表1"
    expected = "【经办机构落款】尊敬的***,您于****年**月**日已完成单位参保登记。如有疑问，请咨询******(电话)。"
    assert item.message("办结") == expected  # 003#166
    assert c.get("002036004001").form == "表11"
    assert c.get("002036005001").form == "表12"
