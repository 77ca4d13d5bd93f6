"""U盘同步 inside the sync centre: a station with no network exports its upload bundle, the hub
imports it and writes a return bundle, and the station imports that (sync/bundle.py, the same
functions as ``tongban sync export|import``). Each step runs on the DB worker; what came back
(accepted, returned with a reason, results, reopened drafts) is said in words and the sync
centre's tables refresh with the per-case answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.errors import error_text
from desktop.operations import Operations
from desktop.sync_controller import t
from models import clock
from models.errors import UserFacingError

if TYPE_CHECKING:
    from models.security.auth import ClerkSession
    from models.store import Store
    from sync.bundle import ExportReport, ReturnReport

logger = logging.getLogger(__name__)

#: (parent, purpose, suggested name) -> chosen path or None; purpose: export / import / hub_key
PathChooser = Callable[[QWidget, str, str], str | None]


def ask_path(parent: QWidget, purpose: str, suggested: str) -> str | None:
    """Qt's own file dialog (translated labels), a USB stick's folder is where the clerk goes."""
    options = QFileDialog.Option.DontUseNativeDialog
    kinds = QCoreApplication.translate("UsbSync", "同步包 (*.tbb);;所有文件 (*)")
    if purpose == "export":
        title = QCoreApplication.translate("UsbSync", "保存同步包到U盘")
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds, options=options)
    elif purpose == "hub_key":
        title = QCoreApplication.translate("UsbSync", "选择中心端公钥文件")
        path, _ = QFileDialog.getOpenFileName(parent, title, "", "", options=options)
    else:
        title = QCoreApplication.translate("UsbSync", "选择中心端的回执包")
        path, _ = QFileDialog.getOpenFileName(parent, title, "", kinds, options=options)
    return path or None


class UsbSyncPanel(QGroupBox):
    #: a bundle was written or imported: the sync centre refreshes
    done = Signal()

    def __init__(
        self,
        store: Store,
        ops: Operations,
        clerk: ClerkSession | None,
        choose_path: PathChooser = ask_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(t("usb.title"), parent)
        self.store, self.ops, self.clerk = store, ops, clerk
        self._choose_path = choose_path
        self.busy = False
        self.export_button = QPushButton(t("usb.export"))
        self.import_button = QPushButton(t("usb.import"))
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button.clicked.connect(self.import_return)
        self.message = QLabel(t("usb.hint"))
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def set_enabled(self, enabled: bool) -> None:
        for button in (self.export_button, self.import_button):
            button.setEnabled(enabled and not self.busy)

    # --- export ---------------------------------------------------------------------------

    def export_bundle(self) -> None:
        from sync.bundle import load_hub_key

        hub_key = None
        try:
            load_hub_key(self.store)
        except UserFacingError as exc:
            if exc.code != "bundle.no_hub_key":
                self._say(error_text(exc) or "", error=True)
                return
            self._say(t("usb.need_hub_key"), error=False)
            key_path = self._choose_path(self, "hub_key", "")
            if not key_path:
                return
            try:
                hub_key = self._hub_key(Path(key_path))
            except UserFacingError as err:
                self._say(error_text(err) or "", error=True)
                return
        suggested = f"{clock.today_local():%Y%m%d}-同步包.tbb"
        out = self._choose_path(self, "export", suggested)
        if not out:
            return
        store, clerk, target = self.store, self.clerk, Path(out)

        def op() -> ExportReport:
            from sync.bundle import export_bundle

            return export_bundle(store, target, hub_key=hub_key, clerk=clerk)

        self._start(op, self._exported, t("usb.exporting"))

    def _hub_key(self, path: Path) -> Any:
        from sync.bundle import HubKeyCard
        from sync.bundle_format import BundleError

        try:
            return HubKeyCard.parse(path.read_bytes())
        except OSError as exc:
            raise BundleError("bundle.read_failed", path=path.name, detail=exc.strerror or "") from exc

    def _exported(self, report: ExportReport) -> None:
        text = t("usb.exported", file=Path(report.path).name, cases=report.cases, media=report.media)
        if report.media_corrupt:
            text += t("usb.media_corrupt", n=report.media_corrupt)
        self._finish(text, error=bool(report.media_corrupt))

    # --- import ---------------------------------------------------------------------------

    def import_return(self) -> None:
        chosen = self._choose_path(self, "import", "")
        if not chosen:
            return
        store, clerk, path = self.store, self.clerk, Path(chosen)

        def op() -> ReturnReport:
            from sync.bundle import import_return

            return import_return(store, path, clerk=clerk)

        self._start(op, self._imported, t("usb.importing"))

    def _imported(self, report: ReturnReport) -> None:
        r = report.sync
        parts = [
            t(
                "usb.imported",
                accepted=r.get("accepted", 0),
                rejected=r.get("rejected", 0),
                results=r.get("results_applied", 0),
                roster=r.get("roster", 0),
                holidays=r.get("holidays", 0),
            )
        ]
        if report.already_imported:
            parts.append(t("usb.already", n=report.already_imported))
        reopened = r.get("reopened") or []
        if reopened:
            parts.append(t("usb.reopened", cases="、".join(reopened)))
        if report.unknown_batches:
            parts.append(t("usb.unknown", n=report.unknown_batches))
        self._finish("".join(parts), error=False)

    # --- plumbing -------------------------------------------------------------------------

    def _start(self, op: Callable[[], Any], success: Callable[[Any], None], busy_text: str) -> None:
        self.busy = True
        self.set_enabled(False)
        self._say(busy_text, error=False)
        self.ops.run(op, success, self._failed)

    def _finish(self, text: str, error: bool) -> None:
        self.busy = False
        self.set_enabled(True)
        self._say(text, error=error)
        self.done.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.set_enabled(True)
        self._say(error_text(exc) or "", error=True)  # unexpected errors are logged there

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1b6e20;")
