"""城乡医疗救助: the assistance amount for one bill, from a county's policy parameters.

The seeds (001 城乡医疗救助业务操作指南, 附件1/2) fix the inputs and the rule — the
compliant out-of-pocket part (合规个人自付 = 合规医疗费用 − 医保报销 − 大病保险报销) is
assisted at the category's ratio (``按 %核算``) — but no numbers: ratios, the 起付线
(deductible, counted once per year) and the annual cap are per-county data in
``resources/policy/<county code>.yaml``. Qt-free; amounts are ``Decimal``, rounded half-up to
the fen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from models.errors import UserFacingError, ValidationError
from models.paths import resource_path

CENT = Decimal("0.01")
ZERO = Decimal("0")


def money(value: Any, what: str) -> Decimal:
    """A non-negative amount from data or a form; ``assistance.bad_amount`` names the field."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError("assistance.bad_amount", field=what) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError("assistance.bad_amount", field=what)
    return amount


@dataclass(frozen=True)
class CategoryRule:
    """救助类别 parameters: ratio of the assessed self-pay, 起付线, annual cap."""

    name: str
    ratio: Decimal
    deductible: Decimal
    annual_cap: Decimal
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssistancePolicy:
    county: str
    name: str
    year: int
    #: True when the numbers are an example configuration, not a county's real policy.
    example: bool
    source: str
    categories: Mapping[str, CategoryRule] = field(default_factory=dict)

    def rule(self, category: str) -> CategoryRule:
        wanted = category.strip()
        for rule in self.categories.values():
            if wanted == rule.name or wanted in rule.aliases:
                return rule
        raise UserFacingError("assistance.unknown_category", category=wanted, county=self.county)


@dataclass(frozen=True)
class MedicalBill:
    """The settled bill of one visit or stay (from the settlement, 单位：元)."""

    total: Decimal  # 医疗总费用
    compliant: Decimal  # 合规医疗费用
    basic_reimbursed: Decimal  # 医保报销金额
    critical_reimbursed: Decimal  # 大病保险报销金额
    #: 防贫保、惠民保、慈善、水滴筹、商业保险等渠道 (003 表13: the applicant declares them).
    other_reimbursed: Decimal = ZERO

    @property
    def self_pay(self) -> Decimal:
        """本次个人合规自付费用 (after 基本医疗、大病保险等报销, 003 表13)."""
        return self.compliant - self.basic_reimbursed - self.critical_reimbursed - self.other_reimbursed


@dataclass(frozen=True)
class YearToDate:
    """What the person already had this year before this bill."""

    count: int = 0  # 本年度已获得医疗救助次数
    amount: Decimal = ZERO  # 本年度已获得医疗救助金额
    deductible_used: Decimal = ZERO  # 本年度已扣减的起付线


@dataclass(frozen=True)
class AssistanceResult:
    category: str
    ratio: Decimal
    self_pay: Decimal
    deductible_applied: Decimal
    assessed: Decimal  # self-pay above the deductible, the base the ratio applies to
    computed: Decimal  # assessed × ratio, before the annual cap
    cap_remaining: Decimal
    amount: Decimal  # 救助金额
    capped: bool
    prior: YearToDate
    policy_example: bool

    @property
    def year_count_after(self) -> int:
        return self.prior.count + (1 if self.amount > 0 else 0)

    @property
    def year_amount_after(self) -> Decimal:
        return self.prior.amount + self.amount


def check_bill(bill: MedicalBill) -> MedicalBill:
    for name in ("total", "compliant", "basic_reimbursed", "critical_reimbursed", "other_reimbursed"):
        money(getattr(bill, name), name)
    if bill.compliant > bill.total:
        raise ValidationError("assistance.compliant_over_total")
    if bill.basic_reimbursed + bill.critical_reimbursed + bill.other_reimbursed > bill.compliant:
        raise ValidationError("assistance.reimbursed_over_compliant")
    return bill


def compute_assistance(
    policy: AssistancePolicy, category: str, bill: MedicalBill, prior: YearToDate | None = None
) -> AssistanceResult:
    """救助金额 = min((合规个人自付 − 未扣起付线) × 救助比例, 年度限额 − 本年已获救助)."""
    prior = prior or YearToDate()
    check_bill(bill)
    rule = policy.rule(category)
    self_pay = bill.self_pay
    deductible_left = max(ZERO, rule.deductible - prior.deductible_used)
    deductible_applied = min(self_pay, deductible_left)
    assessed = self_pay - deductible_applied
    computed = (assessed * rule.ratio).quantize(CENT, rounding=ROUND_HALF_UP)
    cap_remaining = max(ZERO, rule.annual_cap - prior.amount)
    amount = min(computed, cap_remaining)
    return AssistanceResult(
        category=rule.name,
        ratio=rule.ratio,
        self_pay=self_pay,
        deductible_applied=deductible_applied,
        assessed=assessed,
        computed=computed,
        cap_remaining=cap_remaining,
        amount=amount,
        capped=amount < computed,
        prior=prior,
        policy_example=policy.example,
    )


def policy_from_mapping(data: Mapping[str, Any]) -> AssistancePolicy:
    try:
        county = str(data["county"])
        categories: dict[str, CategoryRule] = {}
        for name, raw in dict(data["categories"]).items():
            ratio = money(raw["ratio"], f"{name}.ratio")
            if ratio > 1:
                raise ValidationError("assistance.bad_ratio", category=name)
            categories[str(name)] = CategoryRule(
                name=str(name),
                ratio=ratio,
                deductible=money(raw["deductible"], f"{name}.deductible"),
                annual_cap=money(raw["annual_cap"], f"{name}.annual_cap"),
                aliases=tuple(str(a) for a in raw.get("aliases", ())),
            )
        return AssistancePolicy(
            county=county,
            name=str(data["name"]),
            year=int(data["year"]),
            example=bool(data.get("example", False)),
            source=str(data.get("source", "")),
            categories=categories,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise UserFacingError("assistance.bad_policy", detail=str(exc)) from None


def policy_path(county: str, directory: Path | None = None) -> Path:
    return (directory or resource_path("policy")) / f"{county[:6]}.yaml"


def load_policy(county: str, directory: Path | None = None) -> AssistancePolicy:
    """The policy of the county (first six digits of ``county``); an error names the file."""
    path = policy_path(county, directory)
    if not path.is_file():
        raise UserFacingError("assistance.no_policy", county=county[:6])
    with path.open(encoding="utf-8") as fh:
        return policy_from_mapping(yaml.safe_load(fh) or {})
