"""The main window: 「医保通办 — <station name>」 with the counter (intake) and the case desk."""

from __future__ import annotations

import contextlib
import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desktop.case_desk import CaseDesk
from desktop.durability_banner import banner_lines
from desktop.errors import show_error
from desktop.evaluator_bridge import EvaluatorBridge
from desktop.intake.context import IntakeContext
from desktop.intake.desk_actions import CaseActionBar
from desktop.intake.flow import IntakeFlow
from desktop.intake.materials import FileChooser, ask_file
from desktop.labels import level_label, roles_label
from desktop.operations import Operations
from desktop.print_service import PrintService
from desktop.screen_fit import start_size, usable_area
from desktop.sync_controller import SyncController
from models.enums import StationLevel
from models.settings import CAMERA, CLERK_SCREEN_MASKED, CUSTOMER_SCREEN_MASKED, DEFICIENCY_DAYS
from models.store import Store
from widgets.banner import Banner

if TYPE_CHECKING:
    from desktop.camera_bridge import CameraBridge
    from desktop.device_settings_dialog import DeviceSettingsDialog
    from desktop.intake.page_capture import PageCaptureWindow
    from desktop.screen_lock import CounterSession
    from models.security.auth import ClerkSession

logger = logging.getLogger(__name__)

#: Card backend for this PC: auto (sscard/PC/SC), pcsc, sscard, virtual (demo), none.
CARD_BACKEND_ENV = "TONGBAN_CARD_BACKEND"


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        station_name: str,
        station_code: str,
        level: str,
        *,
        card_manager: object | None = None,
        idcard_manager: object | None = None,
        choose_file: FileChooser = ask_file,
        clerk: ClerkSession | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(self.tr("医保通办 — {station}").format(station=station_name))
        self.ops = Operations(on_error=lambda exc: show_error(self, exc))
        self._build_context(station_name, station_code, level, clerk)
        self._build_tabs(choose_file)
        # Sync runs and connectivity probes on their own threads; start() comes from app.py.
        self.sync = SyncController(store, clerk=clerk, parent=self)
        self.sync_center: QWidget | None = None
        self._build_status_bar(station_code, level, clerk)
        self._wire()
        self._menus()
        self._start_devices(card_manager)
        self._start_idcard(idcard_manager)
        self.case_desk.refresh()
        self._durability_timer = QTimer(self)
        self._durability_timer.timeout.connect(self.refresh_durability)
        self._durability_timer.start(60_000)
        self.refresh_durability()

    def _build_context(self, station_name: str, station_code: str, level: str, clerk: ClerkSession | None) -> None:
        """What every case operation needs: the station, the signed-in clerk, the printers."""
        store = self.store
        # The signed-in clerk acts in every case operation (role checked again in models/).
        self.ctx = IntakeContext(
            store.db,
            self.ops,
            store.paths.media,
            StationLevel(level),
            station_name,
            clerk.clerk_id if clerk else None,
            admdvs=station_code,
            deficiency_days=DEFICIENCY_DAYS.get(store.settings),
            settings=store.settings,
        )
        self.ctx.customer_masked = bool(CUSTOMER_SCREEN_MASKED.get(store.settings))
        self.printer = PrintService(store.db, ops=self.ops)

    def _build_tabs(self, choose_file: FileChooser) -> None:
        """柜台受理 and 办件台 under the banner."""
        store = self.store
        self.intake = IntakeFlow(self.ctx, self.printer, choose_file=choose_file)
        self.desk_actions = CaseActionBar(self.ctx, self.printer)
        self.case_desk = CaseDesk(store.db, self.ops, actions=self.desk_actions)
        self.case_desk.detail.masked = bool(CLERK_SCREEN_MASKED.get(store.settings))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.intake, self.tr("柜台受理 (F2)"))
        self.tabs.addTab(self.case_desk, self.tr("办件台 (F3)"))
        # A persistent banner above the tabs: read-only mode, a full disk, a wrong clock.
        self.banner = Banner()
        self.writable = True
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        start_size(self, 1200, 760)  # the size it returns to from maximised

    def _build_status_bar(self, station_code: str, level: str, clerk: ClerkSession | None) -> None:
        status = self.statusBar()
        self.station_label = QLabel(
            self.tr("服务点 {code}（{level}级）").format(code=station_code, level=level_label(level))
        )
        status.addWidget(self.station_label)
        self.clerk_label = QLabel()
        status.addWidget(self.clerk_label)
        self.set_clerk(clerk)
        self.disk_label = QLabel()
        status.addWidget(self.disk_label)
        self.device_label = QLabel()
        status.addWidget(self.device_label)
        self.sync_label = QLabel(self.sync.status_text)
        status.addWidget(self.sync_label)

    def _wire(self) -> None:
        self.desk_actions.resume_requested.connect(self.resume_draft)
        self.intake.identify.scan_requested.connect(self.scan_evoucher)
        self.intake.materials.photo_requested.connect(self.photograph)
        self.sync.status_text_changed.connect(self.sync_label.setText)

    def set_clerk(self, clerk: ClerkSession | None) -> None:
        """After login or a clerk switch: who acts from now on."""
        self.ctx.clerk_id = clerk.clerk_id if clerk else None
        self.printer.clerk_id = self.ctx.clerk_id  # prints are logged and audited under this clerk
        self.clerk_label.setText(
            self.tr("经办人：{name}（{role}）").format(name=clerk.name, role=roles_label(clerk)) if clerk else ""
        )
        self.sync.set_clerk(clerk)
        if self.sync_center is not None:
            self.sync_center.set_clerk(clerk)  # type: ignore[attr-defined]
        self.clerk = clerk
        self._update_admin_menu()
        self._apply_intake_access()

    def show_on_screen(self) -> None:
        """Maximised on the counter's screen (1024×768 and 1366×768 monitors need every pixel);
        the whole available area also where no window manager maximises (a bare X session)."""
        self.setGeometry(usable_area(self))
        self.showMaximized()
        # The clerk types or scans as soon as the counter opens: without this the keyboard sat on
        # the tab bar and the first keystrokes went nowhere (seen under a real window manager).
        self.activateWindow()
        if self.tabs.currentWidget() is self.intake:
            self.intake.identify.id_edit.setFocus()
        else:  # a read-only counter opens on the desk
            self.case_desk.search.setFocus()

    def attach_session(self, session: CounterSession) -> None:
        """Idle lock and clerk switch (desktop/screen_lock.py) for this window."""
        self.counter_session = session
        session.clerk_changed.connect(self.set_clerk)
        session.locked.connect(self._hide_admin_windows)
        session.unlocked.connect(self._show_admin_windows)
        menu = self.menuBar().addMenu(self.tr("经办人(&U)"))
        for text, keys, slot in (
            (self.tr("锁屏(&L)"), "Ctrl+L", session.lock_now),
            (self.tr("切换经办人(&S)"), "", session.switch_clerk),
        ):
            action = QAction(text, self)
            if keys:
                action.setShortcut(keys)
            action.triggered.connect(slot)
            menu.addAction(action)

    def start_housekeeping(self) -> None:
        """After start-up, off the GUI thread: disk space warning and the daily backup."""
        from models.backup import run_scheduled_backups
        from models.diskspace import disk_status
        from models.settings import DISK_WARN_MB, USB_BACKUP_DIR

        paths, settings = self.store.paths, self.store.settings
        disk = disk_status(paths.root, DISK_WARN_MB.get(settings))
        if disk.low:
            self.disk_label.setText(self.tr("⚠ 磁盘剩余 {free_mb} MB，请清理").format(free_mb=disk.free_mb))
            self.disk_label.setStyleSheet("color: #b00020; font-weight: bold")
        if not self.store.read_only:
            self.ops.run(
                lambda: run_scheduled_backups(paths, USB_BACKUP_DIR.get(settings)),
                lambda made: (
                    self.statusBar().showMessage(self.tr("已完成每日备份（{n} 份）").format(n=len(made)), 10_000)
                    if made
                    else None
                ),
                lambda exc: logger.warning("daily backup failed: %s", type(exc).__name__),  # a status, not a pop-up
            )

    def _menus(self) -> None:
        self.intake_actions: list[QAction] = []
        counter = self.menuBar().addMenu(self.tr("柜台(&C)"))
        for text, keys, slot in (
            (self.tr("新办件(&N)"), "F2", self.new_intake),
            (self.tr("办件台(&D)"), "F3", self.show_desk),
            (self.tr("客户屏(&V)"), "F4", self.intake.toggle_customer_view),
            (self.tr("刷新(&R)"), "F5", self.case_desk.refresh),
            (self.tr("批量受理(&B)…"), "Ctrl+B", self.open_batch_import),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            counter.addAction(action)
            if keys in ("F2", "Ctrl+B"):
                self.intake_actions.append(action)  # off while nothing can be saved
        quit_action = QAction(self.tr("退出(&Q)"), self)
        quit_action.triggered.connect(self.close)
        counter.addAction(quit_action)
        sync_menu = self.menuBar().addMenu(self.tr("同步(&S)"))
        sync_action = QAction(self.tr("同步中心(&Y)"), self)
        sync_action.setShortcut("F9")  # F6 is the camera scan at the counter
        sync_action.triggered.connect(self.open_sync_center)
        sync_menu.addAction(sync_action)
        from desktop.view_menu import install_view_menu

        install_view_menu(self, self.store.settings)
        print_menu = self.menuBar().addMenu(self.tr("打印(&P)"))
        batch_print = QAction(self.tr("批量打印(&B)…"), self)
        batch_print.triggered.connect(self.open_batch_print)
        print_menu.addAction(batch_print)
        ledger = QAction(self.tr("办件台账与日结单(&L)…"), self)
        ledger.setShortcut("Ctrl+L")
        ledger.triggered.connect(self.open_ledger)
        print_menu.addAction(ledger)
        from desktop.blank_forms import BlankForms

        self.blank_forms = BlankForms(self.ops, self.printer, self)
        self.blank_forms.install(print_menu)
        overlay = QAction(self.tr("套打(&T)…"), self)
        overlay.triggered.connect(self.open_overlay_print)
        print_menu.addAction(overlay)
        printers = QAction(self.tr("打印机设置(&S)…"), self)
        printers.triggered.connect(self.open_printer_settings)
        print_menu.addAction(printers)
        # 管理: for the roles with the permission (models/ checks again on every call).
        admin_menu = self.menuBar().addMenu(self.tr("管理(&A)"))
        self.audit_action = QAction(self.tr("审计日志(&L)…"), self)
        self.audit_action.triggered.connect(self.open_audit_log)
        admin_menu.addAction(self.audit_action)
        self.users_action = QAction(self.tr("经办人员(&U)…"), self)
        self.users_action.triggered.connect(self.open_clerk_admin)
        admin_menu.addAction(self.users_action)
        self.devices_action = QAction(self.tr("设备(&E)…"), self)
        self.devices_action.triggered.connect(self.open_device_settings)
        admin_menu.addAction(self.devices_action)
        self._update_admin_menu()
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        guide = QAction(self.tr("操作指南和快捷键(&G)"), self)
        guide.setShortcut("F1")
        guide.triggered.connect(self.open_help)
        help_menu.addAction(guide)
        about = QAction(self.tr("关于医保通办"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # Devices ------------------------------------------------------------------------------------

    def _start_devices(self, card_manager: object | None) -> None:
        from desktop.card_bridge import CardBridge
        from desktop.scanner_gun import ScannerGunFilter

        self.card_bridge: CardBridge | None = None
        self._start_card(card_manager)
        self.scanner = ScannerGunFilter(self)
        self.scanner.qr_decoded.connect(self._qr_text)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)
        self.camera_bridge: CameraBridge | None = None
        self.camera_window: object | None = None
        self.page_capture: PageCaptureWindow | None = None
        self._camera_stale = False  # 管理 → 设备 changed the camera while its window was open
        self.evaluator_bridge = self._evaluator_bridge()
        self.intake.set_device_evaluator(self.evaluator_bridge)

    def _start_card(self, card_manager: object | None) -> None:
        from desktop.card_bridge import CardBridge
        from devices.card import CardManager
        from models.device_settings import CARD_BACKEND, CARD_LIBRARY

        # The environment wins (tests, demos); else 管理 → 设备.
        backend = os.environ.get(CARD_BACKEND_ENV) or CARD_BACKEND.get(self.store.settings)
        if card_manager is not None or backend != "none":
            manager = (
                card_manager
                if isinstance(card_manager, CardManager)
                else CardManager(backend, sscard_library=CARD_LIBRARY.get(self.store.settings) or None)
            )
            self.card_bridge = CardBridge(manager)
            self.card_bridge.card_read.connect(self._card_read)
            self.card_bridge.card_error.connect(self.intake.identify.on_card_error)
            QTimer.singleShot(0, self.card_bridge.start)  # after the window is up

    def apply_device_settings(self, changed: set[str]) -> None:
        """After 管理 → 设备 保存: only the devices whose settings changed are restarted (a reader
        left alone keeps its card and the clerk's place). Printers are looked up per print."""
        logger.info("device settings saved; restarting: %s", ", ".join(sorted(changed)) or "nothing")
        if "idcard" in changed:
            self.restart_idcard()
        if "card" in changed:
            self.restart_card()
        if "evaluator" in changed:
            self.restart_evaluator()
        if "camera" in changed:
            self.restart_camera()

    def restart_card(self) -> None:
        old = self.card_bridge
        if old is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                old.card_read.disconnect(self._card_read)
                old.card_error.disconnect(self.intake.identify.on_card_error)
            old.shutdown()
            with contextlib.suppress(Exception):  # a vendor library may fail to close: the new one is used
                old._manager.close()
        self.card_bridge = None
        self._start_card(None)

    def restart_evaluator(self) -> None:
        """The pad set in 管理 → 设备 now (a rating asked of the old pad is given up: F11 asks again)."""
        old = self.evaluator_bridge
        if old is not None:
            self.intake.set_device_evaluator(None)
            with contextlib.suppress(RuntimeError, TypeError):
                old.rated.disconnect()
                old.failed.disconnect()
            old.cancel()
            old.shutdown()
        self.evaluator_bridge = self._evaluator_bridge()
        self.intake.set_device_evaluator(self.evaluator_bridge)

    def restart_camera(self) -> None:
        """The camera, its resolutions and the pedal key as set now; a capture window open on
        the old camera keeps its pages and is replaced once it is closed."""
        open_now = [w for w in (self.camera_window, self.page_capture) if w is not None and w.isVisible()]  # type: ignore[attr-defined]
        if open_now:
            self._camera_stale = True
            return
        self._drop_camera()

    def _drop_camera(self) -> None:
        self._camera_stale = False
        if self.camera_bridge is not None:
            self.camera_bridge.stop()
        for window in (self.camera_window, self.page_capture):
            if window is not None:
                window.deleteLater()  # type: ignore[attr-defined]
        self.camera_bridge = None
        self.camera_window = None
        self.page_capture = None

    def _camera_settings_current(self) -> None:
        if self._camera_stale and not any(
            w is not None and w.isVisible()  # type: ignore[attr-defined]
            for w in (self.camera_window, self.page_capture)
        ):
            self._drop_camera()

    def _evaluator_bridge(self) -> EvaluatorBridge | None:
        """The evaluator pad chosen in settings (evaluator_backend); None: the customer screen."""
        from devices.evaluator import EvaluatorConfig, EvaluatorManager
        from models.device_settings import evaluator_values

        config = EvaluatorConfig(**evaluator_values(self.store.settings))
        if not config.uses_device:
            return None
        return EvaluatorBridge(EvaluatorManager(config), self)

    def _start_idcard(self, manager: object | None) -> None:
        """The ID card reader chosen in 管理 → 设备 (desktop/idcard_bridge.py); none configured:
        the null driver, and 读身份证 says how to set one up."""
        from desktop.idcard_bridge import IdCardBridge
        from devices.idcard import IdCardConfig, IdCardManager
        from models.device_settings import idcard_values

        if not isinstance(manager, IdCardManager):
            manager = IdCardManager(IdCardConfig(**idcard_values(self.store.settings)))
        self.idcard_bridge = IdCardBridge(manager)
        self.idcard_bridge.card_read.connect(self._idcard_read)
        self.idcard_bridge.card_error.connect(self._idcard_error)
        self.idcard_bridge.reader_lost.connect(self._idcard_error)
        self.idcard_bridge.reader_back.connect(
            lambda _reader: self.device_label.setText(self.tr("身份证阅读器已重新连接"))
        )
        self.intake.identify.idcard_read_requested.connect(self.idcard_bridge.read_now)
        QTimer.singleShot(0, self.idcard_bridge.start)  # after the window is up

    def restart_idcard(self) -> None:
        """After 管理 → 设备 changed the reader: the old driver goes, the new one is polled."""
        old = self.idcard_bridge
        with contextlib.suppress(RuntimeError, TypeError):
            self.intake.identify.idcard_read_requested.disconnect(old.read_now)
        old.shutdown()
        old.manager.close()
        self._start_idcard(None)

    def _idcard_read(self, result: object) -> None:
        if not self.writable:
            return  # no intake possible: the banner says why
        self.tabs.setCurrentWidget(self.intake)
        self.intake.on_idcard_read(result)
        self.device_label.setText(self.tr("已读取身份证"))

    def _idcard_error(self, error: object) -> None:
        """Shown in the identify step, else on the status bar for a while; nothing typed changes."""
        from desktop.messages import render
        from models.errors import UserFacingError

        if not isinstance(error, UserFacingError):
            return
        if error.code in ("idcard.port_lost", "idcard.port_not_found", "idcard.no_answer"):
            self.device_label.setText(self.tr("身份证阅读器未连接"))
        if self.intake.step == 0 and self.tabs.currentWidget() is self.intake:
            self.intake.identify.on_idcard_error(error)
        else:
            self.statusBar().showMessage(render(error), 15_000)

    def _card_read(self, result: object) -> None:
        if not self.writable:
            return  # no intake possible: the banner says why
        self.tabs.setCurrentWidget(self.intake)
        self.intake.on_card_read(result)
        self.device_label.setText(self.tr("已读取社保卡"))

    def _qr_text(self, text: str) -> None:
        if not self.writable:
            return
        self.tabs.setCurrentWidget(self.intake)
        self.intake.on_qr_text(text)

    def _camera_bridge(self) -> CameraBridge:
        """One camera for the counter (QR scan and 高拍仪), at the resolutions in settings."""
        from desktop.camera_bridge import CameraBridge
        from models.device_settings import CAMERA_PREVIEW_RESOLUTION, CAMERA_RESOLUTION, parse_resolution

        if self.camera_bridge is None:
            settings = self.store.settings
            self.camera_bridge = CameraBridge(
                resolution=parse_resolution(CAMERA_RESOLUTION.get(settings)),
                preview=parse_resolution(CAMERA_PREVIEW_RESOLUTION.get(settings)),
            )
        return self.camera_bridge

    def _camera(self) -> object:
        from desktop.intake.camera_window import CameraWindow

        if self.camera_window is None:
            window = CameraWindow(self._camera_bridge(), self.ops)
            window.token_read.connect(self.intake.identify.on_evoucher)
            self.camera_window = window
        return self.camera_window

    def scan_evoucher(self) -> None:
        from desktop.camera_bridge import MODE_QR

        self._camera_settings_current()
        if self.page_capture is not None and self.page_capture.isVisible():
            self.page_capture.close()  # one camera: the 高拍仪 window gives it up first
        self._camera().start(CAMERA.get(self.store.settings) or None, MODE_QR)  # type: ignore[attr-defined]

    def photograph(self, key: str) -> None:
        """F7 on a material: the 高拍仪 window bound to it ("户口簿 第2页")."""
        from desktop.intake.page_capture import PageCaptureWindow
        from models.catalog.local_text import localise
        from models.device_settings import CAMERA_CAPTURE_KEY

        materials = self.intake.materials
        row, draft = materials.rows.get(key), materials.draft
        if row is None or draft is None:
            return
        self._camera_settings_current()
        if self.camera_window is not None and self.camera_window.isVisible():  # type: ignore[attr-defined]
            self.camera_window.close()  # type: ignore[attr-defined]
        if self.page_capture is None:
            self.page_capture = PageCaptureWindow(
                self._camera_bridge(), self.ops, CAMERA_CAPTURE_KEY.get(self.store.settings)
            )
            self.page_capture.pages_saved.connect(materials.attach_pages)
        name = localise(row.line.name, self.ctx.admdvs)
        id_copy = key == "id_document" or "身份证" in name
        self.page_capture.start(
            CAMERA.get(self.store.settings) or None, key, name, draft.files.get(key, 0), id_copy=id_copy
        )

    # Actions ------------------------------------------------------------------------------------

    def new_intake(self) -> None:
        if not self.writable:
            self.statusBar().showMessage(self.tr("当前为只读状态，不能新受理。"), 10_000)
            return
        self.tabs.setCurrentWidget(self.intake)
        self.intake.leave_case(self.intake.restart)  # a case being typed: asks first

    def show_desk(self) -> None:
        """F3: the desk with the keyboard on its case list, so ↑↓ move through the cases (it sat on
        the 工作清单 box, where ↓ switched the list)."""
        self.tabs.setCurrentWidget(self.case_desk)
        self.case_desk.table.setFocus()

    def resume_draft(self, case_no: str) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.open_draft(case_no)

    def open_sync_center(self) -> QWidget:
        """同步中心 as a tab (created on first use; it checks the clerk's 数据同步 permission)."""
        from desktop.sync_center import SyncCenter

        if self.sync_center is None:
            self.sync_center = SyncCenter(
                self.store.db, self.ops, self.sync, self.printer, self.sync.clerk, store=self.store
            )
            self.tabs.addTab(self.sync_center, self.tr("同步中心 (F9)"))
        self.tabs.setCurrentWidget(self.sync_center)
        return self.sync_center

    def open_batch_import(self) -> QWidget:
        """批量受理 (desktop/batch_import.py): not modal, so the counter stays usable meanwhile."""
        from PySide6.QtCore import Qt

        from desktop.batch_import import BatchImportDialog

        dialog = BatchImportDialog(
            self.store.db, self.ops, self.ctx.get_catalog(), self.ctx.level, self.ctx.clerk_id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_ledger(self) -> QWidget:
        """打印 → 办件台账与日结单 (desktop/ledger_window.py): non-modal."""
        from PySide6.QtCore import Qt

        from desktop.ledger_window import LedgerWindow

        name = self.sync.clerk.name if getattr(self.sync, "clerk", None) else ""
        window = LedgerWindow(self.store.db, self.ops, self.printer, self.ctx.clerk_id, name, parent=self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_batch_print(self) -> None:
        """打印 → 批量打印…: a non-modal window, kept while the main window lives."""
        from desktop.batch_print import BatchPrintDialog

        if getattr(self, "batch_print", None) is None:
            self.batch_print = BatchPrintDialog(self.store.db, self.ops, self.printer, self)
        self.batch_print.show()
        self.batch_print.raise_()

    def open_overlay_print(self) -> QWidget:
        """打印 → 套打…: calibrate a printer and print a case's form onto a pre-printed sheet."""
        from desktop.overlay_print import OverlayPrintDialog

        self.overlay_print = OverlayPrintDialog(self.store.settings, self.ops, self.printer, self)
        self.overlay_print.open()
        return self.overlay_print

    def open_printer_settings(self) -> None:
        """打印 → 打印机设置…: where F12 sends a case's documents."""
        from desktop.printer_settings import PrinterSettingsDialog

        self.printer_settings = PrinterSettingsDialog(self.store.settings, self)
        self.printer_settings.open()

    # Administration (desktop/admin_audit.py, desktop/admin_users.py) ----------------------------

    def open_device_settings(self) -> DeviceSettingsDialog:
        """管理 → 设备: this PC's readers, camera, evaluator and printers, each with 测试."""
        from desktop.device_settings_dialog import DeviceSettingsDialog

        dialog = DeviceSettingsDialog(
            self.store.settings,
            self.ops,
            self,
            on_saved=self.apply_device_settings,
            running_idcard=lambda: self.idcard_bridge.manager,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.device_dialog = dialog
        return dialog

    def _update_admin_menu(self) -> None:
        """After a clerk switch: the 管理 entries and open admin windows follow the new clerk."""
        from models.permissions import Permission, clerk_may

        clerk = getattr(self, "clerk", None)
        for name, permission in (
            ("audit_action", Permission.AUDIT_VIEW),
            ("users_action", Permission.USER_ADMIN),
            ("devices_action", Permission.STATION_ADMIN),
        ):
            action = getattr(self, name, None)
            if action is not None:
                action.setEnabled(clerk_may(clerk, permission))
        for name in ("audit_window", "users_window"):
            window = getattr(self, name, None)
            if window is not None:
                window.set_clerk(clerk)

    def _admin_windows(self) -> list[QWidget]:
        users = getattr(self, "users_window", None)
        dialog = getattr(users, "recovery_dialog", None)
        found = [getattr(self, "audit_window", None), users, dialog, getattr(dialog, "preview", None)]
        return [w for w in found if w is not None]

    def _hide_admin_windows(self) -> None:
        """Screen locked: the audit log, the clerks and a recovery key leave the screen too."""
        self._hidden_admin = [w for w in self._admin_windows() if w.isVisible()]
        for window in self._hidden_admin:
            window.hide()

    def _show_admin_windows(self) -> None:
        for window in getattr(self, "_hidden_admin", []):
            window.show()
        self._hidden_admin = []

    def open_audit_log(self) -> QWidget:
        """管理 → 审计日志: a non-modal window, kept while the main window lives."""
        from desktop.admin_audit import AuditLogWindow

        if getattr(self, "audit_window", None) is None:
            self.audit_window = AuditLogWindow(
                self.store.db, self.ops, getattr(self, "clerk", None), self.store.paths.exports, self
            )
        self.audit_window.show()
        self.audit_window.raise_()
        return self.audit_window

    def open_clerk_admin(self) -> QWidget:
        """管理 → 经办人员: a non-modal window, kept while the main window lives."""
        from desktop.admin_users import ClerkAdminWindow

        if getattr(self, "users_window", None) is None:
            self.users_window = ClerkAdminWindow(
                self.store,
                self.ops,
                getattr(self, "clerk", None),
                self.printer,
                sync=self.sync,
                parent=self,
            )
        self.users_window.show()
        self.users_window.raise_()
        return self.users_window

    # Durability banner (docs/reliability.md) ---------------------------------------------------

    def refresh_durability(self) -> None:
        """Read-only mode and disk space now (a statvfs, cheap), the clock from the DB worker."""
        from models import clock_guard, deferred_log
        from models.diskspace import HARD_FLOOR_BYTES, MB, disk_status
        from models.errors import UserFacingError
        from models.settings import DISK_WARN_MB

        clock_guard.configure(self.store.settings)
        disk = disk_status(self.store.paths.root, DISK_WARN_MB.get(self.store.settings))
        db = self.store.db

        writable = not self.store.read_only and disk.free >= HARD_FLOOR_BYTES

        def op() -> clock_guard.ClockStatus:
            if writable:  # entries held while the disk was full go into the audit chain now
                try:
                    deferred_log.flush(db)
                except UserFacingError as exc:
                    logger.warning("held audit entries not written yet: %s", exc.code)
            with db.read() as session:
                return clock_guard.clock_status(session)

        def show(status: clock_guard.ClockStatus | None) -> None:
            self.banner.set_lines(
                banner_lines(
                    read_only=self.store.read_only,
                    free_mb=disk.free_mb,
                    floor_mb=HARD_FLOOR_BYTES // MB,
                    disk_low=disk.low,
                    clock=status,
                )
            )
            self._set_writable(writable)

        show(None)  # read-only and disk at once; the clock when the worker has read it
        self.ops.run(op, show, lambda exc: logger.warning("clock status failed: %s", type(exc).__name__))

    def _set_writable(self, writable: bool) -> None:
        """Intake and the lifecycle actions off when nothing can be saved; search and print stay."""
        self.writable = writable
        for button in (*self.desk_actions.buttons.values(), self.desk_actions.resume):
            button.setVisible(writable)
        self._apply_intake_access()

    def _apply_intake_access(self) -> None:
        """柜台受理 only where something can be saved and the signed-in clerk may take cases in: a
        打印员, 审核员 or 同步员 works from the desk (they were shown an intake page that refused
        them at the end)."""
        from models.permissions import Permission, clerk_may

        intake_open = self.writable and clerk_may(self.clerk, Permission.CASE_INTAKE)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.intake), intake_open)
        if not intake_open and self.tabs.currentWidget() is self.intake:
            self.tabs.setCurrentWidget(self.case_desk)
        for action in getattr(self, "intake_actions", ()):
            action.setEnabled(intake_open)

    def open_help(self) -> QWidget:
        """F1: 操作指南 and the shortcut keys (desktop/help_dialog.py), not modal."""
        from desktop.help_dialog import HelpDialog

        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        return self.help_dialog

    def _about(self) -> QMessageBox:
        """帮助 → 关于: what this is, its version and where its data lives (not on the status
        bar, where every applicant at the counter could read it)."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("tongban")
        except PackageNotFoundError:
            release = "—"
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("关于医保通办"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(self.tr("医保通办 — 基层医保经办服务点离线柜台系统"))
        box.setInformativeText(
            self.tr("版本：{version}\n数据目录：{path}").format(version=release, path=self.store.paths.root)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.about_box = box
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        self._durability_timer.stop()
        self.sync.shutdown()  # a run stops at its next chunk boundary, resumable
        if getattr(self, "batch_print", None) is not None:
            self.batch_print.cancel_batch()  # a batch print stops before its next document
        self.ops.shutdown()  # lets the running op finish; nothing else may start now
        # What was typed in the last half second is saved here, after the worker has stopped:
        # the one place the GUI thread writes, because the window is going away.
        self.intake.form.save_on_exit()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        if self.card_bridge is not None:
            self.card_bridge.shutdown()
        self.idcard_bridge.shutdown()
        self.idcard_bridge.manager.close()
        if self.camera_bridge is not None:
            self.camera_bridge.stop()
        if self.evaluator_bridge is not None:
            self.evaluator_bridge.shutdown()
        if self.intake.customer is not None:
            self.intake.customer.close()
        super().closeEvent(event)
