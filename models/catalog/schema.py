"""The catalog's data model: one ``ServiceItem`` per 经办服务事项, validated with pydantic.

Every value that comes from the source documents carries a ``source`` string:
``"<doc>#<line>[-<line>] <short quote>"`` where ``<doc>`` is the seed file id (000-004) and the
lines are those of the seed text, so a reviewer can check it (tests/test_catalog_sources.py does).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from models.enums import StationLevel

SOURCE_PATTERN = r"^(000|001|002|003|004|local)#\d+(-\d+)?( .+)?$"
Source = Annotated[str, StringConstraints(pattern=SOURCE_PATTERN)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
ItemCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{11}[0-9Y]$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class FieldType(enum.StrEnum):
    """Input types the intake form and the headless validation understand."""

    TEXT = "text"
    TEXTAREA = "textarea"
    ID_NUMBER = "id_number"  # 居民身份证号码 (GB 11643)
    DOCUMENT_NUMBER = "document_number"  # 证件号码: ID check only when the sibling id_type is 居民身份证
    USCC = "uscc"  # 统一社会信用代码 (GB 32100)
    UNIT_CODE = "unit_code"  # 统一社会信用代码/单位编码: USCC or a local unit number
    DATE = "date"
    MONEY = "money"
    INTEGER = "integer"
    NUMBER = "number"
    ENUM = "enum"
    MULTI_ENUM = "multi_enum"
    BOOLEAN = "boolean"
    REGION_CODE = "region_code"  # 行政区划代码 / 医保区划
    ADDRESS = "address"
    POSTAL_CODE = "postal_code"
    BANK_ACCOUNT = "bank_account"
    PHONE = "phone"
    FILE = "file"  # a data file handed over (结算清单, 对账表)
    GROUP = "group"  # a seed label grouping parts, e.g. 法定代表人信息(姓名、证件类型及号码、电话)


class Condition(_Frozen):
    """When a field or material applies: a test on one field's value."""

    field: Key
    equals: str | bool | None = None
    in_: list[str] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if (self.equals is None) == (self.in_ is None):
            raise ValueError("condition needs exactly one of 'equals' or 'in'")
        return self

    def holds(self, values: Mapping[str, Any]) -> bool | None:
        """True/False when the field has a value, None when it is unknown yet."""
        if self.field not in values or values[self.field] in (None, ""):
            return None
        value = values[self.field]
        if self.in_ is not None:
            if isinstance(value, list | tuple | set):
                return any(v in self.in_ for v in value)
            return value in self.in_
        if isinstance(value, list | tuple | set):
            return self.equals in value
        return bool(value == self.equals)


class Text(_Frozen):
    text: str
    source: Source


class LegalBasis(_Frozen):
    title: str
    doc_no: str = ""
    articles: str = ""
    source: Source


class FormRef(_Frozen):
    number: str  # 表1 … 表23, or a local form name
    title: str
    source: Source


class ItemField(_Frozen):
    key: Key
    label: str
    type: FieldType
    required: bool = True
    options: list[str] = []
    #: the seed lists options with 等 / 其他: free text is accepted too
    open_options: bool = False
    options_source: Source | None = None
    condition: Condition | None = None
    condition_text: str | None = None
    parts: list[ItemField] = []
    note: str | None = None
    source: Source

    @model_validator(mode="after")
    def _shape(self) -> ItemField:
        if self.type in (FieldType.ENUM, FieldType.MULTI_ENUM) and not self.options:
            raise ValueError(f"field {self.key}: {self.type} needs options")
        if self.type is FieldType.GROUP and not self.parts:
            raise ValueError(f"field {self.key}: group needs parts")
        if self.type is not FieldType.GROUP and self.parts:
            raise ValueError(f"field {self.key}: only a group has parts")
        return self

    def walk(self) -> list[ItemField]:
        """This field and its parts, depth first."""
        out = [self]
        for part in self.parts:
            out.extend(part.walk())
        return out


class Material(_Frozen):
    key: Key
    name: str
    #: any one of these satisfies the material (医保电子凭证或有效身份证件或社保卡)
    alternatives: list[str] = []
    required: bool = True
    condition: Condition | None = None
    #: the seed's wording of when it is needed (委托办理的, 意外伤害就医的 …)
    condition_text: str | None = None
    photo_required: bool = False
    original_required: bool = False
    #: may be missing at acceptance (容缺受理): the seeds let a 个人承诺书 stand in for it
    deficiency_allowed: bool = False
    promise_substitute: str | None = None
    note: str | None = None
    source: Source


class TimeLimitKind(enum.StrEnum):
    IMMEDIATE = "immediate"  # 即时办结
    WORKING_DAYS = "working_days"  # 不超过N个工作日
    NATURAL_MONTHS = "natural_months"  # 自然日 … 不超过3个月
    LOCAL_RULE = "local_rule"  # the seeds leave it to the 统筹地区


class TimeLimitRule(_Frozen):
    text: str
    kind: TimeLimitKind
    amount: int | None = None
    #: levels the rule applies to; empty = every level
    levels: list[StationLevel] = []
    channel: Literal["线下", "线上"] | None = None
    condition: Condition | None = None
    condition_text: str | None = None
    source: Source

    @model_validator(mode="after")
    def _amount(self) -> TimeLimitRule:
        needs = self.kind in (TimeLimitKind.WORKING_DAYS, TimeLimitKind.NATURAL_MONTHS)
        if needs and (self.amount is None or self.amount <= 0):
            raise ValueError(f"time limit '{self.text}': {self.kind} needs a positive amount")
        if not needs and self.amount is not None:
            raise ValueError(f"time limit '{self.text}': {self.kind} takes no amount")
        return self


class LevelRule(_Frozen):
    level: StationLevel
    accept: bool
    approve: bool
    offline_only: bool = False


class Levels(_Frozen):
    rules: list[LevelRule]
    #: 003 prints the 受理层级 boxes unticked (口表示可由地方根据实际情况决定): a local override decides
    decided_locally: bool = False
    note: str
    source: Source


class Step(_Frozen):
    channel: str | None = None  # 线上办理 / 现场办理 / 联办登记 …
    name: str  # 业务申请, 业务受理, 业务审核, 业务办结及反馈 …
    text: str
    source: Source


class MessageEvent(enum.StrEnum):
    COMPLETED = "办结"
    NOT_COMPLETED = "未办结"
    ACCEPTED = "受理"


class MessageTemplate(_Frozen):
    event: MessageEvent
    template: str
    source: Source


class RiskPoint(_Frozen):
    stage: str
    text: str
    source: Source


class Contact(_Frozen):
    consult_phone: str | None = None
    supervise_phone: str | None = None
    place: str | None = None
    source: Source


class MainItem(_Frozen):
    code: str
    name: str
    source: Source


class ItemDoc(_Frozen):
    """One item as written in resources/catalog/items/*.yaml (the schema of the data files)."""

    code: ItemCode
    code_source: Source
    #: True when the seeds give no code and the catalog assigned one (see docs/catalog.md)
    code_assigned: bool = False
    scope: Literal["national", "local"]
    national_code: ItemCode | None = None
    main_item: MainItem
    name: str
    source: Source
    description: Text
    service_object: Text
    handling_type: Literal["即办件", "承诺件", "承诺件/即办件"]
    handling_type_source: Source
    legal_basis: list[LegalBasis]
    conditions: list[Text]
    levels: Levels
    time_limits: list[TimeLimitRule] = Field(min_length=1)
    materials: list[Material] = Field(min_length=1)
    fields: list[ItemField] = Field(min_length=1)
    forms: list[FormRef] = []
    steps: list[Step] = Field(min_length=1)
    messages: list[MessageTemplate] = []
    risk_level: str | None = None
    risk_points: list[RiskPoint] = []
    contact: Contact | None = None
    notes: list[Text] = []
    #: rule profiles the item belongs to (a province's own items, e.g. ``[guizhou]``); empty =
    #: every profile. A profile's children (黔南州 under 贵州) see their parent's items.
    profiles: list[Key] = []
    #: what the county must still fill in where the seeds give little more than the name
    county_to_fill: list[str] = []
    #: override files applied on top of the national data, in order
    overrides_applied: list[str] = []

    @model_validator(mode="after")
    def _unique_keys(self) -> ItemDoc:
        seen: set[str] = set()
        for f in self.fields:
            for sub in f.walk():
                if sub.key in seen:
                    raise ValueError(f"duplicate field key '{sub.key}'")
                seen.add(sub.key)
        mkeys = [m.key for m in self.materials]
        if len(mkeys) != len(set(mkeys)):
            raise ValueError("duplicate material key")
        for cond in [m.condition for m in self.materials] + [r.condition for r in self.time_limits]:
            if cond is not None and cond.field not in seen:
                raise ValueError(f"condition refers to unknown field '{cond.field}'")
        return self


class ProfileDoc(_Frozen):
    """A rule profile (resources/catalog/profiles/*.yaml): rules of a province or a locality
    layered over the national items (003) for stations whose 行政区划代码 starts with one of
    ``regions``. ``items`` uses the override keys (models/catalog/overrides.py)."""

    id: Key
    name: str
    parent: Key | None = None
    #: 行政区划代码 prefixes the profile is for ("52" 贵州, "5227" 黔南州, "4104" 平顶山)
    regions: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{2,12}$")]] = []
    source: Source
    note: str = ""
    items: dict[str, dict[str, Any]] = {}


class Manifest(_Frozen):
    version: str = Field(pattern=r"^\d{4}\.\d{2}\.\d+$")
    effective_date: dt.date
    title: str
    issuer: str
    source_docs: dict[str, str]
