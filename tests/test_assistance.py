"""城乡医疗救助 amounts on worked examples computed by hand (policy numbers are test data)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from models.assistance import (
    AssistancePolicy,
    CategoryRule,
    MedicalBill,
    YearToDate,
    compute_assistance,
    load_policy,
    policy_from_mapping,
)
from models.errors import UserFacingError, ValidationError

POLICY = AssistancePolicy(
    county="999999",
    name="测试县",
    year=2024,
    example=True,
    source="test",
    categories={
        "特困供养人员": CategoryRule("特困供养人员", D("1.00"), D("0"), D("60000"), ("特困",)),
        "低保": CategoryRule("低保", D("0.70"), D("1000"), D("50000")),
        "重度残疾人": CategoryRule("重度残疾人", D("0.65"), D("2000"), D("40000"), ("重残",)),
    },
)
# 医疗总费用 30000, 合规 25000, 医保报销 15000, 大病保险 2000 → 个人合规自付 8000.
BILL = MedicalBill(D("30000"), D("25000"), D("15000"), D("2000"))


def test_dibao_pays_seventy_percent_above_the_deductible() -> None:
    r = compute_assistance(POLICY, "低保", BILL)
    # (8000 - 1000) × 0.70 = 4900.00
    assert r.self_pay == D("8000")
    assert r.deductible_applied == D("1000")
    assert r.amount == D("4900.00")
    assert not r.capped
    assert r.year_count_after == 1 and r.year_amount_after == D("4900.00")


def test_tekun_alias_pays_everything_without_deductible() -> None:
    r = compute_assistance(POLICY, "特困", BILL)
    assert r.category == "特困供养人员"
    assert r.amount == D("8000.00")


def test_annual_cap_limits_the_amount() -> None:
    # 低保 cap 50000, already 47000 this year: 4900 computed, 3000 left.
    r = compute_assistance(POLICY, "低保", BILL, YearToDate(count=3, amount=D("47000"), deductible_used=D("1000")))
    assert r.computed == D("5600.00")  # deductible already used: 8000 × 0.70
    assert r.amount == D("3000")
    assert r.capped


def test_deductible_partly_used_earlier_in_the_year() -> None:
    # 600 of the 1000 deductible used: 400 left; (8000 - 400) × 0.70 = 5320.00
    r = compute_assistance(POLICY, "低保", BILL, YearToDate(count=0, deductible_used=D("600")))
    assert r.deductible_applied == D("400")
    assert r.amount == D("5320.00")


def test_self_pay_below_deductible_gives_nothing() -> None:
    small = MedicalBill(D("2000"), D("1800"), D("1000"), D("0"))  # self-pay 800 < 2000
    r = compute_assistance(POLICY, "重残", small)
    assert r.amount == D("0.00")
    assert r.year_count_after == 0


def test_rounding_half_up_to_the_fen() -> None:
    # self-pay 3234.57 - 2000 = 1234.57; × 0.65 = 802.4705 → 802.47
    bill = MedicalBill(D("5000"), D("4234.57"), D("1000"), D("0"))
    assert compute_assistance(POLICY, "重度残疾人", bill).amount == D("802.47")
    # 1234.57 × 0.70 after 低保's 1000 deductible: (3234.57-1000) = 2234.57 × 0.7 = 1564.199 → 1564.20
    assert compute_assistance(POLICY, "低保", bill).amount == D("1564.20")


def test_inconsistent_bills_and_unknown_categories_are_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        compute_assistance(POLICY, "低保", MedicalBill(D("100"), D("200"), D("0"), D("0")))
    assert exc.value.code == "assistance.compliant_over_total"
    with pytest.raises(ValidationError) as exc:
        compute_assistance(POLICY, "低保", MedicalBill(D("300"), D("200"), D("150"), D("100")))
    assert exc.value.code == "assistance.reimbursed_over_compliant"
    with pytest.raises(UserFacingError) as exc2:
        compute_assistance(POLICY, "无此类别", BILL)
    assert exc2.value.code == "assistance.unknown_category"


def test_shipped_demo_county_policy_loads_and_is_marked_example() -> None:
    policy = load_policy("522701100")
    assert policy.county == "522701"
    assert policy.example is True
    for wanted in ("特困", "低保", "重度残疾人"):
        assert policy.rule(wanted).ratio <= 1


def test_policy_files_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        policy_from_mapping(
            {
                "county": "1",
                "name": "x",
                "year": 2024,
                "categories": {"低保": {"ratio": "1.5", "deductible": "0", "annual_cap": "1"}},
            }
        )
    with pytest.raises(UserFacingError) as exc:
        load_policy("000000", tmp_path)
    assert exc.value.code == "assistance.no_policy"


def test_rmb_capitals() -> None:
    from printing.amounts import rmb_upper

    assert rmb_upper(D("4900")) == "肆仟玖佰元整"
    assert rmb_upper(D("1004.05")) == "壹仟零肆元零伍分"
    assert rmb_upper(D("100010")) == "壹拾万零壹拾元整"
    assert rmb_upper(D("3050.70")) == "叁仟零伍拾元柒角整"
    assert rmb_upper(D("0")) == "零元整"
    with pytest.raises(ValueError):
        rmb_upper(D("-1"))
