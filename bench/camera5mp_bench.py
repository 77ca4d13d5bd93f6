"""A 5 MP document camera: one page captured, flattened and saved, and the memory it takes.

Recorded frames stand in for the camera: generated photos of an A4 form on a desk
(devices/camera/synthetic.py), scaled to 2592×1944 (5 MP), written to a video file and read back
frame by frame with OpenCV, as a recorded stream is. Per page: the frame copied out of the
stream (capture), ``process_page`` (found, flattened, deskewed, enhanced, sized) and
``models.media.store_bytes`` (written durably, fsynced). Peak RSS is of a separate process that
runs the same loop over the whole recording, beside one that only imports what it needs: the
pipeline's own cost, not the counter's (the counter's figure is the memory section's).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

W, H = 2592, 1944

CHILD = r"""
import sys, tempfile
from pathlib import Path
import cv2
from devices.camera.document import process_page
from models.media import store_bytes
if sys.argv[2] == "pipeline":
    cap = cv2.VideoCapture(sys.argv[1])
    media = Path(tempfile.mkdtemp())
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        page = process_page(frame.copy())
        store_bytes(media, page.jpeg)
# VmHWM, not ru_maxrss: after exec, ru_maxrss still counts the forking parent's memory.
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(hwm.split()[1]) // 1024)
"""


def run(pages: int = 6) -> str:
    import cv2

    from devices.camera import synthetic
    from devices.camera.document import process_page
    from models.media import store_bytes

    with tempfile.TemporaryDirectory(prefix="tongban-5mp-") as tmp:
        video = str(Path(tmp, "stream.avi"))
        frames = [cv2.resize(synthetic.photographed_page(seed=s), (W, H)) for s in range(pages)]
        synthetic.write_video(video, frames)
        del frames
        cap = cv2.VideoCapture(video)
        media = Path(tmp, "media")
        capture, flatten, save, kb = [], [], [], []
        while True:
            ok, frame = cap.read()
            if not ok:
                break
            assert frame.shape[:2] == (H, W), frame.shape
            t0 = time.perf_counter()
            still = frame.copy()
            t1 = time.perf_counter()
            page = process_page(still)
            t2 = time.perf_counter()
            store_bytes(media, page.jpeg)
            t3 = time.perf_counter()
            capture.append(t1 - t0)
            flatten.append(t2 - t1)
            save.append(t3 - t2)
            kb.append(len(page.jpeg) / 1024)
        cap.release()
        rss = {
            kind: int(subprocess.run([sys.executable, "-c", CHILD, video, kind], capture_output=True, text=True,
                                     check=True).stdout.split()[-1])
            for kind in ("imports", "pipeline")
        }
    total = [a + b + c for a, b, c in zip(capture, flatten, save, strict=True)]

    def ms(values: list[float]) -> str:
        return f"{1000 * statistics.median(values):.0f} | {1000 * max(values):.0f}"

    return "\n".join(
        [
            "## 5 MP document camera",
            "",
            f"{len(total)} recorded {W}×{H} frames of an A4 form on a desk (generated, scaled to 5 MP, read back "
            "from a video file with OpenCV); per page:",
            "",
            "| step | median ms | slowest ms |",
            "|---|---|---|",
            f"| capture (frame copied out of the stream) | {ms(capture)} |",
            f"| page found, flattened, deskewed, enhanced, sized (devices/camera/document.py) | {ms(flatten)} |",
            f"| saved (models/media.py, fsynced) | {ms(save)} |",
            f"| **captured, flattened and saved** | {ms(total)} |",
            "",
            f"Pages of {statistics.median(kb):.0f} KB (median). Peak RSS of a process running this loop over the "
            f"recording: {rss['pipeline']} MB, against {rss['imports']} MB for the same imports alone "
            f"(+{rss['pipeline'] - rss['imports']} MB for 5 MP frames through the pipeline). Not measured: the "
            "counter's main window with the camera window showing a 5 MP stream (the camera window is being "
            "reworked); the memory section's 720p figure is the counter's.",
        ]
    )


if __name__ == "__main__":
    print(run())
