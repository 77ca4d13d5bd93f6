"""The View menu: large-font mode (takes effect at once) and the interface language (from the
next start: the widgets are built in one language)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStatusBar

from desktop.i18n import FONT_SCALES, LANGUAGE, LANGUAGES, apply_font_scale
from models.settings import FONT_SCALE, UI_LANGUAGE, Settings

SCALE_KEYS = {1.0: "Ctrl+0", 1.25: "Ctrl+1", 1.5: "Ctrl+2"}


def _scale_labels() -> dict[float, str]:
    # Literal strings in translate() calls, so that pyside6-lupdate finds them.
    return {
        1.0: QApplication.translate("ViewMenu", "标准字号"),
        1.25: QApplication.translate("ViewMenu", "大字号"),
        1.5: QApplication.translate("ViewMenu", "特大字号"),
    }


def install_view_menu(window: QMainWindow, settings: Settings) -> QMenu:
    menu = window.menuBar().addMenu(QApplication.translate("ViewMenu", "视图(&V)"))
    labels = _scale_labels()
    sizes = QActionGroup(window)
    current = float(FONT_SCALE.get(settings) or 1.0)
    for scale in FONT_SCALES:
        action = QAction(labels[scale], window, checkable=True)
        action.setShortcut(SCALE_KEYS[scale])
        action.setChecked(abs(scale - current) < 0.01)
        action.triggered.connect(lambda _checked=False, s=scale: set_font_scale(settings, s))
        sizes.addAction(action)
        menu.addAction(action)
    menu.addSeparator()
    languages = menu.addMenu(QApplication.translate("ViewMenu", "界面语言(&L)"))
    group = QActionGroup(window)
    for code, name in LANGUAGES.items():
        action = QAction(name, window, checkable=True)
        action.setChecked(code == LANGUAGE.code)
        action.triggered.connect(lambda _checked=False, c=code: _set_language(settings, c, window.statusBar()))
        group.addAction(action)
        languages.addAction(action)
    return menu


def set_font_scale(settings: Settings, scale: float) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    FONT_SCALE.set(settings, apply_font_scale(app, scale))
    settings.save()


def _set_language(settings: Settings, code: str, status: QStatusBar) -> None:
    UI_LANGUAGE.set(settings, code)
    settings.save()
    status.showMessage(QApplication.translate("ViewMenu", "界面语言将在下次启动时切换。"), 8000)
