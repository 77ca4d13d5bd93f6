"""Capture through the real opencv path on recorded frames (no camera exists here)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from devices.camera import synthetic as syn
from devices.camera.base import CameraSource, Frame, FrameAnalysis
from devices.camera.capture import DISCONNECT_AFTER_S, FrameCapture, open_video_capture
from devices.camera.manager import CameraManager, NullCamera
from devices.camera.qr import QrFrameAnalyser
from models.errors import UserFacingError

pytest.importorskip("segno")

TOKEN = "4243754826492874240001130000"
WAIT_S = 20.0


class Recorder:
    """A CaptureListener that keeps everything it is told."""

    def __init__(self) -> None:
        self.captured: list[int] = []
        self.analysed: list[tuple[int, tuple[str, ...]]] = []
        self.errors: list[Exception] = []
        self.stopped = threading.Event()
        self.stop_count = 0

    def frame_captured(self, frame: Frame) -> None:
        self.captured.append(frame.seq)

    def frame_analysed(self, frame: Frame, analysis: FrameAnalysis) -> None:
        self.analysed.append((frame.seq, tuple(r.text for r in analysis.reads)))

    def capture_failed(self, error: Exception) -> None:
        self.errors.append(error)

    def capture_stopped(self) -> None:
        self.stop_count += 1
        self.stopped.set()


@pytest.fixture(scope="module")
def scan_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Phone comes into view: 3 frames without a code, 4 with, 2 without."""
    frames = [syn.phone_frame(None, syn.Degradation(), seed=i) for i in range(3)]
    frames += [syn.phone_frame(TOKEN, syn.Degradation(blur=0.8, rotate=5 * i), seed=i) for i in range(4)]
    frames += [syn.phone_frame(None, syn.Degradation(noise=8), seed=9 + i) for i in range(2)]
    path = tmp_path_factory.mktemp("camera") / "scan.avi"
    syn.write_video(str(path), frames, fps=15)
    return path


def run(source: CameraSource, analyser: Any = None, **kw: Any) -> tuple[FrameCapture, Recorder]:
    rec = Recorder()
    cap = FrameCapture(source, rec, analyser if analyser is not None else QrFrameAnalyser(), **kw)
    cap.start()
    assert rec.stopped.wait(WAIT_S)
    cap.stop()
    return cap, rec


def test_video_file_every_frame_analysed_code_read_only_where_shown(scan_video: Path) -> None:
    cap, rec = run(CameraSource(path=str(scan_video)))
    assert rec.errors == []
    assert rec.captured == list(range(9))
    assert [seq for seq, _ in rec.analysed] == list(range(9))  # none dropped when not paced
    texts = dict(rec.analysed)
    assert all(texts[i] == () for i in (0, 1, 2, 7, 8))  # no false reads
    assert sum(texts[i] == (TOKEN,) for i in range(3, 7)) >= 3
    assert cap.stats().dropped == 0 and cap.stats().analysed == 9
    assert rec.stop_count == 1 and not cap.running


def test_image_sequence_pattern(tmp_path: Path) -> None:
    for i in range(3):
        cv2.imwrite(
            str(tmp_path / f"f_{i:03d}.png"), syn.phone_frame(TOKEN if i == 1 else None, syn.Degradation(), seed=i)
        )
    _, rec = run(CameraSource(path=str(tmp_path / "f_%03d.png")))
    assert [t for _, t in rec.analysed] == [(), (TOKEN,), ()]


class GatedAnalyser:
    """Blocks on its first frame until the test opens the gate: the capture must keep reading."""

    def __init__(self, gate: threading.Event) -> None:
        self.gate = gate
        self.seen: list[int] = []

    def analyse(self, frame: Frame) -> FrameAnalysis:
        self.gate.wait(WAIT_S)
        self.seen.append(frame.seq)
        return FrameAnalysis(seq=frame.seq)


def test_realtime_source_drops_stale_frames_and_analyses_the_newest(tmp_path: Path) -> None:
    frames = [np.full((120, 160, 3), i * 8, np.uint8) for i in range(30)]
    path = tmp_path / "fast.avi"
    syn.write_video(str(path), frames, fps=200)  # fps above 120: read unpaced, as fast as possible
    gate = threading.Event()
    analyser = GatedAnalyser(gate)
    rec = Recorder()
    cap = FrameCapture(CameraSource(path=str(path), realtime=True), rec, analyser)
    cap.start()
    # Wait (without sleeping) until the reader has run past the blocked analyser.
    reached = threading.Event()
    while not reached.wait(0.01):
        if len(rec.captured) == 30:
            reached.set()
    gate.set()
    assert rec.stopped.wait(WAIT_S)
    stats = cap.stats()
    assert stats.grabbed == 30
    assert stats.dropped > 0
    assert stats.analysed < 30
    assert analyser.seen[-1] == 29  # the newest frame was analysed, the stale ones skipped
    assert analyser.seen == sorted(analyser.seen)


def test_missing_file_reports_file_not_found(tmp_path: Path) -> None:
    _, rec = run(CameraSource(path=str(tmp_path / "none.avi")))
    assert [getattr(e, "code", None) for e in rec.errors] == ["camera.file_not_found"]


def test_unreadable_file_reports_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.avi"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(UserFacingError) as info:
        open_video_capture(CameraSource(path=str(bad)))
    assert info.value.code == "camera.unreadable_file"


def test_absent_camera_index_reports_not_found() -> None:
    _, rec = run(CameraSource(index=63))
    assert len(rec.errors) == 1
    assert getattr(rec.errors[0], "code", None) in {"camera.not_found", "camera.busy"}


class VanishingCamera:
    """A real VideoCapture on a file posing as a device; after the recording it returns no
    frames, as an unplugged USB camera does."""

    def __init__(self, path: str, clock: list[float]) -> None:
        self._cap = cv2.VideoCapture(path)
        self._clock = clock

    def get(self, prop: int) -> float:
        return float(self._cap.get(prop))

    def read(self) -> tuple[bool, Any]:
        ok, img = self._cap.read()
        if not ok:
            self._clock[0] += DISCONNECT_AFTER_S / 4  # time passes while the driver times out
        return ok, img

    def release(self) -> None:
        self._cap.release()


def test_camera_that_disappears_reports_disconnected(scan_video: Path) -> None:
    clock = [0.0]
    _cap, rec = run(
        CameraSource(index=0),
        open_capture=lambda _source: VanishingCamera(str(scan_video), clock),
        clock=lambda: clock[0],
    )
    assert len(rec.captured) == 9
    assert [getattr(e, "code", None) for e in rec.errors] == ["camera.disconnected"]
    assert rec.stop_count == 1


def test_manager_null_camera_when_nothing_configured() -> None:
    rec = Recorder()
    cam = CameraManager().open(None, rec)
    assert isinstance(cam, NullCamera)
    cam.start()
    assert [getattr(e, "code", None) for e in rec.errors] == ["camera.not_configured"]
    assert rec.stopped.is_set() and not cam.running


def test_manager_opens_settings_string(scan_video: Path) -> None:
    rec = Recorder()
    cam = CameraManager().open(str(scan_video), rec, QrFrameAnalyser())
    assert isinstance(cam, FrameCapture)
    assert cam.source == CameraSource(path=str(scan_video))
    cam.start()
    assert rec.stopped.wait(WAIT_S)
    assert any(t == (TOKEN,) for _, t in rec.analysed)


def test_source_parse() -> None:
    assert CameraSource.parse("1") == CameraSource(index=1)
    assert CameraSource.parse("rtsp://127.0.0.1/x").path == "rtsp://127.0.0.1/x"
    with pytest.raises(ValueError):
        CameraSource()
