"""What every sample form of the seeds (003 表1–表20, 001's Guizhou forms) is filled from.

One form per module in this package: its ``FORM`` (seed table number, title, the seed line it is
laid out from) and ``render(data, options) -> bytes``. The data is one value type for all of
them, ``FormData``: the applicant, the case's 受理信息 under the catalog keys (plus what the CLI's
``--set`` adds), the station and the day. ``printing.from_case.sample_form`` fills it from a case.

A form prints what the counter captured; a box the seed leaves for the applicant's hand stays
empty unless the counter captured that value too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from printing.data import Applicant, Office

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from printing.layout import RenderOptions


@dataclass(frozen=True)
class SampleForm:
    """A seed sample form as a print kind."""

    key: str  # the print kind (``tongban print KEY``)
    number: str  # the seed's table number, as the catalog's ``forms`` name it (表7, 贵州年审表 …)
    title: str
    source: str  # seed file and line of the form


@dataclass(frozen=True)
class FormData:
    applicant: Applicant | None
    values: Mapping[str, str] = field(default_factory=dict)
    station: Office = field(default_factory=lambda: Office(""))
    filled_on: dt.date | None = None
    case_no: str = ""
    item_code: str = ""
    item_name: str = ""
    clerk_name: str = ""
    #: The material a 承诺书 stands in for (表16 "无法提供 …"), the catalog's wording.
    missing_material: str = ""

    def v(self, *keys: str, default: str = "") -> str:
        for key in keys:
            value = self.values.get(key)
            if value:
                return value
        return default

    def yes(self, key: str) -> str:
        """A boolean field as the seeds' 是/否 (empty when not captured)."""
        raw = self.values.get(key, "")
        if raw in ("true", "1", "是"):
            return "是"
        if raw in ("false", "0", "否"):
            return "否"
        return ""

    @property
    def name(self) -> str:
        return self.applicant.name if self.applicant else self.v("name")

    @property
    def id_number(self) -> str:
        return self.applicant.id_number if self.applicant else self.v("id_number")

    @property
    def id_type(self) -> str:
        return self.v("id_type", default=self.applicant.id_type if self.applicant else "")

    @property
    def gender(self) -> str:
        return self.v("gender", default=self.applicant.gender if self.applicant else "")

    @property
    def phone(self) -> str:
        return self.v("phone", default=self.applicant.phone if self.applicant else "")

    @property
    def address(self) -> str:
        return self.v("address", "mail_address", default=self.applicant.address if self.applicant else "")

    @property
    def age(self) -> str:
        if self.v("age"):
            return self.v("age")
        if self.applicant is None or self.filled_on is None:
            return ""
        age = self.applicant.age_on(self.filled_on)
        return "" if age is None else str(age)


def place(code: str) -> str:
    """A 行政区划代码 as its GB/T 2260 name (the value itself when it is not a known code)."""
    from models.regions import table

    code = code.strip()
    region = table().get(code) if code.isdigit() else None
    return region.full_name if region else code


def id_of(kind: str, number: str) -> str:
    """证件类型及号码 in one cell."""
    return f"{kind} {number}".strip()


#: What a handwritten blank in a letter-style form is printed as.
BLANK = "　" * 8


def render_promise_letter(form: SampleForm, data: FormData, body: str, options: RenderOptions) -> bytes:
    """003's letter-style 承诺书 (表16, 表17): the title, the promise, the applicant's phone and
    address, and the signature and date lines left for the hand."""
    from printing.layout import build, date_cn, gap, para, right, title

    story: list[Flowable] = [
        title(form.title, 18),
        gap(12),
        para(body, 13),
        gap(16),
        para(f"联系电话：{data.phone}", 12),
        para(f"通讯地址：{data.address}", 12),
        gap(14),
        right("承诺人(签名、指印)：                    ", 12),
        gap(3),
        right(date_cn(None) + "        ", 12),
    ]
    return build(story, doc_title=form.title, options=options, footer=form.number)
