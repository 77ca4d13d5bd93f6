"""Peak memory of the counter with the camera running, against the counter idle.

Two child processes open the main window on demo data; the second also runs a capture of
recorded 1280×720 frames through the QR analyser (the camera path at the counter) and the
camera bridge for the viewfinder. Peak resident memory (VmHWM) of each is reported.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.counter_child import run_counter_child, source_trees

CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from models.store import open_store
from models.demo import seed_demo
from desktop.main_window import MainWindow
store = open_store()
with store.db.write() as s:
    seed_demo(s, store.paths)
window = MainWindow(store, "基准站", "522701001", "乡镇")
window.show()
frames = 0
if sys.argv[1] == "camera":
    from desktop.camera_bridge import CameraBridge
    from widgets.viewfinder import Viewfinder
    bridge = CameraBridge()
    viewfinder = Viewfinder()
    viewfinder.show()
    shown = []
    stopped = []
    bridge.frame_ready.connect(lambda img: (viewfinder.set_frame(img), shown.append(1)))
    bridge.capture_stopped.connect(lambda: stopped.append(1))
    bridge.start(sys.argv[2])
    deadline = time.monotonic() + 120
    while not stopped and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    frames = len(shown)
    bridge.stop()
else:
    for _ in range(200):
        app.processEvents()
        time.sleep(0.005)
# VmHWM belongs to this process's own address space; ru_maxrss would include the parent's
# peak, which Linux carries across fork and exec.
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"maxrss_kb": hwm, "frames": frames}))
"""


def _child(mode: str, video: str, home: str, src: str) -> dict[str, int]:
    return run_counter_child(CHILD, [mode, video], src, home, timeout=300)


def run(frames: int = 300) -> str:
    from devices.camera import synthetic

    with tempfile.TemporaryDirectory(prefix="tongban-mem-") as tmp:
        video = str(Path(tmp) / "counter.avi")
        token = "4243754826492874240001130000"
        plain = synthetic.Degradation()
        images = [synthetic.phone_frame(token if i % 3 else None, plain, seed=i) for i in range(frames)]
        synthetic.write_video(video, images)
        del images
        trees, label = source_trees("peak RSS MB")
        figures = {
            name: (
                _child("idle", video, str(Path(tmp) / f"a{n}"), src),
                _child("camera", video, str(Path(tmp) / f"b{n}"), src),
            )
            for n, (name, src) in enumerate(trees.items())
        }
    names = list(figures)
    last_idle, last_cam = (figures[names[-1]][0]["maxrss_kb"] / 1024, figures[names[-1]][1]["maxrss_kb"] / 1024)
    frames = figures[names[-1]][1]["frames"]
    cells = lambda k: " | ".join(f"{figures[n][k]['maxrss_kb'] / 1024:.0f}" for n in names)  # noqa: E731
    return "\n".join(
        [
            "## Memory with the camera running",
            "",
            "| process | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
            f"| main window on demo data, idle | {cells(0)} |",
            f"| same, camera showing {frames} recorded 1280×720 frames through the QR analyser | {cells(1)} |",
            "",
            f"After: the camera path adds {last_cam - last_idle:.0f} MB ({last_cam / last_idle:.2f}× the idle counter)"
            + (f"; before: {label}." if label else "."),
        ]
    )


if __name__ == "__main__":
    print(run())
