"""Interface language through Qt's translation system, and large-font mode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop import i18n, messages
from models.errors import UserFacingError
from models.settings import FONT_SCALE, Settings
from models.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def restore_language(qapp: QApplication) -> object:
    yield qapp
    i18n.LANGUAGE.apply(qapp, "zh_CN")
    i18n.apply_font_scale(qapp, 1.0)


def _compile(tmp_path: Path, body: str) -> Path:
    ts = tmp_path / "tongban_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="en" sourcelanguage="zh_CN">{body}</TS>\n',
        encoding="utf-8",
    )
    qm = tmp_path / "tongban_en.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    return qm


def test_english_catalog_translates_messages_and_widgets(
    restore_language: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = messages._lookup("case.not_found")
    assert template is not None
    qm = _compile(
        tmp_path,
        "<context><name>messages</name><message>"
        f"<source>{template}</source><translation>No case numbered {{case_no}}.</translation>"
        "</message></context>",
    )
    monkeypatch.setattr(i18n, "translation_file", lambda _lang: str(qm))
    error = UserFacingError("case.not_found", case_no="X-1")
    chinese = messages.render(error)
    assert i18n.LANGUAGE.apply(restore_language, "en") == "en"
    assert messages.render(error) == "No case numbered X-1."
    assert i18n.LANGUAGE.apply(restore_language, "zh_CN") == "zh_CN"
    assert messages.render(error) == chinese
    assert i18n.LANGUAGE.apply(restore_language, "xx") == "zh_CN"  # unknown: Chinese, not a crash


def test_qt_standard_buttons_speak_chinese(restore_language: QApplication) -> None:
    i18n.LANGUAGE.apply(restore_language, "zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_large_font_mode_from_the_view_menu_scales_and_persists(
    qtbot: QtBot, demo_store: Store, restore_language: QApplication
) -> None:
    from desktop.main_window import MainWindow

    base = restore_language.font().pointSizeF()
    window = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(window)
    window.show()
    (view,) = [a.menu() for a in window.menuBar().actions() if a.text() == "视图(&V)"]
    (large,) = [a for a in view.actions() if a.text() == "特大字号"]
    assert large.shortcut().toString() == "Ctrl+2"
    large.trigger()
    assert restore_language.font().pointSizeF() == pytest.approx(base * 1.5)
    # Open widgets follow once the font-change events are delivered.
    qtbot.waitUntil(lambda: window.case_desk.font().pointSizeF() == pytest.approx(base * 1.5), timeout=2000)
    assert FONT_SCALE.get(Settings.load(demo_store.paths.settings)) == 1.5
    (normal,) = [a for a in view.actions() if a.text() == "标准字号"]
    normal.trigger()
    assert restore_language.font().pointSizeF() == pytest.approx(base)
