"""城乡医疗救助: the assistance amount for one bill, from a county's policy parameters.

The seeds (001 城乡医疗救助业务操作指南, 附件1/2) fix the inputs and the rule — the
compliant out-of-pocket part (合规个人自付 = 合规医疗费用 − 医保报销 − 大病保险报销) is
assisted at the category's ratio (``按 %核算``) — but no numbers: ratios, the 起付线
(deductible, counted once per year) and the annual cap are per-county data in
``resources/policy/<county code>.yaml``. Qt-free; amounts are ``Decimal``, rounded half-up to
the fen.

Categories (issue 18 §1): 001 lists the 已明确身份 and 未明确身份 救助对象 (``CATEGORIES_001``);
003's 表13 lists its own (低保, 返贫致贫人口 …). Each is its own row of a county's table: no
category is read as another (a table's ``aliases`` are other spellings of the same name, and may
not name another category). The table is versioned data cited to the county's notice; a newer one
arrives signed in a catalog package (sync or USB, models/catalog/package.py) and is kept in the
data directory by version (``policy/<county>/<version>.yaml`` with its ``.sig``, verified again
when read). The shipped ``resources/policy/522701.yaml`` is an example and says so on every slip.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from models.errors import UserFacingError, ValidationError
from models.paths import data_root, resource_path

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


KNOWN_IDENTITY = "已明确身份"
TO_BE_DETERMINED = "未明确身份"


@dataclass(frozen=True)
class Category:
    name: str
    identity: str  # 已明确身份 / 未明确身份 (001); "" for 003 表13's list
    source: str


#: 001 (城乡医疗救助 依申请救助, 申请救助资料): the 已明确身份 救助对象, as 001 names them.
_KNOWN_SRC = "001#1558 特困供养人员、孤儿、最低生活保障家庭成员、建档立卡脱贫人口"
#: … and the 未明确身份 ones, who must be assessed (需申请认定), as 001 words them.
_TBD_SRC = "001#1562-1564 低收入家庭中的老年人、未成年人、重度残疾人和重病患者"
CATEGORIES_001: tuple[Category, ...] = (
    Category("特困供养人员", KNOWN_IDENTITY, _KNOWN_SRC),
    Category("孤儿", KNOWN_IDENTITY, _KNOWN_SRC),
    Category("最低生活保障家庭成员", KNOWN_IDENTITY, _KNOWN_SRC),
    Category("建档立卡脱贫人口", KNOWN_IDENTITY, _KNOWN_SRC),
    Category("20世纪60年代初精减退职老职工", KNOWN_IDENTITY, "001#1558 20世纪60年代初精减退职老职工"),
    Category("家庭经济困难的精神障碍患者", KNOWN_IDENTITY, "001#1558 家庭经济困难的精神障碍患者"),
    Category("肇事肇祸的精神障碍患者", KNOWN_IDENTITY, "001#1558 肇事肇祸的精神障碍患者"),
    Category("艾滋病人和艾滋病机会性感染者", KNOWN_IDENTITY, "001#1558 艾滋病人和艾滋病机会性感染者"),
    Category(
        "享受抚恤补助的优抚对象(不含一至六级残疾军人)",
        KNOWN_IDENTITY,
        "001#1558 享受抚恤补助的优抚对象(不含一至六级残疾军人)",
    ),
    Category("低收入家庭中的老年人", TO_BE_DETERMINED, _TBD_SRC),
    Category("低收入家庭中的未成年人", TO_BE_DETERMINED, _TBD_SRC),
    Category("低收入家庭中的重度残疾人", TO_BE_DETERMINED, _TBD_SRC),
    Category("低收入家庭中的重病患者", TO_BE_DETERMINED, _TBD_SRC),
    Category(
        "因医疗自付费用过高导致家庭无力承担的患者",
        TO_BE_DETERMINED,
        "001#1562 因医疗自付费用过高导致家庭无力承担的患者",
    ),
    Category(
        "县级以上人民政府(管委会)规定的其他特殊困难人员",
        TO_BE_DETERMINED,
        "001#1562-1564 县级 以上人民政府(管委会)规定的其他特殊困难人员",
    ),
)
#: 003 表13 依申请救助申请表, 申请救助对象类别 (the national form's own list).
CATEGORIES_003: tuple[Category, ...] = tuple(
    Category(name, "", "003#9479-9482 □低保    □特困供养人员")
    for name in ("低保", "特困供养人员", "孤儿", "返贫致贫人口", "脱贫不稳定人口", "边缘易致贫人口", "突发严重困难人口")
)
KNOWN_NAMES = frozenset(c.name for c in CATEGORIES_001 + CATEGORIES_003)


def category_001(name: str) -> Category | None:
    return next((c for c in CATEGORIES_001 if c.name == name.strip()), None)


@dataclass(frozen=True)
class CategoryRule:
    """救助类别 parameters: ratio of the assessed self-pay, 起付线, annual cap."""

    name: str
    ratio: Decimal
    deductible: Decimal
    annual_cap: Decimal
    #: other spellings of this same category (never another category's name)
    aliases: tuple[str, ...] = ()
    #: 已明确身份 / 未明确身份 (001), "" when the table does not say
    identity: str = ""


@dataclass(frozen=True)
class AssistancePolicy:
    county: str
    name: str
    year: int
    #: True when the numbers are an example configuration, not a county's real policy.
    example: bool
    source: str
    categories: Mapping[str, CategoryRule] = field(default_factory=dict)
    #: the table's version (a newer one replaces it for new slips; old slips name theirs)
    version: str = ""
    #: the county's notice the numbers come from (文号 and title)
    notice: str = ""
    #: key id of the issuer that signed it ("" for the shipped file)
    signed_by: str = ""

    @property
    def label(self) -> str:
        """What a slip prints: the table, its year and version, and the notice it follows."""
        parts = [f"{self.year}年度"]
        if self.version and not self.example:
            parts.append(f"版本 {self.version}")
        parts.append(f"依据：{self.notice or self.source}")
        if self.signed_by:
            parts.append(f"签名 {self.signed_by}")
        return f"{self.name}（{'；'.join(parts)}）"

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


def policy_from_mapping(data: Mapping[str, Any], signed_by: str = "") -> AssistancePolicy:
    """A table from its YAML mapping. A real (non-example) table needs its ``version`` and the
    county's ``notice``; an alias may not be another category's name (no category is mapped
    onto another)."""
    try:
        county = str(data["county"])
        categories: dict[str, CategoryRule] = {}
        names = {str(n) for n in dict(data["categories"])}
        for name, raw in dict(data["categories"]).items():
            ratio = money(raw["ratio"], f"{name}.ratio")
            if ratio > 1:
                raise ValidationError("assistance.bad_ratio", category=name)
            aliases = tuple(str(a) for a in raw.get("aliases", ()))
            clash = [a for a in aliases if a in names or (a in KNOWN_NAMES and a != name)]
            if clash:
                raise ValidationError("assistance.alias_is_category", category=str(name), alias=clash[0])
            known = category_001(str(name))
            categories[str(name)] = CategoryRule(
                name=str(name),
                ratio=ratio,
                deductible=money(raw["deductible"], f"{name}.deductible"),
                annual_cap=money(raw["annual_cap"], f"{name}.annual_cap"),
                aliases=aliases,
                identity=str(raw.get("identity") or (known.identity if known else "")),
            )
        example = bool(data.get("example", False))
        version = str(data.get("version", "") or "")
        notice = str(data.get("notice", "") or "")
        if not example and (not version or not notice):
            raise UserFacingError("assistance.policy_unversioned", county=county)
        if version and not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,31}", version):
            raise UserFacingError("assistance.bad_policy", detail=f"version {version!r}")
        return AssistancePolicy(
            county=county,
            name=str(data["name"]),
            year=int(data["year"]),
            example=example,
            source=str(data.get("source", "")),
            categories=categories,
            version=version,
            notice=notice,
            signed_by=signed_by,
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, UserFacingError):
            raise
        raise UserFacingError("assistance.bad_policy", detail=str(exc)) from None


def policy_path(county: str, directory: Path | None = None) -> Path:
    return (directory or resource_path("policy")) / f"{county[:6]}.yaml"


def installed_dir(county: str) -> Path:
    """Signed tables received for ``county``: ``<version>.yaml`` and ``<version>.sig``."""
    return data_root() / "policy" / county[:6]


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


def load_policy(county: str, directory: Path | None = None) -> AssistancePolicy:
    """The county's table (first six digits of ``county``): the newest signed one received, its
    signature checked again against the trusted issuer keys; else the shipped file (``directory``
    for tests). An error names the county."""
    if directory is None:
        newest = _newest_installed(county)
        if newest is not None:
            return newest
    path = policy_path(county, directory)
    if not path.is_file():
        raise UserFacingError("assistance.no_policy", county=county[:6])
    with path.open(encoding="utf-8") as fh:
        return policy_from_mapping(yaml.safe_load(fh) or {})


def _newest_installed(county: str) -> AssistancePolicy | None:
    folder = installed_dir(county)
    if not folder.is_dir():
        return None
    tables = sorted(folder.glob("*.yaml"), key=lambda p: _version_key(p.stem))
    if not tables:
        return None
    path = tables[-1]
    data = path.read_bytes()
    signature = path.with_suffix(".sig")
    signer = _verify(data, signature.read_bytes() if signature.exists() else b"")
    if signer is None:
        raise UserFacingError("assistance.policy_bad_signature", county=county[:6], version=path.stem)
    return policy_from_mapping(yaml.safe_load(data.decode("utf-8")) or {}, signed_by=signer)


def _verify(data: bytes, signature_b64: bytes, keys: list[Any] | None = None) -> str | None:
    """The key id of the trusted issuer key that signed ``data``, None if none did."""
    import base64
    import binascii

    from cryptography.exceptions import InvalidSignature

    from models.catalog.keys import key_id, trusted_keys

    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError):
        return None
    for key in trusted_keys() if keys is None else keys:
        try:
            key.verify(signature, data)
        except InvalidSignature:
            continue
        return str(key_id(key))
    return None


def install_policy_table(data: bytes, signature_b64: bytes, keys: list[Any] | None = None) -> AssistancePolicy:
    """Keep a county's table that came signed in a catalog package (sync or USB). Refused when
    the signature does not verify, the table is an example or unversioned, or it is not newer
    than the newest one held for the county."""
    from models.fsutil import atomic_write

    signer = _verify(data, signature_b64, keys)
    if signer is None:
        raise UserFacingError("assistance.policy_bad_signature", county="?", version="?")
    policy = policy_from_mapping(yaml.safe_load(data.decode("utf-8")) or {}, signed_by=signer)
    if policy.example:
        raise UserFacingError("assistance.policy_unversioned", county=policy.county)
    folder = installed_dir(policy.county)
    held = [p.stem for p in folder.glob("*.yaml")] if folder.is_dir() else []
    if held and _version_key(policy.version) <= max(_version_key(v) for v in held):
        raise UserFacingError("assistance.policy_not_newer", county=policy.county, version=policy.version)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / f"{policy.version}.sig", signature_b64)
    atomic_write(folder / f"{policy.version}.yaml", data)
    return policy
