"""管理 → 设备: this PC's 社保卡 reader, ID card reader, camera, evaluator and printers (issue 19 item 4).

Each device has a 测试 button: the test (desktop/device_check.py) runs on the task manager's
pool with the values on screen (not yet saved), and its answer comes back as Chinese text
beside the button. 保存 writes settings.json (models/device_settings.py, models/settings.py);
the main window then restarts only the devices whose settings changed (``changed_devices``).
The ID card 测试 goes through the counter's running reader when it is the same one
(``running_idcard``), so it neither fights the reader's polling for the port nor stops it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.device_check import DEVICES, DeviceReport, check_device
from desktop.operations import Operations
from desktop.printer_settings import PrinterChoice
from models import device_settings as ds
from models.settings import CAMERA, RECEIPT_PRINTER, Settings

ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1b6e20;"
RESOLUTIONS = ("", "1280x720", "1920x1080", "2592x1944", "3264x2448", "4208x3120")
BAUDS = (115200, 57600, 38400, 19200, 9600)
PORTABLE = QKeySequence.SequenceFormat.PortableText
PRINTER_BAUDS = (9600, 19200, 38400, 57600, 115200)
#: setting key → device name, for "which devices did 保存 change"
SETTING_DEVICE: dict[str, str] = {
    **{k: "card" for k in (ds.CARD_BACKEND.key, ds.CARD_LIBRARY.key)},
    **{
        k: "idcard"
        for k in (
            ds.IDCARD_BACKEND.key,
            ds.IDCARD_PORT.key,
            ds.IDCARD_BAUD.key,
            ds.IDCARD_LIBRARY.key,
            ds.IDCARD_LIBRARY_PORT.key,
            ds.IDCARD_PHOTO_DECODER.key,
        )
    },
    **{
        k: "camera"
        for k in (CAMERA.key, ds.CAMERA_RESOLUTION.key, ds.CAMERA_PREVIEW_RESOLUTION.key, ds.CAMERA_CAPTURE_KEY.key)
    },
    **{
        k: "evaluator"
        for k in (
            ds.EVALUATOR_BACKEND.key,
            ds.EVALUATOR_PORT.key,
            ds.EVALUATOR_BAUD.key,
            ds.EVALUATOR_LIBRARY.key,
            ds.EVALUATOR_FUNCTION.key,
            ds.EVALUATOR_SCALE.key,
            ds.EVALUATOR_TIMEOUT.key,
        )
    },
    ds.A4_PRINTER.key: "a4_printer",
    **{
        k: "receipt_printer"
        for k in (
            RECEIPT_PRINTER.key,
            ds.RECEIPT_PRINTER_MODE.key,
            ds.RECEIPT_PRINTER_PORT.key,
            ds.RECEIPT_PRINTER_BAUD.key,
            ds.RECEIPT_PRINTER_FONT.key,
            ds.RECEIPT_PRINTER_DOTS.key,
        )
    },
}


def _row(*widgets: QWidget | str, stretch: tuple[int, ...] = ()) -> QWidget:
    """Widgets (a str is a label) side by side; the indexes in ``stretch`` take the spare room."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    for n, item in enumerate(widgets):
        line.addWidget(QLabel(item) if isinstance(item, str) else item, 1 if n in stretch else 0)
    return row


def escpos_ports() -> list[str]:
    """Where an ESC/POS printer may be: USB printer-class nodes, then the serial ports."""
    import glob

    return sorted(glob.glob("/dev/usb/lp*")) + serial_ports()


def _combo(choices: list[tuple[str, str]], value: str) -> QComboBox:
    box = QComboBox()
    for data, text in choices:
        box.addItem(text, data)
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))
    return box


def serial_ports() -> list[str]:
    """The serial ports the system lists now (COM3, /dev/ttyUSB0, …)."""
    try:
        from serial.tools import list_ports
    except ImportError:  # pragma: no cover - pyserial is a dependency
        return []
    return sorted(p.device for p in list_ports.comports())


class PathField(QWidget):
    """A file path typed or chosen with 浏览…."""

    def __init__(self, value: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(value)
        self.edit.setAccessibleName(title)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(lambda: self._choose(title))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def _choose(self, title: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, title)
        if path:
            self.edit.setText(path)

    def value(self) -> str:
        return self.edit.text().strip()


class DeviceSettingsDialog(QDialog):
    """Not modal to the counter's data: the tests run off the GUI thread, results as they come."""

    def __init__(
        self,
        settings: Settings,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        on_saved: Callable[[set[str]], None] | None = None,
        running_idcard: Callable[[], object | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._ops = ops
        self._on_saved = on_saved
        self._running_idcard = running_idcard
        #: devices whose settings the last 保存 changed (desktop/main_window.py restarts those)
        self.changed: set[str] = set()
        self.setWindowTitle(self.tr("设备设置"))
        self.results: dict[str, QLabel] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self._titles = {
            "card": self.tr("社保卡读卡器"),
            "idcard": self.tr("身份证阅读器"),
            "camera": self.tr("高拍仪/摄像头"),
            "evaluator": self.tr("评价器"),
            "a4_printer": self.tr("A4 打印机"),
            "receipt_printer": self.tr("回执打印机（80mm）"),
        }
        assert set(self._titles) == set(DEVICES)
        self._build_card_fields()
        self._build_idcard_fields()
        self._build_camera_fields()
        self._build_evaluator_fields()
        self._build_printer_fields()
        self._build_buttons(self._build_sections())
        self._wire()

    def _build_card_fields(self) -> None:
        s = self.settings
        self.card_backend = _combo(
            [
                ("auto", self.tr("自动（厂商读卡库优先，否则 PC/SC）")),
                ("pcsc", self.tr("PC/SC 读卡器")),
                ("sscard", self.tr("厂商读卡库（iReadCardBas）")),
                ("virtual", self.tr("虚拟社保卡（演示）")),
                ("none", self.tr("不使用")),
            ],
            ds.CARD_BACKEND.get(s),
        )
        self.card_library = PathField(ds.CARD_LIBRARY.get(s), self.tr("社保卡厂商读卡库"))

    def _build_idcard_fields(self) -> None:
        s = self.settings
        self.idcard_backend = _combo(
            [
                ("auto", self.tr("自动（按下面填写的读卡库或串口）")),
                ("serial", self.tr("串口 / USB 转串口（GA 467 协议）")),
                ("library", self.tr("厂商读卡库（sdtapi / termb）")),
                ("virtual", self.tr("虚拟阅读器（演示，虚构数据）")),
            ],
            ds.IDCARD_BACKEND.get(s),
        )
        self.idcard_port = QComboBox()
        self.idcard_port.setEditable(True)
        self.idcard_port.addItems(serial_ports())
        self.idcard_port.setEditText(ds.IDCARD_PORT.get(s))
        port_edit = self.idcard_port.lineEdit()
        if port_edit is not None:
            port_edit.setPlaceholderText(self.tr("COM3 或 /dev/ttyUSB0"))
        self.idcard_baud = QComboBox()
        for baud in BAUDS:
            self.idcard_baud.addItem(str(baud), baud)
        self.idcard_baud.setCurrentIndex(max(self.idcard_baud.findData(ds.IDCARD_BAUD.get(s)), 0))
        self.idcard_library = PathField(ds.IDCARD_LIBRARY.get(s), self.tr("身份证阅读器厂商读卡库"))
        self.idcard_library_port = QSpinBox()
        self.idcard_library_port.setRange(1, 9999)
        self.idcard_library_port.setValue(ds.IDCARD_LIBRARY_PORT.get(s))
        self.idcard_library_port.setToolTip(self.tr("1–16 为串口，1001–1016 为 USB"))
        self.idcard_decoder = PathField(ds.IDCARD_PHOTO_DECODER.get(s), self.tr("经授权的照片解码库"))

    def _build_camera_fields(self) -> None:
        s = self.settings
        self.camera = QComboBox()
        self.camera.setEditable(True)
        self.camera.addItems([str(i) for i in range(4)])
        self.camera.setEditText(CAMERA.get(s))
        self.camera.setToolTip(self.tr("摄像头编号（0 为第一个），或视频/图片文件路径"))
        self.resolution = QComboBox()
        self.resolution.setEditable(True)
        for value in RESOLUTIONS:
            self.resolution.addItem(value or self.tr("（摄像头默认）"), value)
        self._set_combo_value(self.resolution, ds.CAMERA_RESOLUTION.get(s))
        self.preview = QComboBox()
        self.preview.setEditable(True)
        for value in ("", "640x480", "1280x720", "1280x960", "1920x1080"):
            self.preview.addItem(value or self.tr("（与拍照相同）"), value)
        self._set_combo_value(self.preview, ds.CAMERA_PREVIEW_RESOLUTION.get(s))
        self.preview.setToolTip(self.tr("取景画面的分辨率：低一些画面更流畅，拍照时仍用拍照分辨率"))
        self.capture_key = QKeySequenceEdit(QKeySequence(ds.CAMERA_CAPTURE_KEY.get(s)))
        self.capture_key.setMaximumSequenceLength(1)
        self.capture_key.setClearButtonEnabled(True)
        key_edit = self.capture_key.findChild(QLineEdit)
        if key_edit is not None:  # Qt's own "Press shortcut" is not translated with ours
            key_edit.setPlaceholderText(self.tr("点此后踩一下脚踏开关"))
        self.capture_key.setToolTip(self.tr("空格键之外的拍照键：点这里后踩一下脚踏开关（或按要用的键）"))

    def _build_evaluator_fields(self) -> None:
        s = self.settings
        self.evaluator_backend = _combo(
            [
                ("screen", self.tr("客户屏评价（默认）")),
                ("serial", self.tr("串口评价器")),
                ("library", self.tr("厂商评价器库")),
                ("virtual", self.tr("虚拟评价器（演示）")),
            ],
            ds.EVALUATOR_BACKEND.get(s),
        )
        self.evaluator_port = QLineEdit(ds.EVALUATOR_PORT.get(s))
        self.evaluator_port.setPlaceholderText(self.tr("串口"))
        self.evaluator_library = PathField(ds.EVALUATOR_LIBRARY.get(s), self.tr("评价器厂商库"))
        self.evaluator_library.edit.setPlaceholderText(self.tr("厂商评价器库路径"))
        self.evaluator_function = QLineEdit(ds.EVALUATOR_FUNCTION.get(s))
        self.evaluator_function.setPlaceholderText(self.tr("开始评价的函数名"))
        self.evaluator_function.setToolTip(self.tr("厂商库中开始评价的导出函数名，见厂商的开发手册"))
        self.evaluator_scale = _combo(
            [("5", self.tr("五级")), ("3", self.tr("三级（满意/一般/不满意）"))], str(ds.EVALUATOR_SCALE.get(s))
        )
        self.evaluator_baud = QComboBox()
        for baud in PRINTER_BAUDS:
            self.evaluator_baud.addItem(str(baud), baud)
        self.evaluator_baud.setCurrentIndex(max(self.evaluator_baud.findData(ds.EVALUATOR_BAUD.get(s)), 0))
        self.evaluator_timeout = QSpinBox()
        self.evaluator_timeout.setRange(10, 600)
        self.evaluator_timeout.setSuffix(self.tr(" 秒"))
        self.evaluator_timeout.setValue(int(ds.EVALUATOR_TIMEOUT.get(s)))
        self.evaluator_timeout.setToolTip(self.tr("等待申请人按评价键的时间"))

    def _build_printer_fields(self) -> None:
        s = self.settings
        self.a4 = PrinterChoice(ds.A4_PRINTER.get(s), self.tr("（系统默认打印机）"))
        self.receipt = PrinterChoice(RECEIPT_PRINTER.get(s), self.tr("（不用回执打印机：回执用A4打印）"))
        self.receipt_mode = _combo(
            [("system", self.tr("系统打印机")), ("escpos", self.tr("ESC/POS 直连（端口）"))],
            ds.RECEIPT_PRINTER_MODE.get(s),
        )
        self.receipt_port = QComboBox()
        self.receipt_port.setEditable(True)
        self.receipt_port.addItems(escpos_ports())
        self.receipt_port.setEditText(ds.RECEIPT_PRINTER_PORT.get(s))
        self.receipt_port.setToolTip(
            self.tr("/dev/usb/lp0（USB）、COM3 或 /dev/ttyUSB0（串口）、tcp:IP（网口）、win32:打印机名")
        )
        port_edit = self.receipt_port.lineEdit()
        if port_edit is not None:
            port_edit.setPlaceholderText(self.tr("/dev/usb/lp0、COM3、tcp:192.168.1.50"))
        self.receipt_baud = QComboBox()
        for baud in PRINTER_BAUDS:
            self.receipt_baud.addItem(str(baud), baud)
        self.receipt_baud.setCurrentIndex(max(self.receipt_baud.findData(ds.RECEIPT_PRINTER_BAUD.get(s)), 0))
        self.receipt_font = _combo(
            [("gbk", "GBK"), ("gb2312", "GB2312"), ("gb18030", "GB18030")], ds.RECEIPT_PRINTER_FONT.get(s)
        )
        self.receipt_font.setToolTip(self.tr("打印机自带的中文字库；字库里没有的字按图像打印"))
        self.receipt_dots = _combo(
            [("576", self.tr("80mm")), ("384", self.tr("58mm"))], str(ds.RECEIPT_PRINTER_DOTS.get(s))
        )
        self._receipt_mode_changed()

    def _build_sections(self) -> QScrollArea:
        """One group box per device, in a scroll area."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            self._group("card", [(self.tr("读卡方式："), self.card_backend), (self.tr("读卡库："), self.card_library)])
        )
        port_row = QWidget()
        port_line = QHBoxLayout(port_row)
        port_line.setContentsMargins(0, 0, 0, 0)
        port_line.addWidget(self.idcard_port, 1)
        port_line.addWidget(QLabel(self.tr("波特率：")))
        port_line.addWidget(self.idcard_baud)
        lib_row = QWidget()
        lib_line = QHBoxLayout(lib_row)
        lib_line.setContentsMargins(0, 0, 0, 0)
        lib_line.addWidget(self.idcard_library, 1)
        lib_line.addWidget(QLabel(self.tr("端口：")))
        lib_line.addWidget(self.idcard_library_port)
        column.addWidget(
            self._group(
                "idcard",
                [
                    (self.tr("读卡方式："), self.idcard_backend),
                    (self.tr("串口："), port_row),
                    (self.tr("读卡库："), lib_row),
                    (self.tr("照片解码库："), self.idcard_decoder),
                ],
            )
        )
        cam_row = QWidget()
        cam_line = QHBoxLayout(cam_row)
        cam_line.setContentsMargins(0, 0, 0, 0)
        cam_line.addWidget(self.camera, 1)
        cam_line.addWidget(QLabel(self.tr("拍照分辨率：")))
        cam_line.addWidget(self.resolution, 1)
        preview_row = _row(self.preview, self.tr("拍照键（脚踏）："), self.capture_key, stretch=(0, 2))
        column.addWidget(
            self._group("camera", [(self.tr("摄像头："), cam_row), (self.tr("预览分辨率："), preview_row)])
        )
        eva_row = QWidget()
        eva_line = QHBoxLayout(eva_row)
        eva_line.setContentsMargins(0, 0, 0, 0)
        eva_line.addWidget(self.evaluator_backend, 1)
        eva_line.addWidget(self.evaluator_port)
        eva_line.addWidget(self.evaluator_library, 1)
        eva_more = _row(
            self.evaluator_function,
            self.evaluator_scale,
            self.tr("波特率："),
            self.evaluator_baud,
            self.tr("等待："),
            self.evaluator_timeout,
            stretch=(0,),
        )
        column.addWidget(
            self._group("evaluator", [(self.tr("评价方式："), eva_row), (self.tr("函数/按键："), eva_more)])
        )
        column.addWidget(self._group("a4_printer", [(self.tr("打印机："), self.a4)]))
        escpos_row = _row(
            self.receipt_port,
            self.tr("波特率："),
            self.receipt_baud,
            self.tr("字库："),
            self.receipt_font,
            self.receipt_dots,
            stretch=(0,),
        )
        column.addWidget(
            self._group(
                "receipt_printer",
                [
                    (self.tr("打印方式："), self.receipt_mode),
                    (self.tr("打印机："), self.receipt),
                    (self.tr("端口："), escpos_row),
                ],
            )
        )
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        return scroll

    def _build_buttons(self, scroll: QScrollArea) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 660)

    def _wire(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.receipt_mode.currentIndexChanged.connect(self._receipt_mode_changed)

    def _receipt_mode_changed(self) -> None:
        """The printer name for 系统打印机, the port and its options for ESC/POS."""
        escpos = self.receipt_mode.currentData() == "escpos"
        self.receipt.setEnabled(not escpos)
        for widget in (self.receipt_port, self.receipt_baud, self.receipt_font, self.receipt_dots):
            widget.setEnabled(escpos)

    def _group(self, name: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(self._titles[name])
        grid = QGridLayout(box)
        for n, (label, widget) in enumerate(rows):
            grid.addWidget(QLabel(label), n, 0)
            grid.addWidget(widget, n, 1)
        button = QPushButton(self.tr("测试"))
        button.setObjectName(f"test_{name}")
        button.clicked.connect(lambda: self.run_test(name))
        grid.addWidget(button, 0, 2)
        result = QLabel()
        result.setWordWrap(True)
        result.setObjectName(f"result_{name}")
        grid.addWidget(result, len(rows), 0, 1, 3)
        result.hide()
        grid.setColumnStretch(1, 1)
        self.results[name] = result
        self.test_buttons[name] = button
        return box

    @staticmethod
    def _set_combo_value(box: QComboBox, value: str) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)
        else:
            box.setEditText(value)

    @staticmethod
    def _combo_text(box: QComboBox) -> str:
        """The data of a listed choice (its text may be a label), else what was typed."""
        text = box.currentText().strip()
        index = box.findText(text)
        return str(box.itemData(index) or "") if index >= 0 else text

    # Values -----------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """settings.json keys → the values on screen."""
        return {
            ds.CARD_BACKEND.key: self.card_backend.currentData(),
            ds.CARD_LIBRARY.key: self.card_library.value(),
            ds.IDCARD_BACKEND.key: self.idcard_backend.currentData(),
            ds.IDCARD_PORT.key: self.idcard_port.currentText().strip(),
            ds.IDCARD_BAUD.key: int(self.idcard_baud.currentData()),
            ds.IDCARD_LIBRARY.key: self.idcard_library.value(),
            ds.IDCARD_LIBRARY_PORT.key: self.idcard_library_port.value(),
            ds.IDCARD_PHOTO_DECODER.key: self.idcard_decoder.value(),
            CAMERA.key: self.camera.currentText().strip(),
            ds.CAMERA_RESOLUTION.key: self._combo_text(self.resolution),
            ds.CAMERA_PREVIEW_RESOLUTION.key: self._combo_text(self.preview),
            ds.CAMERA_CAPTURE_KEY.key: self.capture_key.keySequence().toString(PORTABLE),
            ds.EVALUATOR_BACKEND.key: self.evaluator_backend.currentData(),
            ds.EVALUATOR_PORT.key: self.evaluator_port.text().strip(),
            ds.EVALUATOR_BAUD.key: int(self.evaluator_baud.currentData()),
            ds.EVALUATOR_LIBRARY.key: self.evaluator_library.value(),
            ds.EVALUATOR_FUNCTION.key: self.evaluator_function.text().strip(),
            ds.EVALUATOR_SCALE.key: int(self.evaluator_scale.currentData()),
            ds.EVALUATOR_TIMEOUT.key: self.evaluator_timeout.value(),
            ds.A4_PRINTER.key: self.a4.value(),
            RECEIPT_PRINTER.key: self.receipt.value(),
            ds.RECEIPT_PRINTER_MODE.key: self.receipt_mode.currentData(),
            ds.RECEIPT_PRINTER_PORT.key: self.receipt_port.currentText().strip(),
            ds.RECEIPT_PRINTER_BAUD.key: int(self.receipt_baud.currentData()),
            ds.RECEIPT_PRINTER_FONT.key: self.receipt_font.currentData(),
            ds.RECEIPT_PRINTER_DOTS.key: int(self.receipt_dots.currentData()),
        }

    def changed_devices(self, values: dict[str, Any] | None = None) -> set[str]:
        """The devices whose settings on screen differ from those saved."""
        values = self.values() if values is None else values
        settings = {setting.key: setting for setting in (*ds.ALL, CAMERA, RECEIPT_PRINTER)}
        return {
            SETTING_DEVICE[key]
            for key, value in values.items()
            if key in SETTING_DEVICE and settings[key].get(self.settings) != value
        }

    def run_test(self, name: str) -> None:
        """测试: off the GUI thread, with what is on screen now."""
        trial = Settings(self.settings.path, {**self.settings.values, **self.values()})
        button, result = self.test_buttons[name], self.results[name]
        button.setEnabled(False)
        result.setStyleSheet("")
        result.setText(self.tr("正在测试…"))
        result.show()

        def done(report: DeviceReport) -> None:
            button.setEnabled(True)
            result.setText(report.message)
            result.setStyleSheet(OK_STYLE if report.ok else ERROR_STYLE)

        def failed(exc: BaseException) -> None:
            button.setEnabled(True)
            result.setText(self.tr("测试未能完成（{kind}），详细信息已写入日志。").format(kind=type(exc).__name__))
            result.setStyleSheet(ERROR_STYLE)

        # The counter's own ID card reader, if it is the one being tested (no second open of its port).
        running = self._running_idcard() if self._running_idcard is not None and name == "idcard" else None
        self._ops.background(lambda: check_device(name, trial, running_idcard=running), done, failed)

    def save(self) -> None:
        values = self.values()
        self.changed = self.changed_devices(values)
        self.settings.values.update(values)
        self.settings.save()
        if self._on_saved is not None:
            self._on_saved(self.changed)
        self.accept()
