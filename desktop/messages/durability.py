"""Chinese text for durability: failed upgrades, and the main window's read-only / disk / clock banner.

The banner's sentences live in ``MESSAGES`` beside the error codes (keys ``banner.*`` and
``duration.*``), so that scripts/i18n.py collects them with every other message and
``messages.render`` shows them in the interface language; the CLI (``tongban db info``) gets
the Chinese source, as with every message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.errors import UserFacingError

if TYPE_CHECKING:
    from models.clock_guard import ClockStatus
    from widgets.banner import BannerLine

MESSAGES: dict[str, str] = {
    "db.migration_failed": (
        "数据库升级到版本 {revision} 时出错，已自动恢复为升级前的数据库，已保存的办件没有丢失。"
        "出错的文件已另存在数据目录的 backups 文件夹中，请联系技术支持。在此之前请继续使用原版本程序。"
    ),
    "db.migration_restore_failed": (
        "数据库升级失败，且未能自动恢复。请不要删除或改动数据目录，立即联系技术支持；升级前的备份保存在：{backup}"
    ),
    # The main window's banner (widgets/banner.py): one line per trouble, most serious first.
    "banner.read_only": (
        "只读模式：数据目录当前不可写入。仍可登录、查询办件、打印（证件号码只显示部分；打印记录和操作日志先暂存，"
        "恢复可写后自动补记）；不能新受理、批量导入，也不能办理、修改办件。"
    ),
    "banner.disk_full": (
        "磁盘空间已满（仅剩 {free_mb} MB）：为保护已保存的数据，已暂停新受理和办理。仍可查询办件、打印。"
        "请清理磁盘，空间恢复后自动解除。"
    ),
    "banner.disk_low": "磁盘剩余空间仅 {free_mb} MB，请尽快清理磁盘（低于 {floor_mb} MB 时将暂停新受理）。",
    "banner.clock_behind": (
        "本机时钟可能被调回：比本站已记录的最晚时间早 {minutes}。请核对电脑日期和时间；"
        "在此期间受理的办件，承诺办结日期按已知的最晚日期计算，并在办理过程中注明。"
    ),
    "banner.clock_hub_slow": (
        "本机时钟比中心端慢 {minutes}（上次同步时）。请校准电脑时间后再同步一次；"
        "在此期间受理的办件，承诺办结日期按中心端时间计算，并在办理过程中注明。"
    ),
    "banner.clock_hub_fast": (
        "本机时钟比中心端快 {minutes}（上次同步时）。请校准电脑时间后再同步一次；"
        "在此期间受理的办件，承诺办结日期按中心端时间计算，并在办理过程中注明。"
    ),
    # How far off a clock is (the banner's {minutes}).
    "duration.days_hours": "{days} 天 {hours} 小时",
    "duration.days": "{days} 天",
    "duration.hours_minutes": "{hours} 小时 {mins} 分钟",
    "duration.hours": "{hours} 小时",
    "duration.minutes": "{mins} 分钟",
}


def _say(key: str, **params: object) -> str:
    """``MESSAGES[key]`` filled, in the interface language (``messages.render``'s catalog)."""
    from desktop.messages import render  # this module is imported while desktop.messages loads

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
    from models.clock_guard import ClockTrouble

    if status.trouble is ClockTrouble.HUB_SKEW and status.hub_skew_minutes is not None:
        key = "banner.clock_hub_fast" if status.hub_skew_minutes > 0 else "banner.clock_hub_slow"
        return _say(key, minutes=duration_text(status.hub_skew_minutes))
    if status.trouble is ClockTrouble.BEHIND_HIGH_WATER:
        return _say("banner.clock_behind", minutes=duration_text(status.behind_minutes))
    return ""
