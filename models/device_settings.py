"""This PC's devices, as chosen in 管理 → 设备 (stored in settings.json beside the other settings).

Declared once with type and default, like models/settings.py (which keeps the older device
keys: ``camera``, ``card_reader``, ``receipt_printer``).
"""

from __future__ import annotations

from typing import Any

from models.settings import A4_PRINTER, Setting, Settings  # one a4_printer setting, shared with 打印机设置

CARD_BACKEND = Setting("card_backend", "auto", "社保卡读卡方式 (auto / pcsc / sscard)")
CARD_LIBRARY = Setting("card_library", "", "社保卡厂商 iReadCardBas 读卡库路径")
IDCARD_BACKEND = Setting("idcard_backend", "auto", "身份证阅读器方式 (auto / serial / library / virtual)")
IDCARD_PORT = Setting("idcard_port", "", "身份证阅读器串口 (COM3、/dev/ttyUSB0)")
IDCARD_BAUD = Setting("idcard_baud", 115200, "身份证阅读器波特率")
IDCARD_LIBRARY = Setting("idcard_library", "", "身份证阅读器厂商读卡库 (sdtapi / termb)")
IDCARD_LIBRARY_PORT = Setting("idcard_library_port", 1001, "厂商读卡库端口号 (1-16 串口, 1001-1016 USB)")
IDCARD_PHOTO_DECODER = Setting("idcard_photo_decoder", "", "经授权的身份证照片 (WLT) 解码库")
CAMERA_RESOLUTION = Setting("camera_resolution", "", "高拍仪拍照分辨率 (如 2592x1944; 空: 摄像头默认)")
CAMERA_PREVIEW_RESOLUTION = Setting(
    "camera_preview_resolution", "1280x960", "高拍仪预览分辨率 (取景画面; 空: 与拍照相同)"
)
CAMERA_CAPTURE_KEY = Setting("camera_capture_key", "", "拍照键 (空格之外另设一个, 如脚踏开关发出的 F10、PgDown)")
EVALUATOR_BACKEND = Setting("evaluator_backend", "screen", "评价方式 (screen 客户屏 / serial / library / virtual)")
EVALUATOR_PORT = Setting("evaluator_port", "", "评价器串口")
EVALUATOR_BAUD = Setting("evaluator_baud", 9600, "评价器波特率")
EVALUATOR_LIBRARY = Setting("evaluator_library", "", "评价器厂商库路径")
EVALUATOR_FUNCTION = Setting("evaluator_function", "", "评价器厂商库中开始评价的函数名")
EVALUATOR_SCALE = Setting("evaluator_scale", 5, "评价器按键数 (3: 满意/一般/不满意; 5: 五级)")
EVALUATOR_TIMEOUT = Setting("evaluator_timeout", 60, "等待申请人按评价键的秒数")
#: 80 mm receipts: "system" prints the PDF through the printer named in ``receipt_printer`` (Qt);
#: "escpos" sends raw ESC/POS to ``receipt_printer_port`` (printing/escpos.py, devices/receipt_printer).
RECEIPT_PRINTER_MODE = Setting(
    "receipt_printer_mode", "system", "回执打印方式 (system 系统打印机 / escpos 直连ESC/POS)"
)
RECEIPT_PRINTER_PORT = Setting(
    "receipt_printer_port",
    "",
    "ESC/POS 回执打印机端口 (/dev/usb/lp0、COM3、/dev/ttyUSB0、tcp:IP[:9100]、win32:打印机名)",
)
RECEIPT_PRINTER_BAUD = Setting("receipt_printer_baud", 9600, "ESC/POS 串口波特率")
RECEIPT_PRINTER_FONT = Setting("receipt_printer_font", "gbk", "回执打印机自带字库 (gb2312 / gbk / gb18030)")
RECEIPT_PRINTER_DOTS = Setting("receipt_printer_dots", 576, "回执打印宽度点数 (80mm: 576, 58mm: 384)")
#: A receipt with a character the printer's font lacks (生僻字): "raster" prints those lines as
#: images on the roll, "a4" sends the whole receipt to the A4 printer instead.
RECEIPT_PRINTER_FALLBACK = Setting(
    "receipt_printer_fallback", "raster", "字库缺字时 (raster 按图像打印 / a4 改用A4打印)"
)
#: 套打 calibration per printer name ("" = the system's default printer), from
#: ``tongban print calibration --measured``: {printer: {"dx_mm": .., "dy_mm": .., "scale": ..}}.
OVERLAY_CALIBRATION: Setting[dict[str, Any]] = Setting("overlay_calibration", {}, "套打校准 (每台打印机的偏移和缩放)")

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
    CAMERA_PREVIEW_RESOLUTION,
    CAMERA_CAPTURE_KEY,
    EVALUATOR_BACKEND,
    EVALUATOR_PORT,
    EVALUATOR_BAUD,
    EVALUATOR_LIBRARY,
    EVALUATOR_FUNCTION,
    EVALUATOR_SCALE,
    EVALUATOR_TIMEOUT,
    A4_PRINTER,
    RECEIPT_PRINTER_MODE,
    RECEIPT_PRINTER_PORT,
    RECEIPT_PRINTER_BAUD,
    RECEIPT_PRINTER_FONT,
    RECEIPT_PRINTER_DOTS,
    RECEIPT_PRINTER_FALLBACK,
    OVERLAY_CALIBRATION,
)


def escpos_values(settings: Settings) -> dict[str, Any]:
    """The ESC/POS receipt printer's settings (mode, port, baud, font, dots, fallback)."""
    return {
        "mode": RECEIPT_PRINTER_MODE.get(settings),
        "port": RECEIPT_PRINTER_PORT.get(settings),
        "baudrate": RECEIPT_PRINTER_BAUD.get(settings),
        "font": RECEIPT_PRINTER_FONT.get(settings),
        "dots": RECEIPT_PRINTER_DOTS.get(settings),
        "fallback": RECEIPT_PRINTER_FALLBACK.get(settings),
    }


def overlay_calibration(settings: Settings, printer: str) -> tuple[float, float, float] | None:
    """(dx_mm, dy_mm, scale) of ``printer``'s 套打 calibration, or None when it has none."""
    entry = OVERLAY_CALIBRATION.get(settings).get(printer)
    if not isinstance(entry, dict):
        return None
    try:
        return float(entry["dx_mm"]), float(entry["dy_mm"]), float(entry["scale"])
    except (KeyError, TypeError, ValueError):
        return None


def set_overlay_calibration(settings: Settings, printer: str, dx_mm: float, dy_mm: float, scale: float) -> None:
    table = dict(OVERLAY_CALIBRATION.get(settings))
    table[printer] = {"dx_mm": dx_mm, "dy_mm": dy_mm, "scale": scale}
    OVERLAY_CALIBRATION.set(settings, table)


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


def evaluator_values(settings: Settings) -> dict[str, Any]:
    """The evaluator pad's settings as keyword arguments for devices.evaluator.EvaluatorConfig."""
    return {
        "backend": EVALUATOR_BACKEND.get(settings),
        "port": EVALUATOR_PORT.get(settings),
        "baudrate": EVALUATOR_BAUD.get(settings),
        "library": EVALUATOR_LIBRARY.get(settings),
        "function": EVALUATOR_FUNCTION.get(settings),
        "scale": EVALUATOR_SCALE.get(settings),
        "timeout": float(EVALUATOR_TIMEOUT.get(settings)),
    }


def parse_resolution(text: str) -> tuple[int, int] | None:
    """``"2592x1944"`` → (2592, 1944); empty or malformed → None (the camera's default)."""
    width, sep, height = text.strip().lower().replace("×", "x").partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        return None
    w, h = int(width), int(height)
    return (w, h) if 0 < w <= 20000 and 0 < h <= 20000 else None
