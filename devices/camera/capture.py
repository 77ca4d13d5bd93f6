"""Capture on the camera's own thread; analysis of the newest frame on a second thread.

The reader thread owns the ``cv2.VideoCapture`` (opened, read and released there only:
camera back-ends are not thread-safe, STYLE.md §5). Each frame goes to the listener (for the
viewfinder) and into a one-slot mailbox; the analysis thread always takes the newest frame, so
when decoding is slower than the camera the stale frames are dropped, never queued. A recorded
file that is not paced in real time is instead read only as fast as it is analysed, so that
every frame is looked at (the CLI and the tests).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
import time
from typing import Any

from devices.camera.base import (
    CameraSource,
    CaptureListener,
    CaptureStats,
    Clock,
    Frame,
    FrameAnalyser,
)
from models.errors import UserFacingError

logger = logging.getLogger(__name__)

#: A live camera that returns no frame for this long has been unplugged (or hung).
DISCONNECT_AFTER_S = 2.0


#: glibc's ``M_MMAP_THRESHOLD`` (malloc.h), and the fixed value the capture sets it to.
_M_MMAP_THRESHOLD = -3
MAP_BLOCKS_FROM = 1 << 20
_large_blocks_mapped = False


def map_large_blocks() -> bool:
    """Have glibc hand every block of ``MAP_BLOCKS_FROM`` bytes or more straight back to the system
    when it is freed; once per process, on Linux (True when set).

    A 5 MP frame is 15 MB. glibc maps the first such block with mmap, but when it is freed it raises
    its mmap threshold to that size, so later frames come from its heaps (one per thread that
    allocates: the capture, analysis and pool threads), which keep the freed space: a streaming
    camera then holds several frames' worth of memory it no longer uses. A fixed threshold (setting
    it turns the adaptation off) keeps frames, preview copies and page images mapped; the cost is a
    page fault per touched page of each new frame, small beside decoding it.
    """
    global _large_blocks_mapped
    if _large_blocks_mapped or not sys.platform.startswith("linux"):
        return _large_blocks_mapped
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (or no mallopt): nothing to tune
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    _large_blocks_mapped = bool(mallopt(_M_MMAP_THRESHOLD, MAP_BLOCKS_FROM))
    return _large_blocks_mapped


def _is_url(path: str) -> bool:
    return "://" in path


def open_error(source: CameraSource) -> UserFacingError:
    """The error to report when ``cv2.VideoCapture`` would not open ``source``."""
    if source.index is not None:
        # On Linux a node that exists but will not open is held by another program.
        if sys.platform.startswith("linux") and os.path.exists(f"/dev/video{source.index}"):
            return UserFacingError("camera.busy", index=source.index)
        return UserFacingError("camera.not_found", index=source.index)
    path = source.path or ""
    if not _is_url(path) and "%" not in path and not os.path.exists(path):
        return UserFacingError("camera.file_not_found", path=path)
    return UserFacingError("camera.unreadable_file", path=path)


def open_video_capture(source: CameraSource) -> Any:
    """Open ``source`` with opencv, or raise the matching ``UserFacingError``."""
    import cv2

    # opencv prints its own warnings for a missing camera; ours are the UserFacingErrors.
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    if source.index is not None:
        cap = cv2.VideoCapture(source.index)
        if cap.isOpened() and source.resolution is not None:
            # Document cameras give their 5–13 MP only as MJPG over USB 2 (raw YUYV at that size
            # exceeds the bus); ask for MJPG first, then the size. The driver picks the nearest
            # size it has; the frames say what it chose.
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, source.resolution[0])
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, source.resolution[1])
            got = (int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)))
            if got != source.resolution:
                logger.info("camera %s: asked for %dx%d, got %dx%d", source.index, *source.resolution, *got)
    else:
        if not _is_url(source.path or "") and "%" not in (source.path or "") and not os.path.exists(source.path or ""):
            raise open_error(source)
        cap = cv2.VideoCapture(source.path or "")
    if not cap.isOpened():
        cap.release()
        raise open_error(source)
    return cap


class FrameCapture:
    """A running capture of one source (implements ``base.Camera``).

    ``open_capture`` makes the opencv object; it is injectable so that tests can feed recorded
    frames through the very same loop (and simulate a camera that vanishes).
    """

    def __init__(
        self,
        source: CameraSource,
        listener: CaptureListener,
        analyser: FrameAnalyser | None = None,
        open_capture: Any = open_video_capture,
        clock: Clock = time.monotonic,
    ) -> None:
        self._source = source
        self._listener = listener
        self._analyser = analyser
        self._open_capture = open_capture
        self._clock = clock
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._cond = threading.Condition()
        self._pending: Frame | None = None
        self._reader_done = False
        self._grabbed = 0
        self._analysed = 0
        self._dropped = 0
        self._reader: threading.Thread | None = None
        self._worker: threading.Thread | None = None
        self._threads_finished = 0
        self.fps: float = 0.0

    # -- Camera protocol ----------------------------------------------------------------
    @property
    def source(self) -> CameraSource:
        return self._source

    @property
    def running(self) -> bool:
        return any(t is not None and t.is_alive() for t in (self._reader, self._worker))

    def start(self) -> None:
        if self._reader is not None:
            raise RuntimeError("capture already started")
        map_large_blocks()  # before the first frame is allocated
        self._reader = threading.Thread(target=self._read_loop, name="camera-capture", daemon=True)
        self._worker = threading.Thread(target=self._analyse_loop, name="camera-analysis", daemon=True)
        self._reader.start()
        self._worker.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        for t in (self._reader, self._worker):
            if t is not None and t is not threading.current_thread():
                t.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the source is exhausted or stopped (CLI only; never on the GUI thread)."""
        for t in (self._reader, self._worker):
            if t is not None:
                t.join(timeout)
        return not self.running

    def stats(self) -> CaptureStats:
        with self._cond:
            return CaptureStats(self._grabbed, self._analysed, self._dropped)

    def pause(self, paused: bool = True) -> None:
        """Stop reading frames until ``pause(False)`` (the camera stays open).

        While a captured 5 MP page is flattened, reading on would decode a 15 MB frame every
        1/15 s beside it: the newest frame (the one photographed) is then the only one alive,
        and the page gets the CPU. A device's driver keeps or drops frames meanwhile, as it does
        when nothing reads.
        """
        if paused:
            self._paused.set()
        else:
            self._paused.clear()

    def set_analyser(self, analyser: FrameAnalyser | None) -> None:
        """Switch between QR scanning and document framing without reopening the camera."""
        with self._cond:
            self._analyser = analyser

    # -- reader thread ------------------------------------------------------------------
    def _read_loop(self) -> None:
        cap = None
        try:
            cap = self._open_capture(self._source)
            self._capture_frames(cap)
        except UserFacingError as exc:
            logger.warning("%s: %s", self._source.describe(), exc.code)
            self._listener.capture_failed(exc)
        except Exception as exc:  # a driver crash must not kill the app silently
            logger.exception("%s failed", self._source.describe())
            self._listener.capture_failed(exc)
        finally:
            if cap is not None:
                cap.release()
            with self._cond:
                self._reader_done = True
                self._cond.notify_all()
            self._report_stopped_if_done()

    def _capture_frames(self, cap: Any) -> None:
        import cv2

        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = fps if 0 < fps < 240 else 0.0
        period = 1.0 / self.fps if (self._source.realtime and self.fps) else 0.0
        pace_to_analysis = not self._source.is_device and not self._source.realtime
        last_ok = self._clock()
        next_due = self._clock()
        seq = 0
        while not self._stop.is_set():
            if self._paused.is_set():
                self._stop.wait(0.01)
                last_ok = next_due = self._clock()  # a pause is neither a disconnect nor lateness
                continue
            ok, image = cap.read()
            now = self._clock()
            if not ok or image is None:
                if not self._source.is_device:
                    return  # end of the recording
                if seq == 0 or now - last_ok > DISCONNECT_AFTER_S:
                    code = "camera.busy" if seq == 0 else "camera.disconnected"
                    raise UserFacingError(code, index=self._source.index)
                self._stop.wait(0.02)  # a transient miss: give the driver a moment
                continue
            last_ok = now
            frame = Frame(seq=seq, timestamp=now, image=image)
            del image  # the frame owns it; only the listener's newest and ``frame`` keep it alive
            seq += 1
            self._listener.frame_captured(frame)
            with self._cond:
                analyser = self._analyser
            prepare = getattr(analyser, "prepare", None)
            work = prepare(frame) if prepare is not None else frame
            del frame  # not held over the next read: the listener keeps the newest frame
            with self._cond:
                self._grabbed += 1
                if self._pending is not None:
                    self._dropped += 1  # the analyser is behind: the older frame is stale
                self._pending = work
                self._cond.notify_all()
                if pace_to_analysis:
                    while self._pending is not None and not self._stop.is_set() and self._analyser is not None:
                        self._cond.wait(0.5)
            if period:
                next_due += period
                delay = next_due - self._clock()
                if delay > 0:
                    self._stop.wait(delay)
                else:
                    next_due = self._clock()

    # -- analysis thread ------------------------------------------------------------------
    def _analyse_loop(self) -> None:
        try:
            while True:
                with self._cond:
                    while self._pending is None and not self._reader_done and not self._stop.is_set():
                        self._cond.wait()
                    if self._stop.is_set() or (self._pending is None and self._reader_done):
                        return
                    frame, self._pending = self._pending, None
                    analyser = self._analyser
                    self._cond.notify_all()
                if frame is None or analyser is None:
                    continue
                analysis = analyser.analyse(frame)
                with self._cond:
                    self._analysed += 1
                self._listener.frame_analysed(frame, analysis)
        except Exception as exc:
            logger.exception("frame analysis failed")
            self._listener.capture_failed(exc)
            self._stop.set()
        finally:
            self._report_stopped_if_done()

    def _report_stopped_if_done(self) -> None:
        """Each thread calls this once on exit; the second one reports the stop, exactly once."""
        with self._cond:
            self._threads_finished += 1
            if self._threads_finished < 2:
                return
        self._listener.capture_stopped()
