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
    return moment.astimezone(CHINA).date()
