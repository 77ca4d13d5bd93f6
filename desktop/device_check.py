"""This PC's devices as configured (管理 → 设备, ``tongban devices list|test``) and their 测试.

``configured(settings)`` says what is set, without touching a device. ``check_device(name,
settings)`` talks to one device and returns a ``DeviceReport`` whose message is Chinese text
(desktop/messages/devices.py and the devices' own tables). It blocks: the dialog runs it on the
task manager's pool (desktop/taskman.py), never on the GUI thread; the readers' own I/O still
runs on their drivers' device threads. No personal data is read: the ID card test asks the
reader's SAM for its status without a card, the 社保卡 test lists readers.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from models import device_settings as ds
from models.errors import UserFacingError
from models.settings import CAMERA, RECEIPT_PRINTER, Settings

logger = logging.getLogger(__name__)

#: name → label, in the order the dialog and ``tongban devices list`` show them
DEVICES: dict[str, str] = {
    "card": "社保卡读卡器",
    "idcard": "身份证阅读器",
    "camera": "高拍仪/摄像头",
    "evaluator": "评价器",
    "a4_printer": "A4 打印机",
    "receipt_printer": "回执打印机",
}
PDF_PREFIX = "pdf:"  # as desktop/case_printing.py: a file printer writing PDFs to a folder
_RESOLUTION = re.compile(r"^\s*(\d{3,5})\s*[xX×*]\s*(\d{3,5})\s*$")


@dataclass(frozen=True)
class DeviceReport:
    name: str
    label: str
    setting: str  # what is configured, as shown
    ok: bool
    message: str  # Chinese, for the clerk

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "label": self.label, "setting": self.setting, "ok": self.ok, "message": self.message}


def _say(code: str, **params: object) -> str:
    from desktop.messages import render, without_case_keys

    return without_case_keys(render(UserFacingError(code, **params)))  # a device test has no case


def parse_resolution(value: str) -> tuple[int, int] | None:
    """ "2592x1944" → (2592, 1944); "" → None (the camera's default); raises UserFacingError."""
    if not value.strip():
        return None
    found = _RESOLUTION.match(value)
    if not found:
        raise UserFacingError("devices.bad_resolution", value=value)
    return int(found[1]), int(found[2])


def configured(settings: Settings) -> dict[str, str]:
    """What each device is set to, as shown to the clerk (no I/O)."""
    card = ds.CARD_BACKEND.get(settings)
    if ds.CARD_LIBRARY.get(settings):
        card += f" {ds.CARD_LIBRARY.get(settings)}"
    idcard = ds.IDCARD_BACKEND.get(settings)
    if idcard in ("serial", "auto") and ds.IDCARD_PORT.get(settings):
        idcard += f" {ds.IDCARD_PORT.get(settings)} {ds.IDCARD_BAUD.get(settings)}"
    if idcard in ("library", "auto") and ds.IDCARD_LIBRARY.get(settings):
        idcard += f" {ds.IDCARD_LIBRARY.get(settings)} 端口{ds.IDCARD_LIBRARY_PORT.get(settings)}"
    camera = CAMERA.get(settings)
    if ds.CAMERA_RESOLUTION.get(settings):
        camera += f" {ds.CAMERA_RESOLUTION.get(settings)}"
    evaluator = ds.EVALUATOR_BACKEND.get(settings)
    where = ds.EVALUATOR_PORT.get(settings) or ds.EVALUATOR_LIBRARY.get(settings)
    return {
        "card": card,
        "idcard": idcard,
        "camera": camera or "—",
        "evaluator": f"{evaluator} {where}".strip(),
        "a4_printer": ds.A4_PRINTER.get(settings) or "（系统默认打印机）",
        "receipt_printer": _receipt_shown(settings),
    }


def _receipt_shown(settings: Settings) -> str:
    raw = ds.escpos_values(settings)
    if raw["mode"] == "escpos":
        return f"ESC/POS {raw['port'].strip() or '（未设置端口）'}"
    return RECEIPT_PRINTER.get(settings) or "（不用回执打印机）"


def list_devices(settings: Settings) -> list[tuple[str, str, str]]:
    """(name, label, configured) for every device."""
    shown = configured(settings)
    return [(name, label, shown[name]) for name, label in DEVICES.items()]


def check_device(
    name: str, settings: Settings, *, timeout: float = 10.0, running_idcard: object | None = None
) -> DeviceReport:
    """Talk to one device; never raises for what a clerk can fix (the message says what to do).

    ``running_idcard`` is the counter's own ``IdCardManager`` (desktop/main_window.py): when
    ``settings`` name the same reader, the test goes through it, between two of its polls, instead
    of opening the port a second time (which the running reader holds: "正被其他程序占用")."""
    if name not in DEVICES:
        raise UserFacingError("devices.unknown", name=name, names="、".join(DEVICES))
    tests = {
        "card": _test_card,
        "idcard": lambda s, t: _test_idcard(s, t, running_idcard),
        "camera": _test_camera,
        "evaluator": _test_evaluator,
        "a4_printer": lambda s, t: _test_printer(ds.A4_PRINTER.get(s).strip(), receipt=False),
        "receipt_printer": _test_receipt_printer,
    }
    setting = configured(settings)[name]
    try:
        ok, message = tests[name](settings, timeout)
    except UserFacingError as exc:
        ok, message = False, _say(exc.code, **exc.params)
    logger.info("device test %s: %s", name, "ok" if ok else "failed")
    return DeviceReport(name, DEVICES[name], setting, ok, message)


# The tests (blocking) ---------------------------------------------------------------------


def _test_card(settings: Settings, timeout: float) -> tuple[bool, str]:
    from devices.card import CardManager

    backend = ds.CARD_BACKEND.get(settings)
    if backend == "none":
        return True, _say("devices.card_off")
    manager = CardManager(backend, sscard_library=ds.CARD_LIBRARY.get(settings) or None, timeout=timeout)
    try:
        readers = manager.list_readers()
    finally:
        manager.close()
    if not readers:
        return False, _say("devices.card_none")
    return True, _say("devices.card_ok", readers="、".join(r.name for r in readers))


def same_idcard_reader(running: object | None, settings: Settings) -> bool:
    """Whether ``running`` (an IdCardManager) is the reader ``settings`` describe (time-out aside)."""
    import dataclasses

    from devices.idcard import IdCardConfig, IdCardManager

    if not isinstance(running, IdCardManager):
        return False
    wanted = IdCardConfig(**ds.idcard_values(settings), timeout=running.config.timeout)
    return dataclasses.replace(running.config, virtual_card=wanted.virtual_card) == wanted


def _test_idcard(settings: Settings, timeout: float, running: object | None = None) -> tuple[bool, str]:
    from devices.idcard import IdCardConfig, IdCardManager

    config = IdCardConfig(**ds.idcard_values(settings), timeout=timeout)
    if same_idcard_reader(running, settings):
        assert isinstance(running, IdCardManager)
        # Its driver's device thread runs the SAM status query between two polls.
        reader = running.check()
    else:
        manager = IdCardManager(config)
        try:
            reader = manager.check()
        finally:
            manager.close()
    if config.backend == "virtual":
        return True, _say("devices.idcard_virtual")
    return True, _say("devices.idcard_ok", reader=reader)


def _test_camera(settings: Settings, timeout: float) -> tuple[bool, str]:
    from devices.camera.base import CameraSource
    from devices.camera.manager import opencv_available

    spec = CAMERA.get(settings).strip()
    if not spec:
        raise UserFacingError("camera.not_configured")
    wanted = parse_resolution(ds.CAMERA_RESOLUTION.get(settings))
    if not opencv_available():
        raise UserFacingError("camera.unavailable")
    from devices.camera.capture import open_video_capture

    # The very code the 高拍仪 window opens the camera with (MJPG first, then the size).
    source = CameraSource.parse(spec, resolution=wanted)
    cap = open_video_capture(source)
    try:
        ok, image = cap.read()
    finally:
        cap.release()
    shown = source.describe()
    if not ok or image is None:
        return False, _say("devices.camera_no_frame", source=shown)
    height, width = int(image.shape[0]), int(image.shape[1])
    if wanted and source.is_device and (width, height) != wanted:
        return False, _say("devices.camera_resolution", wanted=f"{wanted[0]}x{wanted[1]}", width=width, height=height)
    return True, _say("devices.camera_ok", source=shown, width=width, height=height)


def _test_evaluator(settings: Settings, timeout: float) -> tuple[bool, str]:
    """The pad is pinged (TBEV/1 PING, or the vendor library loaded): no rating is asked for."""
    from devices.evaluator import EvaluatorConfig, EvaluatorManager

    manager = EvaluatorManager(EvaluatorConfig(**ds.evaluator_values(settings)))
    if not manager.uses_device:
        return True, _say("devices.evaluator_screen")
    try:
        where = manager.driver.check()
    except UserFacingError as exc:
        # The pad's messages end with what to do for the case at hand (F11, F4): not in 设置.
        from desktop.messages.evaluator import CASE_FALLBACK

        return False, _say(exc.code, **exc.params).removesuffix(CASE_FALLBACK)
    finally:
        manager.close()
    return True, _say("devices.evaluator_ok", where=where)


def _test_receipt_printer(settings: Settings, timeout: float) -> tuple[bool, str]:
    """The receipt printer as the counter prints to it: raw ESC/POS to its port (a short test
    slip, then its status asked) or the system printer's 80 mm test page."""
    raw = ds.escpos_values(settings)
    if raw["mode"] != "escpos":
        return _test_printer(RECEIPT_PRINTER.get(settings).strip(), receipt=True)
    import datetime as dt

    from devices.receipt_printer import check as print_slip
    from printing.escpos import options_from, render_test_slip

    port = str(raw["port"]).strip()
    slip = render_test_slip(options_from(raw), dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    answered = print_slip(port, slip, int(raw["baudrate"]), timeout=min(timeout, 5.0))
    return True, _say("devices.escpos_ok" if answered else "devices.escpos_sent", port=port)


def _ensure_gui_app() -> None:
    """Painting text needs a QGuiApplication; the CLI on a server without a display gets the
    offscreen platform (the printer still prints: only the painting is local)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication([])


def _test_printer(spec: str, *, receipt: bool) -> tuple[bool, str]:
    if receipt and not spec:
        return True, _say("devices.receipt_none")
    _ensure_gui_app()
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    if spec.startswith(PDF_PREFIX):
        folder = Path(spec[len(PDF_PREFIX) :])
        target = folder / ("回执打印机测试页.pdf" if receipt else "A4打印机测试页.pdf")
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            return False, _say("devices.printer_folder", path=str(folder))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        shown = str(target)
    else:
        name = spec or QPrinterInfo.defaultPrinterName()
        if not name:
            return False, _say("devices.printer_no_default")
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            return False, _say("devices.printer_missing", printer=name)
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        shown = name
    if not _paint_test_page(printer, receipt=receipt):
        if spec.startswith(PDF_PREFIX):
            return False, _say("devices.printer_folder", path=str(Path(spec[len(PDF_PREFIX) :])))
        return False, _say("devices.printer_failed", printer=shown)
    if spec.startswith(PDF_PREFIX):
        return True, _say("devices.printer_pdf_ok", path=shown)
    return True, _say("devices.printer_ok", printer=shown)


def _paint_test_page(printer: object, *, receipt: bool) -> bool:
    import datetime as dt

    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    if receipt:
        size = QPageSize(QSizeF(80, 100), QPageSize.Unit.Millimeter, "80mm")
        printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(4, 4, 4, 4)))
    else:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName("医保通办测试页")
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        font = QFont()
        font.setPointSize(11 if receipt else 16)
        painter.setFont(font)
        text = "\n".join(
            [
                "医保通办 打印机测试页",
                "回执打印机（80mm）" if receipt else "A4 打印机",
                dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                "能看到这一页，说明打印机设置正确。",
            ]
        )
        box = QRectF(0, 0, area.width(), area.height())
        painter.drawRect(box.adjusted(2, 2, -2, -2))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
    finally:
        painter.end()
    logger.info("printer test page sent (%s)", "receipt" if receipt else "A4")
    return True
