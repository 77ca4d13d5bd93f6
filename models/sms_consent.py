"""The applicant's consent to 短信 notices (消息推送, models/notify.py), kept with the case."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from models import audit, clock
from models.audit import Actor
from models.cases import enqueue_case, record_event
from models.errors import ValidationError
from models.masking import mask_phone
from models.orm import Case

_PHONE = re.compile(r"^1\d{10}$")


def set_sms_consent(session: Session, case: Case, phone: str | None, consent: bool, clerk: Actor | None) -> None:
    """The applicant agrees (or not) to 短信 notices at ``phone`` (default: the form's 联系电话, else
    the person's): kept with the case, audited with the number masked, a case event so the hub
    gets it with the case. The latest message (made at submit, before the clerk could ask) gets the
    number too; earlier ones are not sent late."""
    number = (phone or case.field_map().get("phone") or (case.person.phone if case.person else "") or "").strip()
    if consent and not _PHONE.match(number):
        raise ValidationError("notify.bad_phone")
    case.sms_consent = consent
    case.sms_phone = number if consent else None
    moment = clock.now()
    case.updated_at = moment
    record_event(
        session, case, "sms_consent", case.state, case.state, None, None, moment,
        f"同意短信通知（{mask_phone(number)}）" if consent else "不同意短信通知",
    )
    audit.record(
        session, "case.sms_consent", f"case:{case.case_no}", clerk=clerk,
        detail={"consent": consent, "phone": mask_phone(number) if consent else ""},
    )
    if case.notifications:  # the latest message (made at submit, before the clerk could ask)
        case.notifications[-1].phone = case.sms_phone
    enqueue_case(session, case, moment)
