"""This PC's devices, as chosen in 管理 → 设备 (stored in settings.json beside the other settings).

Declared once with type and default, like models/settings.py (which keeps the older device
keys: ``camera``, ``card_reader``, ``receipt_printer``).
"""

from __future__ import annotations

from typing import Any

from models.settings import Setting, Settings

CARD_BACKEND = Setting("card_backend", "auto", "社保卡读卡方式 (auto / pcsc / sscard)")
CARD_LIBRARY = Setting("card_library", "", "社保卡厂商 iReadCardBas 读卡库路径")
IDCARD_BACKEND = Setting("idcard_backend", "auto", "身份证阅读器方式 (auto / serial / library / virtual)")
IDCARD_PORT = Setting("idcard_port", "", "身份证阅读器串口 (COM3、/dev/ttyUSB0)")
IDCARD_BAUD = Setting("idcard_baud", 115200, "身份证阅读器波特率")
IDCARD_LIBRARY = Setting("idcard_library", "", "身份证阅读器厂商读卡库 (sdtapi / termb)")
IDCARD_LIBRARY_PORT = Setting("idcard_library_port", 1001, "厂商读卡库端口号 (1-16 串口, 1001-1016 USB)")
IDCARD_PHOTO_DECODER = Setting("idcard_photo_decoder", "", "经授权的身份证照片 (WLT) 解码库")
CAMERA_RESOLUTION = Setting("camera_resolution", "", "高拍仪拍照分辨率 (如 2592x1944; 空: 摄像头默认)")
EVALUATOR_BACKEND = Setting("evaluator_backend", "screen", "评价方式 (screen 客户屏 / serial / library / virtual)")
EVALUATOR_PORT = Setting("evaluator_port", "", "评价器串口")
EVALUATOR_LIBRARY = Setting("evaluator_library", "", "评价器厂商库路径")
A4_PRINTER = Setting("a4_printer", "", "A4 打印机 (空: 系统默认打印机)")

ALL: tuple[Setting[Any], ...] = (
    CARD_BACKEND,
    CARD_LIBRARY,
    IDCARD_BACKEND,
    IDCARD_PORT,
    IDCARD_BAUD,
    IDCARD_LIBRARY,
    IDCARD_LIBRARY_PORT,
    IDCARD_PHOTO_DECODER,
    CAMERA_RESOLUTION,
    EVALUATOR_BACKEND,
    EVALUATOR_PORT,
    EVALUATOR_LIBRARY,
    A4_PRINTER,
)


def idcard_values(settings: Settings) -> dict[str, Any]:
    """The ID card reader's settings as keyword arguments for devices.idcard.IdCardConfig."""
    return {
        "backend": IDCARD_BACKEND.get(settings),
        "port": IDCARD_PORT.get(settings),
        "baudrate": IDCARD_BAUD.get(settings),
        "library": IDCARD_LIBRARY.get(settings),
        "library_port": IDCARD_LIBRARY_PORT.get(settings),
        "photo_decoder": IDCARD_PHOTO_DECODER.get(settings),
    }
