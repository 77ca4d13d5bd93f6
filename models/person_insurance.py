"""The person's 参保信息 synced from the hub's roster (4301, schema 0011), and how printed forms
read it: as case values under the keys the forms already use, beneath the case's own values
(``printing.from_case.CaseBundle.values``: a value the case holds wins)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from models.orm import Person, PersonContribution, PersonInsurance


@dataclass(frozen=True)
class ContributionLine:
    """One 缴费记录 line: months ``YYYY-MM``, money as ``Decimal``."""

    period_from: str
    period_to: str
    insurance_type: str
    base: Decimal | None
    amount: Decimal
    status: str = "已缴费"


@dataclass(frozen=True)
class InsuranceFacts:
    """What the centre holds about the person's insurance (every part optional)."""

    household_place: str | None = None
    household_type: str | None = None
    insurance_type: str | None = None
    insured_admdvs: str | None = None
    insured_from: str | None = None
    insured_to: str | None = None
    paid_months: int | None = None
    account_balance: Decimal | None = None
    as_of: dt.date | None = None
    contributions: Sequence[ContributionLine] = ()


def store_facts(person: Person, facts: InsuranceFacts, now: dt.datetime) -> PersonInsurance:
    """Replace the person's synced 参保信息 (and 缴费记录) with ``facts``."""
    row = person.insurance
    if row is None:
        row = PersonInsurance(synced_at=now)
        person.insurance = row
    row.household_place, row.household_type = facts.household_place, facts.household_type
    row.insurance_type, row.insured_admdvs = facts.insurance_type, facts.insured_admdvs
    row.insured_from, row.insured_to = facts.insured_from, facts.insured_to
    row.paid_months = facts.paid_months
    row.account_balance = None if facts.account_balance is None else str(facts.account_balance)
    row.as_of, row.synced_at = facts.as_of, now
    row.contributions = [
        PersonContribution(
            seq=n,
            period_from=c.period_from,
            period_to=c.period_to,
            insurance_type=c.insurance_type,
            base=None if c.base is None else str(c.base),
            amount=str(c.amount),
            status=c.status,
        )
        for n, c in enumerate(facts.contributions, start=1)
    ]
    return row


def month_cn(month: str | None) -> str:
    """``2019-01`` as paper writes it, ``2019年01月``."""
    if not month:
        return ""
    year, _, mm = month.partition("-")
    return f"{year}年{mm}月"


def synced_values(person: Person | None) -> dict[str, str]:
    """The synced 参保信息 under the case-value keys the forms read (表8: household_place,
    household_type, insurance_type, insured_region, insured_from/_to, paid_months,
    account_balance; 参保缴费证明: ``contrib_NNN`` = 期间|险种|基数|金额|状态). Empty parts are left out."""
    row = person.insurance if person is not None else None
    if row is None:
        return {}
    values = {
        "household_place": row.household_place or "",
        "household_type": row.household_type or "",
        "insurance_type": row.insurance_type or "",
        "insured_region": row.insured_admdvs or "",
        "insured_from": month_cn(row.insured_from),
        "insured_to": month_cn(row.insured_to),
        "paid_months": "" if row.paid_months is None else str(row.paid_months),
        "account_balance": row.account_balance or "",
    }
    for c in row.contributions:
        period = f"{month_cn(c.period_from)}-{month_cn(c.period_to)}"
        values[f"contrib_{c.seq:03d}"] = "|".join((period, c.insurance_type, c.base or "", c.amount, c.status))
    return {k: v for k, v in values.items() if v}
