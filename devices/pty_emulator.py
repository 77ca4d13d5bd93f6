"""The pseudo-terminal side of a virtual serial device (demo and tests, Linux/macOS).

A ``PtyLink`` opens a pty pair, puts the slave in raw mode (as pyserial does on open) and answers
on a thread whatever the host writes to the slave: ``respond`` gets the bytes read and returns
the bytes to send back (b"" for none). The virtual ID card reader and evaluator pad each wrap
their device logic around one; ``lock`` guards that logic against the control commands the
emulator's own process reads from stdin.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable


class PtyLink:
    def __init__(self, respond: Callable[[bytes], bytes]) -> None:
        import tty

        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self.lock = threading.Lock()
        self._respond = respond
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        import select

        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except OSError:
                continue
            with self.lock:
                out = self._respond(data)
            if out:
                self.write(out)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.master, view)
            view = view[n:]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        os.close(self.master)
        os.close(self._slave)
