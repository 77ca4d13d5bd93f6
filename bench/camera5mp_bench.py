"""A 5 MP document camera at the counter: peak memory, and a page captured, flattened and saved.

Recorded frames stand in for the camera: generated photos of an A4 form on a desk
(devices/camera/synthetic.py), scaled to 2592×1944 (5 MP) and written to one video file in which
the clerk lays page after page (a moment of empty desk, then the page held still for two
seconds). The file plays in real time (15 frames/s) through ``cv2.VideoCapture``, as a live
camera would, so stale frames are dropped as they would be.

A child process runs the counter: the main window on the demo station's data (made, with its
database migrated, by an earlier start, as a counter's database is in the morning), a draft case opened
at its materials step, and the 高拍仪 window (F7 on a material) showing the stream with
auto-capture on, as at the counter. Each page laid is captured when it comes to rest, flattened
on the task manager's pool (devices/camera/document.py) and listed; 保存 stores the pages as the
material's pages of the case (one DB op, JPEGs written and fsynced). Peak resident memory
(VmHWM) is of that process, against the same counter left idle.

Per page: from the frame's capture to the page listed (capture → flatten), and the store op's
time per page (save). With ``TONGBAN_BENCH_BASELINE`` set to a checkout of an earlier version,
the same child runs on that code too, in the same run (the before/after columns).
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.counter_child import run_counter_child, source_trees

W, H = 2592, 1944
FPS = 15.0
HOLD_FRAMES = 30  # two seconds on each page
GAP_FRAMES = 6  # empty desk between pages

CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TONGBAN_CARD_BACKEND", "none")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from sqlalchemy import select
from desktop.main_window import MainWindow
from devices.camera.base import CameraSource
from models.demo import seed_demo
from models.lifecycle import CaseState
from models.orm import Case
from models.settings import CAMERA
from models.store import open_store


def status(key):
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith(key + ":")) // 1024


def spin(until, timeout=300.0):
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the counter did not get there in time")
        app.processEvents()
        time.sleep(0.002)


mode, video, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = open_store()
if mode == "prepare":  # the station as it is before the day: created, migrated, its cases in
    with store.db.write() as s:
        seed_demo(s, store.paths)
    store.close()
    print(json.dumps({}))
    sys.exit(0)
with store.db.read() as s:
    case_no = s.scalars(select(Case.case_no).where(Case.state == CaseState.DRAFT)).first()
window = MainWindow(store, "基准站", "522701001", "乡镇", choose_file=lambda _p: None)
window.show()
for _ in range(200):
    app.processEvents()
    time.sleep(0.005)
out = {"idle_rss_mb": status("VmRSS")}
if mode == "camera":
    flow = window.intake
    window.resume_draft(case_no)
    spin(lambda: flow.draft is not None and not window.ops.busy)
    flow.go_materials()
    spin(lambda: not window.ops.busy)
    if flow.materials.draft is None:  # the demo draft's form is incomplete: its checklist as it is
        flow.materials.load(flow.item, flow.draft)
    key = next(iter(flow.materials.rows))
    CAMERA.set(store.settings, video)
    window.photograph(key)  # F7 on the material: the 高拍仪 window on the camera in settings
    capture, bridge = window.page_capture, window.camera_bridge
    capture.id_mode.setChecked(False)
    capture.auto.setChecked(True)
    taken = []  # the capture time of each frame the window photographs
    bridge.page_steady.connect(lambda frame: taken.append(frame.timestamp))
    bridge.start(CameraSource(path=video, realtime=True), "document")  # played at 15 frames/s
    done, flatten = 0, []
    while done < pages:
        spin(lambda: len(capture.pages) > done or not bridge.running)
        if len(capture.pages) == done:
            break  # the recording ended
        flatten.append(time.monotonic() - taken[done])
        done += 1
    bridge.stop()
    before = flow.materials.draft.files.get(key, 0)
    t0 = time.perf_counter()
    capture.save()  # 保存: the pages become the material's pages of the case
    spin(lambda: not window.ops.busy and flow.materials.draft.files.get(key, 0) == before + done)
    out.update(pages=done, flatten_s=flatten, save_s=time.perf_counter() - t0)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.005)
out["peak_mb"] = status("VmHWM")  # this process's own peak (ru_maxrss would carry the parent's)
print(json.dumps(out))
"""


def _child(src: str, mode: str, video: str, pages: int, home: str) -> dict[str, Any]:
    """The counter started on a station made (and migrated) by an earlier start, as in the morning."""
    run_counter_child(CHILD, ["prepare", video, str(pages)], src, home, timeout=900)
    return run_counter_child(CHILD, [mode, video, str(pages)], src, home, timeout=900)


def record(path: str, pages: int) -> None:
    """The clerk lays ``pages`` sheets one after another under a 5 MP camera."""
    import cv2
    import numpy as np

    from devices.camera import synthetic

    desk = np.full((H, W, 3), 70, np.uint8)
    writer = cv2.VideoWriter(path, cv2.VideoWriter.fourcc(*"MJPG"), FPS, (W, H))
    try:
        for seed in range(pages):
            page = cv2.resize(synthetic.photographed_page(seed=seed), (W, H))
            for _ in range(GAP_FRAMES):
                writer.write(desk)
            for _ in range(HOLD_FRAMES):
                writer.write(page)
        writer.write(desk)
    finally:
        writer.release()


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{1000 * statistics.median(values):.0f} / {1000 * p95:.0f}"


def run(pages: int = 6) -> str:
    trees, label = source_trees("this version")
    results: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="tongban-5mp-") as tmp:
        video = str(Path(tmp, "stream.avi"))
        record(video, pages)
        for n, (name, src) in enumerate(trees.items()):
            idle = _child(src, "idle", video, pages, str(Path(tmp, f"idle{n}")))
            camera = _child(src, "camera", video, pages, str(Path(tmp, f"cam{n}")))
            results[name] = (idle, camera)
    names = list(results)
    rows = []

    def row(title: str, cell: Callable[[tuple[dict[str, Any], dict[str, Any]]], object]) -> None:
        rows.append(f"| {title} | " + " | ".join(str(cell(results[k])) for k in names) + " |")

    row("counter idle: main window on demo data, peak RSS MB", lambda r: r[0]["peak_mb"])
    row("counter idle: RSS once settled, MB", lambda r: r[0]["idle_rss_mb"])
    row(
        f"**counter with the 高拍仪 window on the 5 MP stream, {pages} pages: peak RSS MB**",
        lambda r: f"**{r[1]['peak_mb']}**",
    )
    row("pages auto-captured", lambda r: r[1]["pages"])
    row("capture → flattened page listed, median / p95 ms", lambda r: _ms(r[1]["flatten_s"]))
    row(
        "saved (stored as the material's pages, fsynced), ms per page",
        lambda r: f"{1000 * float(r[1]['save_s']) / max(1, int(r[1]['pages'])):.0f}",
    )
    row(
        "**captured, flattened and saved, median / p95 ms**",
        lambda r: _ms([f + float(r[1]["save_s"]) / max(1, int(r[1]["pages"])) for f in r[1]["flatten_s"]]),
    )
    return "\n".join(
        [
            "## 5 MP document camera",
            "",
            f"One recording of {pages} A4 forms laid one after another under a {W}×{H} camera (generated, "
            f"{HOLD_FRAMES} frames on each page, played at {FPS:.0f} frames/s through OpenCV). The counter's main "
            "window on demo data, a draft at its materials step, the 高拍仪 window (F7) with auto-capture on; "
            "each page is captured when it comes to rest, flattened on the pool, then 保存 stores them "
            "(bench/camera5mp_bench.py)." + (" Before: " + label + "." if label else ""),
            "",
            "| | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
            *rows,
        ]
    )


if __name__ == "__main__":
    print(run())
