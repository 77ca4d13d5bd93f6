"""The question before a submit with required materials missing (issue 15 item 5).

Nothing is returned for 补正 silently: the clerk chooses 容缺受理 (where every missing material
allows it, with the 补齐 date in working days), 一次性告知并退回补正, or going back to the
checklist. Opened with ``open()`` (window-modal, not blocking the event loop).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

#: What the clerk chose.
DEFICIENCY = "deficiency"
SUPPLEMENT = "supplement"
BACK = "back"


class MissingQuestion(QDialog):
    chosen = Signal(str)

    def __init__(
        self,
        missing: list[str],
        *,
        deficiency_possible: bool,
        deficiency_days: int,
        deficiency_due: dt.date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("材料不齐"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("尚缺{n}项必需材料：\n{names}\n\n请选择如何办理：").format(
                n=len(missing), names="\n".join(f"· {name}" for name in missing)
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        due = deficiency_due.isoformat() if deficiency_due else ""
        self.deficiency = QPushButton(
            self.tr("容缺受理，{days}个工作日内（{date}前）补齐(&R)").format(days=deficiency_days, date=due)
        )
        self.deficiency.setVisible(deficiency_possible)
        self.supplement = QPushButton(self.tr("出具一次性告知书，退回补正(&G)"))
        self.back = QPushButton(self.tr("返回继续收取材料 (Esc)"))
        for button, choice in (
            (self.deficiency, DEFICIENCY),
            (self.supplement, SUPPLEMENT),
            (self.back, BACK),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, c=choice: self._choose(c))
            layout.addWidget(button)
        if not deficiency_possible:
            note = QLabel(self.tr("所缺材料不全属于可容缺的材料，不能容缺受理。"))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.back.setDefault(True)  # Enter never returns a case by accident
        self.rejected.connect(lambda: self.chosen.emit(BACK) if not self._done else None)
        self._done = False

    def _choose(self, choice: str) -> None:
        self._done = True
        self.chosen.emit(choice)
        self.accept()
