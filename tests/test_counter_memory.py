"""What keeps the counter's memory down (issue 20 item 4, bench/camera5mp_bench.py): pypinyin loaded
only while tables are built, fonts' characters as bitmaps, no module sources left in linecache by
PySide6's import hook, and a capture that stops reading while a page is processed."""

from __future__ import annotations

import importlib
import linecache
import random
import sys
import threading
from pathlib import Path

import pytest

from devices.camera import synthetic as syn
from devices.camera.base import CameraSource, Frame, FrameAnalysis
from devices.camera.capture import FrameCapture
from models import fontset, pinyin


def test_pypinyin_is_loaded_inside_blocks_only_and_nested_blocks_keep_it() -> None:
    with pinyin.loaded():
        assert "pypinyin" in sys.modules
        assert pinyin.initials("异地就医") == "ydjy"
        with pinyin.loaded():
            assert pinyin.syllables("医保") == ["yi", "bao"]
        assert "pypinyin" in sys.modules  # the outer block still holds it
        assert sorted(pinyin.readings("长")[0]) == ["chang", "zhang"]
    assert "pypinyin" not in sys.modules
    with pytest.raises(RuntimeError):
        pinyin.initials("医保")


def test_building_the_item_index_leaves_pypinyin_unloaded() -> None:
    from models.catalog import load_catalog
    from models.enums import StationLevel
    from models.intake.item_index import ItemIndex

    index = ItemIndex(load_catalog(), StationLevel.TOWNSHIP)
    assert "pypinyin" not in sys.modules
    # The tables were built while it was loaded: initials and full pinyin both find the item.
    assert index.search("ydaz")[0].name == "异地安置退休人员备案"
    assert index.search("yidianzhi")[0].name == "异地安置退休人员备案"


def test_code_points_bitmap_answers_as_the_set_did() -> None:
    rng = random.Random(7)
    a = {rng.randrange(0, 0x3134F) for _ in range(5000)} | {0x20000, 0x4E2D}
    b = {rng.randrange(0, 0x9FFF) for _ in range(3000)}
    ca, cb = fontset.CodePoints.of(a), fontset.CodePoints.of(b)
    assert len(ca) == len(a) and len(cb) == len(b) and ca and not fontset.CodePoints()
    union = ca | cb
    assert len(union) == len(a | b)
    probes = list(a | b) + [rng.randrange(0, 0x110000) for _ in range(5000)] + [-1, 0x10FFFF]
    assert all((p in union) == (p in (a | b)) for p in probes)
    assert "中" not in union  # code points, not characters


def test_pyside_import_hook_leaves_no_module_source_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import PySide6.QtCore  # noqa: F401  (the hook exists once Qt is imported)

    from desktop import import_sources

    assert import_sources.install()
    module = tmp_path / "tongban_probe_module.py"
    module.write_text("VALUE = 42\n" + "# filler\n" * 1000, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert importlib.import_module("tongban_probe_module").VALUE == 42
    assert str(module) not in linecache.cache
    sys.modules.pop("tongban_probe_module", None)


class _PauseOnFirst:
    """A listener that pauses the capture from the reader thread at the first frame."""

    def __init__(self) -> None:
        self.capture: FrameCapture | None = None
        self.captured: list[int] = []
        self.first = threading.Event()
        self.stopped = threading.Event()
        self.errors: list[Exception] = []

    def frame_captured(self, frame: Frame) -> None:
        self.captured.append(frame.seq)
        if len(self.captured) == 1:
            assert self.capture is not None
            self.capture.pause()
            self.first.set()

    def frame_analysed(self, frame: Frame, analysis: FrameAnalysis) -> None:
        pass

    def capture_failed(self, error: Exception) -> None:
        self.errors.append(error)

    def capture_stopped(self) -> None:
        self.stopped.set()


class _NoAnalysis:
    def analyse(self, frame: Frame) -> FrameAnalysis:
        return FrameAnalysis(seq=frame.seq)


def test_a_paused_capture_reads_nothing_until_resumed(tmp_path: Path) -> None:
    path = tmp_path / "desk.avi"
    syn.write_video(str(path), [syn.photographed_page(seed=i) for i in range(4)])
    listener = _PauseOnFirst()
    capture = FrameCapture(CameraSource(path=str(path), realtime=True), listener, _NoAnalysis())
    listener.capture = capture
    capture.start()
    try:
        assert listener.first.wait(20)
        # Paused from inside the first frame's callback: the reader cannot have read another.
        assert listener.captured == [0] and capture.running
        capture.pause(False)
        assert listener.stopped.wait(20)
    finally:
        capture.stop()
    assert listener.captured == [0, 1, 2, 3] and listener.errors == []
