"""Guard for the Qt binding itself: objects sent from worker threads through Signal(object).

Every background mechanism here relies on it (desktop/operations.py, the card and camera
bridges). PySide6 6.12.0 broke it: reference counts went wrong (the process aborted with
"none_dealloc") and every camera frame leaked. This runs the pattern in a child process, so
a broken binding fails this test instead of crashing the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = r"""
import gc, threading
import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Relay(QObject):
    sent = Signal(object)
relay = Relay()
got = []
# At most two frames in flight, as the camera bridge does: a backlog cannot grow, only a leak can.
in_flight = threading.Semaphore(2)
def deliver(obj):
    got.append(int(obj[0, 0, 0]))
    in_flight.release()
relay.sent.connect(deliver)
def worker():
    for i in range(300):
        in_flight.acquire()
        relay.sent.emit(np.full((720, 1280, 3), i % 200, dtype=np.uint8))  # a 2.7 MB camera frame
thread = threading.Thread(target=worker)
thread.start()
while thread.is_alive() or len(got) < 300:
    app.processEvents()
gc.collect()
# VmHWM is this process's own peak; ru_maxrss would carry the pytest parent's peak over exec.
hwm_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(len(got), sum(got), hwm_kb // 1024)
"""


def test_cross_thread_object_signals_neither_crash_nor_leak() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    count, total, peak_mb = (int(x) for x in out.stdout.split())
    assert count == 300 and total == sum(i % 200 for i in range(300))
    assert peak_mb < 300, f"frames were kept alive: peak {peak_mb} MB for 300 frames of 2.7 MB"
