"""The applicant's consent to 短信 notices (消息推送, models/notify.py), kept with the case.

The clerk asks at the intake form (a box beside the 联系电话 field, off until ticked): the
autosave keeps the answer on the draft (``keep_form_consent``), and submit records it
(``record_form_consent``: a case event and an audit entry, number masked) before the case is
accepted or sent back for 补正, so that the message of that state already carries the number.
After submit the answer can still be changed (the result screen, ``tongban case sms-consent``:
``set_sms_consent``). Without consent a message is kept and shown but carries no number, and the
hub never hands it to the gateway.
"""

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


def is_mobile(number: str | None) -> bool:
    return bool(_PHONE.match((number or "").strip()))


def keep_form_consent(case: Case, consent: bool) -> None:
    """The form's answer as the clerk last left it (a draft's autosave; nothing recorded yet)."""
    number = (case.field_map().get("phone") or "").strip()
    case.sms_consent = consent
    case.sms_phone = number if consent and is_mobile(number) else None


def record_form_consent(session: Session, case: Case, clerk: Actor | None) -> None:
    """At submit: the answer on the form, recorded (event, audit) when it differs from the last
    one recorded for this case; a first "no" is the default and records nothing."""
    number = (case.field_map().get("phone") or "").strip()
    consent = bool(case.sms_consent)
    if consent and not is_mobile(number):
        raise ValidationError("notify.bad_phone")
    said = [e.reason for e in case.events if e.action == "sms_consent"]
    if (not said and not consent) or (said and said[-1] == _said(consent, number)):
        case.sms_phone = number if consent else None
        return
    set_sms_consent(session, case, number, consent, clerk, attach_latest=False)


def _said(consent: bool, number: str) -> str:
    return f"同意短信通知（{mask_phone(number)}）" if consent else "不同意短信通知"


def set_sms_consent(
    session: Session,
    case: Case,
    phone: str | None,
    consent: bool,
    clerk: Actor | None,
    *,
    attach_latest: bool = True,
) -> None:
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
        _said(consent, number),
    )
    audit.record(
        session, "case.sms_consent", f"case:{case.case_no}", clerk=clerk,
        detail={"consent": consent, "phone": mask_phone(number) if consent else ""},
    )
    if attach_latest and case.notifications:  # the latest message (made at submit, before the clerk could ask)
        case.notifications[-1].phone = case.sms_phone
    enqueue_case(session, case, moment)
