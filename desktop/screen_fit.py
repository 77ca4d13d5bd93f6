"""Every window on the screen: counters have 1024×768 and 1366×768 monitors with a taskbar.

``ScreenFitter`` (installed once on the application by desktop/app.py) watches top-level windows
and dialogs: when one is shown, or grows (a larger font mode, a long list filled in), it is
shrunk to the screen's available geometry and moved inside it, frame included. Windows whose
content can be taller than a screen keep their content in a scroll area (print preview, case
detail, forms), so shrinking them never squeezes rows onto each other; ``fits_screen`` is what
tests/screen_fit_cases.py asserts for each of them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QTableView, QWidget

_FITTED_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def usable_area(widget: QWidget | None = None) -> QRect:
    """The available geometry (the screen less its taskbar) of the widget's screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _decoration(window: QWidget) -> tuple[int, int]:
    frame, inner = window.frameGeometry(), window.geometry()
    return max(frame.width() - inner.width(), 0), max(frame.height() - inner.height(), 0)


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to the available geometry (never below what its layout needs) and move
    its frame inside it."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = usable_area(window)
    extra_w, extra_h = _decoration(window)
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def fits_screen(window: QWidget) -> bool:
    return usable_area(window).contains(window.frameGeometry())


def start_size(window: QWidget, width: int, height: int) -> None:
    """A window's preferred first size, as much of it as the screen allows."""
    area = usable_area(window)
    window.resize(min(width, area.width()), min(height, area.height()))


class ScreenFitter(QObject):
    """Keeps shown top-level windows and dialogs inside the screen's available geometry."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FontChange and isinstance(watched, QTableView):
            self._rows_follow_font(watched)
            return False
        if (
            kind in (QEvent.Type.Show, QEvent.Type.Resize)
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in _FITTED_TYPES
            and watched.isVisible()
            and (kind == QEvent.Type.Show or not fits_screen(watched))
        ):
            self._later(watched)
        return False

    def _rows_follow_font(self, view: QTableView) -> None:
        """Row heights are set when a table is filled; a larger font mode would write each row's
        text over the next one (特大字号). Rows grow (or shrink) with the font."""
        header = view.verticalHeader()
        header.setDefaultSectionSize(max(header.minimumSectionSize(), view.fontMetrics().height() + 8))
        if view.wordWrap():  # tables of wrapped text size their rows to their contents
            view.resizeRowsToContents()

    def _later(self, window: QWidget) -> None:
        # After the layout has settled (a font change grows windows in several steps).
        key = id(window)
        if key in self._pending:
            return
        self._pending.add(key)

        def fit() -> None:
            self._pending.discard(key)
            try:
                if window.isVisible():
                    fit_to_screen(window)
            except RuntimeError:  # deleted meanwhile
                pass

        QTimer.singleShot(0, fit)


def install(app: QApplication) -> ScreenFitter:
    fitter = ScreenFitter(app)
    app.installEventFilter(fitter)
    return fitter
