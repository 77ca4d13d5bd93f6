"""Behaviour of one service item: acceptance rights by level, which time limit applies.

The date a limit promises is computed in models/deadlines.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from models.catalog.schema import FieldType, ItemDoc, ItemField, Material, TimeLimitKind, TimeLimitRule
from models.deadlines import promised_date
from models.enums import StationLevel
from models.workdays import WorkCalendar


@dataclass(frozen=True)
class TimeLimit:
    """The 办理时限 that applies to one case: seed text plus what it means in days."""

    kind: TimeLimitKind
    text: str
    source: str
    #: working days after acceptance (0 = 即时办结); None for natural months or 按统筹地区规定
    working_days: int | None
    natural_months: int | None = None

    @property
    def is_immediate(self) -> bool:
        return self.kind is TimeLimitKind.IMMEDIATE

    def promised_date(self, accepted: dt.date, calendar: WorkCalendar | None = None) -> dt.date | None:
        """The date the case must be finished by, or None when the limit is set locally."""
        return promised_date(self, accepted, calendar)

    @classmethod
    def from_rule(cls, rule: TimeLimitRule) -> TimeLimit:
        days: int | None = None
        months: int | None = None
        if rule.kind is TimeLimitKind.IMMEDIATE:
            days = 0
        elif rule.kind is TimeLimitKind.WORKING_DAYS:
            days = rule.amount
        elif rule.kind is TimeLimitKind.NATURAL_MONTHS:
            months = rule.amount
        return cls(rule.kind, rule.text, rule.source, days, months)


#: What a station that may not approve an item promises for a 即办件 it forwards: 003 gives the
#: 即时办结 limit to the level that finishes the case, and no limit for the forwarding step.
UPPER_LEVEL_TEXT = "由上级经办机构办理"

#: A rule's level list in the seeds' text, "即时办结(省、市、县、镇)" or "不超过2个工作日(村)":
#: it says which levels the rule is for (``TimeLimitRule.levels`` carries it), not what to tell
#: an applicant, so the clerk and the applicant see the text without it.
_LEVEL_NOTE = re.compile(r"[（(][省市县镇村乡、，,\s]+[)）]")


def plain_limit_text(text: str) -> str:
    """The seed's limit text without its level list (the rule was chosen for the level already)."""
    return _LEVEL_NOTE.sub("", text).strip() or text


#: How a yes/no field's stored text reads as True (the form stores 是/否).
YES_WORDS = frozenset({"是", "true", "True", "1", "y", "Y"})
#: Separators a multi-choice field's stored text may use.
MULTI_SEPARATORS = ("、", "，", ",", ";", "；")


def split_multi(raw: str) -> list[str]:
    text = raw
    for sep in MULTI_SEPARATORS[1:]:
        text = text.replace(sep, MULTI_SEPARATORS[0])
    return [p.strip() for p in text.split(MULTI_SEPARATORS[0]) if p.strip()]


def _rank(rule: TimeLimitRule) -> tuple[int, int]:
    """Order for picking the most conservative rule: longest first."""
    if rule.kind is TimeLimitKind.NATURAL_MONTHS:
        return (3, rule.amount or 0)
    if rule.kind is TimeLimitKind.LOCAL_RULE:
        return (2, 0)
    if rule.kind is TimeLimitKind.WORKING_DAYS:
        return (1, rule.amount or 0)
    return (0, 0)


class ServiceItem(ItemDoc):
    """An item of the catalog with the questions the case model asks of it."""

    def time_limit_for(
        self,
        level: StationLevel,
        values: Mapping[str, Any] | None = None,
        channel: str = "线下",
    ) -> TimeLimit:
        """The limit at a station of ``level`` (counter work is 线下).

        Rules are filtered by channel, level and condition. When a rule's condition cannot be
        decided yet (the field is empty) the longest candidate wins, so the promise is never
        shorter than the seeds allow.
        """
        values = self.typed_values(values or {})
        candidates = [
            r
            for r in self.time_limits
            if (r.channel is None or r.channel == channel)
            and (not r.levels or level in r.levels)
            and (r.condition is None or r.condition.holds(values) is not False)
        ]
        if not candidates:  # e.g. only 线上 rules: fall back to any rule for the level
            candidates = [r for r in self.time_limits if not r.levels or level in r.levels] or list(self.time_limits)
        decided = [r for r in candidates if r.condition is not None and r.condition.holds(values)]
        pool = decided or candidates
        return TimeLimit.from_rule(max(pool, key=_rank))

    def counter_limit(
        self, level: StationLevel, values: Mapping[str, Any] | None = None, channel: str = "线下"
    ) -> TimeLimit:
        """The limit a station of ``level`` promises (on screen, on the receipt, as the case's date).

        The seed rule for the level, with its level list dropped from the text; a 即时办结 rule at a
        level that may not approve the item is the approving level's promise, not this station's:
        the case is forwarded and the promise is ``UPPER_LEVEL_TEXT`` with no date (so it is never
        overdue here the next day). Level-specific rules (异地转诊 "不超过2个工作日(镇、村)") apply as
        they are.
        """
        limit = self.time_limit_for(level, values, channel)
        if limit.is_immediate and not self.can_approve(level):
            return TimeLimit(TimeLimitKind.LOCAL_RULE, UPPER_LEVEL_TEXT, self.levels.source, None)
        return replace(limit, text=plain_limit_text(limit.text))

    def finishes_at_counter(self, level: StationLevel, values: Mapping[str, Any] | None = None) -> bool:
        """A 即办件 this level may approve: finished (办结) at submit by the clerk who took it in."""
        return self.can_approve(level) and self.time_limit_for(level, values).is_immediate

    def promised_date(
        self,
        accepted: dt.date,
        level: StationLevel,
        calendar: WorkCalendar | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> dt.date | None:
        return self.time_limit_for(level, values).promised_date(accepted, calendar)

    def _rule(self, level: StationLevel) -> tuple[bool, bool]:
        for r in self.levels.rules:
            if r.level == level:
                return r.accept, r.approve
        return False, False

    def can_accept(self, level: StationLevel) -> bool:
        return self._rule(level)[0]

    def can_approve(self, level: StationLevel) -> bool:
        return self._rule(level)[1]

    @property
    def allows_deficiency(self) -> bool:
        """容缺受理: some material may be missing at acceptance (a 个人承诺书 stands in)."""
        return any(m.deficiency_allowed for m in self.materials)

    @property
    def form(self) -> str | None:
        """The main sample form (表N) of the item, if any."""
        return self.forms[0].number if self.forms else None

    def field(self, key: str) -> ItemField | None:
        for f in self.fields:
            for sub in f.walk():
                if sub.key == key:
                    return sub
        return None

    def all_fields(self) -> list[ItemField]:
        return [sub for f in self.fields for sub in f.walk()]

    def typed_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Stored field text as the conditions compare it: 是/否 → True/False, multi-enum → list.

        Cases keep what the clerk typed (CaseFieldValue is text); every condition check goes
        through here, so 是 means True whoever asks (acceptance, checklist, time limits).
        """
        out = dict(values)
        for top in self.fields:
            for f in top.walk():
                raw = values.get(f.key)
                if not isinstance(raw, str) or not raw.strip():
                    continue
                if f.type is FieldType.BOOLEAN:
                    out[f.key] = raw.strip() in YES_WORDS
                elif f.type is FieldType.MULTI_ENUM:
                    out[f.key] = split_multi(raw)
        return out

    def required_materials(self, values: Mapping[str, Any] | None = None) -> list[Material]:
        """Materials needed for these field values (a conditional one only once its condition holds)."""
        values = self.typed_values(values or {})
        out = []
        for m in self.materials:
            if m.condition is None:
                if m.required:
                    out.append(m)
            elif m.required and m.condition.holds(values):
                out.append(m)
        return out

    def message(self, event: str) -> str | None:
        for m in self.messages:
            if m.event == event:
                return m.template
        return None
