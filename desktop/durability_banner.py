"""What the main window's durability banner says (read-only, disk space, clock), and the clock's
trouble in a sentence for ``tongban db info``.

The sentences are desktop/messages/durability.py's ``banner.*`` and ``duration.*`` entries,
rendered by ``messages.render`` in the interface language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.messages import render
from models.clock_guard import ClockTrouble
from models.errors import UserFacingError

if TYPE_CHECKING:
    from models.clock_guard import ClockStatus
    from widgets.banner import BannerLine


def _say(key: str, **params: object) -> str:
    """``MESSAGES[key]`` filled, in the interface language (``messages.render``'s catalog)."""
    return render(UserFacingError(key, **params))


def duration_text(minutes: int) -> str:
    """``2 天 3 小时`` / ``3 小时`` / ``25 分钟``: how far off a clock is, for the banner."""
    minutes = abs(minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _say("duration.days_hours", days=days, hours=hours) if hours else _say("duration.days", days=days)
    if hours:
        return _say("duration.hours_minutes", hours=hours, mins=mins) if mins else _say("duration.hours", hours=hours)
    return _say("duration.minutes", mins=mins)


def banner_lines(
    *, read_only: bool, free_mb: int, floor_mb: int, disk_low: bool, clock: ClockStatus | None
) -> list[BannerLine]:
    """What the main window's banner says, most serious first (empty: nothing to say)."""
    from widgets.banner import BannerLevel, BannerLine

    lines: list[BannerLine] = []
    if read_only:
        lines.append(BannerLine(BannerLevel.ERROR, _say("banner.read_only")))
    elif free_mb < floor_mb:
        lines.append(BannerLine(BannerLevel.ERROR, _say("banner.disk_full", free_mb=free_mb)))
    if disk_low and free_mb >= floor_mb:
        lines.append(BannerLine(BannerLevel.WARNING, _say("banner.disk_low", free_mb=free_mb, floor_mb=floor_mb)))
    clock_line = clock_text(clock) if clock is not None else ""
    if clock_line:
        lines.append(BannerLine(BannerLevel.WARNING, clock_line))
    return lines


def clock_text(status: ClockStatus) -> str:
    """The clock's trouble in a sentence ("" when the clock is fine); Qt-free, for the CLI too."""
    if status.trouble is ClockTrouble.HUB_SKEW and status.hub_skew_minutes is not None:
        key = "banner.clock_hub_fast" if status.hub_skew_minutes > 0 else "banner.clock_hub_slow"
        return _say(key, minutes=duration_text(status.hub_skew_minutes))
    if status.trouble is ClockTrouble.BEHIND_HIGH_WATER:
        return _say("banner.clock_behind", minutes=duration_text(status.behind_minutes))
    return ""
