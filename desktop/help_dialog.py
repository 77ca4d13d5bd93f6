"""F1: a short 操作指南 (how a case goes through the counter) and the list of shortcut keys, in
the interface language. The menu shortcuts are read from the window's own actions, so the list
cannot drift from what the keys do; the keys that live inside a screen are listed here."""

from __future__ import annotations

import html
import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from desktop.screen_fit import start_size


class HelpDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("操作指南"))
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.shortcuts = self._menu_shortcuts(window) + self._screen_shortcuts()
        self.text.setHtml(self._guide_html() + self._shortcuts_html())
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        start_size(self, 720, 640)

    def _guide_html(self) -> str:
        steps = [
            self.tr(
                "身份核验：身份证放上阅读器（或按 F7 读身份证）、插入社保卡、扫描医保电子凭证，"
                "或输入公民身份号码，按 Enter 确认。"
            ),
            self.tr("选择事项：输入事项名称、拼音首字母或编码，↑↓ 选择，Enter 确定。"),
            self.tr("受理信息：按表单逐项填写，Enter 跳到下一项；内容随时自动保存为草稿。"),
            self.tr("收取材料：逐项勾选已收取的材料，需要时拍照或选择文件；Ctrl+Enter 提交。"),
            self.tr("办理结果：Ctrl+P 预览、打印受理回执等文书；F2 办理下一件。"),
            self.tr("办件台（F3）：按工作清单查看办件，选中后用下方按钮办理，原因写在“原因”栏。"),
            self.tr("离开电脑时按 Ctrl+L 锁屏；同步中心（F9）查看与中心端的同步情况。"),
        ]
        items = "".join(f"<li>{html.escape(step)}</li>" for step in steps)
        title = self.tr("操作指南")
        return f"<h3>{html.escape(title)}</h3><ol>{items}</ol>"

    def _shortcuts_html(self) -> str:
        rows = "".join(
            f"<tr><td><b>{html.escape(keys)}</b></td><td>&nbsp;&nbsp;{html.escape(what)}</td></tr>"
            for keys, what in self.shortcuts
        )
        title = self.tr("快捷键")
        return f"<h3>{html.escape(title)}</h3><table>{rows}</table>"

    @staticmethod
    def _menu_shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            for action in menu.actions():
                if isinstance(action, QAction) and not action.shortcut().isEmpty():
                    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    name = re.sub(r"\(&\w\)", "", action.text()).replace("&", "").rstrip("…")
                    found.append((keys, name))
        return found

    def _screen_shortcuts(self) -> list[tuple[str, str]]:
        return [
            ("Enter", self.tr("确认、下一项")),
            ("Ctrl+Enter", self.tr("下一步；在收取材料一步提交")),
            ("Alt+←", self.tr("上一步")),
            ("Ctrl+P", self.tr("预览、打印文书")),
            ("F6", self.tr("用摄像头扫描医保电子凭证")),
            ("F7", self.tr("身份核验一步：读身份证；收取材料一步：拍照")),
            ("Ctrl+F", self.tr("办件台：搜索办件")),
            ("Alt+L / Alt+T", self.tr("办件台：工作清单 / 办件列表")),
            ("Alt+1 … Alt+0", self.tr("办件台：办理按钮（受理、退回补正、不予受理……）")),
            ("Alt+Y", self.tr("办件台：填写原因")),
            ("Ctrl+R / Ctrl+E", self.tr("办件台：补打 / 继续填写草稿")),
        ]
