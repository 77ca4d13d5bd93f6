"""Start-up in order: paths → logging → settings → migrate DB → (login) → main window."""

from __future__ import annotations

import logging
import sys

from models.errors import UserFacingError

logger = logging.getLogger(__name__)


def run_gui(demo: bool = False, argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.logging_setup import configure_logging
    from desktop.messages import render
    from models.store import open_store

    configure_logging()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("医保通办")
    app.setOrganizationName("tongban")
    try:
        store = open_store()
        station = _ensure_station(store, demo)
    except UserFacingError as exc:
        QMessageBox.critical(None, "医保通办", render(exc))
        return 1
    from desktop.main_window import MainWindow

    window = MainWindow(store, station[0], station[1], station[2])
    window.show()
    try:
        return int(app.exec())
    finally:
        store.close()


def _ensure_station(store: object, demo: bool) -> tuple[str, str, str]:
    from models.demo import seed_demo
    from models.station_setup import current_station
    from models.store import Store

    assert isinstance(store, Store)
    with store.db.write() as session:
        station = current_station(session)
        if station is None or demo:
            if station is None and not demo:
                raise UserFacingError("station.not_initialised")
            seed_demo(session, store.paths)
            station = current_station(session)
        assert station is not None
        return station.name, station.code, station.level.value
