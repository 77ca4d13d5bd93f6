"""打印 → 空白表: the application forms with nothing filled in, for applicants to fill at home.

One action per form registered with ``blank=True`` (printing/__init__.py), so forms added there
appear here; rendering runs on the task manager's pool, the preview prints (and logs the print
without a case: a blank form carries no personal data).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.errors import show_error
from desktop.operations import Operations
from desktop.print_service import PreviewDialog, PrintJob, PrintService


class BlankForms:
    """Builds the submenu and opens the preview of the chosen blank form."""

    def __init__(self, ops: Operations, service: PrintService, parent: QWidget) -> None:
        self.ops, self.service, self.parent = ops, service, parent
        self.preview: PreviewDialog | None = None

    def install(self, menu: QMenu) -> QMenu:
        from printing import blank_kinds

        sub = menu.addMenu(QCoreApplication.translate("BlankForms", "空白表(&K)"))
        for kind in blank_kinds():
            label = kind.title
            if kind.seed_table and kind.seed_table.split()[-1] not in kind.title:
                label = f"{kind.title}（{kind.seed_table}）"
            action = QAction(label, self.parent)
            action.setData(kind.key)
            action.triggered.connect(lambda _checked=False, key=kind.key: self.open(key))
            sub.addAction(action)
        return sub

    def open(self, kind: str) -> None:
        from printing import render_blank

        self.ops.background(lambda: render_blank(kind), lambda pdf: self._show(kind, pdf), self._failed)

    def _show(self, kind: str, pdf: bytes) -> None:
        from printing import KINDS

        title = QCoreApplication.translate("BlankForms", "空白表：{title}").format(title=KINDS[kind].title)
        job = PrintJob(kind, title, pdf)
        self.preview = PreviewDialog(job, self.service, self.parent)
        self.preview.setModal(False)
        self.preview.show()

    def _failed(self, exc: BaseException) -> None:
        show_error(self.parent, exc)
