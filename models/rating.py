"""好差评 (国办发〔2019〕51号, DOMAIN-NOTES.md): five levels, one rating per service (一次一评).

The applicant rates on the customer screen or an evaluator pad (devices/evaluator/, the devices
issue); on the screen a 不满意/非常不满意 rating carries a reason from the county's short list
and/or free text (a pad has keys only: its bad rating is kept without one, or the customer screen
asks when it is open). The
rating is a ``rating`` event on the case's timeline and queues the case for upload, so it reaches
the hub with the case (sync/records.py puts it in ``CaseRecord.rating``). Bad ratings wait on the
desk's 差评整改 list until a clerk records the follow-up (``rating_followup`` event).

The reason list is the county's: a top-level ``rating_reasons:`` list in a station override
file (models/catalog/overrides.py, distributed with the county's catalog overrides). The
seeds give no list, so ``DEFAULT_BAD_REASONS`` is a stated default for counties that set none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import clock
from models.case_lookup import find_case
from models.cases import enqueue_case, record_event
from models.errors import UserFacingError, ValidationError
from models.orm import Clerk
from models.permissions import Permission, require

RATINGS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
BAD_RATINGS = frozenset({"不满意", "非常不满意"})
#: Used where the county's overrides give no ``rating_reasons`` (not from the seeds: a default).
DEFAULT_BAD_REASONS = (
    "等候时间长",
    "办理时间长",
    "材料要求没有一次说清",
    "需要多次跑动",
    "工作人员服务态度",
    "对办理结果不满意",
)
#: How the rating was given: the customer screen, or an evaluator device ("device:<name>").
CUSTOMER_SCREEN = "screen"
DEVICE = "device"
MAX_COMMENT = 200


@dataclass(frozen=True)
class EvaluationRequest:
    """What the counter asks an evaluator (the customer screen) for one case."""

    case_no: str
    item_name: str
    #: the county's reasons for a bad rating (``bad_reasons()``)
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    """One applicant's answer, as ``rate_case`` stores it."""

    case_no: str
    rating: str
    reason: str = ""
    comment: str = ""
    channel: str = CUSTOMER_SCREEN

    @property
    def is_bad(self) -> bool:
        return self.rating in BAD_RATINGS


def bad_reasons() -> tuple[str, ...]:
    """The county's list (the last override file that sets ``rating_reasons``), else the default."""
    from models.catalog.loader import station_overrides

    chosen: tuple[str, ...] = ()
    try:
        docs = station_overrides()
    except UserFacingError:
        docs = []  # a broken override file is reported by the catalog; the default list still works
    for doc in docs:
        reasons = doc.get("rating_reasons")
        if isinstance(reasons, list):
            cleaned = tuple(str(r).strip() for r in reasons if str(r).strip())
            if cleaned:
                chosen = cleaned
    return chosen or DEFAULT_BAD_REASONS


def rate_case(
    session: Session,
    case_no: str,
    rating: str,
    *,
    reason: str = "",
    comment: str = "",
    channel: str = CUSTOMER_SCREEN,
    now: dt.datetime | None = None,
) -> None:
    """Store the applicant's rating (once per case) and queue the case for upload."""
    if rating not in RATINGS:
        raise ValidationError("intake.bad_rating")
    reason, comment = reason.strip(), comment.strip()[:MAX_COMMENT]
    # An evaluator pad has keys, not a reason list: its bad rating is kept without one (the desk's
    # 差评待整改 list holds it all the same); the customer screen always asks.
    if rating in BAD_RATINGS and not (reason or comment) and not channel.startswith(DEVICE):
        raise ValidationError("rating.reason_required")
    case = find_case(session, case_no)
    if case.rating:
        raise UserFacingError("rating.already_rated", case_no=case_no, rating=case.rating)
    moment = now or clock.now()
    case.rating = rating
    case.rating_reason = reason or None
    case.rating_comment = comment or None
    case.rating_channel = channel[:16]
    case.rated_at = moment
    case.updated_at = moment
    text = "；".join(part for part in (rating, reason, comment) if part)
    record_event(session, case, "rating", case.state, case.state, None, "applicant", moment, text)
    enqueue_case(session, case, moment)
    session.flush()


def follow_up(session: Session, case_no: str, clerk: Clerk | None, note: str, now: dt.datetime | None = None) -> None:
    """整改: what was done about a bad rating (the desk's list then drops the case)."""
    require(clerk, Permission.CASE_INTAKE)
    note = note.strip()
    if not note:
        raise ValidationError("rating.followup_required")
    case = find_case(session, case_no)
    if case.rating not in BAD_RATINGS:
        raise UserFacingError("rating.not_bad", case_no=case_no)
    if case.rating_followup_at is not None:
        raise UserFacingError("rating.already_followed_up", case_no=case_no)
    moment = now or clock.now()
    case.rating_followup_at = moment
    case.rating_followup_by = clerk.login if clerk is not None else None
    case.rating_followup_note = note[:MAX_COMMENT]
    case.updated_at = moment
    record_event(session, case, "rating_followup", case.state, case.state, clerk, None, moment, note)
    enqueue_case(session, case, moment)
    session.flush()


def awaits_follow_up(session: Session, case_no: str) -> bool:
    """For the desk: offer 登记差评整改 on this case."""
    case = find_case(session, case_no)
    return case.rating in BAD_RATINGS and case.rating_followup_at is None
