"""Logging configured once: a rotating file in the data directory plus stderr for warnings.

Never log personal data in clear (names, ID numbers, card contents): mask with
models.masking before a value reaches a log call.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers

from models.paths import data_paths

_configured = False


class _ConsoleFormatter(logging.Formatter):
    """One line per record on the console: tracebacks go to the log file only (issue 17)."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return super().format(record)


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, which on a full or read-only disk goes quiet instead of printing
    logging's own "--- Logging error ---" traceback on stderr for every record (issue 17 item
    14). It says so once, in one line, and tries again after a minute (space may be freed)."""

    _failed_at: float | None = None

    def emit(self, record: logging.LogRecord) -> None:
        import time

        if self._failed_at is not None and time.monotonic() - self._failed_at < 60:
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        import sys
        import time

        first = self._failed_at is None
        self._failed_at = time.monotonic()
        if first:
            with contextlib.suppress(Exception):
                sys.stderr.write("日志文件无法写入（磁盘已满或只读），日志暂停记录。\n")


def configure_logging(verbose: bool = False, to_file: bool = True) -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(_ConsoleFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if to_file:
        try:
            logs = data_paths().logs
            logs.mkdir(parents=True, exist_ok=True)
            handler = _QuietFileHandler(
                logs / "tongban.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError:
            return  # read-only or full disk: keep console logging only
        handler.setFormatter(fmt)
        root.addHandler(handler)
