"""Pick a camera implementation for a source; fall back to a null camera with a clean error.

Ask the manager each time a capture is needed rather than keeping one open (hot-plug,
STYLE.md §5; electrum DeviceMgr). The chosen source is a string from settings:
``"0"`` for device 0, or a file / image-sequence pattern / stream URL.
"""

from __future__ import annotations

import glob
import logging
import re
import sys
import time

from devices.camera.base import CameraSource, CaptureListener, CaptureStats, Clock, FrameAnalyser
from devices.camera.capture import FrameCapture  # imports opencv lazily
from models.errors import UserFacingError

logger = logging.getLogger(__name__)


class NullCamera:
    """A camera that never produces frames: reports why once started, then stops."""

    def __init__(self, listener: CaptureListener, error: UserFacingError) -> None:
        self._listener = listener
        self.error = error

    @property
    def source(self) -> CameraSource | None:
        return None

    @property
    def running(self) -> bool:
        return False

    def start(self) -> None:
        self._listener.capture_failed(self.error)
        self._listener.capture_stopped()

    def stop(self, timeout: float = 2.0) -> None:
        pass

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def stats(self) -> CaptureStats:
        return CaptureStats()

    def pause(self, paused: bool = True) -> None:
        pass

    def set_analyser(self, analyser: FrameAnalyser | None) -> None:
        pass


def opencv_available() -> bool:
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True


def list_devices() -> list[int]:
    """Camera indices worth offering in settings, without opening them where the OS allows.

    Linux lists /dev/video* nodes (a UVC camera creates two; the odd one is metadata, but
    only opening tells, so both are offered). Elsewhere the first few indices are probed.
    """
    if sys.platform.startswith("linux"):
        found = []
        for node in glob.glob("/dev/video*"):
            m = re.fullmatch(r"/dev/video(\d+)", node)
            if m:
                found.append(int(m.group(1)))
        return sorted(found)
    if not opencv_available():
        return []
    import cv2

    found = []
    for i in range(4):
        cap = cv2.VideoCapture(i)
        if cap.isOpened():
            found.append(i)
        cap.release()
    return found


class CameraManager:
    """Makes captures. ``open`` never raises for a missing camera: it returns a ``NullCamera``
    whose ``start`` reports the error through the listener, as a real one would."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock

    def open(
        self,
        spec: str | CameraSource | None,
        listener: CaptureListener,
        analyser: FrameAnalyser | None = None,
        resolution: tuple[int, int] | None = None,
    ) -> NullCamera | FrameCapture:
        if spec is None or (isinstance(spec, str) and not spec.strip()):
            return NullCamera(listener, UserFacingError("camera.not_configured"))
        if not opencv_available():
            return NullCamera(listener, UserFacingError("camera.unavailable"))
        source = spec if isinstance(spec, CameraSource) else CameraSource.parse(spec, resolution=resolution)
        logger.info("opening %s", source.describe())
        return FrameCapture(source, listener, analyser, clock=self._clock)
