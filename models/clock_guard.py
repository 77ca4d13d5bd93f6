"""Clock trouble: the PC's clock is read, checked and never trusted to order anything.

Village PCs often have wrong clocks (a flat CMOS battery puts them back years; a clerk sets
the date by hand). Every case event therefore gets, in the same transaction:

- ``station_seq``: a station-wide number from ``clock_state.event_seq``, which orders events
  whatever the clock says;
- ``at``: the local clock's reading, kept as it was;
- ``clock_suspect``: set when the clock looks wrong, i.e. it is behind ``high_water_at`` (the
  latest time this station knows has passed) by more than :data:`BEHIND_TOLERANCE`, or the hub's
  time (learnt at sync, ``hub_offset_s``) differs from it by more than the hub skew limit
  (setting ``clock_skew_minutes``).

``best`` is the best known time: the hub's (local + offset) when the clock is skewed from it,
else at least the high-water mark. Deadlines count from it (models/cases.py) so a wrong clock
does not move a promised date silently.

``high_water_at`` only moves forward when events are stamped. Only the hub, which is the
authority on time, may pull it back: a mark left in the future by a clock that ran ahead
would otherwise flag every later, correct reading (``note_hub_time``).

The offset is as learnt at the last sync: a clock put right after that sync is still flagged
(and ``best`` is off by the old offset) until the next sync, which the banner asks for.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models import clock
from models.orm import ClockState

if TYPE_CHECKING:
    from models.settings import Settings

logger = logging.getLogger(__name__)

#: A clock this far behind the high-water mark is suspect (a few minutes of NTP-less drift
#: between two PCs' events, or a clock nudged back by hand, are not).
BEHIND_TOLERANCE = dt.timedelta(minutes=5)
#: Default of the setting ``clock_skew_minutes`` (models/settings.py).
DEFAULT_HUB_SKEW_MINUTES = 10

_hub_skew_limit = dt.timedelta(minutes=DEFAULT_HUB_SKEW_MINUTES)


def configure(settings: Settings) -> None:
    """Take the hub skew limit from this PC's settings (called when the counter starts)."""
    from models.settings import CLOCK_SKEW_MINUTES

    set_hub_skew_limit(CLOCK_SKEW_MINUTES.get(settings))


def set_hub_skew_limit(minutes: int) -> None:
    global _hub_skew_limit
    _hub_skew_limit = dt.timedelta(minutes=max(1, int(minutes)))


def hub_skew_limit() -> dt.timedelta:
    return _hub_skew_limit


class ClockTrouble(enum.StrEnum):
    OK = "ok"
    BEHIND_HIGH_WATER = "behind_high_water"
    HUB_SKEW = "hub_skew"


@dataclass(frozen=True)
class Assessment:
    """What is known about "now" beside the local clock's reading."""

    local: dt.datetime
    #: best known time: equal to ``local`` unless the clock is suspect
    best: dt.datetime
    #: how far the local clock is behind the high-water mark (zero when it is not)
    behind: dt.timedelta
    #: hub time minus local time at the last sync (None: never learnt)
    hub_offset_s: int | None
    hub_skewed: bool

    @property
    def behind_high_water(self) -> bool:
        return self.behind > BEHIND_TOLERANCE

    @property
    def suspect(self) -> bool:
        return self.behind_high_water or self.hub_skewed

    @property
    def trouble(self) -> ClockTrouble:
        # The hub's time is the stronger evidence; a clock behind the mark is the local one.
        if self.hub_skewed:
            return ClockTrouble.HUB_SKEW
        if self.behind_high_water:
            return ClockTrouble.BEHIND_HIGH_WATER
        return ClockTrouble.OK


@dataclass(frozen=True)
class Stamp:
    """One event's time stamp: the clock's reading, its place in the station's order, a flag."""

    at: dt.datetime
    seq: int
    suspect: bool
    best: dt.datetime


@dataclass(frozen=True)
class ClockStatus:
    """For the counter's banner and ``tongban db check``."""

    trouble: ClockTrouble
    #: minutes behind the high-water mark (0 when not behind)
    behind_minutes: int
    #: local minus hub time in minutes at the last sync, when beyond the limit (positive: the
    #: PC's clock is fast); None when within the limit or never learnt
    hub_skew_minutes: int | None
    hub_checked_at: dt.datetime | None

    @property
    def ok(self) -> bool:
        return self.trouble is ClockTrouble.OK

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.trouble.value,
            "behind_minutes": self.behind_minutes,
            "hub_skew_minutes": self.hub_skew_minutes,
            "hub_checked_at": self.hub_checked_at.isoformat() if self.hub_checked_at else None,
        }


def clock_state(session: Session, create: bool = True) -> ClockState | None:
    """The one row (id 1); created in a write transaction when missing (migration 0004 adds it)."""
    state = session.get(ClockState, 1)
    if state is None and create:
        state = ClockState(id=1, event_seq=0, high_water_at=None, hub_offset_s=None, hub_checked_at=None)
        session.add(state)
        session.flush()
    return state


def assess(session: Session, local: dt.datetime | None = None, state: ClockState | None = None) -> Assessment:
    """Judge the local clock's reading ``local`` (default: now) against what the station knows."""
    local = local or clock.now()
    state = state or clock_state(session, create=False)
    high = state.high_water_at if state is not None else None
    offset = state.hub_offset_s if state is not None else None
    behind = (high - local) if high is not None and high > local else dt.timedelta(0)
    hub_skewed = offset is not None and abs(offset) > _hub_skew_limit.total_seconds()
    best = local
    if hub_skewed and offset is not None:
        best = local + dt.timedelta(seconds=offset)
    if behind > BEHIND_TOLERANCE and high is not None:
        best = max(best, high)
    return Assessment(local, best, behind, offset, hub_skewed)


def stamp(session: Session, local: dt.datetime | None = None, *, judge: bool = True) -> Stamp:
    """Next station-wide sequence number and the clock's verdict, in the caller's transaction.

    ``judge=False`` for a moment the caller chose (demo history): numbered, neither judged nor
    moving the high-water mark.
    """
    state = clock_state(session)
    assert state is not None
    state.event_seq = (state.event_seq or 0) + 1
    if not judge:
        session.flush()
        return Stamp(local or clock.now(), state.event_seq, False, local or clock.now())
    check = assess(session, local, state)
    # Forward only, and with the best known time: a fast clock already flagged by the hub's
    # time must not drag the mark into the future.
    if state.high_water_at is None or check.best > state.high_water_at:
        state.high_water_at = check.best
    if check.suspect:
        logger.warning("clock suspect at event %d: %s", state.event_seq, check.trouble.value)
    session.flush()
    return Stamp(check.local, state.event_seq, check.suspect, check.best)


def note_hub_time(session: Session, hub_now: dt.datetime, local_now: dt.datetime) -> None:
    """Remember the hub's time as learnt at sync: the offset (hub minus local), and a check of
    the high-water mark.

    A mark ahead of the hub's time by more than the tolerance was left by a clock that ran
    fast: it is pulled back to the hub's time. A mark behind it is left alone: a clock slow
    within the hub skew limit must not be flagged by the stricter high-water tolerance, and one
    slow beyond it is flagged by the offset already.
    """
    state = clock_state(session)
    assert state is not None
    offset = round((hub_now - local_now).total_seconds())
    state.hub_offset_s = offset
    state.hub_checked_at = hub_now
    if state.high_water_at is not None and state.high_water_at > hub_now + BEHIND_TOLERANCE:
        logger.info("clock high-water mark was ahead of the hub's time; reset to the hub's time")
        state.high_water_at = hub_now
    if abs(offset) > _hub_skew_limit.total_seconds():
        logger.warning("station clock differs from the hub's by %d s", -offset)
    session.flush()


def clock_status(session: Session, now: dt.datetime | None = None) -> ClockStatus:
    """Is the clock trustworthy right now? Reads only (works on a read-only store)."""
    state = clock_state(session, create=False)
    check = assess(session, now, state)
    behind_min = int(check.behind.total_seconds() // 60) if check.behind_high_water else 0
    skew_min = -round(check.hub_offset_s / 60) if check.hub_skewed and check.hub_offset_s is not None else None
    return ClockStatus(check.trouble, behind_min, skew_min, state.hub_checked_at if state is not None else None)


def note_hub_offset(session: Session, reading: dt.datetime, offset_s: float) -> None:
    """The sync engine's form: the hub's time is ``reading + offset_s`` by the sync client's
    clock (sync/client.py ``clock_offset``); the station's own clock is ``models.clock.now``."""
    note_hub_time(session, reading + dt.timedelta(seconds=offset_s), clock.now())
