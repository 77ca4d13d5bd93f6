"""Plain-dict views of cases for the CLI's JSON, the case desk and printing (personal data masked)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.clock import CHINA
from models.masking import mask_id_list, mask_name
from models.orm import Case


def case_summary(case: Case, today: dt.date) -> dict[str, Any]:
    person = case.person
    return {
        "case_no": case.case_no,
        "uuid": case.uuid,
        "revision": case.revision,
        "item_code": case.item_code,
        "item_name": case.item_name,
        "state": case.state.value,
        "state_code": case.state.name.lower(),
        "applicant": mask_name(person.name) if person else "",
        "id_number": mask_id_list(person.id_number) if person else "",
        "created_at": case.created_at.isoformat(),
        "accepted_at": case.accepted_at.isoformat() if case.accepted_at else None,
        "promised_date": case.promised_date.isoformat() if case.promised_date else None,
        "overdue": bool(case.promised_date and case.state.is_open and case.promised_date < today),
        "catalog_version": case.catalog_version,
        "deficiency_accepted": case.deficiency_accepted,
    }


def case_detail(case: Case, today: dt.date) -> dict[str, Any]:
    data = case_summary(case, today)
    data["station_code"] = case.station.code
    data["forwarded_to"] = case.forwarded_to
    data["fields"] = sorted(f.key for f in case.fields)  # values may be personal: keys only here
    data["events"] = [
        {
            "seq": e.seq,
            "action": e.action,
            "from_state": e.from_state,
            "to_state": e.to_state,
            "clerk": e.clerk.login if e.clerk else e.actor,
            "at": e.at.isoformat(),
            "at_local": e.at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"),
            "reason": e.reason,
        }
        for e in case.events
    ]
    return data
