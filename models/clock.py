"""One source of "now", so tests and the working-day rules agree on time zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    """Current time, aware, UTC."""
    return dt.datetime.now(dt.UTC)


def today_local() -> dt.date:
    """Today's date at the counter (China Standard Time), which deadlines count from."""
    return dt.datetime.now(CHINA).date()


def local_date(moment: dt.datetime) -> dt.date:
    return to_local(moment).date()


def to_local(moment: dt.datetime) -> dt.datetime:
    """``moment`` on the counter's clock (China Standard Time): every time shown or printed.
    A naive value is taken as UTC (what the database stores), never as the PC's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(CHINA)
