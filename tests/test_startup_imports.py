"""Start-up stays light: the command line and the login window import nothing heavy.

Not a timing test (those are in bench/startup_bench.py): it checks which modules are loaded,
so a stray top-level import of SQLAlchemy, opencv, reportlab or pyscard fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "cv2", "reportlab", "smartcard", "numpy", "alembic")

CHILD = r"""
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.cli.main import build_parser
from desktop.cli import common
common.ARGS = build_parser().parse_args(["gui"])
from desktop.app import make_login_dialog
from models.paths import data_paths
dialog = make_login_dialog(data_paths(), demo=False)
dialog.show()
app.processEvents()
print(json.dumps(sorted(m for m in %r if m in sys.modules)))
"""


def test_parser_and_login_window_load_no_heavy_module(tongban_home: Path) -> None:
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD % (HEAVY,)], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
