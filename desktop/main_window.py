"""The main window: 「医保通办 — <station name>」 with the case desk."""

from __future__ import annotations

from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from desktop.case_desk import CaseDesk
from desktop.errors import show_error
from desktop.operations import Operations
from models.store import Store

APP_TITLE = "医保通办"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, station_name: str, station_code: str, level: str) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"{APP_TITLE} — {station_name}")
        self.ops = Operations(on_error=lambda exc: show_error(self, exc))
        self.case_desk = CaseDesk(store.db, self.ops)
        self.setCentralWidget(self.case_desk)
        self.resize(1200, 720)

        status = self.statusBar()
        status.addWidget(QLabel(f"服务点 {station_code}（{level}级）"))
        status.addPermanentWidget(QLabel(f"数据目录：{store.paths.root}"))

        file_menu = self.menuBar().addMenu("文件(&F)")
        refresh = QAction("刷新(&R)", self)
        refresh.setShortcut("F5")
        refresh.triggered.connect(self.case_desk.refresh)
        file_menu.addAction(refresh)
        quit_action = QAction("退出(&Q)", self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于医保通办", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        self.case_desk.refresh()

    def _about(self) -> None:
        QMessageBox.about(self, APP_TITLE, "医保通办 — 基层医保经办服务点离线柜台系统")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ops.shutdown()
        super().closeEvent(event)
