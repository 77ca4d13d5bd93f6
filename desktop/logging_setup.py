"""Logging configured once: a rotating file in the data directory plus stderr for warnings.

Never log personal data in clear (names, ID numbers, card contents): mask with
models.masking before a value reaches a log call.
"""

from __future__ import annotations

import logging
import logging.handlers

from models.paths import data_paths

_configured = False


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
    console.setFormatter(fmt)
    root.addHandler(console)
    if to_file:
        try:
            logs = data_paths().logs
            logs.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                logs / "tongban.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError:
            return  # read-only or full disk: keep console logging only
        handler.setFormatter(fmt)
        root.addHandler(handler)
