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
CAMERA = Setting("camera", "0", "摄像头序号或视频文件")
CARD_READER = Setting("card_reader", "", "读卡器名称 (空: 自动选择)")
IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", 10, "无操作自动锁屏 (分钟)")
DISK_WARN_MB = Setting("disk_warn_mb", 500, "磁盘剩余空间低于此值时提醒 (MB)")
RECEIPT_PRINTER = Setting("receipt_printer", "", "回执打印机 (空: A4 默认打印机)")
USB_BACKUP_DIR = Setting("usb_backup_dir", "", "U盘备份目录")
CLOCK_SKEW_MINUTES = Setting("clock_skew_minutes", 10, "本机时钟与中心端时间相差超过此值时提醒 (分钟)")
SYNC_PROBE_SECONDS = Setting("sync_probe_seconds", 30, "探测中心端是否可达的间隔 (秒；离线时从 5 秒起退避到此值)")
UI_LANGUAGE = Setting("ui_language", "zh_CN", "界面语言 (zh_CN 简体中文; en English)")
FONT_SCALE = Setting("font_scale", 1.0, "字体放大倍数 (1.0 标准; 1.25、1.5 大字模式)")
CUSTOMER_SCREEN_MASKED = Setting(
    "customer_screen_masked", False, "顾客屏遮蔽个人信息 (默认否：申请人核对自己的完整信息；顾客屏朝向排队人群时设为是)"
)
SYNC_AUTO_MINUTES = Setting("sync_auto_minutes", 5, "自动后台同步间隔 (分钟；0: 不自动同步)")

ALL: tuple[Setting[Any], ...] = (
    HUB_URL,
    CAMERA,
    CARD_READER,
    IDLE_LOCK_MINUTES,
    DISK_WARN_MB,
    RECEIPT_PRINTER,
    USB_BACKUP_DIR,
    CLOCK_SKEW_MINUTES,
    SYNC_PROBE_SECONDS,
    SYNC_AUTO_MINUTES,
    UI_LANGUAGE,
    FONT_SCALE,
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
