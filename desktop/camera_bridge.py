"""Qt bridge for the counter camera: created in the GUI thread, re-emits device-thread results.

The capture threads call the ``CaptureListener`` methods below; because this QObject lives in
the GUI thread, signals emitted from those threads are queued and delivered on the GUI thread
(STYLE.md §5). Frames are converted to ``QImage`` on the capture thread and at most one frame
waits in the event queue at a time: when the GUI is busy, new frames are skipped rather than
piling up, so the viewfinder runs at the camera rate without freezing the window.
"""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from devices.camera.base import CameraSource, Frame, FrameAnalysis
from devices.camera.document import AutoCapture, PageFrameAnalyser
from devices.camera.evoucher import mask_token, validate_token
from devices.camera.manager import CameraManager, NullCamera
from devices.camera.qr import QrFrameAnalyser
from models.errors import UserFacingError, ValidationError

logger = logging.getLogger(__name__)

MODE_QR = "qr"
MODE_DOCUMENT = "document"


def preview_image(image: np.ndarray, size: tuple[int, int] | None) -> np.ndarray:
    """``image`` shrunk to fit ``size`` (the preview resolution); as it is when it already fits."""
    if size is None:
        return image
    h, w = image.shape[:2]
    scale = min(size[0] / w, size[1] / h)
    if scale >= 1.0:
        return image
    import cv2

    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


def frame_to_qimage(frame: Frame, preview: tuple[int, int] | None = None) -> QImage:
    img = preview_image(frame.image, preview)
    h, w = img.shape[:2]
    if img.ndim == 2:
        return QImage(img.data, w, h, img.strides[0], QImage.Format.Format_Grayscale8).copy()
    return QImage(img.data, w, h, img.strides[0], QImage.Format.Format_BGR888).copy()


class CameraBridge(QObject):
    frame_ready = Signal(QImage)
    #: FrameAnalysis: QR reads, or the page outline and steadiness in document mode.
    frame_analysed = Signal(object)
    #: Any QR text, once per appearance (the same code held in view is not repeated).
    qr_decoded = Signal(str)
    #: EVoucherToken of valid shape.
    evoucher_read = Signal(object)
    #: ValidationError for a code that is not an e-voucher (message for the clerk).
    qr_rejected = Signal(object)
    #: UserFacingError (no camera, busy, disconnected) or an unexpected Exception.
    capture_failed = Signal(object)
    capture_stopped = Signal()
    #: A document-mode frame when a newly laid page has come to rest (auto-capture): once per
    #: placement, not at every steady frame.
    page_steady = Signal(object)

    def __init__(
        self,
        manager: CameraManager | None = None,
        repeat_after_s: float = 3.0,
        resolution: tuple[int, int] | None = None,
        preview: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self._manager = manager or CameraManager()
        #: asked of the camera (settings camera_resolution): what pages are photographed at
        self.resolution = resolution
        #: what the viewfinder is sent (settings camera_preview_resolution): a 5 MP frame is
        #: shrunk on the capture thread, so the GUI thread never converts or paints 5 MP
        self.preview = preview
        self._camera: NullCamera | object | None = None
        self._mode = MODE_QR
        self._frame_in_flight = threading.Event()
        self._paused = False
        self._repeat_after_s = repeat_after_s
        self._last_text: str | None = None
        self._last_seen = 0.0
        self.frames_skipped = 0
        #: Newest frame from the camera (Space in the camera window captures it). Written by the
        #: capture thread, read by the GUI thread: one reference assignment, atomic in CPython.
        #: The newest one read, not the newest analysed: the frame being analysed is then the
        #: only other full-size frame alive (a 5 MP frame is 15 MB).
        self.latest_frame: Frame | None = None
        self._auto_capture = AutoCapture()
        self._listener = _Listener(self)
        # Connected first, so that it runs once the queued frame reached the GUI thread.
        self.frame_ready.connect(self._frame_delivered)

    # -- control, from the GUI thread ---------------------------------------------------------
    def start(self, spec: str | CameraSource | None, mode: str = MODE_QR) -> None:
        """Open the camera chosen in settings; failures arrive as ``capture_failed``."""
        self.stop()
        self._paused = False
        self._mode = mode
        self._last_text = None
        self.latest_frame = None
        self._auto_capture = AutoCapture()
        self._camera = self._manager.open(spec, self._listener, self._make_analyser(mode), self.resolution)
        self._camera.start()

    def stop(self) -> None:
        cam, self._camera = self._camera, None
        if cam is not None:
            cam.stop(timeout=1.0)  # type: ignore[attr-defined]

    def pause(self, paused: bool = True, frame: Frame | None = None) -> None:
        """Stop reading frames while a captured page is processed (``pause(False)`` goes on).

        ``frame`` (the one photographed) stays the newest frame meanwhile, and frames the camera
        still delivers are dropped: the page being processed is then the only 5 MP frame kept.
        """
        self._paused = paused
        if paused and frame is not None:
            self.latest_frame = frame
        if self._camera is not None:
            self._camera.pause(paused)  # type: ignore[attr-defined]

    def set_mode(self, mode: str) -> None:
        self._mode = mode
        self._auto_capture = AutoCapture()
        if self._camera is not None:
            self._camera.set_analyser(self._make_analyser(mode))  # type: ignore[attr-defined]

    @property
    def running(self) -> bool:
        return bool(self._camera is not None and self._camera.running)  # type: ignore[attr-defined]

    def preview_outline(self, corners: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
        """A page outline in frame pixels → in the (smaller) preview's pixels, for the viewfinder."""
        frame = self.latest_frame
        if frame is None or self.preview is None or not corners:
            return corners
        scale = min(1.0, self.preview[0] / frame.width, self.preview[1] / frame.height)
        return tuple((x * scale, y * scale) for x, y in corners)

    @staticmethod
    def _make_analyser(mode: str) -> QrFrameAnalyser | PageFrameAnalyser:
        return PageFrameAnalyser() if mode == MODE_DOCUMENT else QrFrameAnalyser()

    @Slot(QImage)
    def _frame_delivered(self, _image: QImage) -> None:
        self._frame_in_flight.clear()

    # -- called on the capture threads through _Listener ----------------------------------------
    def _on_frame(self, frame: Frame) -> None:
        if self._paused:
            return  # read just as the pause began: neither kept nor shown
        self.latest_frame = frame
        if self._frame_in_flight.is_set():
            self.frames_skipped += 1
            return
        self._frame_in_flight.set()
        self.frame_ready.emit(frame_to_qimage(frame, self.preview))

    def _on_analysis(self, frame: Frame, analysis: FrameAnalysis) -> None:
        self.frame_analysed.emit(analysis)
        diagonal = float(np.hypot(frame.width, frame.height)) / frame.scale
        if self._mode == MODE_DOCUMENT and self._auto_capture.update(analysis.page_corners, analysis.steady, diagonal):
            # The page has come to rest: photograph the newest frame, at the camera's full size
            # (the analysed one may be the analyser's reduced copy, and is no fresher).
            photo = self.latest_frame if frame.scale != 1.0 else frame
            if photo is not None:
                self.page_steady.emit(photo)
        if not analysis.reads:
            return
        text = analysis.reads[0].text
        now = time.monotonic()
        if text == self._last_text and now - self._last_seen < self._repeat_after_s:
            self._last_seen = now
            return
        self._last_text, self._last_seen = text, now
        logger.info("QR read by %s: %s", analysis.reads[0].stage, mask_token(text))
        self.qr_decoded.emit(text)
        try:
            token = validate_token(text)
        except ValidationError as exc:
            self.qr_rejected.emit(exc)
        else:
            self.evoucher_read.emit(token)

    def _on_failure(self, error: Exception) -> None:
        if isinstance(error, UserFacingError):
            logger.warning("camera: %s", error.code)
        self.capture_failed.emit(error)


class _Listener:
    """The ``CaptureListener`` the capture threads call; forwards to the bridge's signals.

    Kept apart from the QObject because the listener's method names are the bridge's signal names.
    """

    def __init__(self, bridge: CameraBridge) -> None:
        self._bridge = bridge

    def frame_captured(self, frame: Frame) -> None:
        self._bridge._on_frame(frame)

    def frame_analysed(self, frame: Frame, analysis: FrameAnalysis) -> None:
        self._bridge._on_analysis(frame, analysis)

    def capture_failed(self, error: Exception) -> None:
        self._bridge._on_failure(error)

    def capture_stopped(self) -> None:
        self._bridge.capture_stopped.emit()
