"""Chinese text for durability: failed upgrades, and the main window's read-only / disk / clock banner.

The banner's sentences live in ``MESSAGES`` beside the error codes (keys ``banner.*`` and
``duration.*``), so that scripts/i18n.py collects them with every other message and
``messages.render`` shows them in the interface language; the CLI (``tongban db info``) gets
the Chinese source, as with every message. desktop/durability_banner.py puts them together.
"""

from __future__ import annotations

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
