"""打印 → 打印机设置…: the A4 printer and the receipt printer F12 prints to (issue 15 item 7).

The two settings (``a4_printer``, ``receipt_printer`` in settings.json) take a printer name from
the system's list, empty (the default printer; receipts then go to A4), or ``pdf:DIR`` (a file
printer writing each document's PDF to DIR).
"""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.case_printing import PDF_PREFIX
from models.settings import A4_PRINTER, RECEIPT_PRINTER, Settings


class PrinterChoice(QWidget):
    """A printer name from the list, empty, or pdf:DIR (typed, or chosen with 文件夹…)."""

    def __init__(self, value: str, empty_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItem(empty_label, "")
        for name in QPrinterInfo.availablePrinterNames():
            self.combo.addItem(name, name)
        self.set_value(value)
        self.folder = QPushButton(self.tr("打印为PDF文件…"))
        self.folder.clicked.connect(self._choose_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.folder)

    def set_value(self, value: str) -> None:
        index = self.combo.findData(value)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(value)

    def value(self) -> str:
        text = self.combo.currentText().strip()
        index = self.combo.findText(text)
        if index >= 0:
            return str(self.combo.itemData(index) or "")
        return text

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存PDF的文件夹"))
        if folder:
            self.combo.setEditText(PDF_PREFIX + folder)


class PrinterSettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("打印机设置"))
        self.a4 = PrinterChoice(A4_PRINTER.get(settings), self.tr("（系统默认打印机）"))
        self.receipt = PrinterChoice(RECEIPT_PRINTER.get(settings), self.tr("（不用回执打印机：回执用A4打印）"))
        form = QFormLayout(self)
        form.addRow(self.tr("A4 打印机："), self.a4)
        form.addRow(self.tr("回执打印机（80mm）："), self.receipt)
        hint = QLabel(self.tr("F12 直接打印办件的全部文书：受理回执送回执打印机，其余送 A4 打印机，不弹出对话框。"))
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        A4_PRINTER.set(self.settings, self.a4.value())
        RECEIPT_PRINTER.set(self.settings, self.receipt.value())
        self.settings.save()
        self.accept()
