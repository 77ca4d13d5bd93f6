"""What the intake screens hold, as plain data: the identified person and a draft case.

Qt-free and JSON-serialisable (``to_dict``/``from_dict``), so the autosave op carries a copy of
the screen's state to the DB worker and a reopened draft comes back as the same object.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from models.masking import mask_id, mask_name

#: Non-catalog keys kept with the case's 受理信息 (CaseFieldValue): the e-voucher credential.
EVOUCHER_TOKEN_KEY = "_evoucher_token"
EVOUCHER_STATUS_KEY = "_evoucher_status"
EVOUCHER_PENDING = "待联网核验"
#: How the applicant was identified for this case (card / evoucher / typed / an ID reader): the
#: receipt's identity material says so (issue 15 item 6), whatever the person's next visit uses.
IDENTIFIED_BY_KEY = "_identified_by"


@dataclass(frozen=True)
class Identity:
    """The applicant as identified at the counter. ``identified_by``: card / evoucher / typed."""

    id_number: str = ""
    name: str = ""
    gender: str = ""
    birth_date: str = ""  # ISO
    card_number: str = ""
    phone: str = ""
    identified_by: str = "typed"
    evoucher_token: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.id_number and self.name)

    def masked(self) -> str:
        """For logs and the customer screen: 张* ****002X."""
        return f"{mask_name(self.name)} {mask_id(self.id_number)}".strip()

    def as_values(self) -> dict[str, str]:
        return {
            "name": self.name,
            "id_number": self.id_number,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "phone": self.phone,
        }

    def __repr__(self) -> str:  # never personal data in a log or a traceback
        return f"Identity(by={self.identified_by}, complete={self.complete})"

    def with_evoucher(self, token: str) -> Identity:
        return replace(self, evoucher_token=token, identified_by=self.identified_by or "evoucher")


@dataclass(frozen=True)
class DraftSnapshot:
    """A draft case as the screens see it."""

    case_no: str
    item_code: str
    catalog_version: str
    identity: Identity
    values: dict[str, str] = field(default_factory=dict)
    #: material_key → status (received / missing / deferred / not_applicable)
    materials: dict[str, str] = field(default_factory=dict)
    #: material_key → which alternative satisfied it
    satisfied_by: dict[str, str] = field(default_factory=dict)
    #: material_key → number of attached files
    files: dict[str, int] = field(default_factory=dict)
    state: str = "草稿"
    saved_at: dt.datetime | None = None
    #: the applicant agreed, on the form, to 短信 notices at the form's 联系电话 (models/sms_consent.py)
    sms_consent: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["saved_at"] = self.saved_at.isoformat() if self.saved_at else None
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DraftSnapshot:
        saved = data.get("saved_at")
        return cls(
            case_no=str(data["case_no"]),
            item_code=str(data["item_code"]),
            catalog_version=str(data.get("catalog_version", "")),
            identity=Identity(**data.get("identity", {})),
            values={str(k): str(v) for k, v in (data.get("values") or {}).items()},
            materials={str(k): str(v) for k, v in (data.get("materials") or {}).items()},
            satisfied_by={str(k): str(v) for k, v in (data.get("satisfied_by") or {}).items()},
            files={str(k): int(v) for k, v in (data.get("files") or {}).items()},
            state=str(data.get("state", "草稿")),
            saved_at=dt.datetime.fromisoformat(saved) if saved else None,
            sms_consent=bool(data.get("sms_consent", False)),
        )

    @classmethod
    def from_json(cls, text: str) -> DraftSnapshot:
        return cls.from_dict(json.loads(text))

    def with_values(self, values: dict[str, str], sms_consent: bool | None = None) -> DraftSnapshot:
        consent = self.sms_consent if sms_consent is None else sms_consent
        return replace(self, values=dict(values), sms_consent=consent)

    def __repr__(self) -> str:
        return f"DraftSnapshot({self.case_no}, {self.item_code}, {len(self.values)} values)"
