"""Material photo pipeline on generated photographs of paper (devices/camera/document.py)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera import document as doc
from devices.camera import synthetic as syn
from devices.camera.base import Frame


def _legibility(processed: bytes, truth: np.ndarray) -> float:
    """Correlation between the processed page and the page as printed (1.0 = identical), after a
    light blur so that a pixel or two of misregistration does not count as illegible."""
    out = cv2.imdecode(np.frombuffer(processed, np.uint8), cv2.IMREAD_GRAYSCALE)
    ref = cv2.cvtColor(truth, cv2.COLOR_BGR2GRAY)
    ref = cv2.resize(ref, (out.shape[1], out.shape[0]), interpolation=cv2.INTER_AREA)
    out, ref = cv2.GaussianBlur(out, (0, 0), 2), cv2.GaussianBlur(ref, (0, 0), 2)
    return float(np.corrcoef(out.ravel().astype(np.float32), ref.ravel().astype(np.float32))[0, 1])


@pytest.mark.parametrize(("seed", "tilt", "rotate"), [(0, 0.12, 6.0), (1, 0.2, -9.0), (2, 0.05, 2.0)])
def test_photographed_page_is_flattened_small_and_legible(seed: int, tilt: float, rotate: float) -> None:
    truth = syn.document_page(seed)
    photo = syn.photographed_page(seed, tilt=tilt, rotate=rotate, page=truth)
    page = doc.process_page(photo, target_bytes=180_000)
    assert page.page_found
    assert page.size <= 180_000
    assert page.jpeg[:2] == b"\xff\xd8"
    assert abs(page.height / page.width - doc.A4_RATIO) < 0.01
    assert _legibility(page.jpeg, truth) > 0.65
    _ok, raw = cv2.imencode(".jpg", cv2.resize(photo, (page.width, page.height)))
    assert _legibility(raw.tobytes(), truth) < 0.3  # the check can fail: an unflattened photo does


def test_tighter_budget_is_met_by_lowering_quality() -> None:
    photo = syn.photographed_page(3)
    loose = doc.process_page(photo, target_bytes=200_000)
    tight = doc.process_page(photo, target_bytes=50_000)
    assert tight.size <= 50_000 < loose.size
    assert tight.quality < loose.quality


def test_skew_of_a_flat_scan_is_measured() -> None:
    gray = cv2.cvtColor(syn.document_page(4), cv2.COLOR_BGR2GRAY)
    rotated = doc.rotate(gray, -5.0)
    assert doc.estimate_skew(rotated) == pytest.approx(5.0, abs=0.5)
    assert doc.estimate_skew(gray) == pytest.approx(0.0, abs=0.3)


def test_no_page_on_an_empty_desk() -> None:
    desk = np.random.default_rng(0).normal(80, 10, (720, 1280, 3)).clip(0, 255).astype(np.uint8)
    assert doc.detect_page(desk) is None
    assert not doc.process_page(desk).page_found


def test_steady_tracker_waits_for_a_still_page() -> None:
    photo = syn.photographed_page(5)
    analyser = doc.PageFrameAnalyser(doc.SteadyTracker(frames=4))
    results = [analyser.analyse(Frame(seq=i, timestamp=0.0, image=photo)) for i in range(5)]
    assert [r.steady for r in results] == [False, False, False, True, True]
    assert len(results[0].page_corners) == 4
    moved = np.roll(photo, 120, axis=1)
    assert not analyser.analyse(Frame(seq=5, timestamp=0.0, image=moved)).steady


def test_empty_image_is_refused() -> None:
    from models.errors import UserFacingError

    with pytest.raises(UserFacingError) as info:
        doc.process_page(np.empty((0, 0, 3), np.uint8))
    assert info.value.code == "photo.empty_image"


def test_auto_capture_fires_once_per_page_placement() -> None:
    from devices.camera.document import AutoCapture

    auto = AutoCapture(moved_fraction=0.05)
    quad = ((100.0, 100.0), (900.0, 120.0), (880.0, 1000.0), (90.0, 980.0))
    jitter = tuple((x + 3, y - 2) for x, y in quad)
    moved = tuple((x + 300, y) for x, y in quad)
    diagonal = 2200.0
    assert not auto.update(quad, False, diagonal)  # not at rest yet
    assert auto.update(quad, True, diagonal)  # at rest: capture
    assert not auto.update(jitter, True, diagonal)  # the same page, still lying there
    assert not auto.update(moved, False, diagonal)  # next page laid down, still moving
    assert auto.update(moved, True, diagonal)  # …and at rest
    assert not auto.update((), False, diagonal)  # desk empty
    assert auto.update(moved, True, diagonal)  # the same spot again after removal: a new page


def test_a_reduced_copy_made_on_the_capture_thread_finds_the_same_page_in_camera_pixels() -> None:
    """PageFrameAnalyser.prepare: the analysis thread gets the 640-pixel copy it looks at anyway,
    not a second 5 MP frame; the outline it reports is still in the camera frame's pixels."""
    photo = cv2.resize(syn.photographed_page(3), (2592, 1944))
    full = doc.PageFrameAnalyser(doc.SteadyTracker(frames=3))
    reduced = doc.PageFrameAnalyser(doc.SteadyTracker(frames=3))
    for seq in range(4):
        frame = Frame(seq=seq, timestamp=0.0, image=photo)
        small = reduced.prepare(frame)
        assert max(small.image.shape[:2]) == 640 and small.scale == pytest.approx(640 / 2592)
        a, b = full.analyse(frame), reduced.analyse(small)
        assert len(a.page_corners) == 4 and b.steady == a.steady
        assert np.allclose(a.page_corners, b.page_corners, atol=1.0)
    assert b.steady  # still page: steady after three frames, on the copy as on the full frame
    already_small = Frame(seq=9, timestamp=0.0, image=np.zeros((480, 640, 3), np.uint8))
    assert reduced.prepare(already_small) is already_small
