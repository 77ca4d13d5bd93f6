"""Value types and protocols shared by the camera modules (no Qt, no opencv import)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from typing import Any

    import numpy as np

    #: An 8-bit BGR or grayscale frame (opencv's stubs type results loosely, hence Any).
    Image = np.ndarray[Any, Any]
else:
    Image = object


@dataclass(frozen=True)
class CameraSource:
    """What to open: a device index, or a file / image-sequence pattern / stream URL.

    Recorded frames (``cv2.VideoCapture(path)``) are the only stand-in for a camera in tests.
    ``realtime`` paces a file at its own frame rate so that stale frames are dropped as they
    would be from a live camera; without it every frame of the file is analysed.
    """

    index: int | None = None
    path: str | None = None
    realtime: bool = False
    #: (width, height) to ask a device for (settings camera_resolution); None: its default.
    #: Files and streams play at their own size.
    resolution: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if (self.index is None) == (self.path is None):
            raise ValueError("CameraSource needs exactly one of index or path")

    @property
    def is_device(self) -> bool:
        return self.index is not None

    def describe(self) -> str:
        return f"camera {self.index}" if self.index is not None else f"file {self.path}"

    @classmethod
    def parse(cls, spec: str, realtime: bool = False, resolution: tuple[int, int] | None = None) -> CameraSource:
        """``"0"`` → device 0; anything else → a path, pattern or URL (settings store this string)."""
        text = spec.strip()
        if text.isdigit():
            return cls(index=int(text), resolution=resolution)
        return cls(path=text, realtime=realtime)


@dataclass(frozen=True)
class Frame:
    """One captured frame. ``image`` is BGR uint8, owned by the frame (never reused by capture).

    ``scale`` < 1: an analyser's reduced copy (``FrameAnalyser.prepare``), ``image`` being that
    fraction of the camera frame's size; positions found in it are divided by ``scale``.
    """

    seq: int
    timestamp: float  # time.monotonic() when grabbed
    image: Image = field(repr=False, compare=False)
    scale: float = 1.0

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


@dataclass(frozen=True)
class QrRead:
    """A decoded code. ``stage`` names the decoder step that found it (for the benchmark)."""

    text: str
    stage: str
    corners: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class FrameAnalysis:
    """What the analyser made of one frame."""

    seq: int
    reads: tuple[QrRead, ...] = ()
    elapsed_ms: float = 0.0
    stages_tried: tuple[str, ...] = ()
    #: Document mode: the page outline in frame pixels (tl, tr, br, bl) and whether it has
    #: held still long enough to auto-capture.
    page_corners: tuple[tuple[float, float], ...] = ()
    steady: bool = False


@dataclass(frozen=True)
class CaptureStats:
    grabbed: int = 0
    analysed: int = 0
    dropped: int = 0


@dataclass(frozen=True)
class PagePhoto:
    """A processed material page ready to store: JPEG bytes plus what was done to it."""

    jpeg: bytes = field(repr=False)
    width: int
    height: int
    quality: int
    page_found: bool
    skew_degrees: float
    corners: tuple[tuple[float, float], ...] = ()

    @property
    def size(self) -> int:
        return len(self.jpeg)


class FrameAnalyser(Protocol):
    """Frame analysis run on the capture's analysis thread; takes arrays, knows no Qt.

    An analyser may also define ``prepare(frame) -> Frame``: run on the capture thread as each
    frame is read, it returns what ``analyse`` will be given (e.g. a reduced copy), so that the
    frame waiting for and under analysis need not be a second full-size frame (15 MB at 5 MP).
    """

    def analyse(self, frame: Frame) -> FrameAnalysis: ...


class CaptureListener(Protocol):
    """Callbacks from the capture threads. They run on those threads: do not touch widgets.

    desktop/camera_bridge.py implements this and re-emits each call as a Qt signal.
    """

    def frame_captured(self, frame: Frame) -> None: ...

    def frame_analysed(self, frame: Frame, analysis: FrameAnalysis) -> None: ...

    def capture_failed(self, error: Exception) -> None: ...

    def capture_stopped(self) -> None: ...


class Camera(Protocol):
    """A running capture (real or null). Ask the manager for a new one each time (hot-plug)."""

    @property
    def source(self) -> CameraSource | None: ...

    @property
    def running(self) -> bool: ...

    def start(self) -> None: ...

    def stop(self, timeout: float = 2.0) -> None: ...

    def stats(self) -> CaptureStats: ...


#: Clock used by pacing logic; injectable so tests need no sleep.
Clock = Callable[[], float]
