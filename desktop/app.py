"""Start-up in order: paths → logging → settings → migrate DB → login → main window.

The store of a protected station cannot be opened before a clerk signs in: the login dialog's
password unlocks the keyring (models/security/), and only then is the database migrated and
opened. ``--demo`` first sets up the demo station (demo passwords in README) if there is none.
The application's one task manager (desktop/taskman.py) is made with the QApplication, before
the login, whose check runs on it, and is shut down after the store's last write.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, cast

from models.errors import UserFacingError

logger = logging.getLogger(__name__)

#: Set by bench/startup_bench.py: quit as soon as the first window (the login) is shown ("1"), or
#: once what is loaded after it (``after_login_shown``) has loaded too ("ready").
EXIT_WHEN_SHOWN = "TONGBAN_EXIT_WHEN_SHOWN"


def run_gui(demo: bool = False, argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from desktop import import_sources
    from desktop.logging_setup import configure_logging
    from desktop.messages import render
    from models.paths import data_paths

    import_sources.install()
    configure_logging()
    app = cast(QApplication, QApplication.instance() or QApplication(argv or sys.argv[:1]))
    app.setApplicationName("医保通办")
    app.setOrganizationName("tongban")
    from desktop.taskman import task_manager

    tasks = task_manager()  # in the GUI thread, before any window asks for it
    from PySide6.QtGui import QIcon

    from models.paths import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "tongban.png"))))
    paths = data_paths()
    from desktop.i18n import apply_preferences
    from models.settings import Settings

    apply_preferences(app, Settings.load(paths.settings), name_fonts=False)  # before the first window
    try:
        recovery = prepare_station(paths, demo)
    except UserFacingError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "医保通办"), render(exc))
        return 1
    if recovery:
        QMessageBox.information(
            None,
            QCoreApplication.translate("App", "医保通办 — 恢复密钥"),
            QCoreApplication.translate("App", "演示服务点的恢复密钥：\n\n{key}").format(key=recovery),
        )
    dialog = make_login_dialog(paths, demo)
    # The first timers run once the login window is on the screen (exec shows it first).
    exit_when = os.environ.get(EXIT_WHEN_SHOWN)
    if exit_when != "1":
        QTimer.singleShot(0, lambda: after_login_shown(app, dialog))
    if exit_when:  # start-up benchmark: stop once the login is up ("1") or what follows it loaded
        QTimer.singleShot(0, dialog.reject)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    store, clerk = dialog.outcome
    try:
        station = _station(store)
    except UserFacingError as exc:
        store.close()
        QMessageBox.critical(None, QCoreApplication.translate("App", "医保通办"), render(exc))
        return 1
    from desktop.main_window import MainWindow
    from desktop.screen_lock import CounterSession

    window = MainWindow(store, station[0], station[1], station[2], clerk=clerk)
    session = CounterSession(store, clerk, window)
    window.attach_session(session)
    window.show_on_screen()
    QTimer.singleShot(0, window.start_housekeeping)
    QTimer.singleShot(0, window.sync.start)  # connectivity probes and automatic background sync
    try:
        return int(app.exec())
    finally:
        session.logout()
        tasks.shutdown()  # every window has closed: nothing queued is left to run
        store.close()


def after_login_shown(app: Any, dialog: Any) -> None:
    """What the login window does not need, loaded once it is on the screen (start-up time,
    docs/benchmarks.md): the screen fitter (which asks Qt for window types: building the ``Qt``
    namespace's Python enums costs as much as the login window itself), Qt's own file
    dialogs (only 从备份恢复 opens one) and the fonts for the rare characters of names."""
    from desktop import screen_fit
    from desktop.i18n import add_name_fonts, use_qt_dialogs

    use_qt_dialogs(app)
    add_name_fonts(app)
    screen_fit.install(app)  # every window and dialog from now on inside the screen's available geometry
    if dialog.isVisible():
        screen_fit.fit_to_screen(dialog)  # shown before the fitter was there


def prepare_station(paths: Any, demo: bool) -> str | None:
    """Before login: the demo station when asked for; otherwise a protected station must exist.

    Returns the demo station's recovery key when it was just created.
    """
    protected = paths.keyring.exists()  # vault.is_protected, without loading the cryptography yet
    if demo:
        from models.security import vault

        if not (protected and vault.load_keyring(paths).demo):
            # Only the first `gui --demo` sets the demo station up; later ones start like any station.
            from models.security.setup import ensure_demo

            store, recovery, _summary = ensure_demo(paths, form_samples=True)
            store.close()
            return recovery
    if protected:
        return None
    if paths.database.exists():
        raise UserFacingError("auth.not_protected")  # a station from before encryption
    raise UserFacingError("station.not_initialised")


def make_login_dialog(paths: Any, demo: bool) -> Any:
    from desktop.login import LoginDialog

    def login(credentials: Any) -> Any:
        # SQLAlchemy, the ORM and the catalog load here, while the clerk types, not before the
        # login window can appear (start-up time on slow counter PCs; docs/benchmarks.md).
        from models.security.auth import open_and_login

        return open_and_login(paths, credentials)

    def reset(recovery_key: str, login: str, password: str) -> None:
        from models.security.clerks import reset_with_recovery_key

        reset_with_recovery_key(paths, recovery_key, login, password)

    def restore(backup: Any, credentials: Any) -> Any:
        from models.backup import restore_signed_in

        return restore_signed_in(paths, backup, credentials)

    from PySide6.QtCore import QCoreApplication

    note = QCoreApplication.translate("App", "演示服务点：登录名和密码见 README“演示”一节。") if demo else ""
    quit_text = QCoreApplication.translate("App", "退出")
    return LoginDialog(login, note=note, quit_text=quit_text, reset=reset, restore=restore)


def _station(store: Any) -> tuple[str, str, str]:
    from models.station_setup import current_station

    with store.db.read() as session:
        station = current_station(session)
        if station is None:
            raise UserFacingError("station.not_initialised")
        return station.name, station.code, station.level.value
