"""The 高拍仪 capture window bound to one material: "户口簿 第2页", Space (or the pedal) captures.

Opened from the materials step (F7 on a material), it names the material and the page being
photographed, captures on Space or on the station's extra capture key (settings
``camera_capture_key``: a foot pedal is a keyboard that sends one key), crops and flattens each
page with the document pipeline (devices/camera/document.py) on the task manager's pool, and
keeps the pages in a list where the clerk reorders (Ctrl+↑/↓), retakes (R: the next capture
replaces the chosen page) or deletes (Del) them. 保存 (Ctrl+Enter) hands the pages, in order, to
the checklist, which stores them as that material's pages of the case; closing with pages not
saved asks first.

身份证正反面 (Ctrl+I): two captures, front then back, become one page, both sides at true size on an
A4 sheet (devices/camera/idcopy.py) — the 身份证正反面复印件.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.camera_bridge import MODE_DOCUMENT, CameraBridge
from desktop.errors import error_text
from desktop.operations import Operations
from desktop.screen_fit import start_size
from devices.camera.base import Frame
from widgets.viewfinder import Viewfinder

THUMB = QSize(96, 120)


@dataclass
class CapturedPage:
    jpeg: bytes
    thumbnail: QImage
    #: an ID card copy (one page made of two captures)
    id_copy: bool = False


def _thumbnail(image: Any) -> np.ndarray:
    """A small BGR copy for the page list (made on the pool, shown on the GUI thread)."""
    import cv2

    h, w = image.shape[:2]
    scale = min(THUMB.width() / w, THUMB.height() / h)
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return small if small.ndim == 3 else cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)


def process_document(image: Any) -> tuple[bytes, np.ndarray]:
    import cv2

    from devices.camera.document import process_page

    photo = process_page(image)
    decoded = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    return photo.jpeg, _thumbnail(decoded)


def process_card_side(image: Any) -> np.ndarray:
    from devices.camera.idcopy import extract_card

    return extract_card(image)


def compose_card_copy(front: np.ndarray, back: np.ndarray) -> tuple[bytes, np.ndarray]:
    import cv2

    from devices.camera.idcopy import compose_a4

    jpeg = compose_a4(front, back)
    decoded = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    return jpeg, _thumbnail(decoded)


def to_qimage(image: np.ndarray) -> QImage:
    h, w = image.shape[:2]
    data = np.ascontiguousarray(image)
    return QImage(data.data, w, h, data.strides[0], QImage.Format.Format_BGR888).copy()


class PageCaptureWindow(QWidget):
    #: material key, the pages' JPEG bytes in page order: to be stored as that material's pages
    pages_saved = Signal(str, list)

    def __init__(
        self,
        bridge: CameraBridge,
        ops: Operations,
        capture_key: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._bridge = bridge
        self._ops = ops
        self.material_key = ""
        self.material_name = ""
        #: pages the material already had when the window opened (numbering goes on from there)
        self.existing_pages = 0
        self.pages: list[CapturedPage] = []
        #: the row the next capture replaces (重拍), or None: the next capture is a new page
        self.retake_row: int | None = None
        #: the flattened front while the back of an ID card is awaited
        self.card_front: np.ndarray | None = None
        self.busy = False
        #: the extra capture key (a foot pedal), if the station set one
        self.pedal: QShortcut | None = None
        self._build_view()
        self._build_buttons()
        self._build_layout()
        self._wire()
        self.set_capture_key(capture_key)
        start_size(self, 980, 700)

    def _build_view(self) -> None:
        """Heading, viewfinder, the strip of pages and the two options."""
        self.heading = QLabel()
        self.heading.setObjectName("capture_heading")
        self.heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.viewfinder = Viewfinder()
        self.page_list = QListWidget()
        self.page_list.setViewMode(QListView.ViewMode.IconMode)
        self.page_list.setFlow(QListView.Flow.TopToBottom)
        self.page_list.setWrapping(False)
        self.page_list.setMovement(QListView.Movement.Static)
        self.page_list.setIconSize(THUMB)
        self.page_list.setFixedWidth(THUMB.width() + 60)
        self.page_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must reach the shortcut
        self.auto = QCheckBox(self.tr("放稳后自动拍摄"))
        self.auto.setChecked(True)
        self.auto.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.id_mode = QCheckBox(self.tr("身份证正反面 (Ctrl+I)"))
        self.id_mode.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = QLabel()
        self.status.setWordWrap(True)

    def _build_buttons(self) -> None:
        self.capture_button = QPushButton(self.tr("拍照 (空格)"))
        self.up_button = QPushButton(self.tr("上移 (Ctrl+↑)"))
        self.down_button = QPushButton(self.tr("下移 (Ctrl+↓)"))
        self.retake_button = QPushButton(self.tr("重拍 (R)"))
        self.delete_button = QPushButton(self.tr("删除 (Del)"))
        self.save_button = QPushButton(self.tr("保存 (Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("关闭 (Esc)"))
        for button, _slot, _keys in self._actions():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _actions(self) -> tuple[tuple[QPushButton, Any, tuple[str, ...]], ...]:
        """Each button, what it does, and its keys."""
        return (
            (self.capture_button, self.capture_now, ("Space",)),
            (self.up_button, lambda: self.move_page(-1), ("Ctrl+Up",)),
            (self.down_button, lambda: self.move_page(1), ("Ctrl+Down",)),
            (self.retake_button, self.retake, ("R",)),
            (self.delete_button, self.delete_page, ("Del", "Backspace")),
            (self.save_button, self.save, ("Ctrl+Return", "Ctrl+Enter")),
            (self.cancel_button, self.close, ("Esc",)),
        )

    def _build_layout(self) -> None:
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("已拍页面")))
        side.addWidget(self.page_list, 1)
        for button in (self.up_button, self.down_button, self.retake_button, self.delete_button):
            side.addWidget(button)
        middle = QHBoxLayout()
        middle.addWidget(self.viewfinder, 1)
        middle.addLayout(side)
        options = QHBoxLayout()
        options.addWidget(self.auto)
        options.addWidget(self.id_mode)
        options.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.capture_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(middle, 1)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def _wire(self) -> None:
        """Signals and the keyboard shortcuts."""
        self.page_list.currentRowChanged.connect(self._selection_changed)
        self.id_mode.toggled.connect(self._id_mode_changed)
        for button, slot, keys in self._actions():
            button.clicked.connect(slot)
            for key in keys:
                self._shortcut(key, slot)
        self._shortcut("Up", lambda: self._select(-1))
        self._shortcut("Down", lambda: self._select(1))
        self._shortcut("Ctrl+I", self.id_mode.toggle)
        bridge = self._bridge
        bridge.frame_ready.connect(self.viewfinder.set_frame)
        bridge.frame_analysed.connect(self._analysed)
        bridge.capture_failed.connect(lambda e: self.status.setText(error_text(e) or ""))
        bridge.page_steady.connect(self._steady)

    def _shortcut(self, keys: str | QKeySequence, slot: Any) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.activated.connect(slot)
        return shortcut

    # Opening ---------------------------------------------------------------------------------

    def set_capture_key(self, key: str) -> None:
        if self.pedal is not None:
            self.pedal.setEnabled(False)
            self.pedal.deleteLater()
            self.pedal = None
        sequence = QKeySequence(key.strip()) if key.strip() else QKeySequence()
        if not sequence.isEmpty() and sequence != QKeySequence("Space"):
            self.pedal = self._shortcut(sequence, self.capture_now)

    def start(
        self, spec: str | Any, key: str, material_name: str, existing_pages: int = 0, id_copy: bool = False
    ) -> None:
        """Photograph pages of material ``key`` (named ``material_name``) of the open case."""
        self.material_key, self.material_name, self.existing_pages = key, material_name, existing_pages
        self.pages.clear()
        self.page_list.clear()
        self.retake_row = None
        self.card_front = None
        self.busy = False
        self.id_mode.setChecked(id_copy)
        self.setWindowTitle(self.tr("高拍仪 — {material}").format(material=material_name))
        self.status.setText(self.tr("把材料放在高拍仪下，放稳后自动拍摄，或按空格。"))
        self._update_heading()
        self.show()
        self.activateWindow()
        self._bridge.start(spec, MODE_DOCUMENT)

    # What is being photographed ----------------------------------------------------------------

    def page_label(self, row: int) -> str:
        return self.tr("第{n}页").format(n=self.existing_pages + row + 1)

    def _card_flow(self) -> bool:
        """The next captures are the two sides of an ID card (a new copy, or retaking one)."""
        return self.id_mode.isChecked() and (self.retake_row is None or self._is_card(self.retake_row))

    def _update_heading(self) -> None:
        row = len(self.pages) if self.retake_row is None else self.retake_row
        text = f"{self.material_name} {self.page_label(row)}"
        if self.retake_row is not None:
            text += self.tr("（重拍）")
        if self._card_flow():
            side = self.tr("身份证反面") if self.card_front is not None else self.tr("身份证正面")
            text += self.tr("：{side}").format(side=side)
        self.heading.setText(text)

    def _id_mode_changed(self, _on: bool) -> None:
        self.card_front = None
        self._update_heading()

    # Capturing ---------------------------------------------------------------------------------

    def _analysed(self, analysis: object) -> None:
        corners = getattr(analysis, "page_corners", None)
        if corners is not None:
            outline = self._bridge.preview_outline(tuple(corners))
            self.viewfinder.set_outline(outline, bool(getattr(analysis, "steady", False)))

    def _steady(self, frame: object) -> None:
        if self.auto.isChecked() and not self.id_mode.isChecked():  # a card is small: capture by key
            self.capture_frame(frame)

    def capture_now(self) -> None:
        """Space or the pedal: the newest frame, whether or not the page has come to rest."""
        frame = self._bridge.latest_frame
        if frame is None:
            self.status.setText(self.tr("还没有画面，请稍候再拍。"))
            return
        self.capture_frame(frame)

    def capture_frame(self, frame: object) -> None:
        if self.busy:
            self.status.setText(self.tr("正在处理上一张，请稍候。"))
            return
        image = getattr(frame, "image", None)
        self.busy = True
        # The photographed frame is the only 5 MP one kept until the page is done.
        self._bridge.pause(frame=frame if isinstance(frame, Frame) else None)
        self.status.setText(self.tr("正在处理照片…"))
        if not self._card_flow():
            self._ops.background(lambda: process_document(image), self._page_ready, self._failed)
        elif self.card_front is None:
            self._ops.background(lambda: process_card_side(image), self._front_ready, self._failed)
        else:
            front = self.card_front

            def both() -> tuple[bytes, np.ndarray]:
                return compose_card_copy(front, process_card_side(image))

            self._ops.background(both, self._card_copy_ready, self._failed)

    def _is_card(self, row: int) -> bool:
        return 0 <= row < len(self.pages) and self.pages[row].id_copy

    def _done(self) -> None:
        self.busy = False
        self._bridge.pause(False)

    def _front_ready(self, front: np.ndarray) -> None:
        self._done()
        self.card_front = front
        self.status.setText(self.tr("正面已拍好。请把身份证翻到反面，再按空格。"))
        self._update_heading()

    def _card_copy_ready(self, result: tuple[bytes, np.ndarray]) -> None:
        self.card_front = None
        self._add(CapturedPage(result[0], to_qimage(result[1]), id_copy=True))

    def _page_ready(self, result: tuple[bytes, np.ndarray]) -> None:
        self._add(CapturedPage(result[0], to_qimage(result[1])))

    def _add(self, page: CapturedPage) -> None:
        self._done()
        if self.retake_row is not None and self.retake_row < len(self.pages):
            row, self.retake_row = self.retake_row, None
            self.pages[row] = page
            done = self.tr("{page}已重拍。").format(page=self.page_label(row))
        else:
            self.retake_row = None
            self.pages.append(page)
            row = len(self.pages) - 1
            done = self.tr("{page}已拍好。").format(page=self.page_label(row))
        self._refresh(row)
        self.status.setText(done + self.tr("放上下一页；R 重拍，Del 删除，Ctrl+Enter 保存。"))

    def _failed(self, exc: BaseException) -> None:
        self._done()
        text = error_text(exc)
        if text is not None:
            self.status.setText(text)

    # The page list -----------------------------------------------------------------------------

    def _refresh(self, current: int | None = None) -> None:
        self.page_list.blockSignals(True)
        self.page_list.clear()
        for row, page in enumerate(self.pages):
            caption = self.page_label(row) + (self.tr("（身份证正反面）") if page.id_copy else "")
            item = QListWidgetItem(QIcon(QPixmap.fromImage(page.thumbnail)), caption)
            self.page_list.addItem(item)
        if current is not None and self.pages:
            self.page_list.setCurrentRow(max(0, min(current, len(self.pages) - 1)))
        self.page_list.blockSignals(False)
        self._update_heading()

    def _select(self, step: int) -> None:
        if self.pages:
            row = self.page_list.currentRow()
            self.page_list.setCurrentRow(max(0, min(len(self.pages) - 1, (row if row >= 0 else 0) + step)))

    def move_page(self, step: int) -> None:
        row = self.page_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.pages):
            return
        self.pages[row], self.pages[target] = self.pages[target], self.pages[row]
        self.retake_row = None
        self._refresh(target)

    def _selection_changed(self, row: int) -> None:
        """Choosing another page while a retake waits retakes that page instead: the heading and
        the next capture always name the page the list shows as chosen."""
        if self.retake_row is not None and 0 <= row < len(self.pages) and row != self.retake_row:
            self.retake()
            return
        self._update_heading()

    def retake(self) -> None:
        row = self.page_list.currentRow()
        if row < 0:
            return
        self.retake_row = row
        self.card_front = None
        if self.pages[row].id_copy:
            self.id_mode.setChecked(True)  # a card copy is retaken as one: front, then back
        self.status.setText(self.tr("重拍{page}：放好后按空格，新照片替换这一页。").format(page=self.page_label(row)))
        self._update_heading()

    def delete_page(self) -> None:
        row = self.page_list.currentRow()
        if row < 0:
            return
        del self.pages[row]
        self.retake_row = None
        self._refresh(row)
        self.status.setText(self.tr("已删除一页，后面的页码已前移。"))

    # Saving ------------------------------------------------------------------------------------

    def save(self) -> None:
        """The pages, in order, go to the checklist as this material's pages; the window closes."""
        if not self.pages:
            self.status.setText(self.tr("还没有拍摄任何页面。"))
            return
        self._hand_over()
        self.close()

    def _hand_over(self) -> None:
        pages = [page.jpeg for page in self.pages]
        self.pages.clear()
        self.page_list.clear()
        self.pages_saved.emit(self.material_key, pages)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.pages:
            answer = QMessageBox.question(
                self,
                self.tr("高拍仪"),
                self.tr("有 {n} 页尚未保存。保存到“{material}”吗？").format(
                    n=len(self.pages), material=self.material_name
                ),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                self._hand_over()
            self.pages.clear()
        self._bridge.stop()
        super().closeEvent(event)
