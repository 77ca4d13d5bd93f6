"""Station-local settings, each declared once with its type and default (electrum ConfigVar).

Stored as JSON in the data directory. The station's identity (code, 行政区划代码, level) is
in the database (models/orm/station.py); these are this PC's preferences.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from models.fsutil import atomic_write

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    description: str

    def get(self, settings: Settings) -> T:
        value = settings.values.get(self.key, self.default)
        return value if isinstance(value, type(self.default)) else self.default

    def set(self, settings: Settings, value: T) -> None:
        settings.values[self.key] = value


HUB_URL = Setting("hub_url", "", "中心端地址 (sync)")
#: Plain ``http://`` to a hub that is not on this PC carries personal data in clear: refused
#: unless the operator sets this (``tongban station enroll --allow-http``), e.g. on a county
#: network that is itself encrypted (a VPN). Loopback and ``https://`` need nothing.
HUB_ALLOW_HTTP = Setting(
    "hub_allow_http", False, "允许以明文 http:// 连接其他电脑上的中心端 (不建议；仅限本身加密的专网)"
)
CAMERA = Setting("camera", "0", "摄像头序号或视频文件")
CARD_READER = Setting("card_reader", "", "读卡器名称 (空: 自动选择)")
IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", 10, "无操作自动锁屏 (分钟)")
DISK_WARN_MB = Setting("disk_warn_mb", 500, "磁盘剩余空间低于此值时提醒 (MB)")
RECEIPT_PRINTER = Setting("receipt_printer", "", "回执打印机 (空: 回执用A4打印; pdf:目录 打印为PDF文件)")
A4_PRINTER = Setting("a4_printer", "", "A4 打印机 (空: 系统默认打印机; pdf:目录 打印为PDF文件)")
#: The seeds set no 补齐 period for 容缺受理; 5 working days follows 003's only 补齐补正 period
#: (定点申请 "申请机构应在5个工作日内补齐补正", 003#10059). A county may set its own.
DEFICIENCY_DAYS = Setting("deficiency_days", 5, "容缺受理补齐期限 (工作日；办事指南未规定，默认5个工作日)")
USB_BACKUP_DIR = Setting("usb_backup_dir", "", "U盘备份目录")
CLOCK_SKEW_MINUTES = Setting("clock_skew_minutes", 10, "本机时钟与中心端时间相差超过此值时提醒 (分钟)")
SYNC_PROBE_SECONDS = Setting("sync_probe_seconds", 30, "探测中心端是否可达的间隔 (秒；离线时从 5 秒起退避到此值)")
UI_LANGUAGE = Setting("ui_language", "zh_CN", "界面语言 (zh_CN 简体中文; en English)")
FONT_SCALE = Setting("font_scale", 1.0, "字体放大倍数 (1.0 标准; 1.25、1.5 大字模式)")
CUSTOMER_SCREEN_MASKED = Setting(
    "customer_screen_masked", False, "顾客屏遮蔽个人信息 (默认否：申请人核对自己的完整信息；顾客屏朝向排队人群时设为是)"
)
#: The clerk's own screens (the case desk's detail) show whole ID and phone numbers to the roles
#: allowed to see them (issue 15: "the clerk's screens mask only where configured"); a station
#: whose counter screen can be read from the queue masks them there too. Lists always mask.
CLERK_SCREEN_MASKED = Setting(
    "clerk_screen_masked",
    False,
    "柜员屏遮蔽身份证号和电话 (默认否：柜员要看到自己核对的信息；柜员屏可被排队人群看到时设为是)",
)
SYNC_AUTO_MINUTES = Setting("sync_auto_minutes", 5, "自动后台同步间隔 (分钟；0: 不自动同步)")

ALL: tuple[Setting[Any], ...] = (
    HUB_URL,
    HUB_ALLOW_HTTP,
    CAMERA,
    CARD_READER,
    IDLE_LOCK_MINUTES,
    DISK_WARN_MB,
    RECEIPT_PRINTER,
    A4_PRINTER,
    DEFICIENCY_DAYS,
    USB_BACKUP_DIR,
    CLOCK_SKEW_MINUTES,
    SYNC_PROBE_SECONDS,
    SYNC_AUTO_MINUTES,
    UI_LANGUAGE,
    FONT_SCALE,
    CUSTOMER_SCREEN_MASKED,
    CLERK_SCREEN_MASKED,
)


@dataclass
class Settings:
    path: Path
    values: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            values = {}
        except (OSError, ValueError):
            values = {}  # a damaged settings file must not stop the counter: defaults apply
        return cls(path, values if isinstance(values, dict) else {})

    def save(self) -> None:
        """Write atomically (temp file + rename) so a power cut never leaves half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(self.values, ensure_ascii=False, indent=2).encode("utf-8")
        atomic_write(self.path, body, prefix=".settings-")
