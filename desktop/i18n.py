"""Interface language and large-font mode, applied to the QApplication before the first window.

The source language of the UI is Simplified Chinese (what the clerks read): strings are written
in Chinese inside ``self.tr()`` / ``QCoreApplication.translate()``; ``resources/translations/``
holds the other languages as Qt ``.ts`` files compiled to ``.qm`` (``python scripts/i18n.py``
collects the strings, including the error-message tables of desktop/messages, and compiles).
Qt's own dialogs (buttons, file dialogs) use Qt's shipped ``qtbase_<lang>.qm`` (plus the few
strings it lacks, ``QT_GAPS``); ``use_qt_dialogs`` makes every file dialog Qt's own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop import messages
from models.paths import resource_path

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
#: Language code -> its own name, for the settings menu.
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
#: Large-font steps offered in the View menu (1.0 = the platform's default size).
FONT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5)
APP_CATALOG = "tongban"


def translation_file(language: str) -> str:
    return str(resource_path("translations", f"{APP_CATALOG}_{language}.qm"))


class Language:
    """The translators installed for one language; switching removes the previous ones.
    One instance per application: ``LANGUAGE``."""

    def __init__(self) -> None:
        self.code = SOURCE_LANGUAGE
        self._installed: list[QTranslator] = []

    def apply(self, app: QCoreApplication, language: str) -> str:
        """Install ``language`` (unknown codes fall back to Chinese); returns the code in use."""
        if language not in LANGUAGES:
            logger.warning("unknown interface language %r: using %s", language, SOURCE_LANGUAGE)
            language = SOURCE_LANGUAGE
        for old in self._installed:
            app.removeTranslator(old)
        self._installed = list(self._load(app, language))
        self.code = language
        QLocale.setDefault(QLocale(language))
        # Error messages are rendered outside any widget: route them through the same catalog.
        messages.set_translator(None if language == SOURCE_LANGUAGE else QCoreApplication.translate)
        return language

    @staticmethod
    def _load(app: QCoreApplication, language: str) -> Iterable[QTranslator]:
        if language in QT_GAPS:  # installed first, so it is asked last: only what Qt lacks
            gaps = _QtGaps(QT_GAPS[language], app)
            app.installTranslator(gaps)
            yield gaps
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((f"qtbase_{language}", qt_dir), (f"{APP_CATALOG}_{language}", None)):
            translator = QTranslator(app)
            path = translation_file(language) if directory is None else f"{directory}/{name}.qm"
            if translator.load(path):
                app.installTranslator(translator)
                yield translator
            elif language != SOURCE_LANGUAGE:
                logger.warning("translation %s not found", name)


#: Qt's own strings its shipped catalog (qtbase_zh_CN.qm) does not translate in this Qt version;
#: they showed in English in the file dialog.
QT_GAPS: dict[str, dict[tuple[str, str], str]] = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }
}


class _QtGaps(QTranslator):
    def __init__(self, table: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._table = table

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self._table.get((context, source))  # type: ignore[return-value]  # None: not ours (a null QString)


def use_qt_dialogs(app: QCoreApplication) -> None:
    """Qt's own file dialog everywhere (on Linux the native GTK one showed English labels);
    its labels come from Qt's shipped translation (``Language``)."""
    from PySide6.QtCore import Qt  # not at import: building Qt's enums waits until the login is shown

    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


_base_font: QFont | None = None
_fallback_families: list[str] | None = None


def name_font_families() -> list[str]:
    """Families that draw the rare characters of names (生僻字, CJK extension planes), loaded
    once from the fonts models/fontset.py finds; the shipped ones are added to Qt's database
    (system ones Qt already knows). Appended to the application font as fallbacks, so a name
    typed or read from a card shows exactly what prints."""
    global _fallback_families
    if _fallback_families is None:
        from PySide6.QtGui import QFontDatabase

        from models import fontset

        families: list[str] = []
        for found in fontset.find(fontset.EXTENSION, limit=None):
            font_id = QFontDatabase.addApplicationFont(str(found.file.path))
            for family in QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []:
                if family not in families:
                    families.append(family)
        _fallback_families = families
    return _fallback_families


_scale = 1.0
_name_fonts = True


def apply_font_scale(app: QApplication, scale: float, name_fonts: bool | None = None) -> float:
    """Large-font mode for older clerks: every widget without a font of its own follows the
    application font, scaled from the platform's default (remembered on the first call, so
    repeated changes do not compound). ``name_fonts`` (default: as the last call) appends the
    rare-character fallbacks of names (``name_font_families``)."""
    global _base_font, _scale, _name_fonts
    if _base_font is None:
        _base_font = QFont(app.font())
    if name_fonts is not None:
        _name_fonts = name_fonts
    _scale = scale = min(max(float(scale), 0.8), 2.0)
    font = QFont(_base_font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:  # a pixel-sized platform font
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setFamilies([*_base_font.families(), *(name_font_families() if _name_fonts else [])])
    app.setFont(font)
    return scale


def add_name_fonts(app: QApplication) -> None:
    """The rare-character fallbacks, once the login window is up: finding them reads the fonts'
    character maps and loads two large fonts into Qt (a quarter of the login window's start-up
    otherwise, docs/benchmarks.md "Start-up"); the login window shows no applicant's name."""
    apply_font_scale(app, _scale, name_fonts=True)


LANGUAGE = Language()


def apply_preferences(app: QApplication, settings: object, name_fonts: bool = True) -> None:
    """Language and font size from the station's settings file (readable before login);
    ``name_fonts=False``: without the rare-character fallbacks until ``add_name_fonts``."""
    from models.settings import FONT_SCALE, UI_LANGUAGE, Settings

    assert isinstance(settings, Settings)
    LANGUAGE.apply(app, str(UI_LANGUAGE.get(settings)))
    try:
        scale = float(FONT_SCALE.get(settings))
    except (TypeError, ValueError):
        scale = 1.0
    apply_font_scale(app, scale, name_fonts)
